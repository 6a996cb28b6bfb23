"""Figures of notebook 03, *Markets from below: plan and market*.

Each function returns a matplotlib Figure in the course style with its source
line drawn under it; the notebook shows it in one line and gives the text
alternative (the docstring's last paragraph) in the markdown cell after it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from course import plots
from course.data import markets

__all__ = ["prices_and_rates", "wage_in_rice", "spread_of_markets"]

NETWORKS = ("Daily NK", "ASIAPRESS", "Good Friends", "Open Radio for North Korea", "Other reports")
_NETWORK_MARKERS = dict(zip(NETWORKS, ("o", "s", "^", "D", "X")))
_ITEM_COLOURS = {"rice": plots.PALETTE[0], "maize": plots.PALETTE[1],
                 "usd_rate": plots.PALETTE[4], "official": plots.PALETTE[5]}
_ITEM_NAMES = {"rice": "rice", "maize": "maize", "usd_rate": "market rate"}
_REDENOMINATION_X = 2009 + 10 / 12 + 29 / 365.25


def _mark_redenomination(ax, y_text: float) -> None:
    ax.axvspan(2006.8, _REDENOMINATION_X, color="#eeeeee", linewidth=0, zorder=0)
    ax.axvline(_REDENOMINATION_X, color="#555555", linewidth=1.0, linestyle="--")
    ax.text(_REDENOMINATION_X + 0.15, y_text, "30 Nov 2009: redenomination,\n100 old won = 1 new won;"
            "\nearlier reports divided by 100", fontsize=7, color="#333333", va="bottom")


def prices_and_rates() -> Figure:
    """Market prices of rice and maize, and the market exchange rate, 2007-2026.

    Every report in table ``market_prices`` as one point, in new won on a log
    scale: reports before the November 2009 redenomination (grey band) were in
    old won and are divided by 100. Colour gives the item, the marker the
    reporting network, so reports that disagree stand side by side; the two
    largest disagreements (:func:`course.data.markets.disagreements`) are
    labelled. The lower panel adds the official exchange rate (table rows
    ``usd_rate_official``).

    Tables: ``market_prices`` (through :func:`course.data.markets.prices`) and
    ``events`` (the redenomination).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: won per kg and won per US dollar against the year.

    Text alternative
    ----------------
    Two panels on log scales. In new won, rice costs about 10
    per kg in 2007 and up to 45 in 2008, 22-25 right after the November 2009
    redenomination, 900-1,300 during 2010, mostly 4,000-7,000 from 2012 to 2023,
    and 18,000 in January 2026; maize costs roughly half as much as rice. The
    market dollar rate goes from 38 won just after the redenomination to about
    8,000 from 2013 to 2023 and over 30,000 in 2025, while the official rate
    stays near 100-135. Two labels mark months in which reporters disagree by
    more than half.
    """
    rows = markets.prices(("rice", "maize", "usd_rate"))
    official = _official_rates()
    fig, (top, bottom) = plots.figure(2, 1, figsize=(7.5, 6.4))
    for ax, items in ((top, ("rice", "maize")), (bottom, ("usd_rate",))):
        for item in items:
            for network in NETWORKS:
                sel = rows[(rows["item"] == item) & (rows["network"] == network)]
                if sel.empty:
                    continue
                ax.plot(sel["when"], sel["value"], linestyle="none",
                        marker=_NETWORK_MARKERS[network], markersize=4.5, alpha=0.85,
                        color=_ITEM_COLOURS[item], markerfacecolor="none" if item == "maize" else None,
                        label=f"{_ITEM_NAMES[item]}, {network}")
        plots.log_scale(ax, "y")
        ax.set_xlim(2006.8, 2026.4)
    bottom.plot(official["when"], official["value"], linestyle=":", marker="v", markersize=5,
                color=_ITEM_COLOURS["official"], label="official rate")
    top.set_ylim(1, 100000)
    bottom.set_ylim(10, 100000)
    _mark_redenomination(top, 1.3)
    _mark_redenomination(bottom, 13)
    top.set_ylabel("won per kg (log scale)")
    bottom.set_ylabel("won per US dollar (log scale)")
    top.set_title("Market prices of rice and maize")
    bottom.set_title("Exchange rate: market and official")
    for ax in (top, bottom):
        plots.year_axis(ax)  # whole years on both panels, not 2007.5
    top.set_xlabel("")
    _label_disagreement(top, "rice", "Pyongyang, June 2021", (2014.0, 12))
    _label_disagreement(bottom, "usd_rate", "Pyongyang, Nov 2024", (2014.5, 600))

    # One legend entry per plotted series (colour = item, marker = reporting network).
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, title="item, reporter",
               title_fontsize=7.5)
    bottom.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    fig.subplots_adjust(right=0.72, hspace=0.35)
    plots.add_source(fig, "Sources: reports of market prices by Daily NK (often via copy sites), "
                     "ASIAPRESS, Good Friends, Open Radio for North Korea and others, course table "
                     "market_prices (ids in course.data.markets.prices()); official rate: same table "
                     "(usd_rate_official); redenomination: table events (japantimes_2010_01_10).")
    return fig


def _official_rates():
    import pandas as pd

    from course.data.loader import load

    table = load("market_prices")
    table = table[table["item"] == "usd_rate_official"].copy()
    table["when"] = table["date"].map(markets._decimal_year)
    table["value"] = table["value_new_kpw"]
    return pd.DataFrame(table[["when", "value", "source_id"]])


def _label_disagreement(ax, item: str, text: str, where: tuple[float, float]) -> None:
    gaps = markets.disagreements(item)
    if gaps.empty:
        return
    gap = gaps.sort_values("ratio").iloc[-1]
    x = markets._decimal_year(gap["month"])
    ax.annotate(f"{text}:\n{gap['low']:,.0f} ({gap['low_network']}) vs\n"
                f"{gap['high']:,.0f} ({gap['high_network']})",
                xy=(x, gap["high"]), xytext=where, fontsize=7,
                color="#333333", arrowprops={"arrowstyle": "->", "color": "#555555",
                                             "linewidth": 0.8})


def wage_in_rice() -> Figure:
    """What a month's state wage buys in kilograms of rice, by year and city.

    For each year with both data, each wage of an ordinary worker or teacher in
    table ``wages`` divided by the median market price of rice in that year and
    city (:func:`course.data.markets.wage_in_rice`): a bar from the lowest to
    the highest wage reported, a marker at their median. For 2002 the wage is
    divided by the *state* price of rice instead; 2009 uses the first pay in
    new won after the redenomination and the prices of December 2009. Log scale.

    Tables: ``wages`` and ``market_prices`` (through
    :func:`course.data.markets.wage_in_rice`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: kg of rice per month's wage against the year.

    Text alternative
    ----------------
    In 2002 a worker's monthly wage bought about 29-57 kg of
    rice at the state price; in December 2009, right after the redenomination,
    about 64-106 kg at market prices; from 2012 to 2023 between a quarter of a
    kilogram and two kilograms in every city; after the 2023 wage reform, in
    2025, about 3-12 kg.
    """
    table = markets.wage_in_rice()
    table = table[table["group"] == "workers and teachers"]
    years = sorted(table["year"].unique())
    places = ["state price", *markets.CITIES, markets.OTHER]
    shown = [p for p in places if p in set(table["city"])]
    width = 0.8 / len(shown)
    fig, ax = plots.figure(figsize=(7.5, 4.0))
    for i, place in enumerate(shown):
        style = plots.style(i)
        sel = table[table["city"] == place]
        stats = sel.groupby("year")["kg"].agg(["min", "median", "max"])
        x = np.array([years.index(y) for y in stats.index]) + (i - (len(shown) - 1) / 2) * width
        ax.vlines(x, stats["min"], stats["max"], color=style["color"], linewidth=2.2, alpha=0.7)
        ax.plot(x, stats["median"], linestyle="none", marker=style["marker"],
                color=style["color"], markersize=6, label=place)
    ax.axhline(1.0, color="#555555", linewidth=0.8, linestyle=":")
    ax.text(len(years) - 0.5, 1.08, "1 kg", fontsize=7.5, color="#444444", ha="right")
    plots.log_scale(ax, "y")
    ax.set_ylim(0.1, 200)  # from 0.1, so a labelled tick sits below the smallest wages
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlabel("year (only years with both a wage and a price)")
    ax.set_ylabel("kg of rice per month's wage (log scale)")
    ax.set_title("What a month's state wage buys: kilograms of rice")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title="rice price",
              title_fontsize=8)
    fig.subplots_adjust(right=0.74)
    plots.add_source(fig, "Source: computed from monthly wages of workers and teachers (course table wages: "
                     "Daily NK, Good Friends, Lankov, RFA, ASIAPRESS, 38 North and others) divided by "
                     "the median market price of rice in the same year and city (table market_prices); "
                     "2002: state price. Rows and ids: course.data.markets.wage_in_rice().")
    return fig


# Series of table household_market_income that measure income from markets.
INCOME_SERIES = ("respondents_half_or_more_income_from_private_business",
                 "defectors_living_from_private_sector",
                 "expert_estimate_income_share_from_markets_low",
                 "expert_estimate_income_share_from_markets_high",
                 "lit_summary_informal_share_of_income_min",
                 "respondents_almost_all_income_from_markets")


def spread_of_markets() -> Figure:
    """How far markets reach: counts of official markets, and income from markets.

    Left: counts of official markets by counter (table ``markets_count``);
    counts whose source gives no year are drawn at the right as "year not
    stated". Right: survey and expert figures on households' income from
    markets (table ``household_market_income``), each labelled with its year
    and what was measured; they measure different things and are not a series.

    Tables: ``markets_count`` and ``household_market_income`` (through
    :func:`course.data.markets.official_markets` and :func:`~course.data.markets.market_income`).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: market counts against the year; income shares in percent.

    Text alternative
    ----------------
    Left, satellite counts of official markets rise from 396
    (2015) to at least 436 (2018), with undated counts of 436, 439, 450 and
    468, and a South Korean estimate of more than 750 including gray markets
    (2015). Right, 34 percent of defectors who left in 2006-2010 and 48
    percent of those who left in 2016-2019 lived from the private sector; 69
    percent of refugees surveyed in 2008 earned half or more of their income
    in private business; experts put the share of income from markets at
    50-75 percent (2014) and at least 70 percent (2016); 72 percent of 36
    people surveyed inside the country in 2017 earned almost all their income
    from markets.
    """
    counts = markets.official_markets()
    income = markets.market_income()
    income = income[income["series"].isin(INCOME_SERIES)].reset_index(drop=True)
    fig, (left, right) = plots.figure(1, 2, figsize=(9.0, 3.9))
    counters = list(dict.fromkeys(counts["counter"]))
    undated_x = 2020.0
    for i, counter in enumerate(counters):
        sel = counts[counts["counter"] == counter]
        x = sel["year"].astype("Float64").fillna(undated_x).to_numpy(dtype=float)
        style = plots.style(i)
        left.plot(x, sel["value"], linestyle="none", marker=style["marker"],
                  color=style["color"], markersize=7, label=counter)
    left.axvline(2019.2, color="#999999", linewidth=0.8, linestyle=":")
    left.set_xticks([2014, 2016, 2018, undated_x], ["2014", "2016", "2018", "year not\nstated"])
    left.set_xlim(2013.5, 2021.0)
    left.set_ylim(0, 820)
    left.set_ylabel("markets")
    left.set_title("Official markets: counts")
    left.legend(loc="lower left", fontsize=7)

    y = np.arange(len(income))[::-1]
    style = plots.style(0)
    right.hlines(y, 0, income["value"], color="#bbbbbb", linewidth=1.0)
    right.plot(income["value"], y, linestyle="none", marker=style["marker"], color=style["color"])
    right.set_yticks(y, [f"{r.year}: {r.label}" for r in income.itertuples()], fontsize=7)
    right.set_xlim(0, 100)
    right.set_xlabel("percent")
    right.set_title("Income from markets")
    right.grid(axis="y", visible=False)
    fig.subplots_adjust(left=0.07, right=0.98, wspace=1.25)
    plots.add_source(fig, "Sources: course tables markets_count (Melvin via RFA and Daily NK Japan, "
                     "CSIS via USA Today, NIS, NKDI via UPI, KBS) and household_market_income "
                     "(Haggard & Noland survey, KANKS/HRI via Yonhap, SNU IPUS experts via WSJ, Kim & "
                     "Kim 2016, CSIS); ids in course.data.markets.official_markets() and market_income().")
    return fig

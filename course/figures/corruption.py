"""Figures of notebook 04, *Corruption and the wages of the state*.

Each function returns a matplotlib Figure in the course style with its source
line drawn under it; the notebook shows it in one line and gives the text
alternative (the docstring's last paragraph) in the markdown cell after it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from course import plots
from course.data import corruption
from course.data import sources

__all__ = ["wages_in_rice", "bribes_in_rice"]

_WHO = ("workers and teachers", "managers and officials")
def _publishers(ids) -> str:
    # Short publisher names (before the first comma or bracket), once each, in order:
    # the full names and ids are in the data views the docstrings point to.
    table = sources().set_index("source_id")["publisher"]
    flat = [i for joined in ids for i in str(joined).split(";") if i]
    names = dict.fromkeys(table[i].split(",")[0].split(" (")[0].strip() for i in flat)
    return "; ".join(names)


_KINDS = ("exemption from work", "payments to officials", "jobs and permits",
          "release or shorter sentence", "border crossing")


def wages_in_rice() -> Figure:
    """What a month's state wage buys at market prices, in kg of rice, by year.

    Every monthly wage in KPW from table ``wages`` divided by the median market
    price of rice in its year (table ``market_prices``), from
    :func:`course.data.corruption.wages_in_rice`; and the December 2009 pay of
    police officers and security agents (table ``corruption``) at the rice
    price right after the redenomination and in March 2010
    (:func:`course.data.corruption.pay_around_redenomination`). Log scale.

    Tables: ``wages``, ``corruption`` and ``market_prices``.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: kg of rice a month against the year.

    Text alternative
    ----------------
    On a log scale of kilograms of rice a month, reported
    state wages of workers, teachers, managers and officials buy between about
    a quarter of a kilogram and two kilograms from 2012 to 2023, and 3 to 15
    kilograms in 2025 after the October 2023 wage rise. Police and security pay
    of December 2009 bought 120 to 200 kilograms at the price just after the
    currency change, and 2 to 4 kilograms at the price of March 2010.
    """
    rows = corruption.wages_in_rice()
    police = corruption.pay_around_redenomination()
    fig, ax = plots.figure(figsize=(7.5, 4.2))
    for i, who in enumerate(_WHO):
        sel = rows[rows["who"] == who]
        jitter = 0.12 * (i - 0.5)
        ax.plot(sel["year"] + jitter, sel["kg"], linestyle="none", label=who,
                color=plots.PALETTE[i], marker=plots.MARKERS[i], markersize=6, alpha=0.85)
    for j, (date, x) in enumerate((("2009-12", 2009.95), ("2010-03", 2010.2))):
        sel = police[police["date"] == date]
        ax.plot(np.full(len(sel), x), sel["kg"], linestyle="none", color=plots.PALETTE[5],
                marker=("D", "v")[j], markersize=7, markerfacecolor="white" if j else None,
                markeredgewidth=1.5,
                label=("police & security, Dec 2009 pay at Dec 2009 price",
                       "the same pay at March 2010 price")[j])
    ax.axvspan(2023.8, 2024.2, color="#dddddd", linewidth=0)
    ax.text(2023.7, 40, "Oct 2023\nwage rise", ha="right", fontsize=7.5, color="#444444")
    plots.log_scale(ax, "y")
    ax.set_ylim(0.1, 400)
    ax.set_xlim(2009.3, 2025.7)
    plots.year_axis(ax)
    ax.set_ylabel("kg of rice a month (log scale)")
    ax.set_title("What a month's state wage buys at market prices")
    ax.legend(loc="upper left", bbox_to_anchor=(0.12, 1.0), fontsize=7.5)
    wage_ids = list(rows["source_id"]) + list(police["source_id"])
    price_ids = list(rows["rice_ids"]) + list(police["price_id"])
    plots.add_source(fig, "Source: computed as monthly wage / market price of rice (median of the year's reports; "
                     "December 2009 pay at that month's price). Wages: " + _publishers(wage_ids)
                     + ". Rice prices: " + _publishers(price_ids) + ". Tables wages, corruption, "
                     "market_prices; ids in course.data.corruption.wages_in_rice().")
    return fig


def bribes_in_rice() -> Figure:
    """Reported bribes and fees in kg of rice, each labelled by source, year and method.

    One row per payment of :func:`course.data.corruption.payments` that the
    tables can convert (amount times the year's market exchange rate over the
    year's market price of rice; ranges drawn as a line between two markers),
    on a log scale, beside the range of monthly state wages 2012-2023 in kg of
    rice from :func:`course.data.corruption.wages_in_rice`. Payments the tables
    cannot convert (no prices for the year, or South Korean won) are left out
    and listed in the notebook.

    Tables: ``corruption``, ``market_prices`` and ``wages``.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: one row per payment, kg of rice on a log axis.

    Text alternative
    ----------------
    On a log scale of kilograms of rice, reported payments
    run from about 2 kilograms (skipping a day of rice planting, 2013) and
    13 to 30 kilograms (a month's 8.3 work exemption, a potato-harvest
    exemption) through about 100 to 1,000 kilograms (a trader's monthly payment
    to security agents, release from prison, an inspector's visit) to several
    thousand (a river crossing to China, a post as a police officer in Hyesan,
    a broker to China). A grey band at the left marks a month's state wage,
    about a quarter of a kilogram to two kilograms.
    """
    rows = corruption.payments()
    rows = rows[rows["kg_low"].notna()].copy()
    rows["order"] = rows["kind"].map({k: i for i, k in enumerate(_KINDS)})
    rows = rows.sort_values(["order", "kg_low"]).reset_index(drop=True)
    wages = corruption.wages_in_rice()
    band = wages[wages["year"].between(2012, 2023)]["kg"]
    fig, ax = plots.figure(figsize=(7.5, 7.4))
    ax.axvspan(band.min(), band.max(), color="#cccccc", alpha=0.6, linewidth=0,
               label="a month's state wage, 2012-2023")
    y = np.arange(len(rows))[::-1]
    for yi, row in zip(y, rows.itertuples()):
        k = _KINDS.index(row.kind)
        style = dict(color=plots.PALETTE[k], marker=plots.MARKERS[k], markersize=6)
        ax.plot([row.kg_low, row.kg_high], [yi, yi], linestyle=plots.LINESTYLES[k],
                linewidth=1.6, **style)
    labels = [f"{r.label}, {r.year}\n{r.method}"
              + ("" if r.price_year == r.year else f" [{int(r.price_year)} prices]")
              for r in rows.itertuples()]
    ax.set_yticks(y, labels, fontsize=7)
    plots.log_scale(ax, "x")
    ax.set_xlim(0.1, 30000)
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.set_xlabel("kg of rice (log scale)")
    ax.set_title("Reported bribes and fees, in kg of rice")
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], color=plots.PALETTE[k], marker=plots.MARKERS[k],
                      linestyle=plots.LINESTYLES[k], label=kind) for k, kind in enumerate(_KINDS)]
    # The band's own patch as its legend entry, so the legend shows what is drawn.
    handles.append(ax.patches[0])
    ax.legend(handles=handles, loc="upper right", fontsize=7)
    plots.add_source(fig, "Sources: single reports, most from one source inside North Korea; who reported and "
                     "how in each label (publishers and ids in course.data.corruption.payments()). "
                     "Computed: amount x market exchange rate / market price of rice, medians of the "
                     "year (or the year in brackets); prices: " + _publishers(rows["price_ids"])
                     + ". Tables corruption, market_prices, wages.")
    fig.subplots_adjust(left=0.34, right=0.98, top=0.95)
    return fig

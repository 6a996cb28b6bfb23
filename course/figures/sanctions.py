"""Figures of notebook 02, *Sanctions, leakage and diplomacy*: exports, sanctions and aid."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from course import plots
from course.data import trade

#: The resolutions marked on the exports chart: the first two with exemptions
#: (2016), then the three sector bans of 2017, labelled together.
MARKED_RESOLUTIONS = ("2270", "2321", "2371", "2375", "2397")


def exports_and_resolutions(first: int = 2008, last: int = 2020) -> Figure:
    """North Korea's total exports and its exports to China, with the UN sanctions resolutions.

    Dotted vertical lines mark Resolutions 2270 and 2321 (2016) and the sector
    bans 2371, 2375 and 2397 (August–December 2017).

    Tables: ``trade_total`` (through :func:`course.data.trade.exports`),
    ``trade_china`` (through :func:`course.data.trade.china_share`) and ``events``
    (through :func:`course.data.trade.resolution_timeline`).

    Parameters
    ----------
    first, last : int
        Years shown (inclusive).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: billions of US dollars against the year.

    Text alternative
    ----------------
    North Korea's exports in billions of US dollars, with dotted lines at the
    2016 and 2017 resolutions: exports grow to about 3 billion in the early 2010s,
    hold up through 2016, then collapse to a small fraction in 2018–2020;
    exports to China follow the total closely.
    """
    exports = trade.exports(first, last)
    china = trade.china_share().query("@first <= year <= @last")
    timeline = trade.resolution_timeline(first, last)
    shown = timeline[timeline["resolution"].isin(MARKED_RESOLUTIONS)]

    fig, ax = plots.figure(figsize=(7.5, 4.0))
    ax.plot(exports["year"], exports["value"], label="total exports (BOK; KOTRA 2012-13)",
            **plots.style(0))
    ax.plot(china["year"], china["to_china"], label="of which to China (median of agencies)",
            **plots.style(1))
    for row in shown.itertuples():
        x = plots.decimal_year(row.date)
        ax.axvline(x, color="#777777", linewidth=0.8, linestyle=":")
        if row.date < "2017":
            ax.text(x - 0.05, 3.55, row.resolution, rotation=90, ha="right", va="top",
                    fontsize=7.5, color="#444444")
    ax.text(2018.05, 3.55, "2371, 2375, 2397\n(Aug-Dec 2017)", ha="left", va="top",
            fontsize=7.5, color="#444444")
    plots.year_axis(ax)
    ax.set_ylim(0, 3.6)
    ax.set_ylabel("US dollars, billion")
    ax.set_title("North Korea's exports and the UN sanctions resolutions")
    ax.legend(loc="lower left", fontsize=8)
    plots.add_source(fig, "Sources: Bank of Korea releases and KOTRA reports (course table "
                     "trade_total); China's imports from North Korea reported by Chinese customs, "
                     "KOTRA, KITA, Statistics Korea and UN Comtrade (trade_china); resolutions: "
                     "events table. Ids: trade.exports(), trade.china_share(), "
                     "trade.resolution_timeline().")
    return fig


def exports_to_china_by_agency(first: int = 2012, last: int = 2020) -> Figure:
    """North Korea's exports to China as each reporting agency tabulates them.

    One line per agency (the median where an agency has several reports), with
    a grey band from the lowest to the highest figure of each year.

    Tables: ``trade_china`` (series ``nk_exports_to_china_usd``), through
    :func:`course.data.trade.exports_to_china`.

    Parameters
    ----------
    first, last : int
        Years shown (inclusive).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: billions of US dollars against the year, legend on the right.

    Text alternative
    ----------------
    Exports to China by reporting agency: about 2.5 to 3 billion US dollars a
    year until 2016, 1.7 billion in 2017, about 0.2 billion in 2018 and 2019
    and less in 2020; agencies reporting the same year differ little.
    """
    to_china = trade.exports_to_china().loc[first:last]
    fig, ax = plots.figure()
    plots.draw_sources(ax, to_china, unit="US dollars, billion",
                       title="North Korea's exports to China, by reporting agency")
    plots.add_source(fig, "Sources: course table trade_china (series nk_exports_to_china_usd); "
                     "one line per agency, the median where an agency has several reports; ids "
                     "in trade.exports_to_china(long=True).")
    return fig


def humanitarian_appeals() -> Figure:
    """The UN's yearly humanitarian appeals for North Korea: amount requested and amount funded.

    Grey bars are the requests; hatched blue bars the part funded, computed from
    the latest funding share reported for the year (written above the bar, with
    the date of the report). Years without a label have no funding report in the data.

    Tables: ``humanitarian_aid``, through :func:`course.data.trade.appeals`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: millions of US dollars by year.

    Text alternative
    ----------------
    Bars of the UN's yearly request for North Korea, from about 200 million US
    dollars in 2012 to between about 100 and 150 million later, with the funded
    part shaded where a report exists: well under half in every such year.
    """
    appeal = trade.appeals()
    fig, ax = plots.figure()
    x = np.arange(len(appeal))
    ax.bar(x, appeal["requirement"], color="#d9d9d9", edgecolor="#555555",
           label="amount requested")
    funded = appeal["requirement"] * appeal["pct_funded"] / 100
    ax.bar(x, funded, color=plots.PALETTE[0], hatch="//", edgecolor="white",
           label="funded (computed from the share)")
    for xi, row in zip(x, appeal.itertuples()):
        if row.as_of:
            when = "final" if row.as_of == "final" else f"by {row.as_of}"
            ax.text(xi, row.requirement + 4, f"{row.pct_funded:g}%\n{when}", ha="center",
                    fontsize=7.5)
    ax.set_xticks(x, appeal["year"].astype(str))
    ax.set_ylim(0, 230)
    ax.set_ylabel("US dollars, million")
    ax.set_title("UN humanitarian appeals for North Korea: requested and funded")
    ax.legend(loc="upper right", fontsize=8)
    ax.grid(axis="x", visible=False)
    plots.add_source(fig, "Sources: UN OCHA, UN Resident Coordinator and press reports of them "
                     "(course table humanitarian_aid; ids in trade.appeals()). Shares are the "
                     "latest report found for each year; years without a bar label have no "
                     "funding report in the data.")
    return fig


__all__ = ["exports_and_resolutions", "exports_to_china_by_agency", "humanitarian_appeals"]

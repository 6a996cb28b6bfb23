"""Figures of notebook 07, *Inter-Korean engagement*: trade, the Kaesong zone and its wages."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from course import plots
from course.data import engagement


def trade_and_turning_points(first: int = 1989, last: int = 2020) -> Figure:
    """Inter-Korean trade by year, with the summits, sanctions and closures that shaped it.

    The line is total trade (the median where sources differ); square markers
    are the part that went in and out of the Kaesong complex, where reported.
    Dotted vertical lines mark :data:`course.data.engagement.TURNING_POINTS`.

    Tables: ``inter_korean_trade`` (through :func:`course.data.engagement.trade_by_year`
    and :func:`~course.data.engagement.kaesong_trade_by_year`) and ``events``.

    Parameters
    ----------
    first, last : int
        Years shown (inclusive).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: millions of US dollars against the year.

    Text alternative
    ----------------
    Inter-Korean trade rises from almost nothing in 1989 to about 425 million
    US dollars in 2000 and 1.8 billion in 2007-2008, dips in 2013, peaks at 2.7
    billion in 2015 and collapses after the 2016 closure of Kaesong to about 1
    million in 2017 and 32 million in 2018; from 2009 nearly all of it is
    Kaesong's trade.
    """
    total = engagement.trade_by_year().query("@first <= year <= @last")
    kaesong = engagement.kaesong_trade_by_year().query("@first <= year <= @last")
    fig, ax = plots.figure(figsize=(7.8, 4.0))
    ax.plot(total["year"], total["value"], label="total inter-Korean trade", **plots.style(0))
    ax.plot(kaesong["year"], kaesong["value"], label="of which Kaesong", markersize=7,
            **{**plots.style(1), "linestyle": "none"})
    top = 3550
    for date, label in engagement.TURNING_POINTS:
        x = plots.decimal_year(date)
        if first <= x <= last + 1:
            ax.axvline(x, color="#777777", linewidth=0.8, linestyle=":")
            ax.text(x - 0.1, top, label, rotation=90, ha="right", va="top", fontsize=7.5,
                    color="#444444")
    plots.year_axis(ax)
    ax.set_xlim(first - 0.5, last + 0.8)
    ax.set_ylim(0, top + 50)
    ax.set_ylabel("US dollars, million")
    ax.set_title("Inter-Korean trade and the events that shaped it")
    ax.legend(loc="upper left", fontsize=8)
    plots.add_source(fig, "Sources: Korea Customs Service, Ministry of Unification and KITA figures "
                     "as reported by Yonhap, KBS, Korea Herald, Xinhua and others (course table "
                     "inter_korean_trade; ids in engagement.trade_by_year()); events table. Partial-year "
                     "figures left out; no total reported for 2019-2020.")
    return fig


def kaesong_workers_and_output() -> Figure:
    """North Korean workers at Kaesong by reporting source, and the zone's yearly output.

    Left: every reported headcount, one marker style per publisher, so that
    counts for the same year that disagree (2013: 44,000 against 52,000-53,000)
    show side by side. Right: output (production value) for full years.

    Tables: ``kaesong`` (series ``north_korean_workers`` and ``production_value``,
    through :func:`course.data.engagement.series` and
    :func:`~course.data.engagement.output_by_year`).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: persons (thousand) and millions of US dollars against the year.

    Text alternative
    ----------------
    Left: the workforce grows from about 6,000 in 2005 to about 46,000 in 2010
    and 55,000 in 2015; in 2013 one source reports 44,000 workers where another
    reports 52,000. Right: output rises from 15 million US dollars in 2005 to
    323 million in 2010 and 563 million in 2015, with a dip to 224 million in
    2013, the year of the five-month halt; 2007-2009 and 2011 have only
    partial-year reports and no bar.
    """
    workers = engagement.series("north_korean_workers")
    output = engagement.output_by_year()
    fig, (left, right) = plots.figure(1, 2, figsize=(9.0, 4.0))
    for i, (publisher, rows) in enumerate(workers.groupby("publisher", sort=False)):
        left.plot(rows["year"], rows["value"] / 1000, label=publisher, markersize=6,
                  **{**plots.style(i), "linestyle": "none"})
    plots.year_axis(left)
    left.set_ylim(0, 60)
    left.set_ylabel("workers, thousand")
    left.set_title("Workers, as each source counts them")
    left.legend(loc="lower right", fontsize=7)
    right.bar(output["year"], output["value"], color=plots.PALETTE[0], label="output, full year")
    plots.year_axis(right)
    right.set_ylabel("US dollars, million")
    right.set_title("Output of the zone")
    right.grid(axis="x", visible=False)
    right.legend(loc="upper left", fontsize=8)
    fig.subplots_adjust(wspace=0.3)
    plots.add_source(fig, "Sources: Ministry of Unification and the zone's operator as reported by "
                     "Yonhap, Korea Herald, JoongAng, Xinhua, KEIA, Daily NK and NK Economy Watch "
                     "(course table kaesong; ids in engagement.series('north_korean_workers') and "
                     "engagement.output_by_year()). Counts are dated differently within a year.")
    return fig


def wage_share_estimates() -> Figure:
    """How much of a Kaesong worker's wage reached the worker, as each source estimates it.

    One horizontal bar per estimate (share of the wage paid by the firm that
    reached the worker). Hatched bars are nominal shares before the won was
    converted at the official rate; the last bar values what workers got at the
    market exchange rate (an upper bound).

    Tables: ``kaesong`` (through :func:`course.data.engagement.wage_share_estimates`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: share from 0 to 1 for each source.

    Text alternative
    ----------------
    Seven estimates of the share of the wage that reached workers, from 0.7
    (Noland's estimate with the state keeping 30 percent) through 0.55-0.62
    (the Unification Ministry's own accounts before 2016), 0.3 (the Ministry
    in 2016) and 0.2 (Daily NK's sources), down to under 0.02 when the won
    workers received is valued at the market exchange rate.
    """
    table = engagement.wage_share_estimates().iloc[::-1].reset_index(drop=True)
    fig, ax = plots.figure(figsize=(7.8, 3.8))
    y = np.arange(len(table))
    nominal = table["basis"].str.startswith("nominal")
    market = table["basis"].str.contains("market")
    reported = ~nominal & ~market
    for mask, colour, hatch, label in (
            (nominal, plots.PALETTE[0], "//", "nominal share (before won conversion)"),
            (reported, plots.PALETTE[1], "", "share as reported in 2016"),
            (market, plots.PALETTE[5], "xx", "at the market exchange rate (upper bound)")):
        ax.barh(y[mask], table.loc[mask, "worker_share"], color=colour, hatch=hatch,
                edgecolor="white", label=label)
    for yi, row in zip(y, table.itertuples()):
        ax.text(row.worker_share + 0.01, yi, f"{row.worker_share:.2f} ({row.year})", va="center",
                fontsize=7.5)
    ax.set_yticks(y, table["source"])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the wage paid by the firm that reached the worker")
    ax.set_title("How much of the Kaesong wage reached workers?")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=7.5)
    fig.subplots_adjust(left=0.36, right=0.97)
    plots.add_source(fig, "Sources: Ministry of Unification via Haggard (NK Economy Watch, 2012); "
                     "Noland and a ministry official (Chosun Ilbo, 2014); the ministry (AFP, 2016); "
                     "Daily NK (2016). Course table kaesong; ids in engagement.wage_share_estimates().")
    return fig


__all__ = ["trade_and_turning_points", "kaesong_workers_and_output", "wage_share_estimates"]

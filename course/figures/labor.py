"""Figures of notebook 05, *Mobilized labor and demobilization*: the army, the campaigns, forced labour."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from course import plots
from course.data import labor


def forces_by_source() -> Figure:
    """Active armed forces and reserves of North Korea, as each source estimates them.

    Left: every estimate of the active forces, one marker style per
    publisher, with the 2008 census's count of people employed by "the
    military or government" set apart. Right: estimates of the reserves.

    Tables: ``military`` (through :func:`course.data.labor.active_forces` and
    :func:`~course.data.labor.reserves`); course addition ``RFA_20100223_CENSUS``.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels, million persons against the year.

    Text alternative
    ----------------
    Left: outside estimates of the active forces stay between about 1.1 and
    1.3 million from 1993 to 2024, drifting up over time, while the 2008
    census counts 0.7 million people employed by the military or government.
    Right: reserve estimates range from 0.6 million (IISS, 2011 and 2024) to
    4.7 million (2000): sources count different things as reserves.
    """
    forces, reserve = labor.active_forces(), labor.reserves()
    fig, (left, right) = plots.figure(1, 2, figsize=(9.4, 5.0))
    # One style per publisher across both panels, so a publisher reads the same in each.
    order = list(dict.fromkeys([*forces["publisher"], *reserve["publisher"]]))
    for publisher, rows in forces.groupby("publisher", sort=False):
        i = order.index(publisher)
        left.plot(rows["year"], rows["million"], label=publisher.split(",")[0], markersize=7,
                  **{**plots.style(i), "linestyle": "none"})
    plots.year_axis(left)
    left.set_ylim(0, 1.5)
    left.set_ylabel("million persons")
    left.set_title("Active forces, by source")
    left.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), fontsize=7, ncol=2)
    for publisher, rows in reserve.groupby("publisher", sort=False):
        i = order.index(publisher)
        right.plot(rows["year"], rows["million"], label=publisher.split(",")[0], markersize=8,
                   **{**plots.style(i), "linestyle": "none"})
    plots.year_axis(right)
    right.set_ylim(0, 5.2)
    right.set_ylabel("million persons")
    right.set_title("Reserves, by source")
    right.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), fontsize=7)
    fig.subplots_adjust(wspace=0.28)
    plots.add_source(fig, "Sources: Library of Congress country study (1993), Nations Encyclopedia, "
                     "Japan Ministry of Defense citing IISS, ROK Defense White Papers via AFP, China "
                     "Daily and KBS, IISS via Reuters and others; the 2008 census via Radio Free Asia "
                     "(course table military; ids in labor.active_forces() and labor.reserves()).")
    fig.subplots_adjust(bottom=0.44, top=0.93)
    return fig


def campaigns_timeline() -> Figure:
    """Named mobilisation campaigns ('battles') on a timeline, with their length in days.

    Each campaign is a stem at its start, as tall as the number of days in
    its name; a hollow segment on top is an extension a source reports.
    Farm mobilisation of students and workers (rice planting) is shown as
    its reported length. The 200-day battle dated 1998 by one Daily NK
    report and 1988 by another may be one campaign or two.

    Tables: ``labor_mobilization`` and ``events`` (through
    :func:`course.data.labor.campaigns` and :func:`~course.data.labor.farm_mobilisation`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: days against the year.

    Text alternative
    ----------------
    Campaigns of 200 days in 1988 (extended by 50) and, by one report, 1998;
    a 150-day battle from April 2009 extended by a further 100 days; a 70-day
    battle and then a 200-day battle in 2016; an 80-day campaign in late
    2020. Farm mobilisation of students and workers lasted a month (2016) or
    40 days (2017) a year.
    """
    named, farm = labor.campaigns(), labor.farm_mobilisation()
    fig, ax = plots.figure(figsize=(8.4, 4.2))
    base, ext = plots.style(0), plots.style(1)
    ax.vlines(named["start"], 0, named["days"], color=base["color"], linewidth=2.2)
    ax.plot(named["start"], named["days"], linestyle="none", marker=base["marker"],
            color=base["color"], markersize=7, label="named campaign (days in its name)")
    has = named["extension"] > 0
    top = named["days"] + named["extension"]
    ax.vlines(named.loc[has, "start"], named.loc[has, "days"], top[has], color=ext["color"],
              linewidth=2.2, linestyle="--")
    ax.plot(named.loc[has, "start"], top[has], linestyle="none", marker=ext["marker"],
            color=ext["color"], markerfacecolor="white", markersize=8, label="with reported extension")
    starts = named["start"].to_numpy()
    for i, (row, height) in enumerate(zip(named.itertuples(), top)):
        # A campaign followed within a year by another is labelled on its left.
        crowded = i + 1 < len(starts) and starts[i + 1] - row.start < 1
        ax.text(row.start + (-0.3 if crowded else 0.3), height + 6, row.label, fontsize=7.5,
                ha="right" if crowded else "left", va="bottom")
    farm_style = plots.style(2)
    ax.plot(farm["year"] + 0.4, farm["days"], linestyle="none", marker=farm_style["marker"],
            color=farm_style["color"], markersize=8, label="farm mobilisation, days a year")
    ax.set_xlim(1985, 2024)
    ax.set_ylim(0, 300)
    plots.year_axis(ax)
    ax.set_ylabel("days")
    ax.set_title("Named 'battles' and farm mobilisation")
    ax.legend(loc="upper center", bbox_to_anchor=(0.42, 1.0), fontsize=8)
    plots.add_source(fig, "Sources: Daily NK (2009, 2016), IFES via NK Economy Watch (2009), NK News, "
                     "NK Leadership Watch (2016, 2020), Brilio (2016), Daily NK via stopnkcrimes (2017) "
                     "(course tables labor_mobilization and events; ids in labor.campaigns()).")
    return fig


def forced_labour_estimates() -> Figure:
    """Estimates of people in modern slavery and in political prison camps, with their method.

    One horizontal bar per estimate, in thousands of persons; a range is
    drawn from its low to its high end. Global Slavery Index shares are put
    in persons with the UN population of the year they refer to.

    Tables: ``forced_labor`` and ``population`` (through
    :func:`course.data.labor.forced_labour_estimates`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: thousand persons for each estimate.

    Text alternative
    ----------------
    Modern slavery: about 1.1 million (Global Slavery Index 2016), 2.5 million
    (the 2018 edition's one in ten) and 2.7 million (2023 edition). Political
    prisoners: up to 200,000 (Freedom House, 2008), 130,000 (HRNK, 2013) and
    80,000 to 120,000 (UN Commission of Inquiry, 2014).
    """
    table = labor.forced_labour_estimates().iloc[::-1].reset_index(drop=True)
    fig, ax = plots.figure(figsize=(8.4, 4.0))
    y = np.arange(len(table))
    for kind, colour, hatch in (("modern slavery", plots.PALETTE[0], ""),
                                ("political prisoners", plots.PALETTE[5], "//")):
        mask = table["kind"] == kind
        widths = np.maximum(table.loc[mask, "high"] - table.loc[mask, "low"], 0)
        ranged = widths > 0
        left = np.where(ranged, table.loc[mask, "low"], 0)
        width = np.where(ranged, widths, table.loc[mask, "high"])
        ax.barh(y[mask], width, left=left, color=colour, hatch=hatch, edgecolor="white",
                label=kind)
    for yi, row in zip(y, table.itertuples()):
        value = (f"{row.low:,.0f}-{row.high:,.0f}" if row.high > row.low else f"{row.high:,.0f}")
        ax.text(row.high + 40, yi, f"{value}: {row.method}", va="center", fontsize=7.5)
    ax.set_yticks(y, table["label"])
    ax.set_xlim(0, 4600)
    ax.set_xlabel("thousand persons")
    ax.set_title("Modern slavery and political prisoners: estimates and methods")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8)
    fig.subplots_adjust(left=0.3, right=0.98)
    plots.add_source(fig, "Sources: Walk Free's Global Slavery Index as reported by The Strategist "
                     "(2016), AP (2018), Databoks and Statista (2023); Freedom House, HRNK and the UN "
                     "Commission of Inquiry as reported (course table forced_labor; ids in "
                     "labor.forced_labour_estimates()). Shares in persons with the UN population.")
    return fig


__all__ = ["forces_by_source", "campaigns_timeline", "forced_labour_estimates"]

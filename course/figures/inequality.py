"""Figures of notebook 06, *Songbun, class and regional inequality*."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from course import plots
from course.data import inequality

_GROUPS = ("core", "wavering", "hostile", "not sure")


def class_share_estimates() -> Figure:
    """Every published estimate of the songbun classes' shares of the population.

    One row per class (core, wavering, hostile, and "not sure" for the refugee
    survey), one marker per source; a horizontal bar through a marker is a
    published range (Chosun Ilbo gives ranges), the marker its midpoint.

    Tables: ``songbun`` (through :func:`course.data.inequality.class_shares`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: percent on the horizontal axis, classes down the side.

    Text alternative
    ----------------
    Five sources put the core class at 10 to 30 percent of the population, the
    wavering class at 45 to 70 percent and the hostile class at 11 to 30
    percent; the refugee survey has the fewest hostile (11 percent) and 14
    percent not sure, and Miyazuka gives no wavering share.
    """
    shares = inequality.class_shares()
    labels = list(dict.fromkeys(shares["source"]))
    fig, ax = plots.figure(figsize=(7.5, 4.0))
    offsets = np.linspace(-0.28, 0.28, len(labels))
    for i, label in enumerate(labels):
        part = shares[shares["source"] == label]
        y = np.array([_GROUPS.index(g) for g in part["group"]]) + offsets[i]
        look = {**plots.style(i), "linestyle": "none"}
        ax.plot(part["value"], y, label=label, markersize=7, **look)
        ranged = part[part["low"] < part["high"]]
        for row, yi in zip(ranged.itertuples(), y[(part["low"] < part["high"]).to_numpy()]):
            ax.plot([row.low, row.high], [yi, yi], color=look["color"], linewidth=2.0)
    ax.set_yticks(range(len(_GROUPS)), [g if g != "not sure" else "not sure\n(survey)"
                                        for g in _GROUPS])
    ax.invert_yaxis()
    ax.set_xlim(0, 75)
    ax.set_xlabel("percent of the population (survey: of refugee respondents)")
    ax.set_title("Songbun classes: how large is each? Five estimates")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", fontsize=8)
    plots.add_source(fig, "Sources: course table songbun: Kim Il Sung's 1958 figures quoted by "
                     "G. Chang (World Affairs, 2012; worldaffairs_chang_2012); R. Collins, Marked "
                     "for Life (HRNK 2012) as reported by VOA (VOA_COLLINS_2012); Chosun Ilbo "
                     "(2014; chosun_2014_03_20); T. Miyazuka via northkorearesearch.com "
                     "(nkresearch_songbun); Haggard-Noland refugee survey as reported by M. Noland "
                     "(PIIE, 2012; wtt_noland_2012_songbun).")
    return fig


def stunting_pyongyang_and_provinces() -> Figure:
    """Child stunting nationally, in Pyongyang and in the worst province, 2012 and 2017.

    Stunting (a child too short for its age) records long-term undernutrition.
    Bars are labelled with their values; Pyongyang is reported in 2017 only.

    Tables: ``regional_disparity`` (through
    :func:`course.data.inequality.stunting_by_region`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: percent of children under five, grouped by survey year.

    Text alternative
    ----------------
    In 2012 28 percent of children under five were stunted nationally and 40
    percent in Ryanggang province; in 2017 19 percent nationally, 10 percent in
    Pyongyang and 32 percent in Ryanggang, more than three times Pyongyang's rate.
    """
    table = inequality.stunting_by_region()
    places = [p for p in ("national", "Pyongyang", "Ryanggang") if p in set(table["place"])]
    years = sorted(table["year"].unique())
    hatches = ("", "//", "..")
    fig, ax = plots.figure(figsize=(6.5, 4.0))
    width = 0.26
    for i, place in enumerate(places):
        part = table[table["place"] == place].set_index("year")["value"]
        x = np.array([years.index(y) for y in part.index]) + (i - 1) * width
        bars = ax.bar(x, part.to_numpy(), width=width, color=plots.PALETTE[i], hatch=hatches[i],
                      edgecolor="white", linewidth=0.6, label=place)
        ax.bar_label(bars, fmt="%g", fontsize=8, padding=2)
    surveys = table.drop_duplicates("year").set_index("year")["survey"]
    ax.set_xticks(range(len(years)), [f"{y}\n({surveys[y]})" for y in years])
    ax.set_ylim(0, 45)
    ax.set_ylabel("percent of children under five")
    ax.set_title("Stunted children: the capital and the worst province")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right", fontsize=8)
    plots.add_source(fig, "Sources: course table regional_disparity: National Nutrition Survey 2012 "
                     "(Kim 2014, Pediatric Gastroenterology, Hepatology & Nutrition; kim_2014_pghn); "
                     "Multiple Indicator Cluster Survey 2017 (UNICEF press release, June 2018; "
                     "unicef_2018_06). Ryanggang is the worst province in both surveys.")
    return fig


def hunger_over_time() -> Figure:
    """Undernourishment in the whole population and stunting among children, by year.

    Undernourishment is FAO's three-year average (plotted at the window's last
    year), one line per edition of its report, because each edition revises past
    years; stunting comes from national surveys and UN series.

    Tables: ``food`` (through :func:`course.data.inequality.undernourishment`).

    Returns
    -------
    matplotlib.figure.Figure
        One panel: percent against the year.

    Text alternative
    ----------------
    About 34 to 35 percent of the population was undernourished in 2004-06 and
    42 to 48 percent in the late 2010s (FAO; the 2019 and 2022 editions differ
    for the same years), while the share of stunted young children fell from 42
    percent in 2002 to about 18 percent in 2020.
    """
    table = inequality.undernourishment()
    fig, ax = plots.figure(figsize=(7.0, 4.0))
    for i, (measure, part) in enumerate(table.groupby("measure", sort=False)):
        ax.plot(part["year"], part["value"], label=measure, markersize=6, **plots.style(i))
    plots.year_axis(ax)
    ax.set_ylim(0, 55)
    ax.set_ylabel("percent (population; children for stunting)")
    ax.set_title("Hunger and stunting: two measures, several estimates")
    ax.legend(loc="lower left", fontsize=8)
    plots.add_source(fig, "Sources: course table food. Undernourishment: FAO, The State of Food "
                     "Security and Nutrition in the World (SOFI) 2019 and 2022 editions, as "
                     "reported by Yonhap (yonhap_2019_07_16, yonhap_2022_07_07). Stunting: "
                     "nutrition surveys 2002 and 2004 (grantmontgomery_2009_01), UNICEF series "
                     "(newlebanon_unicef_2018), NNS 2012 (kim_2014_pghn), MICS 2017 "
                     "(unicef_2018_06), SOFI 2022 (yonhap_2022_07_07).")
    return fig


__all__ = ["class_share_estimates", "stunting_pyongyang_and_provinces", "hunger_over_time"]

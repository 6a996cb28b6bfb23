"""Figures of notebook 01, *Byungjin: guns, butter and growth*: the military burden and growth."""

from __future__ import annotations

from matplotlib.figure import Figure

from course import plots
from course.data import military, views

#: How each kind of budget figure is labelled in the legend.
BUDGET_KINDS = {"reported": "reported (plan or outcome not stated)", "planned": "planned",
                "executed": "executed"}


def defence_budget_share() -> Figure:
    """Defence as a share of North Korea's state budget, as Pyongyang announces it.

    A grey line joins each year's figure; markers say whether the figure is the
    plan, the outcome, or not stated. It is a share of the *budget*, not of output.

    Tables: ``defense_budget_share``, through :func:`course.data.military.budget_share`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: percent of state budget expenditure against the year.

    Text alternative
    ----------------
    Defence as a percentage of state budget expenditure since 1959: low at first,
    about 30 percent in the late 1960s, falling through the 1970s and 1980s, and
    flat at about 16 percent in every budget of the Kim Jong Un years.
    """
    budget = military.budget_share()
    fig, ax = plots.figure()
    by_year = budget.groupby("year")["value"].median()
    ax.plot(by_year.index, by_year.to_numpy(), color="#888888", linewidth=1.0)
    for i, (kind, label) in enumerate(BUDGET_KINDS.items()):
        rows, style = budget[budget["kind"] == kind], plots.style(i)
        ax.plot(rows["year"], rows["value"], linestyle="none", marker=style["marker"],
                color=style["color"], markersize=6, label=label)
    ax.set_ylim(0, 35)
    plots.year_axis(ax)
    ax.set_ylabel("percent of state budget")
    ax.set_title("Official defence share of North Korea's state budget")
    ax.legend(loc="upper right")
    plots.add_source(fig, military.source_line(budget["source_ids"]))
    return fig


def military_burden_estimates() -> Figure:
    """Outside estimates of North Korea's military spending as a share of output.

    One colour and marker per estimator. A filled marker is a point estimate; a
    hollow one is a share stated only in words ("about one third") or a lower
    bound, and a lower bound also gets a small arrow pointing up. A vertical bar
    is a range; a horizontal line is an average over the years it spans.

    Tables: ``military_spending``, through :func:`course.data.military.burden_estimates`.

    Returns
    -------
    matplotlib.figure.Figure
        One panel: percent of output (GDP, GNP or national income, as each
        source has it) against the year, legend on the right.

    Text alternative
    ----------------
    Eleven outside estimates of military spending as a percentage of output
    since 1991: most lie between about 19 and 25 percent; the outliers are an
    unattributed 31 percent, about one third from South Korea's defence
    institute, and a lower bound of 15 percent for 2019.
    """
    burden = military.burden_estimates()
    fig, ax = plots.figure(figsize=(7.5, 4.2))
    for i, (estimator, rows) in enumerate(burden.groupby("estimator", sort=False)):
        _draw_estimator(ax, estimator, rows, plots.style(i))
    ax.set_ylim(0, 36)
    plots.year_axis(ax)
    ax.set_ylabel("percent of output")
    ax.set_title("Outside estimates: military spending as a share of output")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    fig.subplots_adjust(right=0.64)
    plots.add_source(fig, military.source_line(burden["source_ids"]) + " Output is GDP, GNP or "
                     "national income as each source has it. Filled: an estimate; hollow: a share "
                     "stated in words or, with an arrow, a lower bound; bar: a range; line: an "
                     "average over the years it spans.")
    return fig


def _draw_estimator(ax, estimator: str, rows, style: dict) -> None:
    """One estimator's points, ranges and period averages, in its own colour and marker.

    The legend entry is the first group actually drawn (filled points if there
    are any, else hollow ones), so the legend shows the marker as plotted.
    """
    colour, marker = style["color"], style["marker"]
    for r in rows.itertuples():
        if r.period.endswith("average"):
            first, last = (int(y) for y in r.period.split()[0].split("-"))
            ax.plot([first, last], [r.value, r.value], color=colour, linewidth=1.5)
        if r.bound == "range":
            ax.vlines(r.year, r.low, r.high, color=colour, linewidth=2)
        if r.bound == "lower bound":
            ax.annotate("", (r.year, r.value + 3.5), (r.year, r.value + 0.9),
                        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.2})
    hollow = rows["bound"].isin(["lower bound", "approximate"])
    label_used = False
    for is_hollow in (False, True):
        group = rows[hollow == is_hollow]
        if group.empty:
            continue
        ax.plot(group["year"], group["value"], linestyle="none", marker=marker, markersize=7,
                color=colour, markerfacecolor="white" if is_hollow else colour,
                markeredgewidth=1.4, label="_nolegend_" if label_used else estimator)
        label_used = True


def growth_and_weapons_timeline() -> Figure:
    """Growth, nuclear tests and missile launches on one timeline, with the byungjin years shaded.

    Top: real GDP growth as the Bank of Korea first released it, with a dotted
    line at each nuclear test. Bottom: missile launches a year, one marker per
    counter (they count different things).

    Tables: ``gdp_growth_bok`` (through :func:`course.data.views.by_source`),
    ``events`` and ``missile_launches`` (through :func:`course.data.military.nuclear_tests`,
    :func:`~course.data.military.missile_counts` and
    :func:`~course.data.military.strategic_lines`).

    Returns
    -------
    matplotlib.figure.Figure
        Two panels sharing the year axis.

    Text alternative
    ----------------
    Top, growth since 2000, mostly between about −2 and +4 percent, negative in
    2017–2018 and 2020, with dotted lines at the six nuclear tests and the
    byungjin years shaded. Bottom, missile launches a year: about 25 a year in
    2014–2017, none in 2018, and many more from 2019, with counters disagreeing.
    """
    growth_bok = views.by_source("gdp_growth")["BOK, first release"].loc[2000:]
    tests = military.nuclear_tests()
    launches = military.missile_counts()
    launches = launches[~launches["subset"]]        # totals only, not "successful tests only"
    lines = military.strategic_lines()
    start, end = (plots.decimal_year(t) for t in lines["start"])

    fig, (top, bottom) = plots.figure(2, 1, figsize=(7.5, 6.6))
    top.sharex(bottom)
    top.bar(growth_bok.index, growth_bok.to_numpy(), width=0.7, color=plots.PALETTE[0],
            label="real GDP growth, BOK first release")
    top.axhline(0, color="#555555", linewidth=0.8)
    top.set_ylabel("percent, year on year")
    top.set_title("Growth, nuclear tests and missile launches", pad=16)
    for ax in (top, bottom):
        ax.axvspan(start, end, color="#dddddd", linewidth=0, zorder=0)
        for t in tests.itertuples():
            ax.axvline(plots.decimal_year(t.date), color="#000000", linestyle=":", linewidth=1.0)
    for t in tests.itertuples():
        top.annotate(f"{t.test}", (plots.decimal_year(t.date), 1.0),
                     xycoords=("data", "axes fraction"), ha="center", va="bottom", fontsize=8)
    top.text((start + end) / 2, 0.03, "byungjin", transform=top.get_xaxis_transform(),
             ha="center", fontsize=8)
    top.tick_params(labelbottom=False)
    top.legend(loc="lower left", fontsize=8)

    groups = launches.groupby(["counter", "counts"], sort=False)
    for i, ((counter, counts), rows) in enumerate(groups):
        style = plots.style(i)
        bottom.plot(rows["year"], rows["value"], linestyle="none", marker=style["marker"],
                    color=style["color"], markersize=7, label=f"{counter}: {counts}")
    bottom.set_ylim(-5, 110)
    bottom.set_ylabel("launches in the year")
    plots.year_axis(bottom)
    bottom.legend(loc="upper left", fontsize=7.5)
    ids = list(tests["source_ids"]) + list(launches["source_ids"]) + list(lines["source_id"])
    plots.add_source(fig, "Sources: growth, Bank of Korea (views.citations('gdp_growth')); "
                     + military.source_line(ids, lead="tests, launches, strategic lines")
                     + " Dotted lines: nuclear tests 1-6. Shaded: byungjin line, March 2013 to "
                     "April 2018.")
    fig.subplots_adjust(bottom=0.25, hspace=0.12)
    return fig


__all__ = ["defence_budget_share", "military_burden_estimates", "growth_and_weapons_timeline"]

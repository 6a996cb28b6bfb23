"""Figures of notebook 10, *Capstone: a policy memo*: policy packages through the course's models."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from course import plots
from course.models import scenario

#: Three illustrative packages (settings not named keep each notebook's default).
PACKAGES = {
    "status quo": {},
    "peace dividend first": {"military_share": 0.12, "soldiers_released": 0.5},
    "relief, markets and engagement": {"enforcement": 0.3, "plan_quota": 1.0, "state_wage": 300.0,
                                       "to_core": 0.3, "worker_share": 0.6, "closure_hazard": 0.1},
}
#: Bar looks per package: colour and hatch, so bars differ without colour too.
LOOKS = (("#999999", "//"), ("#0072B2", ""), ("#E69F00", ".."))


def packages_compared() -> Figure:
    """Three policy packages side by side on every headline number of the dashboard.

    One panel per headline number of :func:`course.models.scenario.evaluate`; in
    each, one bar per package in :data:`PACKAGES`. The numbers are the models'
    of notebooks 01-09 at each package's settings; the models' fixed inputs are
    those of each notebook's explorer, many of them illustrative.

    Tables: ``military`` (the largest active-force estimate bounds demobilisation),
    ``kaesong`` (the 2015 wage), ``songbun`` class shares (Collins, HRNK 2012),
    through :mod:`course.models.scenario`.

    Returns
    -------
    matplotlib.figure.Figure
        Two rows of panels, one per headline number.

    Text alternative
    ----------------
    Thirteen small bar charts, one per headline number, each with a bar for the status
    quo, a peace-dividend package and a relief-markets-engagement package. The
    peace dividend raises consumption per worker and output and lowers the
    market wage; relief keeps far more exports, shrinks the plan rent and gives
    workers a larger value from the zone, with the state's value falling.
    """
    results = {name: scenario.evaluate(scenario.Scenario(**settings))
               for name, settings in PACKAGES.items()}
    names = list(next(iter(results.values())))
    columns = -(-len(names) // 2)
    fig, axes = plots.figure(2, columns, figsize=(2.3 * columns, 5.6))
    for ax, quantity in zip(axes.flat, names):
        for i, (package, numbers) in enumerate(results.items()):
            colour, hatch = LOOKS[i]
            ax.bar([i], [numbers[quantity].value], color=colour, hatch=hatch, edgecolor="white")
        ax.set_title(results["status quo"][quantity].heading(), fontsize=8)
        ax.set_xticks([])
        ax.axhline(0, color="#555555", linewidth=0.8)
        ax.tick_params(labelsize=7.5)
    for ax in axes.flat[len(names):]:
        ax.set_visible(False)
    fig.legend(handles=[Patch(facecolor=c, hatch=h, edgecolor="white", label=name)
                        for (c, h), name in zip(LOOKS, PACKAGES)],
               loc="upper center", ncol=3, fontsize=8, frameon=False)
    fig.subplots_adjust(top=0.83, hspace=0.75, wspace=0.45, left=0.05, right=0.99)
    plots.add_source(fig, "Source: course.models.scenario, calling the models of notebooks 01-09 at "
                          "each package's settings; tables military (largest active-force "
                          "estimate), kaesong (2015 wage), songbun (Collins, HRNK 2012). Packages "
                          "and most fixed inputs are illustrative.")
    return fig


def conflicts_by_package() -> Figure:
    """Which of the models' assumptions clash in each illustrative package.

    A grid: one row per conflict rule of :data:`course.models.scenario.CONFLICT_RULES`,
    one column per package in :data:`PACKAGES`; a filled square where the rule
    finds a clash at that package's settings, an empty one where it does not.

    Tables: ``military``, ``kaesong``, ``songbun`` (through the scenario's models).

    Returns
    -------
    matplotlib.figure.Figure

    Text alternative
    ----------------
    A grid of squares with nine rows of possible clashes between models and three
    columns of packages. The status quo shows one: the market model lets plan users keep
    the plan rent while, at a state wage of zero, nearly all officials take bribes. The
    peace dividend shows that clash too, and
    clashes on wages (the engagement model keeps the Kaesong wage while the
    labour model lowers the market wage) and on the closed-economy growth model
    under sanctions; the relief, markets and engagement package, which pays officials,
    shows none.
    """
    rules = [rule.__name__.strip("_").replace("_", " ") for rule in scenario.CONFLICT_RULES]
    rows = {"demobilisation": "military share vs soldiers (01, 05)",
            "sanctions growth": "closed economy vs sanctions (01, 02)",
            "dividend": "only gains are split (01, 06)", "wages": "Kaesong wage vs market wage (05, 07)",
            "trust hazard": "cooperation vs closure hazard (07, 08)",
            "rent": "plan rent vs class split (03, 06)",
            "rent leaks": "plan rent vs corrupt officials (03, 04)",
            "promises": "kept promises vs misread steps (08, 09)",
            "relief without deal": "relief without a deal (02, 09)"}
    grid = np.zeros((len(rules), len(PACKAGES)), dtype=bool)
    for j, settings in enumerate(PACKAGES.values()):
        s = scenario.Scenario(**settings)
        n = scenario.evaluate(s)
        for i, rule in enumerate(scenario.CONFLICT_RULES):
            grid[i, j] = rule(s, n) is not None
    fig, ax = plots.figure(figsize=(8.0, 3.8))
    ys, xs = np.nonzero(grid)
    ax.plot(xs, ys, linestyle="none", marker="s", markersize=16, color="#D55E00",
            label="assumptions clash")
    ys, xs = np.nonzero(~grid)
    ax.plot(xs, ys, linestyle="none", marker="s", markersize=16, color="#D55E00",
            markerfacecolor="white", label="no clash")
    ax.set_yticks(range(len(rules)), [rows.get(r, r) for r in rules], fontsize=8)
    ax.set_xticks(range(len(PACKAGES)), ["\n".join(textwrap.wrap(p, 18)) for p in PACKAGES],
                  fontsize=8)
    ax.set_xlim(-0.6, len(PACKAGES) - 0.4)
    ax.set_ylim(len(rules) - 0.5, -0.5)
    ax.grid(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    fig.subplots_adjust(left=0.36, right=0.8, top=0.95)
    plots.add_source(fig, "Source: course.models.scenario.conflicts at each package's settings "
                          "(rules written for this course).")
    return fig


__all__ = ["packages_compared", "conflicts_by_package", "PACKAGES"]

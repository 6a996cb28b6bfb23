"""Figures of notebook 10, *Capstone: a policy memo*: policy packages through the course's models."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from course import plots
from course.models import scenario

#: Three illustrative packages (settings not named keep each notebook's default).
PACKAGES = {
    "status quo": {},
    "peace dividend first": {"military_share": 0.12, "soldiers_released": 0.5},
    "relief, markets and engagement": {"enforcement": 0.3, "plan_quota": 1.0, "state_wage": 300.0,
                                       "to_core": 0.3, "worker_share": 0.6, "closure_hazard": 0.1},
}

#: Each headline number as the rows' tables print it: its value with a short unit.
VALUE_FORMATS = {
    "consumption_index": "{:.1f}", "exports_kept": "{:.1f} %", "plan_rent": "{:.2f}",
    "officials_corrupt": "{:.0f} %", "output_change": "{:+.2f} bn USD",
    "market_wage": "{:,.0f} USD", "gini_after": "{:.3f}", "hostile_gain": "{:+.1f} %",
    "workers_value": "{:.1f} m USD", "state_value": "{:.1f} m USD", "cooperation": "{:.1f} %",
    "denuclearization": "{:.0f} %", "relief": "{:.0f} %",
}

#: What the row layout's empty x axis says (each row has its own scale).
SCALE_NOTE = ("Each row runs from the lowest to the highest value\n"
              "the sliders can reach; a short upright line marks zero.")

#: Status quo: a hollow grey circle, the same in the figure and the dashboard.
STATUS_QUO_LOOK = {"marker": "o", "markersize": 8, "color": "#777777", "markerfacecolor": "white",
                   "markeredgewidth": 1.3}


class Column(NamedTuple):
    """One package in a :class:`NumberRows` layout: its name, its marker and where it sits."""

    label: str
    look: dict  # keyword arguments for Axes.plot: marker, colour, fill
    offset: float = 0.0  # up (negative) or down from the row's line, in rows


class NumberRows:
    """Headline numbers as the rows of one axes, each row on its own scale (a dot plot).

    Row ``i``, from the top, is the ``i``-th number: its heading on the left
    (:meth:`~course.models.scenario.Number.heading`), a light track from the
    lowest to the highest value the sliders can reach
    (:func:`course.models.scenario.reach`), a short upright line at zero when
    zero is on the track, a marker per :class:`Column` (a package) and, right
    of the axes, a table of the values with a short unit, one column per
    package. The x axis has no ticks: a row's position means "how far along
    its own range", and :data:`SCALE_NOTE` under the axes says so. Used by
    :func:`packages_compared` and by the capstone's dashboard
    (:class:`course.widgets.scenario.ScenarioExplorer`), which moves one column
    on every slider move (:meth:`show`, then blits :meth:`artists`).

    One axes instead of a panel per number: thirteen panels of ticks, tick
    labels and titles took about 450 ms to draw on the course's 2-CPU machine;
    this layout has no ticks at all and takes about 200 ms, most of it
    rendering the headings' text.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        An empty axes; its limits are set and its axis turned off here.
    numbers : dict
        ``{quantity name: Number}`` from :func:`course.models.scenario.evaluate`:
        the rows, in order, and their headings.
    columns : sequence of Column
        The packages, left to right in the table.
    heading_width : int
        Characters a line of a row's heading (42: at most two lines).
    column_points : float
        Width of a table column, in points (1/72 inch).
    track_points : float
        Thickness of the light track, in points.
    text_class : type
        The class of the table's value texts: a :class:`matplotlib.text.Text`,
        or for columns redrawn often a subclass that skips unchanged strings
        (:class:`course.widgets.live.BlitText`).

    Attributes
    ----------
    ax : matplotlib.axes.Axes
        The rows' axes (data coordinates: x from 0 to 1 along each track, row
        ``i`` at y = ``i``).
    names : list of str
        The quantity names, one per row, top to bottom.
    tracks : list of (float, float)
        Each row's ``(low, high)``, in its number's unit.
    offsets : list of float
        Each package's vertical offset from its row's line, in rows.
    markers : list of matplotlib.lines.Line2D
        One per package: its markers on every row.
    texts : list of list of Text
        One list per package: its value text on every row (the table's column).
    """

    def __init__(self, ax, numbers: Mapping[str, scenario.Number], columns: Sequence[Column], *,
                 heading_width: int = 42, column_points: float = 60.0,
                 track_points: float = 7.0, text_class: type[Text] = Text) -> None:
        self.ax = ax
        self.names = list(numbers)
        ranges = scenario.reach()
        self.tracks = [ranges[name] for name in self.names]
        rows = np.arange(len(self.names))
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(len(rows) - 0.5, -0.6)
        # No axis at all (each row has its own scale): nothing for Matplotlib to tick.
        ax.set_axis_off()
        ax.text(0.0, len(rows) - 0.35, SCALE_NOTE, fontsize=7,
                color="#555555", ha="left", va="top")
        ax.hlines(rows, 0.0, 1.0, color="#e6e6e6", linewidth=track_points, zorder=0)
        zeros = [(row, self._position(0.0, track)) for row, track in zip(rows, self.tracks)
                 if track[0] <= 0.0 <= track[1]]
        if zeros:
            where, x = np.transpose(zeros)
            ax.vlines(x, where - 0.3, where + 0.3, color="#888888", linewidth=0.9, zorder=1)
        # Headings and the table sit a fixed distance (in points) from the axes' edges, so they
        # keep their place whatever the figure's size.
        inch = ax.figure.dpi_scale_trans
        left = ax.get_yaxis_transform() + ScaledTranslation(-6 / 72, 0, inch)
        for row, name in zip(rows, self.names):
            ax.text(0.0, row, numbers[name].heading(heading_width), transform=left, fontsize=7,
                    ha="right", va="center", color="#222222", linespacing=1.05)
        self.offsets = [column.offset for column in columns]
        self.markers = []
        self.texts = []
        for j, column in enumerate(columns):
            (line,) = ax.plot([], [], linestyle="none", label=column.label, zorder=3 + j,
                              **column.look)
            self.markers.append(line)
            right = ax.get_yaxis_transform() + ScaledTranslation(
                (8 + (j + 1) * column_points) / 72, 0, inch)
            ax.text(1.0, -0.6, "\n".join(textwrap.wrap(column.label, 14)), transform=right,
                    fontsize=7, ha="right", va="bottom", color="#222222", fontweight="bold")
            self.texts.append([ax.add_artist(text_class(1.0, row, "", transform=right, fontsize=7.5,
                                                        ha="right", va="center", color="#222222",
                                                        clip_on=False))
                               for row in rows])

    @staticmethod
    def _position(value: float, track: tuple[float, float]) -> float:
        low, high = track
        return 0.5 if high == low else (value - low) / (high - low)

    def show(self, column: int, values: Mapping[str, float]) -> None:
        """Put one package's numbers on the rows: its markers and its column of the table.

        Parameters
        ----------
        column : int
            Index of the package in ``columns``.
        values : mapping
            ``{quantity name: value}`` for every row (more keys are ignored).
        """
        xs = [self._position(values[name], track) for name, track in zip(self.names, self.tracks)]
        self.markers[column].set_data(xs, np.arange(len(xs)) + self.offsets[column])
        for text, name in zip(self.texts[column], self.names):
            text.set_text(VALUE_FORMATS[name].format(values[name]))

    def artists(self, column: int) -> list:
        """What :meth:`show` changes for one column: its markers and its values."""
        return [self.markers[column], *self.texts[column]]

    def legend(self) -> None:
        """A legend of the packages' markers in one line above the rows, from the figure's left
        edge (a legend reaching past the canvas would make the notebook draw the figure twice:
        :mod:`course.png`)."""
        fig = self.ax.figure
        self.ax.legend(handles=self.markers, loc="lower left", ncol=len(self.markers),
                       bbox_to_anchor=(0.005, 1.0),
                       bbox_transform=blended_transform_factory(fig.transFigure, self.ax.transAxes),
                       fontsize=8, frameon=False, handletextpad=0.3, columnspacing=1.2,
                       borderaxespad=0.2)


#: Markers per package in :func:`packages_compared`: shape, colour and fill all differ.
LOOKS = (STATUS_QUO_LOOK,
         {"marker": "s", "markersize": 5.5, "color": "#0072B2"},
         {"marker": "^", "markersize": 6.5, "color": "#E69F00"})
#: Each package a little above or below its row's line, so equal values do not hide each other.
OFFSETS = (0.0, -0.22, 0.22)
#: Row layout in inches: height of a row, room above the rows (legend, table heads) and below
#: (the scale note and the source line).
PITCH, TOP, BOTTOM = 0.3, 0.5, 0.85


def packages_compared() -> Figure:
    """Three policy packages on every headline number of the dashboard, one row a number.

    One row per headline number of :func:`course.models.scenario.evaluate`
    (:class:`NumberRows`), each on its own scale from the lowest to the highest
    value the sliders can reach; on it a marker per package in :data:`PACKAGES`,
    and the values in a table on the right. The numbers are the models' of
    notebooks 01-09 at each package's settings; the models' fixed inputs are
    those of each notebook's explorer, many of them illustrative.

    Tables: ``military`` (the largest active-force estimate bounds demobilisation),
    ``kaesong`` (the 2015 wage), ``songbun`` class shares (Collins, HRNK 2012),
    through :mod:`course.models.scenario`.

    Returns
    -------
    matplotlib.figure.Figure
        One axes of thirteen rows, 7.5 inches wide.

    Text alternative
    ----------------
    A dot plot with thirteen rows, one per headline number, each on its own scale from
    the lowest to the highest value the sliders can reach: a hollow grey circle for the
    status quo, a blue square for the peace-dividend package and an orange triangle for
    the relief-markets-engagement package, with the three values in a table on the right.
    The peace dividend raises consumption per worker and output and lowers the market
    wage; relief keeps far more exports, shrinks the plan rent, cuts the share of
    officials taking bribes and gives workers a larger value from the zone, with the
    state's value falling.
    """
    results = {name: scenario.evaluate(scenario.Scenario(**settings))
               for name, settings in PACKAGES.items()}
    numbers = results["status quo"]
    columns = [Column(label, look, offset) for label, look, offset in zip(PACKAGES, LOOKS, OFFSETS)]
    height = TOP + PITCH * len(numbers) + BOTTOM
    fig, ax = plots.figure(figsize=(7.5, height))
    rows = NumberRows(ax, numbers, columns, column_points=64.0)
    for j, package in enumerate(results.values()):
        rows.show(j, {name: number.value for name, number in package.items()})
    rows.legend()
    plots.add_source(fig, "Source: course.models.scenario, calling the models of notebooks 01-09 at "
                          "each package's settings; tables military (largest active-force "
                          "estimate), kaesong (2015 wage), songbun (Collins, HRNK 2012). Packages "
                          "and most fixed inputs are illustrative.")
    plots.place(ax, 2.4, BOTTOM, 2.3, height - BOTTOM - TOP)
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


__all__ = ["packages_compared", "conflicts_by_package", "PACKAGES", "NumberRows", "Column",
           "VALUE_FORMATS", "SCALE_NOTE", "STATUS_QUO_LOOK"]

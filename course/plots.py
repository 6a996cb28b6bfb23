"""The course's one plotting style.

Every figure in the course goes through this module, so that charts share one
look and stay readable for colour-blind readers and in greyscale: colours come
from the Okabe–Ito palette, and each series also gets its own line style and
marker, so no chart relies on colour alone.

References
----------
Okabe, M. and Ito, K. (2008). "Color Universal Design (CUD): How to make
figures and presentations that are friendly to colorblind people."
https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

# Okabe–Ito, reordered so that neighbours differ in lightness too (greyscale).
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow (last: weak on white)
)
# Line styles and markers cycle with lengths 9 and 11, not 8 like the colours, so
# that series beyond the eighth still differ from the first in greyscale.
LINESTYLES: tuple = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)),
                     (0, (1, 1)), (0, (5, 2, 1, 2)), (0, (8, 2)))
# No other round marker: the ninth series shares the first one's colour, and at
# small sizes a hexagon or octagon reads as a circle.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*", "d", "<", ">")

RC: dict = {
    "figure.dpi": 96,
    "savefig.dpi": 96,
    "figure.figsize": (7.5, 3.8),
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
}


# One style for every figure, the students' own included.
mpl.rcParams.update(RC)

# The libraries imported by now (matplotlib, pandas, NumPy, IPython: some hundred
# thousand objects, nine tenths of a notebook's heap after its import cell) live as
# long as the kernel. Freezing them takes them out of the cyclic garbage collector's
# full collections, which a notebook's first figures trigger and which would scan
# them all again (40-70 ms each, and again when the kernel exits). Objects made
# later are collected as usual.
gc.freeze()


def year_axis(ax) -> None:
    """Label an axis of calendar years with whole years only."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")


def log_scale(ax, axis: str = "y") -> None:
    """Put one axis of ``ax`` on a log scale labelled in plain numbers.

    Ticks read 1, 10, 100, 1,000 rather than powers of ten written as 10 with a
    raised exponent, which students unused to scientific notation misread; there
    are no minor ticks, so each tick is a labelled power of ten. The axis label
    should still say "log scale" in words (equal steps are equal ratios, not
    equal amounts).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    axis : {"x", "y"}
        Which axis.

    Raises
    ------
    ValueError
        For any other ``axis``.

    Notes
    -----
    Labels sit at powers of ten only, so the axis's limits should span at least one
    (0.1 to 200, say, not 0.15 to 0.9), or it shows no number at all.
    """
    from matplotlib.ticker import FuncFormatter, NullLocator

    if axis not in ("x", "y"):
        raise ValueError(f"log_scale: axis must be 'x' or 'y', not {axis!r}")
    target = ax.xaxis if axis == "x" else ax.yaxis
    getattr(ax, f"set_{axis}scale")("log")
    # Below 1, "0.1" not "0": one significant figure is enough on a log axis.
    target.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1
                                             else f"{value:g}"))
    # The minor ticks (2-9 times each power) are unlabelled anyway, and each costs a
    # tick object with its own text to lay out on every draw.
    target.set_minor_locator(NullLocator())


def place(ax, left: float, bottom: float, width: float, height: float) -> None:
    """Put an axes at a position and size in inches from the figure's bottom-left corner,
    so its margins stay fixed whatever the figure's size (for layouts of text beside axes)."""
    fig_width, fig_height = ax.figure.get_size_inches()
    ax.set_position([left / fig_width, bottom / fig_height, width / fig_width,
                     height / fig_height])


def decimal_year(when) -> float:
    """A calendar date as a fractional year (1 July 2017 -> about 2017.5), to mark
    events on a year axis. ``when`` is anything :class:`pandas.Timestamp` accepts."""
    when = pd.Timestamp(when)
    return when.year + (when.day_of_year - 1) / (366 if when.is_leap_year else 365)


def style(index: int) -> dict:
    """Colour, line style and marker for the ``index``-th series of a chart.

    Parameters
    ----------
    index : int
        Position of the series in the chart (0 for the first).

    Returns
    -------
    dict
        Keyword arguments for ``Axes.plot``. Colours repeat after eight, but
        no two of the first 99 series share colour, line style and marker, and
        series 9-16 have hollow markers.
    """
    style = {"color": PALETTE[index % len(PALETTE)],
             "linestyle": LINESTYLES[index % len(LINESTYLES)],
             "marker": MARKERS[index % len(MARKERS)]}
    if (index // len(PALETTE)) % 2:
        # Second round of colours: hollow markers, so the ninth series is not read as the first.
        style["markerfacecolor"] = "white"
    return style


def figure(nrows: int = 1, ncols: int = 1, *, figsize: Sequence[float] | None = None,
           interactive: bool = False) -> tuple[Figure, object]:
    """A new figure in the course style.

    Parameters
    ----------
    nrows, ncols : int
        Grid of axes.
    figsize : (float, float), optional
        Size in inches; the style's default otherwise.
    interactive : bool
        ``False`` (static charts) creates the figure through pyplot, so the
        notebook shows it when it is the last value of a cell, and closes it in
        pyplot so it is not shown twice. ``True`` (widgets) creates a bare
        Agg figure that is never displayed by itself.

    Returns
    -------
    fig, axes
        As ``plt.subplots`` returns them.
    """
    if interactive:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        fig = Figure(figsize=figsize or RC["figure.figsize"], dpi=RC["figure.dpi"])
        FigureCanvasAgg(fig)
        axes = fig.subplots(nrows, ncols, squeeze=True)
    else:
        import matplotlib.pyplot as plt

        from course import png  # notebooks show it with one draw, not two (course/png.py)

        fig, axes = plt.subplots(nrows, ncols, figsize=figsize or RC["figure.figsize"],
                                 FigureClass=png.Figure)
        plt.close(fig)
    for ax in fig.axes:
        _apply_axes_style(ax)
    return fig, axes


def _apply_axes_style(ax) -> None:
    # Set on the axes too: notebook backends may reset rcParams after import,
    # and ax.clear() in widgets forgets the grid.
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(True, color=RC["grid.color"], linewidth=RC["grid.linewidth"])
    ax.set_axisbelow(True)


def add_source(fig: Figure, text: str) -> None:
    """Write a source line under a figure, left-aligned, in small grey type."""
    import textwrap

    text = "\n".join(textwrap.wrap(text, 120))
    n_lines = text.count("\n") + 1
    fig.subplots_adjust(bottom=0.14 + 0.035 * n_lines)
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7.5, color="#444444")


def draw_sources(ax, table: pd.DataFrame, *, unit: str, title: str, log: bool = False,
                 legend_outside: bool = True) -> None:
    """Plot a year x source table: one styled line per source and a grey band
    from the lowest to the highest estimate of each year.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    table : pandas.DataFrame
        Index of years, one column per source (NaN where a source is silent),
        as returned by :func:`course.data.views.by_source`.
    unit, title : str
        Axis label and chart title.
    log : bool
        Log scale for the values (for prices across a redenomination and
        inflation).
    """
    years = table.index.to_numpy()
    ax.fill_between(years, table.min(axis=1).to_numpy(), table.max(axis=1).to_numpy(),
                    color="#bbbbbb", alpha=0.45, linewidth=0, label="range across sources")
    import textwrap

    for i, source in enumerate(table.columns):
        # Wrap long agency names so the legend stays inside the figure.
        label = "\n".join(textwrap.wrap(str(source), 24))
        ax.plot(years, table[source].to_numpy(), label=label, markersize=4, linewidth=1.2,
                **style(i))
    if log:
        log_scale(ax, "y")
    else:
        ax.set_yscale("linear")
        ax.axhline(0, color="#555555", linewidth=0.8)
    year_axis(ax)
    # Say "log scale" in words: equal steps up the axis are equal ratios, not equal amounts.
    ax.set_ylabel(f"{unit}, log scale" if log else unit)
    ax.set_title(title)
    if legend_outside:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    else:
        ax.legend(fontsize=8)

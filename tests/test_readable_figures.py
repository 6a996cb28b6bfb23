"""Every figure a student sees can be read without guessing which series is which.

Checked for every figure function in ``course.figures`` (found by
:func:`course.figures.catalogue`) and every explorer in ``course.widgets``
(found by :func:`course.widgets.explorers`), so a later notebook's figures are
covered as soon as their module exists:

* no two series (legend entries) of one figure look alike: same colour, same
  line style and same marker, with markers that read as the same shape at
  chart size (a circle, a hexagon, an octagon) counted as one;
* every legend entry looks like something actually plotted in its panel (the
  legend of notebook 01 once showed a filled marker for points drawn hollow);
* a log axis says so in its label, in words;
* figure functions put a source line under the chart and document what it
  shows, the tables it reads and a text alternative.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from course import figures
from course.widgets import explorers

FIGURE_FUNCTIONS = figures.catalogue()
EXPLORERS = explorers()

# Markers that a reader cannot tell apart at 4-7 points.
ROUND = {"o", "h", "H", "8", "p", "."}
NO_LINE = {"None", "none", "", " "}


def _colour(value) -> str:
    return "none" if value is None or str(value).lower() == "none" else to_hex(value)


def _line_key(line: Line2D) -> tuple:
    marker = line.get_marker()
    marker = "none" if marker in (None, "None", "none", "", " ") else str(marker)
    drawn = not (line.get_linestyle() in NO_LINE or line.get_linewidth() == 0)
    colour = _colour(line.get_color())
    if marker != "none":
        # With a marker at every point a year apart, the segments between them are
        # too short to show a dash pattern: colour, shape and fill are what a reader
        # goes by (notebook 00's "ROK government", blue hexagons on long dashes,
        # read as "BOK, first release", blue circles on a solid line).
        face = _colour(line.get_markerfacecolor())
        fill = "hollow" if face in ("none", "#ffffff") else "filled"
        return ("markers", colour, "round" if marker in ROUND else marker, fill,
                "joined" if drawn else "points only")
    if not drawn:
        return ("nothing", colour)
    # The dash pattern itself: Line2D.get_linestyle() reports every custom pattern
    # as "--", which would make distinct patterns look equal.
    _, pattern = line._unscaled_dash_pattern
    return ("line", colour, tuple(pattern) if pattern else "solid")


def _patch_key(patch) -> tuple:
    if isinstance(patch, PolyCollection):
        face = patch.get_facecolor()
        face = _colour(face[0]) if len(face) else "none"
        hatch = patch.get_hatch() or ""
    else:
        face, hatch = _colour(patch.get_facecolor()), patch.get_hatch() or ""
    return ("area", face, hatch)


def key(artist) -> tuple:
    """How a series looks: the properties a reader uses to tell series apart."""
    if isinstance(artist, Line2D):
        return _line_key(artist)
    if isinstance(artist, (Patch, PolyCollection)):
        return _patch_key(artist)
    raise TypeError(f"no look defined for {type(artist).__name__}")


def plotted(ax) -> list:
    """Everything drawn in a panel: lines, bars and bands with some data, and an
    explorer's moving (animated) artists, which are empty at some settings."""
    marks = [line for line in ax.get_lines()
             if len(np.atleast_1d(line.get_xdata())) > 0 or line.get_animated()]
    marks += [p for p in ax.patches if getattr(p, "get_height", lambda: 1)() != 0
              or p.get_animated()]
    marks += [c for c in ax.collections if isinstance(c, PolyCollection)]
    return marks


def legend_entries(fig) -> list[tuple]:
    """(panel, label, look) for every legend entry of every panel."""
    entries = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            entries.append((ax, text.get_text(), key(handle)))
    return entries


def problems(fig) -> list[str]:
    """What makes a figure hard to read, one sentence per problem (empty: fine).

    An explorer's moving artists count as plotted even when empty at the
    current setting (no enforcement level fits the data, so there is no star;
    nothing is lost, so the loss bars have no height).
    """
    found = []
    entries = legend_entries(fig)
    looks: dict[tuple, set] = {}
    for _, label, look in entries:
        looks.setdefault(look, set()).add(label)
    for look, labels in looks.items():
        if len(labels) > 1:
            found.append(f"series {sorted(labels)} look alike: {look}")
    for ax, label, look in entries:
        if look not in {key(mark) for mark in plotted(ax)}:
            found.append(f"legend entry {label!r} ({look}) matches nothing plotted in its panel")
    for ax in fig.axes:
        for axis, scale, text in (("y", ax.get_yscale(), ax.get_ylabel()),
                                  ("x", ax.get_xscale(), ax.get_xlabel())):
            if scale == "log" and "log" not in text.lower():
                found.append(f"log {axis} axis whose label does not say so: {text!r}")
    return found


def explorer_figures(cls):
    """The explorer's figure at its defaults, then at every slider extreme and menu option."""
    explorer = cls()
    explorer.layout()
    for setting in explorer.extremes():
        explorer.update(**setting)
        yield setting, explorer.live.fig


def ink_on_the_edge(fig) -> dict[str, int]:
    """Dark pixels in the outermost row or column of each side of an explorer's picture.

    An explorer's picture is its whole canvas (static figures are cropped to what is drawn
    instead), so a label that runs past the canvas is cut off there and leaves ink on the
    edge. Light greys (grid lines, bands) do not count.
    """
    pixels = np.asarray(fig.canvas.buffer_rgba())[:, :, :3].min(axis=2)
    edges = {"top": pixels[0], "bottom": pixels[-1], "left": pixels[:, 0], "right": pixels[:, -1]}
    return {side: int((row < 160).sum()) for side, row in edges.items() if (row < 160).any()}


# --- the checker itself can fail -------------------------------------------------------

def test_the_checker_catches_lookalike_series_and_false_legends():
    from course import plots

    fig, ax = plots.figure(interactive=True)
    ax.plot([0, 1], [0, 1], color="#0072B2", marker="o", label="BOK, first release")
    ax.plot([0, 1], [1, 0], color="#0072B2", marker="h", label="ROK government")
    ax.plot([0.5], [0.5], color="#D55E00", marker="s", markerfacecolor="white",
            linestyle="none")
    ax.plot([], [], color="#D55E00", marker="s", linestyle="none", label="KIDA")
    ax.set_yscale("log")
    ax.legend()
    found = " | ".join(problems(fig))
    assert "look alike" in found and "ROK government" in found
    assert "'KIDA'" in found and "matches nothing" in found
    assert "log y axis" in found


def test_the_off_canvas_checker_catches_a_cut_label():
    from course import plots

    fig, ax = plots.figure(interactive=True)
    ax.plot([1, 100_000], [1, 100_000])
    plots.log_scale(ax, "y")
    ax.set_ylabel("won per kg (log scale)")
    fig.subplots_adjust(left=0.02)  # no room for the tick labels and the axis label
    fig.canvas.draw()
    assert set(ink_on_the_edge(fig)) == {"left"}
    fig.subplots_adjust(left=0.2)
    fig.canvas.draw()
    assert ink_on_the_edge(fig) == {}


def test_the_checker_passes_a_readable_figure():
    from course import plots

    fig, ax = plots.figure(interactive=True)
    for i in range(9):
        ax.plot([0, 1], [i, i + 1], label=f"series {i}", **plots.style(i))
    ax.bar([0], [1], color="#dddddd", label="bar")
    ax.set_yscale("log")
    ax.set_ylabel("value (log scale)")
    ax.legend()
    assert problems(fig) == []


# --- the course's figures ---------------------------------------------------------------

def test_there_are_figures_and_explorers_to_check():
    assert FIGURE_FUNCTIONS and EXPLORERS


@pytest.mark.parametrize("function", FIGURE_FUNCTIONS,
                         ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_figure_function_is_readable(function):
    fig = function()
    assert problems(fig) == []
    assert any(t.get_text().startswith("Source") for t in fig.texts), "no source line under the chart"


@pytest.mark.parametrize("function", FIGURE_FUNCTIONS,
                         ids=lambda f: f"{f.__module__.split('.')[-1]}.{f.__name__}")
def test_figure_function_is_documented(function):
    doc = inspect.getdoc(function) or ""
    assert "Tables:" in doc, "say which course tables the figure reads"
    assert "Text alternative\n----------------" in doc, "give a text alternative section"
    alternative = doc.split("Text alternative\n----------------", 1)[1].strip()
    assert len(alternative.split()) >= 12, "the text alternative should say what the chart shows"
    assert not inspect.signature(function).parameters or all(
        p.default is not p.empty for p in inspect.signature(function).parameters.values()), \
        "a figure function must run with no arguments (notebook cells stay one line)"


def test_figures_never_import_widgets():
    import ast
    from pathlib import Path

    for path in Path(figures.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if "widgets" in n], f"{path.name} imports widgets"


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_explorer_is_readable_at_every_extreme(cls):
    for setting, fig in explorer_figures(cls):
        assert problems(fig) == [], setting


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_explorer_text_stays_on_its_picture(cls):
    # Notebook 00's explorer once cut off the y label of its log indicators (the tick labels
    # "1,000,000" pushed it past a fixed left margin): at every extreme and menu option.
    for setting, fig in explorer_figures(cls):
        assert ink_on_the_edge(fig) == {}, setting


"""How long a notebook takes a student: one documented method instead of a guess.

A notebook's stated time (the line ``*Time: about N minutes.*`` under its
objectives) must equal what :func:`estimate` computes from the student
notebook, rounded to the nearest 5 minutes; ``tests/test_readable_notebooks.py``
checks it. The method, explained to students in ``notebooks/README.md``:

* reading: the words of the markdown cells at :data:`WORDS_PER_MINUTE`;
* each exercise (an nbgrader answer cell, numeric or written): :data:`EXERCISE_MINUTES`;
* each explorer (a widget built in a code cell): :data:`WIDGET_MINUTES`;
* each static chart (a call to a ``course.figures`` function): :data:`CHART_MINUTES`;
* each displayed equation (a ``$$ ... $$`` block): :data:`EQUATION_MINUTES`.

The allowances are calibrated on what a careful student took for notebooks
00-02 before they were revised: 50-60, 75-90 and 60-75 minutes (issue #9).
Reading at 200 words a minute plus 8 minutes per exercise gave only 34, 43 and
43 minutes for those versions; with the allowances the method gives 56, 73 and
74, inside or at the edge of each measured range. The rest of the time went on
reading charts, trying the sliders and working through the equations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

WORDS_PER_MINUTE = 200
EXERCISE_MINUTES = 8
WIDGET_MINUTES = 10
CHART_MINUTES = 5
EQUATION_MINUTES = 2

#: The line that states a notebook's time, in its first markdown cell.
STATED = re.compile(r"\*Time: about (\d+) minutes\.")

_CHART_CALL = re.compile(r"\bfigures\.\w+\.\w+\(")
_WIDGET_CALL = re.compile(r"\b[A-Z]\w*Explorer\(")
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Estimate:
    """The parts of a notebook that take time, and the minutes they add up to."""

    words: int
    exercises: int
    widgets: int
    charts: int
    equations: int

    @property
    def minutes(self) -> float:
        """Unrounded minutes: reading plus the allowances."""
        return (self.words / WORDS_PER_MINUTE + EXERCISE_MINUTES * self.exercises
                + WIDGET_MINUTES * self.widgets + CHART_MINUTES * self.charts
                + EQUATION_MINUTES * self.equations)

    @property
    def stated(self) -> int:
        """Minutes as a notebook states them: rounded to the nearest 5."""
        return int(5 * round(self.minutes / 5))


def _read(notebook) -> nbformat.NotebookNode:
    if isinstance(notebook, (str, Path)):
        return nbformat.read(notebook, as_version=4)
    return notebook


def prose_words(markdown: str) -> int:
    """Words a student reads in one markdown cell.

    Displayed equations are left out (they have their own allowance); link
    targets and HTML tags are not read; an inline formula counts as one word.
    """
    text = _DISPLAY_MATH.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _HTML_TAG.sub(" ", text)
    return len(re.findall(r"[^\s|#*>-]\S*", text))


def estimate(notebook) -> Estimate:
    """Count what takes time in a notebook (a path or an nbformat notebook).

    Parameters
    ----------
    notebook : str, pathlib.Path or nbformat.NotebookNode
        A student notebook (a master gives the same counts except for the
        words of its model answers and rubrics).

    Returns
    -------
    Estimate
        Counts, with ``.minutes`` and ``.stated`` (rounded to 5 minutes).

    Examples
    --------
    2,000 words (10 min), 3 exercises (24), 1 widget (10), 2 charts (10) and
    1 displayed equation (2) make 56 minutes, stated as 55.
    """
    nb = _read(notebook)
    words = exercises = widgets = charts = equations = 0
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            exercises += 1
        if cell.cell_type == "markdown":
            words += prose_words(cell.source)
            equations += len(_DISPLAY_MATH.findall(cell.source))
        elif cell.cell_type == "code":
            charts += len(_CHART_CALL.findall(cell.source))
            widgets += len(_WIDGET_CALL.findall(cell.source))
    return Estimate(words, exercises, widgets, charts, equations)


def stated_minutes(notebook) -> int | None:
    """The minutes a notebook states in its first markdown cell, or None if it states none."""
    nb = _read(notebook)
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    match = STATED.search(first.source) if first is not None else None
    return int(match.group(1)) if match else None


__all__ = ["Estimate", "estimate", "stated_minutes", "prose_words", "WORDS_PER_MINUTE",
           "EXERCISE_MINUTES", "WIDGET_MINUTES", "CHART_MINUTES", "EQUATION_MINUTES"]

"""The notebooks' static figures: one module per theme, one function per figure.

Each function draws one chart of real data with :mod:`course.plots`, writes the
source line under it and returns the :class:`matplotlib.figure.Figure`, so a
notebook cell is one readable line::

    from course import figures
    figures.growth.defence_budget_share()

Students who want to see how a figure is made can add two question marks in a
cell, ``figures.growth.defence_budget_share??``, and run it: JupyterLab shows the
function's code.

Data flows one way: ``course.data`` → ``course.models`` → ``course.figures``;
figures never import widgets. Each function's docstring says what the chart
shows, which tables it reads and gives a *text alternative* (one or two
sentences for readers who cannot see the chart).

Modules: :mod:`~course.figures.measurement` (notebook 00),
:mod:`~course.figures.growth` (01), :mod:`~course.figures.sanctions` (02),
:mod:`~course.figures.markets` (03), :mod:`~course.figures.corruption` (04),
:mod:`~course.figures.labor` (05), :mod:`~course.figures.inequality` (06),
:mod:`~course.figures.engagement` (07), :mod:`~course.figures.trust` (08),
:mod:`~course.figures.linkage` (09), :mod:`~course.figures.scenario` (10).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

#: The theme modules (one per notebook), found in the package's folder without importing them.
THEMES = tuple(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def catalogue() -> list[Callable]:
    """Every public figure function of every ``course.figures`` module.

    A figure function is a public function defined in its module (not
    imported into it). Tests use this list, so a later notebook's figures are
    checked as soon as its module exists.

    Returns
    -------
    list of callable
        Sorted by module, then by order of definition.
    """
    found = []
    for theme in sorted(THEMES):
        mod = importlib.import_module(f"{__name__}.{theme}")
        functions = [f for name, f in inspect.getmembers(mod, inspect.isfunction)
                     if not name.startswith("_") and f.__module__ == mod.__name__]
        found += sorted(functions, key=lambda f: f.__code__.co_firstlineno)
    return found


__all__ = ["catalogue", *THEMES]


def __getattr__(name: str):
    # A theme's module is imported when a notebook first asks for it
    # (``figures.markets``), so notebook 03 does not load notebook 10's models and
    # their tables. ``import course.figures.markets`` works as usual.
    if name in THEMES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # What a student's tab completion offers: the themes and catalogue, not the imports.
    return sorted(__all__)

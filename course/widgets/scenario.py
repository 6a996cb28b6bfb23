"""Notebook 10: one policy package through the models of notebooks 01-09.

One explorer: a slider per setting of :class:`course.models.scenario.Scenario`,
a panel per headline number (a grey hatched bar for the status quo, the
notebooks' defaults, and a blue bar for your package), a one-line reading, and
below it the list of places where the models' assumptions clash at the current
settings (:func:`course.models.scenario.conflicts`). The settings to quote in a
memo are :meth:`ScenarioExplorer.settings`.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import ipywidgets as ipw
import numpy as np

from course import plots
from course.models import scenario
from course.widgets.live import Explorer, LiveFigure, slider

#: Numbers shown in the reading, with their format.
READOUT = (("consumption_index", "consumption {:.1f}"), ("exports_kept", "exports kept {:.1f} %"),
           ("plan_rent", "plan rent {:.2f}"), ("officials_corrupt", "corrupt officials {:.0f} %"),
           ("output_change", "output {:+.2f} bn USD"),
           ("market_wage", "wage {:,.0f} USD"), ("gini_after", "Gini {:.3f}"),
           ("hostile_gain", "hostile class {:+.1f} %"), ("workers_value", "workers {:.1f} m USD"),
           ("state_value", "state {:.1f} m USD"), ("cooperation", "cooperation {:.1f} %"),
           ("denuclearization", "denuclearization {:.0f} %"), ("relief", "relief {:.0f} %"))


#: Points per setting swept to fix the axes (11: every tenth of each slider's range).
SWEEP = 11


@lru_cache(maxsize=1)
def limits() -> dict:
    """Axis limits per number, covering every package the sliders can reach.

    Each model's numbers depend only on the settings its
    :class:`~course.models.scenario.Component` reads (one or two), so each is
    swept over a grid of :data:`SWEEP` points per setting it reads, the others at
    their defaults: at most 121 runs of a model, not a grid over all settings. A
    test checks random packages against these limits.
    """
    out = {}
    for component in scenario.COMPONENTS:
        axes = [np.linspace(scenario.SETTING[n].low, scenario.SETTING[n].high, SWEEP)
                for n in component.uses]
        seen = [component.compute(scenario.Scenario(**dict(zip(component.uses, point))))
                for point in itertools.product(*axes)]
        for name in seen[0]:
            values = [r[name].value for r in seen]
            low, high = min(0.0, min(values)), max(0.0, max(values))
            pad = 0.08 * (high - low or 1.0)
            out[name] = (low - (pad if low < 0 else 0.0), high + pad)
    return out


class ScenarioExplorer(Explorer):
    """Every setting of the capstone's scenario; every headline number against the status quo.

    The model is :func:`course.models.scenario.evaluate` (which calls the models
    of notebooks 01-09); nothing is computed here.
    """

    def __init__(self) -> None:
        super().__init__()
        self.controls = {s.name: slider(s.label, s.default, s.low, s.high, s.step)
                         for s in scenario.SETTINGS}
        self.conflict_box = ipw.HTML(layout=ipw.Layout(min_height="2em"))
        self.status_quo = scenario.evaluate(scenario.Scenario())
        self._build_figure()

    def layout(self, rows=None):
        """Sliders two to a row, the figure, the reading, then the clashes."""
        box = super().layout(rows)
        if self.conflict_box not in box.children:
            box.children = (*box.children, self.conflict_box)
        return box

    def settings(self) -> scenario.StatedSettings:
        """The current settings as a dict, printed three to a line to paste into the settings cell."""
        return scenario.Scenario(**self.values()).settings()

    def _build_figure(self) -> None:
        names = list(self.status_quo)
        columns = -(-(len(names) + 1) // 2)  # one panel per number, and one for the settings
        fig, axes = plots.figure(2, columns, figsize=(2.0 * columns, 5.2), interactive=True)
        fig.subplots_adjust(left=0.05, right=0.91, top=0.81, bottom=0.04, hspace=0.75, wspace=0.5)
        self._bars = {}
        bounds = limits()
        for ax in axes.flat[len(names) + 1:]:
            ax.set_visible(False)
        for ax, name in zip(axes.flat, names):
            ax.bar([0], [self.status_quo[name].value], color="#999999", hatch="//",
                   edgecolor="white", label="status quo")
            (bar,) = ax.bar([1], [0.0], color="#0072B2", edgecolor="white", label="your package")
            self._bars[name] = bar
            ax.set_ylim(*bounds[name])
            ax.set_xlim(-0.7, 1.7)
            ax.set_xticks([])
            ax.axhline(0, color="#555555", linewidth=0.8)
            ax.set_title(self.status_quo[name].heading(23), fontsize=8)
            ax.tick_params(labelsize=7.5)
        self._settings_panel(axes.flat[len(names)])
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="upper center", ncol=2, fontsize=8, frameon=False)
        self.fig = fig
        self.live = LiveFigure(fig, [*self._bars.values(), self._dots], alt_text=(
            "Thirteen small bar charts, one per headline number of the package: consumption per "
            "worker, exports kept, plan rent, officials taking bribes, change in output, "
            "market wage, Gini, the hostile class's income gain, the zone's value to workers "
            "and to the state, long-run cooperation, and the denuclearization and relief of "
            "the linked deal. Each has a grey hatched bar for the "
            "status quo and a blue bar for the package on the sliders. A last panel shows "
            "every setting as a dot between its slider's minimum and maximum, a hollow grey "
            "dot for the status quo and a blue dot for the package, so settings that change "
            "no number here (the dividend's split when there is no dividend) still show."))

    def _settings_panel(self, ax) -> None:
        """Each setting's position between its slider's ends: status quo and package."""
        rows = np.arange(len(scenario.SETTINGS))
        # Names to the right of the panel, one per row, so no dot ever covers one; a
        # faint line leads from each name across its row.
        ax.hlines(rows, 0.0, 1.0, color="#e6e6e6", linewidth=0.6, zorder=0)
        for row, setting in zip(rows, scenario.SETTINGS):
            ax.text(1.1, row, setting.name.replace("_", " "), fontsize=6.5, color="#444444",
                    va="center", ha="left", clip_on=False)
        ax.plot(self._positions(scenario.Scenario().settings()), rows, linestyle="none",
                marker="o", markersize=5, color="#999999", markerfacecolor="white",
                label="status quo")
        (self._dots,) = ax.plot([], [], linestyle="none", marker="o", markersize=4,
                                color="#0072B2", label="your package")
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(len(rows) - 0.4, -0.9)
        ax.set_xticks([0, 1], ["min", "max"])
        ax.set_yticks([])
        ax.grid(False)
        ax.set_title("settings", fontsize=8)
        ax.tick_params(labelsize=7)

    @staticmethod
    def _positions(settings: dict) -> np.ndarray:
        return np.array([(settings[s.name] - s.low) / (s.high - s.low) for s in scenario.SETTINGS])

    def compute(self, **values) -> dict:
        s = scenario.Scenario(**values)
        numbers = scenario.evaluate(s)
        return {"settings": s.settings(),
                **{name: number.value for name, number in numbers.items()},
                "conflicts": scenario.conflicts(s, numbers)}

    def draw(self, result: dict) -> None:
        for name, bar in self._bars.items():
            bar.set_height(result[name])
        self._dots.set_data(self._positions(result["settings"]), np.arange(len(scenario.SETTINGS)))

    def describe(self, result: dict) -> str:
        return "Your package: " + "; ".join(f.format(result[name]) for name, f in READOUT) + "."

    def update(self, **overrides) -> dict:
        result = super().update(**overrides)
        clashes = result["conflicts"]
        self.conflict_box.value = (
            "<b>Where the models disagree at these settings:</b><ul>"
            + "".join(f"<li>{text}</li>" for text in clashes) + "</ul>" if clashes else
            "<b>No clash between the models' assumptions found at these settings</b> "
            "(which does not make them right).")
        return result


__all__ = ["ScenarioExplorer", "limits"]

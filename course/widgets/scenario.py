"""Notebook 10: one policy package through the models of notebooks 01-09.

One explorer: a slider per setting of :class:`course.models.scenario.Scenario`;
a dot plot with a row per headline number, each on its own scale
(:class:`course.figures.scenario.NumberRows`: a hollow grey circle for the
status quo, the notebooks' defaults, a blue dot for your package, both values
written on the right) and a panel of the settings; a one-line reading; and
below it the list of places where the models' assumptions clash at the current
settings (:func:`course.models.scenario.conflicts`). The settings to quote in a
memo are :meth:`ScenarioExplorer.settings`.
"""

from __future__ import annotations

import ipywidgets as ipw
import numpy as np

from course import plots
from course.figures.scenario import STATUS_QUO_LOOK, VALUE_FORMATS, Column, NumberRows
from course.models import scenario
from course.widgets.live import BlitText, Explorer, LiveFigure, slider

#: Numbers shown in the reading: a word or two before each value (formats: VALUE_FORMATS).
READOUT = (("consumption_index", "consumption"), ("exports_kept", "exports kept"),
           ("plan_rent", "plan rent"), ("officials_corrupt", "corrupt officials"),
           ("output_change", "output"), ("market_wage", "wage"), ("gini_after", "Gini"),
           ("hostile_gain", "hostile class"), ("workers_value", "workers"),
           ("state_value", "state"), ("cooperation", "cooperation"),
           ("denuclearization", "denuclearization"), ("relief", "relief"))

#: The dashboard's figure, in inches: rows (names, track, table), then the settings panel.
NAMES, TRACK, TABLE, GAP, PANEL, PANEL_NAMES = 2.4, 2.1, 1.8, 0.25, 0.9, 1.25
PITCH, TOP, BOTTOM = 0.28, 0.5, 0.45


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
        rows_height = PITCH * len(self.status_quo)
        width, height = NAMES + TRACK + TABLE + GAP + PANEL + PANEL_NAMES, TOP + rows_height + BOTTOM
        fig, (numbers_ax, settings_ax) = plots.figure(1, 2, figsize=(width, height),
                                                      interactive=True)
        plots.place(numbers_ax, NAMES, BOTTOM, TRACK, rows_height)
        plots.place(settings_ax, NAMES + TRACK + TABLE + GAP, BOTTOM, PANEL, rows_height)
        self.number_rows = NumberRows(numbers_ax, self.status_quo, [
            Column("status quo", STATUS_QUO_LOOK),
            Column("your package", {"marker": "o", "markersize": 5, "color": "#0072B2"})],
            text_class=BlitText)
        self.number_rows.show(0, {name: number.value for name, number in self.status_quo.items()})
        self.number_rows.legend()
        self._settings_panel(settings_ax)
        self.fig = fig
        self.live = LiveFigure(fig, [*self.number_rows.artists(1), self._dots], alt_text=(
            "A dot plot with a row for each headline number of the package: consumption per "
            "worker, exports kept, plan rent, officials taking bribes, change in output, "
            "market wage, Gini, the hostile class's income gain, the zone's value to workers "
            "and to the state, long-run cooperation, and the denuclearization and relief of "
            "the linked deal. Each row runs from the lowest to the highest value the sliders "
            "can reach, with a hollow grey circle for the status quo and a blue dot for the "
            "package on the sliders, and both values written on the right. A panel beside it "
            "shows every setting as a dot between its slider's minimum and maximum, hollow "
            "grey for the status quo and blue for the package, so settings that change no "
            "number here (the dividend's split when there is no dividend) still show."))

    def _settings_panel(self, ax) -> None:
        """Each setting's position between its slider's ends: status quo and package."""
        rows = np.arange(len(scenario.SETTINGS))
        # Names to the right of the panel, one per row, so no dot ever covers one; a
        # faint line leads from each name across its row.
        ax.hlines(rows, 0.0, 1.0, color="#e6e6e6", linewidth=0.6, zorder=0)
        for row, setting in zip(rows, scenario.SETTINGS):
            ax.text(1.1, row, setting.name.replace("_", " "), fontsize=6.5, color="#444444",
                    va="center", ha="left", clip_on=False)
        # The status quo's ring larger than the package's dot, so it shows around it.
        ax.plot(self._positions(scenario.Scenario().settings()), rows, linestyle="none",
                marker="o", markersize=7.5, color="#999999", markerfacecolor="white",
                label="status quo")
        (self._dots,) = ax.plot([], [], linestyle="none", marker="o", markersize=4,
                                color="#0072B2", label="your package")
        ax.set_xlim(-0.05, 1.05)
        ax.set_ylim(len(rows) - 0.4, -0.9)
        # Texts instead of ticks and a title: no axis for Matplotlib to lay out.
        ax.set_axis_off()
        ax.vlines([0.0, 1.0], -0.5, len(rows) - 0.5, color="#bbbbbb", linewidth=0.8, zorder=0)
        for x, end in ((0.0, "min"), (1.0, "max")):
            ax.text(x, len(rows) - 0.3, end, fontsize=7, color="#444444", ha="center", va="top")
        ax.text(0.0, -1.1, "settings", fontsize=8, fontweight="bold", ha="left", va="bottom")

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
        self.number_rows.show(1, result)
        self._dots.set_data(self._positions(result["settings"]), np.arange(len(scenario.SETTINGS)))

    def describe(self, result: dict) -> str:
        return "Your package: " + "; ".join(f"{words} " + VALUE_FORMATS[name].format(result[name])
                                            for name, words in READOUT) + "."

    def update(self, **overrides) -> dict:
        result = super().update(**overrides)
        clashes = result["conflicts"]
        self.conflict_box.value = (
            "<b>Where the models disagree at these settings:</b><ul>"
            + "".join(f"<li>{text}</li>" for text in clashes) + "</ul>" if clashes else
            "<b>No clash between the models' assumptions found at these settings</b> "
            "(which does not make them right).")
        return result


__all__ = ["ScenarioExplorer"]

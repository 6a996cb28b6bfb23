"""Notebook 00: compare every source's estimate of an indicator, year by year."""

from __future__ import annotations

import ipywidgets as ipw
import numpy as np

from course import plots
from course.data import views
from course.models import measurement
from course.widgets.live import Explorer, LiveFigure


# Growth rates with a sign, trade in billions to two places, prices and rates whole.
VALUE_FORMATS = {"gdp_growth": "{:+.1f}", "china_trade": "{:,.2f}"}


class SourcesExplorer(Explorer):
    """Pick an indicator and a year; see each source's value and their spread.

    Parameters
    ----------
    indicator : str
        Initial indicator, a key of :data:`course.data.views.INDICATORS`.
    year : int, optional
        Initial year (the latest year with two or more sources by default).
    """

    def __init__(self, indicator: str = "gdp_growth", year: int | None = None) -> None:
        super().__init__()
        self.indicator = ipw.Dropdown(
            options=[(ind.label, key) for key, ind in views.INDICATORS.items()],
            value=indicator, description="Indicator", style={"description_width": "initial"})
        self.year = ipw.SelectionSlider(options=[0], description="Year", continuous_update=True,
                                        style={"description_width": "initial"},
                                        layout=ipw.Layout(width="420px"))
        self.controls = {"indicator": self.indicator, "year": self.year}
        self.fig, self.ax = plots.figure(interactive=True, figsize=(7.5, 4.2))
        self.live = LiveFigure(self.fig, [], alt_text="")
        self._tables: dict = {}  # indicator -> year x source table
        self._notes: dict = {}   # indicator -> source note
        self._shown = None
        self._loading = False
        self._load(indicator, year)

    def _table(self, indicator: str):
        if indicator not in self._tables:
            self._tables[indicator] = views.by_source(indicator)
        return self._tables[indicator]

    def _load(self, indicator: str, year: int | None = None) -> None:
        """Redraw the static chart for an indicator (axes change: full redraw)."""
        table = self._table(indicator)
        info = views.INDICATORS[indicator]
        years = table.index.to_numpy()
        ax = self.ax
        ax.clear()
        plots._apply_axes_style(ax)
        plots.draw_sources(ax, table, unit=info.unit, title=info.label, log=info.log_scale)
        # Log indicators have wider tick labels (1,000,000): more room for them and the label.
        self.fig.subplots_adjust(left=0.13 if info.log_scale else 0.1, right=0.66, bottom=0.13,
                                 top=0.91)
        cursor = ax.axvline(years[0], color="#000000", linewidth=1.0, linestyle=":")
        marks, = ax.plot([], [], linestyle="none", marker="o", markersize=11,
                         markerfacecolor="none", markeredgecolor="#000000", markeredgewidth=1.4)
        self._cursor, self._marks = cursor, marks
        self.live.set_moving([cursor, marks])
        self.live.alt_text = (f"Line chart of {info.label.lower()} by year, one line per source, "
                              "with a grey band from the lowest to the highest estimate.")
        two_or_more = table.notna().sum(axis=1) >= 2
        default = int(table.index[two_or_more][-1]) if two_or_more.any() else int(years[-1])
        # Changing the options fires value events; ignore them until both are set.
        self._loading = True
        self.year.options = [int(y) for y in years]
        self.year.value = year if year in self.year.options else default
        self._loading = False
        self._shown = indicator
        self.live.rebuild()

    def compute(self, indicator: str, year: int) -> dict:
        table = self._table(indicator)
        if year not in table.index:
            year = int(table.index[-1])
        row = table.loc[year].dropna()
        values = row.to_numpy(dtype=float)
        n = len(values)
        return {
            "indicator": indicator, "year": int(year),
            "values": dict(zip(row.index, values)),
            "n_sources": n,
            "spread": float(measurement.spread(values)) if n >= 2 else None,
            # A spread relative to the median means something for levels, not for
            # growth rates near zero ("531% of the median").
            "relative_spread": (float(measurement.relative_spread(values))
                                if n >= 2 and indicator != "gdp_growth" else None),
        }

    def _on_change(self, change) -> None:
        if self._loading:
            return
        if change["owner"] is self.indicator:
            self._load(change["new"])
        self.update()

    def draw(self, result: dict) -> None:
        if result["indicator"] != self._shown:
            # Called with another indicator (from code, not the menu): keep the menu in step.
            self._loading = True
            self.indicator.value = result["indicator"]
            self._loading = False
            self._load(result["indicator"], result["year"])
        year = result["year"]
        values = list(result["values"].values())
        self._cursor.set_xdata([year, year])
        self._marks.set_data([year] * len(values), values)

    def describe(self, result: dict) -> str:
        info = views.INDICATORS[result["indicator"]]
        fmt = VALUE_FORMATS.get(result["indicator"], "{:,.0f}")
        parts = [f"{s}: {fmt.format(v)}" for s, v in result["values"].items()]
        text = f"<b>{result['year']}</b> ({info.unit}): " + "; ".join(parts) + ". "
        if result["spread"] is None:
            text += "Only one source reports this year, so there is nothing to compare."
        else:
            unit = "percentage points" if result["indicator"] == "gdp_growth" else info.unit
            text += f"<b>Spread {result['spread']:,.2f} {unit}</b> across {result['n_sources']} sources"
            if result["relative_spread"] is not None:
                text += f" ({result['relative_spread']:.0f}% of the median)"
            text += "."
        return text + f"<br><small>{self._note(result['indicator'])}</small>"

    def _note(self, indicator: str) -> str:
        if indicator not in self._notes:
            self._notes[indicator] = views.source_note(indicator)
        return self._notes[indicator]


__all__ = ["SourcesExplorer"]

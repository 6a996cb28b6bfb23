"""Notebook 06: who gets a growth dividend, and what it does to inequality between classes.

One explorer, two panels drawn once and blitted on every change:

* left: the Lorenz curve of the three songbun classes before and after the
  dividend, against the line of perfect equality;
* right: income per person of each class before and after (the hostile
  class's income before is the unit).

The class shares come from the published estimates (pick the source); the
income ratios and the split of the dividend are assumptions, since no survey
measures income by class.
"""

from __future__ import annotations

import ipywidgets as ipw
import numpy as np
from matplotlib.patches import Patch

from course import plots
from course.data import inequality as data
from course.models import inequality
from course.widgets.live import Explorer, LiveFigure, slider

CLASSES = data.CLASSES  # core, wavering, hostile
DEFAULT_SOURCE = "Collins (HRNK), 2012"
ROWS = (("source",), ("wavering", "core"), ("growth", "to_core"))
# Slider ranges, also used to fix the axis limits once for every position.
WAVERING, CORE, GROWTH = (1.0, 3.0), (1.0, 6.0), (0.0, 0.3)


def allocation(shares: np.ndarray, to_core: float) -> np.ndarray:
    """Dividend shares (core, wavering, hostile): ``to_core`` to the core class, the rest
    equally per person among the wavering and hostile classes."""
    rest = shares[1] + shares[2]
    return np.array([to_core, (1 - to_core) * shares[1] / rest, (1 - to_core) * shares[2] / rest])


class InequalityExplorer(Explorer):
    """Class shares by source, income ratios, and how a growth dividend is split.

    The model is :func:`course.models.inequality.share_dividend` on three groups,
    the songbun classes; incomes are per person, relative to the hostile class
    before the dividend. The Gini is a grouped Gini: a lower bound, since it
    ignores inequality inside each class.
    """

    # The source menu, the two income ratios, then the dividend and its split.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        self.share_sets = data.class_share_sets()
        self.controls = {
            "source": ipw.Dropdown(options=list(self.share_sets.index), value=DEFAULT_SOURCE,
                                   description="class shares from",
                                   style={"description_width": "initial"},
                                   layout=ipw.Layout(width="420px")),
            "wavering": slider("wavering income ÷ hostile", 1.5, *WAVERING, 0.1, fmt=".1f"),
            "core": slider("core income ÷ hostile", 3.0, *CORE, 0.1, fmt=".1f"),
            "growth": slider("growth dividend (income share)", 0.20, *GROWTH, 0.01, fmt=".0%"),
            "to_core": slider("share of dividend to core class", 0.50, 0.0, 1.0, 0.01, fmt=".0%"),
        }
        self._build_figure()

    def shares(self, source: str) -> np.ndarray:
        """Population shares (core, wavering, hostile) of a source, summing to 1."""
        return self.share_sets.loc[source, list(CLASSES)].to_numpy(dtype=float)

    # --- figure (static parts drawn once) ----------------------------------------
    def _highest_income(self) -> float:
        # Incomes after rise with every ratio, growth and the class's dividend share,
        # so the largest bar over all slider positions is at these corners.
        top = 0.0
        for source in self.share_sets.index:
            p = self.shares(source)
            for to_core in (0.0, 1.0):
                y = np.array([CORE[1], WAVERING[1], 1.0])
                out = inequality.share_dividend(p, y, GROWTH[1], allocation(p, to_core))
                top = max(top, float(out.incomes.max()))
        return top

    def _build_figure(self) -> None:
        fig, (ax_lorenz, ax_bars) = plots.figure(1, 2, figsize=(9.0, 3.6), interactive=True)
        fig.subplots_adjust(left=0.07, right=0.98, top=0.9, bottom=0.15, wspace=0.3)
        ax_lorenz.plot([0, 1], [0, 1], color="#777777", linewidth=1.0, linestyle=":",
                       label="perfect equality")
        self._before, = ax_lorenz.plot([], [], label="before the dividend", markersize=5,
                                       **{**plots.style(1), "linestyle": "--"})
        self._after, = ax_lorenz.plot([], [], label="after", markersize=5,
                                      **{**plots.style(0), "linestyle": "-"})
        ax_lorenz.set_xlim(0, 1)
        ax_lorenz.set_ylim(0, 1)
        ax_lorenz.set_aspect("equal", adjustable="box")
        ax_lorenz.set_xlabel("share of population, poorest first")
        ax_lorenz.set_ylabel("share of income")
        ax_lorenz.set_title("Lorenz curve of the classes")
        ax_lorenz.legend(loc="upper left", fontsize=7.5)

        width = 0.38
        self._bars_before, self._bars_after = [], []
        for i, _ in enumerate(CLASSES):
            (old,) = ax_bars.bar([i - width / 2], [0.0], width=width, color="#d9d9d9",
                                 edgecolor="#555555", hatch="//", linewidth=0.6)
            (new,) = ax_bars.bar([i + width / 2], [0.0], width=width, color=plots.PALETTE[0],
                                 edgecolor="white", linewidth=0.6)
            self._bars_before.append(old)
            self._bars_after.append(new)
        ax_bars.set_xticks(range(len(CLASSES)), [f"{c} class" for c in CLASSES])
        ax_bars.set_xlim(-0.6, len(CLASSES) - 0.4)
        ax_bars.set_ylim(0, 1.05 * self._highest_income())
        ax_bars.set_ylabel("income per person\n(hostile class before = 1)")
        ax_bars.set_title("Income per person by class")
        ax_bars.grid(axis="x", visible=False)
        ax_bars.legend(handles=[Patch(facecolor="#d9d9d9", edgecolor="#555555", hatch="//",
                                      label="before"),
                                Patch(facecolor=plots.PALETTE[0], edgecolor="white",
                                      label="after the dividend")],
                       loc="upper right", fontsize=7.5)
        self.source_note = (
            "Data: class shares from the songbun table (course.data.inequality.class_share_sets(): "
            "ids and how incomplete estimates were completed). Income ratios and the split are "
            "assumptions: no survey measures income by class. Model: "
            "course.models.inequality.share_dividend; the rest of the dividend goes equally per "
            "person to the wavering and hostile classes.")
        self.fig = fig
        self.live = LiveFigure(fig, [self._before, self._after, *self._bars_before,
                                     *self._bars_after], alt_text=(
            "Two panels. Left: the Lorenz curve of the three classes before (dashed) and after "
            "(solid) the growth dividend, below the diagonal of perfect equality. Right: bars of "
            "income per person of the core, wavering and hostile classes, before (grey, hatched) "
            "and after (blue)."))

    # --- model ------------------------------------------------------------------------
    def compute(self, source, wavering, core, growth, to_core) -> dict:
        p = self.shares(source)
        y = np.array([core, wavering, 1.0])
        out = inequality.share_dividend(p, y, growth, allocation(p, to_core))
        before = inequality.lorenz_curve(p, y)
        after = inequality.lorenz_curve(p, out.incomes)
        neutral = inequality.neutral_allocation(p, y)
        return {
            "source": source, "shares": p, "incomes_before": y, "incomes_after": out.incomes,
            "gain_percent": out.gain_percent, "gini_before": out.gini_before,
            "gini_after": out.gini_after, "poorest": out.poorest,
            "lorenz_before": np.vstack(before), "lorenz_after": np.vstack(after),
            "neutral_to_core": float(neutral[0]), "to_core": to_core, "growth": growth,
        }

    def draw(self, result: dict) -> None:
        self._before.set_data(*result["lorenz_before"])
        self._after.set_data(*result["lorenz_after"])
        for old, new, y0, y1 in zip(self._bars_before, self._bars_after,
                                    result["incomes_before"], result["incomes_after"]):
            old.set_height(float(y0))
            new.set_height(float(y1))

    def describe(self, result: dict) -> str:
        i = result["poorest"]
        poorest = CLASSES[i]
        before, after = result["incomes_before"][i], result["incomes_after"][i]
        change = result["gini_after"] - result["gini_before"]
        if result["growth"] == 0:
            verdict = "no dividend, so nothing changes"
        elif abs(change) < 5e-4:
            verdict = "inequality between classes unchanged"
        else:
            verdict = "inequality between classes " + ("rises" if change > 0 else "falls")
        neutral = result["neutral_to_core"]
        return (f"<b>Gini</b> (between classes, a lower bound): {result['gini_before']:.3f} before, "
                f"<b>{result['gini_after']:.3f}</b> after: {verdict}. "
                f"<b>Poorest group ({poorest} class)</b>: income per person {before:.2f} → "
                f"<b>{after:.2f}</b> ({result['gain_percent'][i]:+.1f}%); core class "
                f"{result['gain_percent'][0]:+.1f}%. The core class holds {neutral:.0%} of all income "
                f"before: a larger share of the dividend than that makes its income grow faster "
                f"than the average."
                f"<br><small>{self.source_note}</small>")


__all__ = ["InequalityExplorer", "allocation"]

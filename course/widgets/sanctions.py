"""Notebook 02: sanctions with leakage through China, and who bears the loss.

One explorer, three panels drawn once and blitted on every slider move:

* left: North Korea's recorded exports 2013-2020 (static, cited) and the
  model's path from the 2017 level through 2018 and 2019, as true exports
  and as the trade statistics would record them;
* middle: retention X1/X0 against China's enforcement, with the observed
  2018/2017 ratio; where the recorded line crosses it is the enforcement the
  data imply;
* right: the true export loss in 2018 and 2019, split between households and
  the elite and state budget.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from course import plots
from course.data import trade
from course.models import sanctions
from course.widgets.live import Explorer, LiveFigure, slider

BASE_YEAR, YEARS = 2017, (2017, 2018, 2019)
SHOWN = (2013, 2020)  # recorded exports drawn in the left panel
ROWS = (("b", "w"), ("e_2018", "e_2019"), ("d", "recorded"), ("beta",))


class SanctionsExplorer(Explorer):
    """Banned share, China's share and enforcement, smuggling, and who pays.

    The model is :func:`course.models.sanctions.export_retention`, applied to
    the 2017 level of recorded exports (Bank of Korea). Enforcement is set
    separately for 2018 ("maximum pressure") and 2019 (after the 2018
    diplomacy). Every default except ``b`` and ``w`` is illustrative.
    """

    # Controls in pairs that belong together, the figure, then the reading.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        self.controls = {
            "b": slider("banned share b", 0.90, 0.0, 1.0, 0.01),
            "w": slider("China's share w", 0.97, 0.0, 1.0, 0.01),
            "recorded": slider("share of smuggling recorded r", 1.0, 0.0, 1.0, 0.01),
            "e_2018": slider("enforcement 2018 e", 0.95, 0.0, 1.0, 0.01),
            "e_2019": slider("enforcement 2019 e", 0.95, 0.0, 1.0, 0.01),
            "d": slider("smuggling discount d", 0.30, 0.0, 1.0, 0.01),
            "beta": slider("households' share of loss β", 0.50, 0.0, 1.0, 0.01),
        }
        exports = trade.exports()
        by_year = dict(zip(exports["year"], exports["value"]))
        self.x0 = float(by_year[BASE_YEAR])
        self.observed = {year: float(by_year[year]) for year in YEARS}
        self.observed_ratio = self.observed[2018] / self.x0
        self.export_ids = exports.set_index("year")["source_id"]
        self._build_figure(exports)

    # --- figure (static parts drawn once) -------------------------------------------
    def _build_figure(self, exports) -> None:
        fig, _ = plots.figure(figsize=(9.6, 3.2), interactive=True)
        fig.clf()  # the course style's Agg figure, with panels of unequal width
        grid = fig.add_gridspec(1, 3, width_ratios=[1.5, 1.0, 0.8], wspace=0.4,
                                left=0.07, right=0.985, top=0.9, bottom=0.16)
        ax_path, ax_curve, ax_loss = (fig.add_subplot(grid[0, i]) for i in range(3))
        for ax in (ax_path, ax_curve, ax_loss):
            plots._apply_axes_style(ax)

        shown = exports[exports["year"].between(*SHOWN)]
        china = trade.china_share()
        china = china[china["year"].between(*SHOWN)]
        ax_path.plot(shown["year"], shown["value"], label="recorded exports (BOK)",
                     **{**plots.style(4), "linestyle": "-"}, linewidth=1.4)
        ax_path.plot(china["year"], china["to_china"], label="of which to China",
                     **plots.style(6), linewidth=1.0, markersize=4)
        ax_path.axvspan(2017.6, 2017.97, color="#bbbbbb", alpha=0.5, linewidth=0)
        ax_path.text(2018.1, 3.42, "Res. 2371, 2375, 2397\n(Aug-Dec 2017)", ha="left",
                     va="top", fontsize=7.5, color="#444444")
        self._true_path, = ax_path.plot([], [], label="model: true exports", **plots.style(0))
        self._seen_path, = ax_path.plot([], [], label="model: as recorded",
                                        **{**plots.style(5), "linestyle": "--"})
        ax_path.set_xlim(SHOWN[0] - 0.4, SHOWN[1] + 0.4)
        ax_path.set_ylim(0, 3.5)
        plots.year_axis(ax_path)
        ax_path.set_xlabel("")
        ax_path.set_ylabel("USD billion")
        ax_path.set_title("Exports: data and model")
        ax_path.legend(loc="lower left", fontsize=7.5, handlelength=2.6)

        ax_curve.axhline(self.observed_ratio, color="#555555", linewidth=1.0, linestyle=":")
        ax_curve.text(0.02, self.observed_ratio - 0.02, f"observed 2018/2017 = "
                      f"{self.observed_ratio:.3f}", fontsize=7.5, color="#444444", va="top")
        self._true_line, = ax_curve.plot([], [], color=plots.PALETTE[0], linestyle="-",
                                         label="true exports")
        self._seen_line, = ax_curve.plot([], [], color=plots.PALETTE[5], linestyle="--",
                                         label="as recorded")
        self._point_2018, = ax_curve.plot([], [], linestyle="none", marker="o", markersize=7,
                                          color=plots.PALETTE[5], label="2018 setting")
        self._point_2019, = ax_curve.plot([], [], linestyle="none", marker="s", markersize=7,
                                          markerfacecolor="white", markeredgewidth=1.6,
                                          color=plots.PALETTE[5], label="2019 setting")
        self._implied, = ax_curve.plot([], [], linestyle="none", marker="*", markersize=13,
                                       color="#000000", label="implied by data")
        ax_curve.set_xlim(-0.02, 1.02)
        ax_curve.set_ylim(0, 1.05)
        ax_curve.set_xlabel("China's enforcement e")
        ax_curve.set_ylabel("exports kept, X1/X0")
        ax_curve.set_title("Retention vs enforcement")
        ax_curve.legend(loc="upper right", fontsize=7.5, handlelength=2.2)

        width = 0.55
        colours = (plots.PALETTE[1], plots.PALETTE[0])
        hatches = ("//", "")
        self._bars = []
        for i, _ in enumerate(YEARS[1:]):
            pair = []
            for colour, hatch in zip(colours, hatches):
                (rect,) = ax_loss.bar([i], [0.0], width=width, color=colour, hatch=hatch,
                                      edgecolor="white", linewidth=0.6)
                pair.append(rect)
            self._bars.append(pair)
        ax_loss.set_xticks([0, 1], [str(y) for y in YEARS[1:]])
        ax_loss.set_xlim(-0.6, 1.6)
        ax_loss.set_ylim(0, 1.9)
        ax_loss.set_ylabel("USD billion")
        ax_loss.set_title("Who bears the loss")
        ax_loss.legend(handles=[Patch(facecolor=colours[0], hatch=hatches[0], edgecolor="white",
                                      label="households"),
                                Patch(facecolor=colours[1], label="elite & state")],
                       loc="upper right", fontsize=7.5)
        ax_loss.grid(axis="x", visible=False)

        # The source line goes under the figure in the readout (as in notebook 00's
        # explorer): a shorter image encodes faster on every update.
        self.source_note = (
            "Data: exports, Bank of Korea releases (KOTRA for 2013), table trade_total; to China: "
            "median of the agencies' reports, table trade_china (source ids: "
            "course.data.trade.exports() and china_share()). Model: course.models.sanctions from "
            f"the 2017 level ({self.x0:.2f} USD bn); losses are true, not recorded, and their "
            "split (β) is an assumption.")
        moving = [self._true_path, self._seen_path, self._true_line, self._seen_line,
                  self._point_2018, self._point_2019, self._implied,
                  *[rect for pair in self._bars for rect in pair]]
        self.fig = fig
        self.live = LiveFigure(fig, moving, alt_text=(
            "Three panels. Left: North Korea's recorded exports fall from about 3.2 billion "
            "dollars in 2013 to 1.77 in 2017, 0.24 in 2018 and 0.09 in 2020, with the model's "
            "path from 2017 to 2019 drawn over them. Middle: the share of exports kept falls "
            "in a straight line as China's enforcement rises; a star marks where the line "
            "meets the observed 2018 ratio. Right: bars split each year's export loss between "
            "households and the elite and state."))

    # --- model ----------------------------------------------------------------------
    def compute(self, b, w, e_2018, e_2019, d, recorded, beta) -> dict:
        e = np.array([0.0, e_2018, e_2019])
        banned = np.array([0.0, b, b])  # 2017 is the baseline: nothing more banned yet
        true = self.x0 * sanctions.export_retention(banned, w, e, d)
        seen = self.x0 * sanctions.export_retention(banned, w, e, d, recorded=recorded)
        floor, ceiling = sanctions.reachable_range(b, w, d, recorded=recorded)
        floor, ceiling = float(floor), float(ceiling)
        ratio = self.observed_ratio
        if ceiling - floor <= 1e-12:
            status, implied = "unidentified", None
        elif ratio < floor - 1e-12:
            status, implied = "below", None
        elif ratio > ceiling + 1e-12:
            status, implied = "above", None
        else:
            status = "ok"
            implied = float(sanctions.implied_enforcement(ratio, b, w, d, recorded=recorded,
                                                          clip=True))
        loss = self.x0 - true[1:]
        households, elite = sanctions.burden(loss, beta)
        leverage_change = (float(loss[1] / loss[0] - 1.0) if loss[0] > 1e-9 else None)
        grid = np.array([0.0, 1.0])
        return {
            "b": b, "e_2018": e_2018, "e_2019": e_2019, "recorded": recorded, "beta": beta,
            "true_path": true, "seen_path": seen,
            "true_curve": sanctions.export_retention(b, w, grid, d),
            "seen_curve": sanctions.export_retention(b, w, grid, d, recorded=recorded),
            "retention_true_2018": float(true[1] / self.x0),
            "retention_seen_2018": float(seen[1] / self.x0),
            "retention_seen_2019": float(seen[2] / self.x0),
            "floor": floor, "ceiling": ceiling, "status": status, "implied_e": implied,
            "loss": loss, "households": households, "elite": elite,
            "recovery_true": float(true[2] - true[1]), "recovery_seen": float(seen[2] - seen[1]),
            "leverage_change": leverage_change,
        }

    def draw(self, result: dict) -> None:
        self._true_path.set_data(YEARS, result["true_path"])
        self._seen_path.set_data(YEARS, result["seen_path"])
        grid = [0.0, 1.0]
        self._true_line.set_data(grid, result["true_curve"])
        self._seen_line.set_data(grid, result["seen_curve"])
        self._point_2018.set_data([result["e_2018"]], [result["retention_seen_2018"]])
        self._point_2019.set_data([result["e_2019"]], [result["retention_seen_2019"]])
        if result["implied_e"] is None:
            self._implied.set_data([], [])
        else:
            self._implied.set_data([result["implied_e"]], [self.observed_ratio])
        for (low, high), h, el in zip(self._bars, result["households"], result["elite"]):
            low.set_height(float(h))
            high.set_y(float(h))
            high.set_height(float(el))

    def describe(self, result: dict) -> str:
        ratio = self.observed_ratio
        status = result["status"]
        if status == "ok":
            implied = (f"the observed fall (to {ratio:.3f} of 2017) implies "
                       f"<b>enforcement e = {result['implied_e']:.3f}</b>")
        elif status == "below":
            implied = (f"<b>no enforcement level fits</b>: even e = 1 keeps {result['floor']:.3f} "
                       f"of 2017 exports, more than the observed {ratio:.3f} (unbanned exports "
                       "must have fallen too, or more was banned)")
        elif status == "above":
            implied = (f"<b>no enforcement level fits</b>: even e = 0 keeps only "
                       f"{result['ceiling']:.3f}, less than the observed {ratio:.3f}")
        else:
            implied = ("<b>enforcement is not identified</b>: nothing banned leaks into the "
                       "data (b, w, r or 1 - d is zero), so the data cannot tell e")
        loss, households, elite = result["loss"], result["households"], result["elite"]
        text = (f"<b>2018</b>: the model keeps {result['retention_true_2018']:.0%} of 2017 "
                f"exports ({result['retention_seen_2018']:.0%} as recorded); {implied}. "
                f"<b>Loss in 2018</b>: {loss[0]:.2f} bn, households {households[0]:.2f}, "
                f"elite &amp; state {elite[0]:.2f}. ")
        if result["leverage_change"] is None and result["b"] == 0:
            text += "Nothing is banned, so there is no loss and no leverage."
        elif result["leverage_change"] is None:
            text += ("<b>2019</b>: with no loss in 2018 there is nothing to compare the 2019 "
                     f"loss ({loss[1]:.2f} bn) with, so the change in leverage is undefined.")
        else:
            text += (f"<b>2019</b>: true exports change by {result['recovery_true']:+.2f} bn, "
                     f"of which the statistics record {result['recovery_seen']:+.2f}; the loss "
                     f"that sanctions relief could offer changes by "
                     f"{result['leverage_change']:+.0%}.")
        return text + f"<br><small>{self.source_note}</small>"


__all__ = ["SanctionsExplorer"]

"""Notebook 04: bribery, the wage of officials, and what honesty would cost.

One explorer, two panels drawn once and blitted on every slider move:

* left: the share of officials who take the bribe on offer, against their
  wage (kg of rice a month), with the current wage, the capitulation wage and
  the efficiency wage marked; the top axis gives the yearly wage bill of 1,000
  officials at each wage, so the fiscal cost is read off the same picture;
* right: the bribes on offer, from nothing up to the largest, split at the
  largest bribe an official refuses: refused below, taken above.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch

from course import plots
from course.models import corruption
from course.widgets.live import Explorer, LiveFigure, slider

W_MAX = 1000.0  # kg of rice a month: the axis covers the wage slider's whole range
OFFICIALS = 1000  # the wage bill is shown per 1,000 officials
ROWS = (("w", "w0"), ("q", "penalty"), ("b_max",))


def _tonnes_a_year(kg_a_month):
    return np.asarray(kg_a_month) * 12 * OFFICIALS / 1000


def _kg_a_month(tonnes_a_year):
    return np.asarray(tonnes_a_year) * 1000 / (12 * OFFICIALS)


class CorruptionExplorer(Explorer):
    """Wage, outside option, detection, penalty and the spread of bribes.

    The model is :mod:`course.models.corruption` (after Besley and McLaren
    1993), every amount in kg of rice a month. Defaults: a wage of 0 kg, near
    what reported state wages bought at market prices in 2012-2023 (notebook,
    Figure 1); an outside option of 40 kg, what Daily NK reports the top 8.3
    exemption payment is worth in rice (table ``corruption``); detection,
    penalty and spread are illustrative.
    """

    # Controls in pairs that belong together, the figure, then the reading.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        self.controls = {
            # Steps of 5 kg: on an axis of 0-1,000 kg one kilogram is less than a pixel,
            # so a key press of 1 kg would move nothing a reader (or the browser test) sees.
            "w": slider("state wage w (kg rice/month)", 0.0, 0.0, W_MAX, 5.0, fmt=".0f"),
            "w0": slider("outside option w₀ (kg/month)", 40.0, 0.0, 300.0, 5.0, fmt=".0f"),
            "q": slider("detection probability q", 0.25, 0.05, 0.95, 0.01),
            "penalty": slider("penalty F (kg rice)", 50.0, 0.0, 500.0, 5.0, fmt=".0f"),
            "b_max": slider("largest bribe B (kg rice)", 150.0, 10.0, 1000.0, 10.0,
                            fmt=".0f"),
        }
        self.grid = np.linspace(0.0, W_MAX, 401)
        self._build_figure()

    # --- figure (static parts drawn once) -------------------------------------------
    def _build_figure(self) -> None:
        fig, _ = plots.figure(figsize=(9.6, 3.5), interactive=True)
        fig.clf()
        grid = fig.add_gridspec(1, 2, width_ratios=[1.6, 1.0], wspace=0.3,
                                left=0.07, right=0.985, top=0.8, bottom=0.16)
        left, right = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        for ax in (left, right):
            plots._apply_axes_style(ax)

        self._curve, = left.plot([], [], color=plots.PALETTE[0], linestyle="-",
                                 label="share taking the bribe")
        self._now, = left.plot([], [], linestyle="none", marker="o", markersize=8,
                               color=plots.PALETTE[0], label="current wage")
        self._cap = left.axvline(0.0, color=plots.PALETTE[5], linestyle="--", linewidth=1.4,
                                 label="capitulation wage")
        self._eff = left.axvline(0.0, color=plots.PALETTE[2], linestyle="-.", linewidth=1.6,
                                 label="efficiency wage")
        self._out = left.axvline(0.0, color="#777777", linestyle=":", linewidth=1.2,
                                 label="outside option w₀")
        left.set_xlim(-10, W_MAX + 10)
        left.set_ylim(-0.03, 1.05)
        left.set_xlabel("state wage w, kg of rice a month")
        left.set_ylabel("share of officials")
        left.legend(loc="center right", fontsize=7.5, handlelength=2.6)
        top = left.secondary_xaxis("top", functions=(_tonnes_a_year, _kg_a_month))
        top.set_xlabel(f"wage bill, tonnes of rice a year per {OFFICIALS:,} officials", fontsize=8)
        top.tick_params(labelsize=8)
        left.set_title("Who takes the bribe, and what honesty costs", pad=30)

        colours = (plots.PALETTE[2], plots.PALETTE[5])
        hatches = ("", "//")
        self._refused, = right.barh([0], [0.0], color=colours[0], hatch=hatches[0],
                                    edgecolor="white", height=0.5)
        self._taken, = right.barh([0], [0.0], left=[0.0], color=colours[1], hatch=hatches[1],
                                  edgecolor="white", height=0.5)
        right.set_xlim(0, 1010)
        right.set_ylim(-0.8, 0.9)
        right.set_yticks([])
        right.set_xlabel("bribe on offer, kg of rice")
        right.set_title("Bribes on offer: refused or taken", pad=30)
        right.legend(handles=[Patch(facecolor=colours[0], label="refused: b ≤ q(w − w₀ + F)"),
                              Patch(facecolor=colours[1], hatch=hatches[1], edgecolor="white",
                                    label="taken")],
                     loc="upper right", fontsize=7.5)
        right.grid(axis="y", visible=False)

        self.source_note = (
            "Model: course.models.corruption, after Besley and McLaren (1993), bribes spread "
            "evenly from 0 to B, one a month. Amounts in kg of rice; defaults: wage near the "
            "2012-2023 reports, outside option = the top 8.3 payment in rice (Daily NK, table "
            "corruption); q, F and B are illustrative.")
        moving = [self._curve, self._now, self._cap, self._eff, self._out,
                  self._refused, self._taken]
        self.fig = fig
        self.live = LiveFigure(fig, moving, alt_text=(
            "Two panels. Left: the share of officials who take the bribe on offer falls in a "
            "straight line as their wage rises, from the capitulation wage (dashed) to zero at the "
            "efficiency wage (dash-dot); a dot marks the current wage and a dotted line the "
            "outside option; the top axis gives the yearly wage bill of 1,000 officials. Right: "
            "one bar of bribes from nothing to the largest, refused up to the deterrence "
            "threshold and taken above it."))

    # --- model ----------------------------------------------------------------------
    def compute(self, w, w0, q, penalty, b_max) -> dict:
        share = float(corruption.share_corrupt(w, w0, q, penalty, b_max))
        tau = float(corruption.deterrence(w, w0, q, penalty))
        w_eff = float(corruption.efficiency_wage(w0, q, penalty, b_max))
        w_cap = float(corruption.capitulation_wage(w0, q, penalty, b_max))
        return {
            "w": w, "w0": w0, "q": q, "penalty": penalty, "b_max": b_max,
            "share": share, "threshold": min(tau, b_max), "w_eff": w_eff, "w_cap": w_cap,
            "curve": corruption.share_corrupt(self.grid, w0, q, penalty, b_max),
            "bill_now": float(_tonnes_a_year(w)), "bill_eff": float(_tonnes_a_year(w_eff)),
            "bill_cap": float(_tonnes_a_year(w_cap)),
        }

    def draw(self, result: dict) -> None:
        self._curve.set_data(self.grid, result["curve"])
        self._now.set_data([result["w"]], [result["share"]])
        edge = W_MAX + 5  # a wage beyond the axis is drawn at its edge; the reading gives it
        for line, value in ((self._cap, result["w_cap"]), (self._eff, result["w_eff"]),
                            (self._out, result["w0"])):
            x = min(value, edge)
            line.set_xdata([x, x])
        self._refused.set_width(result["threshold"])
        self._taken.set_x(result["threshold"])
        self._taken.set_width(result["b_max"] - result["threshold"])

    def describe(self, result: dict) -> str:
        w, share = result["w"], result["share"]
        text = (f"At a wage of <b>{w:.0f} kg of rice a month</b>, <b>{share:.0%}</b> of officials "
                f"take the bribe on offer: they refuse bribes up to {result['threshold']:.0f} kg. ")
        w_eff, w_cap = result["w_eff"], result["w_cap"]
        beyond = " (beyond the chart)" if w_eff > W_MAX else ""
        text += (f"<b>Efficiency wage</b> {w_eff:,.0f} kg{beyond}: a wage bill of "
                 f"{result['bill_eff']:,.0f} t of rice a year per {OFFICIALS:,} officials, against "
                 f"{result['bill_now']:,.0f} t now. <b>Capitulation wage</b> {w_cap:,.0f} kg")
        if w_cap == 0.0:
            text += ": the bribes are worth more than the outside option, so officials would serve unpaid."
        elif w_cap >= result["w0"]:
            text += ": the penalty alone deters every bribe, so the post holds no extortion rent."
        else:
            text += f", {result['w0'] - w_cap:,.0f} kg below the outside option: the bribes make up the rest."
        return text + f"<br><small>{self.source_note}</small>"


__all__ = ["CorruptionExplorer"]

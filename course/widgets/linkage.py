"""Notebook 09: the deal set and the Nash bargaining solution, with and without linkage.

One explorer, two panels drawn once and blitted on every slider move:

* left: the deals (denuclearization d across, relief r up) that both sides
  accept, for a nuclear-only deal (h = 0) and a linked deal (h = r), shaded,
  with the Nash bargaining solution of each;
* right: each side's payoff at the two solutions, with its fallback.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from course import plots
from course.models import linkage
from course.widgets.live import Explorer, LiveFigure, slider

ROWS = (("theta", "weight"), ("credibility",), ("fallback_regime", "fallback_other"))
CASES = (("nuclear only", False), ("linked", True))
#: Relief values at which the edges of the deal sets are traced.
RELIEF = np.linspace(0.0, 1.0, 401)
#: Fill of each deal set: translucent, so where they overlap the two mix; dashed edge if linked.
#: (Hatching would cost 2 ms of PNG encoding per update.)
FILLS = {"nuclear only": {"facecolor": plots.PALETTE[0], "alpha": 0.30, "linestyle": "-"},
         "linked": {"facecolor": plots.PALETTE[1], "alpha": 0.35, "linestyle": "--"}}


def _outline(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The polygon of deals between ``low`` and ``high`` (denuclearization) at each relief.

    The accepted range is empty where ``low > high``; the relief values with a
    non-empty range form one interval (the range's width is concave in ``r``).
    Returns an (n, 2) array of (d, r) vertices, empty when no deal is accepted.
    """
    keep = low <= high
    if not np.any(keep):
        return np.zeros((0, 2))
    r = RELIEF[keep]
    return np.column_stack([np.r_[low[keep], high[keep][::-1]], np.r_[r, r[::-1]]])


def _limits(p: dict) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Each side's zero-gain curve for a linked deal (h = r), as (d, r) points.

    Regime: (kappa - theta) r - d^2 = f_N, so r = (d^2 + f_N) / (kappa - theta); it
    accepts above the curve. Other side: kappa d + kappa w r - r^2 = f_U, so
    d = (f_U + r^2 - kappa w r) / kappa; it accepts to the right. A side that gains
    nothing from any linked deal (kappa - theta <= 0, or kappa = 0) has no curve.
    """
    axis = np.linspace(0.0, 1.0, 101)
    slope = p["credibility"] - p["theta"]
    regime = ((axis, (axis**2 + p["fallback_regime"]) / slope) if slope > 0
              else (np.array([]), np.array([])))
    kappa = p["credibility"]
    other = (((p["fallback_other"] + axis**2 - kappa * p["weight"] * axis) / kappa, axis)
             if kappa > 0 else (np.array([]), np.array([])))
    return regime, other


class LinkageExplorer(Explorer):
    """The regime's cost of liberalization, the weight on human rights, credibility, fallbacks.

    The model is :func:`course.models.linkage.nash_deal` and
    :func:`course.models.linkage.deal_set` (201 x 201 grid of deals). The
    readout gives both Nash solutions, each side's payoffs and the share of
    possible deals that both sides accept, with and without linkage.
    """

    # Sliders in pairs (credibility alone), the figure, then the reading.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        self.controls = {
            "theta": slider("regime's liberalization cost θ",
                            0.3, -1.0, 1.0, 0.05),
            "weight": slider("other side's weight on rights w", 0.5, 0.0, 1.0, 0.05),
            "credibility": slider("credibility of promises κ", 0.8, 0.0, 1.0, 0.05),
            "fallback_regime": slider("regime's fallback f_N", 0.05, 0.0, 0.5, 0.01),
            "fallback_other": slider("other side's fallback f_U", 0.05, 0.0, 0.5, 0.01),
        }
        self._build_figure()

    def _build_figure(self) -> None:
        fig, (ax_set, ax_pay) = plots.figure(1, 2, figsize=(9.4, 4.0), interactive=True)
        fig.subplots_adjust(left=0.07, right=0.985, top=0.9, bottom=0.28, wspace=0.3)
        # Polygons, not an image: an image of the grid took 20 ms to draw on every update.
        self._areas = {label: ax_set.add_patch(Polygon(np.zeros((0, 2)), closed=True,
                                                       edgecolor=FILLS[label]["facecolor"],
                                                       linewidth=0.8, **FILLS[label]))
                       for label, _ in CASES}
        self._points = []
        for i, (label, _) in enumerate(CASES):
            point, = ax_set.plot([], [], markersize=9, markeredgecolor="#222222",
                                 **{**plots.style(i), "linestyle": "none"})
            self._points.append(point)
        # Each side's limit for a linked deal: where its gain is zero (it accepts on one side).
        self._limits = []
        for i, colour in enumerate((plots.PALETTE[5], plots.PALETTE[3])):
            line, = ax_set.plot([], [], color=colour, linewidth=1.4,
                                linestyle=("--", (0, (1, 1.5)))[i])
            self._limits.append(line)
        ax_set.set_xlim(0, 1)
        ax_set.set_ylim(0, 1)
        ax_set.set_xlabel("denuclearization d (share)")
        ax_set.set_ylabel("sanctions relief r (share)")
        ax_set.set_title("Deals both sides accept")
        handles = [Patch(edgecolor=FILLS[label]["facecolor"], label=f"accepted: {label}",
                         **FILLS[label]) for label, _ in CASES]
        handles += [Line2D([], [], markersize=8, markeredgecolor="#222222",
                           label=f"Nash solution, {label}",
                           **{**plots.style(i), "linestyle": "none"})
                    for i, (label, _) in enumerate(CASES)]
        handles += [Line2D([], [], color=line.get_color(), linestyle=line.get_linestyle(),
                           linewidth=1.4, label=f"{who}'s limit, linked")
                    for line, who in zip(self._limits, ("regime", "other side"))]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=3,
                   fontsize=7.5)
        positions = np.arange(2)
        self._bars = []
        for i, (label, _) in enumerate(CASES):
            bars = ax_pay.bar(positions + (i - 0.5) * 0.36, [0, 0], width=0.34,
                              color=plots.PALETTE[i], hatch=("", "//")[i], edgecolor="white",
                              label=f"at the Nash solution, {label}")
            self._bars += list(bars)
        self._fallbacks, = ax_pay.plot([], [], color="#222222", linestyle="none", marker="_",
                                       markersize=40, markeredgewidth=2.0)
        ax_pay.set_xticks(positions, ["regime (N)", "other side (U)"])
        ax_pay.set_xlim(-0.6, 1.6)
        # Payoffs at a solution lie between the fallback (>= 0) and 1.5, the largest over
        # the sliders' corners (theta = -1, w = 1, kappa = 1: the regime's payoff).
        ax_pay.set_ylim(0, 1.55)
        ax_pay.set_ylabel("payoff (value of full, certain relief = 1)")
        ax_pay.set_title("Payoffs")
        ax_pay.grid(axis="x", visible=False)
        handles, _ = ax_pay.get_legend_handles_labels()
        handles.append(Line2D([], [], color="#222222", linestyle="none", marker="_",
                              markersize=14, markeredgewidth=2.0, label="fallback"))
        ax_pay.legend(handles=handles, loc="upper right", fontsize=7.5)
        self.source_note = ("Model: course.models.linkage (Nash 1950; Tollison and Willett 1979; "
                            "Fearon 1995); illustrative payoffs, not estimates.")
        self.fig = fig
        self.live = LiveFigure(fig, [*self._areas.values(), *self._limits, *self._points, *self._bars, self._fallbacks],
                               alt_text=(
            "Two panels. Left: the square of possible deals, denuclearization across and "
            "sanctions relief up, shaded where both sides accept a nuclear-only deal and "
            "where they accept a linked deal (the two overlap), with a marker at each Nash bargaining solution and a line for each side's limit "
            "for a linked deal. Right: "
            "each side's payoff at the two solutions, as bars, with its fallback marked."))

    def compute(self, theta, weight, credibility, fallback_regime, fallback_other) -> dict:
        params = {"theta": float(theta), "weight": float(weight),
                  "credibility": float(credibility), "fallback_regime": float(fallback_regime),
                  "fallback_other": float(fallback_other)}
        sets = {label: linkage.deal_set(linked=flag, **params) for label, flag in CASES}
        deals = {label: linkage.nash_deal(**params, linked=flag) for label, flag in CASES}
        bounds = {label: linkage.deal_bounds(RELIEF, linked=flag, **params)
                  for label, flag in CASES}
        return {**params, "sets": sets, "deals": deals, "bounds": bounds,
                "share_alone": float(sets["nuclear only"].mean()),
                "share_linked": float(sets["linked"].mean())}

    def draw(self, result: dict) -> None:
        for line, (x, y) in zip(self._limits, _limits(result)):
            line.set_data(x, y)
        for label, _ in CASES:
            self._areas[label].set_xy(_outline(*result["bounds"][label]))
        bars = iter(self._bars)
        for point, (label, _) in zip(self._points, CASES):
            deal = result["deals"][label]
            point.set_data(([deal.d], [deal.r]) if deal.exists else ([], []))
            for value in (deal.payoff_regime, deal.payoff_other):
                next(bars).set_height(value if deal.exists else 0.0)
        self._fallbacks.set_data([-0.0, 1.0],
                                 [result["fallback_regime"], result["fallback_other"]])

    def describe(self, result: dict) -> str:
        parts = []
        for label, _ in CASES:
            deal = result["deals"][label]
            if deal.exists:
                h = f", h = {deal.h:.2f}" if label == "linked" else ""
                parts.append(f"<b>{label}</b>: d = {deal.d:.2f}{h}, r = {deal.r:.2f}, payoffs "
                             f"{deal.payoff_regime:.2f} (N) and {deal.payoff_other:.2f} (U)")
            else:
                parts.append(f"<b>{label}</b>: no deal beats both fallbacks")
        alone, linked = result["share_alone"], result["share_linked"]
        verdict = ("widens" if linked > alone else "shrinks" if linked < alone
                   else "leaves unchanged")
        text = ("; ".join(parts) + f". Acceptable deals cover {alone:.0%} of the square "
                f"without linkage and {linked:.0%} with it: here linkage <b>{verdict}</b> "
                "the deal set.")
        return text + f"<br><small>{self.source_note}</small>"


__all__ = ["LinkageExplorer"]

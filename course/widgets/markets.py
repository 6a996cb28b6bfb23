"""Notebook 03: plan and market side by side (dual-track pricing).

One explorer, two panels drawn once and blitted on every slider move:

* left: demand and supply of one good, the plan quota and plan price, the
  market price, the plan rent (a rectangle between the two prices over the
  delivered quota) and, when the plan is not enforced and its users cannot buy
  in the market, the plan users left without the good;
* right: consumer and producer surplus, plan rent and deadweight loss in the
  three regimes (plan only, dual track, full liberalization).

The market is the worked example of the notebook, in illustrative units:
``D(q) = 10 - q``, ``MC(q) = 1 + 0.5 q`` (liberalized quantity 6, price 4).
"""

from __future__ import annotations

import ipywidgets as ipw
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from course import plots
from course.models import markets
from course.widgets.live import Explorer, LiveFigure, slider

MARKET = markets.LinearMarket(a=10.0, b=1.0, c=1.0, d=0.5)
MEASURES = ("consumer\nsurplus", "producer\nsurplus", "plan\nrent", "deadweight\nloss")
_REGIME_STYLE = {  # colour and hatch per regime, so bars differ without colour too
    "plan only": ("#bbbbbb", "//"),
    "dual track": (plots.PALETTE[0], ""),
    "liberalized": (plots.PALETTE[2], ".."),
}
ROWS = (("quota", "plan_price"), ("enforcement", "shut_out"))


class DualTrackExplorer(Explorer):
    """Plan quota, plan price and enforcement of the plan in one market.

    The model is :func:`course.models.markets.compare` on :data:`MARKET`. The
    menu chooses what plan users left without their quota can do: buy in the
    market (the market then clears at the liberalized price, and the loss is
    theirs alone) or not (state enterprises that cannot outbid private buyers,
    as in Murphy, Shleifer and Vishny 1992: the goods go to users who value
    them less).
    """

    # Quota and price, then enforcement and the menu; the figure; the reading.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        q_star = MARKET.q_star
        self.controls = {
            "quota": slider("plan quota q̄", 4.0, 0.0, q_star, 0.1, fmt=".1f"),
            "plan_price": slider("plan price p̄", 2.0, 0.0, 8.0, 0.1, fmt=".1f"),
            "enforcement": slider("enforcement e", 1.0, 0.0, 1.0, 0.05),
            "shut_out": ipw.Dropdown(
                options=[("cannot buy in the market", True), ("buy in the market", False)],
                value=True, description="plan users left without quota",
                style={"description_width": "initial"}, layout=ipw.Layout(width="420px")),
        }
        self._build_figure()

    # --- figure (static parts drawn once) -------------------------------------------
    def _build_figure(self) -> None:
        fig, (ax, bars) = plots.figure(1, 2, figsize=(9.6, 3.6), interactive=True)
        fig.subplots_adjust(left=0.06, right=0.985, top=0.9, bottom=0.2, wspace=0.28)
        q = np.array([0.0, 10.0])
        ax.plot(q, MARKET.demand_price(q), color="#000000", linestyle="-", label="demand D(q)")
        ax.plot(q, MARKET.supply_price(q), color=plots.PALETTE[5], linestyle="--",
                label="supply (marginal cost)")
        ax.plot([MARKET.q_star], [MARKET.p_star], linestyle="none", marker="o", color="#555555",
                markerfacecolor="white", markersize=6, label="liberalized (Q*, p*)")
        self._rent = Polygon(np.zeros((4, 2)), closed=True, facecolor=plots.PALETTE[1],
                             alpha=0.45, hatch="//", edgecolor=plots.PALETTE[1], label="plan rent")
        self._cut = Polygon(np.zeros((4, 2)), closed=True, facecolor=plots.PALETTE[3], alpha=0.45,
                            edgecolor=plots.PALETTE[3], label="plan users left without")
        ax.add_patch(self._rent)
        ax.add_patch(self._cut)
        self._plan_line, = ax.plot([], [], color=plots.PALETTE[1], linestyle="-", linewidth=2.4,
                                   marker="s", markevery=[1], label="plan price, delivered quota")
        self._quota_line, = ax.plot([], [], color="#777777", linestyle=":", label="plan quota q̄")
        self._market_line, = ax.plot([], [], color=plots.PALETTE[0], linestyle="-.",
                                     label="market price")
        self._market_point, = ax.plot([], [], linestyle="none", marker="D",
                                      color=plots.PALETTE[0], markersize=6,
                                      label="last unit sold in the market")
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10.5)
        ax.set_xlabel("quantity (illustrative units)")
        ax.set_ylabel("price (illustrative units)")
        ax.set_title("One market: plan and market tracks")
        ax.legend(loc="upper right", fontsize=7, handlelength=2.2)

        x = np.arange(len(MEASURES))
        width = 0.26
        self._bars = {}
        for i, (regime, (colour, hatch)) in enumerate(_REGIME_STYLE.items()):
            rects = bars.bar(x + (i - 1) * width, np.zeros(len(MEASURES)), width=width,
                             color=colour, hatch=hatch, edgecolor="white", linewidth=0.5)
            self._bars[regime] = list(rects)
        bars.axhline(0, color="#555555", linewidth=0.8)
        bars.set_xticks(x, MEASURES, fontsize=8)
        bars.set_xlim(-0.5, len(MEASURES) - 0.5)
        bars.set_ylim(-28, 46)
        bars.set_ylabel("price × quantity units")
        bars.set_title("Who gains, who loses")
        bars.grid(axis="x", visible=False)
        bars.legend(handles=[Patch(facecolor=c, hatch=h, edgecolor="white", label=r)
                             for r, (c, h) in _REGIME_STYLE.items()],
                    loc="upper right", fontsize=7.5)
        moving = [self._rent, self._cut, self._plan_line, self._quota_line, self._market_line,
                  self._market_point, *[r for rects in self._bars.values() for r in rects]]
        self.fig = fig
        self.live = LiveFigure(fig, moving, alt_text=(
            "Two panels. Left: a falling demand line and a rising supply line meeting at the "
            "liberalized price and quantity; the plan quota and plan price, the market price as "
            "a horizontal line, the plan rent as a shaded rectangle between the plan and market "
            "prices, and a second shaded area for plan users left without the good. Right: bars "
            "for consumer surplus, producer surplus, plan rent and deadweight loss under the "
            "plan alone, the dual track and full liberalization."))

    # --- model ----------------------------------------------------------------------
    def compute(self, quota, plan_price, enforcement, shut_out) -> dict:
        regimes = markets.compare(MARKET, quota, plan_price, enforcement, shut_out=bool(shut_out))
        dual, plan = regimes["dual track"], regimes["plan only"]
        return {
            "quota": float(quota), "plan_price": float(plan_price),
            "enforcement": float(enforcement), "shut_out": bool(shut_out),
            "delivered": dual.plan_delivered, "market_price": dual.price,
            "market_quantity": dual.market_quantity, "quantity": dual.quantity,
            "plan_rent": dual.plan_rent, "deadweight_loss": dual.deadweight_loss,
            "plan_only_loss": plan.deadweight_loss,
            "users_vs_plan": dual.plan_users - plan.plan_users,
            "users_vs_liberalized": dual.plan_users - regimes["liberalized"].plan_users,
            "bars": {name: np.array([out.consumer_surplus, out.producer_surplus, out.plan_rent,
                                     out.deadweight_loss]) for name, out in regimes.items()},
        }

    def draw(self, result: dict) -> None:
        q_bar, p_bar = result["quota"], result["plan_price"]
        delivered, p_m = result["delivered"], result["market_price"]
        self._rent.set_xy([(0, p_bar), (delivered, p_bar), (delivered, p_m), (0, p_m)])
        if result["shut_out"] and delivered < q_bar:
            xs = np.array([delivered, q_bar])
            top = MARKET.demand_price(xs)
            self._cut.set_xy([(xs[0], p_m), (xs[1], p_m), (xs[1], top[1]), (xs[0], top[0])])
        else:
            self._cut.set_xy(np.zeros((4, 2)))
        self._plan_line.set_data([0.0, delivered], [p_bar, p_bar])
        self._quota_line.set_data([q_bar, q_bar], [0.0, 10.5])
        self._market_line.set_data([0.0, 10.0], [p_m, p_m])
        first_buyer = q_bar if result["shut_out"] else delivered
        self._market_point.set_data([first_buyer + result["market_quantity"]], [p_m])
        for regime, rects in self._bars.items():
            for rect, value in zip(rects, result["bars"][regime]):
                rect.set_height(float(value))

    def describe(self, result: dict) -> str:
        users = result["users_vs_plan"]
        if abs(users) < 1e-9:
            who = "plan users keep exactly what the plan gave them"
        else:
            who = f"plan users {'gain' if users > 0 else 'lose'} {abs(users):.2f} against the plan"
        return (f"<b>Dual track</b>: market price {result['market_price']:.2f} "
                f"(liberalized {MARKET.p_star:.2f}), {result['quantity']:.2f} units in all; "
                f"plan rent {result['plan_rent']:.2f}; deadweight loss "
                f"{result['deadweight_loss']:.2f} (plan alone {result['plan_only_loss']:.2f}); "
                f"{who}.")


__all__ = ["DualTrackExplorer", "MARKET"]

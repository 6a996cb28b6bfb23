"""Notebook 08: cooperation between two sides that make mistakes, round by round.

One explorer, two panels drawn once and blitted on every slider move:

* left: each side's cooperation rate by round (the mean over many simulated
  pairs), with the long-run value from the closed form where one exists;
* right: each side's payoff path, the running discount-weighted average of
  its payoff per round, between the payoffs of mutual defection and mutual
  cooperation.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as ipw
import numpy as np

from course import plots
from course.models import trust
from course.widgets.live import Explorer, LiveFigure, slider

#: Rounds and pairs simulated: 60 rounds x 300 pairs takes about 2 ms.
ROUNDS, PAIRS, SEED = 60, 300, 2024
#: Payoffs of the explorer: Axelrod's (1984) tournament values.
PAYOFFS = trust.AXELROD
NAMES = {"tit_for_tat": "tit-for-tat", "generous_tit_for_tat": "generous tit-for-tat",
         "grim_trigger": "grim trigger", "always_defect": "always defect",
         "graduated_steps": "graduated steps"}
PAIRS_MENU = (
    ("graduated steps vs generous tit-for-tat", ("graduated_steps", "generous_tit_for_tat")),
    ("tit-for-tat vs tit-for-tat", ("tit_for_tat", "tit_for_tat")),
    ("generous vs generous tit-for-tat", ("generous_tit_for_tat", "generous_tit_for_tat")),
    ("grim trigger vs grim trigger", ("grim_trigger", "grim_trigger")),
    ("graduated steps vs graduated steps", ("graduated_steps", "graduated_steps")),
    ("tit-for-tat vs always defect", ("tit_for_tat", "always_defect")),
    ("graduated steps vs always defect", ("graduated_steps", "always_defect")),
)
ROWS = (("discount", "noise"), ("forgiveness", "step"), ("pair",))


@lru_cache(maxsize=256)
def _play(first: str, second: str, noise: float, forgiveness: float, step: float):
    # Cached: moving the discount slider reuses the play; only the weights change.
    play = trust.simulate(first, second, rounds=ROUNDS, pairs=PAIRS, noise=noise,
                          forgiveness=forgiveness, step=step, payoffs=PAYOFFS, seed=SEED)
    return play.cooperation, play.mean_payoff


class TrustExplorer(Explorer):
    """Discount factor, noise, forgiveness, step size and the pair of strategies.

    The model is :func:`course.models.trust.simulate` with Axelrod's payoffs
    (T = 5, R = 3, P = 1, S = 0), 60 rounds and 300 pairs from a fixed seed,
    so the same settings always show the same picture. The readout gives each
    side's cooperation rate over the last 20 rounds, the long-run value where
    a closed form exists, and whether the discount factor reaches grim
    trigger's threshold for these payoffs.
    """

    # Sliders in two pairs, the menu, the figure, then the reading.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        self.controls = {
            "discount": slider("discount factor δ", 0.90, 0.0, 1.0, 0.01),
            "noise": slider("noise ε (error rate)", 0.05, 0.0, 0.5, 0.01),
            "forgiveness": slider("forgiveness g", 0.30, 0.0, 1.0, 0.01),
            "step": slider("step size s (graduated steps)", 0.25, 0.0, 1.0, 0.05),
            "pair": ipw.Dropdown(options=PAIRS_MENU, value=PAIRS_MENU[0][1],
                                 description="strategy pair",
                                 style={"description_width": "initial"},
                                 layout=ipw.Layout(width="420px")),
        }
        self._build_figure()

    def _build_figure(self) -> None:
        fig, (ax_coop, ax_pay) = plots.figure(1, 2, figsize=(9.4, 3.5), interactive=True)
        fig.subplots_adjust(left=0.07, right=0.985, top=0.9, bottom=0.15, wspace=0.25)
        rounds = np.arange(1, ROUNDS + 1)
        self._rounds = rounds
        self._coop, self._pay, self._long = [], [], []
        for i, label in enumerate(("side 1", "side 2")):
            style = {**plots.style(i), "marker": None}
            self._coop.append(ax_coop.plot([], [], label=label, **style)[0])
            self._pay.append(ax_pay.plot([], [], label=label, **style)[0])
        for i in range(2):
            # Not in the legend: it is drawn only for pairs with a formula (the readout
            # and the notebook say what the dotted lines are).
            line, = ax_coop.plot([], [], color=plots.PALETTE[i], linewidth=1.0,
                                 linestyle=(0, (1, 2)))
            self._long.append(line)
        ax_coop.set_xlim(1, ROUNDS)
        ax_coop.set_ylim(-0.02, 1.02)  # rates are shares of pairs
        ax_coop.set_xlabel("round")
        ax_coop.set_ylabel("cooperation rate")
        ax_coop.set_title("How often each side cooperates")
        ax_coop.legend(loc="lower left", fontsize=7.5)
        for value, name in ((PAYOFFS.reward, "both cooperate (R)"),
                            (PAYOFFS.punishment, "both defect (P)")):
            ax_pay.axhline(value, color="#777777", linewidth=0.8, linestyle=":")
            ax_pay.text(ROUNDS, value + 0.06, name, ha="right", va="bottom", fontsize=7.5,
                        color="#444444")
        ax_pay.set_xlim(1, ROUNDS)
        ax_pay.set_ylim(-0.1, 5.1)  # a payoff per round lies between S = 0 and T = 5
        ax_pay.set_xlabel("round")
        ax_pay.set_ylabel("payoff per round (discounted average)")
        ax_pay.set_title("Payoff paths")
        ax_pay.legend(loc="lower left", fontsize=7.5)
        self.source_note = (
            f"Model: course.models.trust.simulate, payoffs T = {PAYOFFS.temptation:g}, "
            f"R = {PAYOFFS.reward:g}, P = {PAYOFFS.punishment:g}, S = {PAYOFFS.sucker:g} "
            f"(Axelrod 1984); {PAIRS} simulated pairs, {ROUNDS} rounds, seed {SEED}.")
        self.fig = fig
        self.live = LiveFigure(fig, [*self._coop, *self._pay, *self._long], alt_text=(
            "Two panels. Left: the share of simulated pairs in which each side cooperates, "
            "round by round, with a dotted line at the long-run value where a formula gives "
            "one. Right: each side's average payoff per round so far, weighting later rounds "
            "by the discount factor, between the payoff of mutual defection and of mutual "
            "cooperation."))

    def compute(self, discount, noise, forgiveness, step, pair) -> dict:
        first, second = pair
        coop, pay = _play(first, second, round(float(noise), 6), round(float(forgiveness), 6),
                          round(float(step), 6))
        paths = trust.discounted_average(pay, discount)
        long_run = None
        if first in trust.REACTIVE and second in trust.REACTIVE and 0 < noise < 1:
            long_run = np.array(trust.long_run_cooperation(first, second, noise, forgiveness))
        star = trust.critical_discount(*PAYOFFS[:3])
        return {"discount": float(discount), "noise": float(noise), "pair": pair,
                "cooperation": coop, "paths": paths, "long_run": long_run,
                "recent": coop[-20:].mean(axis=0), "value": paths[-1],
                "critical": star, "sustainable": bool(discount >= star)}

    def draw(self, result: dict) -> None:
        for i in range(2):
            self._coop[i].set_data(self._rounds, result["cooperation"][:, i])
            self._pay[i].set_data(self._rounds, result["paths"][:, i])
            if result["long_run"] is None:
                self._long[i].set_data([], [])
            else:
                self._long[i].set_data([1, ROUNDS], [result["long_run"][i]] * 2)

    def describe(self, result: dict) -> str:
        first, second = (NAMES[k] for k in result["pair"])
        recent, value = result["recent"], result["value"]
        text = (f"<b>{first}</b> (side 1) against <b>{second}</b> (side 2), noise "
                f"{result['noise']:.2f}: over the last 20 rounds side 1 cooperates "
                f"<b>{recent[0]:.0%}</b> of the time, side 2 <b>{recent[1]:.0%}</b>")
        if result["long_run"] is not None:
            text += (f" (long run by formula, the dotted lines: {result['long_run'][0]:.0%} "
                     f"and {result['long_run'][1]:.0%})")
        text += (f". Discounted payoff per round: {value[0]:.2f} and {value[1]:.2f}. ")
        verdict = "reaches" if result["sustainable"] else "falls short of"
        can = "can" if result["sustainable"] else "cannot"
        text += (f"δ = {result['discount']:.2f} {verdict} grim trigger's threshold for these "
                 f"payoffs, δ* = {result['critical']:.2f}: without errors, the threat of "
                 f"defecting for ever {can} sustain cooperation.")
        return text + f"<br><small>{self.source_note}</small>"


__all__ = ["TrustExplorer", "PAIRS_MENU", "PAYOFFS"]

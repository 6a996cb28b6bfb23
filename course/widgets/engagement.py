"""Notebook 07: the value of a joint industrial zone to firms, workers and the state.

One explorer, two panels drawn once and blitted on every slider move:

* left: expected value per worker to each party against the closure hazard,
  with the current hazard and the firms' break-even hazard marked;
* right: the expected value of the whole zone to each party at the current
  settings (scale included), in millions of US dollars.
"""

from __future__ import annotations

import numpy as np

from course import plots
from course.data import engagement as engagement_data
from course.models import engagement
from course.widgets.live import Explorer, LiveFigure, slider

#: Fixed inputs (US dollars per worker and year unless stated). The wage is the
#: 2015 average monthly wage with social insurance (155.5, table kaesong,
#: GLOBALTIMES_XINHUA_20150226) times 12; the others are illustrative.
WAGE_PER_MONTH_2015 = float(engagement_data.series("avg_monthly_wage")
                            .query("year == 2015")["value"].iloc[0])
SETTINGS = {"wage": 12 * WAGE_PER_MONTH_2015, "margin": 3000.0, "state_cost": 300.0,
            "discount": 0.10}
HAZARDS = np.linspace(0.0, 1.0, 101)
PARTIES = ("firms", "workers", "state")
LABELS = {"firms": "South Korean firms", "workers": "North Korean workers",
          "state": "North Korean state"}
ROWS = (("worker_share", "hazard"), ("workers", "sunk_cost"))


class EngagementExplorer(Explorer):
    """Share of the wage reaching workers, closure hazard, scale and firms' sunk cost.

    The model is :func:`course.models.engagement.party_values` with the wage of
    2015 and an illustrative margin, state cost and discount rate
    (:data:`SETTINGS`). The readout gives each party's expected value, the
    expected life of the zone, the firms' break-even hazard and whether the
    state still wants the zone at the current worker share.
    """

    # Sliders in two pairs, the figure, then the reading.
    rows = ROWS

    def __init__(self) -> None:
        super().__init__()
        self.controls = {
            "worker_share": slider("share of wage reaching workers s", 0.30, 0.0, 1.0, 0.01),
            "hazard": slider("closure hazard λ (per year)", 0.20, 0.0, 1.0, 0.01),
            "workers": slider("workers N (thousand)", 55.0, 1.0, 100.0, 1.0, fmt=".0f"),
            "sunk_cost": slider("firms' sunk cost k (USD/worker)", 5000.0, 0.0, 20000.0,
                                500.0, fmt=".0f"),
        }
        self._build_figure()

    def _build_figure(self) -> None:
        fig, (ax_curve, ax_bars) = plots.figure(1, 2, figsize=(9.4, 3.4), interactive=True)
        fig.subplots_adjust(left=0.08, right=0.985, top=0.9, bottom=0.16, wspace=0.3)
        self._curves = {}
        for i, party in enumerate(PARTIES):
            style = {**plots.style(i), "marker": None}
            self._curves[party], = ax_curve.plot([], [], label=LABELS[party], **style)
        self._now = ax_curve.axvline(0.2, color="#555555", linewidth=1.0, linestyle=":",
                                     label="current hazard")
        self._break_even, = ax_curve.plot([], [], linestyle="none", marker="*", markersize=13,
                                          color="#000000", label="firms break even")
        ax_curve.axhline(0, color="#555555", linewidth=0.8)
        ax_curve.set_xlim(0, 1.0)
        ax_curve.set_ylim(-21, 20)  # per worker: k up to 20,000 lost; w / rho = 18,660 at most
        ax_curve.set_xlabel("closure hazard λ, per year")
        ax_curve.set_ylabel("US dollars per worker, thousand")
        ax_curve.set_title("Expected value per worker")
        ax_curve.legend(loc="upper right", fontsize=7.5)

        colours = (plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[2])
        hatches = ("", "//", "..")
        self._bars = [ax_bars.bar([i], [0.0], width=0.6, color=c, hatch=h, edgecolor="white")[0]
                      for i, (c, h) in enumerate(zip(colours, hatches))]
        # Each bar's value written on it: small zones give short bars, and the
        # number changes visibly with every step of a slider.
        self._labels = [ax_bars.text(i, 0.0, "", ha="center", va="bottom", fontsize=8)
                        for i in range(3)]
        ax_bars.axhline(0, color="#555555", linewidth=0.8)
        ax_bars.set_xticks(range(3), ["firms", "workers", "state"])
        ax_bars.set_xlim(-0.6, 2.6)
        ax_bars.set_ylim(-2100, 2000)  # 100,000 workers: at most -2,000 and +1,866 million
        ax_bars.set_ylabel("US dollars, million")
        ax_bars.set_title("Expected value of the whole zone")
        ax_bars.grid(axis="x", visible=False)
        self.source_note = (
            f"Wage: the 2015 average, {WAGE_PER_MONTH_2015:g} US dollars a month with social "
            "insurance (table kaesong, GLOBALTIMES_XINHUA_20150226), times 12. Margin "
            f"({SETTINGS['margin']:,.0f}), state cost ({SETTINGS['state_cost']:,.0f}) per worker "
            f"and year and the discount rate ({SETTINGS['discount']:g}) are illustrative. "
            "Model: course.models.engagement.")
        self.fig = fig
        self.live = LiveFigure(fig, [*self._curves.values(), self._now, self._break_even,
                                     *self._bars, *self._labels], alt_text=(
            "Two panels. Left: the expected value per worker to firms, workers and the state "
            "falls as the closure hazard rises; the firms' curve crosses zero at a star, their "
            "break-even hazard, and a dotted line marks the current hazard. Right: bars of the "
            "expected value of the whole zone to each party at the current settings, each "
            "with its value in millions of US dollars written on it."))

    def compute(self, worker_share, hazard, workers, sunk_cost) -> dict:
        per_worker = engagement.party_values(worker_share, HAZARDS, sunk_cost=sunk_cost,
                                             **SETTINGS)
        now = engagement.party_values(worker_share, hazard, sunk_cost=sunk_cost,
                                      workers=workers * 1000, **SETTINGS)
        lam_star = float(engagement.break_even_hazard(
            wage=SETTINGS["wage"], margin=SETTINGS["margin"], sunk_cost=sunk_cost,
            discount=SETTINGS["discount"]))
        highest = float(engagement.highest_worker_share(wage=SETTINGS["wage"],
                                                        state_cost=SETTINGS["state_cost"]))
        return {
            "worker_share": worker_share, "hazard": hazard, "workers": workers,
            "curves": {p: np.asarray(getattr(per_worker, p)) / 1000 for p in PARTIES},
            "values": {p: float(getattr(now, p)) / 1e6 for p in PARTIES},
            "total": float(now.total) / 1e6,
            "duration": (float(engagement.expected_duration(hazard)) if hazard > 0 else None),
            "break_even": lam_star if np.isfinite(lam_star) else None,
            "highest_share": highest,
            "state_wants": bool(worker_share < highest),
        }

    def draw(self, result: dict) -> None:
        for party, line in self._curves.items():
            line.set_data(HAZARDS, result["curves"][party])
        self._now.set_xdata([result["hazard"], result["hazard"]])
        lam = result["break_even"]
        if lam is not None and 0 <= lam <= 1:
            self._break_even.set_data([lam], [0.0])
        else:
            self._break_even.set_data([], [])
        for bar, label, party in zip(self._bars, self._labels, PARTIES):
            value = result["values"][party]
            bar.set_height(value)
            label.set_text(f"{value:,.1f}")
            label.set_y(value + (40 if value >= 0 else -40))
            label.set_verticalalignment("bottom" if value >= 0 else "top")

    def describe(self, result: dict) -> str:
        values = result["values"]
        if result["duration"] is None:
            life = "the zone is never expected to close (λ = 0)"
        else:
            life = f"the zone is expected to last <b>{result['duration']:.1f} years</b>"
        text = (f"At λ = {result['hazard']:.2f} {life}. Expected value, million US dollars: "
                f"<b>firms {values['firms']:,.0f}</b>, <b>workers {values['workers']:,.0f}</b>, "
                f"<b>state {values['state']:,.0f}</b> (zone {result['total']:,.0f}). ")
        lam = result["break_even"]
        if lam is None:
            text += "With no sunk cost, firms gain at any hazard. "
        elif lam <= 0:
            text += "Firms lose even if the zone never closes (their margin is too small). "
        else:
            verdict = "gain" if result["hazard"] < lam else "lose"
            text += (f"Firms break even at λ* = {lam:.3f} a year (expected life "
                     f"{1 / lam:.1f} years): at this hazard they {verdict}. ")
        share, highest = result["worker_share"], result["highest_share"]
        if result["state_wants"]:
            text += (f"The state still wants the zone: it keeps {1 - share:.0%} of the wage, more "
                     f"than its own cost of the zone.")
        else:
            text += (f"<b>The state no longer wants the zone</b>: with {share:.0%} of the wage "
                     f"reaching workers it keeps less than its own cost of the zone.")
        return text + f"<br><small>{self.source_note}</small>"


__all__ = ["EngagementExplorer", "SETTINGS"]

"""Notebook 05: demobilisation, investment and mobilisation days in a Lewis two-sector economy.

One explorer, two panels drawn once and blitted on every slider move:

* left: the market wage against the number of soldiers released, at the
  current capital and at the starting capital (no investment), with Lewis's
  floor and the Kaesong wage as reference lines;
* right: output and the wage bill to households against soldiers released.
"""

from __future__ import annotations

import numpy as np

from course import plots
from course.data import engagement as engagement_data
from course.data import labor as labor_data
from course.models import labor
from course.widgets.live import Explorer, LiveFigure, slider

#: The largest active-force estimate in table ``military`` (million) bounds the slider.
LARGEST_FORCE, LARGEST_FORCE_SOURCE = labor_data.largest_active_force()
#: Model settings other than the three sliders (see the parameter table in the notebook).
SETTINGS = {"market_workers": 4.0, "state_workers": 8.19, "active_force": LARGEST_FORCE,
            "state_product": 0.3, "army_work_share": 0.5, "alpha": 0.4}
#: Capital before any investment, billion US dollars (the "no investment" curve).
START_CAPITAL = 20.0
RELEASED = np.linspace(0.0, LARGEST_FORCE, 53)
#: Kaesong, 2015: what a firm paid per worker a year (table kaesong; 12 x monthly average).
KAESONG_PER_YEAR = 12 * float(engagement_data.series("avg_monthly_wage")
                              .query("year == 2015")["value"].iloc[0]) / 1000


class LaborExplorer(Explorer):
    """Soldiers released, market-sector capital and days of mobilisation a year.

    The model is :func:`course.models.labor.economy` with the settings in
    :data:`SETTINGS`. The readout gives output, the market wage and the wage
    bill, each with its change against releasing no soldiers at the same
    capital and mobilisation, and the capital that would keep the wage where
    it was.
    """

    # Soldiers and capital side by side, days of mobilization below; the figure; the reading.
    rows = (("released", "capital"), ("days",))

    def __init__(self) -> None:
        super().__init__()
        self.controls = {
            "released": slider("soldiers released D (million)", 0.0, 0.0, LARGEST_FORCE, 0.05),
            "capital": slider("market capital K (billion USD)", START_CAPITAL, 0.0, 60.0, 1.0,
                              fmt=".0f"),
            "days": slider("mobilisation days a year m", 30.0, 0.0, 120.0, 5.0, fmt=".0f"),
        }
        self._build_figure()

    def _build_figure(self) -> None:
        fig, (ax_wage, ax_out) = plots.figure(1, 2, figsize=(9.4, 3.5), interactive=True)
        fig.subplots_adjust(left=0.075, right=0.985, top=0.9, bottom=0.15, wspace=0.28)
        now, start = plots.style(0), plots.style(1)
        self._wage, = ax_wage.plot([], [], color=now["color"], linestyle=now["linestyle"],
                                   label="wage at current capital")
        self._wage_start, = ax_wage.plot([], [], color=start["color"], linestyle=start["linestyle"],
                                         label=f"wage with K = {START_CAPITAL:g} (no investment)")
        self._wage_dot, = ax_wage.plot([], [], linestyle="none", marker="o", markersize=8,
                                       color=now["color"], label="current setting")
        ax_wage.axhline(SETTINGS["state_product"], color="#555555", linewidth=1.0, linestyle=":")
        ax_wage.text(0.02, SETTINGS["state_product"] + 0.04, "Lewis floor: traditional product a",
                     fontsize=7.5, color="#444444")
        ax_wage.axhline(KAESONG_PER_YEAR, color="#555555", linewidth=1.0, linestyle="-.")
        ax_wage.text(0.02, KAESONG_PER_YEAR + 0.04, "Kaesong 2015: paid by firms per worker",
                     fontsize=7.5, color="#444444")
        ax_wage.set_xlim(0, LARGEST_FORCE)
        ax_wage.set_ylim(0, 2.4)  # highest wage: K = 60, D = 0, m = 120 gives 2.08
        ax_wage.set_xlabel("soldiers released D, million")
        ax_wage.set_ylabel("thousand US dollars a year")
        ax_wage.set_title("Market wage")
        ax_wage.legend(loc="lower right", bbox_to_anchor=(1.0, 0.16), fontsize=7.5)

        out, bill = plots.style(2), plots.style(3)
        self._output, = ax_out.plot([], [], color=out["color"], linestyle=out["linestyle"],
                                    label="output")
        self._bill, = ax_out.plot([], [], color=bill["color"], linestyle=bill["linestyle"],
                                  label="wage bill to households")
        self._output_dot, = ax_out.plot([], [], linestyle="none", marker=out["marker"],
                                        markersize=8, color=out["color"], label="output now")
        self._bill_dot, = ax_out.plot([], [], linestyle="none", marker=bill["marker"],
                                      markersize=8, color=bill["color"], label="wage bill now")
        ax_out.set_xlim(0, LARGEST_FORCE)
        ax_out.set_ylim(0, 17.5)  # highest output: K = 60, D = 1.3, m = 0 gives 16.4
        ax_out.set_xlabel("soldiers released D, million")
        ax_out.set_ylabel("billion US dollars a year")
        ax_out.set_title("Output and the wage bill")
        ax_out.legend(loc="upper left", fontsize=7.5, ncol=2)
        self.source_note = (
            f"Slider up to the largest active-force estimate in the data, {LARGEST_FORCE:g} million "
            f"({LARGEST_FORCE_SOURCE}). Kaesong: 12 times the 2015 average monthly wage with social "
            "insurance (GLOBALTIMES_XINHUA_20150226). Market workers, capital, the traditional "
            "product and the soldiers' work share are illustrative. Model: course.models.labor.")
        self.fig = fig
        self.live = LiveFigure(fig, [self._wage, self._wage_start, self._wage_dot, self._output,
                                     self._bill, self._output_dot, self._bill_dot], alt_text=(
            "Two panels. Left: the market wage falls as more soldiers are released; one curve at "
            "the current capital and one at the starting capital, with dotted lines at Lewis's "
            "floor and the Kaesong wage. Right: output and the wage bill rise with the number "
            "of soldiers released; dots mark the current setting."))

    def compute(self, released, capital, days) -> dict:
        curve = labor.economy(RELEASED, capital, days, **SETTINGS)
        start = labor.economy(RELEASED, START_CAPITAL, days, **SETTINGS)
        change = labor.release(released, capital, days, **SETTINGS)
        after, before = change["after"], change["before"]
        return {
            "released": released, "capital": capital, "days": days,
            "wage_curve": np.asarray(curve.market_wage),
            "wage_start": np.asarray(start.market_wage),
            "output_curve": np.asarray(curve.output), "bill_curve": np.asarray(curve.wage_bill),
            "output": float(after.output), "wage": float(after.market_wage),
            "bill": float(after.wage_bill),
            "d_output": float(change["d_output"]), "d_wage": float(change["d_wage"]),
            "d_bill": float(change["d_wage_bill"]),
            "at_floor": bool(after.surplus_labour > 1e-9),
            "hold": float(labor.capital_to_hold_wage(released, capital,
                                                     market_workers=SETTINGS["market_workers"])),
            "wage_before": float(before.market_wage),
        }

    def draw(self, result: dict) -> None:
        self._wage.set_data(RELEASED, result["wage_curve"])
        self._wage_start.set_data(RELEASED, result["wage_start"])
        d = result["released"]
        self._wage_dot.set_data([d], [result["wage"]])
        self._output.set_data(RELEASED, result["output_curve"])
        self._bill.set_data(RELEASED, result["bill_curve"])
        self._output_dot.set_data([d], [result["output"]])
        self._bill_dot.set_data([d], [result["bill"]])

    def describe(self, result: dict) -> str:
        d, k, m = result["released"], result["capital"], result["days"]
        text = (f"With <b>{d:.2f} million</b> soldiers released, capital {k:.0f} billion US dollars "
                f"and {m:.0f} mobilisation days a year: output <b>{result['output']:.2f}</b> "
                f"billion US dollars a year, market wage <b>{1000 * result['wage']:,.0f}</b> US "
                f"dollars a year, wage bill <b>{result['bill']:.2f}</b> billion. ")
        if d == 0:
            text += "Move the first slider to release soldiers. "
        else:
            text += (f"Against releasing none at the same capital: output {result['d_output']:+.2f} "
                     f"billion, wage {1000 * result['d_wage']:+,.0f} dollars, wage bill "
                     f"{result['d_bill']:+.2f} billion. ")
        if result["at_floor"]:
            text += ("<b>The wage is at Lewis's floor</b>: the market cannot hire everyone at a "
                     "higher wage, and the rest work in the traditional sector at its low product. ")
        elif d > 0:
            text += (f"Capital of {result['hold']:.1f} billion would keep the wage where it was "
                     "before the release. ")
        return text + f"<br><small>{self.source_note}</small>"


__all__ = ["LaborExplorer", "SETTINGS", "START_CAPITAL"]

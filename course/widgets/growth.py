"""Notebook 01: guns, butter and growth under the byungjin line.

One explorer, two panels. Left: consumption per worker, year by year, after the
economy leaves its starting steady state for the military share and saving rate
on the sliders. Right: the steady-state guns-versus-butter frontier for the
chosen saving rate, with the chosen share, the share a regime with the chosen
weight on security would pick, and the share that buys the same security with a
nuclear deterrent of the chosen effectiveness. Model: :mod:`course.models.growth`.
"""

from __future__ import annotations

import numpy as np

from course import plots
from course.models import growth
from course.widgets.live import Explorer, LiveFigure, slider


class ByungjinExplorer(Explorer):
    """Military share, saving rate, weight on security and deterrent effectiveness.

    All levels are an index: 100 is consumption per worker in the starting steady
    state (military share ``M0``, saving rate ``S0``). The economy's other parameters
    are fixed and illustrative (capital share ``ALPHA``, depreciation ``DELTA``, no
    labour growth, productivity 1); the index does not depend on productivity.

    Parameters
    ----------
    m, s, theta, effectiveness : float
        Initial slider values (the defaults are the starting point).
    """

    ALPHA = 1 / 3
    DELTA = 0.05
    M0 = 0.23   # near WMEAT's 2004-2014 average burden of 23.3 % (KH_WMEAT2016)
    S0 = 0.20   # illustrative
    YEARS = 60
    SLIDERS = {  # name: (label, default, low, high, step)
        "m": ("military share of output m", M0, 0.0, 0.4, 0.01),
        "s": ("saving rate s", S0, 0.05, 0.4, 0.01),
        "theta": ("regime's weight on security θ", 0.5, 0.0, 1.0, 0.05),
        "effectiveness": ("deterrence e (illustrative)", 2.0, 1.0, 5.0, 0.1),
    }

    def __init__(self, m: float = M0, s: float = S0, theta: float = 0.5,
                 effectiveness: float = 2.0) -> None:
        super().__init__()
        initial = {"m": m, "s": s, "theta": theta, "effectiveness": effectiveness}
        self.controls = {name: slider(label, initial[name], low, high, step)
                         for name, (label, _, low, high, step) in self.SLIDERS.items()}
        start = growth.steady_state(self.ALPHA, self.S0, self.M0, self.DELTA)
        self.k0, self.c0 = float(start.k), float(start.c)
        self.years = np.arange(self.YEARS + 1)
        self.m_efficient = np.linspace(0.0, 1 - self.ALPHA, 121)
        self.m_wasteful = np.linspace(1 - self.ALPHA, 0.95, 60)
        self._build_figure()

    # --- figure ---------------------------------------------------------------------
    def _limits(self) -> tuple[tuple, tuple, tuple]:
        """Axis limits covering every slider position (fixed, so blitting works)."""
        low, high = self.SLIDERS["s"][2], self.SLIDERS["s"][3]
        s = np.unique(np.r_[np.linspace(low, high, 36), self.ALPHA])[:, None]
        m = np.linspace(self.SLIDERS["m"][2], self.SLIDERS["m"][3], 41)[None, :]
        y0 = float(growth.steady_state(self.ALPHA, self.S0, self.M0, self.DELTA).y)
        impact = (1 - s) * (1 - m) * y0 / self.c0 * 100        # first year after the change
        final = growth.steady_state(self.ALPHA, s, m, self.DELTA).c / self.c0 * 100
        path = (min(impact.min(), final.min()), max(impact.max(), final.max()))
        every_m = np.r_[self.m_efficient, self.m_wasteful][None, :]
        front = growth.frontier(self.ALPHA, s, self.DELTA, every_m)
        g_max = float(front.g.max()) / self.c0 * 100
        c_max = float(front.c.max()) / self.c0 * 100
        pad = 0.06
        span = path[1] - path[0]
        return ((path[0] - pad * span, path[1] + pad * span),
                (-0.02 * g_max, g_max * (1 + pad)), (0, c_max * (1 + pad)))

    def _build_figure(self) -> None:
        (c_lo, c_hi), g_lim, c_lim = self._limits()
        self.fig, (left, right) = plots.figure(1, 2, interactive=True, figsize=(10, 4.6))
        self.fig.subplots_adjust(left=0.07, right=0.98, top=0.93, bottom=0.3, wspace=0.22)

        left.set_xlim(-5, self.YEARS)
        left.set_ylim(c_lo, c_hi)
        left.axhline(100, color="#888888", linewidth=1.0, linestyle=":",
                     label=f"start (m = {self.M0:.2f}, s = {self.S0:.2f})")
        left.axvline(0, color="#888888", linewidth=0.8)
        left.set_xlabel("years after the change")
        left.set_ylabel("consumption per worker (start = 100)")
        left.set_title("Butter over time")
        style0, style1 = plots.style(0), plots.style(5)
        self._path, = left.plot([], [], color=style0["color"], linestyle="-", linewidth=2.2,
                                label="share m")
        self._nuclear_path, = left.plot([], [], color=style1["color"], linestyle="-.",
                                        linewidth=1.8, label="deterrent, same security")
        self._long_run, = left.plot([], [], color=style0["color"], linestyle="--",
                                    linewidth=1.0, label="long run, share m")
        left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8)

        right.set_xlim(*g_lim)
        right.set_ylim(*c_lim)
        right.set_xlabel("military spending per worker g*")
        right.set_ylabel("consumption per worker c* (start = 100)")
        right.set_title("Guns vs butter in the long run")
        right.plot([float(growth.steady_state(self.ALPHA, self.S0, self.M0, self.DELTA).g)
                    / self.c0 * 100], [100], linestyle="none", marker="o", markersize=9,
                   markerfacecolor="none", markeredgecolor="#888888", label="start")
        self._frontier, = right.plot([], [], color="#000000", linewidth=1.6,
                                     label="frontier, m ≤ 1 − α")
        self._wasteful, = right.plot([], [], color="#000000", linewidth=1.0, linestyle=":",
                                     label="m > 1 − α: fewer guns too")
        self._current, = right.plot([], [], linestyle="none", marker="o", markersize=9,
                                    color=style0["color"], label="share m")
        self._optimum, = right.plot([], [], linestyle="none", marker="s", markersize=8,
                                    color=plots.style(1)["color"], label="regime's choice m*(θ)")
        self._nuclear, = right.plot([], [], linestyle="none", marker="^", markersize=9,
                                    color=style1["color"], label="deterrent, same security")
        right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, fontsize=8)

        moving = [self._path, self._nuclear_path, self._long_run, self._frontier,
                  self._wasteful, self._current, self._optimum, self._nuclear]
        alt = ("Two panels. Left: consumption per worker over 60 years after the military share "
               "and saving rate change, starting from 100; a dash-dot line shows the path if a "
               "nuclear deterrent bought the same security with a smaller share. Right: the "
               "long-run frontier of military spending against consumption, with markers for "
               "the chosen share, the regime's preferred share and the deterrent's share.")
        self.live = LiveFigure(self.fig, moving, alt_text=alt)

    # --- model ----------------------------------------------------------------------
    def compute(self, m: float, s: float, theta: float, effectiveness: float) -> dict:
        a, d, scale = self.ALPHA, self.DELTA, 100 / self.c0
        ss = growth.steady_state(a, s, m, d)
        # The same security as share m spent on the army, bought with a deterrent.
        m_nuclear = float(growth.equal_security_share(m, a, effectiveness))
        path = growth.transition_path(self.k0, a, s, np.array([m, m_nuclear]), d, self.YEARS)
        nuclear_ss = growth.steady_state(a, s, m_nuclear, d)
        best = growth.regime_optimum(theta, a, s, d, nuclear_share=1.0,
                                     effectiveness=effectiveness)
        front = growth.frontier(a, s, d, np.r_[self.m_efficient, self.m_wasteful])
        n = len(self.m_efficient)
        return {
            "m": m, "s": s, "theta": theta, "effectiveness": effectiveness,
            "c_path": path.c[:, 0] * scale, "c_path_nuclear": path.c[:, 1] * scale,
            "c_star": float(ss.c) * scale, "g_star": float(ss.g) * scale,
            "impact": float(path.c[0, 0] * scale),
            "m_star": float(best.m), "c_opt": float(best.c) * scale,
            "g_opt": float(best.g) * scale,
            "m_nuclear": m_nuclear, "c_nuclear": float(nuclear_ss.c) * scale,
            "g_nuclear": float(nuclear_ss.g) * scale,
            "frontier_g": front.g[:n] * scale, "frontier_c": front.c[:n] * scale,
            "wasteful_g": front.g[n:] * scale, "wasteful_c": front.c[n:] * scale,
        }

    def draw(self, result: dict) -> None:
        years = np.r_[-5, 0, self.years]          # flat before the change, a jump in year 0
        self._path.set_data(years, np.r_[100, 100, result["c_path"]])
        self._nuclear_path.set_data(years, np.r_[100, 100, result["c_path_nuclear"]])
        self._long_run.set_data([0, self.YEARS], [result["c_star"]] * 2)
        self._frontier.set_data(result["frontier_g"], result["frontier_c"])
        self._wasteful.set_data(result["wasteful_g"], result["wasteful_c"])
        self._current.set_data([result["g_star"]], [result["c_star"]])
        self._optimum.set_data([result["g_opt"]], [result["c_opt"]])
        self._nuclear.set_data([result["g_nuclear"]], [result["c_nuclear"]])

    def describe(self, result: dict) -> str:
        r = result
        return (
            f"<b>m = {r['m']:.2f}, s = {r['s']:.2f}</b>: consumption per worker "
            f"{r['impact'] - 100:+.0f}% in the first year, <b>{r['c_star'] - 100:+.0f}% in the "
            f"long run</b> (c* = {r['c_star']:.0f}, guns g* = {r['g_star']:.0f}; start = 100). "
            f"A regime with θ = {r['theta']:.2f} would choose <b>m* = {r['m_star']:.2f}</b>, "
            f"whatever the deterrent's effectiveness (a property of the model's log "
            f"objective). A deterrent with e = {r['effectiveness']:.1f} buys the security of share {r['m']:.2f} at "
            f"<b>m = {r['m_nuclear']:.2f}</b>, with long-run consumption {r['c_nuclear']:.0f}."
        )


__all__ = ["ByungjinExplorer"]

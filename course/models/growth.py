"""Solow growth with a military share of output: guns, butter and the byungjin line.

Per worker, with output per worker ``y = A k**alpha`` and a share ``m`` of output spent on
the military, the rest split by the saving rate ``s`` (discrete time, one period = one year)::

    (1 + n) k[t+1] = (1 - delta) k[t] + i[t]
    i = s (1 - m) y        c = (1 - s)(1 - m) y        g = m y        y = c + g + i

It holds the steady state, the transition path, the steady-state guns-versus-butter frontier,
a security index in which output spent on a nuclear deterrent may count more than output spent
on a conventional army, and a regime objective ``ln c + theta ln S`` with its closed-form
optimum. Ranges: alpha in (0, 1), typically 0.3-0.4; s in [0, 1); m in [0, 1); delta in
(0, 1]; n in (-1, 1) with delta + n > 0 (default 0); A > 0 (default 1).

Outside estimates of North Korea's military burden vary widely
(data file military_spending.csv): 20-25 % of GNP in 1991 (LOC_1993); 23.3 % of GDP on
average over 2004-2014 (KH_WMEAT2016); "more than 15 percent" of GDP in 2019
(KBS_WMEAT2021); 31 % of GDP in 2001 from an unnamed source (NATIONSENC); about one third of
national income per KIDA (REUTERS_KIDA_2011). The official defence share of the *state budget*
(defense_budget_share.csv) is not ``m``: it is a share of the budget, not of output, and
analysts say the official line leaves out hidden weapons spending (UPI_KDB_2016); every row for 2012-2024 lies between 15.8 %
and 16.0 % (e.g. 15.9 % planned for 2024, JANES_7STAR_2024).

What the model leaves out
-------------------------
Military spending here is pure consumption of output: no spillovers from military R&D, no
demand (Keynesian) effects, no conscripts withdrawn from the labour force (notebook 05 treats
demobilisation). Security is absolute: there is no adversary, no threat dynamics, no arms race.
There are no sanctions, trade or aid, and ``A`` does not respond to policy. The regime
objective is the regime's, not a measure of citizens' welfare, and says nothing about who
consumes ``c``. Empirical results on defence spending and growth are fragile and depend on the
model and sample (Dunne, Smith & Willenbockel 2005); treat this as a way to reason, not a
forecast.

References
----------
Solow, R. M. (1956). A Contribution to the Theory of Economic Growth. *Quarterly Journal of
Economics* 70(1).
Dunne, J. P., Smith, R. P. & Willenbockel, D. (2005). Models of military expenditure and
growth: a critical review. *Defence and Peace Economics* 16(6).
"""

from __future__ import annotations

from numbers import Integral
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "PerWorker", "Frontier", "RegimeChoice",
    "steady_state", "transition_path", "frontier", "security", "regime_welfare",
    "regime_optimum", "implied_theta", "share_for_security", "equal_security_share",
]


class PerWorker(NamedTuple):
    """Capital ``k`` (output units) and, per year, output ``y``, consumption ``c``, military
    spending ``g`` and gross investment ``i``, all per worker."""

    k: np.ndarray
    y: np.ndarray
    c: np.ndarray
    g: np.ndarray
    i: np.ndarray


class Frontier(NamedTuple):
    """Steady-state guns ``g`` and butter ``c`` per worker per year, for each share ``m``."""

    m: np.ndarray
    g: np.ndarray
    c: np.ndarray


class RegimeChoice(NamedTuple):
    """The regime's optimal share ``m`` with its steady-state ``c``, ``g``, ``security``
    and objective ``welfare``."""

    m: np.ndarray
    c: np.ndarray
    g: np.ndarray
    security: np.ndarray
    welfare: np.ndarray


# Shares this close to a bound are treated as at it (floating-point noise, not data).
_SHARE_TOLERANCE = 1e-9


def _in_range(name: str, value: ArrayLike, low: float, high: float,
              closed: str = "[)") -> np.ndarray:
    x = np.asarray(value, dtype=float)
    above = x >= low if closed[0] == "[" else x > low
    below = x <= high if closed[1] == "]" else x < high
    ok = above & below  # NaN fails both comparisons, so it is rejected too
    if not np.all(ok):
        bad = float(x[~ok].flat[0]) if x.ndim else float(x)
        raise ValueError(f"{name} must be in {closed[0]}{low:g}, {high:g}{closed[1]}; got {bad:g}")
    return x


def _first_failure(ok: np.ndarray, *arrays: np.ndarray) -> list[float]:
    return [float(np.broadcast_to(x, ok.shape)[~ok].flat[0]) for x in arrays]


def _economy(alpha, s, delta, n, A):
    alpha = _in_range("alpha", alpha, 0, 1, "()")
    s = _in_range("s", s, 0, 1)
    delta = _in_range("delta", delta, 0, 1, "(]")
    n = _in_range("n", n, -1, 1, "()")
    if not np.all(delta + n > 0):
        d, nn = _first_failure(delta + n > 0, delta, n)
        raise ValueError(f"n must be greater than -delta (delta + n > 0 for a steady state); "
                         f"got n={nn:g} with delta={d:g}")
    A = _in_range("A", A, 0, np.inf, "()")
    return alpha, s, delta, n, A


def _security_per_unit(nuclear_share, effectiveness) -> np.ndarray:
    nu = _in_range("nuclear_share", nuclear_share, 0, 1, "[]")
    return security(1 - nu, nu, effectiveness)


def steady_state(alpha: ArrayLike, s: ArrayLike, m: ArrayLike, delta: ArrayLike,
                 n: ArrayLike = 0.0, A: ArrayLike = 1.0) -> PerWorker:
    """Steady state per worker of the Solow model with a military share of output.

    ``k* = (s (1 - m) A / (delta + n)) ** (1 / (1 - alpha))``, exact in discrete time too.
    Inputs broadcast against each other.

    Parameters
    ----------
    alpha : capital share, in (0, 1); typically 0.3-0.4.
    s : saving rate out of civilian output ``(1 - m) y``, in [0, 1).
    m : military share of output, in [0, 1).
    delta : depreciation rate per year, in (0, 1].
    n : labour growth per year, in (-1, 1) with ``delta + n > 0``.
    A : total factor productivity, > 0.

    Returns
    -------
    PerWorker
        ``k`` in output units per worker; ``y, c, g, i`` in output units per worker per year.

    References
    ----------
    Solow (1956), see the module docstring.
    """
    alpha, s, delta, n, A = _economy(alpha, s, delta, n, A)
    m = _in_range("m", m, 0, 1)
    k = (s * (1 - m) * A / (delta + n)) ** (1 / (1 - alpha))
    y = A * k**alpha
    return PerWorker(k, y, (1 - s) * (1 - m) * y, m * y, s * (1 - m) * y)


def transition_path(k0: ArrayLike, alpha: ArrayLike, s: ArrayLike, m: ArrayLike,
                    delta: ArrayLike, periods: int, n: ArrayLike = 0.0,
                    A: ArrayLike = 1.0) -> PerWorker:
    """Path of the economy from capital ``k0`` per worker, ``periods`` years ahead.

    ``k[t+1] = ((1 - delta) k[t] + s (1 - m) A k[t]**alpha) / (1 + n)``. To study a change of
    policy (say a cut in ``m`` in year 10), start a second path at the last ``k`` of the first.

    Parameters
    ----------
    k0 : initial capital per worker (output units), > 0. Zero is a trivial steady state.
    alpha, s, m, delta, n, A : as in :func:`steady_state`; all inputs broadcast.
    periods : number of years to simulate, an integer >= 0.

    Returns
    -------
    PerWorker
        Arrays of shape ``(periods + 1, *broadcast_shape)``; row ``t`` is year ``t``.

    References
    ----------
    Solow (1956), see the module docstring.
    """
    alpha, s, delta, n, A = _economy(alpha, s, delta, n, A)
    m = _in_range("m", m, 0, 1)
    k0 = _in_range("k0", k0, 0, np.inf, "()")
    if isinstance(periods, bool) or not isinstance(periods, Integral) or periods < 0:
        raise ValueError(f"periods must be an integer >= 0; got {periods!r}")
    shape = np.broadcast_shapes(*(np.shape(x) for x in (k0, alpha, s, m, delta, n, A)))
    k = np.empty((periods + 1, *shape))
    k[0] = k0
    for t in range(periods):
        k[t + 1] = ((1 - delta) * k[t] + s * (1 - m) * A * k[t] ** alpha) / (1 + n)
    y = A * k**alpha
    return PerWorker(k, y, (1 - s) * (1 - m) * y, m * y, s * (1 - m) * y)


def frontier(alpha: ArrayLike, s: ArrayLike, delta: ArrayLike, m_grid: ArrayLike,
             n: ArrayLike = 0.0, A: ArrayLike = 1.0) -> Frontier:
    """Steady-state guns-versus-butter frontier: ``(g*(m), c*(m))`` for each ``m`` in ``m_grid``.

    It is not a straight line because ``m`` also crowds out investment and so lowers capital:
    ``c* ∝ (1 - m)**(1 / (1 - alpha))`` falls faster than ``1 - m`` (it is convex in ``m``: each
    extra point of share costs less butter than the one before, but each extra unit of guns
    costs more), and ``g* ∝ m (1 - m)**(alpha / (1 - alpha))`` peaks at ``m = 1 - alpha``. Beyond that share more spending buys *fewer*
    guns as well as less butter, so only ``m <= 1 - alpha`` is the efficient part. It compares
    steady states decades apart; at a given moment, with capital fixed, the trade-off is the
    straight line ``c = (1 - s)(y - g)``.

    Parameters
    ----------
    alpha, s, delta, n, A : as in :func:`steady_state`.
    m_grid : military shares of output, each in [0, 1).

    Returns
    -------
    Frontier
        ``m``; ``g`` and ``c`` in output units per worker per year.

    References
    ----------
    Solow (1956); Dunne, Smith & Willenbockel (2005), see the module docstring.
    """
    ss = steady_state(alpha, s, m_grid, delta, n, A)
    return Frontier(np.asarray(m_grid, dtype=float), ss.g, ss.c)


def security(g_conventional: ArrayLike, g_nuclear: ArrayLike,
             effectiveness: ArrayLike = 1.0) -> np.ndarray:
    """Security bought with military spending: ``S = g_conventional + effectiveness * g_nuclear``.

    Units are conventional-equivalent output per worker per year: one unit of output spent on
    the conventional army buys one unit of security, one unit spent on the nuclear deterrent
    buys ``effectiveness`` units. ``effectiveness > 1`` encodes the claim that nuclear weapons
    are the cheaper deterrent; the claim is an assumption here, not a result. The two kinds of
    spending are perfect substitutes and security has no adversary to be measured against.

    Parameters
    ----------
    g_conventional, g_nuclear : spending per worker per year, each >= 0.
    effectiveness : security per unit of nuclear spending relative to conventional, > 0.
    """
    gc = _in_range("g_conventional", g_conventional, 0, np.inf)
    gn = _in_range("g_nuclear", g_nuclear, 0, np.inf)
    e = _in_range("effectiveness", effectiveness, 0, np.inf, "()")
    return gc + e * gn


def regime_welfare(m: ArrayLike, theta: ArrayLike, alpha: ArrayLike, s: ArrayLike,
                   delta: ArrayLike, n: ArrayLike = 0.0, A: ArrayLike = 1.0,
                   nuclear_share: ArrayLike = 0.0,
                   effectiveness: ArrayLike = 1.0) -> np.ndarray:
    """Regime objective in the steady state: ``W(m) = ln c*(m) + theta ln S(m y*(m))``.

    A share ``nuclear_share`` of military spending goes to the deterrent, the rest to the
    conventional army (see :func:`security`). ``W(0) = -inf`` when ``theta > 0``.

    Parameters
    ----------
    m : military share of output, in [0, 1).
    theta : weight on security relative to consumption, >= 0.
    alpha, delta, n, A : as in :func:`steady_state`; ``s`` in (0, 1) so that ``c* > 0``.
    nuclear_share : share of military spending on the nuclear deterrent, in [0, 1].
    effectiveness : see :func:`security`.

    References
    ----------
    Solow (1956), see the module docstring.
    """
    _in_range("s", s, 0, 1, "()")
    theta = _in_range("theta", theta, 0, np.inf)
    ss = steady_state(alpha, s, m, delta, n, A)
    S = _security_per_unit(nuclear_share, effectiveness) * ss.g
    with np.errstate(divide="ignore", invalid="ignore"):
        # theta = 0 means security does not count, even where S = 0 (avoids 0 * -inf).
        return np.log(ss.c) + np.where(theta == 0, 0.0, theta * np.log(S))


def regime_optimum(theta: ArrayLike, alpha: ArrayLike, s: ArrayLike, delta: ArrayLike,
                   n: ArrayLike = 0.0, A: ArrayLike = 1.0, nuclear_share: ArrayLike = 0.0,
                   effectiveness: ArrayLike = 1.0) -> RegimeChoice:
    """Military share maximising :func:`regime_welfare`: ``m* = theta (1 - alpha) / (1 + theta)``.

    Derivation. With ``y* = A**(1/(1-alpha)) (s (1 - m) / (delta + n))**(alpha/(1-alpha))``,
    ``c* = (1 - s)(1 - m) y*`` and ``S = phi m y*``, where
    ``phi = 1 - nuclear_share + nuclear_share * effectiveness``::

        W(m) = const + theta ln m + (1 + theta alpha) / (1 - alpha) ln(1 - m)
        W'(m) = theta / m - (1 + theta alpha) / ((1 - alpha)(1 - m)) = 0
        =>  theta (1 - alpha)(1 - m) = (1 + theta alpha) m  =>  m* = theta (1 - alpha) / (1 + theta)

    ``W`` is strictly concave on (0, 1), so ``m*`` is the unique maximum, and ``m* < 1 - alpha``
    lies on the efficient part of the frontier. ``m*`` does not depend on ``s, delta, n, A`` or
    on the deterrent's effectiveness: with log preferences a cheaper deterrent is taken as more
    security (``S*`` rises in proportion to ``phi``), not as more butter. To compare the share
    needed for a *given* level of security, use :func:`share_for_security`.

    Parameters
    ----------
    theta : weight on security relative to consumption, >= 0.
    alpha, s, delta, n, A, nuclear_share, effectiveness : as in :func:`regime_welfare`.

    Returns
    -------
    RegimeChoice
        ``m*``, and at ``m*``: ``c``, ``g`` (output per worker per year), ``security``
        (conventional-equivalent output per worker per year) and ``welfare``.

    References
    ----------
    Solow (1956), see the module docstring.
    """
    theta = _in_range("theta", theta, 0, np.inf)
    alpha = _in_range("alpha", alpha, 0, 1, "()")
    m = theta * (1 - alpha) / (1 + theta)
    ss = steady_state(alpha, s, m, delta, n, A)
    S = _security_per_unit(nuclear_share, effectiveness) * ss.g
    W = regime_welfare(m, theta, alpha, s, delta, n, A, nuclear_share, effectiveness)
    return RegimeChoice(m, ss.c, ss.g, S, W)


def implied_theta(m: ArrayLike, alpha: ArrayLike) -> np.ndarray:
    """Weight on security that makes an observed share ``m`` optimal: ``m / (1 - alpha - m)``.

    The inverse of :func:`regime_optimum`. Shares at or above ``1 - alpha`` are on the
    inefficient part of the frontier; no ``theta`` rationalises them, so they raise ValueError.
    Shares within ``1e-9`` of ``1 - alpha`` count as at it: floating-point rounding would
    otherwise turn them into an astronomically large ``theta``.

    Parameters
    ----------
    m : observed military share of output, in [0, 1 - alpha).
    alpha : capital share, in (0, 1).
    """
    alpha = _in_range("alpha", alpha, 0, 1, "()")
    m = _in_range("m", m, 0, 1)
    interior = m < 1 - alpha - _SHARE_TOLERANCE
    if not np.all(interior):
        a, mm = _first_failure(interior, alpha, m)
        raise ValueError(f"m must be in [0, 1 - alpha) for some theta to make it optimal; "
                         f"got m={mm:g} with alpha={a:g}")
    return m / (1 - alpha - m)


def share_for_security(target: ArrayLike, alpha: float, s: float, delta: float,
                       n: float = 0.0, A: float = 1.0, nuclear_share: float = 0.0,
                       effectiveness: float = 1.0) -> np.ndarray:
    """Smallest military share whose steady state reaches security ``target``.

    Solves ``phi m y*(m) = target`` on ``[0, 1 - alpha]``, where steady-state security rises
    with ``m`` (see :func:`frontier`), by bisection. With ``effectiveness > 1`` a nuclear
    deterrent reaches the same security with a smaller share than a conventional army. Targets
    above the most security any share can sustain give NaN.

    Parameters
    ----------
    target : security, conventional-equivalent output per worker per year, >= 0 (array ok).
    alpha, s, delta, n, A, nuclear_share, effectiveness : scalars, as in
        :func:`regime_welfare`.

    Returns
    -------
    numpy.ndarray
        Shares of output in [0, 1 - alpha], NaN where the target is out of reach.
    """
    alpha = float(_economy(alpha, s, delta, n, A)[0])
    target = _in_range("target", target, 0, np.inf)
    phi = _security_per_unit(nuclear_share, effectiveness)

    def reached(m):
        return phi * steady_state(alpha, s, m, delta, n, A).g

    lo, hi = np.zeros_like(target), np.full_like(target, 1 - alpha)
    for _ in range(60):  # 2**-60 of a unit interval: far below float tolerance of inputs
        mid = 0.5 * (lo + hi)
        short = reached(mid) < target
        lo, hi = np.where(short, mid, lo), np.where(short, hi, mid)
    return np.where(reached(hi) >= target * (1 - 1e-12), hi, np.nan)


def equal_security_share(m: ArrayLike, alpha: ArrayLike, effectiveness: ArrayLike,
                         nuclear_share: ArrayLike = 1.0) -> np.ndarray:
    """Share of output that buys, in the steady state, the security of share ``m`` spent on
    a conventional army, when a share ``nuclear_share`` of it goes to a deterrent.

    Steady-state security is ``phi x y*(x)`` with ``y*(x) ∝ (1 - x)**b``, ``b = alpha / (1 -
    alpha)`` and ``phi = 1 - nuclear_share + nuclear_share * effectiveness``, so the answer
    ``x`` solves ``phi x (1 - x)**b = m (1 - m)**b``. The economy's scale (``s, delta, n,
    A``) cancels: the saving from a cheaper deterrent depends only on ``m``, ``alpha`` and
    ``phi``. It is the closed-economy counterpart of :func:`share_for_security`, computed by
    Newton's method on ``ln phi + ln x + b ln(1 - x) = ln m + b ln(1 - m)``, which is
    concave and increasing in ``x`` on ``(0, 1 - alpha)``: started from ``x0 = m (1 -
    m)**b / phi``, left of the root, the iterates rise to it without overshooting.

    Parameters
    ----------
    m : military share spent on a conventional army, in [0, 1 - alpha].
    alpha : capital share, in (0, 1).
    effectiveness : security per unit of deterrent spending relative to the army, >= 1
        (a deterrent at least as effective as the army; below 1 a share above ``m`` may be
        needed, or none may suffice).
    nuclear_share : share of the new military budget spent on the deterrent, in [0, 1].

    Returns
    -------
    numpy.ndarray
        Shares in [0, m]; equal to ``m`` when ``effectiveness = 1`` or ``nuclear_share = 0``.

    References
    ----------
    Solow (1956), see the module docstring.
    """
    alpha = _in_range("alpha", alpha, 0, 1, "()")
    m = _in_range("m", m, 0, 1)
    if not np.all(m <= 1 - alpha):
        a, mm = _first_failure(m <= 1 - alpha, alpha, m)
        raise ValueError(f"m must be in [0, 1 - alpha] (the efficient part of the frontier); "
                         f"got m={mm:g} with alpha={a:g}")
    e = _in_range("effectiveness", effectiveness, 1, np.inf)
    phi = _security_per_unit(nuclear_share, e)
    b = alpha / (1 - alpha)
    m, b, phi = np.broadcast_arrays(m, b, phi)
    positive = m > 0
    mp = np.where(positive, m, 0.5)          # placeholder keeps the logs finite where m = 0
    target = np.log(mp) + b * np.log1p(-mp)
    x = mp * (1 - mp) ** b / phi
    for _ in range(100):
        gap = np.log(phi) + np.log(x) + b * np.log1p(-x) - target
        step = gap / (1 / x - b / (1 - x))
        x = np.minimum(x - step, mp)
        if np.all(np.abs(step) <= 1e-15 * np.maximum(x, 1e-300)):
            break
    return np.where(positive, x, 0.0)

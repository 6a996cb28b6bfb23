r"""
Linkage: sanctions relief for denuclearization and liberalization.

Model for notebook 09, "Linkage: relief for denuclearization and
liberalization" (course brief, essay points 2, 4, 7 and 9). Two sides bargain
over three numbers, each a share between 0 (nothing) and 1 (all of it):

* ``d``, **denuclearization** by North Korea (the regime, side N);
* ``h``, **liberalization** by North Korea (economic and social opening,
  human-rights steps);
* ``r``, **sanctions relief** by the other side (side U: the United States
  and its partners).

**Payoffs.** Each side values what it receives at the *credibility* ``kappa``
of the promise (Fearon 1995 [2]_: neither side can bind itself to deliver
later, so a promised step is worth only ``kappa`` times a delivered one) and
pays for what it gives in full, with a cost that rises with the size of the
step (the last warheads and the last sanctions are the dearest to give up):

.. math::

    u_N = \kappa\,r - d^2 - \theta\,h, \qquad
    u_U = \kappa\,(d + w\,h) - r^2 .

``theta`` is the regime's cost of full liberalization (negative: a benefit,
Babson's case that markets need institutions), ``w`` the weight side U puts
on liberalization and human rights. The unit is the value to the regime of
full relief delivered for sure; denuclearization is scaled to be worth as
much to side U, and each side's cost of giving its whole concession is 1.
No deal leaves each side its **fallback** ``f_N``, ``f_U`` (0 = the status
quo; positive = an outside option better than the status quo).

**Linkage** (Tollison and Willett 1979 [3]_). Without linkage the deal is
nuclear only: ``h = 0``. With linkage relief is paid against liberalization
as well, step for step: ``h = r``. A linked deal therefore pays the regime
``(kappa - theta) r - d^2`` and side U ``kappa d + kappa w r - r^2``: when
liberalization is a benefit to the regime (``theta < 0``) or worth more to
side U than it costs the regime, linkage widens the set of acceptable deals;
when it is a heavy cost (``theta`` near or above ``kappa``), linkage shrinks
the set and can empty it.

**Deal set and Nash bargaining solution** (Nash 1950 [1]_). A deal
``(d, h, r)`` is acceptable when it gives each side at least its fallback.
A deal *exists* when some acceptable deal gives both sides strictly more than
their fallbacks. The Nash bargaining solution is the acceptable deal that
maximizes the product of the two gains,
``(u_N - f_N) (u_U - f_U)``. It is found here by a grid search over ``(d, r)``
on ``[0, 1]^2``, refined twice around the best point (precision about
``1e-5``). Without linkage and with equal fallbacks ``f`` it has a closed
form: ``d = r = kappa / 2`` and each side gains ``kappa^2 / 4 - f``, so a deal
exists exactly when ``kappa > 2 sqrt(f)``.

Not modelled: more than two sides; uncertainty about the other's payoffs;
bargaining power other than the fallbacks (the Nash solution splits gains
symmetrically); timing and sequencing (notebook 08); verification; the
domestic politics that set the payoffs; partial linkage (liberalization
paid at some rate other than one for one).

References
----------
.. [1] Nash, John F. (1950). "The Bargaining Problem". *Econometrica* 18:
   155-162.
.. [2] Fearon, James D. (1995). "Rationalist Explanations for War".
   *International Organization* 49 (3): 379-414. Commitment problems.
.. [3] Tollison, Robert D. and Thomas D. Willett (1979). "An Economic Theory
   of Mutually Advantageous Issue Linkages in International Negotiations".
   *International Organization* (1979), doi:10.1017/S0020818300032252.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Deal", "payoffs", "gains", "deal_set", "deal_set_share", "deal_bounds", "nash_deal",
           "symmetric_closed_form", "GRID"]

#: Points per axis of the grid search and of the deal-set pictures.
GRID = 201

#: Ranges of the parameters (the explorer's sliders; inputs outside are refused).
RANGES = {"theta": (-1.0, 1.0), "weight": (0.0, 1.0), "credibility": (0.0, 1.0),
          "fallback_regime": (0.0, 0.5), "fallback_other": (0.0, 0.5)}


class Deal(NamedTuple):
    """The Nash bargaining solution of one negotiation.

    ``exists`` is False when no deal gives both sides strictly more than their
    fallbacks; then ``d = h = r = 0`` and the payoffs are the fallbacks.
    Payoffs are in the model's unit (the regime's value of full, certain relief).
    """

    exists: bool
    d: float
    h: float
    r: float
    payoff_regime: float
    payoff_other: float


def _checked(name: str, value: ArrayLike) -> float:
    # One validator so every message names the parameter, its range and the value.
    lo, hi = RANGES[name]
    number = float(value)
    if not (np.isfinite(number) and lo <= number <= hi):
        raise ValueError(f"{name} must lie in [{lo:g}, {hi:g}]; got {number!r}")
    return number


def _share(name: str, value: ArrayLike) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if np.any(~np.isfinite(arr) | (arr < 0) | (arr > 1)):
        raise ValueError(f"{name} must be a share between 0 and 1")
    return arr


def payoffs(d: ArrayLike, h: ArrayLike, r: ArrayLike, *, theta: float, weight: float,
            credibility: float) -> tuple[np.ndarray, np.ndarray]:
    """Each side's payoff from a deal ``(d, h, r)``, before fallbacks.

    Parameters
    ----------
    d, h, r : array_like
        Denuclearization, liberalization and sanctions relief, shares in
        [0, 1]; broadcast together.
    theta : float
        Regime's cost of full liberalization, in [-1, 1] (negative: a benefit).
    weight : float
        Weight ``w`` side U puts on liberalization, in [0, 1].
    credibility : float
        Credibility ``kappa`` of promised steps, in [0, 1].

    Returns
    -------
    (u_N, u_U) : tuple of ndarray
        ``kappa r - d^2 - theta h`` and ``kappa (d + w h) - r^2``, in the
        broadcast shape of the inputs.

    Raises
    ------
    ValueError
        If a share or parameter is outside its range or not finite.

    Examples
    --------
    >>> [float(u) for u in payoffs(0.5, 0.0, 0.5, theta=0.0, weight=0.0, credibility=1.0)]
    [0.25, 0.25]
    """
    d, h, r = (_share(n, v) for n, v in (("d", d), ("h", h), ("r", r)))
    theta, weight, kappa = (_checked("theta", theta), _checked("weight", weight),
                            _checked("credibility", credibility))
    return kappa * r - d**2 - theta * h, kappa * (d + weight * h) - r**2


def gains(d: ArrayLike, r: ArrayLike, *, linked: bool, theta: float, weight: float,
          credibility: float, fallback_regime: float, fallback_other: float
          ) -> tuple[np.ndarray, np.ndarray]:
    """Each side's gain over its fallback at ``(d, r)``, with ``h = r`` if linked, else 0.

    Parameters
    ----------
    d, r : array_like
        Denuclearization and relief, shares in [0, 1]; broadcast together.
    linked : bool
        True: liberalization is paid step for step with relief (``h = r``).
    theta, weight, credibility : float
        As in :func:`payoffs`.
    fallback_regime, fallback_other : float
        Fallbacks ``f_N`` and ``f_U``, in [0, 0.5] payoff units.

    Returns
    -------
    (g_N, g_U) : tuple of ndarray
        ``u_N - f_N`` and ``u_U - f_U``.
    """
    r = _share("r", r)
    h = r if linked else np.zeros_like(r)
    u_n, u_u = payoffs(d, h, r, theta=theta, weight=weight, credibility=credibility)
    return (u_n - _checked("fallback_regime", fallback_regime),
            u_u - _checked("fallback_other", fallback_other))


def deal_set(*, linked: bool, theta: float, weight: float, credibility: float,
             fallback_regime: float, fallback_other: float, grid: int = GRID) -> np.ndarray:
    """Which deals ``(d, r)`` both sides accept, on a square grid.

    Parameters
    ----------
    linked, theta, weight, credibility, fallback_regime, fallback_other
        As in :func:`gains`.
    grid : int
        Points per axis (at least 2), spaced evenly on [0, 1].

    Returns
    -------
    ndarray of bool, shape (grid, grid)
        ``[i, j]`` is True when the deal with relief ``r = i / (grid - 1)``
        (rows) and denuclearization ``d = j / (grid - 1)`` (columns) gives both
        sides at least their fallbacks.
    """
    if int(grid) < 2:
        raise ValueError(f"grid must have at least 2 points per axis; got {grid!r}")
    axis = np.linspace(0.0, 1.0, int(grid))
    g_n, g_u = gains(axis[np.newaxis, :], axis[:, np.newaxis], linked=linked, theta=theta,
                     weight=weight, credibility=credibility, fallback_regime=fallback_regime,
                     fallback_other=fallback_other)
    return (g_n >= 0) & (g_u >= 0)


def deal_set_share(**params) -> float:
    """Share of the square of deals ``(d, r)`` both sides accept (0 to 1).

    Keyword arguments as in :func:`deal_set`. The share of grid points, so
    exact only up to the grid's spacing.
    """
    return float(np.mean(deal_set(**params)))


def deal_bounds(r: ArrayLike, *, linked: bool, theta: float, weight: float, credibility: float,
                fallback_regime: float, fallback_other: float) -> tuple[np.ndarray, np.ndarray]:
    """For each relief ``r``, the range of denuclearization ``d`` both sides accept.

    The regime accepts ``d <= sqrt(a r - f_N)`` (its gain falls as it gives
    more) and the other side ``d >= (f_U + r^2 - b r) / kappa`` (its gain
    rises), with ``a = kappa - theta`` and ``b = kappa w`` for a linked deal,
    ``a = kappa`` and ``b = 0`` for a nuclear-only one. Both bounds are clipped
    to [0, 1]; the range is empty where ``d_min > d_max``.

    Parameters
    ----------
    r : array_like
        Relief, shares in [0, 1].
    linked, theta, weight, credibility, fallback_regime, fallback_other
        As in :func:`gains`.

    Returns
    -------
    (d_min, d_max) : tuple of ndarray
        In the shape of ``r``. Where a side accepts no ``d`` at all (the
        regime when ``a r < f_N``; the other side when ``kappa = 0`` and its
        gain ``b r - r^2 - f_U`` is negative) the range is empty,
        ``d_min > d_max`` (infinite bounds mark it).

    Examples
    --------
    Nuclear only, kappa = 1, no fallbacks, r = 0.25: the regime accepts
    d <= sqrt(0.25) = 0.5, the other side d >= 0.25^2 = 0.0625.

    >>> [float(x) for x in deal_bounds(0.25, linked=False, theta=0.0, weight=0.0,
    ...                                credibility=1.0, fallback_regime=0.0, fallback_other=0.0)]
    [0.0625, 0.5]
    """
    r = _share("r", r)
    kappa = _checked("credibility", credibility)
    theta, weight = _checked("theta", theta), _checked("weight", weight)
    f_n = _checked("fallback_regime", fallback_regime)
    f_u = _checked("fallback_other", fallback_other)
    a, b = (kappa - theta, kappa * weight) if linked else (kappa, 0.0)
    room = a * r - f_n
    d_max = np.where(room >= 0, np.sqrt(np.clip(room, 0.0, None)), -np.inf)
    need = f_u + r**2 - b * r
    if kappa > 0:
        d_min = need / kappa
    else:
        # Promises worthless: denuclearization is worth nothing to the other side.
        d_min = np.where(need <= 0, 0.0, np.inf)
    return np.clip(d_min, 0.0, None), np.minimum(d_max, 1.0)


def _best(d: np.ndarray, r: np.ndarray, params: dict) -> tuple[float, float, float]:
    g_n, g_u = gains(d[np.newaxis, :], r[:, np.newaxis], **params)
    product = np.where((g_n >= 0) & (g_u >= 0), g_n * g_u, -np.inf)
    i, j = np.unravel_index(np.argmax(product), product.shape)
    return float(d[j]), float(r[i]), float(product[i, j])


def nash_deal(theta: float, weight: float, credibility: float, fallback_regime: float,
              fallback_other: float, linked: bool = True) -> Deal:
    """Whether a deal exists, and the Nash bargaining solution.

    The public entry point of the model (the explorer and the capstone call
    it): the explorer's five sliders in, one :class:`Deal` out.

    Parameters
    ----------
    theta : float
        Regime's cost of full liberalization, in [-1, 1] payoff units;
        negative when liberalization is a benefit to the regime.
    weight : float
        Weight ``w`` the other side puts on liberalization and human rights, in [0, 1].
    credibility : float
        Credibility ``kappa`` of promised future steps, in [0, 1] (1: every
        promise is kept; 0: promises are worthless).
    fallback_regime, fallback_other : float
        Each side's payoff if talks fail, ``f_N`` and ``f_U``, in [0, 0.5]
        payoff units (0: the status quo).
    linked : bool, default True
        True: relief is paid step for step against liberalization
        (``h = r``); False: a nuclear-only deal (``h = 0``).

    Returns
    -------
    Deal
        ``exists``; the shares ``d``, ``h``, ``r`` in [0, 1]; each side's
        payoff ``u_N``, ``u_U`` at the solution (the fallbacks when no deal exists).

    Raises
    ------
    ValueError
        If a parameter is outside its range or not finite.

    Notes
    -----
    Grid search over ``(d, r)`` with 201 x 201 points, then two refinements on
    a 41 x 41 grid around the best point; the solution is within about
    ``1e-5`` of the exact maximizer of the Nash product. A deal exists when the
    largest Nash product on the grid is positive, so a deal set thinner than the
    grid's spacing (1/200 of a share) is reported as no deal.

    Examples
    --------
    Nuclear only, perfect credibility, status-quo fallbacks: each side gives
    half and gains 1/4 (the closed form ``kappa / 2``, ``kappa^2 / 4``).

    >>> deal = nash_deal(0.0, 0.0, 1.0, 0.0, 0.0, linked=False)
    >>> deal.exists, round(deal.d, 3), round(deal.r, 3), round(deal.payoff_regime, 3)
    (True, 0.5, 0.5, 0.25)
    """
    params = {"linked": bool(linked), "theta": _checked("theta", theta),
              "weight": _checked("weight", weight),
              "credibility": _checked("credibility", credibility),
              "fallback_regime": _checked("fallback_regime", fallback_regime),
              "fallback_other": _checked("fallback_other", fallback_other)}
    axis = np.linspace(0.0, 1.0, GRID)
    d, r, product = _best(axis, axis, params)
    step = 1.0 / (GRID - 1)
    for _ in range(2):
        # Refine around the best point: the Nash product is smooth, so a local grid suffices.
        d_axis = np.clip(np.linspace(d - step, d + step, 41), 0.0, 1.0)
        r_axis = np.clip(np.linspace(r - step, r + step, 41), 0.0, 1.0)
        d, r, product = _best(d_axis, r_axis, params)
        step /= 20.0
    if not product > 0:
        return Deal(False, 0.0, 0.0, 0.0, params["fallback_regime"], params["fallback_other"])
    h = r if params["linked"] else 0.0
    u_n, u_u = payoffs(d, h, r, theta=params["theta"], weight=params["weight"],
                       credibility=params["credibility"])
    return Deal(True, d, h, r, float(u_n), float(u_u))


def symmetric_closed_form(credibility: float, fallback: float) -> Deal:
    """The nuclear-only Nash solution with equal fallbacks, in closed form.

    With ``h = 0`` and ``f_N = f_U = f`` the problem is symmetric in ``d`` and
    ``r``; efficiency requires ``d r = kappa^2 / 4`` and symmetry ``d = r``, so
    ``d = r = kappa / 2`` and each side's payoff is ``kappa^2 / 4``. A deal
    exists when that beats the fallback: ``kappa^2 / 4 > f``.

    Parameters
    ----------
    credibility : float
        ``kappa``, in [0, 1].
    fallback : float
        ``f``, each side's fallback, in [0, 0.5].

    Returns
    -------
    Deal
    """
    kappa = _checked("credibility", credibility)
    f = _checked("fallback_regime", fallback)
    value = kappa**2 / 4
    if not value > f:
        return Deal(False, 0.0, 0.0, 0.0, f, f)
    return Deal(True, kappa / 2, 0.0, kappa / 2, value, value)

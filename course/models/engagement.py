r"""
A joint industrial zone under closure risk: who gains, and for how long.

Model for notebook 07, "Inter-Korean engagement" (course brief, essay points 8
and 2). It is the course's own simple model, built on two standard pieces: a
constant hazard of closure (the exponential duration model) and discounting
of a flow that lasts until that closure; its reading of the wage arrangements
comes from reports on the Kaesong Industrial Complex (2004-2016).

Per worker and per year the zone produces these flows (US dollars):

* **firms** keep ``margin - wage``: ``margin`` is what a worker's output leaves
  the firm before wages (sales less materials and other costs) and ``wage`` the
  total the firm pays for that worker (wage, overtime, social insurance);
* **workers** receive ``s * wage``, the share ``s`` of the wage that reaches
  them in value they can use;
* **the state** keeps ``(1 - s) * wage`` and bears ``state_cost``, its own
  valuation of what the zone costs it (contact with outsiders, information,
  supervision).

Firms also pay ``sunk_cost`` per worker up front (plant, machines), lost if the
zone closes. The zone closes at a random time ``T`` with a constant hazard
``lambda`` (per year): in any short interval ``dt`` an open zone closes with
probability ``lambda dt``, so ``P(T > t) = exp(-lambda t)`` and the expected
duration is ``E[T] = 1 / lambda``. A flow ``f`` that lasts until ``T``,
discounted at rate ``rho``, is worth on average

.. math::

    E\left[\int_0^T f e^{-\rho t}\,dt\right]
    = \int_0^\infty f e^{-(\rho + \lambda) t}\,dt = \frac{f}{\rho + \lambda},

so the hazard acts like an extra discount rate. With ``N`` workers the
expected values are

.. math::

    V_F = N\left(\frac{m - w}{\rho+\lambda} - k\right),\quad
    V_W = N\frac{s\,w}{\rho+\lambda},\quad
    V_S = N\frac{(1-s)\,w - h}{\rho+\lambda}.

The share ``s`` moves value between workers and the state one for one: the
total ``V_F + V_W + V_S`` does not depend on it. Firms break even at the
hazard ``lambda* = (m - w) / k - rho``; the state wants the zone (its flow is
positive) only while ``s < 1 - h / w``. A **transparency rule** (wages paid to
workers directly, the state keeping only a declared deduction) raises ``s``:
workers gain what the state loses, firms are unaffected, and if ``s`` passes
``1 - h / w`` the state no longer wants the zone.

Not modelled: the hazard is taken as given, though both governments chose the
closures (North Korea withdrew its workers in April 2013; Seoul closed the
zone in February 2016); workers' next-best earnings (their gain over a state
job is not computed); effects of contact on attitudes or information, which
are the point of engagement in essay point 8 but have no measure here;
insurance or compensation that Seoul paid firms; wages or productivity that
change over time; costs that do not scale with the number of workers.

References
----------
.. [1] Dixit, Avinash K. and Robert S. Pindyck (1994). *Investment under
   Uncertainty*. Princeton University Press. Irreversible (sunk) investment
   under uncertainty.
.. [2] Wooldridge, Jeffrey M. (2010). *Econometric Analysis of Cross Section
   and Panel Data*, 2nd ed., MIT Press, ch. 20 "Duration Analysis": hazards
   and durations.
.. [3] Noland, Marcus (2014). *Labor Standards and South Korean Employment
   Practices in North Korea*. US-Korea Institute at SAIS. Wages at Kaesong
   paid in dollars to the North Korean state, which pays workers in won.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["expected_duration", "discount_factor", "PartyValues", "party_values",
           "break_even_hazard", "state_flow", "highest_worker_share", "transparency"]


def _checked(name: str, value: ArrayLike, lo: float = 0.0, hi: float = np.inf,
             infinite: bool = False) -> np.ndarray:
    # One validator so every message has the same shape: name, value, range.
    # Only the hazard may be infinite (the zone closes at once).
    arr = np.asarray(value, dtype=float)
    bad = np.isnan(arr) | (arr < lo) | (arr > hi) | (np.isinf(arr) & (not infinite))
    if np.any(bad):
        first = float(arr[bad].flat[0])
        upper = "inf)" if np.isinf(hi) else f"{hi:g}]"
        raise ValueError(f"{name} must lie in [{lo:g}, {upper}; got {first!r}")
    return arr


def expected_duration(hazard: ArrayLike) -> np.ndarray | float:
    """
    Expected years until closure under a constant hazard: ``1 / hazard``.

    Parameters
    ----------
    hazard : array_like
        Closure hazard, per year, in [0, inf]. 0 means the zone never closes,
        ``inf`` that it closes at once.

    Returns
    -------
    float or ndarray
        Years; ``inf`` where the hazard is 0, 0 where it is ``inf``.

    Raises
    ------
    ValueError
        If ``hazard`` is negative or not a number.

    Examples
    --------
    >>> float(expected_duration(0.25))
    4.0
    """
    lam = _checked("hazard", hazard, infinite=True)
    with np.errstate(divide="ignore"):
        return (1.0 / lam)[()]


def discount_factor(hazard: ArrayLike, discount: ArrayLike) -> np.ndarray | float:
    """
    Expected discounted years of a flow that stops at closure: ``1 / (discount + hazard)``.

    Parameters
    ----------
    hazard : array_like
        Closure hazard, per year, in [0, inf] (``inf`` gives 0).
    discount : array_like
        Discount rate, per year, in [0, inf); ``discount + hazard`` must be positive.

    Returns
    -------
    float or ndarray
        Years (a flow of 1 dollar a year is worth this many dollars today).

    Raises
    ------
    ValueError
        If an input is out of range, or both are 0 (the value would be infinite).

    Examples
    --------
    >>> float(discount_factor(0.15, 0.05))
    5.0
    """
    lam = _checked("hazard", hazard, infinite=True)
    rho = _checked("discount", discount)
    total = lam + rho
    if np.any(total <= 0):
        raise ValueError("discount + hazard must be positive: with no discounting and no "
                         "closure a flow lasts forever and its value is infinite; got "
                         f"discount={float(np.min(rho))!r}, hazard={float(np.min(lam))!r}")
    return (1.0 / total)[()]


class PartyValues(NamedTuple):
    """Expected discounted values of the zone to each party, in the unit of the flows
    times ``workers`` (US dollars with per-worker flows in dollars)."""

    firms: np.ndarray | float
    workers: np.ndarray | float
    state: np.ndarray | float

    @property
    def total(self):
        """Sum over the three parties; it does not depend on the worker share."""
        return self.firms + self.workers + self.state


def party_values(worker_share: ArrayLike, hazard: ArrayLike, *, wage: ArrayLike,
                 margin: ArrayLike, sunk_cost: ArrayLike, state_cost: ArrayLike,
                 discount: ArrayLike, workers: ArrayLike = 1.0) -> PartyValues:
    """
    Expected discounted value of the zone to firms, workers and the state.

    Parameters
    ----------
    worker_share : array_like
        Share ``s`` of the wage that reaches workers, in [0, 1].
    hazard : array_like
        Closure hazard ``lambda``, per year, in [0, inf).
    wage : array_like
        Total paid by firms per worker, ``w``, US dollars per year, >= 0.
    margin : array_like
        What a worker's output leaves the firm before wages, ``m``, US dollars per
        year, >= 0.
    sunk_cost : array_like
        Firms' up-front investment per worker, ``k``, US dollars, >= 0; lost at closure.
    state_cost : array_like
        The state's own cost of the zone per worker, ``h``, US dollars per year, >= 0.
    discount : array_like
        Discount rate ``rho``, per year, >= 0, with ``discount + hazard > 0``.
    workers : array_like, optional
        Number of workers ``N`` (scale), >= 0. Default 1: values per worker.

    Returns
    -------
    PartyValues
        ``firms``, ``workers``, ``state`` (and ``.total``), in US dollars;
        arguments broadcast together.

    Raises
    ------
    ValueError
        If an input is out of range (the message names it, its value and the range).

    Examples
    --------
    One worker paid 1,000 dollars a year, 40 percent reaching her, a margin of
    2,000, a sunk cost of 3,000, a state cost of 100, discount 0.05 and hazard
    0.15 (so flows are worth 5 years of flow):

    >>> v = party_values(0.4, 0.15, wage=1000, margin=2000, sunk_cost=3000,
    ...                  state_cost=100, discount=0.05)
    >>> float(v.firms), float(v.workers), float(v.state), float(v.total)
    (2000.0, 2000.0, 2500.0, 6500.0)
    """
    s = _checked("worker_share", worker_share, 0.0, 1.0)
    w = _checked("wage", wage)
    m = _checked("margin", margin)
    k = _checked("sunk_cost", sunk_cost)
    h = _checked("state_cost", state_cost)
    n = _checked("workers", workers)
    years = discount_factor(hazard, discount)
    firms, workers_, state = np.broadcast_arrays(n * ((m - w) * years - k), n * s * w * years,
                                                 n * ((1.0 - s) * w - h) * years)
    # Copies, so the three results do not share memory with one another.
    return PartyValues(firms=firms.copy()[()], workers=workers_.copy()[()], state=state.copy()[()])


def break_even_hazard(*, wage: ArrayLike, margin: ArrayLike, sunk_cost: ArrayLike,
                      discount: ArrayLike) -> np.ndarray | float:
    """
    The closure hazard at which firms' expected value is zero: ``(m - w) / k - rho``.

    Below it firms expect to earn back their sunk cost; above it they do not.
    A negative result means firms lose even if the zone never closes; with no
    sunk cost (``k = 0``) any hazard is bearable while ``m > w`` (``inf``).

    Parameters
    ----------
    wage, margin, sunk_cost, discount : array_like
        As in :func:`party_values`.

    Returns
    -------
    float or ndarray
        Hazard per year; its expected duration is ``1 / lambda*`` years.

    Raises
    ------
    ValueError
        If an input is out of range.

    Examples
    --------
    >>> round(float(break_even_hazard(wage=1000, margin=2000, sunk_cost=5000,
    ...                               discount=0.05)), 6)
    0.15
    """
    w = _checked("wage", wage)
    m = _checked("margin", margin)
    k = _checked("sunk_cost", sunk_cost)
    rho = _checked("discount", discount)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(k > 0, (m - w) / np.where(k > 0, k, 1.0),
                         np.where(m > w, np.inf, np.where(m == w, 0.0, -np.inf)))
    return (ratio - rho)[()]


def state_flow(worker_share: ArrayLike, *, wage: ArrayLike, state_cost: ArrayLike
               ) -> np.ndarray | float:
    """
    The state's net flow per worker and year, ``(1 - s) w - h``, US dollars.

    The state wants the zone open while this is positive, whatever the hazard:
    it has no sunk cost in the model, so the hazard scales its value but never
    changes its sign.

    Examples
    --------
    >>> float(state_flow(0.4, wage=1000, state_cost=100))
    500.0
    """
    s = _checked("worker_share", worker_share, 0.0, 1.0)
    w = _checked("wage", wage)
    h = _checked("state_cost", state_cost)
    return ((1.0 - s) * w - h)[()]


def highest_worker_share(*, wage: ArrayLike, state_cost: ArrayLike) -> np.ndarray | float:
    """
    The largest share of the wage that can reach workers with the state still
    wanting the zone: ``1 - h / w``, clipped to [0, 1].

    Parameters
    ----------
    wage, state_cost : array_like
        As in :func:`party_values`; a zero wage gives 0 (the state gains nothing).

    Returns
    -------
    float or ndarray
        A share in [0, 1].

    Examples
    --------
    >>> float(highest_worker_share(wage=1000, state_cost=250))
    0.75
    """
    w = _checked("wage", wage)
    h = _checked("state_cost", state_cost)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(w > 0, 1.0 - h / np.where(w > 0, w, 1.0), 0.0)
    return np.clip(share, 0.0, 1.0)[()]


def transparency(status_quo_share: ArrayLike, direct_share: ArrayLike, hazard: ArrayLike, *,
                 wage: ArrayLike, margin: ArrayLike, sunk_cost: ArrayLike,
                 state_cost: ArrayLike, discount: ArrayLike, workers: ArrayLike = 1.0) -> dict:
    """
    What a transparency rule changes: from the share ``status_quo_share`` that
    reaches workers today to ``direct_share`` when wages are paid to them directly.

    Parameters
    ----------
    status_quo_share, direct_share : array_like
        Worker shares before and under the rule, in [0, 1].
    hazard, wage, margin, sunk_cost, state_cost, discount, workers : array_like
        As in :func:`party_values`.

    Returns
    -------
    dict
        ``before`` and ``after`` (:class:`PartyValues`), the changes ``d_firms``,
        ``d_workers``, ``d_state`` (US dollars; ``d_workers = -d_state`` and
        ``d_firms = 0``), and ``state_still_wants`` (bool or bool array: the
        state's flow stays positive under the rule).

    Examples
    --------
    >>> r = transparency(0.3, 0.9, 0.15, wage=1000, margin=2000, sunk_cost=3000,
    ...                  state_cost=200, discount=0.05)
    >>> float(r["d_workers"]), float(r["d_state"]), bool(r["state_still_wants"])
    (3000.0, -3000.0, False)
    """
    common = dict(wage=wage, margin=margin, sunk_cost=sunk_cost, state_cost=state_cost,
                  discount=discount, workers=workers)
    before = party_values(status_quo_share, hazard, **common)
    after = party_values(direct_share, hazard, **common)
    flow = state_flow(direct_share, wage=wage, state_cost=state_cost)
    return {"before": before, "after": after,
            "d_firms": after.firms - before.firms,
            "d_workers": after.workers - before.workers,
            "d_state": after.state - before.state,
            "state_still_wants": (np.asarray(flow) > 0)[()]}

r"""
Mobilised labour and demobilisation in a Lewis two-sector economy.

Model for notebook 05, "Mobilized labor and demobilization" (course brief,
essay point 5, with 3 and 4). It follows W. Arthur Lewis (1954): a
*traditional* sector, here the state's farms, enterprises and campaign work,
where the marginal product of labour is low and constant, ``a`` per
worker-year; and a *market* (Lewis's "capitalist") sector with capital ``K``
and a Cobb-Douglas technology,

.. math::

    Y_M = A\,K^{\alpha} E^{1-\alpha}, \qquad
    w = \frac{\partial Y_M}{\partial E} = (1-\alpha)\,A\,\left(\frac{K}{E}\right)^{\alpha},

where ``E`` is the labour the market sector employs (million worker-years)
and ``w`` the market wage (what a competitive market pays: the marginal
product). Three things move labour between the sectors:

* **Demobilisation.** ``D`` soldiers (million) leave the army and look for
  market work, joining the ``N`` market workers. In the army they worked a
  share ``theta`` of the year on construction and farms at the traditional
  product ``a``; that output is lost when they leave.
* **Mobilisation.** Every market worker gives ``m`` days a year (of 365) to
  campaign work ("battles"), valued at the traditional product ``a``; the
  market sector loses those days. The labour offered to the market is
  ``S = (1 - m/365)(N + D)``.
* **Lewis's floor.** The market wage cannot fall below ``a``: a worker who
  earns less in the market than the traditional sector's product would stay
  there. The market hires at most ``E* = K ((1-alpha) A / a)**(1/alpha)``,
  where ``w = a``; beyond it labour is, in Lewis's words, in unlimited supply
  at that wage, and the rest, ``S - E``, works at ``a``. So ``E = min(S, E*)``.

Total output is ``Y = Y_M + a (L_S + (S - E) + (m/365)(N + D)) + theta a (F - D)``
with ``L_S`` assigned state workers and ``F`` the active force. The wage bill
to households is what the market sector pays in wages, ``w E = (1 - alpha) Y_M``
(state pay, which buys little at market prices, is left out).

With ``K`` fixed, releasing soldiers lowers the market wage (more workers
share the same capital) while output and the wage bill rise; raising ``K``
in proportion to the market workforce, ``K' = K (N + D) / N``, keeps the wage
where it was. That is the trade-off essay point 5 implies: demobilisation
without investment depresses wages; with investment (sanctions relief,
engagement) it need not, and more investment raises them.

Not modelled: skills and the cost of retraining soldiers; unemployment (the
market absorbs every job seeker at the market wage or the floor); the
state's control of who may take market work (assigned jobs, permits); the
food, housing and pay the army gives soldiers; how investment is financed;
what mobilised labour builds (valued here only at ``a``); any gain in human
rights, which the model does not measure.

References
----------
.. [1] Lewis, W. Arthur (1954). "Economic Development with Unlimited Supplies
   of Labour". *The Manchester School*. The two sectors, the
   negligible marginal product of labour in the traditional sector and the
   wage floor at which labour is in unlimited supply.
.. [2] Ranis, Gustav and John C. H. Fei (1961). "A Theory of Economic
   Development". *American Economic Review*. The formal two-sector version
   with a turning point.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["DAYS_IN_YEAR", "market_output", "market_wage", "absorbable_labour", "Economy",
           "economy", "release", "capital_to_hold_wage"]

#: Mobilisation days are a share of a calendar year.
DAYS_IN_YEAR = 365.0


def _checked(name: str, value: ArrayLike, lo: float = 0.0, hi: float = np.inf,
             open_low: bool = False, open_high: bool = False) -> np.ndarray:
    # One validator, so every message names the parameter, the value and the range.
    arr = np.asarray(value, dtype=float)
    below = (arr <= lo) if open_low else (arr < lo)
    above = (arr >= hi) if open_high else (arr > hi)
    bad = np.isnan(arr) | below | above | np.isinf(arr)
    if np.any(bad):
        first = float(arr[bad].flat[0])
        left = "(" if open_low else "["
        right = ")" if (open_high or np.isinf(hi)) else "]"
        upper = "inf" if np.isinf(hi) else f"{hi:g}"
        raise ValueError(f"{name} must lie in {left}{lo:g}, {upper}{right}; got {first!r}")
    return arr


def _technology(alpha, tfp):
    return (_checked("alpha", alpha, 0.0, 1.0, open_low=True, open_high=True),
            _checked("tfp", tfp, 0.0, open_low=True))


def market_output(capital: ArrayLike, labour: ArrayLike, *, alpha: ArrayLike = 0.4,
                  tfp: ArrayLike = 1.0) -> np.ndarray | float:
    """
    Market-sector output, ``A K**alpha E**(1 - alpha)``.

    Parameters
    ----------
    capital : array_like
        Market-sector capital ``K``, billion US dollars, >= 0.
    labour : array_like
        Labour employed ``E``, million worker-years, >= 0.
    alpha : array_like, optional
        Capital's share of market output, in (0, 1). Default 0.4.
    tfp : array_like, optional
        Total factor productivity ``A``, > 0. Default 1 (sets the units: with
        capital in billion US dollars and labour in million worker-years,
        output is in billion US dollars a year).

    Returns
    -------
    float or ndarray
        Billion US dollars a year (broadcast shape of the inputs).

    Raises
    ------
    ValueError
        If an input is out of range, naming it, its value and the range.

    Examples
    --------
    >>> float(market_output(8.0, 1.0, alpha=1/3))
    2.0
    """
    alpha, tfp = _technology(alpha, tfp)
    k = _checked("capital", capital)
    e = _checked("labour", labour)
    return (tfp * k ** alpha * e ** (1 - alpha))[()]


def market_wage(capital: ArrayLike, labour: ArrayLike, *, alpha: ArrayLike = 0.4,
                tfp: ArrayLike = 1.0) -> np.ndarray | float:
    """
    Marginal product of labour in the market sector, ``(1 - alpha) A (K / E)**alpha``.

    Parameters
    ----------
    capital : array_like
        ``K``, billion US dollars, >= 0.
    labour : array_like
        ``E``, million worker-years, > 0.
    alpha, tfp : array_like, optional
        As in :func:`market_output`.

    Returns
    -------
    float or ndarray
        Thousand US dollars per worker-year (billion dollars per million workers).

    Raises
    ------
    ValueError
        If an input is out of range (labour must be positive).

    Examples
    --------
    >>> float(market_wage(8.0, 1.0, alpha=1/3))  # (2/3) * 8**(1/3)
    1.3333333333333333
    """
    alpha, tfp = _technology(alpha, tfp)
    k = _checked("capital", capital)
    e = _checked("labour", labour, open_low=True)
    return ((1 - alpha) * tfp * (k / e) ** alpha)[()]


def absorbable_labour(capital: ArrayLike, floor: ArrayLike, *, alpha: ArrayLike = 0.4,
                      tfp: ArrayLike = 1.0) -> np.ndarray | float:
    """
    Most labour the market sector hires before its wage falls to the floor ``a``.

    Solves ``(1 - alpha) A (K / E)**alpha = a`` for ``E``:
    ``E* = K ((1 - alpha) A / a)**(1 / alpha)``.

    Parameters
    ----------
    capital : array_like
        ``K``, billion US dollars, >= 0.
    floor : array_like
        The traditional sector's marginal product ``a``, thousand US dollars per
        worker-year, > 0.
    alpha, tfp : array_like, optional
        As in :func:`market_output`.

    Returns
    -------
    float or ndarray
        Million worker-years; 0 when there is no capital.

    Raises
    ------
    ValueError
        If an input is out of range.

    Examples
    --------
    >>> float(absorbable_labour(2.0, 0.5, alpha=0.5))  # 2 * (0.5 / 0.5)**2
    2.0
    """
    alpha, tfp = _technology(alpha, tfp)
    k = _checked("capital", capital)
    a = _checked("floor", floor, open_low=True)
    return (k * ((1 - alpha) * tfp / a) ** (1 / alpha))[()]


class Economy(NamedTuple):
    """One state of the two-sector economy (units as in :func:`economy`)."""

    output: np.ndarray | float
    market_output: np.ndarray | float
    traditional_output: np.ndarray | float
    market_wage: np.ndarray | float
    wage_bill: np.ndarray | float
    market_labour: np.ndarray | float
    surplus_labour: np.ndarray | float
    campaign_labour: np.ndarray | float


def economy(soldiers_released: ArrayLike, capital: ArrayLike, mobilization_days: ArrayLike, *,
            market_workers: ArrayLike = 4.0, state_workers: ArrayLike = 8.19,
            active_force: ArrayLike = 1.3, state_product: ArrayLike = 0.3,
            army_work_share: ArrayLike = 0.5, alpha: ArrayLike = 0.4,
            tfp: ArrayLike = 1.0) -> Economy:
    """
    Output, market wage and wage bill of the two-sector economy.

    Parameters
    ----------
    soldiers_released : array_like
        ``D``, soldiers demobilised, million persons, in [0, active_force].
    capital : array_like
        Market-sector capital ``K``, billion US dollars, >= 0.
    mobilization_days : array_like
        ``m``, days a year each market worker gives to campaigns, in [0, 365).
    market_workers : array_like, optional
        ``N``, civilians in the market sector before demobilisation, million, > 0.
        Default 4.0 (illustrative: about a third of the 12.19 million
        economically active in the 2008 census).
    state_workers : array_like, optional
        ``L_S``, workers assigned to the state sector, million, >= 0. Default
        8.19 (the rest of the census's 12.19 million). Affects the level of
        output only.
    active_force : array_like, optional
        ``F``, soldiers in the army before demobilisation, million, >= 0.
        Default 1.3 (the largest estimate in table ``military``).
    state_product : array_like, optional
        ``a``, marginal product of a worker-year in the traditional sector and
        in campaign work, thousand US dollars, > 0. Default 0.3 (illustrative).
    army_work_share : array_like, optional
        ``theta``, share of a soldier's year spent on construction and farm
        work, in [0, 1]. Default 0.5 (illustrative).
    alpha, tfp : array_like, optional
        As in :func:`market_output`.

    Returns
    -------
    Economy
        ``output``, ``market_output``, ``traditional_output`` and ``wage_bill``
        in billion US dollars a year; ``market_wage`` in thousand US dollars per
        worker-year; ``market_labour`` (``E``), ``surplus_labour`` (``S - E``,
        job seekers the market does not hire) and ``campaign_labour`` (worker-
        years of mobilisation) in millions. Arrays broadcast.

    Raises
    ------
    ValueError
        If an input is out of range, naming it, its value and the range.

    Examples
    --------
    With no mobilisation, no soldiers released and K / N = 20 / 4 = 5, the wage
    is 0.6 * 5**0.4, about 1.14 thousand US dollars a year:

    >>> round(float(economy(0.0, 20.0, 0.0).market_wage), 2)
    1.14
    """
    alpha, tfp = _technology(alpha, tfp)
    force = _checked("active_force", active_force)
    d = _checked("soldiers_released", soldiers_released, 0.0, float(np.max(force)))
    if np.any(d > force):
        raise ValueError(f"soldiers_released must lie in [0, active_force]; got "
                         f"{float(np.max(d))!r} with active_force={float(np.min(force))!r}")
    k = _checked("capital", capital)
    days = _checked("mobilization_days", mobilization_days, 0.0, DAYS_IN_YEAR, open_high=True)
    n = _checked("market_workers", market_workers, open_low=True)
    l_s = _checked("state_workers", state_workers)
    a = _checked("state_product", state_product, open_low=True)
    theta = _checked("army_work_share", army_work_share, 0.0, 1.0)

    share_mobilised = days / DAYS_IN_YEAR
    seekers = n + d
    offered = (1 - share_mobilised) * seekers
    employed = np.minimum(offered, absorbable_labour(k, a, alpha=alpha, tfp=tfp))
    y_m = tfp * k ** alpha * employed ** (1 - alpha)
    # At the floor the wage is a, however little capital there is (also when K = 0).
    floor_binds = employed < offered
    with np.errstate(divide="ignore", invalid="ignore"):
        mpl = (1 - alpha) * tfp * (k / np.where(employed > 0, employed, 1.0)) ** alpha
    wage = np.where(floor_binds, a, mpl)
    surplus = offered - employed
    campaign = share_mobilised * seekers
    traditional = a * (l_s + surplus + campaign) + theta * a * (force - d)
    return Economy(output=(y_m + traditional)[()], market_output=np.asarray(y_m)[()],
                   traditional_output=np.asarray(traditional)[()], market_wage=wage[()],
                   wage_bill=np.asarray(wage * employed)[()], market_labour=employed[()],
                   surplus_labour=np.asarray(surplus)[()], campaign_labour=np.asarray(campaign)[()])


def release(soldiers_released: ArrayLike, capital: ArrayLike, mobilization_days: ArrayLike = 0.0,
            *, capital_after: ArrayLike | None = None, **settings) -> dict:
    """
    Changes from releasing soldiers, against releasing none at the same settings.

    Parameters
    ----------
    soldiers_released : array_like
        ``D``, million persons.
    capital : array_like
        ``K`` before (and, unless ``capital_after`` is given, after), billion US dollars.
    mobilization_days : array_like, optional
        ``m``, days a year. Default 0.
    capital_after : array_like, optional
        Capital after the release (investment: sanctions relief, engagement).
    **settings
        Other keyword arguments of :func:`economy`.

    Returns
    -------
    dict
        ``d_output`` and ``d_wage_bill`` (billion US dollars a year),
        ``d_wage`` (thousand US dollars per worker-year), and ``before`` and
        ``after`` (:class:`Economy`).

    Raises
    ------
    ValueError
        As :func:`economy`.
    """
    before = economy(0.0, capital, mobilization_days, **settings)
    after = economy(soldiers_released, capital if capital_after is None else capital_after,
                    mobilization_days, **settings)
    return {"d_output": after.output - before.output,
            "d_wage": after.market_wage - before.market_wage,
            "d_wage_bill": after.wage_bill - before.wage_bill,
            "before": before, "after": after}


def capital_to_hold_wage(soldiers_released: ArrayLike, capital: ArrayLike, *,
                         market_workers: ArrayLike = 4.0) -> np.ndarray | float:
    """
    Capital that keeps the market wage unchanged after ``D`` soldiers join: ``K (N + D) / N``.

    The wage depends on capital per worker, so capital must grow in proportion
    to the market workforce (mobilisation days scale both and cancel). Valid
    while the wage is above Lewis's floor.

    Parameters
    ----------
    soldiers_released : array_like
        ``D``, million persons, >= 0.
    capital : array_like
        ``K`` before, billion US dollars, >= 0.
    market_workers : array_like, optional
        ``N``, million, > 0. Default 4.0.

    Returns
    -------
    float or ndarray
        Billion US dollars.

    Raises
    ------
    ValueError
        If an input is out of range.

    Examples
    --------
    >>> float(capital_to_hold_wage(1.0, 10.0, market_workers=2.0))  # 10 * 3 / 2
    15.0
    """
    d = _checked("soldiers_released", soldiers_released)
    k = _checked("capital", capital)
    n = _checked("market_workers", market_workers, open_low=True)
    return (k * (n + d) / n)[()]

r"""
Inequality between groups: Lorenz curves, the Gini coefficient and a growth dividend.

Model for notebook 06, "Songbun, class and regional inequality" (course brief,
essay points 3 and 4). The population is split into ``k`` groups (the songbun
classes; or Pyongyang and the provinces; or the military and party elite and
everyone else). Group ``i`` holds a share ``p_i`` of the population and has a
mean income (or consumption) per person ``y_i``; only these group means are
known, as for North Korea, where no household survey measures income by class.

**Lorenz curve.** Sort the groups from poorest to richest. The curve joins the
points (cumulative population share, cumulative income share), starting at
(0, 0) and ending at (1, 1), with straight segments between them.

**Gini coefficient.** Twice the area between the line of perfect equality and
the Lorenz curve; equivalently the mean absolute difference in income between
two people drawn at random, divided by twice the mean income:

.. math::

    G = 1 - \sum_{i=1}^{k} p_i \,(L_{i-1} + L_i)
      = \frac{1}{2\mu} \sum_{i=1}^{k}\sum_{j=1}^{k} p_i p_j \,|y_i - y_j|,
    \qquad \mu = \sum_i p_i y_i ,

where ``L_i`` is the cumulative income share of the ``i`` poorest groups.

**A grouped Gini is a lower bound.** Treating everyone in a group as having the
group's mean income removes every difference *within* groups, and the Lorenz
curve drawn through the group points with straight segments lies on or above
the true curve, because the true curve is convex between any two of its points
(Gastwirth 1972). So :func:`gini_grouped` is never above the Gini of the
individual incomes behind it (:func:`gini`), with equality only when incomes
are equal inside every group. With three songbun classes, differences inside a
class (a market trader and a farm worker of the same class) are invisible.

**Growth dividend.** Growth adds a dividend equal to a fraction ``g`` of
today's total income, ``g * mu`` per head of population. A share ``a_i`` of it
goes to group ``i`` (the ``a_i`` sum to 1), so that group's income per person
rises by ``g * mu * a_i / p_i``. Two allocations are benchmarks:
*distribution-neutral* growth, ``a_i = p_i y_i / mu`` (every income rises by the
same percentage ``g``; the Gini does not move), and *equal per person*,
``a_i = p_i`` (every person gets the same amount; the Gini falls). Giving the
richest group more than its income share raises the Gini.

Not modelled: inequality within groups (see the lower bound above); income
that no statistic sees (market earnings, bribes, remittances); prices that
differ between Pyongyang and the provinces; how a dividend is produced or
whether an allocation is politically feasible; people moving between groups
(songbun is inherited and rarely changes, per Collins 2012); the size of the
groups, which the published estimates disagree on (``songbun.csv``).

References
----------
.. [1] Lorenz, M. O. (1905). "Methods of measuring the concentration of
   wealth". *Publications of the American Statistical Association* 9(70):
   209-219.
.. [2] Gastwirth, J. L. (1972). "The estimation of the Lorenz curve and Gini
   index". *The Review of Economics and Statistics* 54(3): 306-316. Bounds
   on the Gini index from grouped data.
.. [3] Jorda, V., Sarabia, J. M. and Jäntti, M. (2021). "Inequality
   measurement with grouped data: parametric and non-parametric methods".
   *Journal of the Royal Statistical Society Series A* 184(3): 964-984.
.. [4] Collins, R. (2012). *Marked for Life: Songbun, North Korea's Social
   Classification System*. Committee for Human Rights in North Korea.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["lorenz_curve", "gini_grouped", "gini", "neutral_allocation",
           "per_person_allocation", "share_dividend", "DividendOutcome"]

# Shares that sum to 1 on paper arrive as 0.25 + 0.55 + 0.2 = 0.9999999999999999.
_SUM_TOL = 1e-6


def _vector(name: str, value: ArrayLike, lo: float, hi: float = np.inf) -> np.ndarray:
    # One validator, so every message reads the same: name, offending value, range.
    arr = np.atleast_1d(np.asarray(value, dtype=float))
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be a non-empty list of numbers; got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < lo) | (arr > hi)
    if np.any(bad):
        upper = "inf)" if np.isinf(hi) else f"{hi:g}]"
        raise ValueError(f"{name} must lie in [{lo:g}, {upper}; got {float(arr[bad][0])!r}")
    return arr


def _groups(shares: ArrayLike, incomes: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    p = _vector("shares", shares, 0.0, 1.0)
    y = _vector("incomes", incomes, 0.0)
    if p.shape != y.shape:
        raise ValueError(f"shares and incomes must have the same length; got {p.size} and {y.size}")
    if abs(p.sum() - 1.0) > _SUM_TOL:
        raise ValueError(f"shares must sum to 1 (within {_SUM_TOL:g}); got {p.sum()!r}")
    if float(p @ y) <= 0.0:
        raise ValueError("incomes must not all be 0 where shares are positive; got a mean income of 0")
    return p / p.sum(), y


def lorenz_curve(shares: ArrayLike, incomes: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """
    Points of the Lorenz curve of grouped data.

    Parameters
    ----------
    shares : array_like, shape (k,)
        Population share of each group, each in [0, 1], summing to 1.
    incomes : array_like, shape (k,)
        Mean income (or consumption) per person of each group, >= 0, in any
        one unit (only ratios matter).

    Returns
    -------
    population, income : ndarray, shape (k + 1,)
        Cumulative population share and cumulative income share, groups
        sorted from the lowest to the highest income, starting at (0, 0) and
        ending at (1, 1).

    Raises
    ------
    ValueError
        If a share or income is out of range, the shares do not sum to 1, the
        lengths differ, or the mean income is 0.

    Examples
    --------
    Two halves, one with three times the income of the other:

    >>> pop, inc = lorenz_curve([0.5, 0.5], [3.0, 1.0])
    >>> pop.tolist(), inc.tolist()
    ([0.0, 0.5, 1.0], [0.0, 0.25, 1.0])
    """
    p, y = _groups(shares, incomes)
    order = np.argsort(y, kind="stable")
    p, y = p[order], y[order]
    income = p * y / float(p @ y)
    population = np.concatenate([[0.0], np.cumsum(p)])
    cumulative = np.concatenate([[0.0], np.cumsum(income)])
    population[-1] = cumulative[-1] = 1.0  # exact end point despite rounding
    return population, cumulative


def gini_grouped(shares: ArrayLike, incomes: ArrayLike) -> float:
    """
    Gini coefficient of grouped data, everyone at their group's mean income.

    Twice the area between the diagonal and the Lorenz curve of
    :func:`lorenz_curve` (trapezoids). It is a **lower bound** on the Gini of
    the individual incomes behind the groups: inequality within groups is
    left out (Gastwirth 1972).

    Parameters
    ----------
    shares, incomes : array_like, shape (k,)
        As in :func:`lorenz_curve`.

    Returns
    -------
    float
        In [0, 1 - min share]: 0 when every group has the same income.

    Raises
    ------
    ValueError
        As :func:`lorenz_curve`.

    Examples
    --------
    >>> round(gini_grouped([0.5, 0.5], [3.0, 1.0]), 6)
    0.25
    """
    population, income = lorenz_curve(shares, incomes)
    width = np.diff(population)
    return float(max(0.0, 1.0 - np.sum(width * (income[:-1] + income[1:]))))


def gini(values: ArrayLike) -> float:
    """
    Gini coefficient of individual incomes: mean absolute difference over twice the mean.

    Parameters
    ----------
    values : array_like, shape (n,)
        Incomes of ``n`` people, >= 0, not all 0.

    Returns
    -------
    float
        In [0, 1 - 1/n].

    Raises
    ------
    ValueError
        If a value is negative or not finite, or all are 0.

    Examples
    --------
    >>> round(gini([1.0, 1.0, 3.0, 3.0]), 6)
    0.25
    """
    x = np.sort(_vector("values", values, 0.0))
    n, total = x.size, float(x.sum())
    if total <= 0.0:
        raise ValueError("values must not all be 0; got a total of 0")
    # Sorted form of sum_i sum_j |x_i - x_j| / (2 n^2 mu): O(n log n), not O(n^2).
    ranks = np.arange(1, n + 1)
    return float(np.sum((2 * ranks - n - 1) * x) / (n * total))


def neutral_allocation(shares: ArrayLike, incomes: ArrayLike) -> np.ndarray:
    """
    Dividend shares that raise every group's income by the same percentage.

    Parameters
    ----------
    shares, incomes : array_like, shape (k,)
        As in :func:`lorenz_curve`.

    Returns
    -------
    ndarray, shape (k,)
        ``a_i = p_i y_i / mu``: each group's share of today's total income.
    """
    p, y = _groups(shares, incomes)
    return p * y / float(p @ y)


def per_person_allocation(shares: ArrayLike) -> np.ndarray:
    """
    Dividend shares that give every person the same amount.

    Parameters
    ----------
    shares : array_like, shape (k,)
        Population shares, each in [0, 1], summing to 1.

    Returns
    -------
    ndarray, shape (k,)
        ``a_i = p_i``.
    """
    p = _vector("shares", shares, 0.0, 1.0)
    if abs(p.sum() - 1.0) > _SUM_TOL:
        raise ValueError(f"shares must sum to 1 (within {_SUM_TOL:g}); got {p.sum()!r}")
    return p / p.sum()


class DividendOutcome(NamedTuple):
    """What a growth dividend does, from :func:`share_dividend`.

    Attributes
    ----------
    incomes : ndarray, shape (k,)
        Income per person of each group after the dividend (same unit as the input).
    gain : ndarray, shape (k,)
        Rise in income per person of each group (same unit).
    gain_percent : ndarray, shape (k,)
        ``gain`` as a percentage of the group's income before (``inf`` for a
        group that had 0 and gains; 0 for one that had 0 and gains nothing).
    gini_before, gini_after : float
        Grouped Gini coefficients (lower bounds) before and after.
    poorest : int
        Index of the group with the lowest income before (the first, if tied).
    """

    incomes: np.ndarray
    gain: np.ndarray
    gain_percent: np.ndarray
    gini_before: float
    gini_after: float
    poorest: int


def share_dividend(shares: ArrayLike, incomes: ArrayLike, growth: float,
                   allocation: ArrayLike) -> DividendOutcome:
    """
    Split a growth dividend among groups and measure what it does to inequality.

    The dividend is a fraction ``growth`` of today's total income; group ``i``
    receives a share ``allocation[i]`` of it, so its income per person rises by
    ``growth * mu * allocation[i] / shares[i]``.

    Parameters
    ----------
    shares, incomes : array_like, shape (k,)
        As in :func:`lorenz_curve`.
    growth : float
        Dividend as a fraction of today's total income, in [0, 10] (0.1 = growth of
        10 percent).
    allocation : array_like, shape (k,)
        Share of the dividend going to each group, each in [0, 1], summing to 1.
        A group with a population share of 0 must get 0.

    Returns
    -------
    DividendOutcome
        Incomes after, gains in units and in percent, Gini before and after,
        and the index of the poorest group.

    Raises
    ------
    ValueError
        If an argument is out of range, the allocation does not sum to 1 or has
        another length, or gives a share to an empty group.

    Examples
    --------
    Two halves with incomes 3 and 1 (mean 2); a dividend of 10 percent (0.2 per
    head) all to the poorer half raises its income by 0.2 / 0.5 = 0.4:

    >>> out = share_dividend([0.5, 0.5], [3.0, 1.0], 0.1, [0.0, 1.0])
    >>> out.incomes.tolist(), round(out.gini_after, 6)
    ([3.0, 1.4], 0.181818)
    """
    p, y = _groups(shares, incomes)
    g = float(_vector("growth", growth, 0.0, 10.0)[0])
    a = _vector("allocation", allocation, 0.0, 1.0)
    if a.shape != p.shape:
        raise ValueError(f"allocation must have one share per group ({p.size}); got {a.size}")
    if abs(a.sum() - 1.0) > _SUM_TOL:
        raise ValueError(f"allocation must sum to 1 (within {_SUM_TOL:g}); got {a.sum()!r}")
    if np.any((p == 0) & (a > 0)):
        raise ValueError("allocation gives a share to a group with no people (shares = 0)")
    mean = float(p @ y)
    gain = np.divide(g * mean * a, p, out=np.zeros_like(p), where=p > 0)
    after = y + gain
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = np.where(y > 0, 100.0 * gain / np.where(y > 0, y, 1.0),
                           np.where(gain > 0, np.inf, 0.0))
    return DividendOutcome(after, gain, percent, gini_grouped(p, y), gini_grouped(p, after),
                           int(np.argmin(np.where(p > 0, y, np.inf))))

r"""
Bribery and the wages of officials: efficiency wage or capitulation wage.

Model for notebook 04, "Corruption and the wages of the state" (course brief,
essay point 7). An official (a police officer, border guard or security agent)
is paid a wage ``w`` a month and could earn ``w0`` outside the post (trading in
the market). Each month one bribe ``b`` is on offer. If he takes it he keeps it,
but with probability ``q`` he is caught: he loses the post (falls back to
``w0``) and suffers a penalty ``F``. Taking the bribe pays
``b + (1 - q) w + q (w0 - F)`` against ``w`` for refusing, so he stays honest when

.. math::

    b \le \tau(w) = q\,(w - w_0 + F),

the expected loss from being caught. All amounts are in one unit: the notebook
uses kilograms of rice a month, so wages, bribes and penalties compare directly.

Bribe opportunities differ (a trader's monthly payment, a border crossing, a
release from detention). With ``b`` spread uniformly on ``[0, B]`` the share of
officials who take the bribe on offer is ``1 - tau/B`` (clipped to [0, 1]):

* the **efficiency wage** deters every bribe: ``w* = max(w0, w0 + B/q - F)``;
  it can never be below ``w0``, or no honest person takes the post;
* the **capitulation wage** is the lowest wage at which someone still takes the
  post, counting on the bribes: ``w_c`` solves ``w + E[max(0, b - tau(w))] = w0``
  (floored at 0). Below ``w0`` only those who expect to extort apply.

Relation to Besley and McLaren (1993). Their paper (abstract read; full text
not available to the course) compares three wage regimes for tax inspectors,
the reservation wage, an efficiency wage that deters bribery and a
capitulation wage below the reservation wage at which only dishonest people
become inspectors, and asks which yields the most tax revenue net of wages,
with honest and dishonest types (adverse selection) and costly monitoring
(moral hazard). This module keeps the deterrence condition and the three
wages, and simplifies: one period (no career to lose beyond ``w - w0``), no
innate honest types (everyone takes a bribe that is large enough; a
distribution of bribe sizes takes the place of types), a uniform distribution,
detection and penalty fixed rather than chosen, and no tax revenue: the state
side is only the wage bill, :func:`wage_bill`.

References
----------
.. [1] Besley, Timothy and McLaren, John (1993). "Taxes and Bribery: The Role
   of Wage Incentives". *The Economic Journal* 103(416): 119-141.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["deterrence", "is_honest", "share_corrupt", "efficiency_wage",
           "capitulation_wage", "wage_bill"]


def _checked(name: str, value: ArrayLike, lo: float, hi: float = np.inf, *,
             open_lo: bool = False, open_hi: bool = False) -> np.ndarray:
    # One validator so every message names parameter, value and range alike.
    arr = np.asarray(value, dtype=float)
    below = (arr <= lo) if open_lo else (arr < lo)
    above = (arr >= hi) if open_hi else (arr > hi)
    bad = ~np.isfinite(arr) | below | above
    if np.any(bad):
        first = float(arr[bad].flat[0])
        left = "(" if open_lo else "["
        right = "inf)" if np.isinf(hi) else (f"{hi:g})" if open_hi else f"{hi:g}]")
        raise ValueError(f"{name} must lie in {left}{lo:g}, {right}; got {first!r}")
    return arr


def _common(w0, q, penalty, *, q_open_lo: bool = False):
    return (_checked("w0", w0, 0.0), _checked("q", q, 0.0, 1.0, open_lo=q_open_lo),
            _checked("penalty", penalty, 0.0))


def deterrence(w: ArrayLike, w0: ArrayLike, q: ArrayLike, penalty: ArrayLike) -> np.ndarray | float:
    """
    Largest bribe an official refuses: the expected loss from being caught.

    Parameters
    ----------
    w : array_like
        Official wage, per month, >= 0 (any unit; kg of rice in the notebook).
    w0 : array_like
        Outside option: what the official earns without the post, >= 0.
    q : array_like
        Probability that a bribe taken is detected and punished, in [0, 1].
    penalty : array_like
        Penalty ``F`` on top of losing the post, >= 0, same unit as ``w``.

    Returns
    -------
    float or ndarray
        ``max(0, q (w - w0 + F))``; arguments broadcast together.

    Examples
    --------
    >>> float(deterrence(50.0, 40.0, 0.5, 20.0))
    15.0
    """
    w = _checked("w", w, 0.0)
    w0, q, penalty = _common(w0, q, penalty)
    return np.maximum(0.0, q * (w - w0 + penalty))[()]


def is_honest(b: ArrayLike, w: ArrayLike, w0: ArrayLike, q: ArrayLike,
              penalty: ArrayLike) -> np.ndarray | bool:
    """
    Whether an official refuses a bribe ``b``: ``b <= q (w - w0 + F)``.

    Parameters
    ----------
    b : array_like
        The bribe on offer, >= 0, in the unit of ``w``.
    w, w0, q, penalty : array_like
        As in :func:`deterrence`.

    Returns
    -------
    bool or ndarray of bool
        True where the official stays honest (ties count as honest).
    """
    b = _checked("b", b, 0.0)
    return (b <= deterrence(w, w0, q, penalty))[()]


def share_corrupt(w: ArrayLike, w0: ArrayLike, q: ArrayLike, penalty: ArrayLike,
                  b_max: ArrayLike) -> np.ndarray | float:
    """
    Share of officials who take the bribe on offer, bribes uniform on [0, b_max].

    Parameters
    ----------
    w, w0, q, penalty : array_like
        As in :func:`deterrence`.
    b_max : array_like
        Largest bribe on offer, > 0, in the unit of ``w``: the spread of
        bribe opportunities.

    Returns
    -------
    float or ndarray
        ``1 - tau / b_max`` clipped to [0, 1], where ``tau`` is
        :func:`deterrence`. Falls as the wage, ``q`` or ``F`` rise.

    Examples
    --------
    >>> float(share_corrupt(50.0, 40.0, 0.5, 20.0, 60.0))
    0.75
    """
    b_max = _checked("b_max", b_max, 0.0, open_lo=True)
    tau = deterrence(w, w0, q, penalty)
    return np.clip(1.0 - tau / b_max, 0.0, 1.0)[()]


def efficiency_wage(w0: ArrayLike, q: ArrayLike, penalty: ArrayLike, b_max: ArrayLike, *,
                    target: ArrayLike = 0.0) -> np.ndarray | float:
    """
    Lowest wage that holds the share of corrupt officials to ``target``.

    Parameters
    ----------
    w0, penalty : array_like
        As in :func:`deterrence`.
    q : array_like
        Detection probability, in (0, 1]: with ``q = 0`` no wage deters.
    b_max : array_like
        As in :func:`share_corrupt`.
    target : array_like, optional
        Share of officials allowed to stay corrupt, in [0, 1); 0 (default)
        gives Besley and McLaren's efficiency wage, which deters every bribe.

    Returns
    -------
    float or ndarray
        ``max(w0, w0 + (1 - target) b_max / q - F)``, in the unit of ``w0``.
        Never below ``w0``: at a lower wage an honest official earns less in
        the post than outside, and does not take it.

    Raises
    ------
    ValueError
        If an input is out of range, naming it, its value and the range.

    Examples
    --------
    >>> float(efficiency_wage(40.0, 0.5, 20.0, 60.0))
    140.0
    """
    w0, q, penalty = _common(w0, q, penalty, q_open_lo=True)
    b_max = _checked("b_max", b_max, 0.0, open_lo=True)
    target = _checked("target", target, 0.0, 1.0, open_hi=True)
    return np.maximum(w0, w0 + (1.0 - target) * b_max / q - penalty)[()]


def capitulation_wage(w0: ArrayLike, q: ArrayLike, penalty: ArrayLike,
                      b_max: ArrayLike) -> np.ndarray | float:
    r"""
    Lowest wage at which someone still takes the post, living partly on bribes.

    The post is worth ``w + E[max(0, b - tau(w))]``: the wage plus the expected
    net gain from the bribes worth taking. The capitulation wage sets this
    equal to the outside option ``w0``. With ``x = w - w0``, ``u = x + F`` and
    bribes uniform on [0, B]:

    * if ``F <= B/2`` every bribe is taken at the solution and
      ``x = (qF - B/2) / (1 - q)``;
    * if ``B/2 < F < B/q``, ``u`` solves ``q^2 u^2 + 2B(1-q) u + B^2 - 2BF = 0``
      (the root in [0, B/q]);
    * if ``qF >= B`` the penalty alone deters every bribe, the post holds no
      extortion rent and ``x = 0``.

    The result is floored at 0: if the bribes are worth more than the outside
    option, officials would serve unpaid.

    Parameters
    ----------
    w0, penalty, b_max : array_like
        As in :func:`efficiency_wage`.
    q : array_like
        Detection probability, in (0, 1): with ``q = 1`` every bribe taken is
        caught and the wage that makes the post just acceptable is not unique.

    Returns
    -------
    float or ndarray
        The capitulation wage, in the unit of ``w0``; ``<= w0``.

    Examples
    --------
    >>> float(capitulation_wage(100.0, 0.5, 20.0, 100.0))
    20.0
    """
    w0, q, penalty = _common(w0, q, penalty, q_open_lo=True)
    q = _checked("q", q, 0.0, 1.0, open_lo=True, open_hi=True)
    big = _checked("b_max", b_max, 0.0, open_lo=True)
    w0, q, penalty, big = np.broadcast_arrays(w0, q, penalty, big)
    # Case 1: the penalty is small, every bribe is taken at the solution.
    x_all = (q * penalty - big / 2.0) / (1.0 - q)
    # Case 2: the quadratic's root in the stable form -c / (b' + sqrt(b'^2 - q^2 c)),
    # with b' = B(1-q) and c = B^2 - 2BF <= 0 in this case (no cancellation as q -> 0).
    c = big * big - 2.0 * big * penalty
    b1 = big * (1.0 - q)
    with np.errstate(invalid="ignore", divide="ignore"):
        u = -c / (b1 + np.sqrt(np.maximum(b1 * b1 - q * q * c, 0.0)))
    x_some = u - penalty
    x = np.where(penalty <= big / 2.0, x_all, np.where(q * penalty >= big, 0.0, x_some))
    return np.maximum(0.0, w0 + np.minimum(x, 0.0))[()]


def wage_bill(w: ArrayLike, officials: ArrayLike) -> np.ndarray | float:
    """
    The state's monthly wage bill: wage times the number of officials.

    Parameters
    ----------
    w : array_like
        Wage per official per month, >= 0.
    officials : array_like
        Number of officials, >= 0.

    Returns
    -------
    float or ndarray
        ``w * officials``, in the unit of ``w`` per month (kg of rice: divide
        by 1,000 for tonnes).
    """
    return (_checked("w", w, 0.0) * _checked("officials", officials, 0.0))[()]

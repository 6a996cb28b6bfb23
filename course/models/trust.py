r"""
From security dilemma to trust: the stag hunt, the repeated prisoner's dilemma
and graduated reciprocal steps.

Model for notebook 08, "From security dilemma to trust" (course brief, essay
points 4 and 9). Three pieces, each small enough to work by hand:

**Stag hunt** (Jervis 1978 [1]_). Two sides each choose to cooperate (hunt the
stag together) or to defect (hunt a hare alone). Mutual cooperation pays
``both_cooperate`` (a); cooperating alone pays ``cooperate_alone`` (b, the
sucker's payoff); defecting while the other cooperates pays ``defect_alone``
(c); mutual defection pays ``both_defect`` (d), with a > c and d > b. A side
that believes the other cooperates with probability ``p`` cooperates when
``p a + (1 - p) b >= p c + (1 - p) d``, that is when ``p`` reaches

.. math::

    p^* = \frac{d - b}{(a - c) + (d - b)}.

Trust, in Kydd's sense [2]_, is this belief: cooperation needs ``p >= p*``.

**Repeated prisoner's dilemma** (Axelrod 1984 [3]_). Payoffs ``temptation``
T > ``reward`` R > ``punishment`` P > ``sucker`` S. Both sides play grim trigger
(cooperate until the other defects once, then defect for ever). Future rounds
count with the discount factor ``delta`` per round. Cooperating for ever is
worth ``R / (1 - delta)``; defecting now is worth ``T + delta P / (1 - delta)``;
cooperation is sustainable when the first is at least the second:

.. math::

    \delta \ge \delta^* = \frac{T - R}{T - P}.

**Simulation with noise and graduated steps.** Each round both sides choose a
*level* of cooperation ``x`` in [0, 1] (1 = full cooperation, 0 = defection;
a partial level is a partial step, such as one phase of a package). The round
pays player 1 the bilinear extension of the 2x2 payoffs,

.. math::

    \pi(x, y) = R x y + S x (1 - y) + T (1 - x) y + P (1 - x)(1 - y),

which equals the prisoner's dilemma payoffs when both levels are 0 or 1. The
strategies react to the other side's last *carried-out* level ``y``:

* ``tit_for_tat``: opens with 1, then plays ``y`` (copies the other);
* ``generous_tit_for_tat``: opens with 1, then cooperates fully with
  probability ``y + g (1 - y)``, so it forgives a defection with probability
  ``g`` (``forgiveness``; Nowak and Sigmund 1992 [4]_);
* ``grim_trigger``: opens with 1 and plays 1 until the other has once fallen
  short of full cooperation, then 0 for ever;
* ``always_defect``: plays 0;
* ``graduated_steps`` (Osgood's GRIT [5]_): opens with one ``step`` s and then
  plays ``min(1, y + s)``: it matches what the other did and adds one more
  small step of its own, even when the other did nothing.

An **implementation error** (noise ``epsilon``, [6]_) turns a move into its
opposite with probability ``epsilon`` each round, independently for each side:
a level ``x`` is carried out as ``1 - x``. Pairs are simulated side by side
(vectorised over ``pairs``), with all random numbers drawn up front from
``numpy.random.default_rng(seed)``, so a seed fixes the result.

Long-run cooperation of two *reactive* strategies (those whose next move
depends only on the other's last move: tit-for-tat, generous tit-for-tat,
always defect) has a closed form. After noise, player ``i`` cooperates with
probability ``a_i`` after the other cooperated and ``b_i`` after it defected;
the long-run cooperation rates solve ``c_1 = b_1 + (a_1 - b_1) c_2`` and
``c_2 = b_2 + (a_2 - b_2) c_1``. For two tit-for-tat players with any noise
``0 < epsilon < 1`` this gives 1/2: one error sets off echoes of retaliation
that only another error ends.

Not modelled: more than two sides (the Six-Party Talks had six); payoffs that
change as the sides learn or as weapons programmes grow; uncertainty about
the other side's *type* (Kydd's Bayesian updating, [2]_) beyond what a
belief ``p`` summarises; errors of *perception* (seeing a defection that did
not happen) as distinct from errors of implementation; domestic politics
that change a side's payoffs between rounds; verification, which in practice
decides whether a step can be seen at all.

References
----------
.. [1] Jervis, Robert (1978). "Cooperation under the Security Dilemma".
   *World Politics* 30 (2): 167-214.
.. [2] Kydd, Andrew (2000). "Trust, Reassurance, and Cooperation".
   *International Organization* 54 (2): 325-357.
.. [3] Axelrod, Robert (1984). *The Evolution of Cooperation*. New York:
   Basic Books. Payoffs T = 5, R = 3, P = 1, S = 0.
.. [4] Nowak, Martin A. and Karl Sigmund (1992). Generous tit-for-tat, which
   forgives a defection with a set probability.
.. [5] Osgood, Charles E. (1962). *An Alternative to War or Surrender*.
   University of Illinois Press. Graduated and reciprocated initiatives in
   tension reduction (GRIT).
.. [6] Imhof, Lorens A., Drew Fudenberg and Martin A. Nowak (2007).
   "Tit-for-tat or Win-stay, Lose-shift?". *Journal of Theoretical Biology*
   247 (3): 574-580. Erroneous moves and why tit-for-tat cannot correct them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["Payoffs", "AXELROD", "STRATEGIES", "REACTIVE", "stag_hunt_threshold",
           "critical_discount", "grim_values", "grim_sustainable", "round_payoff",
           "Play", "simulate", "discounted_average", "long_run_cooperation"]


class Payoffs(NamedTuple):
    """Prisoner's dilemma payoffs to one side per round (any unit, T > R > P > S)."""

    temptation: float
    reward: float
    punishment: float
    sucker: float


#: Axelrod's (1984) tournament payoffs: T = 5, R = 3, P = 1, S = 0.
AXELROD = Payoffs(5.0, 3.0, 1.0, 0.0)

#: The strategies :func:`simulate` knows.
STRATEGIES = ("tit_for_tat", "generous_tit_for_tat", "grim_trigger", "always_defect",
              "graduated_steps")
#: Strategies whose next move depends only on the other's last move.
REACTIVE = ("tit_for_tat", "generous_tit_for_tat", "always_defect")


def _checked(name: str, value: ArrayLike, lo: float, hi: float) -> np.ndarray:
    # One validator so every message has the same shape: name, value, range.
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | (arr < lo) | (arr > hi)
    if np.any(bad):
        raise ValueError(f"{name} must lie in [{lo:g}, {hi:g}]; got {float(arr[bad].flat[0])!r}")
    return arr


def _finite(name: str, value: float) -> float:
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {number!r}")
    return number


def _checked_payoffs(payoffs: Payoffs) -> Payoffs:
    t, r, p, s = (_finite(n, v) for n, v in zip(Payoffs._fields, payoffs))
    if not t > r > p > s:
        raise ValueError("payoffs must satisfy temptation > reward > punishment > sucker "
                         f"(a prisoner's dilemma); got T={t:g}, R={r:g}, P={p:g}, S={s:g}")
    return Payoffs(t, r, p, s)


def stag_hunt_threshold(both_cooperate: float, cooperate_alone: float, defect_alone: float,
                        both_defect: float) -> float:
    """
    The belief above which cooperating pays in a stag hunt.

    Parameters
    ----------
    both_cooperate : float
        Payoff a when both cooperate.
    cooperate_alone : float
        Payoff b when one cooperates and the other defects (the sucker's payoff).
    defect_alone : float
        Payoff c when one defects while the other cooperates; must be below a.
    both_defect : float
        Payoff d when both defect; must be above b.

    Returns
    -------
    float
        ``p* = (d - b) / ((a - c) + (d - b))``, a probability in (0, 1): the
        probability that the other side cooperates at which cooperating and
        defecting pay the same.

    Raises
    ------
    ValueError
        If a payoff is not finite, or ``a <= c`` or ``d <= b`` (then the game
        is not a stag hunt), naming the payoffs.

    Examples
    --------
    >>> stag_hunt_threshold(4, 0, 3, 2)   # (2 - 0) / ((4 - 3) + (2 - 0)) = 2/3
    0.6666666666666666
    """
    a, b, c, d = (_finite(n, v) for n, v in (("both_cooperate", both_cooperate),
                                              ("cooperate_alone", cooperate_alone),
                                              ("defect_alone", defect_alone),
                                              ("both_defect", both_defect)))
    if not a > c:
        raise ValueError(f"both_cooperate must exceed defect_alone in a stag hunt; got "
                         f"both_cooperate={a:g}, defect_alone={c:g}")
    if not d > b:
        raise ValueError(f"both_defect must exceed cooperate_alone in a stag hunt; got "
                         f"both_defect={d:g}, cooperate_alone={b:g}")
    return (d - b) / ((a - c) + (d - b))


def critical_discount(temptation: float, reward: float, punishment: float) -> float:
    """
    The lowest discount factor at which grim trigger sustains cooperation.

    Parameters
    ----------
    temptation, reward, punishment : float
        T, R and P of a prisoner's dilemma (per round, any unit), T > R > P.

    Returns
    -------
    float
        ``delta* = (T - R) / (T - P)``, in (0, 1).

    Raises
    ------
    ValueError
        If a payoff is not finite or ``T > R > P`` fails, naming the payoffs.

    Examples
    --------
    >>> critical_discount(5, 3, 1)        # (5 - 3) / (5 - 1)
    0.5
    """
    t, r, p = (_finite(n, v) for n, v in (("temptation", temptation), ("reward", reward),
                                          ("punishment", punishment)))
    if not t > r > p:
        raise ValueError("payoffs must satisfy temptation > reward > punishment; got "
                         f"temptation={t:g}, reward={r:g}, punishment={p:g}")
    return (t - r) / (t - p)


def grim_values(delta: ArrayLike, payoffs: Payoffs = AXELROD) -> tuple[np.ndarray, np.ndarray]:
    """
    Discounted values of cooperating for ever and of defecting now, against grim trigger.

    Parameters
    ----------
    delta : array_like
        Discount factor per round, in [0, 1).
    payoffs : Payoffs
        T > R > P > S.

    Returns
    -------
    (ndarray, ndarray)
        ``R / (1 - delta)`` and ``T + delta P / (1 - delta)``, payoff units,
        shaped like ``delta``.

    Raises
    ------
    ValueError
        If ``delta`` is outside [0, 1) or the payoffs are not a prisoner's dilemma.
    """
    d = _checked("delta", delta, 0.0, 1.0)
    if np.any(d >= 1.0):
        raise ValueError("delta must lie in [0, 1) for finite values; got 1.0")
    t, r, p, _ = _checked_payoffs(payoffs)
    return r / (1 - d), t + d * p / (1 - d)


def grim_sustainable(delta: ArrayLike, payoffs: Payoffs = AXELROD) -> np.ndarray | bool:
    """
    Whether grim trigger sustains cooperation: ``delta >= delta*``.

    Parameters
    ----------
    delta : array_like
        Discount factor per round, in [0, 1].
    payoffs : Payoffs
        T > R > P > S.

    Returns
    -------
    bool or ndarray of bool
    """
    d = _checked("delta", delta, 0.0, 1.0)
    t, r, p, _ = _checked_payoffs(payoffs)
    return (d >= critical_discount(t, r, p))[()]


def round_payoff(own: ArrayLike, other: ArrayLike, payoffs: Payoffs = AXELROD) -> np.ndarray:
    """
    One round's payoff to a side playing level ``own`` against ``other``.

    Parameters
    ----------
    own, other : array_like
        Cooperation levels in [0, 1] (1 = cooperate, 0 = defect), broadcast together.
    payoffs : Payoffs
        T > R > P > S.

    Returns
    -------
    ndarray
        ``R x y + S x (1 - y) + T (1 - x) y + P (1 - x)(1 - y)``, payoff units.

    Examples
    --------
    >>> float(round_payoff(1, 0))          # the sucker's payoff S
    0.0
    >>> float(round_payoff(0.5, 0.5))      # (3 + 0 + 5 + 1) / 4
    2.25
    """
    x = _checked("own", own, 0.0, 1.0)
    y = _checked("other", other, 0.0, 1.0)
    t, r, p, s = _checked_payoffs(payoffs)
    return r * x * y + s * x * (1 - y) + t * (1 - x) * y + p * (1 - x) * (1 - y)


class Play(NamedTuple):
    """The result of :func:`simulate`.

    Attributes
    ----------
    levels : ndarray, shape (rounds, pairs, 2)
        Carried-out cooperation levels of side 1 and side 2 in each round and pair.
    payoffs : ndarray, shape (rounds, pairs, 2)
        Each side's payoff in each round and pair.
    cooperation : ndarray, shape (rounds, 2)
        Mean level over pairs: the cooperation rate of each side by round.
    mean_payoff : ndarray, shape (rounds, 2)
        Mean payoff over pairs, by round.
    """

    levels: np.ndarray
    payoffs: np.ndarray
    cooperation: np.ndarray
    mean_payoff: np.ndarray


def _respond(strategy: str, other_last: np.ndarray, triggered: np.ndarray, u: np.ndarray,
             forgiveness: float, step: float) -> np.ndarray:
    # Intended level of one side, given the other's last carried-out level.
    if strategy == "tit_for_tat":
        return other_last
    if strategy == "generous_tit_for_tat":
        return (u < other_last + forgiveness * (1 - other_last)).astype(float)
    if strategy == "grim_trigger":
        return np.where(triggered, 0.0, 1.0)
    if strategy == "always_defect":
        return np.zeros_like(other_last)
    return np.minimum(1.0, other_last + step)  # graduated_steps


def _opening(strategy: str, pairs: int, step: float) -> np.ndarray:
    level = {"always_defect": 0.0, "graduated_steps": step}.get(strategy, 1.0)
    return np.full(pairs, level)


def simulate(first: str, second: str, rounds: int = 60, pairs: int = 400, noise: float = 0.05,
             forgiveness: float = 0.3, step: float = 0.25, payoffs: Payoffs = AXELROD,
             seed: int = 0) -> Play:
    """
    Play a repeated prisoner's dilemma between two strategies, many pairs at once.

    Parameters
    ----------
    first, second : str
        Strategies of side 1 and side 2, from :data:`STRATEGIES`.
    rounds : int
        Rounds per pair, 1 to 100,000.
    pairs : int
        Independent pairs played side by side, 1 to 1,000,000.
    noise : float
        Probability, per side and round, that a move is carried out as its
        opposite (level ``x`` becomes ``1 - x``), in [0, 1].
    forgiveness : float
        Generous tit-for-tat's probability of cooperating after a defection, in [0, 1].
    step : float
        Size of each unilateral step of ``graduated_steps``, in [0, 1].
    payoffs : Payoffs
        T > R > P > S (default: Axelrod's 5, 3, 1, 0).
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same play.

    Returns
    -------
    Play
        Levels and payoffs of shape (rounds, pairs, 2); cooperation rates and
        mean payoffs by round, shape (rounds, 2).

    Raises
    ------
    ValueError
        If a strategy is unknown or a number is out of range, naming it, its
        value and the range.

    Notes
    -----
    Random numbers are drawn up front, one array for errors and one for
    generous tit-for-tat's forgiveness, of shape (rounds, pairs, 2), whatever
    the strategies: two runs that differ only in a parameter use the same
    draws, so their difference comes from the parameter, not from chance.
    """
    for name, strategy in (("first", first), ("second", second)):
        if strategy not in STRATEGIES:
            raise ValueError(f"{name} must be one of {', '.join(STRATEGIES)}; got {strategy!r}")
    for name, value, hi in (("rounds", rounds, 100_000), ("pairs", pairs, 1_000_000)):
        if isinstance(value, bool) or int(value) != value or not 1 <= value <= hi:
            raise ValueError(f"{name} must be a whole number in [1, {hi:,}]; got {value!r}")
    eps = float(_checked("noise", noise, 0.0, 1.0))
    g = float(_checked("forgiveness", forgiveness, 0.0, 1.0))
    s = float(_checked("step", step, 0.0, 1.0))
    pay = _checked_payoffs(payoffs)
    rounds, pairs = int(rounds), int(pairs)
    rng = np.random.default_rng(seed)
    errors = rng.random((rounds, pairs, 2)) < eps
    choice = rng.random((rounds, pairs, 2))
    levels = np.empty((rounds, pairs, 2))
    strategies = (first, second)
    intended = np.stack([_opening(k, pairs, s) for k in strategies], axis=-1)
    triggered = np.zeros((pairs, 2), dtype=bool)
    for t in range(rounds):
        if t > 0:
            last = levels[t - 1]
            triggered |= last[:, ::-1] < 1.0
            intended = np.stack([_respond(strategies[i], last[:, 1 - i], triggered[:, i],
                                          choice[t, :, i], g, s) for i in range(2)], axis=-1)
        levels[t] = np.where(errors[t], 1.0 - intended, intended)
    x, y = levels[..., 0], levels[..., 1]
    t_, r_, p_, s_ = pay
    one = r_ * x * y + s_ * x * (1 - y) + t_ * (1 - x) * y + p_ * (1 - x) * (1 - y)
    two = r_ * x * y + s_ * y * (1 - x) + t_ * (1 - y) * x + p_ * (1 - x) * (1 - y)
    paid = np.stack([one, two], axis=-1)
    return Play(levels, paid, levels.mean(axis=1), paid.mean(axis=1))


def discounted_average(path: ArrayLike, delta: float) -> np.ndarray:
    """
    Running discount-weighted average of a payoff path, round by round.

    Parameters
    ----------
    path : array_like, shape (rounds, ...)
        Payoff per round (first axis = rounds).
    delta : float
        Discount factor per round, in [0, 1]. 0 counts only the first round,
        1 weighs all rounds equally.

    Returns
    -------
    ndarray, shape like ``path``
        ``sum_{s<=t} delta^s pi_s / sum_{s<=t} delta^s`` at each round ``t``:
        the constant payoff per round worth as much, so far, as the path.

    Examples
    --------
    >>> discounted_average([3, 1, 1], 0.5).tolist()   # 3; (3 + 0.5) / 1.5; (3.5 + 0.25) / 1.75
    [3.0, 2.3333333333333335, 2.142857142857143]
    """
    d = float(_checked("delta", delta, 0.0, 1.0))
    values = np.asarray(path, dtype=float)
    weights = d ** np.arange(values.shape[0], dtype=float)
    weights = weights.reshape((-1,) + (1,) * (values.ndim - 1))
    return np.cumsum(weights * values, axis=0) / np.cumsum(weights, axis=0)


def _after_noise(strategy: str, noise: float, forgiveness: float) -> tuple[float, float]:
    # Probability of cooperating after the other cooperated (a) and defected (b),
    # errors included: an intended C comes out as C with probability 1 - noise.
    intend = {"tit_for_tat": (1.0, 0.0), "generous_tit_for_tat": (1.0, forgiveness),
              "always_defect": (0.0, 0.0)}[strategy]
    return tuple(q * (1 - noise) + (1 - q) * noise for q in intend)


def long_run_cooperation(first: str, second: str, noise: float,
                         forgiveness: float = 0.3) -> tuple[float, float]:
    """
    Long-run cooperation rates of two reactive strategies under noise (closed form).

    Parameters
    ----------
    first, second : str
        Strategies from :data:`REACTIVE` (tit-for-tat, generous tit-for-tat,
        always defect).
    noise : float
        Error probability per move, in (0, 1); at 0 or 1 the long run depends
        on how play starts, so no single value exists.
    forgiveness : float
        Generous tit-for-tat's forgiveness, in [0, 1].

    Returns
    -------
    (float, float)
        Share of rounds in which side 1 and side 2 cooperate in the long run:
        ``c_1 = (b_1 + (a_1 - b_1) b_2) / (1 - (a_1 - b_1)(a_2 - b_2))`` and
        likewise for ``c_2``, with ``a_i``, ``b_i`` each side's probability of
        cooperating after the other cooperated or defected, errors included.

    Raises
    ------
    ValueError
        If a strategy is not reactive or a number is out of range.

    Examples
    --------
    >>> [round(c, 12) for c in long_run_cooperation("tit_for_tat", "tit_for_tat", 0.1)]
    [0.5, 0.5]
    """
    for name, strategy in (("first", first), ("second", second)):
        if strategy not in REACTIVE:
            raise ValueError(f"{name} must be one of {', '.join(REACTIVE)}; got {strategy!r}")
    eps = float(_checked("noise", noise, 0.0, 1.0))
    if eps in (0.0, 1.0):
        raise ValueError(f"noise must lie in (0, 1) for a unique long run; got {eps!r}")
    g = float(_checked("forgiveness", forgiveness, 0.0, 1.0))
    a1, b1 = _after_noise(first, eps, g)
    a2, b2 = _after_noise(second, eps, g)
    k1, k2 = a1 - b1, a2 - b2
    c1 = (b1 + k1 * b2) / (1 - k1 * k2)
    c2 = (b2 + k2 * b1) / (1 - k1 * k2)
    return c1, c2

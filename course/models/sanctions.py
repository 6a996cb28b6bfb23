r"""
Export sanctions with leakage through China, and who bears the loss.

Model for notebook 02, "Sanctions, leakage and diplomacy" (course brief, essay
point 2). A share ``b`` of pre-sanction exports is banned. Of the banned goods a
share ``w`` (China's share of North Korea's exports) goes to or through China;
China stops a share ``e`` of it (enforcement) and the rest still gets out at a
smuggling discount ``d`` (lower prices, brokers' fees, ship-to-ship transfer
costs). Exports relative to the pre-sanction level are

.. math::

    X_1 / X_0 = (1 - b) + b \, w \, (1 - e) \, (1 - d) \, r

Banned goods bound for other partners are assumed lost: China took about 97% of
recorded exports in 2017 (1.72 ``gac2018_via_globaltimes`` over 1.77
``bok2018_via_hankyungtv``; two sources, so approximate), so any other leak is
second order. ``r`` (keyword ``recorded``, default 1) is the share of the leaked
flow that shows up in the trade statistics at hand: 1 gives true exports, 0
gives customs data that miss all smuggling. With ``r = 0`` retention is
``1 - b`` whatever China does, which is why customs data overstate enforcement;
:func:`implied_enforcement` read off customs data is, for that reason alone,
an upper bound on ``e`` (it returns ``1 - r(1 - e) >= e``). Other assumptions
move it either way: a base year already under bans pulls it down, and a banned
share ``b`` that grew between the years (resolution 2397 for 2018) means the
smaller ``b`` overstates it.

The export loss ``X0 - X1`` is split by :func:`burden`: a share ``beta`` falls
on ordinary households, the rest on the elite and the state budget. Lee (2018)
finds that sanctions leave the capital, trade hubs near China and manufacturing
cities relatively brighter at night, at a cost to the hinterland, which suggests
a high ``beta``; the data hold no direct measure of it.

Not modelled: trade diversion to other partners; price effects (world prices are
held fixed; only ``d`` lowers what leaked goods fetch); ship-to-ship transfers,
except as part of ``d``; smuggling itself, which by nature has no data; imports,
the oil caps and the bans on overseas workers (services, not goods; see
``overseas_workers.csv``); aid-based sanctions busting (Early 2015) and
humanitarian aid; dynamics such as stockpiles or lags between a resolution and
its effect on trade.

References
----------
.. [1] Early, Bryan R. (2015). *Busted Sanctions: Explaining Why Economic
   Sanctions Fail*. Stanford University Press. Third-party "sanctions busters"
   undercut sanctions through trade and aid.
.. [2] Lee, Yong Suk (2018). "International isolation and regional inequality:
   Evidence from sanctions on North Korea". *Journal of Urban Economics* 103:
   34-51.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["export_retention", "implied_enforcement", "reachable_range", "burden", "scenario_path"]

# Round-trip slack: (1-b) + b*w*(1-e)*(1-d) can land a few ulps outside the
# reachable interval, and that must not count as "unreachable".
_TOL = 1e-12


def _checked(name: str, value: ArrayLike, lo: float = 0.0, hi: float = 1.0) -> np.ndarray:
    # One validator so every message has the same shape: name, value, range.
    arr = np.asarray(value, dtype=float)
    bad = ~np.isfinite(arr) | (arr < lo) | (arr > hi)
    if np.any(bad):
        first = float(arr[bad].flat[0])  # a plain float reads cleanly in messages
        upper = "inf)" if np.isinf(hi) else f"{hi:g}]"
        raise ValueError(f"{name} must lie in [{lo:g}, {upper}; got {first!r}")
    return arr


def export_retention(
    b: ArrayLike, w: ArrayLike, e: ArrayLike, d: ArrayLike, *, recorded: ArrayLike = 1.0
) -> np.ndarray | float:
    """
    Exports after sanctions as a share of pre-sanction exports, X1/X0.

    Parameters
    ----------
    b : array_like
        Banned share of pre-sanction exports, in [0, 1]. Roughly 0.9 after
        Res. 2375 (Sept 2017): US ambassador Haley said "over 90 per cent" of
        publicly reported exports were banned (PTI, in *Business Standard*,
        12 September 2017; ``events.csv``, source_id ``BS_PTI_HALEY_2017``).
    w : array_like
        China's share of exports, in [0, 1]; 0.93 in 2016 (2.63
        ``kotra2017_via_googlesites`` over 2.82 ``bok2017_via_kpinews``).
    e : array_like
        China's enforcement, in [0, 1]: share of banned goods via China stopped.
    d : array_like
        Smuggling discount: value lost on goods that do leak, in [0, 1].
    recorded : array_like, optional
        Share of the leaked flow visible in the trade data, in [0, 1].

    Returns
    -------
    float or ndarray
        X1/X0, dimensionless, in [1 - b, 1]; arguments broadcast together.

    Examples
    --------
    >>> round(float(export_retention(0.9, 0.9, 0.5, 0.2)), 6)
    0.424
    >>> round(float(export_retention(0.9, 0.9, 0.5, 0.2, recorded=0.0)), 6)
    0.1
    """
    b, w, e, d = (_checked(n, v) for n, v in zip("bwed", (b, w, e, d)))
    r = _checked("recorded", recorded)
    return ((1.0 - b) + b * w * (1.0 - e) * (1.0 - d) * r)[()]


def implied_enforcement(
    retention: ArrayLike,
    b: ArrayLike,
    w: ArrayLike,
    d: ArrayLike,
    *,
    recorded: ArrayLike = 1.0,
    clip: bool = False,
) -> np.ndarray | float:
    """
    Enforcement ``e`` that reproduces an observed retention ratio X1/X0.

    Inverts :func:`export_retention`. Reachable ratios run from ``1 - b``
    (e = 1) to ``1 - b + b*w*(1-d)*recorded`` (e = 0); ``e`` is not identified
    when that interval has zero width (nothing leaks whatever China does).

    Parameters
    ----------
    retention : array_like
        Observed X1/X0, non-negative.
    b, w, d, recorded : array_like
        As in :func:`export_retention`.
    clip : bool, optional
        If False (default) an unreachable or unidentified ratio raises
        ValueError. If True, ratios below the interval give e = 1, above it
        e = 0, and unidentified cells give NaN, so a widget grid never raises.

    Returns
    -------
    float or ndarray
        Enforcement in [0, 1] (or NaN where unidentified and ``clip=True``).

    Raises
    ------
    ValueError
        If an input is out of range, or (``clip=False``) the ratio cannot be
        reached or ``e`` is not identified.

    Examples
    --------
    An illustrative case: 80 percent of exports banned, 90 percent of them
    sold to the enforcing country, a quarter diverted elsewhere, and exports
    down to 30 percent of their level:

    >>> e = implied_enforcement(0.30, 0.8, 0.9, 0.25)
    >>> round(float(e), 3)
    0.815

    With real data, reading recorded exports as true ones pushes ``e`` up
    (smuggling is missing from the records), a base year already hit by bans
    pulls it down, and the result moves with ``b``, which can change between
    the two years. From the 2016 level (2.82, ``bok2017_via_kpinews``) the 2018 fall
    (0.24 USD bn) is deeper than the bans alone allow, so no ``e`` reproduces it:

    >>> implied_enforcement(0.24 / 2.82, 0.9, 0.93, 0.2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: retention 0.0851 is below 1 - b = 0.1, the level with full ...
    """
    x = _checked("retention", retention, 0.0, np.inf)
    b, w, d = (_checked(n, v) for n, v in zip("bwd", (b, w, d)))
    r = _checked("recorded", recorded)
    x, b, w, d, r = np.broadcast_arrays(x, b, w, d, r)
    floor = 1.0 - b
    span = b * w * (1.0 - d) * r
    ceiling = floor + span
    unidentified = span <= _TOL
    below = ~unidentified & (x < floor - _TOL)
    above = ~unidentified & (x > ceiling + _TOL)
    if not clip:
        if np.any(unidentified):
            i = np.flatnonzero(unidentified)[0]
            raise ValueError(
                "e is not identified: b*w*(1-d)*recorded = 0, so retention is "
                f"1 - b = {floor.flat[i]:.3g} whatever China enforces"
            )
        if np.any(below):
            i = np.flatnonzero(below)[0]
            raise ValueError(
                f"retention {x.flat[i]:.3g} is below 1 - b = {floor.flat[i]:.3g}, "
                "the level with full enforcement (e = 1): unbanned exports must "
                "have fallen too, or b is larger"
            )
        if np.any(above):
            i = np.flatnonzero(above)[0]
            raise ValueError(
                f"retention {x.flat[i]:.3g} is above {ceiling.flat[i]:.3g}, the "
                "level with no enforcement (e = 0) for these b, w, d, recorded"
            )
    with np.errstate(divide="ignore", invalid="ignore"):
        e = 1.0 - (x - floor) / span
    e = np.where(unidentified, np.nan, np.clip(e, 0.0, 1.0))
    return e[()]


def reachable_range(
    b: ArrayLike, w: ArrayLike, d: ArrayLike, *, recorded: ArrayLike = 1.0
) -> tuple[np.ndarray | float, np.ndarray | float]:
    """
    Lowest and highest retention X1/X0 the model can produce for given b, w, d.

    The lowest, ``1 - b``, comes with full enforcement (e = 1); the highest,
    ``1 - b + b*w*(1-d)*recorded``, with none (e = 0). An observed ratio outside
    this interval cannot be explained by China's enforcement alone, and
    :func:`implied_enforcement` refuses it (or clips it).

    Parameters
    ----------
    b, w, d, recorded : array_like
        As in :func:`export_retention`.

    Returns
    -------
    floor, ceiling : float or ndarray
        Dimensionless, ``0 <= floor <= ceiling <= 1``.

    Examples
    --------
    >>> lo, hi = reachable_range(0.9, 0.9, 0.2)
    >>> round(float(lo), 6), round(float(hi), 6)
    (0.1, 0.748)
    """
    b, w, d = (_checked(n, v) for n, v in zip("bwd", (b, w, d)))
    r = _checked("recorded", recorded)
    floor = 1.0 - b
    return floor[()], (floor + b * w * (1.0 - d) * r)[()]


def burden(loss: ArrayLike, population_share: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """
    Split an export loss between households and the elite/state budget.

    Parameters
    ----------
    loss : array_like
        Export loss, X0 - X1, non-negative, in any unit (e.g. USD billion).
    population_share : array_like
        Share ``beta`` of the loss borne by ordinary households, in [0, 1]:
        lost wages in mines, fisheries and textile plants, and the state
        passing its revenue gap on. ``1 - beta`` falls on the elite and budget.

    Returns
    -------
    population, elite : ndarray
        The two parts, in the unit of ``loss``; they sum to ``loss``.
        Totals, not per head: divide by group sizes to compare people.

    Examples
    --------
    >>> households, elite = burden(2.0, 0.75)
    >>> float(households), float(elite)
    (1.5, 0.5)
    """
    loss = _checked("loss", loss, 0.0, np.inf)
    beta = _checked("population_share", population_share)
    population = loss * beta
    return population[()], (loss - population)[()]


def _schedule(name: str, sched: Mapping[int, float] | ArrayLike, years: np.ndarray) -> np.ndarray:
    # A mapping is a step schedule (a resolution's measures persist until the
    # next change), 0 before its first year; a sequence gives one value a year.
    if isinstance(sched, Mapping):
        if not sched:
            raise ValueError(f"{name} must not be empty")
        keys = np.array(sorted(sched), dtype=float)
        vals = np.array([sched[k] for k in sorted(sched)], dtype=float)
        idx = np.searchsorted(keys, years, side="right") - 1
        out = np.where(idx >= 0, vals[np.maximum(idx, 0)], 0.0)
    else:
        out = np.asarray(sched, dtype=float)
        if out.shape != years.shape:
            raise ValueError(
                f"{name} must have one value per year ({years.size}); got shape {out.shape}"
            )
    return _checked(name, out)


def scenario_path(
    x0: ArrayLike,
    years: ArrayLike,
    b_by_year: Mapping[int, float] | ArrayLike,
    e_by_year: Mapping[int, float] | ArrayLike,
    w: ArrayLike,
    d: ArrayLike,
    *,
    recorded: ArrayLike = 1.0,
) -> np.ndarray:
    """
    Export path under year-by-year schedules of bans and enforcement.

    Parameters
    ----------
    x0 : array_like
        Counterfactual exports without sanctions (e.g. USD billion): a
        scalar held flat, or one value per year.
    years : array_like
        Strictly increasing years, 1-D.
    b_by_year, e_by_year : mapping or array_like
        ``{year: value}`` step schedules (the value holds until the next key,
        and is 0 before the first key) or one value per year, in [0, 1].
    w, d, recorded : array_like
        As in :func:`export_retention`; a scalar or one value per year.

    Returns
    -------
    ndarray
        Exports each year, in the unit of ``x0``.

    Examples
    --------
    Bans widening in 2016-2017, enforcement easing in 2018, from the 2016
    level of 2.82 (``bok2017_via_kpinews``):

    >>> path = scenario_path(2.82, [2016, 2017, 2018], {2016: 0.3, 2017: 0.9},
    ...                      {2016: 0.9, 2018: 0.5}, w=0.93, d=0.2)
    >>> [round(float(v), 3) for v in path]
    [2.037, 0.471, 1.226]
    """
    years = np.asarray(years, dtype=float)
    if years.ndim != 1 or years.size == 0 or np.any(np.diff(years) <= 0):
        raise ValueError(f"years must be non-empty, 1-D and strictly increasing; got {years}")
    x0 = _checked("x0", x0, 0.0, np.inf)
    b = _schedule("b_by_year", b_by_year, years)
    e = _schedule("e_by_year", e_by_year, years)
    return np.asarray(x0 * export_retention(b, w, e, d, recorded=recorded), dtype=float)

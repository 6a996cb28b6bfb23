"""Measuring an economy that publishes almost nothing: growth, levels, spreads.

North Korea has released no comprehensive national accounts for decades, so
every figure in this course is someone's estimate. The functions here turn
those estimates into the quantities the course compares: the change in the
level of output implied by a run of growth rates, and how far sources or
releases disagree.

References
----------
Bank of Korea, annual "Gross Domestic Product Estimates for North Korea"
(method: physical quantities from intelligence sources valued at South
Korean prices and value added ratios).
Haggard, S. and Noland, M. (2007). *Famine in North Korea*, ch. 2, on the
data problem.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike


def cumulative_change(growth_pct: ArrayLike, axis: int = -1) -> np.ndarray:
    """Percent change in a level after a run of annual growth rates.

    .. math:: 100\\,\\Big(\\prod_t (1 + g_t/100) - 1\\Big)

    Parameters
    ----------
    growth_pct : array_like
        Annual growth rates in percent (e.g. ``[1.3, 1.1]``). Rates at or
        below -100 are impossible for a level and raise ``ValueError``.
    axis : int
        Axis along which the years run.

    Returns
    -------
    numpy.ndarray
        The change in percent (a 0-d array for a 1-d input).

    Examples
    --------
    Two years of 10 % growth raise the level by 21 %, not 20 %:

    >>> float(cumulative_change([10, 10]))
    21.000000000000014
    """
    g = np.asarray(growth_pct, dtype=float)
    if np.any(g <= -100):
        raise ValueError("growth rates must be above -100 percent; got "
                         f"{g[g <= -100].tolist()}")
    return 100.0 * (np.prod(1.0 + g / 100.0, axis=axis) - 1.0)


def average_growth(growth_pct: ArrayLike, axis: int = -1) -> np.ndarray:
    """Compound (geometric) average annual growth rate, in percent."""
    g = np.asarray(growth_pct, dtype=float)
    n = g.shape[axis]
    level = 1.0 + cumulative_change(g, axis=axis) / 100.0
    return 100.0 * (level ** (1.0 / n) - 1.0)


def spread(values: ArrayLike, axis: int = -1) -> np.ndarray:
    """Largest minus smallest estimate (ignoring missing ones), in the values' unit.

    Returns NaN where fewer than two estimates exist: one number has no spread.
    """
    v = np.asarray(values, dtype=float)
    count = np.sum(~np.isnan(v), axis=axis)
    with np.errstate(invalid="ignore"), _quiet_all_nan():
        result = np.nanmax(v, axis=axis) - np.nanmin(v, axis=axis)
    return np.where(count >= 2, result, np.nan)


def relative_spread(values: ArrayLike, axis: int = -1) -> np.ndarray:
    """Spread as a percent of the median estimate (for levels such as trade or prices)."""
    v = np.asarray(values, dtype=float)
    with _quiet_all_nan():
        median = np.nanmedian(v, axis=axis)
    return 100.0 * spread(v, axis=axis) / np.abs(median)


def level_error_band(sd_pct: float, years: ArrayLike, persistent: bool) -> np.ndarray:
    """Standard deviation of the error in a level built from noisy growth rates.

    If each year's growth estimate is off by an error with standard deviation
    ``sd_pct`` percentage points, the implied level after ``T`` years is off by
    about ``sd_pct * sqrt(T)`` percent when the errors are independent, and by
    ``sd_pct * T`` when the same bias repeats every year (a method error).
    (First-order approximation, accurate for errors of a few points.)

    Parameters
    ----------
    sd_pct : float
        Error of one year's growth estimate, percentage points (0 to 10).
    years : array_like
        Numbers of years, ``T >= 0``.
    persistent : bool
        Whether the error repeats (bias) rather than being independent.
    """
    if not 0 <= sd_pct <= 10:
        raise ValueError(f"sd_pct must be in [0, 10] percentage points; got {sd_pct}")
    t = np.asarray(years, dtype=float)
    if np.any(t < 0):
        raise ValueError("years must be non-negative")
    return sd_pct * (t if persistent else np.sqrt(t))


class _quiet_all_nan:
    # NumPy warns on all-NaN slices; here that case is expected and returns NaN.
    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        self._catch.__exit__(*exc)


__all__ = ["cumulative_change", "average_growth", "spread", "relative_spread", "level_error_band"]

"""Measurement arithmetic, against values worked out by hand."""

import numpy as np
import pytest

from course.models import measurement as m


def test_cumulative_change_hand_computed():
    # 1.013 * 1.011 * 1.010 * 0.989 * 1.039 = 1.0629034 (BOK first releases 2012-16).
    assert m.cumulative_change([1.3, 1.1, 1.0, -1.1, 3.9]) == pytest.approx(6.29034, abs=1e-4)
    assert m.cumulative_change([10, 10]) == pytest.approx(21.0)
    assert m.cumulative_change([50, -50]) == pytest.approx(-25.0)


def test_cumulative_change_limits_and_axis():
    assert m.cumulative_change([0, 0, 0]) == 0.0
    assert m.cumulative_change([]) == 0.0  # no years, no change
    rows = np.array([[10, 10], [0, 0]])
    assert m.cumulative_change(rows, axis=1) == pytest.approx([21.0, 0.0])
    with pytest.raises(ValueError, match="above -100"):
        m.cumulative_change([5, -100])


def test_average_growth_inverts_compounding():
    assert m.average_growth([10, 10]) == pytest.approx(10.0)
    # (1.21 * 1.0)^(1/2) - 1 = 0.1 exactly: 21 % over two years is 10 % a year.
    assert m.average_growth([21, 0]) == pytest.approx(10.0)


def test_spread_and_relative_spread():
    assert m.spread([5.51, 5.82, 6.05]) == pytest.approx(0.54)
    assert m.relative_spread([5.51, 5.82, 6.05]) == pytest.approx(100 * 0.54 / 5.82)
    assert np.isnan(m.spread([3.0, np.nan]))  # one estimate has no spread
    assert m.spread([[1, 2, np.nan], [np.nan, np.nan, np.nan]], axis=1)[0] == 1


def test_level_error_band_limits():
    assert m.level_error_band(1.0, [0, 1, 4, 9], persistent=False) == pytest.approx([0, 1, 2, 3])
    assert m.level_error_band(1.0, [0, 1, 4, 9], persistent=True) == pytest.approx([0, 1, 4, 9])
    assert m.level_error_band(0.0, [10], persistent=True) == pytest.approx([0])
    with pytest.raises(ValueError, match="sd_pct"):
        m.level_error_band(11, [1], persistent=False)
    with pytest.raises(ValueError, match="non-negative"):
        m.level_error_band(1, [-1], persistent=False)

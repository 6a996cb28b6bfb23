"""Tests for course.models.sanctions; expected values are worked out by hand."""

import doctest
import re

import numpy as np
import pytest

from course.models import sanctions
from course.models.sanctions import (
    burden,
    export_retention,
    implied_enforcement,
    reachable_range,
    scenario_path,
)


# --- export_retention -------------------------------------------------------


@pytest.mark.parametrize(
    "b, w, e, d, recorded, expected",
    [
        (0.9, 0.9, 0.5, 0.2, 1.0, 0.424),  # 0.1 + 0.9*0.9*0.5*0.8
        (0.4, 0.5, 0.0, 0.0, 1.0, 0.8),  # 0.6 + 0.4*0.5
        (0.5, 0.8, 0.25, 0.5, 0.5, 0.575),  # 0.5 + 0.5*0.8*0.75*0.5*0.5
    ],
)
def test_retention_hand_points(b, w, e, d, recorded, expected):
    assert export_retention(b, w, e, d, recorded=recorded) == pytest.approx(expected)


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(b=0.0, w=0.7, e=0.3, d=0.4), 1.0),  # nothing banned
        (dict(b=0.6, w=0.7, e=1.0, d=0.4), 0.4),  # full enforcement: 1 - b
        (dict(b=0.6, w=0.0, e=0.3, d=0.4), 0.4),  # no China route: 1 - b
        (dict(b=0.6, w=0.7, e=0.3, d=1.0), 0.4),  # leak worth nothing: 1 - b
        (dict(b=0.6, w=1.0, e=0.0, d=0.0), 1.0),  # everything leaks at full price
        (dict(b=0.6, w=0.7, e=0.3, d=0.4, recorded=0.0), 0.4),  # customs see no leak
    ],
)
def test_retention_limit_cases(kwargs, expected):
    assert export_retention(**kwargs) == pytest.approx(expected)


def test_retention_monotone():
    grid = np.linspace(0.0, 1.0, 11)
    assert np.all(np.diff(export_retention(grid, 0.9, 0.5, 0.2)) < 0)  # falls in b
    assert np.all(np.diff(export_retention(0.9, 0.9, grid, 0.2)) < 0)  # falls in e
    assert np.all(np.diff(export_retention(0.9, grid, 0.5, 0.2)) > 0)  # rises in w
    assert np.all(np.diff(export_retention(0.9, 0.9, 0.5, grid)) < 0)  # falls in d
    # Weakly in b at the corner where the ban costs nothing (w=1, e=0, d=0).
    assert np.allclose(export_retention(grid, 1.0, 0.0, 0.0), 1.0)


def test_retention_broadcasts_and_keeps_scalars_scalar():
    b = np.array([[0.2], [0.5], [0.9]])
    e = np.array([0.0, 0.25, 0.5, 1.0])
    out = export_retention(b, 0.9, e, 0.2)
    assert isinstance(out, np.ndarray) and out.shape == (3, 4)
    # Cell (2, 2) is the 0.424 hand point; cell (0, 3) is 1 - 0.2.
    assert out[2, 2] == pytest.approx(0.424)
    assert out[0, 3] == pytest.approx(0.8)
    assert isinstance(export_retention(0.9, 0.9, 0.5, 0.2), float)


@pytest.mark.parametrize("name", ["b", "w", "e", "d", "recorded"])
@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_retention_rejects_out_of_range(name, bad):
    kwargs = dict(b=0.5, w=0.5, e=0.5, d=0.5, recorded=1.0)
    kwargs[name] = bad
    pattern = rf"^{name} must lie in \[0, 1\]; got {re.escape(repr(bad))}$"
    with pytest.raises(ValueError, match=pattern):
        export_retention(**kwargs)


def test_retention_error_names_the_bad_array_element():
    with pytest.raises(ValueError, match=r"^e must lie in \[0, 1\]; got 1.3$"):
        export_retention(0.5, 0.5, [0.2, 1.3, 0.4], 0.5)


# --- implied_enforcement ----------------------------------------------------


@pytest.mark.parametrize(
    "retention, b, w, d, expected",
    [
        (0.424, 0.9, 0.9, 0.2, 0.5),  # inverse of the first hand point
        (0.8, 0.4, 0.5, 0.0, 0.0),  # top of the interval: no enforcement
        (0.6, 0.4, 0.5, 0.0, 1.0),  # bottom of the interval: full enforcement
    ],
)
def test_implied_enforcement_hand_points(retention, b, w, d, expected):
    assert implied_enforcement(retention, b, w, d) == pytest.approx(expected)


def test_implied_enforcement_2017_to_2018():
    # trade_total.csv exports 1.77 (2017) -> 0.24 (2018); China share 1.72/1.77.
    # e = 1 - (0.24/1.77 - 0.1) / (0.9 * 0.8 * 1.72/1.77)
    #   = 1 - (0.24 - 0.177) / (0.72 * 1.72) = 1 - 0.063 / 1.2384 = 0.94913
    e = implied_enforcement(0.24 / 1.77, 0.9, 1.72 / 1.77, 0.2)
    assert e == pytest.approx(1 - 0.063 / 1.2384)
    assert e == pytest.approx(0.94913, abs=1e-5)


@pytest.mark.parametrize("recorded", [1.0, 0.5])
def test_implied_enforcement_inverts_retention_on_a_grid(recorded):
    b, w, e, d = np.meshgrid(
        np.linspace(0.05, 1.0, 5),
        np.linspace(0.05, 1.0, 5),
        np.linspace(0.0, 1.0, 6),
        np.linspace(0.0, 0.95, 5),
        indexing="ij",
    )
    x = export_retention(b, w, e, d, recorded=recorded)
    back = implied_enforcement(x, b, w, d, recorded=recorded)
    assert back.shape == e.shape
    assert back == pytest.approx(e, abs=1e-9)


def test_implied_enforcement_below_floor_raises():
    # 2016 -> 2018: 0.24 / 2.82 = 0.085 < 1 - b = 0.1.
    with pytest.raises(ValueError, match=r"below 1 - b = 0\.1"):
        implied_enforcement(0.24 / 2.82, 0.9, 0.93, 0.2)


def test_implied_enforcement_above_ceiling_raises():
    # Ceiling = 0.1 + 0.9*0.9*0.8 = 0.748.
    with pytest.raises(ValueError, match=r"above 0\.748"):
        implied_enforcement(0.9, 0.9, 0.9, 0.2)


@pytest.mark.parametrize(
    "b, w, d, recorded",
    [(0.0, 0.9, 0.2, 1.0), (0.9, 0.0, 0.2, 1.0), (0.9, 0.9, 1.0, 1.0), (0.9, 0.9, 0.2, 0.0)],
)
def test_implied_enforcement_unidentified(b, w, d, recorded):
    with pytest.raises(ValueError, match="not identified"):
        implied_enforcement(1.0 - b, b, w, d, recorded=recorded)
    assert np.isnan(implied_enforcement(1.0 - b, b, w, d, recorded=recorded, clip=True))


def test_implied_enforcement_clip():
    # Floor 0.1, ceiling 0.748 for b=0.9, w=0.9, d=0.2.
    out = implied_enforcement([0.05, 0.424, 0.99], 0.9, 0.9, 0.2, clip=True)
    assert out == pytest.approx([1.0, 0.5, 0.0])


def test_implied_enforcement_rejects_bad_inputs():
    with pytest.raises(ValueError, match=r"^retention must lie in \[0, inf\); got -0.2$"):
        implied_enforcement(-0.2, 0.9, 0.9, 0.2)
    with pytest.raises(ValueError, match=r"^w must lie in \[0, 1\]; got 1.1$"):
        implied_enforcement(0.5, 0.9, 1.1, 0.2)


# --- reachable_range --------------------------------------------------------


def test_reachable_range_hand_points_and_corners():
    # 0.1 + 0.9*0.9*0.8 = 0.748; with half recorded 0.1 + 0.324 = 0.424.
    assert reachable_range(0.9, 0.9, 0.2) == pytest.approx((0.1, 0.748))
    assert reachable_range(0.9, 0.9, 0.2, recorded=0.5) == pytest.approx((0.1, 0.424))
    assert reachable_range(0.0, 0.9, 0.2) == pytest.approx((1.0, 1.0))  # nothing banned
    assert reachable_range(0.9, 0.9, 1.0) == pytest.approx((0.1, 0.1))  # leaks worth nothing


def test_reachable_range_matches_retention_at_e_0_and_1():
    b, w, d = np.meshgrid(np.linspace(0, 1, 5), np.linspace(0, 1, 5), np.linspace(0, 1, 5))
    lo, hi = reachable_range(b, w, d, recorded=0.7)
    assert lo == pytest.approx(export_retention(b, w, 1.0, d, recorded=0.7))
    assert hi == pytest.approx(export_retention(b, w, 0.0, d, recorded=0.7))


def test_reachable_range_rejects_bad_inputs():
    with pytest.raises(ValueError, match=r"^d must lie in \[0, 1\]; got 1.5$"):
        reachable_range(0.5, 0.5, 1.5)


# --- burden -----------------------------------------------------------------


def test_burden_hand_split_and_corners():
    assert burden(2.0, 0.75) == pytest.approx((1.5, 0.5))
    assert burden(2.0, 0.0) == pytest.approx((0.0, 2.0))  # all on the elite
    assert burden(2.0, 1.0) == pytest.approx((2.0, 0.0))  # all on households


def test_burden_parts_sum_to_loss_vectorised():
    loss = np.array([[0.0, 1.1], [2.58, 0.37]])
    beta = np.array([0.1, 0.9])
    population, elite = burden(loss, beta)
    assert population.shape == elite.shape == (2, 2)
    assert population + elite == pytest.approx(loss)
    assert population[1] == pytest.approx([0.258, 0.333])


def test_burden_rejects_bad_inputs():
    with pytest.raises(ValueError, match=r"^population_share must lie in \[0, 1\]; got 1.2$"):
        burden(1.0, 1.2)
    with pytest.raises(ValueError, match=r"^loss must lie in \[0, inf\); got -1.0$"):
        burden(-1.0, 0.5)


# --- scenario_path ----------------------------------------------------------


def test_scenario_path_step_schedules():
    path = scenario_path(
        2.8,
        [2015, 2016, 2017, 2018, 2019],
        {2016: 0.3, 2017: 0.9},  # b = 0 in 2015, before the first key
        {2016: 0.9, 2018: 0.5},  # enforcement eases in 2018 and stays eased
        w=0.9,
        d=0.2,
    )
    # 2016: 2.8*(0.7 + 0.3*0.9*0.1*0.8) = 2.8*0.7216; 2017: 2.8*(0.1 + 0.0648);
    # 2018-19: 2.8*0.424.
    assert path == pytest.approx([2.8, 2.02048, 0.46144, 1.1872, 1.1872])


def test_scenario_path_sequences_and_per_year_baseline():
    path = scenario_path([1.0, 2.0], [2017, 2018], [0.5, 1.0], [0.0, 1.0], w=1.0, d=0.0)
    assert path == pytest.approx([1.0, 0.0])
    # Customs view: nothing leaked is recorded, so exports are x0 * (1 - b).
    seen = scenario_path(2.0, [2017, 2018], [0.5, 0.9], [0.0, 0.0], 0.9, 0.2, recorded=0.0)
    assert seen == pytest.approx([1.0, 0.2])


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        (dict(years=[2018, 2017]), "years must be"),
        (dict(b_by_year=[0.5]), r"b_by_year must have one value per year \(2\)"),
        (dict(e_by_year={2017: 1.4}), r"^e_by_year must lie in \[0, 1\]; got 1.4$"),
        (dict(b_by_year={}), "b_by_year must not be empty"),
        (dict(x0=-1.0), r"^x0 must lie in \[0, inf\); got -1.0$"),
    ],
)
def test_scenario_path_rejects_bad_inputs(kwargs, pattern):
    args = dict(x0=1.0, years=[2017, 2018], b_by_year=[0.5, 0.9], e_by_year=[0.5, 0.5])
    args.update(kwargs)
    with pytest.raises(ValueError, match=pattern):
        scenario_path(**args, w=0.9, d=0.2)


# --- docs -------------------------------------------------------------------


def test_docstring_examples_run():
    result = doctest.testmod(sanctions, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

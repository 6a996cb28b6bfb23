"""Tests for course.models.corruption; expected values are worked out by hand."""

import doctest
import re

import numpy as np
import pytest

from course.models import corruption
from course.models.corruption import (
    capitulation_wage,
    deterrence,
    efficiency_wage,
    is_honest,
    share_corrupt,
    wage_bill,
)

# --- deterrence and the honesty condition -------------------------------------------


@pytest.mark.parametrize(
    "w, w0, q, F, expected",
    [
        (50.0, 40.0, 0.5, 20.0, 15.0),  # 0.5 * (50 - 40 + 20) = 0.5 * 30
        (2.0, 40.0, 0.2, 60.0, 4.4),  # 0.2 * (2 - 40 + 60) = 0.2 * 22
        (2.0, 40.0, 0.2, 10.0, 0.0),  # 0.2 * (2 - 40 + 10) = -5.6 -> nothing deters
        (100.0, 100.0, 0.25, 0.0, 0.0),  # no rent, no penalty: every bribe is taken
        (80.0, 40.0, 1.0, 0.0, 40.0),  # caught for sure: the rent w - w0 = 40
    ],
)
def test_deterrence_hand_points(w, w0, q, F, expected):
    assert deterrence(w, w0, q, F) == pytest.approx(expected)


def test_honest_exactly_at_the_threshold_and_not_above():
    # Threshold 15 (first hand point): 15 refused, 15.01 taken.
    assert is_honest(15.0, 50.0, 40.0, 0.5, 20.0)
    assert not is_honest(15.01, 50.0, 40.0, 0.5, 20.0)
    assert is_honest(0.0, 0.0, 40.0, 0.0, 0.0)  # a zero bribe is never worth it


def test_no_detection_means_no_deterrence_whatever_the_wage():
    assert deterrence(1e6, 40.0, 0.0, 1e6) == 0.0
    assert share_corrupt(1e6, 40.0, 0.0, 1e6, 10.0) == 1.0


# --- share corrupt ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "w, w0, q, F, B, expected",
    [
        (50.0, 40.0, 0.5, 20.0, 60.0, 0.75),  # 1 - 15/60
        (2.0, 40.0, 0.2, 60.0, 100.0, 0.956),  # 1 - 4.4/100
        (2.0, 40.0, 0.2, 10.0, 100.0, 1.0),  # threshold 0: all corrupt
        (200.0, 40.0, 0.5, 20.0, 60.0, 0.0),  # 0.5 * 180 = 90 >= 60: none corrupt
    ],
)
def test_share_corrupt_hand_points(w, w0, q, F, B, expected):
    assert share_corrupt(w, w0, q, F, B) == pytest.approx(expected)


def test_share_corrupt_falls_in_wage_detection_and_penalty_and_rises_in_spread():
    wages = np.linspace(0.0, 300.0, 31)
    share = share_corrupt(wages, 40.0, 0.3, 20.0, 120.0)
    assert np.all(np.diff(share) <= 0) and share[0] > share[-1]
    qs = np.linspace(0.0, 1.0, 11)
    assert np.all(np.diff(share_corrupt(60.0, 40.0, qs, 20.0, 120.0)) <= 0)
    fines = np.linspace(0.0, 300.0, 11)
    assert np.all(np.diff(share_corrupt(60.0, 40.0, 0.3, fines, 120.0)) <= 0)
    spreads = np.linspace(1.0, 500.0, 11)
    assert np.all(np.diff(share_corrupt(60.0, 40.0, 0.3, 20.0, spreads)) >= 0)


def test_share_corrupt_is_linear_between_its_kinks():
    # Slope in w is -q/B = -0.3/120 = -0.0025 per unit of wage wherever 0 < share < 1.
    a, b = share_corrupt(np.array([100.0, 140.0]), 40.0, 0.3, 20.0, 120.0)
    assert (b - a) / 40.0 == pytest.approx(-0.0025)


# --- efficiency wage -------------------------------------------------------------------


@pytest.mark.parametrize(
    "w0, q, F, B, target, expected",
    [
        (40.0, 0.5, 20.0, 60.0, 0.0, 140.0),  # 40 + 60/0.5 - 20
        (40.0, 0.2, 60.0, 100.0, 0.0, 480.0),  # 40 + 100/0.2 - 60 = 40 + 500 - 60
        (40.0, 0.2, 60.0, 100.0, 0.5, 230.0),  # 40 + 0.5 * 500 - 60
        (40.0, 0.5, 200.0, 60.0, 0.0, 40.0),  # 40 + 120 - 200 < 40: floor at w0
    ],
)
def test_efficiency_wage_hand_points(w0, q, F, B, target, expected):
    assert efficiency_wage(w0, q, F, B, target=target) == pytest.approx(expected)


def test_efficiency_wage_is_the_first_wage_with_the_target_share():
    # Identity: share_corrupt(efficiency_wage(target)) == target when above the floor.
    for target in (0.0, 0.1, 0.5, 0.9):
        w = efficiency_wage(40.0, 0.25, 30.0, 200.0, target=target)
        assert share_corrupt(w, 40.0, 0.25, 30.0, 200.0) == pytest.approx(target)
        assert share_corrupt(w - 1.0, 40.0, 0.25, 30.0, 200.0) > target


def test_efficiency_wage_limits():
    # Near-certain detection with a penalty at least the largest bribe: w0 suffices.
    assert efficiency_wage(40.0, 1.0, 100.0, 100.0) == pytest.approx(40.0)
    # Detection 100 times rarer: 100 times the spread to make up (40 + 100/0.01 - 0).
    assert efficiency_wage(40.0, 0.01, 0.0, 100.0) == pytest.approx(10040.0)


# --- capitulation wage -----------------------------------------------------------------


def test_capitulation_wage_small_penalty_case():
    # F = 20 <= B/2 = 50: x = (qF - B/2)/(1 - q) = (10 - 50)/0.5 = -80, so 100 - 80 = 20.
    assert capitulation_wage(100.0, 0.5, 20.0, 100.0) == pytest.approx(20.0)
    # Check the definition by hand: tau = 0.5 * (20 - 100 + 20) = -30 < 0, every bribe
    # is taken, E[b - tau] = 50 + 30 = 80, and 20 + 80 = 100 = w0.


def test_capitulation_wage_middle_case():
    # F = 60 > B/2 = 50 and qF = 30 < B = 100: u solves 0.25 u^2 + 100 u - 2000 = 0,
    # u = (-100 + sqrt(10000 + 2000)) / 0.5 = (-100 + 109.5445) / 0.5 = 19.0890,
    # x = u - F = -40.9110, so w_c = 100 - 40.9110 = 59.0890.
    assert capitulation_wage(100.0, 0.5, 60.0, 100.0) == pytest.approx(59.0890, abs=1e-4)


def test_capitulation_wage_is_w0_when_the_penalty_alone_deters():
    # qF = 0.5 * 300 = 150 >= B = 100: no bribe is worth taking even at w = w0.
    assert capitulation_wage(100.0, 0.5, 300.0, 100.0) == pytest.approx(100.0)


def test_capitulation_wage_floors_at_zero():
    # F = 0, q = 0.5, B = 400: x = (0 - 200)/0.5 = -400 < -w0 = -100: officials serve unpaid.
    assert capitulation_wage(100.0, 0.5, 0.0, 400.0) == 0.0


def test_capitulation_wage_makes_the_post_worth_the_outside_option():
    # Identity on a grid: w_c + E[max(0, b - tau(w_c))] = w0 wherever w_c > 0,
    # with the expectation taken numerically over a fine uniform grid of bribes.
    w0, big = 150.0, 120.0
    bribes = (np.arange(200_000) + 0.5) / 200_000 * big
    for q in (0.05, 0.3, 0.7, 0.95):
        for fine in (0.0, 30.0, 70.0, 119.0, 200.0):
            w = float(capitulation_wage(w0, q, fine, big))
            tau = q * (w - w0 + fine)
            value = w + np.maximum(0.0, bribes - tau).mean()
            if w > 0:
                assert value == pytest.approx(w0, abs=1e-3), (q, fine)
            else:  # floored: the post is worth more than w0 even unpaid
                assert value >= w0, (q, fine)


def test_capitulation_wage_is_continuous_across_its_cases():
    fines = np.linspace(0.0, 400.0, 4001)
    wages = capitulation_wage(300.0, 0.4, fines, 100.0)
    assert np.max(np.abs(np.diff(wages))) < 0.2
    assert np.all(wages <= 300.0) and np.all(np.diff(wages) >= -1e-9)


def test_capitulation_below_efficiency():
    for q in (0.1, 0.5, 0.9):
        for fine in (0.0, 50.0, 500.0):
            assert capitulation_wage(40.0, q, fine, 100.0) <= efficiency_wage(40.0, q, fine, 100.0)


# --- wage bill, shapes and errors ------------------------------------------------------


def test_wage_bill():
    assert wage_bill(480.0, 1000) == pytest.approx(480_000.0)  # 480 kg * 1,000 = 480 t


def test_broadcasts_and_keeps_scalars_scalar():
    out = share_corrupt(np.array([[0.0], [100.0]]), 40.0, np.array([0.2, 0.5]), 60.0, 100.0)
    assert out.shape == (2, 2)
    # Cell (1, 1): 1 - 0.5 * (100 - 40 + 60) / 100 = 1 - 0.6 = 0.4.
    assert out[1, 1] == pytest.approx(0.4)
    assert isinstance(share_corrupt(2.0, 40.0, 0.2, 60.0, 100.0), float)
    assert isinstance(capitulation_wage(100.0, 0.5, 20.0, 100.0), float)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: deterrence(-1.0, 40.0, 0.5, 0.0), r"^w must lie in \[0, inf\); got -1.0$"),
        (lambda: deterrence(1.0, 40.0, 1.5, 0.0), r"^q must lie in \[0, 1\]; got 1.5$"),
        (lambda: deterrence(1.0, float("nan"), 0.5, 0.0), r"^w0 must lie in \[0, inf\); got nan$"),
        (lambda: deterrence(1.0, 40.0, 0.5, -3.0), r"^penalty must lie in \[0, inf\); got -3.0$"),
        (lambda: is_honest(-2.0, 1.0, 40.0, 0.5, 0.0), r"^b must lie in \[0, inf\); got -2.0$"),
        (lambda: share_corrupt(1.0, 40.0, 0.5, 0.0, 0.0), r"^b_max must lie in \(0, inf\); got 0.0$"),
        (lambda: efficiency_wage(40.0, 0.0, 0.0, 10.0), r"^q must lie in \(0, 1\]; got 0.0$"),
        (lambda: efficiency_wage(40.0, 0.5, 0.0, 10.0, target=1.0),
         r"^target must lie in \[0, 1\); got 1.0$"),
        (lambda: capitulation_wage(40.0, 1.0, 0.0, 10.0), r"^q must lie in \(0, 1\); got 1.0$"),
        (lambda: wage_bill(10.0, -5), r"^officials must lie in \[0, inf\); got -5.0$"),
    ],
)
def test_bad_input_names_parameter_value_and_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_error_names_the_bad_array_element():
    with pytest.raises(ValueError, match=re.escape("q must lie in [0, 1]; got 1.2")):
        share_corrupt(1.0, 40.0, [0.2, 1.2, 0.4], 0.0, 10.0)


def test_docstring_examples():
    failures, _ = doctest.testmod(corruption, optionflags=doctest.ELLIPSIS)
    assert failures == 0

"""Tests for course.models.growth: Solow growth with a military share.

Expected values are worked by hand in the comments, not pasted from the module's output.
The reference economy is alpha = 0.5, s = 0.2, delta = 0.05, n = 0, A = 1, where
k* = (0.2 (1 - m) / 0.05)**2 = 16 (1 - m)**2 and y* = 4 (1 - m).
"""

import math
import re

import numpy as np
import pytest

from course.models import growth

BASE = dict(alpha=0.5, s=0.2, delta=0.05)

# A NumPy warning would print into a student's notebook: treat it as a failure.
pytestmark = pytest.mark.filterwarnings("error::RuntimeWarning")


def test_steady_state_hand_computed_point():
    # k* = (0.2 * 0.75 / 0.05)**2 = 3**2 = 9; y* = 9**0.5 = 3;
    # c* = 0.8 * 0.75 * 3 = 1.8; g* = 0.25 * 3 = 0.75; i* = 0.2 * 0.75 * 3 = 0.45.
    ss = growth.steady_state(m=0.25, **BASE)
    assert ss.k == pytest.approx(9.0)
    assert ss.y == pytest.approx(3.0)
    assert ss.c == pytest.approx(1.8)
    assert ss.g == pytest.approx(0.75)
    assert ss.i == pytest.approx(0.45)


def test_m_zero_is_textbook_solow():
    # alpha = 1/3, s = 0.3, delta = 0.1: k* = 3**1.5 = sqrt(27), y* = sqrt(3), c* = 0.7 sqrt(3).
    ss = growth.steady_state(alpha=1 / 3, s=0.3, m=0.0, delta=0.1)
    assert ss.k == pytest.approx(math.sqrt(27))
    assert ss.y == pytest.approx(math.sqrt(3))
    assert ss.c == pytest.approx(0.7 * math.sqrt(3))
    assert ss.g == 0.0


def test_labour_growth_and_productivity_enter_as_in_closed_form():
    # n = 0.05: k* = (0.2 / 0.1)**2 = 4, y* = 2.  A = 2: k* = (0.4 / 0.05)**2 = 64, y* = 2 * 8.
    assert growth.steady_state(m=0.0, n=0.05, **BASE).y == pytest.approx(2.0)
    ss = growth.steady_state(m=0.0, A=2.0, **BASE)
    assert (ss.k, ss.y) == (pytest.approx(64.0), pytest.approx(16.0))


def test_extreme_military_share_is_finite():
    # m = 0.99: k* = (0.2 * 0.01 / 0.05)**2 = 0.0016, y* = 0.04,
    # c* = 0.8 * 0.01 * 0.04 = 0.00032, g* = 0.99 * 0.04 = 0.0396.
    ss = growth.steady_state(m=0.99, **BASE)
    assert ss.k == pytest.approx(0.0016)
    assert ss.y == pytest.approx(0.04)
    assert ss.c == pytest.approx(0.00032)
    assert ss.g == pytest.approx(0.0396)


def test_steady_state_broadcasts_over_m():
    # y* = 4 (1 - m) on the reference economy.
    ss = growth.steady_state(m=np.array([0.0, 0.5, 0.75]), **BASE)
    np.testing.assert_allclose(ss.y, [4.0, 2.0, 1.0])


def test_first_step_of_path_by_hand():
    # k1 = 0.95 * 4 + 0.2 * 0.75 * 4**0.5 = 3.8 + 0.3 = 4.1; with n = 0.05, 4.1 / 1.05 = 82 / 21
    # (the approximation 4.1 - n * 4 = 3.9 would be wrong).
    assert growth.transition_path(4.0, m=0.25, periods=1, **BASE).k[1] == pytest.approx(4.1)
    path = growth.transition_path(4.0, m=0.25, periods=1, n=0.05, **BASE)
    assert path.k[1] == pytest.approx(82 / 21)


def test_path_accounting_identity_holds_every_year():
    path = growth.transition_path(1.0, m=np.array([0.0, 0.25, 0.9]), periods=40, **BASE)
    assert path.k.shape == (41, 3)
    np.testing.assert_allclose(path.c + path.g + path.i, path.y, rtol=1e-12)


def test_path_converges_to_steady_state_from_both_sides():
    # Near k* = 9 the map's slope is 0.95 + 0.5 * 0.15 / 3 = 0.975, so 1000 years shrink
    # the gap by 0.975**1000 ~ 1e-11.
    for k0 in (0.5, 30.0):
        path = growth.transition_path(k0, m=0.25, periods=1000, **BASE)
        assert path.k[-1] == pytest.approx(9.0, rel=1e-8)
        assert path.c[-1] == pytest.approx(1.8, rel=1e-8)
        # Monotone approach: the Solow map is increasing, so the path never overshoots.
        assert np.all(np.diff(path.k) > 0) if k0 < 9 else np.all(np.diff(path.k) < 0)
    # With n = 0.05: k* = (0.15 / 0.1)**2 = 2.25.
    path = growth.transition_path(9.0, m=0.25, periods=1000, n=0.05, **BASE)
    assert path.k[-1] == pytest.approx(2.25, rel=1e-8)


def test_steady_state_is_a_fixed_point_and_zero_periods_returns_start():
    path = growth.transition_path(9.0, m=0.25, periods=5, **BASE)
    np.testing.assert_allclose(path.k, 9.0)
    assert growth.transition_path(2.0, m=0.25, periods=0, **BASE).k.tolist() == [2.0]


def test_frontier_hand_points_and_shape():
    # m = 0, 0.25, 0.5, 0.75: y* = 4, 3, 2, 1; g* = 0, 0.75, 1, 0.75; c* = 3.2, 1.8, 0.8, 0.2.
    fr = growth.frontier(m_grid=[0.0, 0.25, 0.5, 0.75], **BASE)
    np.testing.assert_allclose(fr.g, [0.0, 0.75, 1.0, 0.75])
    np.testing.assert_allclose(fr.c, [3.2, 1.8, 0.8, 0.2])
    # Not linear: butter lost per gun rises, -1.4 / 0.75 then -1 / 0.25.
    slopes = np.diff(fr.c) / np.diff(fr.g)
    assert slopes[0] == pytest.approx(-1.4 / 0.75)
    assert slopes[1] == pytest.approx(-4.0)


def test_frontier_efficient_up_to_one_minus_alpha_then_bends_back():
    alpha = 0.35
    m = np.linspace(0.0, 0.99, 991)
    fr = growth.frontier(alpha=alpha, s=0.25, delta=0.06, m_grid=m)
    assert np.all(np.diff(fr.c) < 0)  # butter always falls with m
    rising = m[1:] <= 1 - alpha
    assert np.all(np.diff(fr.g)[rising] > 0)  # more guns, less butter
    assert np.all(np.diff(fr.g)[~rising] < 0)  # past 1 - alpha: fewer guns too
    assert m[np.argmax(fr.g)] == pytest.approx(1 - alpha, abs=1e-3)


def test_security_is_effectiveness_weighted_sum():
    assert growth.security(1.0, 2.0, effectiveness=3.0) == pytest.approx(7.0)
    assert growth.security(1.0, 2.0) == pytest.approx(3.0)


@pytest.mark.parametrize("theta, alpha, expected", [(0.5, 1 / 3, 2 / 9), (1.0, 0.5, 0.25),
                                                    (0.0, 0.4, 0.0)])
def test_optimum_closed_form_by_hand(theta, alpha, expected):
    # m* = theta (1 - alpha) / (1 + theta): 0.5 * (2/3) / 1.5 = 2/9; 1 * 0.5 / 2 = 0.25; 0.
    choice = growth.regime_optimum(theta, alpha=alpha, s=0.2, delta=0.05)
    assert choice.m == pytest.approx(expected, abs=1e-15)


def test_optimum_values_at_the_optimum_by_hand():
    # theta = 1 on the reference economy: m* = 0.25, so c = 1.8, g = 0.75 (first test).
    # All spending nuclear with effectiveness 3: S = 2.25, W = ln 1.8 + ln 2.25.
    choice = growth.regime_optimum(1.0, nuclear_share=1.0, effectiveness=3.0, **BASE)
    assert choice.m == pytest.approx(0.25)
    assert (choice.c, choice.g) == (pytest.approx(1.8), pytest.approx(0.75))
    assert choice.security == pytest.approx(2.25)
    assert choice.welfare == pytest.approx(math.log(1.8) + math.log(2.25))


@pytest.mark.parametrize("theta, alpha, s, delta, n, A, nu, e", [
    (0.3, 0.35, 0.25, 0.06, 0.0, 1.0, 0.0, 1.0),
    (2.0, 0.3, 0.1, 0.08, 0.01, 2.5, 0.4, 4.0),
    (0.05, 0.45, 0.35, 0.04, -0.01, 0.7, 1.0, 0.5),
])
def test_closed_form_optimum_matches_brute_force(theta, alpha, s, delta, n, A, nu, e):
    m = np.linspace(1e-6, 1 - 1e-6, 200_001)
    W = growth.regime_welfare(m, theta, alpha, s, delta, n, A, nu, e)
    choice = growth.regime_optimum(theta, alpha, s, delta, n, A, nu, e)
    assert m[np.argmax(W)] == pytest.approx(choice.m, abs=1e-5)
    assert W.max() <= choice.welfare + 1e-12


def test_effectiveness_moves_security_not_the_optimal_share():
    conventional = growth.regime_optimum(0.4, **BASE)
    nuclear = growth.regime_optimum(0.4, nuclear_share=1.0, effectiveness=5.0, **BASE)
    assert nuclear.m == pytest.approx(conventional.m)
    assert nuclear.security == pytest.approx(5.0 * conventional.security)


def test_regime_ignoring_security_spends_nothing():
    m = np.array([0.0, 0.1, 0.5])
    W = growth.regime_welfare(m, 0.0, **BASE)
    # theta = 0: W = ln c* = ln(3.2 (1 - m)**2), finite at m = 0 and highest there.
    np.testing.assert_allclose(W, np.log(3.2 * (1 - m) ** 2))
    assert np.isneginf(growth.regime_welfare(0.0, 0.5, **BASE))


def test_implied_theta_inverts_the_optimum():
    # m = 0.25 with alpha = 0.5: theta = 0.25 / (0.5 - 0.25) = 1.
    assert growth.implied_theta(0.25, 0.5) == pytest.approx(1.0)
    thetas = np.array([0.1, 1.0, 7.0])
    m = growth.regime_optimum(thetas, alpha=0.35, s=0.2, delta=0.05).m
    np.testing.assert_allclose(growth.implied_theta(m, 0.35), thetas)
    with pytest.raises(ValueError, match=re.escape("got m=0.5 with alpha=0.5")):
        growth.implied_theta(0.5, 0.5)
    # 2/3 and 1 - 1/3 differ only in the last bit: at the bound, not a theta of 6e15.
    with pytest.raises(ValueError, match="1 - alpha"):
        growth.implied_theta(2 / 3, 1 / 3)


def test_nuclear_deterrent_buys_same_security_with_smaller_share():
    # Security phi * 4 m (1 - m) on the reference economy.  Target 0.75 with phi = 1:
    # m^2 - m + 0.1875 = 0 -> m = 0.25.  With phi = 3: m = (1 - sqrt(0.75)) / 2.
    # Target 1.5 exceeds the conventional maximum (1, at m = 0.5); with phi = 3,
    # m = (1 - sqrt(0.5)) / 2.
    conv = growth.share_for_security([0.0, 0.75, 1.5], **BASE)
    nuc = growth.share_for_security([0.0, 0.75, 1.5], nuclear_share=1.0, effectiveness=3.0,
                                    **BASE)
    assert conv[0] == pytest.approx(0.0, abs=1e-12)
    assert conv[1] == pytest.approx(0.25, abs=1e-12)
    assert np.isnan(conv[2])
    assert nuc[1] == pytest.approx((1 - math.sqrt(0.75)) / 2, abs=1e-12)
    assert nuc[2] == pytest.approx((1 - math.sqrt(0.5)) / 2, abs=1e-12)


def test_equal_security_share_by_hand():
    # alpha = 1/2 (b = 1): phi x (1 - x) = m (1 - m).  m = 0.25, e = 2, all nuclear:
    # x (1 - x) = 0.1875 / 2 = 0.09375 -> x = (1 - sqrt(1 - 0.375)) / 2 = 0.1047152924.
    assert growth.equal_security_share(0.25, 0.5, 2.0) == pytest.approx(
        (1 - math.sqrt(0.625)) / 2, rel=1e-12)
    # Half the budget on the deterrent: phi = 0.5 + 0.5 * 3 = 2, the same answer.
    assert growth.equal_security_share(0.25, 0.5, 3.0, nuclear_share=0.5) == pytest.approx(
        (1 - math.sqrt(0.625)) / 2, rel=1e-12)


def test_equal_security_share_limits_and_identity():
    m = np.array([0.0, 0.1, 0.23, 0.4])
    # e = 1 or no deterrent spending: nothing changes.  m = 0: nothing to replace.
    np.testing.assert_allclose(growth.equal_security_share(m, 1 / 3, 1.0), m, atol=1e-15)
    np.testing.assert_allclose(growth.equal_security_share(m, 1 / 3, 4.0, 0.0), m, atol=1e-15)
    x = growth.equal_security_share(m, 1 / 3, np.array([[2.0], [5.0]]))
    assert x.shape == (2, 4) and x[:, 0].tolist() == [0.0, 0.0]
    # Identity: phi x (1 - x)**b equals m (1 - m)**b with b = 1/2; a better deterrent
    # needs a smaller share.
    np.testing.assert_allclose(np.array([[2.0], [5.0]]) * x * np.sqrt(1 - x),
                               np.broadcast_to(m * np.sqrt(1 - m), (2, 4)), rtol=1e-12)
    assert np.all(x[:, 1:] < m[1:])
    # At the top of the frontier with phi = 1 the answer is the top itself.
    assert growth.equal_security_share(2 / 3, 1 / 3, 1.0) == pytest.approx(2 / 3, rel=1e-6)


def test_equal_security_share_matches_bisection_whatever_the_economy():
    # The scale of the economy cancels: same answer for any s, delta, A.
    for s, delta, A in [(0.2, 0.05, 1.0), (0.35, 0.08, 3.0), (0.05, 0.1, 0.5)]:
        target = growth.steady_state(1 / 3, s, 0.3, delta, A=A).g
        bisect = growth.share_for_security(target, 1 / 3, s, delta, A=A, nuclear_share=1.0,
                                           effectiveness=2.5)
        assert growth.equal_security_share(0.3, 1 / 3, 2.5) == pytest.approx(bisect, rel=1e-9)


ECONOMY = dict(alpha=0.5, s=0.2, m=0.25, delta=0.05)


@pytest.mark.parametrize("bad, message", [
    (dict(m=1.2), "m must be in [0, 1); got 1.2"),
    (dict(m=-0.1), "m must be in [0, 1); got -0.1"),
    (dict(m=[0.1, 1.0]), "m must be in [0, 1); got 1"),
    (dict(m=float("nan")), "m must be in [0, 1); got nan"),
    (dict(alpha=0.0), "alpha must be in (0, 1); got 0"),
    (dict(alpha=1.0), "alpha must be in (0, 1); got 1"),
    (dict(s=1.0), "s must be in [0, 1); got 1"),
    (dict(s=-0.2), "s must be in [0, 1); got -0.2"),
    (dict(delta=0.0), "delta must be in (0, 1]; got 0"),
    (dict(delta=1.5), "delta must be in (0, 1]; got 1.5"),
    (dict(n=-0.06), "n must be greater than -delta (delta + n > 0 for a steady state); "
                    "got n=-0.06 with delta=0.05"),
    (dict(A=0.0), "A must be in (0, inf); got 0"),
])
def test_steady_state_rejects_bad_parameters(bad, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        growth.steady_state(**{**ECONOMY, **bad})


@pytest.mark.parametrize("call, message", [
    (lambda: growth.transition_path(0.0, periods=5, **ECONOMY), "k0 must be in (0, inf); got 0"),
    (lambda: growth.transition_path(1.0, periods=-1, **ECONOMY),
     "periods must be an integer >= 0; got -1"),
    (lambda: growth.transition_path(1.0, periods=2.5, **ECONOMY),
     "periods must be an integer >= 0; got 2.5"),
    (lambda: growth.security(1.0, 1.0, effectiveness=0.0), "effectiveness must be in (0, inf); got 0"),
    (lambda: growth.security(-1.0, 1.0), "g_conventional must be in [0, inf); got -1"),
    (lambda: growth.regime_optimum(-1.0, **BASE), "theta must be in [0, inf); got -1"),
    (lambda: growth.regime_optimum(1.0, nuclear_share=1.5, **BASE),
     "nuclear_share must be in [0, 1]; got 1.5"),
    (lambda: growth.regime_welfare(0.2, 1.0, alpha=0.5, s=0.0, delta=0.05),
     "s must be in (0, 1); got 0"),
    (lambda: growth.share_for_security(-1.0, **BASE), "target must be in [0, inf); got -1"),
    (lambda: growth.frontier(m_grid=[0.5, 1.0], **BASE), "m must be in [0, 1); got 1"),
    (lambda: growth.equal_security_share(0.6, 0.5, 2.0),
     "m must be in [0, 1 - alpha] (the efficient part of the frontier); got m=0.6 with alpha=0.5"),
    (lambda: growth.equal_security_share(0.2, 0.5, 0.5), "effectiveness must be in [1, inf); got 0.5"),
])
def test_other_functions_reject_bad_parameters(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()

"""The linkage model (notebook 09): closed forms by hand, limits, an empty deal set, symmetry."""

import numpy as np
import pytest

from course.models import linkage

BASE = {"theta": 0.0, "weight": 0.0, "credibility": 1.0, "fallback_regime": 0.0,
        "fallback_other": 0.0}


def test_payoffs_by_hand():
    # d = 0.5, h = 0.2, r = 0.6, theta = 0.5, w = 0.5, kappa = 0.8:
    # u_N = 0.8 * 0.6 - 0.25 - 0.5 * 0.2 = 0.48 - 0.25 - 0.10 = 0.13;
    # u_U = 0.8 * (0.5 + 0.5 * 0.2) - 0.36 = 0.8 * 0.6 - 0.36 = 0.12.
    u_n, u_u = linkage.payoffs(0.5, 0.2, 0.6, theta=0.5, weight=0.5, credibility=0.8)
    assert float(u_n) == pytest.approx(0.13) and float(u_u) == pytest.approx(0.12)


@pytest.mark.parametrize("kappa, f, share", [(1.0, 0.0, 0.5), (0.8, 0.1, 0.4), (0.6, 0.05, 0.3)])
def test_nuclear_only_solution_matches_the_closed_form(kappa, f, share):
    # Symmetric problem: d = r = kappa / 2, each payoff kappa^2 / 4 (for kappa = 0.8: 0.16).
    deal = linkage.nash_deal(0.0, 0.0, kappa, f, f, linked=False)
    assert deal.exists
    assert deal.d == pytest.approx(share, abs=1e-4) and deal.r == pytest.approx(share, abs=1e-4)
    assert deal.h == 0.0
    assert deal.payoff_regime == pytest.approx(kappa**2 / 4, abs=1e-6)
    assert deal.payoff_other == pytest.approx(kappa**2 / 4, abs=1e-6)
    assert linkage.symmetric_closed_form(kappa, f) == pytest.approx(tuple(deal), abs=1e-4)


def test_a_deal_exists_exactly_when_credibility_beats_twice_the_root_of_the_fallback():
    # f = 0.16: kappa* = 2 * 0.4 = 0.8. Just below, no deal; just above, a small one.
    assert not linkage.nash_deal(0.0, 0.0, 0.79, 0.16, 0.16, linked=False).exists
    assert linkage.nash_deal(0.0, 0.0, 0.81, 0.16, 0.16, linked=False).exists
    assert not linkage.symmetric_closed_form(0.79, 0.16).exists
    assert linkage.symmetric_closed_form(0.81, 0.16).exists


def test_no_credibility_no_deal():
    # kappa = 0: promises are worth nothing, each side only pays: gains -d^2 and -r^2.
    for linked in (False, True):
        deal = linkage.nash_deal(-1.0, 1.0, 0.0, 0.0, 0.0, linked=linked)
        assert not deal.exists
        assert (deal.d, deal.h, deal.r) == (0.0, 0.0, 0.0)


def test_costly_liberalization_empties_the_linked_deal_set():
    # theta = kappa = 0.8: linked relief is worth (0.8 - 0.8) r = 0 to the regime, so its gain
    # is -d^2 - 0.05 < 0 everywhere. The nuclear-only set is not empty (0.8^2 / 4 = 0.16 > 0.05).
    params = {**BASE, "theta": 0.8, "weight": 0.5, "credibility": 0.8,
              "fallback_regime": 0.05, "fallback_other": 0.05}
    assert linkage.deal_set_share(linked=True, **params) == 0.0
    assert not linkage.nash_deal(**params, linked=True).exists
    deal = linkage.nash_deal(**params, linked=False)
    assert deal.exists and deal.payoff_regime == pytest.approx(0.16, abs=1e-6)
    # A failed negotiation leaves each side its fallback.
    assert linkage.nash_deal(**params, linked=True)[4:] == (0.05, 0.05)


def test_when_liberalization_is_a_benefit_linkage_widens_the_deal_set():
    # theta <= 0 and w >= 0: at every (d, r) both gains with h = r are at least those with h = 0.
    params = {**BASE, "theta": -0.3, "weight": 0.4, "credibility": 0.7,
              "fallback_regime": 0.05, "fallback_other": 0.05}
    linked = linkage.deal_set(linked=True, **params)
    alone = linkage.deal_set(linked=False, **params)
    assert np.all(linked[alone]) and linked.sum() > alone.sum()


def test_linkage_without_stakes_changes_nothing():
    # theta = 0, w = 0: liberalization costs and pays nothing, so h = r leaves d, r unchanged.
    params = {**BASE, "credibility": 0.9, "fallback_regime": 0.1, "fallback_other": 0.02}
    linked = linkage.nash_deal(**params, linked=True)
    alone = linkage.nash_deal(**params, linked=False)
    assert linked.d == pytest.approx(alone.d, abs=1e-6) and linked.r == pytest.approx(alone.r, abs=1e-6)
    assert linked.h == pytest.approx(linked.r)


def test_swapping_the_fallbacks_swaps_the_concessions():
    # Nuclear only, the problem is symmetric in (d, N) <-> (r, U).
    one = linkage.nash_deal(0.0, 0.0, 0.9, 0.12, 0.0, linked=False)
    two = linkage.nash_deal(0.0, 0.0, 0.9, 0.0, 0.12, linked=False)
    assert one.d == pytest.approx(two.r, abs=1e-5) and one.r == pytest.approx(two.d, abs=1e-5)
    assert one.payoff_regime == pytest.approx(two.payoff_other, abs=1e-6)
    # The side with the better fallback gives less: the regime (f_N = 0.12) denuclearizes less.
    assert one.d < one.r


def test_solution_satisfies_the_first_order_conditions():
    # Interior optimum of log(g_N) + log(g_U): d-derivative gives kappa g_N = 2 d g_U;
    # r-derivative (linked, h = r) gives (kappa - theta) g_U = (2 r - kappa w) g_N.
    theta, w, kappa, f_n, f_u = 0.2, 0.5, 0.9, 0.05, 0.03
    deal = linkage.nash_deal(theta, w, kappa, f_n, f_u)
    g_n, g_u = deal.payoff_regime - f_n, deal.payoff_other - f_u
    assert 0 < deal.d < 1 and 0 < deal.r < 1
    assert kappa * g_n == pytest.approx(2 * deal.d * g_u, abs=1e-4)
    assert (kappa - theta) * g_u == pytest.approx((2 * deal.r - kappa * w) * g_n, abs=1e-4)


def test_solution_beats_every_grid_deal():
    params = {"theta": -0.4, "weight": 0.8, "credibility": 0.6, "fallback_regime": 0.1,
              "fallback_other": 0.0}
    deal = linkage.nash_deal(**params)
    axis = np.linspace(0, 1, 101)
    g_n, g_u = linkage.gains(axis[None, :], axis[:, None], linked=True, **params)
    best = np.max(np.where((g_n >= 0) & (g_u >= 0), g_n * g_u, -np.inf))
    assert (deal.payoff_regime - 0.1) * deal.payoff_other >= best - 1e-12


def test_deal_set_orientation_rows_are_relief():
    # Regime accepts only if kappa r >= d^2 + f_N: with kappa = 1, f = 0, the corner
    # (d = 1, r = 0) is refused by the regime and (d = 0, r = 1) by side U.
    grid = linkage.deal_set(linked=False, **BASE, grid=3)
    assert grid[0, 0] and not grid[0, 2] and not grid[2, 0] and grid[1, 1]


@pytest.mark.parametrize("bad", [{"credibility": 1.5}, {"theta": float("nan")},
                                 {"fallback_other": -0.1}, {"weight": 2.0}])
def test_out_of_range_parameters_are_refused_with_their_name(bad):
    name = next(iter(bad))
    with pytest.raises(ValueError, match=name):
        linkage.nash_deal(**{**BASE, **bad})


@pytest.mark.parametrize("linked", [False, True])
def test_deal_bounds_agree_with_the_grid(linked):
    # The closed-form range of d at each r must contain exactly the grid's accepted points.
    params = {"theta": -0.2, "weight": 0.6, "credibility": 0.7, "fallback_regime": 0.04,
              "fallback_other": 0.02}
    grid = linkage.deal_set(linked=linked, grid=101, **params)
    axis = np.linspace(0, 1, 101)
    low, high = linkage.deal_bounds(axis, linked=linked, **params)
    inside = (axis[None, :] >= low[:, None] - 1e-12) & (axis[None, :] <= high[:, None] + 1e-12)
    assert np.array_equal(inside, grid)


def test_deal_bounds_are_empty_without_credibility():
    # kappa = 0, f_U = 0.1: the other side gains -r^2 - 0.1 < 0 whatever d is.
    low, high = linkage.deal_bounds([0.0, 0.5, 1.0], linked=True, theta=0.0, weight=1.0,
                                    credibility=0.0, fallback_regime=0.0, fallback_other=0.1)
    assert np.all(low > high)

"""Tests for course.models.markets; expected values are worked out by hand.

The hand-worked market throughout: D(q) = 10 - q, MC(q) = 1 + 0.5 q, so
Q* = (10 - 1) / (1 + 0.5) = 6, p* = 10 - 6 = 4 and the largest total surplus
is (10 - 1) * 6 / 2 = 27 (consumers 1 * 36 / 2 = 18, producers 0.5 * 36 / 2 = 9).
"""

import doctest
import itertools
import re

import pytest

from course.models import markets
from course.models.markets import (
    LinearMarket,
    compare,
    deadweight_loss,
    dual_track,
    liberalized,
    plan_only,
    plan_rent,
)

M = LinearMarket(a=10, b=1, c=1, d=0.5)


def test_docstring_examples():
    failures, _ = doctest.testmod(markets)
    assert failures == 0


def test_liberalized_point():
    assert M.q_star == pytest.approx(6.0)
    assert M.p_star == pytest.approx(4.0)
    assert M.max_surplus == pytest.approx(27.0)


# --- hand-computed points ------------------------------------------------------------


def test_plan_only_by_hand():
    out = plan_only(M, quota=4, plan_price=2)
    # Shadow price D(4) = 6; rent (6 - 2) * 4 = 16.
    assert out.price == pytest.approx(6.0)
    assert out.plan_rent == pytest.approx(16.0)
    # Users: integral of (10 - q - 2) over [0, 4] = 8*4 - 16/2 = 24.
    assert out.consumer_surplus == pytest.approx(24.0)
    # Suppliers: integral of (2 - 1 - 0.5 q) over [0, 4] = 4 - 0.25*16 = 0.
    assert out.producer_surplus == pytest.approx(0.0)
    # Triangle (b + d)(Q* - q)^2 / 2 = 1.5 * 4 / 2 = 3, and 27 - 24 = 3.
    assert out.deadweight_loss == pytest.approx(3.0)
    assert out.market_quantity == 0.0 and out.quantity == 4.0


def test_dual_track_enforced_by_hand():
    out = dual_track(M, quota=4, plan_price=2, enforcement=1.0)
    # Market: q_m = (10 - 1 - 1*4 - 0.5*4) / 1.5 = 3 / 1.5 = 2; p_m = 10 - (4 + 2) = 4.
    assert out.market_quantity == pytest.approx(2.0)
    assert out.price == pytest.approx(4.0)
    # Plan users and suppliers keep exactly their plan-only surplus (24 and 0).
    assert out.plan_users == pytest.approx(24.0)
    assert out.plan_suppliers == pytest.approx(0.0)
    # New buyers: integral of (10 - q - 4) over [4, 6] = 12 - (36 - 16)/2 = 2.
    assert out.market_buyers == pytest.approx(2.0)
    # New sellers: integral of (4 - 1 - 0.5 q) over [4, 6] = 6 - 0.25*20 = 1.
    assert out.market_sellers == pytest.approx(1.0)
    # Rent (4 - 2) * 4 = 8; 24 + 2 + 0 + 1 = 27, so no deadweight loss.
    assert out.plan_rent == pytest.approx(8.0)
    assert out.deadweight_loss == pytest.approx(0.0, abs=1e-12)


def test_liberalized_by_hand():
    out = liberalized(M, quota=4)
    # Plan users now pay 4: integral of (10 - q - 4) over [0, 4] = 24 - 8 = 16.
    assert out.plan_users == pytest.approx(16.0)
    # Plan suppliers now get 4: integral of (4 - 1 - 0.5 q) over [0, 4] = 12 - 4 = 8.
    assert out.plan_suppliers == pytest.approx(8.0)
    assert out.market_buyers == pytest.approx(2.0) and out.market_sellers == pytest.approx(1.0)
    assert out.total_surplus == pytest.approx(27.0)
    assert out.plan_rent == 0.0 and out.deadweight_loss == 0.0


def test_half_enforced_with_plan_users_shut_out_by_hand():
    out = dual_track(M, quota=4, plan_price=2, enforcement=0.5)
    # Delivered 2. Market buyers start after all 4 plan users, sellers after 2 units:
    # 10 - (4 + q) = 1 + 0.5 (2 + q)  ->  q_m = 4 / 1.5 = 8/3, p_m = 10 - 4 - 8/3 = 10/3.
    assert out.market_quantity == pytest.approx(8 / 3)
    assert out.price == pytest.approx(10 / 3)
    # Plan users: integral of (8 - q) over [0, 2] = 16 - 2 = 14.
    assert out.plan_users == pytest.approx(14.0)
    # Buyers on [4, 20/3] at 10/3: (20/3)(8/3) - (400/9 - 16)/2 = 160/9 - 128/9 = 32/9.
    assert out.market_buyers == pytest.approx(32 / 9)
    # Plan suppliers: 1 on [0, 2] at 2, plus [2, 4] at 10/3: (7/3)*2 - 0.25*(16 - 4) = 5/3.
    assert out.plan_suppliers == pytest.approx(1 + 5 / 3)
    # Other sellers on [4, 14/3]: (7/3)(2/3) - 0.25*(196/9 - 16) = 14/9 - 13/9 = 1/9.
    assert out.market_sellers == pytest.approx(1 / 9)
    # Total 14 + 32/9 + 8/3 + 1/9 = 61/3; loss 27 - 61/3 = 20/3, more than the plan's 3.
    assert out.deadweight_loss == pytest.approx(20 / 3)
    assert out.deadweight_loss > plan_only(M, 4, 2).deadweight_loss
    # Rent on the delivered half: (10/3 - 2) * 2 = 8/3.
    assert out.plan_rent == pytest.approx(8 / 3)


def test_half_enforced_when_plan_users_can_buy_by_hand():
    out = dual_track(M, quota=4, plan_price=2, enforcement=0.5, shut_out=False)
    # Everyone but the 2 served by the plan buys in the market: q_m = 6 - 2 = 4 at p* = 4.
    assert out.market_quantity == pytest.approx(4.0) and out.price == pytest.approx(4.0)
    assert out.deadweight_loss == pytest.approx(0.0, abs=1e-12)
    # Plan users: 14 on the delivered half plus integral of (6 - q) over [2, 4] = 12 - 6 = 6.
    assert out.plan_users == pytest.approx(20.0)
    # They lose (p* - p_bar)(1 - e) q_bar = 2 * 0.5 * 4 = 4 against the plan.
    assert plan_only(M, 4, 2).plan_users - out.plan_users == pytest.approx(4.0)


def test_no_enforcement_by_hand():
    out = dual_track(M, quota=4, plan_price=2, enforcement=0.0)
    # 10 - (4 + q) = 1 + 0.5 q  ->  q_m = 5 / 1.5 = 10/3, p_m = 6 - 10/3 = 8/3.
    assert out.market_quantity == pytest.approx(10 / 3)
    assert out.price == pytest.approx(8 / 3)
    assert out.plan_rent == 0.0 and out.plan_users == 0.0


def test_plan_price_above_market_gives_negative_rent():
    # (4 - 5) * 4 = -4: the plan now taxes its users.
    assert plan_rent(M, 4, 5) == pytest.approx(-4.0)


# --- limits and identities -----------------------------------------------------------

MARKETS = [LinearMarket(10, 1, 1, 0.5), LinearMarket(8, 0.3, 2, 1.7), LinearMarket(5, 2, 0, 0)]


def _grid():
    for market, q_share, p_share, e, shut in itertools.product(
            MARKETS, (0.0, 0.3, 1.0), (0.0, 0.4, 1.0), (0.0, 0.5, 1.0), (True, False)):
        yield market, q_share * market.q_star, p_share * market.a, e, shut


@pytest.mark.parametrize("market, quota, plan_price, e, shut", list(_grid()))
def test_surplus_accounting(market, quota, plan_price, e, shut):
    for out in compare(market, quota, plan_price, e, shut_out=shut).values():
        # Every group's surplus plus the loss adds up to the liberalized total.
        assert out.total_surplus + out.deadweight_loss == pytest.approx(market.max_surplus)
        assert out.deadweight_loss >= 0.0
        assert out.quantity == pytest.approx(out.plan_delivered + out.market_quantity)


@pytest.mark.parametrize("market, quota, plan_price, e, shut", list(_grid()))
def test_enforced_dual_track_is_liberalization_at_the_margin(market, quota, plan_price, e, shut):
    out = dual_track(market, quota, plan_price, 1.0, shut_out=shut)
    assert out.quantity == pytest.approx(market.q_star)
    assert out.price == pytest.approx(market.p_star)
    assert out.deadweight_loss == pytest.approx(0.0, abs=1e-9)
    # Reform without losers: plan users and suppliers keep their plan-only surplus.
    plan = plan_only(market, quota, plan_price)
    assert out.plan_users == pytest.approx(plan.plan_users)
    assert out.plan_suppliers == pytest.approx(plan.plan_suppliers)
    # The implicit transfer: liberalization takes (p* - p_bar) q_bar from plan users.
    lib = liberalized(market, quota)
    assert plan.plan_users - lib.plan_users == pytest.approx(out.plan_rent)
    assert lib.plan_suppliers - plan.plan_suppliers == pytest.approx(out.plan_rent)


@pytest.mark.parametrize("market", MARKETS)
def test_shut_out_loss_grows_as_enforcement_falls(market):
    quota = 0.6 * market.q_star
    losses = [deadweight_loss(market, quota, 1.0, e) for e in (1.0, 0.75, 0.5, 0.25, 0.0)]
    if market.b > 0 and market.q_star > 0:
        assert all(x < y for x, y in zip(losses, losses[1:]))
    for e in (0.0, 0.3, 0.9):
        out = dual_track(market, quota, 1.0, e)
        # Total traded falls by b (1 - e) q_bar / (b + d) below Q*.
        expected = market.q_star - market.b * (1 - e) * quota / (market.b + market.d)
        assert out.quantity == pytest.approx(expected)
        # If plan users may buy, nothing is lost whatever the enforcement.
        assert deadweight_loss(market, quota, 1.0, e, shut_out=False) == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize("market", MARKETS)
def test_quota_limits(market):
    # No quota: the dual track is liberalization; the plan alone trades nothing.
    regimes = compare(market, 0.0, 1.0, 0.3)
    assert regimes["dual track"].deadweight_loss == pytest.approx(0.0, abs=1e-9)
    assert regimes["plan only"].deadweight_loss == pytest.approx(market.max_surplus)
    # Quota at Q*: the plan alone is efficient (only distribution differs).
    assert deadweight_loss(market, market.q_star, 0.5, regime="plan only") == pytest.approx(0, abs=1e-9)


@pytest.mark.parametrize("market", MARKETS)
def test_plan_only_loss_is_the_triangle(market):
    quota = 0.25 * market.q_star
    expected = (market.b + market.d) * (market.q_star - quota) ** 2 / 2
    assert deadweight_loss(market, quota, 1.0, regime="plan only") == pytest.approx(expected)


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, pattern",
    [
        (lambda: LinearMarket(10, 0, 1, 0.5), r"^b must lie in \(0, inf\); got 0\.0$"),
        (lambda: LinearMarket(1, 1, 2, 0.5), r"^a must lie in \(2, inf\) \(above the lowest cost c\); got 1\.0$"),
        (lambda: LinearMarket(10, 1, -1, 0.5), r"^c must lie in \[0, inf\); got -1\.0$"),
        (lambda: LinearMarket(10, 1, 1, float("nan")), r"^d must lie .*; got nan$"),
        (lambda: LinearMarket("ten", 1, 1, 1), r"^a must be a number"),
        (lambda: dual_track(M, 7, 2), r"^quota must lie in \[0, 6\] \(0 to the liberalized quantity Q\* = 6\); got 7\.0$"),
        (lambda: dual_track(M, 4, -1), r"^plan_price must lie in \[0, 10\] .*; got -1\.0$"),
        (lambda: dual_track(M, 4, 2, 1.5), r"^enforcement must lie in \[0, 1\]; got 1\.5$"),
        (lambda: plan_only(M, -0.1, 2), r"^quota must lie in \[0, 6\]"),
        (lambda: deadweight_loss(M, 4, 2, regime="big bang"), r"^regime must be one of"),
    ],
)
def test_bad_input_names_parameter_value_and_range(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_quota_equal_to_q_star_within_round_off_is_accepted():
    market = LinearMarket(8, 0.3, 2, 1.7)  # Q* = 6 / 2 = 3, computed with round-off
    out = dual_track(market, 3.0000000000001, 1.0)
    assert out.market_quantity == pytest.approx(0.0, abs=1e-9)
    assert re.match(r"plan only|dual track|liberalized", out.regime)

"""course.models.labor: values worked out by hand, limits and identities."""

import numpy as np
import pytest

from course.models import labor

# A small economy whose numbers come out round: alpha = 1/2, K = 4, N = 1, a = 0.25,
# no state workers, no soldiers' civilian work unless a test says so.
SMALL = dict(market_workers=1.0, state_workers=0.0, active_force=3.0, state_product=0.25,
             army_work_share=0.0, alpha=0.5)


def test_cobb_douglas_output_and_wage_by_hand():
    # 8**(1/3) * 1**(2/3) = 2; wage (2/3) * (8 / 1)**(1/3) = 4/3.
    assert labor.market_output(8.0, 1.0, alpha=1 / 3) == pytest.approx(2.0)
    assert labor.market_wage(8.0, 1.0, alpha=1 / 3) == pytest.approx(4 / 3)


def test_absorbable_labour_is_where_the_wage_meets_the_floor():
    # 2 * (0.5 * 2 / 0.5)**(1 / 0.5) = 2 * 2**2 = 8.
    e_star = labor.absorbable_labour(2.0, 0.5, alpha=0.5, tfp=2.0)
    assert e_star == pytest.approx(8.0)
    assert labor.market_wage(2.0, e_star, alpha=0.5, tfp=2.0) == pytest.approx(0.5)


def test_small_economy_by_hand():
    # E = 1 (E* = 4 * (0.5 / 0.25)**2 = 16 > 1); Y_M = sqrt(4 * 1) = 2; w = 0.5 * sqrt(4) = 1.
    # Traditional: the idle army does no civilian work here (theta = 0): output 2.
    e = labor.economy(0.0, 4.0, 0.0, **SMALL)
    assert (e.market_output, e.market_wage, e.wage_bill, e.output) == pytest.approx((2, 1, 1, 2))
    assert e.surplus_labour == 0 and e.campaign_labour == 0


def test_releasing_soldiers_without_investment_lowers_the_wage_and_raises_output():
    # D = 3: E = 4, Y_M = sqrt(4 * 4) = 4, w = 0.5 * sqrt(4 / 4) = 0.5.
    # Output gain 4 - 2 = 2; wage change 0.5 - 1 = -0.5; wage bill 2 - 1 = +1.
    change = labor.release(3.0, 4.0, **SMALL)
    assert change["d_output"] == pytest.approx(2.0)
    assert change["d_wage"] == pytest.approx(-0.5)
    assert change["d_wage_bill"] == pytest.approx(1.0)


def test_soldiers_civilian_work_is_lost_when_they_leave():
    # As above, but soldiers worked their whole year (theta = 1) at a = 0.25:
    # 3 * 0.25 = 0.75 of output is lost, so the gain is 2 - 0.75 = 1.25.
    change = labor.release(3.0, 4.0, **{**SMALL, "army_work_share": 1.0})
    assert change["d_output"] == pytest.approx(1.25)


def test_investment_in_proportion_keeps_the_wage_and_more_raises_it():
    # K' = 4 * (1 + 3) / 1 = 16: capital per market worker stays 4, wage stays 1.
    k_hold = labor.capital_to_hold_wage(3.0, 4.0, market_workers=1.0)
    assert k_hold == pytest.approx(16.0)
    assert labor.release(3.0, 4.0, capital_after=k_hold, **SMALL)["d_wage"] == pytest.approx(0.0)
    assert labor.release(3.0, 4.0, capital_after=20.0, **SMALL)["d_wage"] > 0


def test_lewis_floor_unlimited_labour_at_the_traditional_product():
    # K = 1: E* = 1 * (0.5 / 0.25)**2 = 4 = N, so the wage is already at the floor 0.25.
    # Two more workers find no market job: they work at a, output rises by 2 * 0.25 = 0.5,
    # the wage stays at 0.25.
    settings = {**SMALL, "market_workers": 4.0}
    before = labor.economy(0.0, 1.0, 0.0, **settings)
    assert before.market_wage == pytest.approx(0.25)
    change = labor.release(2.0, 1.0, **settings)
    assert change["d_wage"] == pytest.approx(0.0)
    assert change["d_output"] == pytest.approx(0.5)
    assert change["after"].surplus_labour == pytest.approx(2.0)


def test_mobilisation_days_move_market_labour_into_campaign_work():
    # 73 days = 0.2 of a year: market labour 0.8, Y_M = sqrt(4 * 0.8) = sqrt(3.2) = 1.788854;
    # campaign work 0.2 worker-years at 0.25 = 0.05; output 1.838854. Wage 0.5 * sqrt(4 / 0.8)
    # = 0.5 * sqrt(5) = 1.118034 per worker-year of market work.
    e = labor.economy(0.0, 4.0, 73.0, **SMALL)
    assert e.market_labour == pytest.approx(0.8)
    assert e.campaign_labour == pytest.approx(0.2)
    assert e.output == pytest.approx(1.838854, abs=1e-6)
    assert e.market_wage == pytest.approx(1.118034, abs=1e-6)


def test_the_notebook_exercise_settings_by_hand():
    # N = 4, K = 20, alpha = 0.4, a = 0.3, theta = 0.5, no mobilisation, D = 0.5.
    # 20**0.4 = exp(0.4 * 2.995732) = 3.314454; 4**0.6 = exp(0.6 * 1.386294) = 2.297397;
    # 4.5**0.6 = exp(0.6 * 1.504077) = exp(0.902446) = 2.459603 * 1.002449 = 2.465627.
    # Y_M: 3.314454 * 2.297397 = 7.614617 -> 3.314454 * 2.465627 = 8.172210, gain 0.557593;
    # soldiers' work lost 0.5 * 0.3 * 0.5 = 0.075. Output gain 0.482593 billion US dollars a year.
    # Wage 0.6 * 7.614617 / 4 = 1.142193 -> 0.6 * 8.172210 / 4.5 = 1.089628: -0.052565 thousand.
    change = labor.release(0.5, 20.0, 0.0)
    assert change["d_output"] == pytest.approx(0.482593, abs=5e-6)
    assert change["d_wage"] == pytest.approx(-0.052565, abs=5e-6)
    assert labor.capital_to_hold_wage(0.5, 20.0) == pytest.approx(22.5)


def test_identities_and_limits():
    k = np.linspace(1.0, 60.0, 7)
    e = labor.economy(0.6, k, 30.0)
    # Above the floor the wage bill is labour's share of market output.
    assert np.allclose(e.wage_bill, 0.6 * e.market_output)
    assert np.all(np.diff(e.output) > 0) and np.all(np.diff(e.market_wage) > 0)
    # Releasing no one changes nothing.
    none = labor.release(0.0, 20.0, 40.0)
    assert none["d_output"] == 0 and none["d_wage"] == 0
    # No capital: nobody is hired by the market, the wage is the floor, all finite.
    bare = labor.economy(1.3, 0.0, 120.0)
    assert bare.market_output == 0 and bare.market_wage == pytest.approx(0.3)
    assert all(np.isfinite(v) for v in bare)


@pytest.mark.parametrize("call, message", [
    (lambda: labor.economy(0.0, 20.0, 0.0, alpha=1.0), r"alpha must lie in \(0, 1\); got 1\.0"),
    (lambda: labor.economy(2.0, 20.0, 0.0), r"soldiers_released must lie in \[0, 1\.3\]; got 2\.0"),
    (lambda: labor.economy(0.0, -1.0, 0.0), r"capital must lie in \[0, inf\); got -1\.0"),
    (lambda: labor.economy(0.0, 20.0, 365.0), r"mobilization_days must lie in \[0, 365\); got 365\.0"),
    (lambda: labor.economy(0.0, 20.0, 0.0, state_product=0.0), r"state_product must lie in \(0, inf\)"),
    (lambda: labor.economy(0.0, 20.0, 0.0, army_work_share=1.5), r"army_work_share must lie in \[0, 1\]"),
    (lambda: labor.market_wage(1.0, 0.0), r"labour must lie in \(0, inf\); got 0\.0"),
    (lambda: labor.economy(float("nan"), 20.0, 0.0), r"soldiers_released must lie in"),
])
def test_bad_input_names_parameter_value_and_range(call, message):
    with pytest.raises(ValueError, match=message):
        call()

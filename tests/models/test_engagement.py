"""Tests for course.models.engagement: hand-worked values, limits and identities."""

import math

import numpy as np
import pytest

from course.models import engagement as eng

# A round set of parameters for hand arithmetic (US dollars per worker and year).
P = dict(wage=1200.0, margin=3000.0, sunk_cost=6000.0, state_cost=300.0, discount=0.05)


def test_expected_duration_is_one_over_the_hazard():
    # 1 / 0.2 = 5 years; 1 / 0.5 = 2 years.
    assert eng.expected_duration(0.2) == pytest.approx(5.0)
    assert np.allclose(eng.expected_duration([0.5, 4.0]), [2.0, 0.25])


def test_expected_duration_limits():
    assert math.isinf(eng.expected_duration(0.0))
    assert eng.expected_duration(np.inf) == 0.0


def test_discount_factor_by_hand_and_against_a_simulation():
    # 1 / (0.05 + 0.15) = 5 discounted years.
    assert eng.discount_factor(0.15, 0.05) == pytest.approx(5.0)
    # The same number from its definition, E[(1 - exp(-rho T)) / rho] with T ~ Exp(lambda),
    # by Monte Carlo (seeded): independent of the closed form.
    rng = np.random.default_rng(7)
    closing = rng.exponential(1 / 0.15, size=400_000)
    simulated = np.mean((1 - np.exp(-0.05 * closing)) / 0.05)
    assert simulated == pytest.approx(5.0, rel=0.01)


def test_discount_factor_with_no_discounting_is_the_expected_duration():
    # rho = 0: the value of 1 a year is just the expected number of years, 1/lambda.
    for lam in (0.1, 0.25, 2.0):
        assert eng.discount_factor(lam, 0.0) == pytest.approx(eng.expected_duration(lam))


def test_party_values_by_hand():
    # s = 0.25, lambda = 0.15, rho = 0.05: 5 discounted years.
    # firms: (3000 - 1200) * 5 - 6000 = 9000 - 6000 = 3000
    # workers: 0.25 * 1200 * 5 = 1500
    # state: (0.75 * 1200 - 300) * 5 = (900 - 300) * 5 = 3000
    v = eng.party_values(0.25, 0.15, **P)
    assert (v.firms, v.workers, v.state) == pytest.approx((3000.0, 1500.0, 3000.0))
    assert v.total == pytest.approx(7500.0)


def test_scale_multiplies_every_value():
    # 50,000 workers: 3000 * 50,000 = 150 million dollars for firms, etc.
    v = eng.party_values(0.25, 0.15, workers=50_000, **P)
    assert (v.firms, v.workers, v.state) == pytest.approx((1.5e8, 7.5e7, 1.5e8))


def test_hazard_zero_is_a_perpetuity():
    # lambda = 0: flows last forever, worth flow / rho = flow * 20.
    # firms: 1800 * 20 - 6000 = 30000; workers: 300 * 20 = 6000; state: 600 * 20 = 12000.
    v = eng.party_values(0.25, 0.0, **P)
    assert (v.firms, v.workers, v.state) == pytest.approx((30000.0, 6000.0, 12000.0))


@pytest.mark.parametrize("lam", [1e9, np.inf])
def test_hazard_to_infinity_leaves_firms_with_their_sunk_cost_lost(lam):
    v = eng.party_values(0.25, lam, **P)
    assert v.firms == pytest.approx(-6000.0, abs=1e-3)
    assert v.workers == pytest.approx(0.0, abs=1e-3)
    assert v.state == pytest.approx(0.0, abs=1e-3)


def test_worker_share_only_moves_value_between_workers_and_state():
    shares = np.linspace(0, 1, 11)
    v = eng.party_values(shares, 0.3, workers=1000, **P)
    assert np.allclose(v.total, v.total[0])
    assert np.allclose(v.firms, v.firms[0])
    # One more dollar to workers is one dollar less for the state.
    assert np.allclose(np.diff(v.workers), -np.diff(v.state))


def test_values_fall_as_the_hazard_rises():
    v = eng.party_values(0.5, np.linspace(0, 2, 21), **P)
    assert np.all(np.diff(v.firms) < 0) and np.all(np.diff(v.workers) < 0)


def test_break_even_hazard_by_hand_and_where_firms_value_is_zero():
    # (3000 - 1200) / 6000 - 0.05 = 0.30 - 0.05 = 0.25 per year (expected duration 4 years).
    lam = eng.break_even_hazard(**{k: P[k] for k in ("wage", "margin", "sunk_cost", "discount")})
    assert lam == pytest.approx(0.25)
    assert eng.party_values(0.5, lam, **P).firms == pytest.approx(0.0, abs=1e-9)
    assert eng.party_values(0.5, lam - 0.01, **P).firms > 0 > eng.party_values(0.5, lam + 0.01, **P).firms


def test_break_even_hazard_edge_cases():
    # Margin below the wage: negative (firms lose even with no closure risk).
    # (1000 - 1200) / 6000 - 0.05 = -0.0333 - 0.05 = -0.08333
    assert eng.break_even_hazard(wage=1200, margin=1000, sunk_cost=6000, discount=0.05) == (
        pytest.approx(-0.083333, abs=1e-6))
    # No sunk cost and a positive margin: any hazard is bearable.
    assert math.isinf(eng.break_even_hazard(wage=1200, margin=3000, sunk_cost=0, discount=0.05))


def test_state_flow_and_highest_share():
    # (1 - 0.25) * 1200 - 300 = 600; highest share 1 - 300/1200 = 0.75.
    assert eng.state_flow(0.25, wage=1200, state_cost=300) == pytest.approx(600.0)
    assert eng.highest_worker_share(wage=1200, state_cost=300) == pytest.approx(0.75)
    assert eng.state_flow(0.75, wage=1200, state_cost=300) == pytest.approx(0.0)
    # Clipped: a state cost above the wage leaves no share; a zero wage gives 0.
    assert eng.highest_worker_share(wage=1200, state_cost=2000) == 0.0
    assert eng.highest_worker_share(wage=0, state_cost=0) == 0.0


def test_transparency_moves_value_from_state_to_workers():
    # From s = 0.25 to s = 0.85 at lambda = 0.15 (5 years): workers gain
    # 0.6 * 1200 * 5 = 3600; the state loses the same; its flow becomes
    # 0.15 * 1200 - 300 = -120 < 0, so it no longer wants the zone.
    r = eng.transparency(0.25, 0.85, 0.15, **P)
    assert r["d_workers"] == pytest.approx(3600.0)
    assert r["d_state"] == pytest.approx(-3600.0)
    assert r["d_firms"] == pytest.approx(0.0)
    assert not r["state_still_wants"]
    assert eng.transparency(0.25, 0.7, 0.15, **P)["state_still_wants"]


@pytest.mark.parametrize("call, name, value", [
    (lambda: eng.party_values(1.2, 0.1, **P), "worker_share", "1.2"),
    (lambda: eng.party_values(0.5, -0.1, **P), "hazard", "-0.1"),
    (lambda: eng.party_values(0.5, 0.1, **{**P, "wage": -5}), "wage", "-5"),
    (lambda: eng.party_values(0.5, 0.1, **{**P, "margin": np.nan}), "margin", "nan"),
    (lambda: eng.party_values(0.5, 0.1, workers=np.inf, **P), "workers", "inf"),
    (lambda: eng.expected_duration(-1), "hazard", "-1"),
    (lambda: eng.highest_worker_share(wage=1000, state_cost=-1), "state_cost", "-1"),
])
def test_bad_input_names_parameter_value_and_range(call, name, value):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert name in message and value in message and "[" in message


def test_no_discount_and_no_hazard_is_refused():
    with pytest.raises(ValueError, match="discount \\+ hazard must be positive"):
        eng.party_values(0.5, 0.0, **{**P, "discount": 0.0})

"""The trust model (notebook 08): thresholds by hand, and the simulation converging to them."""

import numpy as np
import pytest

from course.models import trust
from course.models.trust import AXELROD, Payoffs


# --- closed forms, worked by hand ----------------------------------------------------

def test_stag_hunt_threshold_by_hand():
    # a = 4, b = 0, c = 3, d = 2: cooperate when 4p >= 3p + 2(1 - p), i.e. 3p >= 2, p* = 2/3.
    assert trust.stag_hunt_threshold(4, 0, 3, 2) == pytest.approx(2 / 3)
    # a = 10, b = -5, c = 2, d = 1: (1 + 5) / ((10 - 2) + (1 + 5)) = 6 / 14 = 3/7.
    assert trust.stag_hunt_threshold(10, -5, 2, 1) == pytest.approx(3 / 7)


def test_at_the_stag_hunt_threshold_both_choices_pay_the_same():
    a, b, c, d = 9.0, 0.0, 6.0, 4.0
    p = trust.stag_hunt_threshold(a, b, c, d)
    assert p * a + (1 - p) * b == pytest.approx(p * c + (1 - p) * d)


def test_a_worse_sucker_payoff_needs_more_trust():
    # Jervis: the higher the cost of being exploited, the harder cooperation.
    assert trust.stag_hunt_threshold(4, -2, 3, 2) > trust.stag_hunt_threshold(4, 0, 3, 2)


def test_critical_discount_by_hand():
    # Axelrod's payoffs: (5 - 3) / (5 - 1) = 1/2; T = 7, R = 5, P = 2: 2/5.
    assert trust.critical_discount(5, 3, 1) == pytest.approx(0.5)
    assert trust.critical_discount(7, 5, 2) == pytest.approx(0.4)
    # Temptation barely above the reward: almost any patience will do.
    assert trust.critical_discount(3.01, 3, 1) == pytest.approx(0.01 / 2.01)


def test_grim_values_cross_at_the_critical_discount():
    # At delta = 1/2: cooperate 3 / 0.5 = 6; defect 5 + 0.5 * 1 / 0.5 = 6.
    cooperate, defect = trust.grim_values(0.5)
    assert cooperate == pytest.approx(6.0) and defect == pytest.approx(6.0)
    cooperate, defect = trust.grim_values(np.array([0.4, 0.6]))
    assert cooperate[0] < defect[0] and cooperate[1] > defect[1]


@pytest.mark.parametrize("delta, expected", [(0.49, False), (0.5, True), (0.9, True), (0.0, False)])
def test_grim_sustainable_iff_delta_reaches_the_threshold(delta, expected):
    assert bool(trust.grim_sustainable(delta)) is expected


def test_round_payoff_reproduces_the_2x2_game_at_the_corners():
    assert trust.round_payoff([1, 1, 0, 0], [1, 0, 1, 0]).tolist() == [3.0, 0.0, 5.0, 1.0]


def test_tit_for_tat_pairs_cooperate_half_the_time_under_any_noise():
    # The move pair is a Markov chain with a doubly stochastic matrix: uniform in the long run.
    for eps in (0.01, 0.1, 0.4):
        c1, c2 = trust.long_run_cooperation("tit_for_tat", "tit_for_tat", eps)
        assert c1 == pytest.approx(0.5) and c2 == pytest.approx(0.5)


def test_generous_pair_long_run_by_hand():
    # eps = 0.1, g = 0.3: after a defection C with 0.3 * 0.9 + 0.7 * 0.1 = 0.34; after C 0.9.
    # c = 0.34 + (0.9 - 0.34) c  ->  c = 0.34 / 0.44 = 0.772727...
    c1, c2 = trust.long_run_cooperation("generous_tit_for_tat", "generous_tit_for_tat", 0.1, 0.3)
    assert c1 == pytest.approx(0.34 / 0.44) and c2 == pytest.approx(0.34 / 0.44)


def test_tit_for_tat_against_always_defect_by_hand():
    # Always defect cooperates only by error: eps. Tit-for-tat copies it, with its own errors:
    # eps (1 - eps) + (1 - eps) eps = 2 eps (1 - eps) = 0.18 at eps = 0.1.
    c1, c2 = trust.long_run_cooperation("tit_for_tat", "always_defect", 0.1)
    assert c1 == pytest.approx(0.18) and c2 == pytest.approx(0.1)


# --- the simulation converges to the closed forms ---------------------------------------

def long_run(first, second, **kw):
    play = trust.simulate(first, second, rounds=3000, pairs=400, seed=7, **kw)
    return play.cooperation[500:].mean(axis=0)


@pytest.mark.parametrize("first, second, noise, forgiveness", [
    ("tit_for_tat", "tit_for_tat", 0.05, 0.0),
    ("generous_tit_for_tat", "generous_tit_for_tat", 0.1, 0.3),
    ("generous_tit_for_tat", "tit_for_tat", 0.2, 0.5),
    ("tit_for_tat", "always_defect", 0.1, 0.0),
])
def test_simulated_long_run_matches_the_closed_form(first, second, noise, forgiveness):
    simulated = long_run(first, second, noise=noise, forgiveness=forgiveness)
    expected = trust.long_run_cooperation(first, second, noise, forgiveness)
    # 2,500 rounds x 400 pairs: sampling error about 0.003 (correlated rounds included).
    assert simulated == pytest.approx(expected, abs=0.01)


def test_grim_trigger_pairs_end_in_defection_under_noise():
    # One error triggers both for ever; afterwards each cooperates only by error: eps.
    assert long_run("grim_trigger", "grim_trigger", noise=0.1) == pytest.approx([0.1, 0.1], abs=0.01)


def test_without_noise_reciprocators_cooperate_every_round():
    for pair in (("tit_for_tat", "tit_for_tat"), ("grim_trigger", "generous_tit_for_tat")):
        play = trust.simulate(*pair, rounds=50, pairs=3, noise=0.0)
        assert (play.levels == 1.0).all()
        assert (play.payoffs == 3.0).all()


def test_grim_trigger_sustainable_iff_delta_reaches_the_threshold_in_simulated_play():
    # Against grim trigger, compare cooperating for ever with defecting for ever, over 3,000
    # rounds (0.99 ** 3000 ~ 1e-13: the truncated tail is negligible).
    cooperate = trust.simulate("grim_trigger", "grim_trigger", rounds=3000, pairs=1, noise=0.0)
    deviate = trust.simulate("always_defect", "grim_trigger", rounds=3000, pairs=1, noise=0.0)
    star = trust.critical_discount(*AXELROD[:3])
    for delta in (0.2, star - 0.02, star + 0.02, 0.9, 0.99):
        weights = delta ** np.arange(3000)
        keep = weights @ cooperate.payoffs[:, 0, 0]
        defect = weights @ deviate.payoffs[:, 0, 0]
        assert (keep >= defect) == bool(trust.grim_sustainable(delta)), delta


def test_graduated_steps_climb_one_step_a_round_without_noise():
    # Against itself: s, 2s, 3s, ... capped at 1; with s = 0.25 full cooperation from round 4.
    play = trust.simulate("graduated_steps", "graduated_steps", rounds=6, pairs=2, noise=0.0,
                          step=0.25)
    assert play.levels[:, 0, 0].tolist() == [0.25, 0.5, 0.75, 1.0, 1.0, 1.0]


def test_graduated_steps_against_a_defector_lose_one_step_of_the_sucker_gap():
    # Level s for ever; payoff s * S + (1 - s) * P = 0.2 * 0 + 0.8 * 1 = 0.8, against P = 1.
    play = trust.simulate("graduated_steps", "always_defect", rounds=10, pairs=1, noise=0.0,
                          step=0.2)
    assert play.levels[:, 0, 0] == pytest.approx(0.2)
    assert play.payoffs[:, 0, 0] == pytest.approx(0.8)
    assert play.payoffs[:, 0, 1] == pytest.approx(0.2 * 5 + 0.8 * 1)


def test_same_seed_same_play_and_another_seed_another():
    a = trust.simulate("generous_tit_for_tat", "graduated_steps", noise=0.1, seed=3)
    b = trust.simulate("generous_tit_for_tat", "graduated_steps", noise=0.1, seed=3)
    c = trust.simulate("generous_tit_for_tat", "graduated_steps", noise=0.1, seed=4)
    assert np.array_equal(a.levels, b.levels) and np.array_equal(a.payoffs, b.payoffs)
    assert not np.array_equal(a.levels, c.levels)


def test_shapes():
    play = trust.simulate("tit_for_tat", "always_defect", rounds=7, pairs=5)
    assert play.levels.shape == play.payoffs.shape == (7, 5, 2)
    assert play.cooperation.shape == play.mean_payoff.shape == (7, 2)


def test_discounted_average_limits():
    path = np.array([5.0, 1.0, 1.0, 1.0])
    assert trust.discounted_average(path, 0.0).tolist() == [5.0, 5.0, 5.0, 5.0]
    assert trust.discounted_average(path, 1.0).tolist() == [5.0, 3.0, 7 / 3, 2.0]


# --- bad input ------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"noise": 1.5}, r"noise must lie in \[0, 1\]; got 1.5"),
    ({"forgiveness": -0.1}, r"forgiveness must lie in \[0, 1\]; got -0.1"),
    ({"step": float("nan")}, r"step must lie in \[0, 1\]; got nan"),
    ({"rounds": 0}, r"rounds must be a whole number in \[1, 100,000\]; got 0"),
    ({"pairs": 2.5}, r"pairs must be a whole number"),
    ({"payoffs": Payoffs(3, 5, 1, 0)}, r"temptation > reward > punishment > sucker"),
])
def test_simulate_rejects_bad_input_naming_it(kwargs, message):
    with pytest.raises(ValueError, match=message):
        trust.simulate("tit_for_tat", "tit_for_tat", **kwargs)


def test_unknown_strategy_lists_the_choices():
    with pytest.raises(ValueError, match=r"second must be one of tit_for_tat, .*; got 'nice'"):
        trust.simulate("tit_for_tat", "nice")


def test_not_a_stag_hunt_or_not_a_dilemma_is_refused():
    with pytest.raises(ValueError, match=r"both_cooperate must exceed defect_alone.*=3, .*=5"):
        trust.stag_hunt_threshold(3, 0, 5, 1)
    with pytest.raises(ValueError, match=r"both_defect must exceed cooperate_alone"):
        trust.stag_hunt_threshold(4, 2, 3, 1)
    with pytest.raises(ValueError, match=r"temptation > reward > punishment; got temptation=3"):
        trust.critical_discount(3, 5, 1)
    with pytest.raises(ValueError, match=r"delta must lie in \[0, 1\]; got 1.2"):
        trust.grim_sustainable(1.2)
    with pytest.raises(ValueError, match=r"noise must lie in \(0, 1\)"):
        trust.long_run_cooperation("tit_for_tat", "tit_for_tat", 0.0)
    with pytest.raises(ValueError, match=r"first must be one of .*; got 'grim_trigger'"):
        trust.long_run_cooperation("grim_trigger", "tit_for_tat", 0.1)

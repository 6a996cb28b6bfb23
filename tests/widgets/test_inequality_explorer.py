"""The inequality explorer (notebook 06): its numbers and words against the model."""

import pytest

from course.models import inequality
from course.widgets.inequality import InequalityExplorer, allocation


def test_default_reading_matches_the_model_by_hand():
    explorer = InequalityExplorer()
    explorer.layout()
    result = explorer.result
    # Collins 2012: p = (0.28, 0.45, 0.27), y = (3, 1.5, 1); mu = 0.84 + 0.675 + 0.27 = 1.785.
    # Pairs: 0.28*0.45*1.5 + 0.28*0.27*2 + 0.45*0.27*0.5 = 0.189 + 0.1512 + 0.06075 = 0.40095;
    # G = 2 * 0.40095 / (2 * 1.785) = 0.224622.
    assert result["gini_before"] == pytest.approx(0.224622, abs=1e-6)
    # Dividend 0.2 * 1.785 = 0.357 per head; hostile gets 0.5 * 0.27/0.72 = 0.1875 of it:
    # 0.357 * 0.1875 / 0.27 = 0.247917 per person, +24.8 percent.
    assert result["gain_percent"][2] == pytest.approx(24.7917, abs=1e-3)
    assert "0.225" in explorer.readout.value and "+24.8%" in explorer.readout.value


def test_readout_at_defaults_states_no_exercise_answer():
    # Exercise answers of notebook 06 at their checked precision (see the master's hidden tests).
    explorer = InequalityExplorer()
    explorer.layout()
    assert "0.262" not in explorer.readout.value
    assert "12.7" not in explorer.readout.value


def test_split_that_follows_income_shares_raises_the_core_as_fast_as_the_average():
    explorer = InequalityExplorer()
    explorer.layout()
    neutral = explorer.result["neutral_to_core"]
    result = explorer.update(to_core=neutral)
    assert result["gain_percent"][0] == pytest.approx(100 * result["growth"])


def test_allocation_sums_to_one_and_gives_the_rest_per_person():
    shares = explorer_shares = InequalityExplorer().shares("Kim Il Sung, 1958")
    a = allocation(explorer_shares, 0.4)
    assert a.sum() == pytest.approx(1.0)
    # Wavering and hostile get the same amount per person: a_i / p_i equal.
    assert a[1] / shares[1] == pytest.approx(a[2] / shares[2])


def test_all_to_the_core_raises_the_gini():
    explorer = InequalityExplorer()
    explorer.layout()
    result = explorer.update(to_core=1.0)
    assert result["gini_after"] > result["gini_before"]
    assert "rises" in explorer.readout.value
    assert inequality.gini_grouped(result["shares"], result["incomes_after"]) == pytest.approx(
        result["gini_after"])

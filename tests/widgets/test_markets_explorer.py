"""The dual-track explorer (notebook 03): its reading against the model's numbers."""

import pytest

from course.models import markets
from course.widgets.markets import MARKET, DualTrackExplorer


def test_default_reading_matches_the_worked_example_and_not_the_exercises():
    explorer = DualTrackExplorer()
    explorer.layout()
    text = explorer.readout.value
    # Worked example: quota 4 at plan price 2, enforced: price 4, rent (4 - 2) * 4 = 8, no loss;
    # the plan alone loses 1.5 * (6 - 4)^2 / 2 = 3.
    assert "market price 4.00" in text and "plan rent 8.00" in text
    assert "deadweight loss 0.00 (plan alone 3.00)" in text
    assert "keep exactly what the plan gave them" in text
    # Exercises 1 and 2 (quota 5, plan price 1.5): rent 12.5 and diversion loss 14/3.
    assert "12.5" not in text and "4.67" not in text


def test_reading_follows_enforcement_and_the_menu():
    explorer = DualTrackExplorer()
    explorer.layout()
    result = explorer.update(enforcement=0.5)
    # By hand (tests/models/test_markets.py): p_m = 10/3, loss 20/3; plan users 14 against 24.
    assert result["market_price"] == pytest.approx(10 / 3)
    assert result["deadweight_loss"] == pytest.approx(20 / 3)
    assert "plan users lose 10.00 against the plan" in explorer.readout.value
    result = explorer.update(enforcement=0.5, shut_out=False)
    assert result["deadweight_loss"] == pytest.approx(0.0, abs=1e-9)
    assert "plan users lose 4.00" in explorer.readout.value


def test_bars_are_the_model_regimes():
    explorer = DualTrackExplorer()
    explorer.layout()
    result = explorer.update(quota=3.0, plan_price=6.0, enforcement=0.2)
    regimes = markets.compare(MARKET, 3.0, 6.0, 0.2)
    for name, out in regimes.items():
        assert result["bars"][name].tolist() == pytest.approx(
            [out.consumer_surplus, out.producer_surplus, out.plan_rent, out.deadweight_loss])
    # The fixed axes cover every bar: -28 to 46 (extremes worked out in the widget module).
    for values in result["bars"].values():
        assert values.min() >= -28 and values.max() <= 46

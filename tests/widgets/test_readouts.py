"""What the widgets say in words, checked against the numbers they show."""

import pytest

from course.widgets.measurement import SourcesExplorer
from course.widgets.sanctions import SanctionsExplorer


def test_growth_spread_is_not_given_relative_to_a_median_near_zero():
    explorer = SourcesExplorer()
    explorer.layout()
    # 2015 by hand: BOK first release -1.1, HRI (per capita) +9.0 -> spread 10.1 points.
    result = explorer.update(indicator="gdp_growth", year=2015)
    assert result["spread"] == pytest.approx(10.1)
    assert result["relative_spread"] is None and "of the median" not in explorer.readout.value
    trade = explorer.update(indicator="china_trade", year=2016)
    assert trade["relative_spread"] == pytest.approx(100 * 0.54 / 5.82)


def test_switching_indicator_from_code_keeps_the_menu_in_step():
    explorer = SourcesExplorer()
    explorer.layout()
    explorer.update(indicator="rice_price", year=2013)
    assert explorer.indicator.value == "rice_price"


def test_sanctions_reading_does_not_claim_nothing_is_banned_when_something_is():
    explorer = SanctionsExplorer()
    explorer.layout()
    # b = 0.9, w = 1, no enforcement in 2018, no discount: all banned exports leak, no 2018 loss.
    explorer.update(b=0.9, w=1.0, e_2018=0.0, d=0.0)
    assert "Nothing is banned" not in explorer.readout.value
    explorer.update(b=0.0)
    assert "Nothing is banned" in explorer.readout.value

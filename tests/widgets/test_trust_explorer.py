"""The trust explorer (notebook 08): its reading against the model's closed forms."""

import pytest

from course.models import trust
from course.widgets.trust import PAIRS_MENU, TrustExplorer

PAIRS = dict(PAIRS_MENU)


def test_readout_at_defaults_states_no_exercise_answer():
    # Notebook 08's answers at their checked precision (the master's hidden tests):
    # delta* = (7 - 5) / (7 - 2) = 0.40 and p* = (4 - 0) / ((9 - 6) + (4 - 0)) = 0.57.
    explorer = TrustExplorer()
    explorer.layout()
    text = explorer.readout.value
    assert "0.40" not in text and "0.4 " not in text and "0.57" not in text and "57%" not in text


def test_threshold_in_the_readout_is_axelrods_by_hand():
    # (5 - 3) / (5 - 1) = 0.50; delta = 0.49 falls short, 0.50 reaches it.
    explorer = TrustExplorer()
    explorer.layout()
    assert "δ* = 0.50" in explorer.readout.value
    assert not explorer.update(discount=0.49)["sustainable"]
    assert "falls short" in explorer.readout.value
    assert explorer.update(discount=0.50)["sustainable"]


def test_tit_for_tat_pair_reads_the_closed_form_half():
    explorer = TrustExplorer()
    explorer.layout()
    result = explorer.update(pair=PAIRS["tit-for-tat vs tit-for-tat"], noise=0.1)
    assert result["long_run"].tolist() == pytest.approx([0.5, 0.5])
    assert "long run by formula, the dotted lines: 50% and 50%" in explorer.readout.value


def test_graduated_steps_have_no_formula_and_no_dotted_line():
    explorer = TrustExplorer()
    explorer.layout()
    result = explorer.update()
    assert result["long_run"] is None and "by formula" not in explorer.readout.value


def test_payoff_paths_are_the_discounted_average_of_the_simulation():
    explorer = TrustExplorer()
    explorer.layout()
    result = explorer.update(pair=PAIRS["tit-for-tat vs always defect"], noise=0.0, discount=0.5)
    # Without errors: tit-for-tat gets S = 0 then P = 1 for ever; at delta = 0.5 after two
    # rounds (0 + 0.5 * 1) / 1.5 = 1/3.
    assert result["paths"][1, 0] == pytest.approx(1 / 3)
    assert trust.critical_discount(5, 3, 1) == pytest.approx(result["critical"])

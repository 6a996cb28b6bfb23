"""The linkage explorer (notebook 09): its reading against the model's closed forms."""

import pytest

from course.models import linkage
from course.widgets.linkage import LinkageExplorer

def test_readout_at_defaults_states_no_exercise_answer():
    # Notebook 09's answers at their checked precision (the master's hidden tests): a linked
    # deal set of 3.9 percent at the first exercise's settings, relief r = 0.66 at the second's.
    explorer = LinkageExplorer()
    explorer.layout()
    text = explorer.readout.value
    assert "0.66" not in text and "3.9" not in text


def test_nuclear_only_reading_is_the_closed_form():
    # theta and w do not touch a nuclear-only deal; kappa = 0.8, f = 0.05: d = r = 0.40,
    # payoffs 0.8^2 / 4 = 0.16.
    explorer = LinkageExplorer()
    explorer.layout()
    result = explorer.update(credibility=0.8, fallback_regime=0.05, fallback_other=0.05)
    assert result["deals"]["nuclear only"].d == pytest.approx(0.4, abs=1e-4)
    assert "<b>nuclear only</b>: d = 0.40, r = 0.40, payoffs 0.16 (N) and 0.16 (U)" in \
        explorer.readout.value

def test_costly_liberalization_empties_the_linked_set_and_the_readout_says_so():
    # theta = 1 >= kappa: linked relief is worth nothing net to the regime.
    explorer = LinkageExplorer()
    explorer.layout()
    result = explorer.update(theta=1.0)
    assert result["share_linked"] == 0.0 and not result["deals"]["linked"].exists
    assert "<b>linked</b>: no deal beats both fallbacks" in explorer.readout.value
    assert "linkage <b>shrinks</b>" in explorer.readout.value

def test_a_benefit_widens_the_set():
    explorer = LinkageExplorer()
    explorer.layout()
    result = explorer.update(theta=-0.5)
    assert result["share_linked"] > result["share_alone"]
    assert "linkage <b>widens</b>" in explorer.readout.value
    expected = linkage.nash_deal(-0.5, 0.5, 0.8, 0.05, 0.05)
    assert result["deals"]["linked"] == expected

"""Self-checks and hidden tests: one rule, two verdicts that agree, nothing raises."""

import json
import math

import pytest

from course import checks
from course.checks import Rule, check, grade, registry_entry, verdict

# One exercise, declared as a master would: 6.2903 to 2 decimals, within 0.02.
DECLARED = dict(expected=6.2903, decimals=2, tolerance=0.02, unit="percent",
                hint="compound the rates.", wrong={6.2: "you added the rates."})


@pytest.fixture(autouse=True)
def registry(tmp_path, monkeypatch):
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps({"q": registry_entry("q", **DECLARED)}))
    monkeypatch.setattr(checks, "_registry", lambda: json.loads(path.read_text()))


def grades(answer) -> bool:
    try:
        grade("q", answer, **DECLARED)
    except AssertionError:
        return False
    return True


# By hand: 6.2903 rounds to 629 hundredths; accepted are 627..631 hundredths, that is
# answers from 6.265 up to (not including) 6.315. 6.3 (the answer to one decimal) is in.
@pytest.mark.parametrize("answer, right", [
    (6.2903, True), (6.29, True), (6.3, True), (6.27, True), (6.31, True),
    (6.26501, True), (6.3149, True),         # just inside each edge (6.265 itself is 6.26499... in binary)
    (6.2649, False), (6.315, False),         # just outside
    (6.2, False), (6.26, False), (6.32, False), (-6.29, False), (629.03, False), (0.0629, False),
])
def test_self_check_and_hidden_test_agree(answer, right, capsys):
    assert (verdict("q", answer)[0] == "right") is right
    assert grades(answer) is right
    check("q", answer)
    out, err = capsys.readouterr()
    assert ("looks right" in out) is right and (not err) is right


def test_a_typical_wrong_answer_gets_its_own_hint_and_others_the_general_one():
    assert "you added the rates" in verdict("q", 6.2)[1]
    assert "compound the rates" in verdict("q", 6.0)[1]


def test_no_hint_before_a_first_try(capsys):
    check("q", None)
    out, err = capsys.readouterr()
    assert out == "" and "not answered yet" in err and "Hint" not in err


def test_the_message_is_printed_once_and_not_returned(capsys):
    assert check("q", 6.29) is None
    assert capsys.readouterr().out.count("looks right") == 1


@pytest.mark.parametrize("answer", ["6.29", [6.29], True, math.nan, math.inf, {"a": 1}, ..., object()])
def test_non_numbers_never_raise_and_never_grade(answer, capsys):
    check("q", answer)
    assert "not" in capsys.readouterr().err
    assert not grades(answer)


def test_numpy_numbers_count_as_numbers():
    np = pytest.importorskip("numpy")
    assert verdict("q", np.float64(6.29))[0] == "right" and grades(np.float32(6.29))


def test_an_unknown_exercise_is_reported_not_raised(capsys):
    check("nope", 1.0)
    assert "not in course/exercises.json" in capsys.readouterr().err


def test_a_stale_registry_is_an_authoring_error_not_a_wrong_answer():
    with pytest.raises(RuntimeError, match="does not match the declaration"):
        grade("q", 6.29, **{**DECLARED, "expected": 6.0})
    with pytest.raises(RuntimeError, match="does not match"):
        grade("q", 6.29, **{**DECLARED, "tolerance": 0.01})


def test_a_rule_that_accepts_a_typical_wrong_answer_is_refused():
    with pytest.raises(ValueError, match="accepts the typical wrong answer 6.2"):
        registry_entry("q", expected=6.2903, decimals=1, tolerance=0.1, wrong={6.2: "added"})


@pytest.mark.parametrize("decimals, tolerance", [(7, 0), (-1, 0), (2, 0.015), (1, -0.1), (2.0, 0)])
def test_malformed_rules_are_refused(decimals, tolerance):
    with pytest.raises(ValueError):
        Rule(decimals, tolerance)


def test_rounding_is_half_away_from_zero_on_the_exact_value():
    rule = Rule(1)
    assert rule.units(0.25) == 3 and rule.units(-0.25) == -3   # 0.25 is exact in binary
    assert rule.units(0.35) == 3                               # 0.35 is 0.34999... in binary
    assert rule.units(-0.04) == 0 and rule.units(2.0 ** 1000) == 10 * 2 ** 1000  # exact, however large


def test_the_registry_holds_no_values():
    entry = registry_entry("q", **DECLARED)
    text = json.dumps(entry)
    assert "6.29" not in text and "6.2" not in text
    assert len(entry["accepted"]) == 5 and len(entry["wrong"]) == 1
    assert all(len(key) == 24 and int(key, 16) >= 0 for key in [*entry["accepted"], *entry["wrong"]])

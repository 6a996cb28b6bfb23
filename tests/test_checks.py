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


# --- Numbers quoted from the capstone dashboard (grade_scenario) ------------------------
from course.checks import check_scenario, grade_scenario, scenario_registry_entry, scenario_verdict
from course.models import scenario

# Declared as a master would: consumption per worker to 1 decimal, within 0.1.
SCENARIO = dict(quantity="consumption_index", decimals=1, tolerance=0.1, unit="index",
                hint="copy the settings the dashboard prints.")
# By hand: steady-state consumption per worker is proportional to (1 - m)**1.5 when
# alpha = 1/3 (k ~ ((1 - m) s / delta)**1.5, c = (1 - s)(1 - m) k**(1/3)); so at
# m = 0 against today's 0.23: 100 * (1 / 0.77)**1.5 = 100 * 1.29870**1.5 = 148.0.
CUT = {**scenario.Scenario().settings(), "military_share": 0.0}


@pytest.fixture
def scenario_registry(tmp_path, monkeypatch):
    path = tmp_path / "exercises.json"
    path.write_text(json.dumps({"s": scenario_registry_entry("s", **SCENARIO),
                                "q": registry_entry("q", **DECLARED)}))
    monkeypatch.setattr(checks, "_registry", lambda: json.loads(path.read_text()))


def scenario_grades(settings, reported) -> bool:
    try:
        grade_scenario("s", settings, reported, **SCENARIO)
    except AssertionError:
        return False
    return True


@pytest.mark.parametrize("settings, reported, right", [
    (CUT, 148.0, True), (CUT, 148.1, True), (CUT, 147.9, True),   # within 0.1 of 148.0
    (CUT, 148.2, False), (CUT, 147.8, False), (CUT, 100.0, False),  # outside; today's value
    (scenario.Scenario().settings(), 100.0, True),                  # defaults: 100 by definition
    (scenario.Scenario().settings(), 148.0, False),                 # the number of other settings
])
def test_scenario_self_check_and_hidden_test_agree(scenario_registry, settings, reported, right,
                                                   capsys):
    assert (scenario_verdict("s", settings, reported)[0] == "right") is right
    assert scenario_grades(settings, reported) is right
    check_scenario("s", settings, reported)
    out, err = capsys.readouterr()
    assert ("looks right" in out) is right and (not err) is right


@pytest.mark.parametrize("settings, reported, says", [
    (None, 148.0, "not answered yet"), (CUT, None, "not answered yet"),
    ({**CUT, "military_share": 0.9}, 148.0, "between 0 and 0.4"),       # out of the slider's range
    ({**CUT, "military_share": -0.1}, 148.0, "between 0 and 0.4"),
    ({k: v for k, v in CUT.items() if k != "noise"}, 148.0, "missing noise"),
    ({**CUT, "guns": 1.0}, 148.0, "unknown setting"),
    ({**CUT, "military_share": math.nan}, 148.0, "finite number"),
    ({**CUT, "military_share": "0"}, 148.0, "finite number"),
    ({**CUT, "military_share": True}, 148.0, "finite number"),
    ("military_share=0", 148.0, "must be a dict"), ([0.0], 148.0, "must be a dict"),
    (CUT, "148.0", "single finite number"), (CUT, math.nan, "single finite number"),
    (CUT, [148.0], "single finite number"), (CUT, math.inf, "single finite number"),
])
def test_scenario_bad_input_is_reported_never_raised_never_graded(scenario_registry, settings,
                                                                 reported, says, capsys):
    check_scenario("s", settings, reported)
    out, err = capsys.readouterr()
    assert out == "" and says in err and "[s] not" in err
    assert not scenario_grades(settings, reported)


def test_scenario_hint_only_after_a_wrong_try(scenario_registry):
    assert "Hint" not in scenario_verdict("s", None, None)[1]
    assert "copy the settings" in scenario_verdict("s", CUT, 120.0)[1]


def test_a_stale_scenario_registry_is_an_authoring_error(scenario_registry):
    with pytest.raises(RuntimeError, match="does not match"):
        grade_scenario("s", CUT, 148.0, **{**SCENARIO, "tolerance": 0.2})
    with pytest.raises(RuntimeError, match="does not match"):
        grade_scenario("s", CUT, 148.0, **{**SCENARIO, "quantity": "exports_kept"})
    with pytest.raises(RuntimeError, match="does not match"):   # a value check under this id
        grade_scenario("q", CUT, 148.0, **SCENARIO)


def test_scenario_checks_and_value_checks_do_not_mix(scenario_registry, capsys):
    check_scenario("q", CUT, 148.0)   # a value exercise is not a scenario check
    check("s", 148.0)                 # nor the other way round
    err = capsys.readouterr().err
    assert "not in course/exercises.json" in err and "should call check_scenario" in err


def test_a_scenario_declaration_names_a_real_quantity_and_rule():
    with pytest.raises(ValueError, match="quantity must be one of"):
        scenario_registry_entry("s", quantity="happiness", decimals=1)
    with pytest.raises(ValueError):
        scenario_registry_entry("s", quantity="consumption_index", decimals=1, tolerance=0.05)
    entry = scenario_registry_entry("s", **SCENARIO)
    assert entry["kind"] == "scenario" and "148" not in json.dumps(entry)

"""Self-checks: right answers pass, wrong ones get a hint, nothing raises."""

import math

import pytest

from course.checks import check_number, fingerprint, is_number

DIGEST = fingerprint("q", 6.29, 1)


@pytest.mark.parametrize("answer", [6.29, 6.3, 6.25, 6.34, 6.2, 6.4])
def test_answers_within_one_unit_of_the_last_place_pass(answer):
    assert "looks right" in check_number("q", answer, digest=DIGEST, decimals=1)


@pytest.mark.parametrize("answer", [6.1, 6.5, -6.3, 63.0, 0.0])
def test_wrong_answers_get_the_hint(answer):
    message = check_number("q", answer, digest=DIGEST, decimals=1, hint="compound it")
    assert "not yet" in message and "compound it" in message


@pytest.mark.parametrize("answer", [None, ...])
def test_missing_answer_says_not_answered(answer, capsys):
    check_number("q", answer, digest=DIGEST, decimals=1)
    assert "not answered yet" in capsys.readouterr().out


@pytest.mark.parametrize("answer", ["6.3", [6.3], True, math.nan, math.inf, {"a": 1}])
def test_non_numbers_never_raise(answer):
    message = check_number("q", answer, digest=DIGEST, decimals=1)
    assert "expected a single finite number" in message


def test_fingerprint_depends_on_question_and_rounding():
    assert fingerprint("q", 6.29, 1) == fingerprint("q", 6.31, 1)  # both round to 6.3
    assert fingerprint("q", 6.29, 1) != fingerprint("r", 6.29, 1)
    assert fingerprint("q", -0.001, 1) == fingerprint("q", 0.0, 1)  # no "-0.0"
    with pytest.raises(ValueError, match="decimals"):
        fingerprint("q", 1.0, 7)


def test_is_number():
    assert is_number(1) and is_number(2.5)
    assert not is_number(True) and not is_number("1") and not is_number(math.nan)

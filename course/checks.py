"""Self-checks and hidden tests for numeric exercises, from one declaration.

Every autograded exercise is declared once, in the hidden tests of its master
notebook::

    check("00-cumulative-growth", cumulative_2012_2016)
    ### BEGIN HIDDEN TESTS
    grade("00-cumulative-growth", cumulative_2012_2016, expected=6.2903,
          decimals=2, tolerance=0.02, unit="percent", hint="...", wrong={6.2: "..."})
    ### END HIDDEN TESTS

The acceptance rule (:class:`Rule`) rounds the answer and the expected value to
``decimals`` places and accepts the answer when the two differ by at most
``tolerance``. :func:`grade`, which nbgrader strips from the student's copy,
applies the rule to the expected value itself. :func:`check`, which the
student sees, applies the same rule through the exercise registry
``course/exercises.json`` (or the file named by the environment variable
``COURSE_EXERCISES``, for a course root with masters of its own): the authoring step writes there, for each exercise,
the digests of every accepted rounded value (and of each typical wrong value,
with its hint), never the values. So the two cannot disagree, and a test
(``tests/test_exercise_verdicts.py``) tries a spread of answers on every
exercise of every master to prove it.

A check never raises, so Run All always reaches the end. It prints one line:
"looks right" on standard output, or "not answered yet" / "not yet" (with a
hint, only after a wrong try) on standard error. nbgrader counts a graded
cell that wrote to standard error as failed, so its Validate button and the
autograder agree with the check.

A number quoted from notebook 10's scenario dashboard has no single expected
value: it must be the dashboard's at the settings the student states. Such an
exercise is declared once by :func:`grade_scenario` (the quantity and the
rule, as literals); the registry records them, and :func:`check_scenario` and
:func:`grade_scenario` both recompute the number with
:func:`course.models.scenario.quantity` and judge it in one place
(``_scenario_judgement``), so they cannot disagree either.

The digests are slow on purpose (PBKDF2, about 20 ms each): they keep answers
out of sight, and make trying every candidate number tedious, but they are no
lock against a determined programmer. The grade comes from the hidden tests.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
import os
import sys
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from pathlib import Path

REGISTRY = Path(__file__).with_name("exercises.json")
#: Environment variable naming another registry (a course root with masters of its own).
REGISTRY_VARIABLE = "COURSE_EXERCISES"
_ITERATIONS = 20_000
_SALT = b"course.checks"


def is_number(answer) -> bool:
    """True for a finite real number (bool and numeric strings excluded)."""
    return (isinstance(answer, numbers.Real) and not isinstance(answer, bool)
            and math.isfinite(float(answer)))


@dataclass(frozen=True)
class Rule:
    """Acceptance rule: equal after rounding to ``decimals``, within ``tolerance``.

    Parameters
    ----------
    decimals : int
        Places to which answers are rounded before comparing (0 to 6). Rounding is
        half away from zero, on the exact binary value of the number.
    tolerance : float
        Largest accepted difference between the rounded answer and the rounded
        expected value; a whole multiple of ``10 ** -decimals`` (0 means equal
        after rounding).

    Raises
    ------
    ValueError
        If ``decimals`` is outside 0-6, or ``tolerance`` is negative or not a
        multiple of the last place.
    """

    decimals: int
    tolerance: float = 0.0

    def __post_init__(self):
        if not (isinstance(self.decimals, int) and 0 <= self.decimals <= 6):
            raise ValueError(f"decimals must be a whole number from 0 to 6; got {self.decimals!r}")
        steps = self.tolerance * 10 ** self.decimals
        if self.tolerance < 0 or abs(steps - round(steps)) > 1e-6:
            raise ValueError(f"tolerance must be 0 or a positive multiple of {10.0 ** -self.decimals:g} "
                             f"(the last of {self.decimals} decimal places); got {self.tolerance!r}")

    @property
    def steps(self) -> int:
        """The tolerance in units of the last place."""
        return round(self.tolerance * 10 ** self.decimals)

    def units(self, value) -> int:
        """``value`` rounded to ``decimals`` places, as a whole number of last-place units."""
        with localcontext(prec=400):  # room for every finite float at 6 decimals
            scaled = Decimal(float(value)).scaleb(self.decimals)
            return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    def accepts(self, answer, expected: float) -> bool:
        """Whether ``answer`` is accepted for ``expected`` (False for non-numbers)."""
        return is_number(answer) and abs(self.units(answer) - self.units(expected)) <= self.steps

    def describe(self) -> str:
        places = f"{self.decimals} decimal place{'s' if self.decimals != 1 else ''}"
        if self.steps == 0:
            return f"checked to {places}"
        return f"checked to {places}, within {self.tolerance:.{self.decimals}f}"


def _not_a_number(label: str, value, unit: str) -> str:
    """The verdict's message for an answer that is not one finite number (shown shortened)."""
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return (f"{label} not yet: expected a single finite number{unit}, with no quotes "
            f"and no list; got {type(value).__name__} {shown}.")


@lru_cache(maxsize=1024)
def digest(question: str, units: int) -> str:
    """Digest of one rounded value (in last-place units) of exercise ``question``.

    Deliberately slow to compute (key stretching); kept for the session, since a
    self-check and the hidden test of one answer ask for the same digests.
    """
    text = f"{question}:{units}".encode()
    return hashlib.pbkdf2_hmac("sha256", text, _SALT, _ITERATIONS).hex()[:24]


def registry_entry(question: str, *, expected: float, decimals: int, tolerance: float = 0.0,
                   unit: str = "", hint: str = "", wrong: dict | None = None) -> dict:
    """The student-safe record of one exercise: rule, unit, hints and digests, no values.

    Raises
    ------
    ValueError
        If the rule is malformed, ``expected`` is not a finite number, or the rule
        would accept one of the typical ``wrong`` answers.
    """
    rule = Rule(decimals, tolerance)
    if not is_number(expected):
        raise ValueError(f"{question}: expected must be a finite number; got {expected!r}")
    centre = rule.units(expected)
    wrong = wrong or {}
    for value in wrong:
        if rule.accepts(value, expected):
            raise ValueError(f"{question}: the rule ({rule.describe()}) accepts the typical wrong "
                             f"answer {value!r}; tighten decimals or tolerance")
    return {
        "decimals": decimals, "tolerance": tolerance, "unit": unit, "hint": hint,
        "accepted": sorted(digest(question, centre + k) for k in range(-rule.steps, rule.steps + 1)),
        "wrong": {digest(question, rule.units(value)): text for value, text in wrong.items()},
    }


def _registry_agrees(question, rule, expected, unit, hint, wrong) -> bool:
    # The rule's two edges and its centre: three digests instead of all of them
    # keeps a hidden test fast; any stale registry moves at least one of them.
    entry = _registry().get(question)
    if entry is None or (entry["decimals"], entry["tolerance"], entry["unit"], entry["hint"]) != (
            rule.decimals, rule.tolerance, unit, hint):
        return False
    centre = rule.units(expected)
    edges = {centre - rule.steps, centre, centre + rule.steps}
    return (len(entry["accepted"]) == 2 * rule.steps + 1 and len(entry["wrong"]) == len(wrong)
            and all(digest(question, units) in entry["accepted"] for units in edges))


def _registry() -> dict:
    return _read_registry(os.environ.get(REGISTRY_VARIABLE) or str(REGISTRY))


@lru_cache(maxsize=4)
def _read_registry(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def verdict(question: str, answer) -> tuple[str, str]:
    """The self-check's verdict and its message, without printing.

    Returns
    -------
    (str, str)
        ``("right" | "missing" | "wrong", message)``.
    """
    label = f"[{question}]"
    entry = _registry().get(question)
    if entry is None:
        return "wrong", (f"{label} this exercise is not in course/exercises.json: the course "
                         f"package is older than the notebook; ask your instructor.")
    if entry.get("kind") == "scenario":
        return "wrong", (f"{label} this number is checked against your settings: the notebook "
                         f"should call check_scenario; ask your instructor.")
    rule = Rule(entry["decimals"], entry["tolerance"])
    unit = f" (unit: {entry['unit']})" if entry["unit"] else ""
    if answer is None or answer is Ellipsis:
        return "missing", f"{label} not answered yet: replace None with your number{unit}."
    if not is_number(answer):
        return "wrong", _not_a_number(label, answer, unit)
    mine = digest(question, rule.units(answer))
    if mine in entry["accepted"]:
        return "right", f"{label} looks right ({rule.describe()})."
    hint = entry["wrong"].get(mine) or entry["hint"]
    # The student's number as they gave it (up to 10 significant digits), not rounded to the rule.
    message = f"{label} not yet: {float(answer):.10g} is not accepted{unit}."
    return "wrong", message + (f" Hint: {hint}" if hint else "")


def check(question: str, answer) -> None:
    """Print the self-check's one-line verdict on an answer. Never raises.

    "looks right" goes to standard output; "not answered yet" and "not yet" go
    to standard error, which nbgrader's Validate and autograder count as a
    failed cell (JupyterLab shows it on a pink background).

    Parameters
    ----------
    question : str
        The exercise id, e.g. ``"00-cumulative-growth"``.
    answer : object
        What the student assigned; ``None`` means not answered yet.
    """
    _report(question, verdict, answer)


def _report(question: str, judge, *args) -> None:
    """Print ``judge(question, *args)``'s verdict: "right" on stdout, the rest on stderr.

    Shared by every self-check; never raises, so a broken check cannot stop Run All.
    """
    try:
        kind, message = judge(question, *args)
    except Exception as error:  # a self-check must never stop Run All
        kind, message = "wrong", f"[{question}] the check could not run ({error!r}); ask your instructor."
    stream = sys.stdout if kind == "right" else sys.stderr
    print(message, file=stream, flush=True)


def grade(question: str, answer, *, expected: float, decimals: int, tolerance: float = 0.0,
          unit: str = "", hint: str = "", wrong: dict | None = None) -> None:
    """Hidden test: raise ``AssertionError`` unless ``answer`` meets the declared rule.

    This call is the exercise's one declaration: the authoring step reads its
    literal arguments to write the registry that :func:`check` uses.

    Parameters
    ----------
    question : str
        The exercise id.
    answer : object
        The student's answer.
    expected : float
        The expected value, worked out by hand in a comment beside the call.
    decimals, tolerance
        The acceptance rule (see :class:`Rule`).
    unit, hint, wrong
        What the self-check says: the unit, a hint after a wrong try, and a
        targeted hint per typical wrong value (each must be rejected).

    Raises
    ------
    AssertionError
        If the answer is missing, not a finite number, or outside the rule.
    RuntimeError
        If ``course/exercises.json`` disagrees with this declaration (the
        registry was not rebuilt after the master changed).
    """
    rule = Rule(decimals, tolerance)
    if not _registry_agrees(question, rule, expected, unit, hint, wrong or {}):
        raise RuntimeError(f"course/exercises.json does not match the declaration of {question}: "
                           f"run `python -m course.instructor build`")
    assert rule.accepts(answer, expected), (
        f"{question}: answer {answer!r:.60} not accepted ({rule.describe()})")


# --- Numbers quoted from the capstone's dashboard -------------------------------------
# A consistency check: the expected value is not a literal but the dashboard's
# number at the settings the student states (course.models.scenario). The rule,
# the quantity and the hints are still declared once, by the literal arguments of
# grade_scenario(...); the registry holds them (no digests: the student can
# compute the number anyway, the check only asks that the quoted number is the
# dashboard's at the stated settings).

def scenario_registry_entry(question: str, *, quantity: str, decimals: int,
                            tolerance: float = 0.0, unit: str = "", hint: str = "") -> dict:
    """The registry record of a scenario check: its quantity and rule.

    Raises
    ------
    ValueError
        If the rule is malformed or ``quantity`` is not a headline number of
        :mod:`course.models.scenario`.
    """
    from course.models import scenario

    Rule(decimals, tolerance)
    if quantity not in scenario.quantities():
        raise ValueError(f"{question}: quantity must be one of {', '.join(scenario.quantities())}; "
                         f"got {quantity!r}")
    return {"kind": "scenario", "quantity": quantity, "decimals": decimals,
            "tolerance": tolerance, "unit": unit, "hint": hint}


def _scenario_judgement(question: str, entry: dict, settings, reported) -> tuple[str, str]:
    """Apply a scenario check's registry entry; the one place its verdict is made."""
    from course.models import scenario

    label = f"[{question}]"
    rule = Rule(entry["decimals"], entry["tolerance"])
    unit = f" (unit: {entry['unit']})" if entry["unit"] else ""
    if settings is None or settings is Ellipsis or reported is None or reported is Ellipsis:
        return "missing", (f"{label} not answered yet: state your settings (a dict copied from the "
                           f"dashboard) and the number you quote{unit}.")
    try:
        expected = scenario.quantity(settings, entry["quantity"])
    except ValueError as error:
        return "wrong", f"{label} not yet: the settings cannot be read: {error}."
    if not is_number(reported):
        return "wrong", _not_a_number(label, reported, unit)
    if rule.accepts(reported, expected):
        return "right", f"{label} looks right: the dashboard's number at your settings ({rule.describe()})."
    message = (f"{label} not yet: {float(reported):.10g} is not the dashboard's number at the "
               f"settings you state{unit}.")
    return "wrong", message + (f" Hint: {entry['hint']}" if entry["hint"] else "")


def scenario_verdict(question: str, settings, reported) -> tuple[str, str]:
    """The verdict of :func:`check_scenario`, without printing (see :func:`verdict`)."""
    entry = _registry().get(question)
    if entry is None or entry.get("kind") != "scenario":
        return "wrong", (f"[{question}] this scenario check is not in course/exercises.json: the "
                         f"course package is older than the notebook; ask your instructor.")
    return _scenario_judgement(question, entry, settings, reported)


def check_scenario(question: str, settings, reported) -> None:
    """Self-check of a number quoted from the dashboard at stated settings. Never raises.

    Parameters
    ----------
    question : str
        The exercise id, e.g. ``"10-consumption"``.
    settings : dict
        The dashboard settings the student used (every setting, by name).
    reported : float
        The number the student quotes.
    """
    _report(question, scenario_verdict, settings, reported)


def grade_scenario(question: str, settings, reported, *, quantity: str, decimals: int,
                   tolerance: float = 0.0, unit: str = "", hint: str = "") -> None:
    """Hidden test: the quoted number must be the dashboard's at the stated settings.

    The exercise's one declaration (literal keyword arguments, read by the
    authoring step like :func:`grade`'s). The expected value is
    ``course.models.scenario.quantity(settings, quantity)``, rounded and
    compared by the :class:`Rule` ``(decimals, tolerance)``.

    Raises
    ------
    AssertionError
        If the settings or the number are missing, malformed or out of range, or
        the number is outside the rule.
    RuntimeError
        If ``course/exercises.json`` disagrees with this declaration.
    """
    declared = scenario_registry_entry(question, quantity=quantity, decimals=decimals,
                                       tolerance=tolerance, unit=unit, hint=hint)
    if _registry().get(question) != declared:
        raise RuntimeError(f"course/exercises.json does not match the declaration of {question}: "
                           f"run `python -m course.instructor build`")
    kind, message = _scenario_judgement(question, declared, settings, reported)
    assert kind == "right", message


__all__ = ["Rule", "check", "grade", "verdict", "registry_entry", "digest", "is_number",
           "check_scenario", "grade_scenario", "scenario_verdict", "scenario_registry_entry"]

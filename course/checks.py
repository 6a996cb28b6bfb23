"""Self-checks for numeric exercises.

A student's notebook must run top to bottom whether or not an exercise is
answered, and the check must not give the answer away. So a check never
raises: it prints one line, "not answered yet", "looks right" or "not yet",
with a hint. It compares the student's number with a *fingerprint* of the
expected value (a SHA-256 digest of the value rounded to a stated number of
decimals), not the value itself. Guessing from the digest means trying every
candidate number, which is more work than the exercise. The instructor's
hidden tests, which nbgrader strips from student copies, check the value
itself with a tolerance.

Authors make a fingerprint with :func:`fingerprint` in the master notebook.
"""

from __future__ import annotations

import hashlib
import math
import numbers


def _rounded_text(value: float, decimals: int) -> str:
    # `+ 0.0` turns -0.0 into 0.0, so that a tiny negative answer and zero match.
    return f"{round(float(value), decimals) + 0.0:.{decimals}f}"


def fingerprint(question: str, value: float, decimals: int) -> str:
    """Digest of ``value`` rounded to ``decimals`` places, salted with the question id.

    Parameters
    ----------
    question : str
        A short id unique within the course, e.g. ``"00-cumulative-growth"``.
    value : float
        The expected answer.
    decimals : int
        Precision at which answers count as the same (0 to 6).

    Returns
    -------
    str
        16 hexadecimal characters.
    """
    if not 0 <= decimals <= 6:
        raise ValueError(f"decimals must be between 0 and 6; got {decimals}")
    text = f"{question}:{_rounded_text(value, decimals)}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def is_number(answer) -> bool:
    """True for a finite real number (bool and numeric strings excluded)."""
    return (isinstance(answer, numbers.Real) and not isinstance(answer, bool)
            and math.isfinite(float(answer)))


def check_number(question: str, answer, *, digest: str, decimals: int,
                 hint: str = "", unit: str = "") -> str:
    """Print and return a one-line verdict on a numeric answer. Never raises.

    The answer counts as right when, rounded to ``decimals`` places, it equals
    the expected value or is one unit of the last place away (so rounding
    differences between methods do not fail a correct answer).

    Parameters
    ----------
    question : str
        The id used when the fingerprint was made.
    answer : object
        What the student assigned; ``None`` means not answered yet.
    digest : str
        ``fingerprint(question, expected, decimals)``.
    decimals : int
        Precision of the comparison.
    hint : str
        Shown when the answer is not right yet.
    unit : str
        Unit the answer should be in, named in messages.
    """
    label = f"[{question}]"
    in_unit = f" in {unit}" if unit else ""
    if answer is None or answer is Ellipsis:
        message = f"{label} not answered yet: replace None with your number{in_unit}."
    elif not is_number(answer):
        message = (f"{label} not yet: expected a single finite number{in_unit}, "
                   f"got {type(answer).__name__} {answer!r:.60}.")
    else:
        step = 10.0 ** -decimals
        near = (float(answer) + k * step for k in (0, -1, 1))
        if any(fingerprint(question, v, decimals) == digest for v in near):
            message = f"{label} looks right (checked to {decimals} decimal places)."
        else:
            message = f"{label} not yet: {answer:.{max(decimals, 0)}f}{in_unit} does not match."
            if hint:
                message += f" Hint: {hint}"
    print(message)
    return message


__all__ = ["fingerprint", "check_number", "is_number"]

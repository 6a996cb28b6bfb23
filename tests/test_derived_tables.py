"""Derived tables are computed once a session, and every caller gets its own copy."""

import pandas as pd

from course.data import corruption, loader, markets


def test_a_derived_table_is_computed_once_and_each_caller_gets_a_copy():
    calls = []

    @loader.derived
    def table(n):
        calls.append(n)
        return pd.DataFrame({"x": range(n)})

    first = table(3)
    first.loc[0, "x"] = 99  # a notebook changing what it got
    second = table(3)
    assert calls == [3]
    assert second["x"].tolist() == [0, 1, 2]
    table(4)
    assert calls == [3, 4]  # other arguments, another table


def test_changing_a_course_table_does_not_change_the_next_call():
    for function in (corruption.payments, markets.disagreements):
        shown = function()
        shown.iloc[:, 0] = None
        assert function().equals(function.__wrapped__()), function.__name__

"""Fixtures for the grading tests (helpers live in course_roots.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from course_roots import FIXTURES, GROWTH, OTHER, SimulatedClass, make_course_root, run_class  # noqa: E402


@pytest.fixture(scope="module")
def fixture_class(tmp_path_factory) -> SimulatedClass:
    base = tmp_path_factory.mktemp("fixture-class")
    course = make_course_root(base / "instructor", [FIXTURES / GROWTH, FIXTURES / OTHER])
    return run_class(course, GROWTH, OTHER)


def pytest_configure(config):
    # nbgrader's own gradebook code trips this SQLAlchemy warning on every new submission.
    config.addinivalue_line("filterwarnings", "ignore:Object of type <Submitted")

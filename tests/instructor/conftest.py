"""Fixtures for the grading tests (helpers live in course_roots.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from course_roots import FIXTURES, GROWTH, OTHER, SimulatedClass, make_course_root, run_class  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def fixture_registry(tmp_path_factory):
    """The self-checks read the course's registry plus the fixture masters' exercises."""
    import json

    from course.checks import REGISTRY
    from course.instructor.exercises import registry

    entries = {**json.loads(REGISTRY.read_text(encoding="utf-8")),
               **registry(sorted(FIXTURES.glob("*/*.ipynb")))}
    path = tmp_path_factory.mktemp("registry") / "exercises.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_EXERCISES", str(path))
        yield path


@pytest.fixture(scope="module")
def fixture_class(tmp_path_factory) -> SimulatedClass:
    base = tmp_path_factory.mktemp("fixture-class")
    course = make_course_root(base / "instructor", [FIXTURES / GROWTH, FIXTURES / OTHER])
    return run_class(course, GROWTH, OTHER)


def pytest_configure(config):
    # nbgrader's own gradebook code trips this SQLAlchemy warning on every new submission.
    config.addinivalue_line("filterwarnings", "ignore:Object of type <Submitted")

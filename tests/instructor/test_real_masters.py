"""The grading workflow on the course's real master notebooks (instructor/source).

Copies every master into a temporary course root, releases each one (the
release first autograds the master itself), runs the full simulated class on
the first notebook, and a right and a wrong submission on each of the others.
"""

from __future__ import annotations


import pytest

import classchecks
import simclass
from course_roots import FIXTURES, OTHER, make_course_root, real_masters, run_class
from course.instructor import collect, grading, release
from course.instructor.release import ReleaseError, leaks

pytestmark = pytest.mark.slow
MASTERS = real_masters()
NAMES = [p.name for p in MASTERS]

if not MASTERS:
    pytest.skip("no master notebooks in instructor/source yet", allow_module_level=True)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    base = tmp_path_factory.mktemp("real-course")
    return make_course_root(base / "instructor", MASTERS + [FIXTURES / OTHER])


@pytest.fixture(scope="module")
def released(course):
    errors = {}
    for name in NAMES[1:]:
        try:
            release.release(course, name, timeout=60, report=lambda _: None)
        except ReleaseError as error:
            errors[name] = str(error)
    return errors


@pytest.fixture(scope="module")
def first_class(course):
    return run_class(course, NAMES[0], OTHER, timeout=5)


def test_first_notebook_full_simulated_class(first_class):
    classchecks.check_collect(first_class)
    classchecks.check_scores(first_class)
    classchecks.check_hostile(first_class)
    classchecks.check_rubric_cells(first_class)
    classchecks.check_export(first_class)
    classchecks.check_feedback(first_class)


@pytest.mark.parametrize("name", NAMES)
def test_release_of_real_master_has_no_solutions_or_hidden_tests(course, released, first_class, name):
    assert name not in released, released.get(name)
    source = course.source / name / f"{name}.ipynb"
    path = course.release / name / f"{name}.ipynb"
    assert leaks(source, path) == []
    text = path.read_text()
    assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text and "**Rubric**" not in text


@pytest.mark.parametrize("name", NAMES[1:])
def test_right_and_wrong_answers_on_other_notebooks(course, released, first_class, tmp_path, name):
    import nbformat

    assert name not in released, released.get(name)
    rel = nbformat.read(course.release / name / f"{name}.ipynb", as_version=4)
    master = nbformat.read(course.source / name / f"{name}.ipynb", as_version=4)
    tests, _ = simclass.points(rel)
    folder = tmp_path / "download"
    folder.mkdir()
    (folder / f"s01_{name}.ipynb").write_text(nbformat.writes(simclass.answered(rel, master)))
    (folder / f"s02_{name}.ipynb").write_text(nbformat.writes(simclass.answered(rel, master, right=False)))
    report = collect.collect(course, name, folder, report=lambda _: None)
    assert report.collected == ["s01", "s02"]
    outcomes = {o.student: o for o in grading.autograde(course, name, jobs=2, timeout=60, report=lambda _: None)}
    assert outcomes["s01"].status == outcomes["s02"].status == "graded"
    assert classchecks.autograded_points(course, name, "s01") == sum(tests)
    assert classchecks.autograded_points(course, name, "s02") == 0

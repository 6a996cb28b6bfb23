"""Every case in fixtures/cases (copied from ../shared/cases, see its README) as a test.

The cases were made with notebook 00. The course root here uses the case's own
master (``rerelease-master-points-2-to-3.ipynb`` with the test back at 2
points, as it was first released), so these tests do not change when the
repository's master of 00 does.

The case files predate the self-check API of ``course.checks`` (one
``grade(...)`` declaration per exercise, issue #8): the tests first bring every
case file to it, changing only the import line and, in the master, each test
cell's ``check_number(...)`` and hidden ``assert`` to ``check``/``grade`` with
the same expected value and tolerance. That is what a real class sees, whose
work is all made against one release.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest

import classchecks
from course_roots import make_course_root
from course.instructor import REPO, collect, grading, release, roster
from course.instructor.export import export

pytestmark = pytest.mark.slow
CASES = classchecks.FIXTURES_DIR / "cases"
A = "00-reading-north-korea-by-numbers"
NB = f"{A}.ipynb"
RERELEASE = CASES / "rerelease-master-points-2-to-3.ipynb"
ROSTER = ("id,name,email\n" + "".join(f"s{n:02d},Student {n},s{n:02d}@uni.edu\n" for n in range(1, 13))) \
    .replace("Student 5,", "박서연,").replace("Student 4,", "Zoë Kim,")


OLD_TEST = re.compile(r'check_number\("(?P<id>[\w-]+)", (?P<var>\w+), digest="\w+", decimals=(?P<d>\d),'
                      r'\s*unit="(?P<unit>[^"]*)", hint="(?P<hint>[^"]*)"\)\n### BEGIN HIDDEN TESTS\n'
                      r'(?P<comment>#[^\n]*\n)assert abs\(\w+ - (?P<value>[\d.]+)\) < (?P<tol>[\d.]+), \w+\n')


OLD_CHECK = re.compile(r'check_number\("(?P<id>[\w-]+)", (?P<var>\w+), digest="\w+", decimals=\d,'
                       r'\s*unit="[^"]*", hint="[^"]*"\)')


def _current_api(text: str) -> str:
    """A case notebook's text brought to the check/grade API (see the module docstring)."""
    def test_cell(m):
        decimals = int(m["d"]) + 1
        return (f'check("{m["id"]}", {m["var"]})\n### BEGIN HIDDEN TESTS\nfrom course.checks import grade\n'
                f'{m["comment"]}grade("{m["id"]}", {m["var"]}, expected={m["value"]}, decimals={decimals}, '
                f'tolerance={m["tol"]}, unit="{m["unit"]}", hint="{m["hint"]}")\n')

    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        source = OLD_TEST.sub(test_cell, cell.source.replace("import check_number", "import check"))
        cell.source = OLD_CHECK.sub(r'check("\g<id>", \g<var>)', source)   # a student copy's visible line
    return nbformat.writes(notebook)


def _current_api_zip(source, target):
    """A copy of an LMS download whose notebooks are brought to the current API; names,
    dates and flags of every entry kept."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.endswith(".ipynb"):
                data = _current_api(data.decode("utf-8")).encode("utf-8")
            new.writestr(info, data)
    return target


def _master(points: int) -> str:
    return _current_api(RERELEASE.read_text(encoding="utf-8").replace('"points": 3', f'"points": {points}'))


@pytest.fixture(scope="module", autouse=True)
def case_registry(tmp_path_factory):
    """The self-checks read the case master's exercises (same ids as the real 00, other rules)."""
    from course.instructor.exercises import registry

    folder = tmp_path_factory.mktemp("case-master")
    (folder / NB).write_text(_master(2), encoding="utf-8")
    path = folder / "exercises.json"
    path.write_text(json.dumps(registry([folder / NB])), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COURSE_EXERCISES", str(path))
        yield path


def _course(base, zone=None):
    src = base / "src" / A
    src.mkdir(parents=True)
    (src / NB).write_text(_master(2), encoding="utf-8")
    course = make_course_root(base / "instructor", [src])
    if zone:
        with open(course.root / "nbgrader_config.py", "a", encoding="utf-8") as handle:
            handle.write(f"\nc.CourseSettings.timezone = {zone!r}\n")
    (base / "roster.csv").write_text(ROSTER, encoding="utf-8")
    roster.import_roster(course, base / "roster.csv")
    return course


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The case course, released, with the Colab, Korean-name and Blackboard cases collected and autograded."""
    base = tmp_path_factory.mktemp("cases")
    course = _course(base)
    release.release(course, A, timeout=60, report=lambda _: None)
    download = base / "download"
    download.mkdir()
    (download / f"s04_{NB}").write_text(
        _current_api((CASES / "s04b-colab-nbgrader-metadata-lost.ipynb").read_text(encoding="utf-8")),
        encoding="utf-8")
    lines = []
    collect.collect(course, A, download, report=lines.append)
    for case in ("korean-filename.zip", "blackboard-two-attempts.zip"):
        collect.collect(course, A, _current_api_zip(CASES / case, base / case), report=lines.append)
    outcomes = {o.student: o for o in grading.autograde(course, A, jobs=2, timeout=60, report=lambda _: None)}
    return course, outcomes, lines


def _rows(course):
    with open(export(course, [A])[0], newline="", encoding="utf-8") as handle:
        return {r["student_id"]: r for r in csv.DictReader(handle)}


def test_colab_file_without_metadata_is_matched_and_graded(graded):
    course, outcomes, _ = graded
    s04 = outcomes["s04"]
    assert s04.status == "graded"
    assert any("matched to the released ones" in n for n in s04.notes)
    assert not any("was deleted" in n for n in s04.notes)
    # all its answers are right: 2 + 1 autograded points; the written answer waits for a person
    assert classchecks.autograded_points(course, A, "s04") == 3
    row = _rows(course)["s04"]
    assert row[f"{A} status"] == "needs manual grading" and row[A] == "3"


def test_colab_file_with_an_uncertain_match_is_never_a_final_zero(graded, tmp_path):
    course, _, _ = graded
    nb = nbformat.reads(_current_api((CASES / "s04b-colab-nbgrader-metadata-lost.ipynb")
                                     .read_text(encoding="utf-8")), as_version=4)
    # the student rewrote the answer line and moved the written answer: neither can be placed for sure
    nb.cells[18].source = nb.cells[18].source.replace("cumulative_2012_2016 = (", "answer = (")
    nb.cells.insert(25, nbformat.v4.new_markdown_cell("Another thought of mine."))
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / f"s06_{NB}").write_text(nbformat.writes(nb), encoding="utf-8")
    collect.collect(course, A, folder, report=lambda _: None)
    [outcome] = grading.autograde(course, A, students=["s06"], jobs=1, timeout=60, report=lambda _: None)
    assert any("uncertainty" in n for n in outcome.notes) and outcome.needs_manual
    row = _rows(course)["s06"]
    assert row[f"{A} status"] == "needs manual grading" and A in row["needs_manual_grading"]


def test_korean_file_name_is_collected_byte_for_byte(graded):
    course, outcomes, lines = graded
    with zipfile.ZipFile(course.root.parent / "korean-filename.zip") as archive:  # as collected
        [entry] = archive.infolist()
        data = archive.read(entry)
    assert entry.filename == "s05_과제-최종본.ipynb"
    assert (course.submitted / "s05" / A / NB).read_bytes() == data
    assert any("s05_과제-최종본.ipynb" in line for line in lines)
    assert outcomes["s05"].status == "graded"


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                                  "PYTHONIOENCODING": ""}])
def test_korean_download_collects_on_a_non_utf8_console(tmp_path, env):
    course = _course(tmp_path)
    full = dict(os.environ, **env)
    for args in (["roster", "list"], ["collect", "00", str(CASES / "korean-filename.zip")],
                 ["export"]):
        done = subprocess.run([sys.executable, "-m", "course.instructor", *args, "--course-root", str(course.root)],
                              cwd=REPO, env=full, capture_output=True, timeout=300)
        assert done.returncode == 0, (args, done.stderr.decode(errors="replace")[-2000:])
        assert b"Traceback" not in done.stderr
    assert (course.submitted / "s05" / A / NB).exists()
    # files keep every character; only the console shows '?'
    report = (course.downloads / A / "collect-report.json").read_text(encoding="utf-8")
    assert "과제" in report or "\\uacfc\\uc81c" in report


def test_blackboard_attempts_newest_collected_older_listed(graded):
    course, outcomes, lines = graded
    with zipfile.ZipFile(course.root.parent / "blackboard-two-attempts.zip") as archive:  # as collected
        newest = archive.read(f"00 Reading_s09_attempt_2026-03-01-17-00-00_{NB}")
        older = archive.read(f"00 Reading_s09_attempt_2026-03-01-11-00-00_{NB}")
    assert newest != older
    assert (course.submitted / "s09" / A / NB).read_bytes() == newest
    text = "\n".join(lines)
    assert "collected the latest" in text and "2026-03-01-11-00-00" in text.split("not collected, kept")[1]
    assert "Blackboard receipt" in text and "PROBLEM" not in text
    # the newest attempt's time, read in the course zone (UTC by default), is the submission time
    assert (course.submitted / "s09" / A / "timestamp.txt").read_text().strip() == "2026-03-01 17:00:00"
    assert sum("UTC (the default)" in line for line in lines) == 3       # stated in every report


@pytest.mark.parametrize("zone, without_offset", [("UTC", "2026-03-01 23:30:00"),
                                                  ("Asia/Seoul", "2026-03-01 14:30:00")])
def test_times_without_offset_use_the_course_time_zone(tmp_path, zone, without_offset):
    course = _course(tmp_path, zone=None if zone == "UTC" else zone)
    lines = []
    collect.collect(course, A, CASES / "timestamps-kst.zip", report=lines.append)
    stamp = lambda s: (course.submitted / s / A / "timestamp.txt").read_text().strip()  # noqa: E731
    # by hand: 23:30 at +09:00 is 14:30 UTC
    assert stamp("s10") == "2026-03-01 14:30:00"
    assert stamp("s11") == without_offset
    assert any(f"course time zone {zone}" in line for line in lines)


def test_rerelease_lists_affected_work_regrades_it_and_blames_the_release(graded):
    course, outcomes, _ = graded
    before = _rows(course)
    assert before["s05"]["max_total"] == "7"
    (course.source / A / NB).write_text(_master(3), encoding="utf-8")  # one test's points: 2 -> 3
    lines = []
    release.release(course, A, timeout=60, report=lines.append)
    text = "\n".join(lines)
    assert "00-cumulative-growth-tests: points 2 -> 3" in text
    affected = [line for line in lines if "graded with the earlier release" in line][0]
    assert all(s in affected for s in ("s04", "s05", "s09"))
    assert f"python -m course.instructor autograde {A}" in text
    stale = _rows(course)
    assert stale["s05"][f"{A} status"] == "needs regrading (release changed)"
    assert A in stale["s05"]["needs_manual_grading"]
    again = {o.student: o for o in grading.autograde(course, A, jobs=2, timeout=60, report=lambda _: None)}
    assert not again["s05"].skipped
    notes = " | ".join(again["s05"].notes)
    assert "regraded because the release" in notes and "points 2 -> 3" in notes
    assert "was changed: restored" not in notes and "not the student" in notes
    after = _rows(course)
    # s05's answers are right: 3 + 1 of the new 8 points (the written 4 still to grade)
    assert after["s05"]["max_total"] == "8" and after["s05"][A] == "4"
    assert after["s05"][f"{A} status"] == "needs manual grading"

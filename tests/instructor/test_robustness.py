"""Crashes and runaway kernels: the gradebook stays whole and nothing is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import nbformat
import pytest
from nbformat.v4 import new_code_cell

import simclass
from course_roots import FIXTURES, GROWTH, OTHER, make_course_root
from course.instructor import REPO, collect, grading, release, roster
from course.instructor.export import export

pytestmark = pytest.mark.slow


@pytest.fixture
def course(tmp_path):
    course = make_course_root(tmp_path / "instructor", [FIXTURES / GROWTH, FIXTURES / OTHER])
    release.release(course, GROWTH, validate=False, report=lambda _: None)
    return course


def _download(course, tmp_path, students: int):
    rel = nbformat.read(course.release / GROWTH / f"{GROWTH}.ipynb", as_version=4)
    master = nbformat.read(course.source / GROWTH / f"{GROWTH}.ipynb", as_version=4)
    folder = tmp_path / "download"
    folder.mkdir()
    for n in range(1, students + 1):
        nb = simclass.answered(rel, master, right=n % 2 == 1)
        (folder / f"s{n:02d}_{GROWTH}.ipynb").write_text(nbformat.writes(nb))
    roster_path = tmp_path / "roster.csv"
    roster_path.write_text("id,name\n" + "".join(f"s{n:02d},Student {n}\n" for n in range(1, students + 1)))
    roster.import_roster(course, roster_path)
    collect.collect(course, GROWTH, folder, report=lambda _: None)
    return folder


def _graded(course):
    with sqlite3.connect(course.gradebook) as db:
        db.execute(grading.LEDGER)
        return {r[0] for r in db.execute("SELECT student FROM course_autograde WHERE status = 'graded'")}


def test_a_killed_autograde_leaves_every_student_whole_and_resumes(course, tmp_path):
    _download(course, tmp_path, students=6)
    cmd = [sys.executable, "-m", "course.instructor", "autograde", GROWTH, "--jobs", "1", "--timeout", "5",
           "--course-root", str(course.root)]
    scratch = tmp_path / "tmp"          # the killed run's workspace stays here, not in /tmp
    scratch.mkdir()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=dict(os.environ, TMPDIR=str(scratch)))
    deadline = time.monotonic() + 120
    while len(_graded(course)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)          # the power goes out mid-run
    proc.wait()
    done = _graded(course)
    assert 2 <= len(done) < 6
    with sqlite3.connect(course.gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("""SELECT sa.student_id, g.auto_score FROM grade g JOIN grade_cells gc ON g.cell_id = gc.id
            JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN submitted_assignment sa ON sn.assignment_id = sa.id
            WHERE gc.cell_type = 'code'""").fetchall()
    for student, score in rows:          # a student is either fully graded or not at all
        assert (score is not None) == (student in done), (student, score)
    for student in done:                 # and their autograded notebook is complete
        assert nbformat.read(course.autograded / student / GROWTH / f"{GROWTH}.ipynb", as_version=4).cells
    submitted = {p.parent.parent.name for p in course.submitted.glob(f"*/{GROWTH}/*.ipynb")}
    assert submitted == {f"s{n:02d}" for n in range(1, 7)}     # no submission lost
    rows = {r["student_id"]: r for r in __import__("csv").DictReader(open(export(course, [GROWTH])[0]))}
    assert {s for s, r in rows.items() if r[f"{GROWTH} status"] == "not autograded yet"} == submitted - done
    outcomes = grading.autograde(course, GROWTH, jobs=2, timeout=5, report=lambda _: None)
    assert {o.student for o in outcomes if o.skipped} == done
    assert _graded(course) == submitted
    assert any(p.name.startswith("course-grading-") for p in scratch.iterdir())   # left by the killed run


def test_a_kernel_that_ignores_interrupts_is_stopped_and_reported(course, tmp_path):
    _download(course, tmp_path, students=2)
    path = course.submitted / "s02" / GROWTH / f"{GROWTH}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(2, new_code_cell("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                     "while True:\n    pass"))
    os.chmod(path, 0o644)
    nbformat.write(nb, str(path))
    outcomes = {o.student: o for o in grading.autograde(course, GROWTH, jobs=2, timeout=2, student_timeout=12,
                                                        report=lambda _: None)}
    assert outcomes["s01"].status == "graded"
    assert outcomes["s02"].status == "failed" and "did not respond to the interrupt" in outcomes["s02"].error
    rows = {r["student_id"]: r for r in __import__("csv").DictReader(open(export(course, [GROWTH])[0]))}
    assert rows["s02"][f"{GROWTH} status"] == "autograde failed"
    assert rows["s02"]["needs_manual_grading"] == GROWTH
    assert path.exists()                      # the submission itself is untouched


def test_a_worker_that_hangs_is_killed_after_the_student_timeout(tmp_path, monkeypatch):
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("needs the fork start method to patch the worker")
    monkeypatch.setattr(grading, "grade_in_private_root", lambda task: time.sleep(120))
    results = []
    started = time.monotonic()
    grading._run_pool([{"student": "s01"}, {"student": "s02"}], 2, 2.0, results.append, tmp_path / "log")
    assert time.monotonic() - started < 30
    assert sorted(r["student"] for r in results) == ["s01", "s02"]
    assert all(r["status"] == "failed" and "still running after 2 s" in r["error"] for r in results)

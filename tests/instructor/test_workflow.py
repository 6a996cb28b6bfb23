"""The grading workflow end to end on the fixture masters, with a simulated class.

One module-scoped class (every kind of submission, see simclass.py) is
released, collected, autograded (2 workers, 3 s cell timeout), exported and
given feedback; each test checks one promise of the workflow.
"""

from __future__ import annotations

import sqlite3

import nbformat
import pytest

import classchecks
from course_roots import FIXTURES, GROWTH, OTHER, make_course_root
from course.instructor import collect, grading, release
from course.instructor.release import ReleaseError, leaks

pytestmark = pytest.mark.slow


def test_release_contains_no_solutions_hidden_tests_or_rubrics(fixture_class):
    course = fixture_class.course
    for name in (GROWTH, OTHER):
        path = course.release / name / f"{name}.ipynb"
        assert leaks(course.source / name / f"{name}.ipynb", path) == []
        text = path.read_text()
        for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "Rubric", "Model answer", "assert abs", "math.prod"):
            assert secret not in text, secret
        notebook = nbformat.read(path, as_version=4)
        assert "None  # YOUR ANSWER HERE" in text and "_Write your answer here._" in text
        assert all(not c.get("outputs") for c in notebook.cells)


def test_release_refuses_a_master_whose_solution_fails(tmp_path):
    course = make_course_root(tmp_path / "instructor", [FIXTURES / GROWTH])
    master = course.source / GROWTH / f"{GROWTH}.ipynb"
    master.write_text(master.read_text().replace("round(6.05 - 5.51, 2)", "round(6.05 - 5.82, 2)"))
    with pytest.raises(ReleaseError, match="98-spread-tests"):
        release.release(course, GROWTH, report=lambda _: None)
    assert not (course.release / GROWTH).exists()


def test_collect_reports_every_bad_file_and_keeps_the_download(fixture_class):
    classchecks.check_collect(fixture_class)
    assert fixture_class.collected.missing == ["s10", "s11", "s12", "s17", "s19"]


def test_each_crafted_submission_gets_the_right_score(fixture_class):
    classchecks.check_scores(fixture_class)


def test_hostile_code_reads_and_writes_nothing_of_the_course(fixture_class):
    classchecks.check_hostile(fixture_class)


def test_rubric_shows_beside_each_written_answer(fixture_class):
    classchecks.check_rubric_cells(fixture_class)


def test_export_has_status_and_manual_grading_columns(fixture_class):
    rows = classchecks.check_export(fixture_class)
    assert rows["s01"]["max_total"] == "7"


def test_feedback_never_shows_hidden_tests_rubrics_or_their_tracebacks(fixture_class):
    classchecks.check_feedback(fixture_class)


def test_collect_again_never_overwrites_and_replace_archives(fixture_class, tmp_path):
    course, a = fixture_class.course, GROWTH
    target = course.submitted / "s02" / a / f"{a}.ipynb"
    before = target.read_bytes()
    again = collect.collect(course, a, fixture_class.zip_path, report=lambda _: None)
    assert "s02" in again.unchanged and again.collected == []
    folder = tmp_path / "download"
    folder.mkdir()
    newer = before.replace(b"-999.0", b"6.29")
    (folder / f"s02_{a}.ipynb").write_bytes(newer)
    kept = collect.collect(course, a, folder, report=lambda _: None)
    assert target.read_bytes() == before and any("--replace" in p for p in kept.problems)
    replaced = collect.collect(course, a, folder, replace=True, report=lambda _: None)
    assert target.read_bytes() == newer and replaced.collected == ["s02"]
    archived = list((course.downloads / a / "replaced" / "s02").glob("*.ipynb"))
    assert [p.read_bytes() for p in archived] == [before]
    # put the original back for the other tests (through the same safe path)
    (folder / f"s02_{a}.ipynb").write_bytes(before)
    collect.collect(course, a, folder, replace=True, report=lambda _: None)
    assert target.read_bytes() == before


def test_manual_scores_survive_autograde_and_resubmission_flags_them(fixture_class, tmp_path):
    from nbgrader.api import Gradebook

    course, a = fixture_class.course, GROWTH
    with Gradebook(course.db_url, course.course_id) as gb:
        grade = gb.find_grade("98-method-written", a, a, "s01")
        grade.manual_score = 3.0
        grade.needs_manual_grade = False
        comment = gb.find_comment("98-method-written", a, a, "s01")
        comment.manual_comment = "Good method; name the caveat's direction."
        test = gb.find_grade("98-spread-tests", a, a, "s08")
        test.manual_score = 0.5                      # an override of an autograded cell
        test.needs_manual_grade = False
        gb.db.commit()
    skipped = grading.autograde(course, a, jobs=2, timeout=3, report=lambda _: None)
    assert all(o.skipped for o in skipped)
    again = grading.autograde(course, a, students=["s01", "s08"], regrade_all=True, jobs=2, timeout=3,
                              report=lambda _: None)
    assert {o.student for o in again} == {"s01", "s08"} and all(o.status == "graded" for o in again)
    with Gradebook(course.db_url, course.course_id) as gb:
        grade = gb.find_grade("98-method-written", a, a, "s01")
        assert grade.manual_score == 3.0 and grade.needs_manual_grade is False
        assert gb.find_comment("98-method-written", a, a, "s01").manual_comment.startswith("Good method")
        assert gb.find_grade("98-spread-tests", a, a, "s08").manual_score == 0.5
        assert gb.find_submission(a, "s01").score == 6.0
    rows = {r["student_id"]: r for r in classchecks.read_csv(classchecks.export(course, [a])[0])}
    assert rows["s01"][f"{a} status"] == "graded" and rows["s01"]["needs_manual_grading"] == ""
    # a resubmission keeps the manual score but asks for another look
    folder = tmp_path / "resubmit"
    folder.mkdir()
    target = course.submitted / "s01" / a / f"{a}.ipynb"
    original = target.read_bytes()
    (folder / f"s01_{a}.ipynb").write_bytes(original.replace(b"I compounded", b"I carefully compounded"))
    collect.collect(course, a, folder, replace=True, report=lambda _: None)
    [outcome] = grading.autograde(course, a, students=["s01"], jobs=1, timeout=3, report=lambda _: None)
    assert any("flagged for review" in n for n in outcome.notes)
    with Gradebook(course.db_url, course.course_id) as gb:
        grade = gb.find_grade("98-method-written", a, a, "s01")
        assert grade.manual_score == 3.0 and grade.needs_manual_grade is True


def test_ledger_and_gradebook_agree(fixture_class):
    course = fixture_class.course
    with sqlite3.connect(course.gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        graded = {r[0] for r in db.execute("SELECT student FROM course_autograde WHERE status = 'graded'")}
    collected = {s for s, e in fixture_class.expect.items() if e.collected}
    assert graded == collected


def test_formgrader_shows_the_rubric_beside_the_answer(fixture_class, tmp_path):
    import os
    import socket
    import subprocess
    import time
    import urllib.request

    from course.instructor.formgrader import command, session_config

    course = fixture_class.course
    with sqlite3.connect(course.gradebook) as db:
        [(notebook_id,)] = db.execute("""SELECT sn.id FROM submitted_notebook sn
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id WHERE sa.student_id = 's01'
            AND sa.assignment_id = (SELECT id FROM assignment WHERE name = ?)""", (GROWTH,)).fetchall()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(session_config(tmp_path / "session")),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    cmd = command(course, port, True) + ["--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=t0k"]
    server = subprocess.Popen(cmd, cwd=course.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        def get(path):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Authorization": "token t0k"})
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.read().decode()
        deadline = time.monotonic() + 60
        while True:
            try:
                get("/api/status")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "server did not start"
                time.sleep(0.5)
        status, page = get(f"/formgrader/submissions/{notebook_id}/")
        assert status == 200
        assert "For the grader" in page and "Rubric" in page and "compounds the rates" in page
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_collect_survives_hostile_downloads(fixture_class, tmp_path):
    """A damaged zip entry, an id that would leave submitted/, and a planted link are
    each reported; nothing is written outside the course and the rest is collected."""
    import os
    import zipfile

    course, a = fixture_class.course, GROWTH
    good = (course.submitted / "s02" / a / f"{a}.ipynb").read_bytes()
    bundle = tmp_path / "hostile.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"s02_{a}.ipynb", good)
        archive.writestr(f"broken_{a}.ipynb", b"x" * 5000)
    raw = bytearray(bundle.read_bytes())
    start = raw.index(b"broken_") + len(f"broken_{a}.ipynb")
    raw[start + 10] ^= 0xFF  # corrupt the compressed data of the second entry (bad CRC)
    bundle.write_bytes(bytes(raw))
    done = collect.collect(course, a, bundle, report=lambda _: None)
    assert any("unreadable in the zip" in p for p in done.problems)
    assert "s02" in done.unchanged

    folder = tmp_path / "download-links"
    (folder / "up").mkdir(parents=True)
    (folder / "up" / f"x_{a}.ipynb").write_bytes(good)
    os.symlink(course.masters(a)[0], folder / f"s03_{a}.ipynb")
    traversal = collect.collect(course, a, folder, pattern=r"(?P<student_id>.+)_[^/]*$",
                                report=lambda _: None)
    assert any("not a valid student id" in p for p in traversal.problems)
    assert any("symbolic link" in p for p in traversal.problems)
    assert not (course.submitted / "up").exists()
    assert (course.submitted / "s03" / a / f"{a}.ipynb").read_bytes() != course.masters(a)[0].read_bytes()

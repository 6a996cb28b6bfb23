"""Assertions on a simulated class, shared by the fixture and real-notebook tests."""

from __future__ import annotations

import csv
import hashlib
import html
import re
import sqlite3
import zipfile

import nbformat

from course.instructor.feedback import generate_feedback, hidden_lines
from course.instructor.export import export
from course.instructor.preprocessors import GRADER_NOTE
from course.instructor.submissions import nbgrader_meta


def check_collect(sim) -> None:
    report, course, a = sim.collected, sim.course, sim.assignment
    everything = "\n".join(report.problems + report.notes)
    with zipfile.ZipFile(sim.zip_path) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    for student, exp in sim.expect.items():
        target = course.submitted / student / a / f"{a}.ipynb"
        assert target.exists() == exp.collected, (student, exp.kind)
        if exp.collect_message:
            lines = [l for l in everything.splitlines() if student in l]
            assert any(exp.collect_message in l for l in lines), (student, exp.collect_message, lines)
        if exp.collected:
            # collected byte for byte: the file is one of the student's files in the download
            assert target.read_bytes() in [d for n, d in entries.items() if n.startswith(student + "_")]
    # the download itself is archived unchanged
    archived = list((course.downloads / a).glob(f"*/{sim.zip_path.name}"))
    assert archived and archived[0].read_bytes() == sim.zip_path.read_bytes()


def autograded_points(course, assignment, student) -> float:
    with sqlite3.connect(course.gradebook) as db:
        rows = db.execute("""
            SELECT g.auto_score FROM grade g JOIN grade_cells gc ON g.cell_id = gc.id
            JOIN submitted_notebook sn ON g.notebook_id = sn.id
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id
            WHERE a.name = ? AND sa.student_id = ? AND gc.cell_type = 'code'""", (assignment, student)).fetchall()
    assert rows, f"no grades for {student}"
    return sum(r[0] or 0 for r in rows)


def check_scores(sim) -> None:
    outcomes = sim.by_student
    for student, exp in sim.expect.items():
        if not exp.collected:
            assert student not in outcomes
            continue
        outcome = outcomes[student]
        assert outcome.status == "graded", (student, exp.kind, outcome.error)
        if exp.auto is not None:
            assert autograded_points(sim.course, sim.assignment, student) == exp.auto, (student, exp.kind)
        text = " | ".join(outcome.notes + [f"guard blocked {b}" for b in outcome.blocked])
        for fragment in exp.notes:
            assert fragment in text, (student, exp.kind, fragment, text)


def check_hostile(sim) -> None:
    course = sim.course
    for name in ("hacked.txt", "hacked-shell.txt", "hacked-proc.txt", "escape.txt"):
        assert not list(course.root.parent.rglob(name)), name
    master = course.source / sim.assignment / f"{sim.assignment}.ipynb"
    assert hashlib.sha256(master.read_bytes()).hexdigest() == sim.master_digest
    with sqlite3.connect(course.gradebook) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the hostile reader got nothing; its own folder is writable
    s14 = nbformat.read(course.autograded / "s14" / sim.assignment / f"{sim.assignment}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in s14.cells for o in c.get("outputs", []))
    assert "READ " not in printed and "no: PermissionError" in printed
    s15 = course.autograded / "s15" / sim.assignment
    assert (s15 / "my_own_scratch.txt").read_text() == "allowed"
    assert not (s15 / "endless").exists() and not (s15 / "pipe").exists()
    huge = course.autograded / "s13" / sim.assignment / f"{sim.assignment}.ipynb"
    assert huge.stat().st_size < 1_000_000


def check_rubric_cells(sim) -> None:
    notebook = nbformat.read(sim.course.autograded / "s01" / sim.assignment / f"{sim.assignment}.ipynb",
                             as_version=4)
    cells = notebook.cells
    written = [i for i, c in enumerate(cells) if c.cell_type == "markdown"
               and nbgrader_meta(c).get("solution") and nbgrader_meta(c).get("grade")]
    assert written
    for i in written:
        note = cells[i + 1]
        assert note.metadata.get(GRADER_NOTE) == nbgrader_meta(cells[i])["grade_id"]
        assert "**Rubric**" in note.source and "**4**" in note.source
        assert "nbgrader" not in note.metadata


def read_csv(path):
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def check_export(sim) -> dict:
    course, a = sim.course, sim.assignment
    by_student_path, by_question_path, canvas_path = export(course, [a])
    students = {r["student_id"]: r for r in read_csv(by_student_path)}
    questions = read_csv(by_question_path)
    assert "zz99" not in students
    for student, exp in sim.expect.items():
        if student == "zz99":
            continue
        row = students[student]
        assert row[f"{a} status"] == exp.status, (student, exp.kind, row)
        pending = exp.status in ("needs manual grading", "not autograded yet", "autograde failed")
        assert (a in row["needs_manual_grading"].split()) == pending, (student, row)
        if exp.auto is not None and exp.collected:
            assert float(row[a]) == exp.auto, (student, row)
        if not exp.collected:
            assert float(row[a]) == 0
    mine = [q for q in questions if q["student_id"] == "s01"]
    kinds = {q["kind"] for q in mine}
    assert kinds == {"autograded", "written"}
    for q in mine:
        assert q["needs_manual_grading"] == ("yes" if q["kind"] == "written" else "no")
        if q["kind"] == "autograded":
            assert float(q["score"]) == float(q["max_points"])
    return students


def check_feedback(sim) -> None:
    course, a = sim.course, sim.assignment
    held = []
    assert generate_feedback(course, a, students=["s01"], report=held.append) == {}   # written answer ungraded
    assert any("not graded" in line and "s01" in line for line in held), held
    # s02 left the written answer blank: nbgrader's "no response" 0 is final, in export and here alike
    assert sim.expect["s02"].status == "graded"
    assert generate_feedback(course, a, students=["s02"], report=lambda _: None)["s02"]
    written = generate_feedback(course, a, provisional=True, report=lambda _: None)
    collected = [s for s, e in sim.expect.items() if e.collected]
    assert sorted(s for s, files in written.items() if files) == sorted(collected)
    secrets = hidden_lines(course, a)
    assert secrets
    for student in collected:
        page = (course.exports / f"feedback-{a}" / f"{student}.html").read_text()
        text = html.unescape(page)
        for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "**Rubric**", "For the grader", "Model answer"):
            assert marker not in text, (student, marker)
        for line in secrets:
            assert line not in text, (student, line)
        assert "AssertionError" not in text, student
    # s03's own error stays (one traceback, in its answer cell); the test cell's NameError is hidden
    raised = html.unescape((course.exports / f"feedback-{a}" / "s03.html").read_text())
    assert len(re.findall(r"Traceback \(most recent call last\)", re.sub(r"<[^>]+>", "", raised))) == 1
    wrong = html.unescape((course.exports / f"feedback-{a}" / "s02.html").read_text())
    assert "did not pass" in wrong and "not yet" in wrong
    hostile = html.unescape((course.exports / f"feedback-{a}" / "s14.html").read_text())
    assert "output withheld" in hostile or "output removed" in hostile
    first = html.unescape((course.exports / f"feedback-{a}" / "s01.html").read_text())
    assert "Provisional feedback" in first and "Not graded yet" in first


FIXTURES_DIR = __import__("pathlib").Path(__file__).resolve().parent / "fixtures"

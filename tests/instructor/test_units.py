"""Fast tests of the grading pieces (no kernels)."""

from __future__ import annotations

import copy
import subprocess
import sys
import textwrap

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course_roots import FIXTURES, GROWTH, OTHER
from course.instructor import guard
from course.instructor.__main__ import main
from course.instructor.preprocessors import GRADER_NOTE, HideGraderNotes, HideHiddenTests
from course.instructor.roster import RosterError, read_roster
from course.instructor.rubric import add_grader_notes, written_cells
from course.instructor.submissions import (AssignmentIndex, nbgrader_meta, read_notebook_bytes, repair,
                                           suspicious_code)

MASTER = FIXTURES / GROWTH / f"{GROWTH}.ipynb"


def master():
    return nbformat.read(MASTER, as_version=4)


def released():
    """The fixture's student version, made as nbgrader would (solutions and hidden tests out)."""
    nb = master()
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            cell.source = cell.source.split("### BEGIN SOLUTION")[0] + "None  # YOUR ANSWER HERE\n)"
        elif meta.get("solution"):
            cell.source = "_Write your answer here._"
        elif "### BEGIN HIDDEN TESTS" in cell.source:
            cell.source = cell.source.split("### BEGIN HIDDEN TESTS")[0].rstrip()
    return nb


# --- roster ------------------------------------------------------------------

def test_roster_reads_names_whole_and_rejects_bad_rows(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("\ufeffID,Name,Email\ns001,Kim Min-jun,k@x.edu\ns002,\"Smith, Ann\",\n")
    rows = read_roster(path)
    assert [r["id"] for r in rows] == ["s001", "s002"]
    assert rows[0]["last_name"] == "Kim Min-jun" and rows[0]["first_name"] is None
    assert rows[1]["email"] is None
    path.write_text("id,name\ns001,A\ns001,B\n../x,C\n")
    with pytest.raises(RosterError, match="already on line 2") as error:
        read_roster(path)
    assert "not allowed" in str(error.value)
    path.write_text("name\nA\n")
    with pytest.raises(RosterError, match="no 'id' column"):
        read_roster(path)


# --- reading submissions -------------------------------------------------------

@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"), (b"  \n", "empty file"), (b"PK\x03\x04rest", "zip"),
    (b"\xff\xfe\x00garbage", "binary"), (b'{"cells": [', "not valid JSON"),
    (b'{"hello": 1}', "not a notebook"), (b"[1, 2]", "not a notebook"),
])
def test_unreadable_files_get_a_reason(data, reason):
    notebook, problem = read_notebook_bytes(data)
    assert notebook is None and reason in problem


def test_notebooks_are_recognised_by_their_graded_cells():
    index = AssignmentIndex.from_source(FIXTURES)
    assert index.identify(released(), GROWTH) == ("match", GROWTH)
    other = nbformat.read(FIXTURES / OTHER / f"{OTHER}.ipynb", as_version=4)
    assert index.identify(other, GROWTH) == ("other", OTHER)
    assert index.identify(new_notebook(cells=[new_code_cell("1")]), GROWTH) == ("unknown", None)


# --- repairs -------------------------------------------------------------------

def test_repair_puts_back_deleted_graded_and_import_cells():
    reference = released()
    nb = copy.deepcopy(reference)
    nb.cells = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") not in ("98-growth-tests", "98-method-written")
                and c.source != "from course.checks import check"]
    notes = repair(nb, reference)
    ids = [nbgrader_meta(c).get("grade_id") for c in nb.cells if nbgrader_meta(c).get("grade_id")]
    assert ids == [nbgrader_meta(c)["grade_id"] for c in reference.cells if nbgrader_meta(c).get("grade_id")]
    assert nb.cells[0].source == "from course.checks import check"
    written = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade_id") == "98-method-written")
    assert "Exercise 3" in nb.cells[written - 1].source     # back in place, after its question
    assert sum("was deleted" in n for n in notes) == 2 and any("import cell" in n for n in notes)


def test_repair_restores_metadata_and_handles_duplicates():
    reference = released()
    nb = copy.deepcopy(reference)
    answer = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade_id") == "98-growth-answer")
    tests = answer + 1
    nb.cells[tests].metadata.nbgrader.points = 100
    nb.cells[tests].metadata.nbgrader.grade = False
    nb.cells[tests].source = "print('fine')"
    answered_copy = copy.deepcopy(nb.cells[answer])
    answered_copy.source = "growth_answer = 6.29"
    answered_copy["id"] = "copy"
    nb.cells.insert(answer, answered_copy)          # answered copy first, unchanged stub after it
    nb.cells.append(new_code_cell("x = 1", metadata={"nbgrader": {"grade_id": "not-ours", "grade": True,
                                                                   "points": 5, "solution": False}}))
    notes = repair(nb, reference)
    answers = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "98-growth-answer"]
    assert [c.source for c in answers] == ["growth_answer = 6.29"]
    restored = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "98-growth-tests")
    assert restored.metadata.nbgrader.points == 2 and restored.metadata.nbgrader.grade is True
    assert "nbgrader" not in nb.cells[-1].metadata
    text = " ".join(notes)
    assert "metadata" in text and "was edited" in text and "appeared 2 times" in text and "not-ours" in text
    assert len({c.id for c in nb.cells}) == len(nb.cells)


def test_suspicious_code_is_flagged_only_in_student_code():
    reference = released()
    nb = copy.deepcopy(reference)
    assert suspicious_code(nb, reference) == []
    nb.cells.append(new_code_cell("def abs(x):\n    return 0"))
    nb.cells.append(new_code_cell("print(In)"))
    nb.cells.append(new_code_cell("import os\nos.listdir('..')"))
    nb.cells.append(new_code_cell("print(growth_answer)\nfloat_value = 3"))
    text = " ".join(suspicious_code(nb, reference))
    assert "redefines" in text and "input history" in text and "operating system" in text
    assert f"cell {len(nb.cells)}" not in text


# --- rubric notes and feedback preprocessors -------------------------------------

def test_rubric_note_follows_each_written_answer_and_feedback_drops_it():
    rubric = written_cells(master())
    assert set(rubric) == {"98-method-written"}
    assert rubric["98-method-written"]["rubric"].startswith("**Rubric**")
    nb = released()
    assert add_grader_notes(nb, master()) == 1
    assert add_grader_notes(nb, master()) == 1          # idempotent: no second note
    i = next(i for i, c in enumerate(nb.cells) if nbgrader_meta(c).get("grade_id") == "98-method-written")
    assert nb.cells[i + 1].metadata[GRADER_NOTE] == "98-method-written"
    cleaned, _ = HideGraderNotes().preprocess(copy.deepcopy(nb), {})
    assert not any(GRADER_NOTE in c.metadata for c in cleaned.cells)


def test_hidden_tests_their_errors_and_quotes_are_removed():
    nb = master()
    tests = next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == "98-growth-tests")
    tests.outputs = [new_output("stream", name="stdout", text="[98-growth] not yet\n"),
                     new_output("error", ename="AssertionError", evalue="-999.0",
                                traceback=['grade("98-growth", growth_answer, expected=6.29, decimals=2, tolerance=0.04,'])]
    nb.cells.append(new_code_cell("print(In)", outputs=[new_output(
        "stream", name="stdout", text="['', 'grade(\"98-growth\", growth_answer, expected=6.29, decimals=2, tolerance=0.04,']")]))
    nb.cells.append(new_code_cell("print('fine')", outputs=[new_output("stream", name="stdout", text="fine\n")]))
    out, _ = HideHiddenTests().preprocess(nb, {})
    tests = next(c for c in out.cells if nbgrader_meta(c).get("grade_id") == "98-growth-tests")
    assert "HIDDEN" not in tests.source and "grade(" not in tests.source
    texts = [o.get("text", "") for o in tests.outputs]
    assert texts[0].startswith("[98-growth] not yet") and "did not pass" in texts[1]
    assert all(o.output_type == "stream" for o in tests.outputs)
    assert "output removed" in out.cells[-2].outputs[0].text
    assert out.cells[-1].outputs[0].text == "fine\n"


# --- the kernel guard -------------------------------------------------------------

def test_guard_blocks_reads_writes_and_processes(tmp_path):
    own, secret, elsewhere = tmp_path / "own", tmp_path / "root", tmp_path / "free"
    package = tmp_path / "repo"  # readable by student code, never writable (like the course package)
    for folder in (own, secret, elsewhere, package):
        folder.mkdir()
    (secret / "gradebook.db").write_text("grades")
    (package / "checks.py").write_text("code")
    startup, log = guard.write_guard(tmp_path / "g", own=own, no_read=[secret],
                                     no_write=[secret, tmp_path / "g", package])
    script = textwrap.dedent(f"""
        exec(open({str(startup)!r}).read())
        import os, subprocess, sqlite3
        results = []
        def attempt(label, action):
            try:
                action()
                results.append(label + ":ok")
            except PermissionError:
                results.append(label + ":blocked")
        attempt("read", lambda: open({str(secret / 'gradebook.db')!r}).read())
        attempt("symlink-read", lambda: (os.symlink({str(secret / 'gradebook.db')!r}, 'link'), open('link').read()))
        # A link to a protected file would let the grader write through it later.
        attempt("symlink-write", lambda: os.symlink({str(package / 'checks.py')!r}, 'answers.ipynb'))
        attempt("read-package", lambda: open({str(package / 'checks.py')!r}).read())
        attempt("list", lambda: os.listdir({str(secret)!r}))
        attempt("sqlite", lambda: sqlite3.connect({str(secret / 'gradebook.db')!r}))
        attempt("write", lambda: open({str(tmp_path / "g" / "escape.txt")!r}, "w"))
        attempt("remove", lambda: os.remove({str(secret / 'gradebook.db')!r}))
        attempt("process", lambda: subprocess.run(['true']))
        attempt("system", lambda: os.system('true'))
        attempt("own", lambda: open('mine.txt', 'w').write('x'))
        attempt("free", lambda: open({str(elsewhere / 'x.txt')!r}, 'w').write('x'))
        print(" ".join(results))
    """)
    out = subprocess.run([sys.executable, "-c", script], cwd=own, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["read:blocked", "symlink-read:blocked", "symlink-write:blocked",
                                  "read-package:ok", "list:blocked", "sqlite:blocked",
                                  "write:blocked", "remove:blocked", "process:blocked", "system:blocked",
                                  "own:ok", "free:ok"]
    installed, blocked = guard.read_log(log)
    assert installed and any("gradebook.db" in b for b in blocked)
    assert (secret / "gradebook.db").read_text() == "grades"
    assert not (own / "answers.ipynb").is_symlink()


# --- the command line ----------------------------------------------------------------

def test_every_command_has_help(capsys):
    for command in (["roster", "import"], ["roster", "list"], ["release"], ["collect"], ["autograde"],
                    ["formgrader"], ["export"], ["feedback"]):
        with pytest.raises(SystemExit) as done:
            main(command + ["--help"])
        assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--pattern" in out and "--jobs" in out and "--replace" in out


def test_formgrader_session_turns_off_exchange_panels(tmp_path, capsys):
    from course.instructor.formgrader import session_config
    import json

    folder = session_config(tmp_path)
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.assignment_list"] is False
    assert "HideHiddenTests" in (folder / "nbgrader_config.py").read_text()


# --- the instructor guide ----------------------------------------------------------

def test_guide_rubrics_match_the_masters():
    from course.instructor import INSTRUCTOR, SOURCE
    from course.instructor.rubric import update_guide

    assert update_guide(INSTRUCTOR / "guide" / "rubrics.md", SOURCE, write=False), \
        "instructor/guide/rubrics.md is stale: run python -m course.instructor rubrics --update-guide"


def test_guide_covers_fourteen_weeks_and_every_notebook():
    from course.instructor import INSTRUCTOR

    guide = INSTRUCTOR / "guide"
    for name in ("README.md", "syllabus.md", "grading-workflow.md", "rubrics.md", "misconceptions.md",
                 "adapting.md"):
        assert (guide / name).is_file(), name
    syllabus = (guide / "syllabus.md").read_text()
    weeks = [line for line in syllabus.splitlines() if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    assert [int(line.split("|")[1]) for line in weeks] == list(range(1, 15))
    for n in range(11):
        assert f"| {n:02d}" in syllabus, n
    workflow = (guide / "grading-workflow.md").read_text()
    for command in ("roster import", "release", "collect", "autograde", "formgrader", "export", "feedback"):
        assert f"python -m course.instructor {command}" in workflow, command
    assert "no sandbox" in " ".join(workflow.split())


def test_peer_review_form_shows_students_the_memo_rubric():
    # Students' copies of notebook 10 hide the grader's rubric, so the peer-review form they
    # receive carries it: every row of the master's memo rubric, word for word.
    from course.instructor import INSTRUCTOR, SOURCE

    master = nbformat.read(next((SOURCE / "10-capstone-policy-memo").glob("*.ipynb")), as_version=4)
    rubric = written_cells(master)["10-policy-memo-written"]["rubric"]
    rows = [line for line in rubric.splitlines() if line.startswith("| **")]
    assert len(rows) == 4, rows
    form = (INSTRUCTOR / "guide" / "peer-review-form.md").read_text()
    for row in rows:
        assert row in form, row[:60]

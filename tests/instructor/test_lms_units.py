"""Fast tests (no kernels) of LMS layouts, time zones, statuses, weights, feedback filters and Formgrader."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course.instructor import INSTRUCTOR, REPO
from course.instructor.export import syllabus_weights
from course.instructor.lms import RosterIndex, identify
from course.instructor.preprocessors import WithholdFlaggedOutputs
from course.instructor.rubric import note_text, render_math
from course.instructor.settings import to_utc, zone_sentence
from course.instructor.submissions import UNCERTAIN_MATCH, nbgrader_meta, repair

ROSTER = RosterIndex({
    "s001": {"first_name": "Ana", "last_name": "Lopez", "email": "lopezana@uni.edu", "lms_user_id": "1001"},
    "s002": {"first_name": "Zoë", "last_name": "Kim", "email": "zkim@uni.edu", "lms_user_id": "1002"},
    "s003": {"first_name": None, "last_name": "박서연", "email": "spark@uni.edu", "lms_user_id": "1003"},
    "ab_12": {"first_name": "Tom", "last_name": "Lee", "email": "tlee@uni.edu", "lms_user_id": None},
    "ab": {"first_name": "Al", "last_name": "Bee", "email": "ab@uni.edu", "lms_user_id": None},
})


# --- layouts ------------------------------------------------------------------

def test_canvas_names_match_through_the_lms_user_id_whatever_the_name():
    found = identify("kimzoë_1002_555_00-reading.ipynb", ROSTER, "UTC")
    assert (found.layout, found.student, found.late) == ("canvas", "s002", False)
    found = identify("박서연_LATE_1003_556_00-reading-2.ipynb", ROSTER, "UTC")
    assert (found.layout, found.student, found.late, found.attempt) == ("canvas", "s003", True, 2)
    # the Canvas user number is never read as a student id
    found = identify("lopezana_9999_557_00-reading.ipynb", ROSTER, "UTC")
    assert found.student is None and "user id 9999" in found.problem
    assert "closest on the roster: s001" in found.problem


def test_moodle_folders_and_flat_names_match_through_the_participant_id():
    found = identify("Zoë Kim_1002_assignsubmission_file_/00-reading.ipynb", ROSTER, "UTC")
    assert (found.layout, found.student, found.original) == ("moodle", "s002", "00-reading.ipynb")
    found = identify("Ana Lopez_1001_assignsubmission_file_00-reading.ipynb", ROSTER, "UTC")
    assert (found.layout, found.student) == ("moodle", "s001")
    found = identify("Zoe Kym_4242_assignsubmission_file_/x.ipynb", ROSTER, "UTC")
    assert found.student is None and "closest on the roster: s002" in found.problem


def test_blackboard_usernames_attempt_times_and_receipts():
    found = identify("00 Reading_lopezana_attempt_2026-03-01-17-00-00_00-reading.ipynb", ROSTER, "Asia/Seoul")
    assert (found.layout, found.student) == ("blackboard", "s001")
    # 17:00 in Seoul (UTC+9, no daylight saving) is 08:00 UTC
    assert found.when == datetime(2026, 3, 1, 8, 0, 0) and found.zone_assumed
    receipt = identify("00 Reading_lopezana_attempt_2026-03-01-17-00-00.txt", ROSTER, "UTC")
    assert receipt.receipt and receipt.student == "s001"
    # an assignment title and a username with underscores: the roster decides the split
    found = identify("Week_1 Notebook_ab_12_attempt_2026-03-01-17-00-00_x.ipynb", ROSTER, "UTC")
    assert found.student == "ab_12"


def test_plain_names_are_never_cut_at_the_first_underscore_of_a_roster_id():
    assert identify("ab_12_00-reading.ipynb", ROSTER, "UTC").student == "ab_12"
    assert identify("ab_00-reading.ipynb", ROSTER, "UTC").student == "ab"
    assert identify("s002/anything.ipynb", ROSTER, "UTC").student == "s002"
    unknown = identify("zz99_00-reading.ipynb", ROSTER, "UTC")
    assert unknown.student is None and "unknown student id 'zz99'" in unknown.problem
    # no roster yet: the old rule, the part before the first underscore
    assert identify("s001_x.ipynb", RosterIndex({}), "UTC").student == "s001"


def test_times_without_offset_are_read_in_the_course_zone_and_the_report_says_so():
    with_offset = identify("s001_2026-03-01T23:30:00+09:00_x.ipynb", ROSTER, "Asia/Seoul")
    without = identify("s001_2026-03-01T23:30:00_x.ipynb", ROSTER, "Asia/Seoul")
    # by hand: 23:30 at UTC+9 is 14:30 UTC, for both
    assert with_offset.when == without.when == datetime(2026, 3, 1, 14, 30)
    assert not with_offset.zone_assumed and without.zone_assumed
    assert to_utc(datetime(2026, 7, 1, 12, 0), "America/New_York") == datetime(2026, 7, 1, 16, 0)  # EDT, UTC-4
    assert "UTC (the default)" in zone_sentence("UTC") and "Asia/Seoul" in zone_sentence("Asia/Seoul")


# --- consoles that cannot print every character ------------------------------

@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"},
                                 {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                                  "PYTHONIOENCODING": ""}])
def test_no_command_crashes_printing_on_a_non_utf8_console(tmp_path, env):
    root = tmp_path / "instructor"
    root.mkdir()
    (root / "nbgrader_config.py").write_text((INSTRUCTOR / "nbgrader_config.py").read_text())
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\ns001,박서연\ns002,Zoë Kim\n", encoding="utf-8")
    full = dict(os.environ, **env)
    for args in (["roster", "import", str(roster)], ["roster", "list"]):
        done = subprocess.run([sys.executable, "-m", "course.instructor", *args, "--course-root", str(root)],
                              cwd=REPO, env=full, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"2 students" in done.stdout and b"?" in done.stdout   # replaced on the console only


# --- weights -------------------------------------------------------------------------

def test_the_course_total_follows_the_syllabus():
    rule = syllabus_weights(INSTRUCTOR / "guide" / "syllabus.md")
    assert rule == {"weight": 40.0, "first": 0, "last": 9, "drop": 1}


# --- repairs ---------------------------------------------------------------------------

def _released():
    meta = lambda gid, **kw: {"nbgrader": {"grade_id": gid, "schema_version": 3, "task": False, **kw}}  # noqa: E731
    return new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell("from course.checks import check"),
        new_markdown_cell("### Exercise 1"),
        new_code_cell("x = (\nNone  # YOUR ANSWER HERE\n)", metadata=meta("a", solution=True, grade=False,
                                                                          locked=False)),
        new_code_cell('check("x", x)', metadata=meta("t", grade=True, solution=False, locked=True, points=2)),
        new_markdown_cell("### Exercise 2"),
        new_markdown_cell("_Write your answer here._", metadata=meta("w", grade=True, solution=True, locked=False,
                                                                     points=4)),
        new_markdown_cell("## Summary"),
    ])


def _colab(released):
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(released), as_version=4))
    nb.cells[3].source = "x = (\n    41 + 1\n)"
    nb.cells[6].source = "My own words."
    for cell in nb.cells:
        cell.metadata = {}
    return nb


def test_cells_without_metadata_are_matched_to_the_released_ones():
    released = _released()
    nb = _colab(released)
    notes = repair(nb, released)
    assert [nbgrader_meta(c).get("grade_id") for c in nb.cells] == [None, None, None, "a", "t", None, "w", None]
    assert nb.cells[3].source.endswith("41 + 1\n)") and nb.cells[6].source == "My own words."
    assert not any(UNCERTAIN_MATCH in n for n in notes) and any("matched" in n for n in notes)


def test_an_uncertain_match_asks_for_manual_grading():
    released = _released()
    nb = _colab(released)
    nb.cells.insert(4, new_markdown_cell("A second note of mine."))   # two candidates for the written answer
    nb.cells[3].source = "y = 42"                                      # the answer line was rewritten
    notes = repair(nb, released)
    uncertain = [n for n in notes if UNCERTAIN_MATCH in n]
    assert uncertain and "(a not found" in uncertain[0]          # w still matched: one candidate in its place


def test_metadata_of_an_earlier_release_is_not_blamed_on_the_student():
    released = _released()
    nb = nbformat.from_dict(nbformat.reads(nbformat.writes(released), as_version=4))
    nb.cells[4].metadata["nbgrader"]["points"] = 1           # what the earlier release said
    earlier = {"t": [dict(nb.cells[4].metadata["nbgrader"])]}
    notes = repair(nb, released, earlier=earlier)
    assert any("earlier release" in n and "not the student" in n for n in notes)
    assert not any("was changed: restored" in n for n in notes)
    assert nb.cells[4].metadata["nbgrader"]["points"] == 2


# --- feedback filters ---------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    "print(''.join(In)[::-1])",
    "import base64\nprint(base64.b64encode(str(_ih).encode()))",
    "import builtins, sys\n_abs = abs\ndef spy(v):\n    print(sys._getframe(1).f_code.co_consts)\n    return _abs(v)\n"
    "builtins.abs = spy",
    "import inspect\nprint(inspect.stack())",
])
def test_outputs_from_a_flagged_cell_on_are_withheld(code):
    nb = new_notebook(cells=[
        new_code_cell("print('before')", outputs=[new_output("stream", text="before\n")]),
        new_code_cell(code, outputs=[new_output("stream", text="stolen\n")]),
        new_code_cell("print(secret)", outputs=[new_output("stream", text="stolen later\n")]),
    ])
    nb, _ = WithholdFlaggedOutputs().preprocess(nb, {})
    texts = [o["text"] for c in nb.cells for o in c.outputs]
    assert texts[0] == "before\n"
    assert all("withheld" in t and "stolen" not in t for t in texts[1:])


# --- Formgrader ----------------------------------------------------------------------------

def test_rubric_latex_is_drawn_not_shown_raw():
    text = note_text("00-x", {"points": 4, "rubric": "**Rubric**\n- **4**: finds $m^*$ and cost $5 and $10.",
                              "model": "$$\\frac{a}{b}$$"})
    assert "$m^*$" not in text and 'alt="m^*"' in text and "$5 and $10" in text
    assert 'alt="\\frac{a}{b}"' in text
    assert render_math("no maths") == "no maths"


def test_formgrader_session_has_an_exchange_folder_and_execs(tmp_path):
    from course.instructor.formgrader import session_config

    folder = session_config(tmp_path / "session")
    assert (folder / "exchange").is_dir()
    assert str(folder / "exchange") in (folder / "nbgrader_config.py").read_text()
    source = (REPO / "course" / "instructor" / "formgrader.py").read_text()
    assert "os.execve(" in source


def test_stopping_formgrader_by_its_pid_stops_jupyterlab(tmp_path):
    """The PID the command prints is JupyterLab's own: SIGTERM to it leaves no child behind."""
    import psutil

    root = tmp_path / "instructor"
    root.mkdir()
    (root / "nbgrader_config.py").write_text((INSTRUCTOR / "nbgrader_config.py").read_text())
    (root / "gradebook.db").write_bytes(b"")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    proc = subprocess.Popen([sys.executable, "-m", "course.instructor", "formgrader", "--no-browser",
                             "--port", "0", "--course-root", str(root)], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        me = psutil.Process(proc.pid)
        deadline = 60
        import time
        started = time.monotonic()
        while "jupyter" not in " ".join(me.cmdline()) and time.monotonic() - started < deadline:
            time.sleep(0.2)
        assert any("lab" in part for part in me.cmdline()), me.cmdline()   # the same PID now runs JupyterLab
        proc.terminate()
        proc.wait(30)
        assert not [p for p in psutil.process_iter(["ppid"]) if p.info["ppid"] == proc.pid]
    finally:
        if proc.poll() is None:
            proc.kill()

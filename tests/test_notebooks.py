"""Masters and student notebooks: no drift, no leaks, and both run.

The masters in instructor/source are the single source of truth; the student
notebooks in notebooks/ must be exactly what `python -m course.instructor
generate` makes from them.
"""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from course.instructor import NOTEBOOKS, authoring

MASTERS = authoring.masters()
STUDENTS = sorted(NOTEBOOKS.glob("*.ipynb"))
SOLUTION = re.compile(r"### BEGIN SOLUTION(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


def nbgrader(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def test_every_master_has_a_student_notebook_and_back():
    assert MASTERS, "no master notebooks found"
    assert [p.name for p in MASTERS] == [p.name for p in STUDENTS]


def test_student_notebooks_are_exactly_what_generate_produces(tmp_path):
    fresh = authoring.generate(out=tmp_path)
    for path in fresh:
        committed = NOTEBOOKS / path.name
        assert path.read_bytes() == committed.read_bytes(), (
            f"{committed.name} drifted from its master: run `python -m course.instructor generate`")


@pytest.mark.parametrize("student", STUDENTS, ids=lambda p: p.stem)
def test_student_notebook_leaks_no_solution_hidden_test_or_output(student):
    master = nbformat.read(authoring.SOURCE / student.stem / student.name, as_version=4)
    text = student.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "**Rubric**", "Model answer"):
        assert marker not in text, f"{student.name} contains {marker!r}"
    secret_lines = set()
    for cell in master.cells:
        for region in SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source):
            secret_lines |= {line.strip() for line in region.splitlines() if len(line.strip()) > 12}
    notebook = nbformat.read(student, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "student copy has outputs"
        for line in cell.source.splitlines():
            assert line.strip() not in secret_lines, f"solution line leaked: {line.strip()!r}"
        if nbgrader(cell).get("solution") and cell.cell_type == "code":
            assert "None  # YOUR ANSWER HERE" in cell.source
    assert "widgets" not in notebook.metadata


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_master_meets_the_exercise_standard(master):
    notebook = nbformat.read(master, as_version=4)
    cells = notebook.cells
    graded_code = [c for c in cells if nbgrader(c).get("grade") and c.cell_type == "code"]
    written = [c for c in cells if nbgrader(c).get("grade") and c.cell_type == "markdown"]
    assert graded_code, "at least one autograded exercise"
    assert written, "at least one written exercise graded by rubric"
    for cell in graded_code:
        pair = (("check(", "grade(") if "check_scenario(" not in cell.source
                else ("check_scenario(", "grade_scenario("))
        assert all(call in cell.source for call in pair) and HIDDEN.search(cell.source), (
            "visible check(...) + hidden grade(...), or check_scenario(...) + grade_scenario(...)")
    for cell in written:
        assert "**Rubric**" in cell.source and all(f"**{n}**" in cell.source for n in "4321")
    for cell in cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None, "masters are committed executed (nbval needs it)"
            assert not [o for o in cell.outputs if o.output_type == "error"]
            if "widget-view" in str(cell.outputs):
                assert "nbval-ignore-output" in cell.metadata.get("tags", [])
    ids = [nbgrader(c)["grade_id"] for c in cells if nbgrader(c)]
    assert len(ids) == len(set(ids)), "grade ids must be unique"


def run(notebook, folder: Path, allow_errors=False):
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return notebook


def stream_text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.mark.slow
@pytest.mark.parametrize("student", STUDENTS, ids=lambda p: p.stem)
def test_fresh_student_notebook_runs_all_to_the_end(student, tmp_path):
    notebook = run(nbformat.read(student, as_version=4), tmp_path)
    checks = [c for c in notebook.cells if nbgrader(c).get("grade") and c.cell_type == "code"]
    for cell in checks:
        assert "not answered yet" in stream_text(cell)
    assert any("widget-view" in str(c.get("outputs", [])) for c in notebook.cells), "a widget rendered"


@pytest.mark.slow
@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_hidden_tests_fail_an_unanswered_submission(master, tmp_path):
    """With the solutions replaced by the stub, every graded code cell errors."""
    notebook = nbformat.read(master, as_version=4)
    for cell in notebook.cells:
        if nbgrader(cell).get("solution") and cell.cell_type == "code":
            cell.source = SOLUTION.sub("None  # YOUR ANSWER HERE\n", cell.source)
    run(notebook, tmp_path, allow_errors=True)
    for cell in notebook.cells:
        if nbgrader(cell).get("grade") and cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert errors and errors[0].ename in ("AssertionError", "TypeError"), nbgrader(cell)["grade_id"]
            assert "not answered yet" in stream_text(cell)

"""Every autograded exercise: the self-check, Validate and the autograder agree.

For each ``grade(...)`` declaration in every master (found automatically, so new
notebooks are covered when they arrive), the master is executed and then a
spread of answers is tried: the solution, the expected value, each edge of the
acceptance rule from just inside and just outside, the answer rounded to one
decimal fewer, the typical wrong answers the master lists, and non-answers.
For each trial three verdicts must agree: the visible self-check's text (in
the student notebook's own test cell), nbgrader's score for that student cell
(what Validate reports) and its score for the full cell with the hidden tests
(what autograde gives).
"""

from __future__ import annotations

import copy
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import determine_grade

from course import checks
from course.checks import Rule
from course.instructor import NOTEBOOKS, authoring
from course.instructor.exercises import declarations, registry_text
from course.models import scenario

MASTERS = authoring.masters()
DECLARED = {master: declarations(master) for master in MASTERS}
SOLUTION = object()  # the master's own answer cell, as executed


class ScenarioTrial(NamedTuple):
    """Settings and a quoted number for a grade_scenario(...) declaration, with the
    verdict the rule gives (None: only agreement is required)."""

    settings: object
    reported: object
    accept: bool | None


def scenario_trials(declaration) -> list:
    """The dashboard's number at several packages (defaults, a mixed one, every slider
    low, every slider high), each edge of the rule, and malformed or hostile input."""
    rule = Rule(declaration.decimals, declaration.tolerance)
    unit, k = 10.0 ** -rule.decimals, rule.steps
    base = scenario.Scenario().settings()
    packages = [base, {**base, "military_share": 0.1, "soldiers_released": 0.5, "enforcement": 0.4,
                       "worker_share": 0.6, "noise": 0.2},
                {s.name: s.low for s in scenario.SETTINGS}, {s.name: s.high for s in scenario.SETTINGS}]
    found = [SOLUTION]
    for settings in packages:
        value = scenario.quantity(settings, declaration.quantity)
        centre = rule.units(value)
        found += [ScenarioTrial(settings, value, True)]
        found += [ScenarioTrial(settings, (centre + side * k) * unit, True) for side in (-1, 1)]
        found += [ScenarioTrial(settings, (centre + side * (k + 1)) * unit, False) for side in (-1, 1)]
    value = scenario.quantity(base, declaration.quantity)
    first = scenario.SETTINGS[0]
    found += [ScenarioTrial(None, value, False), ScenarioTrial(base, None, False),
              ScenarioTrial({**base, first.name: first.high + 1}, value, False),
              ScenarioTrial({**base, first.name: float("nan")}, value, False),
              ScenarioTrial({**base, first.name: str(first.default)}, value, False),
              ScenarioTrial({k: v for k, v in base.items() if k != first.name}, value, False),
              ScenarioTrial(str(base), value, False), ScenarioTrial(base, str(value), False),
              ScenarioTrial(base, float("nan"), False), ScenarioTrial(base, [value], False)]
    return found


def trials(declaration) -> list:
    if declaration.is_scenario:
        return scenario_trials(declaration)
    rule = Rule(declaration.decimals, declaration.tolerance)
    unit = 10.0 ** -rule.decimals
    centre, k = rule.units(declaration.expected), rule.steps
    values = [SOLUTION, declaration.expected]
    for side in (-1, 1):
        values += [(centre + side * k) * unit,             # on the edge
                   (centre + side * (k + 0.45)) * unit,    # just inside (rounds to the edge)
                   (centre + side * (k + 0.55)) * unit,    # just outside
                   (centre + side * (k + 1)) * unit]       # one step outside
    if rule.decimals > 0:
        values.append(round(declaration.expected, rule.decimals - 1))
    values += list(declaration.wrong)
    values += [None, f"{declaration.expected}", float("nan"), [declaration.expected]]
    return values


def must_accept(declaration, value) -> bool | None:
    """What the rule itself says; None where only agreement is required."""
    if isinstance(value, ScenarioTrial):
        return value.accept
    if value is SOLUTION:
        return True
    if value is None or isinstance(value, (str, list)):
        return False
    if value is SOLUTION or value == declaration.expected:
        return True
    if value in declaration.wrong:
        return False
    return None


def student_cells(master: Path) -> dict:
    student = nbformat.read(NOTEBOOKS / master.name, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in student.cells
            if c.metadata.get("nbgrader", {}).get("grade")}


def verdicts_notebook(master: Path):
    """The executed master followed by, per trial, an assignment, the student's
    test cell and the full test cell."""
    notebook = nbformat.read(master, as_version=4)
    full = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
    student = student_cells(master)
    plan = []
    for declaration in DECLARED[master]:
        for value in trials(declaration):
            if isinstance(value, ScenarioTrial):
                assign = (f"{declaration.settings_name} = {value.settings!r}\n"
                          f"{declaration.answer_name} = {value.reported!r}")
            else:
                assign = ("pass" if value is SOLUTION else f"{declaration.answer_name} = {value!r}")
            assign = assign.replace("nan", "float('nan')")
            cells = [nbformat.v4.new_code_cell(assign),
                     copy.deepcopy(student[declaration.grade_id]),
                     copy.deepcopy(full[declaration.grade_id])]
            for cell in cells[1:]:
                cell.outputs, cell.execution_count = [], None
            start = len(notebook.cells)
            notebook.cells += cells
            plan.append((declaration, value, start))
    return notebook, plan


def execute(notebook, folder: Path):
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_every_master_declares_its_exercises():
    for master, found in DECLARED.items():
        graded = [c for c in nbformat.read(master, as_version=4).cells
                  if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
        assert len(found) == len(graded) > 0, f"{master.name}: one grade(...) per test cell"


def test_the_registry_is_what_the_masters_declare():
    assert checks.REGISTRY.read_text(encoding="utf-8") == registry_text(MASTERS), (
        "course/exercises.json drifted from the masters: run `python -m course.instructor build`")


@pytest.mark.slow
@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_self_check_validate_and_autograde_agree(master, tmp_path):
    notebook, plan = verdicts_notebook(master)
    execute(notebook, master.parent)
    disagreements = []
    for declaration, value, start in plan:
        student_cell, full_cell = notebook.cells[start + 1], notebook.cells[start + 2]
        said = text(student_cell)
        looks_right = "looks right" in said
        validate_passes = determine_grade(student_cell)[0] == determine_grade(student_cell)[1]
        score, points = determine_grade(full_cell)
        autograde_passes = score == points
        expected = must_accept(declaration, value)
        shown = "solution" if value is SOLUTION else repr(value)
        if not (looks_right == validate_passes == autograde_passes):
            disagreements.append(f"{declaration.question} {shown}: self-check {said.strip()!r}, "
                                 f"validate {validate_passes}, autograde {score}/{points}")
        elif expected is not None and looks_right != expected:
            disagreements.append(f"{declaration.question} {shown}: accepted={looks_right}, "
                                 f"the rule says {expected}")
        if not autograde_passes:
            assert "looks right" not in text(full_cell), "feedback would show 'looks right' above a failure"
    assert not disagreements, "\n".join(disagreements)


# --- No answer given away ----------------------------------------------------------------

def answer_pattern(declaration) -> re.Pattern:
    shown = f"{declaration.expected:.{declaration.decimals}f}"
    return re.compile(rf"(?<![\d.]){re.escape(shown)}(?!\d)")


def imported_objects(notebook) -> list:
    """Every course object the notebook's code imports (modules, classes, functions)."""
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if re.match(r"\s*(from course|import course)", line):
                    exec(line.strip(), namespace)
    return [v for k, v in namespace.items() if not k.startswith("__")]


def docstrings(objects) -> str:
    seen, texts = set(), []

    def visit(obj, depth=0):
        if id(obj) in seen or depth > 2:
            return
        seen.add(id(obj))
        texts.append(inspect.getdoc(obj) or "")
        if inspect.ismodule(obj) or inspect.isclass(obj):
            for name, member in vars(obj).items():
                if not name.startswith("_") and (inspect.isfunction(member) or inspect.isclass(member)
                                                 or isinstance(member, property)):
                    if getattr(member, "__module__", "course").startswith("course"):
                        visit(member, depth + 1)

    for obj in objects:
        visit(obj)
    return "\n".join(texts)


def default_readouts(notebook) -> str:
    """The one-line readout of every explorer the notebook builds, at its settings there."""
    namespace: dict = {}
    for obj in imported_objects(notebook):
        namespace[getattr(obj, "__name__", "").rsplit(".", 1)[-1]] = obj
    readouts = []
    for cell in notebook.cells:
        for call in re.findall(r"\b(\w+Explorer\([^)]*\))", cell.source):
            explorer = eval(call, namespace)
            values = {name: control.value for name, control in explorer.controls.items()}
            readouts.append(explorer.describe(explorer.compute(**values)))
    return "\n".join(readouts)


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_no_exercise_answer_appears_where_students_look(master):
    student = nbformat.read(NOTEBOOKS / master.name, as_version=4)
    places = {
        "the student notebook": "\n".join(c.source for c in student.cells),
        "the docstrings of what it imports": docstrings(imported_objects(student)),
        "an explorer's readout at its settings in the notebook": default_readouts(student),
    }
    # A scenario check has no single answer: it asks for the dashboard's number.
    found = [f"{d.question}: {d.expected:.{d.decimals}f} in {where}"
             for d in DECLARED[master] if not d.is_scenario for where, body in places.items()
             if answer_pattern(d).search(body)]
    assert not found, "\n".join(found)


@pytest.mark.slow
@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_no_exercise_answer_appears_in_a_fresh_run(master, tmp_path):
    student = execute(nbformat.read(NOTEBOOKS / master.name, as_version=4), tmp_path)
    outputs = json.dumps([c.get("outputs", []) for c in student.cells if c.cell_type == "code"])
    outputs = re.sub(r'"image/png": "[^"]*"', "", outputs)
    found = [d.question for d in DECLARED[master]
             if not d.is_scenario and answer_pattern(d).search(outputs)]
    assert not found, f"stored outputs of a fresh run state the answer to {found}"


# --- Validate ----------------------------------------------------------------------------

def answered_copy(master: Path, folder: Path, answers: dict) -> Path:
    """The student notebook with each answer cell set to ``name = value``, written answers filled."""
    notebook = nbformat.read(NOTEBOOKS / master.name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "A written answer."
    for declaration in DECLARED[master]:
        cell = next(c for c in notebook.cells if c.cell_type == "code"
                    and re.search(rf"^{declaration.answer_name} = \(", c.source, re.M))
        cell.source = re.sub(r"\(\s*None  # YOUR ANSWER HERE\s*\)",
                             repr(answers[declaration.question]), cell.source)
    path = folder / master.name
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
def test_validate_fails_wrong_answers_and_passes_right_ones(tmp_path):
    """nbgrader validate (what the Validate button runs) agrees with the self-checks."""
    master = next(m for m in MASTERS if m.stem.startswith("02"))
    declared = DECLARED[master]
    cases = {"wrong": {d.question: next(iter(d.wrong)) for d in declared},
             "right": {d.question: d.expected for d in declared}}
    for kind, answers in cases.items():
        folder = tmp_path / kind
        folder.mkdir()
        path = answered_copy(master, folder, answers)
        done = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(path)],
                              capture_output=True, text=True, timeout=600, cwd=folder)
        said = done.stdout + done.stderr
        if kind == "wrong":
            assert "Success!" not in said and f"VALIDATION FAILED ON {len(declared)} CELL(S)" in said, said
            assert all(f"[{d.question}] not yet" in said for d in declared), said
        else:
            assert "Success! Your notebook passes all the tests." in said, said

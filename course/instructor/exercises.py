"""The exercise registry: each master's ``grade(...)`` declarations, made student-safe.

An autograded exercise is declared once, by the literal arguments of the
``grade(...)`` call in the hidden tests of its master (see :mod:`course.checks`),
or of a ``grade_scenario(...)`` call for a number quoted from the capstone's
dashboard (its expected value depends on the student's stated settings).
:func:`declarations` reads those calls without running anything;
:func:`write_registry` turns them into ``course/exercises.json`` (rules, units,
hints and digests, never the expected values), which the students' self-checks
read. ``python -m course.instructor build`` rewrites the registry before it
executes the masters, and a test fails when the committed file has drifted.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course.checks import REGISTRY, registry_entry, scenario_registry_entry

_KEYWORDS = ("expected", "decimals", "tolerance", "unit", "hint", "wrong")
_SCENARIO_KEYWORDS = ("quantity", "decimals", "tolerance", "unit", "hint")


@dataclass(frozen=True)
class Declaration:
    """One exercise as its master declares it.

    A ``grade(...)`` declaration has a literal ``expected``; a
    ``grade_scenario(...)`` declaration has none (``expected`` is None) but names
    the student's settings variable and the dashboard ``quantity`` recomputed there.
    """

    question: str
    answer_name: str
    grade_id: str
    expected: float | None
    decimals: int
    tolerance: float = 0.0
    unit: str = ""
    hint: str = ""
    wrong: dict = field(default_factory=dict)
    settings_name: str = ""
    quantity: str = ""

    @property
    def is_scenario(self) -> bool:
        return bool(self.quantity)

    def entry(self) -> dict:
        """The registry record (digests or a scenario rule, no values)."""
        if self.is_scenario:
            return scenario_registry_entry(self.question, quantity=self.quantity,
                                           decimals=self.decimals, tolerance=self.tolerance,
                                           unit=self.unit, hint=self.hint)
        return registry_entry(self.question, expected=self.expected, decimals=self.decimals,
                              tolerance=self.tolerance, unit=self.unit, hint=self.hint,
                              wrong=self.wrong)


def _grade_calls(source: str, where: str):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ValueError(f"{where}: the test cell is not valid Python ({error.msg}, line {error.lineno})")
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("grade", "grade_scenario")):
            yield node


def _scenario_declaration(call: ast.Call, grade_id: str, where: str) -> Declaration:
    if len(call.args) != 3 or not all(isinstance(a, ast.Name) for a in call.args[1:]):
        raise ValueError(f"{where}: write grade_scenario(\"id\", settings_variable, answer_variable, "
                         f"quantity=..., decimals=..., ...)")
    try:
        question = ast.literal_eval(call.args[0])
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except ValueError:
        raise ValueError(f"{where}: the arguments of grade_scenario(...) must be literals")
    unknown = set(keywords) - set(_SCENARIO_KEYWORDS)
    if unknown or "quantity" not in keywords or "decimals" not in keywords:
        raise ValueError(f"{where}: grade_scenario(...) takes quantity= and decimals= (and "
                         f"optionally tolerance=, unit=, hint=); got {sorted(keywords)}")
    return Declaration(question=question, answer_name=call.args[2].id, grade_id=grade_id,
                       expected=None, settings_name=call.args[1].id, **keywords)


def _declaration(call: ast.Call, grade_id: str, where: str) -> Declaration:
    if call.func.id == "grade_scenario":
        return _scenario_declaration(call, grade_id, where)
    if len(call.args) != 2 or not isinstance(call.args[1], ast.Name):
        raise ValueError(f"{where}: write grade(\"id\", answer_variable, expected=..., decimals=..., ...)")
    try:
        question = ast.literal_eval(call.args[0])
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    except ValueError:
        raise ValueError(f"{where}: the arguments of grade(...) must be literals (numbers, strings, "
                         f"a dict of wrong answers), so the registry can be built without running code")
    unknown = set(keywords) - set(_KEYWORDS)
    if unknown or "expected" not in keywords or "decimals" not in keywords:
        raise ValueError(f"{where}: grade(...) takes expected= and decimals= (and optionally "
                         f"tolerance=, unit=, hint=, wrong=); got {sorted(keywords)}")
    return Declaration(question=question, answer_name=call.args[1].id, grade_id=grade_id, **keywords)


def declarations(master: Path) -> list[Declaration]:
    """Every ``grade(...)`` declaration in a master notebook, in order.

    Raises
    ------
    ValueError
        If a call is malformed or not literal, or a question id repeats.
    """
    notebook = nbformat.read(master, as_version=4)
    found: list[Declaration] = []
    for index, cell in enumerate(notebook.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        where = f"{master.name}, cell {index} ({meta.get('grade_id', '?')})"
        found += [_declaration(call, meta.get("grade_id", ""), where)
                  for call in _grade_calls(cell.source, where)]
    questions = [d.question for d in found]
    repeated = {q for q in questions if questions.count(q) > 1}
    if repeated:
        raise ValueError(f"{master.name}: exercise ids declared twice: {sorted(repeated)}")
    return found


def registry(masters: list[Path]) -> dict:
    """The registry for these masters: ``{question: entry}``, sorted by id."""
    entries = {}
    for master in masters:
        for declaration in declarations(master):
            if declaration.question in entries:
                raise ValueError(f"exercise id {declaration.question} is declared in two masters")
            entries[declaration.question] = declaration.entry()
    return dict(sorted(entries.items()))


def registry_text(masters: list[Path]) -> str:
    return json.dumps(registry(masters), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_registry(masters: list[Path], path: Path = REGISTRY) -> bool:
    """Rewrite ``course/exercises.json`` from the masters; return whether it changed."""
    text = registry_text(masters)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True

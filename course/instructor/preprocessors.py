"""nbgrader preprocessors for autograding and feedback.

* :class:`CappedExecute` is nbgrader's ``Execute`` with a cap on how much
  output one cell may keep: a cell that prints megabytes keeps its first
  ``max_output_bytes`` and a note. Error outputs are always kept (a test that
  fails must still score zero).
* :class:`HideGraderNotes` drops the rubric cells the grader adds to the
  autograded copy (for Formgrader) so they never reach students.
* :class:`HideHiddenTests` removes hidden tests from feedback: their source,
  the errors and tracebacks of test cells, and any output elsewhere that
  quotes them (a student can print the kernel's input history).
* :class:`WithholdFlaggedOutputs` withholds, from the first cell that reads
  the input history, changes Python's built-ins or inspects the running
  program's frames, the outputs of that cell and every later one: such code
  can print the hidden tests in a form no text search recognises (reversed,
  encoded).
* :class:`MarkUngradedWritten` says in words, on the page and under each
  written answer, that written answers are not graded yet (their score is
  not final).

:class:`CappedExecute` also runs test cells with ``store_history=False``, so
their hidden tests never enter the kernel's input history (``In``, ``_ih``,
``%history``). The kernel still compiles them, so code that inspects frames
can see them: that is what :class:`WithholdFlaggedOutputs` is for.

Use them in ``nbgrader_config.py``::

    c.Autograde.autograde_preprocessors = [...]   # see grading.autograde_config
    c.GenerateFeedback.preprocessors = [
        "course.instructor.preprocessors.HideGraderNotes",
        "course.instructor.preprocessors.HideHiddenTests",
        "nbgrader.preprocessors.GetGrades",
        "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    ]
"""

from __future__ import annotations

import re

from nbformat.notebooknode import NotebookNode
from traitlets import Integer

from nbgrader.preprocessors import Execute, NbGraderPreprocessor

GRADER_NOTE = "course_grader_note"
HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
# What course.checks.check writes to standard error: "[NN-id] not yet: ..." or "not answered yet".
SELF_CHECK_VERDICT = re.compile(r"\A\[([\w.-]+)\] not (yet|answered yet)[:.]")


def _without_hints(text: str) -> str:
    """A verdict with its exercise's declared hints cut out: they are declared in the hidden
    tests and meant to be shown, so only the rest is checked for quotes of grader-only code."""
    from course.checks import _registry

    entry = _registry().get(SELF_CHECK_VERDICT.match(text).group(1), {})
    for hint in [entry.get("hint", ""), *entry.get("wrong", {}).values()]:
        if hint:
            text = text.replace(hint, "")
    return text
FAILED_TESTS = ("The tests in this cell did not pass. (The hidden tests, their error messages "
                "and tracebacks are not shown.)\n")
QUOTED = "[output removed: it quotes grader-only test code]\n"


def _size(content: dict) -> int:
    if "text" in content:
        return len(content["text"])
    data = content.get("data") or {}
    return sum(len(v) if isinstance(v, str) else len(str(v)) for v in data.values())


class CappedExecute(Execute):
    """nbgrader's Execute, keeping at most ``max_output_bytes`` of output per cell."""

    max_output_bytes = Integer(
        200_000, help="Most characters of output one cell keeps; the rest is dropped with a note."
    ).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._kept: dict[int, int] = {}
        self._capped: set[int] = set()
        return super().preprocess(nb, resources, km)

    def execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        # Hidden tests stay out of In/_ih/%history, where a later student cell could read them.
        if is_test_cell(cell):
            store_history = False
        return super().execute_cell(cell, cell_index, execution_count=execution_count, store_history=store_history)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        if msg.get("msg_type") == "error":
            content["evalue"] = str(content.get("evalue", ""))[:2000]
            content["traceback"] = [line[:2000] for line in content.get("traceback", [])[-60:]]
            return super().output(outs, msg, display_id, cell_index)
        if msg.get("msg_type") not in ("stream", "display_data", "execute_result", "update_display_data"):
            return super().output(outs, msg, display_id, cell_index)
        kept = self._kept.get(cell_index, 0)
        size = _size(content)
        room = self.max_output_bytes - kept
        if size <= room:
            self._kept[cell_index] = kept + size
            return super().output(outs, msg, display_id, cell_index)
        if msg.get("msg_type") == "stream" and room > 0:
            content["text"] = content["text"][:room]
            self._kept[cell_index] = self.max_output_bytes
            super().output(outs, msg, display_id, cell_index)
        if cell_index not in self._capped:
            self._capped.add(cell_index)
            outs.append(NotebookNode(output_type="stream", name="stdout",
                                     text=f"\n[output truncated by the grader: this cell printed more "
                                          f"than {self.max_output_bytes:,} characters]\n"))
        return None


def is_test_cell(cell) -> bool:
    """A graded cell that is not an answer: nbgrader's test cells (they hold the hidden tests)."""
    meta = cell.get("metadata", {}).get("nbgrader", {}) or {}
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


class HideGraderNotes(NbGraderPreprocessor):
    """Remove cells the grader added for graders only (rubrics beside answers)."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not c.get("metadata", {}).get(GRADER_NOTE)]
        return nb, resources


def hidden_regions(source: str) -> list[str]:
    """Hidden-test regions of a cell, an unterminated one included."""
    from course.instructor.submissions import regions

    return regions(source, HIDDEN_BEGIN, HIDDEN_END, keep_unterminated=True)


def _strip_hidden(source: str) -> str:
    lines, inside = [], False
    for line in source.splitlines():
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        elif not inside:
            lines.append(line)
    return "\n".join(lines).rstrip()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests, test-cell errors and outputs quoting hidden tests."""

    window = Integer(24, help="Length of quoted hidden-test text that gets an output removed").tag(config=True)

    def preprocess(self, nb, resources):
        self._windows: set[str] = set()
        for cell in nb.cells:
            if cell.cell_type == "code":
                for region in hidden_regions(cell.source):
                    text = _normalise(region)
                    for start in range(0, max(len(text) - self.window + 1, 0)):
                        self._windows.add(text[start:start + self.window])
        return super().preprocess(nb, resources)

    def _quotes_hidden(self, text: str) -> bool:
        if not self._windows:
            return False
        text = _normalise(text)
        w = self.window
        return any(text[i:i + w] in self._windows for i in range(0, max(len(text) - w + 1, 0)))

    @staticmethod
    def _texts(output) -> list[str]:
        if output.get("output_type") == "stream":
            return [output.get("text", "")]
        if output.get("output_type") == "error":
            return [output.get("evalue", "")] + list(output.get("traceback", []))
        data = output.get("data") or {}
        return [v if isinstance(v, str) else str(v) for v in data.values()]

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            had_hidden = HIDDEN_BEGIN in cell.source
            if had_hidden:
                cell.source = _strip_hidden(cell.source)
            is_test = had_hidden or cell.get("metadata", {}).get("nbgrader", {}).get("grade", False)
            outputs = []
            failed = False
            for output in cell.get("outputs", []):
                stderr = output.get("output_type") == "stream" and output.get("name") == "stderr"
                verdict = stderr and SELF_CHECK_VERDICT.match(output.get("text", ""))
                if is_test and (output.get("output_type") == "error" or stderr):
                    failed = True
                    if not verdict:  # a self-check's "not yet" is the student's to see; the rest is not
                        continue
                texts = [_without_hints(output.get("text", ""))] if verdict else self._texts(output)
                if any(self._quotes_hidden(t) for t in texts):
                    outputs.append(NotebookNode(output_type="stream", name="stdout", text=QUOTED))
                    continue
                outputs.append(output)
            if failed:
                outputs.append(NotebookNode(output_type="stream", name="stdout", text=FAILED_TESTS))
            cell.outputs = outputs
        elif self._quotes_hidden(cell.source):
            cell.source = QUOTED
        return cell, resources


WITHHELD = ("[output withheld from feedback: this notebook reads the input history, changes Python's built-ins "
            "or inspects the grader's frames ({}); your instructor reviews it]\n")
# What makes a cell's output untrustworthy in feedback (a subset of submissions.SUSPICIOUS).
REVEALING = ("reads the input history", "changes Python itself", "redefines a function the tests use",
             "inspects the running program")


class WithholdFlaggedOutputs(NbGraderPreprocessor):
    """From the first flagged student cell on, replace every output with one sentence."""

    def preprocess(self, nb, resources):
        from course.instructor.submissions import SUSPICIOUS

        first, reasons = None, []
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or is_test_cell(cell):
                continue
            found = [what for pattern, what in SUSPICIOUS
                     if what.startswith(REVEALING) and pattern.search(cell.source)]
            if found:
                first, reasons = i, found
                break
        if first is not None:
            text = WITHHELD.format(", ".join(reasons))
            for cell in nb.cells[first:]:
                if cell.cell_type == "code" and cell.get("outputs"):
                    cell.outputs = [NotebookNode(output_type="stream", name="stdout", text=text)]
        return nb, resources


UNGRADED_PAGE = ("**Provisional feedback: your written answers have not been graded yet.** "
                 "Their scores below are not final, and neither is the total.")
UNGRADED_CELL = "**Not graded yet.** This written answer has not been graded; the score shown for it is not final."
UNGRADED_MARK = "course_ungraded_note"


def ungraded_written(db_url: str, assignment: str, notebook: str, student: str) -> list[str]:
    """Grade ids of written answers (markdown) still waiting for a manual score.

    A blank answer is not waiting: nbgrader scores an unchanged answer cell 0 ("no
    response") and export reports it as graded, so feedback treats it the same way.
    """
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url) as gb:
        try:
            submission = gb.find_submission_notebook(notebook, assignment, student)
        except MissingEntry:
            return []
        return sorted(g.name for g in submission.grades
                      if g.cell_type == "markdown" and (g.needs_manual_grade or g.score is None))


class MarkUngradedWritten(NbGraderPreprocessor):
    """Say in words that written answers are not graded yet (top of the page and under each)."""

    def preprocess(self, nb, resources):
        from nbformat.v4 import new_markdown_cell

        info = resources.get("nbgrader", {})
        try:
            waiting = set(ungraded_written(info["db_url"], info["assignment"], info["notebook"], info["student"]))
        except KeyError:
            return nb, resources
        if not waiting:
            return nb, resources
        cells = [new_markdown_cell(UNGRADED_PAGE, metadata={UNGRADED_MARK: True})]
        for cell in nb.cells:
            cells.append(cell)
            if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in waiting:
                cells.append(new_markdown_cell(UNGRADED_CELL, metadata={UNGRADED_MARK: True}))
        nb.cells = cells
        return nb, resources

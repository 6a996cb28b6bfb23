"""Reading, recognising and repairing student notebooks.

A submitted file is judged by its content, not its name: a notebook belongs to
an assignment when its graded cells carry that assignment's nbgrader
``grade_id`` values. Before autograding, a *copy* of each submission is
repaired against the released student version (the submitted file itself is
never changed):

* graded cells the student deleted are put back (as released: an unanswered
  stub or the visible test cell; nbgrader then restores the hidden tests);
* grading metadata the student changed (points, ids, locks) is restored;
* an unchanged duplicate of a graded cell is dropped; an edited duplicate stays
  as an ordinary cell so its code still runs;
* import-only cells the student deleted are put back at the top.

Each repair is reported as a note for the instructor.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"


# --- reading ---------------------------------------------------------------

def read_notebook_bytes(data: bytes):
    """Return ``(notebook, None)`` or ``(None, reason it is not a readable notebook)``."""
    if not data.strip():
        return None, "empty file"
    if data[:2] == b"PK":
        return None, "a zip archive, not a notebook"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "binary file, not a notebook"
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"corrupt notebook: not valid JSON ({error.msg} at line {error.lineno})"
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        return None, "JSON, but not a notebook (no list of cells)"
    try:
        import logging
        logging.getLogger("nbformat").setLevel(logging.ERROR)
        notebook = nbformat.reads(text, as_version=4, capture_validation_error={})
    except Exception as error:  # nbformat raises many kinds for malformed input
        return None, f"corrupt notebook: {type(error).__name__}: {str(error)[:200]}"
    for cell in notebook.cells:
        if not isinstance(cell.get("source", ""), str) or "cell_type" not in cell:
            return None, "corrupt notebook: a cell has no type or source"
        cell.setdefault("metadata", nbformat.NotebookNode())
    return notebook, None


def read_notebook(path: Path):
    return read_notebook_bytes(Path(path).read_bytes())


# --- nbgrader metadata -------------------------------------------------------

def nbgrader_meta(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def is_graded_cell(cell) -> bool:
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade_id")) and bool(meta.get("grade") or meta.get("solution") or meta.get("locked"))


def grade_ids(notebook) -> list[str]:
    return [nbgrader_meta(c)["grade_id"] for c in notebook.cells if is_graded_cell(c)]


def regions(source: str, begin: str, end: str, keep_unterminated: bool = False) -> list[str]:
    """Text between ``begin`` and ``end`` marker lines (markers excluded).

    With ``keep_unterminated``, a region opened but never closed runs to the
    end of the source (what must stay hidden when an author forgets the end
    marker).
    """
    found, current = [], None
    for line in source.splitlines():
        if begin in line:
            current = []
        elif end in line and current is not None:
            found.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    if keep_unterminated and current is not None:
        found.append("\n".join(current))
    return found


def secret_lines(notebook, min_length: int = 12, written_only_solutions: bool = False) -> set[str]:
    """Distinctive lines of solutions and hidden tests that appear nowhere else in ``notebook``.

    A line of a model answer that repeats the question is not a secret; one that
    only occurs inside ``### BEGIN SOLUTION`` or ``BEGIN HIDDEN TESTS`` is.
    """
    secret, public = set(), set()
    for cell in notebook.cells:
        found = regions(cell.source, BEGIN_HIDDEN, END_HIDDEN)
        if cell.cell_type == "markdown" or not written_only_solutions:
            found += regions(cell.source, BEGIN_SOLUTION, END_SOLUTION)
        inside = {line.strip() for region in found for line in region.splitlines()}
        secret |= {line for line in inside if len(line) >= min_length}
        public |= {line.strip() for line in cell.source.splitlines()} - inside
    return secret - public


@dataclass
class AssignmentIndex:
    """Which assignment and notebook each grade id belongs to (from the masters)."""

    owner: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_source(cls, source: Path) -> "AssignmentIndex":
        index = cls()
        for master in sorted(Path(source).glob("*/*.ipynb")):
            notebook, _ = read_notebook(master)
            if notebook is None:
                continue
            for gid in grade_ids(notebook):
                index.owner.setdefault(gid, (master.parent.name, master.stem))
        return index

    def identify(self, notebook, assignment: str) -> tuple[str, str | None]:
        """``("match", notebook name)``, ``("other", assignment)`` or ``("unknown", None)``."""
        votes: dict[tuple[str, str], int] = {}
        for gid in grade_ids(notebook):
            if gid in self.owner:
                votes[self.owner[gid]] = votes.get(self.owner[gid], 0) + 1
        if not votes:
            return "unknown", None
        mine = {k: v for k, v in votes.items() if k[0] == assignment}
        if mine:
            return "match", max(mine, key=mine.get)[1]
        return "other", max(votes, key=votes.get)[0]


# --- cells that lost their grading metadata (Colab and other editors) -------

UNCERTAIN_MATCH = "graded cells matched with uncertainty"
STUB_LINE = re.compile(r"^\s*None\s*#\s*YOUR ANSWER HERE\s*$")


def _norm(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def _answer_prefix(source: str) -> str:
    """The released answer cell's lines before the stub (``name = (``): what a student's cell starts with."""
    lines = source.strip().splitlines()
    cut = next((i for i, line in enumerate(lines) if STUB_LINE.match(line)), len(lines))
    return _norm("\n".join(lines[:cut]))


def match_lost_metadata(notebook, released) -> list[str]:
    """Give a notebook whose cells lost nbgrader's metadata that metadata back, by order and content.

    Google Colab (and some other editors) drop every cell's metadata. The
    released cells that were not graded anchor the alignment (same type and
    text, in order, found with :class:`difflib.SequenceMatcher`); between two
    anchors, a released answer cell matches the one student cell that starts
    with its first lines (``name = (``), a test cell the one cell with its
    visible text, a written answer the one markdown cell that is not released
    text. A graded cell with no such single candidate is left unmatched (it is
    put back as released by :func:`repair`) and the notes include
    :data:`UNCERTAIN_MATCH`, so the grader flags the whole submission for
    manual grading instead of scoring it 0.
    """
    import difflib

    mine, theirs = notebook.cells, released.cells
    key = lambda c: (c.cell_type, _norm(c.source))  # noqa: E731
    plain_r = [i for i, c in enumerate(theirs) if not is_graded_cell(c)]
    matcher = difflib.SequenceMatcher(None, [key(theirs[i]) for i in plain_r], [key(c) for c in mine],
                                      autojunk=False)
    anchor: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            anchor[plain_r[block.a + k]] = block.b + k
    released_text = {key(c) for c in theirs}
    used: set[int] = set(anchor.values())
    matched, uncertain = 0, []
    for r, ref in enumerate(theirs):
        if not is_graded_cell(ref):
            continue
        meta = nbgrader_meta(ref)
        low = max([anchor[k] for k in anchor if k < r], default=-1)
        high = min([anchor[k] for k in anchor if k > r], default=len(mine))
        window = [i for i in range(low + 1, high) if i not in used and mine[i].cell_type == ref.cell_type]
        if ref.cell_type == "code" and meta.get("solution"):
            prefix = _answer_prefix(ref.source)
            found = [i for i in window if prefix and _norm(mine[i].source).startswith(prefix)]
        elif ref.cell_type == "code":
            found = [i for i in window if _norm(mine[i].source) == _norm(ref.source)]
        else:
            found = [i for i in window if key(mine[i]) not in released_text]
        if len(found) == 1:
            mine[found[0]].metadata["nbgrader"] = copy.deepcopy(ref.metadata["nbgrader"])
            used.add(found[0])
            matched += 1
        else:
            uncertain.append(meta["grade_id"])
    notes = [f"no grading metadata in the file (worked in Colab or another editor?): {matched} graded cell(s) "
             f"matched to the released ones by order and content"]
    if uncertain:
        notes.append(f"{UNCERTAIN_MATCH} ({', '.join(uncertain)} not found for certain): the whole submission "
                     f"needs manual grading")
    return notes


# --- repairing a copy before autograding ------------------------------------

IMPORT_LINE = re.compile(r"^\s*(from\s+\S+\s+import\s+.+|import\s+.+|#.*|)$")


def _is_import_cell(cell) -> bool:
    lines = cell.source.splitlines()
    return (cell.cell_type == "code" and any(l.strip() for l in lines)
            and all(IMPORT_LINE.match(l) for l in lines) and "(" not in cell.source)


def _fresh(cell):
    new = copy.deepcopy(cell)
    new["id"] = nbformat.v4.new_code_cell().id
    if new.cell_type == "code":
        new.outputs, new.execution_count = [], None
    return new


def _find(notebook, cell) -> int | None:
    """Index in ``notebook`` of the released ``cell`` (by grade id, else by identical source)."""
    gid = nbgrader_meta(cell).get("grade_id") if is_graded_cell(cell) else None
    for i, mine in enumerate(notebook.cells):
        if gid is not None:
            if is_graded_cell(mine) and nbgrader_meta(mine).get("grade_id") == gid:
                return i
        elif mine.cell_type == cell.cell_type and mine.source.strip() == cell.source.strip():
            return i
    return None


def repair(notebook, released, earlier: dict[str, list[dict]] | None = None) -> list[str]:
    """Repair ``notebook`` in place against the released version; return notes.

    ``earlier`` maps a grade id to its grading metadata in earlier releases: a
    cell that still carries one of those was not changed by the student but
    by a re-release, and the note says so.
    """
    notes: list[str] = []
    earlier = earlier or {}
    if not grade_ids(notebook):
        notes += match_lost_metadata(notebook, released)
    reference = {nbgrader_meta(c)["grade_id"]: c for c in released.cells if is_graded_cell(c)}

    # 1. unknown ids lose their grading metadata; known ones get it back as released
    positions: dict[str, list[int]] = {}
    for i, cell in enumerate(notebook.cells):
        meta = nbgrader_meta(cell)
        gid = meta.get("grade_id")
        if not gid:
            if "nbgrader" in cell.get("metadata", {}) and meta:
                cell.metadata.pop("nbgrader")
            continue
        if gid not in reference:
            cell.metadata.pop("nbgrader", None)
            if meta.get("grade") or meta.get("solution") or meta.get("locked"):
                notes.append(f"cell {gid!r} is not part of this assignment: graded as an ordinary cell")
            continue
        positions.setdefault(gid, []).append(i)
        wanted = reference[gid].metadata["nbgrader"]
        mine = {k: v for k, v in meta.items() if k != "checksum"}
        if mine != {k: v for k, v in wanted.items() if k != "checksum"}:
            bare = {k: v for k, v in mine.items() if k != "cell_type"}
            if bare in [{k: v for k, v in e.items() if k != "cell_type"} for e in earlier.get(gid, [])]:
                notes.append(f"cell {gid!r} carries the grading metadata of an earlier release (a re-release "
                             f"changed it, not the student): graded as the current release says")
            else:
                notes.append(f"grading metadata of cell {gid!r} was changed: restored")
        cell.metadata["nbgrader"] = copy.deepcopy(wanted)
        if cell.cell_type != reference[gid].cell_type:
            notes.append(f"cell {gid!r} was changed to {cell.cell_type}: changed back")
        if wanted.get("locked") and not wanted.get("solution") and \
                cell.source.strip() != reference[gid].source.strip():
            notes.append(f"locked cell {gid!r} was edited: the master version is graded")

    # 2. duplicates: keep one graded copy
    drop: set[int] = set()
    for gid, where in positions.items():
        if len(where) < 2:
            continue
        stub = reference[gid].source.strip()
        edited = [i for i in where if notebook.cells[i].source.strip() != stub]
        keep = edited[-1] if (edited and reference[gid].metadata["nbgrader"].get("solution")) else where[-1]
        for i in where:
            if i == keep:
                continue
            if notebook.cells[i].source.strip() == stub:
                drop.add(i)
            else:
                notebook.cells[i].metadata.pop("nbgrader", None)
        notes.append(f"cell {gid!r} appeared {len(where)} times: graded copy {where.index(keep) + 1}; "
                     f"unchanged copies removed, edited ones run as ordinary cells")
    if drop:
        notebook.cells = [c for i, c in enumerate(notebook.cells) if i not in drop]

    # 3. deleted graded cells come back, after the nearest released cell still there
    present = {nbgrader_meta(c).get("grade_id") for c in notebook.cells if is_graded_cell(c)}
    for r, ref in enumerate(released.cells):
        gid = nbgrader_meta(ref).get("grade_id") if is_graded_cell(ref) else None
        if gid is None or gid in present:
            continue
        at = 0
        for k in range(r - 1, -1, -1):
            found = _find(notebook, released.cells[k])
            if found is not None:
                at = found + 1
                break
        notebook.cells.insert(at, _fresh(ref))
        present.add(gid)
        notes.append(f"graded cell {gid!r} was deleted: put back as released")

    # 4. deleted import cells come back at the top
    sources = {c.source.strip() for c in notebook.cells}
    missing = [c for c in released.cells if _is_import_cell(c) and c.source.strip() not in sources]
    for n, cell in enumerate(missing):
        notebook.cells.insert(n, _fresh(cell))
        notes.append(f"import cell deleted: put back ({cell.source.strip().splitlines()[0][:60]})")

    # cell ids must be unique for nbformat (and exist: nbformat 4.5 and later)
    notebook.nbformat_minor = max(int(notebook.get("nbformat_minor", 0) or 0), 5)
    seen = set()
    for cell in notebook.cells:
        if cell.get("id") in seen or not cell.get("id"):
            cell["id"] = nbformat.v4.new_code_cell().id
        seen.add(cell["id"])
    return notes


# --- code worth a look ---------------------------------------------------

SUSPICIOUS = [
    (re.compile(r"\bopen\s*\(|\.read_(bytes|text)\s*\(|\bio\.|\bpathlib\b|\bglob\b"), "reads or writes files"),
    (re.compile(r"\bos\s*\.|\bshutil\b|\bsubprocess\b|\bctypes\b|^\s*!|%%?(system|sx|bash|sh)\b", re.M),
     "uses the operating system or a shell"),
    (re.compile(r"sqlite|gradebook|nbgrader|HIDDEN|source/"), "mentions the gradebook or the masters"),
    (re.compile(r"\bIn\s*[\[)]|\bOut\s*\[|\b_ih\b|\b_oh\b|\b_i\d*\b|%history|get_ipython|\binspect\b"),
     "reads the input history"),
    (re.compile(r"__builtins__|\bbuiltins\b|sys\.modules|importlib|__import__|\bexec\s*\(|\beval\s*\(|"
                r"\bsetattr\s*\(|__class__|__(sub|eq|abs|float|lt|gt|le|ge)__"), "changes Python itself"),
    (re.compile(r"\bsys\s*\.\s*_getframe|\bf_back\b|\bf_code\b|\bf_globals\b|\bf_locals\b|\btb_frame\b|"
                r"\blinecache\b|\bgc\s*\.\s*get_(objects|referrers)|\bco_consts\b|\btraceback\b|\bsettrace\b|"
                r"\bsetprofile\b"), "inspects the running program (frames, code objects)"),
    (re.compile(r"^\s*(def\s+(abs|float|round|isinstance|check_number|check|grade|print|len)\s*\(|"
                r"(abs|float|round|isinstance|check_number|check|grade|print|len)\s*=[^=])", re.M),
     "redefines a function the tests use"),
]


def suspicious_code(notebook, released=None) -> list[str]:
    """Short notes on student-written code that touches files, the shell or Python internals.

    Only cells that differ from the released version are looked at. This is a
    flag for the instructor to read the code, not a verdict.
    """
    shipped = {c.source.strip() for c in released.cells} if released is not None else set()
    notes = []
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or cell.source.strip() in shipped:
            continue
        label = nbgrader_meta(cell).get("grade_id") or f"cell {i + 1}"
        for pattern, what in SUSPICIOUS:
            if pattern.search(cell.source):
                notes.append(f"review {label}: code {what}")
    return sorted(set(notes))

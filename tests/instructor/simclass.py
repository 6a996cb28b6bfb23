"""A simulated class: one LMS download (zip) holding every kind of submission.

:func:`make_class` builds the submissions of a released notebook, using its
master for right answers, and returns the zip's bytes and what each student
should get. It works on any master that follows the course conventions
(answer cells ``name = (stub)``, test cells with hidden tests, a written answer),
so the same class runs on the fixtures and on the real course notebooks.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell

from course.instructor.submissions import BEGIN_SOLUTION, END_SOLUTION, _is_import_cell, nbgrader_meta

STUB = "None  # YOUR ANSWER HERE"
WRITTEN = ("I compounded the yearly growth factors instead of adding the rates, using the Bank of Korea's "
           "first releases; the caveat is that they are estimates valued at South Korean prices.")


@dataclass
class Expect:
    """What one simulated student should end with."""

    kind: str
    collected: bool = True
    auto: float | None = None          # expected autograded points (code tests)
    status: str = ""                   # expected status in grades-by-student.csv
    notes: list[str] = field(default_factory=list)   # substrings expected in autograde notes
    collect_message: str = ""          # substring expected in the collect report


def _cells(nb, *, solution=None, grade=None, cell_type=None):
    found = []
    for i, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if not meta.get("grade_id"):
            continue
        if solution is not None and bool(meta.get("solution")) != solution:
            continue
        if grade is not None and bool(meta.get("grade")) != grade:
            continue
        if cell_type is not None and cell.cell_type != cell_type:
            continue
        found.append(i)
    return found


def _solution_code(master_cell_source: str) -> str:
    return "\n".join(l for l in master_cell_source.splitlines() if BEGIN_SOLUTION not in l and END_SOLUTION not in l)


def answered(released, master, right: bool = True, written: bool = True):
    """A copy of the released notebook with every exercise answered (right or wrong)."""
    nb = copy.deepcopy(released)
    by_id = {nbgrader_meta(c).get("grade_id"): c for c in master.cells}
    for i in _cells(nb, solution=True, cell_type="code"):
        gid = nbgrader_meta(nb.cells[i])["grade_id"]
        if right:
            nb.cells[i].source = _solution_code(by_id[gid].source)
        else:
            nb.cells[i].source = nb.cells[i].source.replace(STUB, "-999.0")
    if written:
        for i in _cells(nb, solution=True, cell_type="markdown"):
            nb.cells[i].source = WRITTEN
    return nb


def points(released) -> tuple[list[float], float]:
    """Points of each autograded test cell (in order), and of the written answers."""
    tests = [float(nbgrader_meta(released.cells[i])["points"])
             for i in _cells(released, grade=True, solution=False)]
    written = sum(float(nbgrader_meta(released.cells[i])["points"])
                  for i in _cells(released, grade=True, solution=True))
    return tests, written


def _after_imports(nb) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "import" in cell.source:
            return i + 1
    return 0


def _dump(nb) -> bytes:
    return nbformat.writes(nb).encode()


def make_class(released_path: Path, master_path: Path, other_released: Path, other_master: Path,
               course_root: Path, prefix: str = "s") -> tuple[bytes, dict[str, Expect], list[dict]]:
    """Return (zip bytes, expectations per student id, roster rows)."""
    released = nbformat.read(released_path, as_version=4)
    master = nbformat.read(master_path, as_version=4)
    name = released_path.name
    tests, _ = points(released)
    full = sum(tests)
    files: list[tuple[str, bytes, tuple]] = []
    expect: dict[str, Expect] = {}
    day = (2026, 3, 2, 12, 0, 0)

    def add(sid, filename, data, exp, when=day):
        files.append((filename, data, when))
        expect.setdefault(sid, exp)

    sid = lambda n: f"{prefix}{n:02d}"  # noqa: E731

    add(sid(1), f"{sid(1)}_{name}", _dump(answered(released, master)),
        Expect("correct", auto=full, status="needs manual grading"))
    add(sid(2), f"{sid(2)}_{name}", _dump(answered(released, master, right=False, written=False)),
        Expect("wrong", auto=0, status="graded"))

    nb = answered(released, master)
    first = _cells(nb, solution=True, cell_type="code")[0]
    nb.cells[first].source = "raise ValueError('I give up on this one')"
    add(sid(3), f"{sid(3)}_{name}", _dump(nb), Expect("raises", auto=full - tests[0], status="needs manual grading"))

    nb = answered(released, master)
    nb.cells[first].source = "while True:\n    pass"
    add(sid(4), f"{sid(4)}_{name}", _dump(nb), Expect("infinite loop", auto=full - tests[0],
                                                      status="needs manual grading", notes=["time limit"]))

    nb = answered(released, master, right=False)
    test_cell = _cells(nb, grade=True, solution=False)[0]
    nb.cells[test_cell].source = "print('all tests pass')"
    nb.cells[test_cell].metadata["nbgrader"]["points"] = 100
    nb.cells[test_cell].metadata["nbgrader"]["locked"] = False
    add(sid(5), f"{sid(5)}_{name}", _dump(nb), Expect("tampered test cell", auto=0, status="needs manual grading",
                                                      notes=["was edited", "metadata"]))

    nb = answered(released, master)
    drop = {test_cell, *_cells(nb, solution=True, cell_type="markdown")}
    drop |= {i for i, c in enumerate(nb.cells) if _is_import_cell(c) and not nbgrader_meta(c)}
    nb.cells = [c for i, c in enumerate(nb.cells) if i not in drop]
    add(sid(6), f"{sid(6)}_{name}", _dump(nb), Expect("deleted cells", auto=full, status="graded",
                                                      notes=["was deleted", "import cell"]))

    nb = answered(released, master)
    stub_copy = copy.deepcopy(released.cells[_cells(released, solution=True, cell_type="code")[0]])
    stub_copy["id"] = "duplicate1"
    nb.cells.insert(first + 1, stub_copy)
    add(sid(7), f"{sid(7)}_{name}", _dump(nb), Expect("duplicated graded cell", auto=full,
                                                      status="needs manual grading", notes=["appeared 2 times"]))

    add(sid(8), f"{sid(8)}_my homework FINAL (1).ipynb", _dump(answered(released, master)),
        Expect("renamed file", auto=full, status="needs manual grading", collect_message="renamed"))
    add(sid(9), f"{sid(9)}_notebook.txt", _dump(answered(released, master)),
        Expect("misnamed file", auto=full, status="needs manual grading", collect_message="misnamed"))
    add(sid(10), f"{sid(10)}_{name}", b"",
        Expect("empty file", collected=False, status="unreadable file", collect_message="empty file"))
    add(sid(11), f"{sid(11)}_{name}", _dump(answered(released, master))[:700],
        Expect("corrupt notebook", collected=False, status="unreadable file", collect_message="corrupt"))
    other = nbformat.read(other_released, as_version=4)
    add(sid(12), f"{sid(12)}_{name}", _dump(answered(other, nbformat.read(other_master, as_version=4))),
        Expect("other assignment", collected=False, status="wrong assignment",
               collect_message=f"notebook of {other_released.parent.name}"))

    nb = answered(released, master)
    nb.cells.insert(_after_imports(nb), new_code_cell("print('x' * 3_000_000)\nprint('after the flood')"))
    add(sid(13), f"{sid(13)}_{name}", _dump(nb), Expect("huge output", auto=full, status="needs manual grading"))

    a = released_path.parent.name
    reader = (
        "import glob\n"
        f"targets = ['../../../gradebook.db', {str(course_root / 'gradebook.db')!r},\n"
        f"           {str(course_root / 'source' / a / name)!r}, '../../../../template.db']\n"
        "for target in targets:\n"
        "    try:\n"
        "        data = open(target, 'rb').read()\n"
        "        print('READ', target, len(data))\n"
        "    except Exception as error:\n"
        "        print('no:', type(error).__name__)\n"
        "try:\n"
        f"    print(glob.glob({str(course_root / 'source')!r} + '/*/*.ipynb'))\n"
        "except Exception as error:\n"
        "    print('no:', type(error).__name__)\n"
        "try:\n"
        "    import sqlite3\n"
        "    sqlite3.connect('../../../gradebook.db').execute('select * from source_cell').fetchall()\n"
        "except Exception as error:\n"
        "    print('no:', type(error).__name__)")
    nb = answered(released, master)
    nb.cells.insert(_after_imports(nb), new_code_cell(reader))
    nb.cells.append(new_code_cell("print(In)\nprint(_ih[-3:])"))
    add(sid(14), f"{sid(14)}_{name}", _dump(nb), Expect("reads hidden tests", auto=full, status="needs manual grading",
                                                        notes=["guard blocked reading", "review"]))

    writer = (
        "import os, subprocess\n"
        f"targets = ['../../../../escape.txt', '../../../gradebook.db', {str(course_root / 'hacked.txt')!r},\n"
        f"           {str(course_root / 'source' / a / name)!r}]\n"
        "for target in targets:\n"
        "    try:\n"
        "        with open(target, 'a') as handle:\n"
        "            handle.write('pwned')\n"
        "        print('WROTE', target)\n"
        "    except Exception as error:\n"
        "        print('no:', type(error).__name__)\n"
        "for attempt in (lambda: os.system('touch ' + " + repr(str(course_root / 'hacked-shell.txt')) + "),\n"
        "                lambda: subprocess.run(['touch', " + repr(str(course_root / 'hacked-proc.txt')) + "]),\n"
        "                lambda: os.remove('../../../gradebook.db')):\n"
        "    try:\n"
        "        attempt()\n"
        "    except Exception as error:\n"
        "        print('no:', type(error).__name__)\n"
        "open('my_own_scratch.txt', 'w').write('allowed')\n"
        "os.symlink('/dev/zero', 'endless')   # would hang a naive copy of the folder\n"
        "os.mkfifo('pipe')")
    nb = answered(released, master)
    nb.cells.insert(_after_imports(nb), new_code_cell(writer))
    add(sid(15), f"{sid(15)}_{name}", _dump(nb), Expect("writes outside its folder", auto=full,
                                                        status="needs manual grading",
                                                        notes=["guard blocked writing", "starting a process"]))

    add("zz99", f"zz99_{name}", _dump(answered(released, master)),
        Expect("unknown id", collected=False, status="", collect_message="unknown student id"))

    older = _dump(answered(released, master, right=False))
    newer = _dump(answered(released, master))
    add(sid(16), f"{sid(16)}_{name}", older, Expect("duplicate files", auto=full, status="needs manual grading",
                                                    collect_message="collected the latest"),
        when=(2026, 3, 1, 9, 0, 0))
    files.append((f"{sid(16)}_{Path(name).stem}-resubmitted.ipynb", newer, (2026, 3, 2, 9, 0, 0)))

    add(sid(17), f"{sid(17)}_answers.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        Expect("not a notebook", collected=False, status="unreadable file", collect_message="not a notebook"))

    nb = answered(released, master, right=False)
    nb.cells.insert(_after_imports(nb), new_code_cell("def abs(value):\n    return 0"))
    add(sid(18), f"{sid(18)}_{name}", _dump(nb), Expect("redefines abs", auto=None, status="needs manual grading",
                                                        notes=["redefines a function"]))

    expect[sid(19)] = Expect("no submission", collected=False, status="no submission")

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, data, when in files:
            archive.writestr(zipfile.ZipInfo(filename, date_time=when), data)
        archive.writestr(zipfile.ZipInfo("__MACOSX/._junk", date_time=day), b"junk")
    roster = [{"id": s, "name": f"Student {s.upper()}", "email": f"{s}@example.edu"}
              for s in sorted(expect) if s != "zz99"]
    return buffer.getvalue(), expect, roster


def roster_csv(rows: list[dict]) -> str:
    lines = ["id,name,email"] + [f"{r['id']},{r['name']},{r['email']}" for r in rows]
    return "\n".join(lines) + "\n"


def manifest(expect: dict[str, Expect]) -> str:
    return json.dumps({k: v.__dict__ for k, v in expect.items()}, indent=1)

"""Autograding speed: stock nbgrader one student at a time vs the course's worker pool.

    python benchmarks/grading.py [--students 20] [--notebook 00] [--jobs 1 2 3] [--skip-stock]

Builds a throwaway course root with one real master notebook (the fixture if
none exists), releases it, and simulates a class: right, wrong and raising
submissions in turn. Then, each on a fresh copy of the same course root:

* **stock**: ``nbgrader autograde ASSIGNMENT --student ID``, one process per
  student, one after another (the baseline the issue measured at 4-5 s each);
* **course, N jobs**: ``python -m course.instructor autograde`` with N worker
  processes (guard on, rubric notes, single-writer gradebook merge).

It prints the wall time for the class and seconds per submission. Numbers
depend on the machine and on what else runs on it; run it on an idle machine
and compare rows from the same run only.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "instructor"))

import simclass  # noqa: E402

from course.instructor import INSTRUCTOR  # noqa: E402
from course.instructor.courseroot import CourseRoot  # noqa: E402
from course.instructor import collect, grading, release, roster  # noqa: E402

FIXTURE = REPO / "tests" / "instructor" / "fixtures" / "source" / "98-fixture-growth"


def build(base: Path, notebook: str | None, students: int) -> tuple[CourseRoot, str]:
    """A released course root with ``students`` collected submissions."""
    root = base / "template"
    root.mkdir(parents=True)
    shutil.copy(INSTRUCTOR / "nbgrader_config.py", root)
    masters = sorted(p for p in (INSTRUCTOR / "source").glob("*") if (p / f"{p.name}.ipynb").exists())
    chosen = [p for p in masters if notebook is None or p.name.startswith(notebook)][:1] or [FIXTURE]
    shutil.copytree(chosen[0], root / "source" / chosen[0].name)
    course = CourseRoot(root)
    name = chosen[0].name
    release.release(course, name, validate=False, report=lambda _: None)
    rel = nbformat.read(course.release / name / f"{name}.ipynb", as_version=4)
    master = nbformat.read(course.source / name / f"{name}.ipynb", as_version=4)
    download = base / "download"
    download.mkdir()
    for n in range(1, students + 1):
        kind = n % 3
        nb = simclass.answered(rel, master, right=kind != 1)
        if kind == 2:   # raises in its first answer cell
            first = next(c for c in nb.cells if c.cell_type == "code" and "### BEGIN" not in c.source
                         and c.metadata.get("nbgrader", {}).get("solution"))
            first.source = "raise ValueError('stuck')"
        (download / f"s{n:02d}_{name}.ipynb").write_text(nbformat.writes(nb))
    (base / "roster.csv").write_text("id,name\n" + "".join(f"s{n:02d},S {n}\n" for n in range(1, students + 1)))
    roster.import_roster(course, base / "roster.csv")
    collect.collect(course, name, download, report=lambda _: None)
    return course, name


def fresh_copy(course: CourseRoot, target: Path) -> CourseRoot:
    shutil.copytree(course.root, target)
    return CourseRoot(target)


def stock(course: CourseRoot, name: str, students: list[str]) -> float:
    started = time.perf_counter()
    for student in students:
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", name, "--student", student,
                        "--log-level=ERROR"], cwd=course.root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def ours(course: CourseRoot, name: str, jobs: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "course.instructor", "autograde", name, "--jobs", str(jobs),
                    "--course-root", str(course.root)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--notebook", default="00", help="number of the master to grade (default 00)")
    parser.add_argument("--jobs", type=int, nargs="+", default=sorted({1, grading.default_jobs()}))
    parser.add_argument("--skip-stock", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="course-grading-bench-") as tmp:
        base = Path(tmp)
        course, name = build(base, args.notebook, args.students)
        students = sorted(p.parent.parent.name for p in course.submitted.glob(f"*/{name}/*.ipynb"))
        n = len(students)
        print(f"{name}: {n} submissions; {grading.default_jobs()} usable core(s)")
        rows = []
        if not args.skip_stock:
            rows.append(("stock nbgrader, one --student at a time", stock(fresh_copy(course, base / "stock"),
                                                                          name, students)))
        for jobs in args.jobs:
            rows.append((f"course autograde, {jobs} job(s)", ours(fresh_copy(course, base / f"jobs{jobs}"),
                                                                   name, jobs)))
        baseline = rows[0][1]
        print(f"{'scheme':<42} {'class wall s':>12} {'s/submission':>13} {'vs first':>9}")
        for label, seconds in rows:
            print(f"{label:<42} {seconds:>12.1f} {seconds / n:>13.2f} {baseline / seconds:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

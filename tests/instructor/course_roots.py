"""Helpers for the grading tests: temporary course roots and a simulated class.

Every test works in a temporary copy of the course root; nothing is written
into the repository's instructor/ folder.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from course.instructor import INSTRUCTOR
from course.instructor.courseroot import CourseRoot

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "source"
sys.path.insert(0, str(HERE))

import simclass  # noqa: E402

GROWTH, OTHER = "98-fixture-growth", "99-fixture-other"


def real_masters() -> list[Path]:
    """Master folders in the repository's instructor/source (NN-slug/NN-slug.ipynb)."""
    source = INSTRUCTOR / "source"
    return sorted(p for p in source.iterdir() if p.is_dir() and (p / f"{p.name}.ipynb").exists()) \
        if source.is_dir() else []


def make_course_root(target: Path, sources: list[Path]) -> CourseRoot:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(INSTRUCTOR / "nbgrader_config.py", target / "nbgrader_config.py")
    for folder in sources:
        shutil.copytree(folder, target / "source" / folder.name,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return CourseRoot(target)


@dataclass
class SimulatedClass:
    course: CourseRoot
    assignment: str
    expect: dict
    zip_path: Path
    collected: object = None
    outcomes: list | None = None
    master_digest: str = ""

    @property
    def by_student(self):
        return {o.student: o for o in self.outcomes}


def run_class(course: CourseRoot, assignment: str, other: str, timeout: int = 3, jobs: int = 2) -> SimulatedClass:
    """Release ``assignment`` and ``other``, collect a simulated class, autograde it."""
    import hashlib

    from course.instructor import collect, grading, release, roster

    master_digest = hashlib.sha256((course.source / assignment / f"{assignment}.ipynb").read_bytes()).hexdigest()
    for name in (assignment, other):
        release.release(course, name, report=lambda _: None)
    released = course.release / assignment / f"{assignment}.ipynb"
    data, expect, rows = simclass.make_class(
        released, course.source / assignment / f"{assignment}.ipynb",
        course.release / other / f"{other}.ipynb", course.source / other / f"{other}.ipynb", course.root)
    zip_path = course.root.parent / f"lms-download-{assignment}.zip"
    zip_path.write_bytes(data)
    roster_path = course.root.parent / "roster.csv"
    roster_path.write_text(simclass.roster_csv(rows))
    roster.import_roster(course, roster_path)
    sim = SimulatedClass(course, assignment, expect, zip_path, master_digest=master_digest)
    sim.collected = collect.collect(course, assignment, zip_path, report=lambda _: None)
    sim.outcomes = grading.autograde(course, assignment, jobs=jobs, timeout=timeout, report=lambda _: None)
    return sim

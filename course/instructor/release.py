"""Releasing assignments: check the master, write the student copy, prove nothing leaks.

``python -m course.instructor release 00 [01 ...]`` does, for each assignment:

1. **Validate the master.** In a throwaway course root, the master notebook
   is autograded as if it were a student's submission: every autograded test
   must give full points (and no cell may raise), and every written answer must
   carry a ``**Rubric**``. Nothing is released if this fails.
2. **Generate** the student copy with nbgrader (``release/ASSIGNMENT/``) and
   record the assignment in the gradebook (needed for autograding).
3. **Check the release** for leaks: no solution or hidden-test markers, no
   line of a solution or hidden test, no rubric, no stored outputs. A release
   that fails is deleted, so it cannot be uploaded by mistake.

The files in ``release/ASSIGNMENT/`` are what you upload to the LMS;
``--copy-to DIR`` also copies them there.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from course.instructor import INSTRUCTOR
from course.instructor.courseroot import CourseRoot, add_root_argument
from course.instructor.submissions import (BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION,
                                           nbgrader_meta, read_notebook, secret_lines)


class ReleaseError(RuntimeError):
    pass


def generate_student_copy(course: CourseRoot, assignment: str) -> None:
    """nbgrader generate_assignment, in-process, into ``course``."""
    import logging

    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    config = course.config()
    log = logging.getLogger(f"course.release.{assignment}")
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)
    log.handlers[:] = [Keep(level=logging.ERROR)]
    log.propagate = False
    coursedir = CourseDirectory(config=config, log=log)
    coursedir.assignment_id = assignment
    app = GenerateAssignment(coursedir=coursedir, config=config, log=log)
    app.force = True
    try:
        app.start()
    except Exception as error:
        reasons = "; ".join(r.getMessage().splitlines()[0] for r in records) or str(error)
        raise ReleaseError(f"nbgrader could not generate {assignment}: {reasons}") from None


def validate_master(course: CourseRoot, assignment: str, timeout: int | None = None) -> list[str]:
    """Problems found by autograding the master itself (empty when it is fit to release)."""
    from course.instructor.grading import autograde
    from course.instructor.rubric import written_cells

    problems = []
    masters = course.masters(assignment)
    if not masters:
        return [f"no master notebook in {course.source / assignment}"]
    for master in masters:
        notebook, problem = read_notebook(master)
        if notebook is None:
            problems.append(f"{master.name}: {problem}")
            continue
        for gid, entry in written_cells(notebook).items():
            if not entry["rubric"]:
                problems.append(f"{master.name}: written answer {gid!r} has no **Rubric**")
        for cell in notebook.cells:
            meta = nbgrader_meta(cell)
            if meta.get("grade") and cell.cell_type == "code" and BEGIN_HIDDEN not in cell.source:
                problems.append(f"{master.name}: test cell {meta.get('grade_id')!r} has no hidden tests")
    if problems:
        return problems

    with tempfile.TemporaryDirectory(prefix="course-release-check-") as tmp:
        root = Path(tmp)
        # The course's settings (a section's config loads its course's), with this root and its own source.
        (root / "nbgrader_config.py").write_text(
            "c = get_config()  # noqa: F821\n"
            f"load_subconfig({str(course.root / 'nbgrader_config.py')!r})  # noqa: F821\n"
            f"c.CourseDirectory.root = {str(root)!r}\n"
            "c.CourseDirectory.source_directory = 'source'\n", encoding="utf-8")
        shutil.copytree(course.source / assignment, root / "source" / assignment)
        check = CourseRoot(root)
        generate_student_copy(check, assignment)
        submitted = root / "submitted" / "master-check" / assignment
        submitted.mkdir(parents=True)
        for master in masters:
            shutil.copy(master, submitted / master.name)
        outcomes = autograde(check, assignment, jobs=1, timeout=timeout, report=lambda _: None)
        outcome = outcomes[0]
        if outcome.status != "graded":
            return [f"the master could not be autograded: {outcome.error}"]
        from nbgrader.api import Gradebook

        with Gradebook(check.db_url, check.course_id) as gb:
            submission = gb.find_submission(assignment, "master-check")
            for nb in submission.notebooks:
                for grade in nb.grades:
                    if grade.cell_type == "code" and (grade.auto_score or 0) < grade.max_score:
                        problems.append(f"{nb.name}.ipynb: the solution scores {grade.auto_score or 0:g}/"
                                        f"{grade.max_score:g} on {grade.name!r}")
        for path in (root / "autograded" / "master-check" / assignment).glob("*.ipynb"):
            notebook, _ = read_notebook(path)
            for i, cell in enumerate(notebook.cells if notebook else []):
                for output in cell.get("outputs", []):
                    if output.get("output_type") == "error":
                        label = nbgrader_meta(cell).get("grade_id") or f"cell {i + 1}"
                        problems.append(f"{path.name}: {label} raises {output.get('ename')}: "
                                        f"{str(output.get('evalue'))[:120]}")
    return problems


def leaks(master_path: Path, release_path: Path) -> list[str]:
    """What of the master's grader-only content shows in the released notebook."""
    master, _ = read_notebook(master_path)
    released, problem = read_notebook(release_path)
    if released is None:
        return [f"{release_path.name}: {problem}"]
    text = "\n".join(c.source for c in released.cells)
    found = []
    for marker in (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN, "**Rubric**"):
        if marker in text:
            found.append(f"marker {marker!r}")
    for line in sorted(secret_lines(master)):
        if line in text:
            found.append(f"grader-only line {line[:60]!r}")
    for i, cell in enumerate(released.cells):
        if cell.get("outputs"):
            found.append(f"stored output in cell {i + 1}")
    return [f"{release_path.name}: {f}" for f in found]


def release(course: CourseRoot, assignment: str, validate: bool = True, copy_to: Path | None = None,
            timeout: int | None = None, report=print) -> list[Path]:
    """Validate, generate and leak-check one assignment; return the released notebooks."""
    if validate:
        report(f"{assignment}: checking that the master's solutions pass every test ...")
        problems = validate_master(course, assignment, timeout=timeout)
        if problems:
            raise ReleaseError(f"{assignment} not released:\n  " + "\n  ".join(problems))
    generate_student_copy(course, assignment)
    released = course.released(assignment)
    problems = []
    for path in released:
        master = course.source / assignment / path.name
        problems += leaks(master, path) if master.exists() else []
    if problems or not released:
        shutil.rmtree(course.release / assignment, ignore_errors=True)
        raise ReleaseError(f"{assignment}: release deleted, it would leak:\n  " + "\n  ".join(problems or ["no notebook"]))
    if copy_to:
        target = Path(copy_to) / assignment
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((course.release / assignment).rglob("*")):
            if path.is_file():
                dest = target / path.relative_to(course.release / assignment)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, dest)
    from course.instructor.grading import record_release

    change = record_release(course, assignment)
    for path in released:
        report(f"ready to upload: {path}")
    if change["changes"]:
        report(f"{assignment}: this release changes the grading of {len(change['changes'])} cell(s): "
               + "; ".join(change["changes"]))
        if change["affected"]:
            report(f"{assignment}: {len(change['affected'])} graded submission(s) were graded with the earlier "
                   f"release: {', '.join(change['affected'])}. Regrade them (manual scores are kept):\n"
                   f"    python -m course.instructor autograde {assignment}"
                   + (f" --course-root {course.root}" if course.root != INSTRUCTOR.resolve() else ""))
        else:
            report(f"{assignment}: no graded submission is affected")
    return released


def _cmd_release(args) -> int:
    course = CourseRoot.at(args.course_root)
    names = [course.resolve(n) for n in args.assignments]
    failed = 0
    for name in names:
        try:
            release(course, name, validate=not args.skip_validation,
                    copy_to=Path(args.copy_to) if args.copy_to else None, timeout=args.timeout)
        except ReleaseError as error:
            print(error)
            failed += 1
    return 1 if failed else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("release", help="validate masters and write student copies to release/",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="+", metavar="ASSIGNMENT", help="names or numbers, e.g. 00 01")
    parser.add_argument("--copy-to", metavar="DIR", help="also copy the released files into DIR")
    parser.add_argument("--timeout", type=int, default=None, help="per-cell timeout for the check (seconds)")
    parser.add_argument("--skip-validation", action="store_true",
                        help="do not autograde the master first (the leak check still runs)")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_release)

"""Exporting grades to CSV: one row per student, and one per student and question.

``python -m course.instructor export [ASSIGNMENT ...]`` writes into
``exports/`` (or ``--out DIR``):

* ``grades-by-student.csv``: ``student_id, name, email``, then for each
  assignment its score and a status (``graded``, ``needs manual grading``,
  ``not autograded yet``, ``autograde failed``, ``no submission``,
  ``unreadable file``, ``wrong assignment``), then ``total``, ``max_total``
  and ``needs_manual_grading`` (the assignments still waiting for a human;
  empty when none);
* ``grades-by-question.csv``: ``student_id, assignment, notebook, question,
  kind (autograded/written), max_points, auto_score, manual_score, score,
  needs_manual_grading (yes/no), notes``.

Every student on the roster appears, with or without a submission. Files are
written whole (a temporary file renamed into place).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from course.instructor.collect import collect_status
from course.instructor.courseroot import CourseRoot, add_root_argument, atomic_write_text, display_name
from course.instructor.grading import ledger


def _fmt(value) -> str:
    if value is None:
        return ""
    return f"{float(value):g}"


def gather(course: CourseRoot, assignments: list[str]) -> tuple[list[dict], list[dict], list[str]]:
    """Rows for the two CSV files, and the assignment columns used."""
    from nbgrader.api import Gradebook, MissingEntry

    students = course.students()
    by_student, by_question = [], []
    with Gradebook(course.db_url, course.course_id) as gb:
        known = [a.name for a in gb.assignments]
        assignments = [a for a in assignments if a in known] if assignments else sorted(known)
        max_scores = {a: float(gb.find_assignment(a).max_score) for a in assignments}
        runs = {a: ledger(course, a) for a in assignments}
        collected = {a: collect_status(course, a) for a in assignments}
        for student_id in sorted(students):
            info = students[student_id]
            row = {"student_id": student_id, "name": display_name(info), "email": info.get("email") or ""}
            total, pending = 0.0, []
            for a in assignments:
                run = runs[a].get(student_id)
                try:
                    submission = gb.find_submission(a, student_id)
                except MissingEntry:
                    submission = None
                state = collected[a].get(student_id, {})
                if submission is None:
                    messages = " ".join(state.get("messages", []))
                    if state.get("state") == "problem" and "notebook of" in messages:
                        status = "wrong assignment"
                    elif state.get("state") == "problem":
                        status = "unreadable file"
                    else:
                        status = "no submission"
                    score = 0.0
                else:
                    score = float(submission.score)
                    if run is None:
                        status = "not autograded yet"
                    elif run["status"] != "graded":
                        status = "autograde failed"
                    elif submission.needs_manual_grade:
                        status = "needs manual grading"
                    else:
                        status = "graded"
                    if status != "graded":
                        pending.append(a)
                    notes = (run or {}).get("notes", []) + [m for m in state.get("messages", [])
                                                             if not m.startswith(("collected ", "already"))]
                    for nb in submission.notebooks:
                        for grade in sorted(nb.grades, key=lambda g: g.name):
                            written = grade.cell_type == "markdown"
                            by_question.append({
                                "student_id": student_id, "assignment": a, "notebook": nb.name,
                                "question": grade.name, "kind": "written" if written else "autograded",
                                "max_points": _fmt(grade.max_score), "auto_score": _fmt(grade.auto_score),
                                "manual_score": _fmt(grade.manual_score), "score": _fmt(grade.score),
                                "needs_manual_grading": "yes" if (grade.needs_manual_grade or status in
                                                                  ("not autograded yet", "autograde failed"))
                                else "no",
                                "notes": "; ".join(notes),
                            })
                row[a] = _fmt(score)
                row[f"{a} status"] = status
                total += score
            row["total"] = _fmt(total)
            row["max_total"] = _fmt(sum(max_scores.values()))
            row["needs_manual_grading"] = " ".join(pending)
            by_student.append(row)
    return by_student, by_question, assignments


def _csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export(course: CourseRoot, assignments: list[str] | None = None, out: Path | None = None) -> list[Path]:
    """Write both CSV files for ``assignments`` (default: all); return their paths."""
    return _write(course, *gather(course, assignments or []), out)


def _write(course: CourseRoot, by_student: list[dict], by_question: list[dict], used: list[str],
           out: Path | None) -> list[Path]:
    out = Path(out or course.exports)
    student_columns = ["student_id", "name", "email"] + [c for a in used for c in (a, f"{a} status")] + \
        ["total", "max_total", "needs_manual_grading"]
    question_columns = ["student_id", "assignment", "notebook", "question", "kind", "max_points", "auto_score",
                        "manual_score", "score", "needs_manual_grading", "notes"]
    paths = [out / "grades-by-student.csv", out / "grades-by-question.csv"]
    atomic_write_text(paths[0], _csv(by_student, student_columns))
    atomic_write_text(paths[1], _csv(by_question, question_columns))
    return paths


def _cmd_export(args) -> int:
    course = CourseRoot.at(args.course_root)
    names = [course.resolve(a) for a in args.assignments]
    by_student, by_question, used = gather(course, names)
    for path in _write(course, by_student, by_question, used, Path(args.out) if args.out else None):
        print(f"wrote {path}")
    waiting = [r["student_id"] for r in by_student if r["needs_manual_grading"]]
    print(f"{len(by_student)} students; {len(waiting)} with submissions still needing manual grading"
          + (f": {', '.join(waiting)}" if waiting else ""))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("export", help="export grades to CSV (per student and per question)",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment")
    parser.add_argument("--out", metavar="DIR", help="folder for the CSV files (default: exports/)")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_export)

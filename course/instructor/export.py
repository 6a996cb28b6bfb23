"""Exporting grades to CSV: one row per student, and one per student and question.

``python -m course.instructor export [ASSIGNMENT ...]`` writes into
``exports/`` (or ``--out DIR``):

* ``grades-by-student.csv``: ``student_id, name, email``, then for each
  assignment its score and a status (``graded``, ``needs manual grading``,
  ``not autograded yet``, ``needs regrading (release changed)``,
  ``autograde failed``, ``no submission``, ``unreadable file``,
  ``wrong assignment``), then ``total``, ``max_total``,
  ``needs_manual_grading`` (the assignments still waiting for a human or a
  run; empty when none) and ``needs_attention`` (why, in words, with late
  marks from the LMS); with ``--weighted``, the notebooks' part of the course
  total as the syllabus weights it (lowest notebook dropped);
* ``canvas-import.csv``: Canvas's gradebook import layout (``Student, ID,
  SIS User ID, SIS Login ID, Section``, one column per assignment titled
  ``<title> (<Canvas assignment id>)`` from ``c.CourseSettings.lms_assignments``);
  a score that is not final is left blank, never 0;
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
from course.instructor.grading import ledger, release_fingerprints

PENDING = ("needs manual grading", "not autograded yet", "autograde failed", "needs regrading (release changed)")


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
        current = release_fingerprints(course)
        collected = {a: collect_status(course, a) for a in assignments}
        for student_id in sorted(students):
            info = students[student_id]
            row = {"student_id": student_id, "name": display_name(info), "email": info.get("email") or ""}
            total, pending, attention = 0.0, [], []
            for a in assignments:
                run = runs[a].get(student_id)
                try:
                    submission = gb.find_submission(a, student_id)
                except MissingEntry:
                    submission = None
                state = collected[a].get(student_id, {})
                on_disk = any((course.submitted / student_id / a).glob("*.ipynb"))
                if submission is None and on_disk:
                    # Collected but never autograded: not a zero, and not final.
                    status, score = "not autograded yet", None
                    pending.append(a)
                elif submission is None:
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
                    elif current.get(a) and run.get("release") != current[a]:
                        status = "needs regrading (release changed)"
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
                                                                  PENDING[1:]) else "no",
                                "notes": "; ".join(notes),
                            })
                row[a] = _fmt(score)
                row[f"{a} status"] = status
                total += score or 0.0
                if status in PENDING:
                    attention.append(f"{a}: {status}")
                if state.get("late"):
                    attention.append(f"{a}: marked late by the LMS")
            row["total"] = _fmt(total)
            row["max_total"] = _fmt(sum(max_scores.values()))
            row["needs_manual_grading"] = " ".join(pending)
            row["needs_attention"] = "; ".join(attention)
            by_student.append(row)
    return by_student, by_question, assignments


def _csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export(course: CourseRoot, assignments: list[str] | None = None, out: Path | None = None,
           weighted: bool = False) -> list[Path]:
    """Write the CSV files for ``assignments`` (default: all); return their paths.

    The first two are ``grades-by-student.csv`` and ``grades-by-question.csv``,
    the third ``canvas-import.csv``.
    """
    return _write(course, *gather(course, assignments or []), out, weighted=weighted)


def student_columns(used: list[str], weighted: bool = False) -> list[str]:
    columns = ["student_id", "name", "email"] + [c for a in used for c in (a, f"{a} status")] + \
        ["total", "max_total", "needs_manual_grading", "needs_attention"]
    return columns + ([WEIGHTED_COLUMN] if weighted else [])


def _write(course: CourseRoot, by_student: list[dict], by_question: list[dict], used: list[str],
           out: Path | None, weighted: bool = False) -> list[Path]:
    out = Path(out or course.exports)
    if weighted:
        add_weighted_total(course, by_student, used)
    question_columns = ["student_id", "assignment", "notebook", "question", "kind", "max_points", "auto_score",
                        "manual_score", "score", "needs_manual_grading", "notes"]
    paths = [out / "grades-by-student.csv", out / "grades-by-question.csv", out / "canvas-import.csv"]
    atomic_write_text(paths[0], _csv(by_student, student_columns(used, weighted)))
    atomic_write_text(paths[1], _csv(by_question, question_columns))
    atomic_write_text(paths[2], canvas_csv(course, by_student, used))
    return paths


# --- Canvas's gradebook import ----------------------------------------------------

CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def canvas_csv(course: CourseRoot, by_student: list[dict], used: list[str]) -> str:
    """Canvas's gradebook import file: fixed columns, then ``<title> (<assignment id>)`` per assignment.

    ``ID`` is the roster's ``lms_user_id`` (the Canvas user id), ``SIS User ID``
    the course's student id, ``SIS Login ID`` the e-mail's local part. Scores
    whose status is not final are left blank so that an import never writes
    a provisional 0.
    """
    from course.instructor.settings import settings

    config = settings(course)
    students = course.students()
    titles = []
    for a in used:
        title, lms_id = (list(config.lms_assignments.get(a) or []) + [None, None])[:2]
        titles.append(f"{title or a} ({lms_id})" if lms_id else (title or a))
    rows = []
    for row in by_student:
        info = students.get(row["student_id"], {})
        email = info.get("email") or ""
        out = {"Student": _canvas_name(info) or row["student_id"], "ID": info.get("lms_user_id") or "",
               "SIS User ID": row["student_id"], "SIS Login ID": email.split("@")[0] if "@" in email else "",
               "Section": config.section}
        for a, title in zip(used, titles):
            out[title] = "" if row[f"{a} status"] in PENDING else row[a]
        rows.append(out)
    return _csv(rows, CANVAS_FIXED + titles)


def _canvas_name(info: dict) -> str:
    """Canvas lists students as "Last, First"; a single-field name is kept whole."""
    first, last = info.get("first_name") or "", info.get("last_name") or ""
    return f"{last}, {first}" if first and last else (last or first)


# --- the weighted course total ------------------------------------------------------

WEIGHTED_COLUMN = "notebooks_weighted"


def syllabus_weights(path: Path) -> dict:
    """The notebooks' weight, which notebooks count and how many lowest are dropped, from the syllabus.

    Reads the assessment table of ``instructor/guide/syllabus.md``: the row
    whose part names the notebooks (``notebooks 00–09 ... lowest one dropped |
    40%``). Returns ``{"weight": 40.0, "first": 0, "last": 9, "drop": 1}``.
    """
    import re

    words = {"one": 1, "two": 2, "three": 3}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("notebooks") and cells[1].endswith("%"):
            span = re.search(r"(\d+)\s*[–-]\s*(\d+)", cells[0])
            drop = re.search(r"lowest (\w+) dropped", cells[0])
            return {"weight": float(cells[1].rstrip("%")),
                    "first": int(span.group(1)) if span else 0, "last": int(span.group(2)) if span else 99,
                    "drop": words.get(drop.group(1), int(drop.group(1)) if drop and drop.group(1).isdigit() else 0)
                    if drop else 0}
    raise ValueError(f"{path}: no 'notebooks ... | NN% |' row in the assessment table")


def add_weighted_total(course: CourseRoot, by_student: list[dict], used: list[str]) -> None:
    """Add the notebooks' weighted part of the course total to each row (blank while any is not final).

    Each counted notebook scores ``score / max``; the ``drop`` lowest of them
    are dropped and the mean of the rest times the weight is the part (so 40
    means full marks on the notebooks part). Example: fractions 1.0, 0.5 and
    0.75 with one dropped: mean(1.0, 0.75) * 40 = 35.
    """
    from course.instructor import INSTRUCTOR
    from course.instructor.settings import settings

    config = settings(course)
    rule = syllabus_weights(INSTRUCTOR / "guide" / "syllabus.md")
    if config.weights.get("notebooks") is not None:
        rule["weight"] = float(config.weights["notebooks"])
    if config.drop_lowest >= 0:
        rule["drop"] = config.drop_lowest
    maxima = {}
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course.course_id) as gb:
        for a in used:
            maxima[a] = float(gb.find_assignment(a).max_score)
    counted = [a for a in used if a[:2].isdigit() and rule["first"] <= int(a[:2]) <= rule["last"] and maxima[a]]
    for row in by_student:
        if any(row[f"{a} status"] in PENDING for a in counted) or not counted:
            row[WEIGHTED_COLUMN] = ""
            continue
        fractions = sorted(float(row[a] or 0) / maxima[a] for a in counted)
        kept = fractions[min(rule["drop"], len(fractions) - 1):]
        row[WEIGHTED_COLUMN] = f"{round(sum(kept) / len(kept) * rule['weight'], 2):g}"


def _cmd_export(args) -> int:
    course = CourseRoot.at(args.course_root)
    names = [course.resolve(a) for a in args.assignments]
    if args.all_sections:
        from course.instructor.sections import export_all_sections

        for path in export_all_sections(course, names, Path(args.out) if args.out else None, args.weighted):
            print(f"wrote {path}")
        return 0
    by_student, by_question, used = gather(course, names)
    for path in _write(course, by_student, by_question, used, Path(args.out) if args.out else None,
                       weighted=args.weighted):
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
    parser.add_argument("--weighted", action="store_true",
                        help="add the notebooks' weighted part of the course total (syllabus weights, "
                             "lowest notebook dropped)")
    parser.add_argument("--all-sections", action="store_true",
                        help="one file across every section of this course root (instructor/sections/*)")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_export)

"""The class roster: students in nbgrader's gradebook, imported from a CSV file.

``python -m course.instructor roster import roster.csv`` reads a CSV with a
header row. Columns (case-insensitive):

* ``id`` (or ``student_id``): required; letters, digits, ``. _ @ -``; it is
  the id that the LMS puts in the names of downloaded files;
* ``first_name`` and ``last_name``, or a single ``name`` (kept whole: names are
  not split, since family names come first in Korean and many other names);
* ``email`` and ``lms_user_id``: optional.

Importing is repeatable: new students are added, existing ones updated, and
nobody is removed (a student missing from the file is reported, and keeps
their grades).
"""

from __future__ import annotations

import csv
from pathlib import Path

from course.instructor.courseroot import STUDENT_ID, CourseRoot, add_root_argument, display_name


class RosterError(ValueError):
    pass


def read_roster(path: Path) -> list[dict]:
    """Rows of a roster CSV as dicts with keys id, first_name, last_name, email, lms_user_id."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise RosterError(f"{path}: not UTF-8 text ({error}); save the CSV as UTF-8") from None
    rows = list(csv.DictReader(text.splitlines()))
    if not rows:
        raise RosterError(f"{path}: no students (the first line must be a header such as id,name)")
    header = {k.strip().lower(): k for k in rows[0].keys() if k}
    id_key = header.get("id") or header.get("student_id")
    if id_key is None:
        raise RosterError(f"{path}: no 'id' column; columns are {', '.join(header) or 'none'}")
    problems, students, seen = [], [], {}
    for line, row in enumerate(rows, start=2):
        def get(name):
            key = header.get(name)
            value = (row.get(key) or "").strip() if key else ""
            return value or None
        student_id = (row.get(id_key) or "").strip()
        if not student_id:
            if any((v or "").strip() for v in row.values()):
                problems.append(f"line {line}: no student id")
            continue
        if not STUDENT_ID.match(student_id):
            problems.append(f"line {line}: id {student_id!r} is not allowed (use letters, digits, "
                            f"'.', '_', '@', '-'; at most 64 characters)")
            continue
        if student_id in seen:
            problems.append(f"line {line}: id {student_id} already on line {seen[student_id]}")
            continue
        seen[student_id] = line
        first, last = get("first_name"), get("last_name")
        if first is None and last is None:
            last = get("name")
        students.append({"id": student_id, "first_name": first, "last_name": last,
                         "email": get("email"), "lms_user_id": get("lms_user_id")})
    if problems:
        raise RosterError(f"{path}: " + "; ".join(problems))
    return students


def import_roster(course: CourseRoot, path: Path) -> dict:
    """Add or update the students of ``path`` in the gradebook. Returns a summary."""
    from nbgrader.api import Gradebook

    students = read_roster(path)
    before = course.students()
    added, updated, unchanged = [], [], []
    with Gradebook(course.db_url, course.course_id) as gb:
        for s in students:
            fields = {k: s[k] for k in ("first_name", "last_name", "email", "lms_user_id")}
            old = before.get(s["id"])
            if old is None:
                added.append(s["id"])
            elif any(old.get(k) != fields[k] for k in ("first_name", "last_name", "email")):
                updated.append(s["id"])
            else:
                unchanged.append(s["id"])
            gb.update_or_create_student(s["id"], **fields)
    listed = {s["id"] for s in students}
    return {"added": added, "updated": updated, "unchanged": unchanged,
            "not_in_file": sorted(set(before) - listed)}


def _cmd_import(args) -> int:
    course = CourseRoot.at(args.course_root)
    try:
        summary = import_roster(course, Path(args.csv))
    except (RosterError, OSError) as error:
        print(f"roster not imported: {error}")
        return 2
    print(f"roster: {len(summary['added'])} added, {len(summary['updated'])} updated, "
          f"{len(summary['unchanged'])} unchanged")
    if summary["not_in_file"]:
        print(f"in the gradebook but not in {args.csv} (kept, with their grades): "
              f"{', '.join(summary['not_in_file'])}")
    return 0


def _cmd_list(args) -> int:
    course = CourseRoot.at(args.course_root)
    students = course.students()
    print("id\tname\temail\tLMS user id (how downloads are matched)")
    for student_id, info in sorted(students.items()):
        print(f"{student_id}\t{display_name(info)}\t{info.get('email') or ''}\t{info.get('lms_user_id') or ''}")
    print(f"{len(students)} students")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("roster", help="import or list the class roster",
                                   description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    p = sub.add_parser("import", help="add or update students from a CSV (id, name, email)")
    p.add_argument("csv", help="CSV file with a header row: id,name[,email] or id,first_name,last_name")
    add_root_argument(p)
    p.set_defaults(func=_cmd_import)
    p = sub.add_parser("list", help="list the students in the gradebook")
    add_root_argument(p)
    p.set_defaults(func=_cmd_list)

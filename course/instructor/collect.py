"""Collecting submissions from an LMS download (a zip file or a folder).

``python -m course.instructor collect 00 ~/Downloads/submissions.zip``

* The whole download is first archived, byte for byte, under
  ``downloads/ASSIGNMENT/<UTC time>/``. Nothing there is ever deleted.
* Each file's student id comes from its path inside the download, through a
  regular expression with a ``student_id`` group (``--pattern``). The default,
  ``(?:^|/)(?P<student_id>[A-Za-z0-9.@-]+)_[^/]*$``, takes the part of the
  file name before the first underscore (``s001_00-reading.ipynb``). For one
  folder per student use ``^(?P<student_id>[^/]+)/``. An optional
  ``timestamp`` group (ISO date/time) picks the latest of several files and
  is recorded for late penalties.
* A file counts by its content: a notebook whose graded cells belong to this
  assignment is collected whatever its name; renamed or misnamed files are
  collected and reported; another assignment's notebook, an empty file, a
  corrupt notebook or a non-notebook file is reported and not collected.
* Unknown ids (not on the roster), several different files for one student,
  and roster students with nothing collected are reported.
* A collected file is never overwritten: if a student's new file differs from
  the one collected before, the earlier one is kept unless ``--replace``,
  which first archives it under ``downloads/ASSIGNMENT/replaced/``.

The report is printed and kept in ``downloads/ASSIGNMENT/collect-report.json``
(the grade export reads it).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from course.instructor.courseroot import (STUDENT_ID, CourseRoot, add_root_argument,
                                          atomic_write_bytes, atomic_write_json, atomic_write_text)
from course.instructor.submissions import AssignmentIndex, read_notebook_bytes

DEFAULT_PATTERN = r"(?:^|/)(?P<student_id>[A-Za-z0-9.@-]+)_[^/]*$"
MAX_FILE_BYTES = 50 * 1024 * 1024
# Everything read from one download: a class of notebooks is far below this; a zip
# bomb or a mistaken download of a whole drive is not.
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024


@dataclass
class Incoming:
    path: str                      # inside the download
    data: bytes | None
    when: datetime | None
    student: str | None = None
    notebook: str | None = None
    problem: str | None = None
    note: str | None = None
    stamped: bool = False          # `when` comes from a timestamp in the file name


@dataclass
class CollectReport:
    assignment: str
    archive: str = ""
    collected: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    students: dict[str, dict] = field(default_factory=dict)   # id -> {"state", "messages"}
    missing: list[str] = field(default_factory=list)

    def add(self, student: str | None, state: str, message: str) -> None:
        if student is None:
            return
        entry = self.students.setdefault(student, {"state": state, "messages": []})
        if state == "collected" or entry["state"] != "collected":
            entry["state"] = state
        entry["messages"].append(message)


def _entries(download: Path) -> list[Incoming]:
    found, total = [], 0

    def too_big(size: int) -> str | None:
        if size > MAX_FILE_BYTES:
            return "larger than 50 MB: not read"
        if total + size > MAX_TOTAL_BYTES:
            return "the download holds more than 2 GB: the rest is not read"
        return None

    if download.is_file() and zipfile.is_zipfile(download):
        with zipfile.ZipFile(download) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                when = datetime(*info.date_time)
                problem = too_big(info.file_size)
                if problem:
                    found.append(Incoming(info.filename, None, when, problem=problem))
                    continue
                try:
                    data = archive.read(info)
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError,
                        zlib.error, EOFError) as error:
                    # One damaged or encrypted entry must not stop the class's collection.
                    found.append(Incoming(info.filename, None, when,
                                          problem=f"unreadable in the zip ({error}): not read"))
                    continue
                total += len(data)
                found.append(Incoming(info.filename, data, when))
    elif download.is_dir():
        for path in sorted(p for p in download.rglob("*") if p.is_file() or p.is_symlink()):
            rel = path.relative_to(download).as_posix()
            if path.is_symlink():
                # A link could make another file (a master, a gradebook) look like a submission.
                found.append(Incoming(rel, None, None, problem="a symbolic link: not read"))
                continue
            when = datetime.fromtimestamp(path.stat().st_mtime)
            problem = too_big(path.stat().st_size)
            if problem:
                found.append(Incoming(rel, None, when, problem=problem))
                continue
            data = path.read_bytes()
            total += len(data)
            found.append(Incoming(rel, data, when))
    elif download.is_file():
        found.append(Incoming(download.name, download.read_bytes(),
                              datetime.fromtimestamp(download.stat().st_mtime)))
    else:
        raise SystemExit(f"{download}: no such file or folder")
    return found


def _ignored(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or parts[-1] in ("Thumbs.db", "desktop.ini")


def _archive(download: Path, folder: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / stamp
    target.mkdir(parents=True, exist_ok=False)
    if download.is_dir():
        shutil.copytree(download, target / download.name, symlinks=True)
    else:
        shutil.copy2(download, target / download.name)
    return target


def collect(course: CourseRoot, assignment: str, download: Path, pattern: str = DEFAULT_PATTERN,
            replace: bool = False, report=print) -> CollectReport:
    """Collect ``download`` into ``submitted/``; return (and print) what happened."""
    regex = re.compile(pattern)
    if "student_id" not in regex.groupindex:
        raise SystemExit(f"--pattern must have a (?P<student_id>...) group: {pattern}")
    notebooks = {p.stem for p in course.released(assignment)} or {p.stem for p in course.masters(assignment)}
    index = AssignmentIndex.from_source(course.source)
    roster = course.students()
    result = CollectReport(assignment)
    entries = _entries(download)
    archive = _archive(download, course.downloads / assignment)
    result.archive = str(archive)

    accepted: dict[tuple[str, str], list[Incoming]] = {}
    ignored = 0
    for entry in entries:
        if _ignored(entry.path):
            ignored += 1
            continue
        match = regex.search(entry.path)
        if match:
            entry.student = match.group("student_id")
            stamp = match.groupdict().get("timestamp")
            if stamp:
                try:
                    when = datetime.fromisoformat(stamp.replace("_", " "))
                    # Naive UTC throughout, as nbgrader reads timestamp.txt.
                    if when.tzinfo is not None:
                        when = when.astimezone(timezone.utc).replace(tzinfo=None)
                    entry.when, entry.stamped = when, True
                except ValueError:
                    result.notes.append(f"{entry.path}: timestamp {stamp!r} not understood; "
                                        "submission time not recorded")
        if entry.problem:
            entry.student = entry.student if entry.student and STUDENT_ID.fullmatch(entry.student) else None
        elif not match:
            entry.problem = "file name does not contain a student id (see --pattern)"
        elif not STUDENT_ID.fullmatch(entry.student):
            # The id becomes a folder name: nothing that could leave submitted/.
            entry.problem = f"{entry.student!r} is not a valid student id (see --pattern): not collected"
            entry.student = None
        elif roster and entry.student not in roster:
            entry.problem = f"unknown student id {entry.student!r} (not on the roster): not collected"
        else:
            notebook, problem = read_notebook_bytes(entry.data)
            if notebook is None:
                entry.problem = f"{problem}: not collected"
            else:
                kind, name = index.identify(notebook, assignment)
                if kind == "match":
                    entry.notebook = name
                elif kind == "other":
                    entry.problem = f"this is a notebook of {name}, not {assignment}: not collected"
                elif len(notebooks) == 1:
                    entry.notebook = next(iter(notebooks))
                    entry.note = "no graded cells of this assignment found (cells deleted or copied?): check by hand"
                else:
                    entry.problem = "a notebook with no graded cells of this assignment: not collected"
                if entry.notebook and PurePosixPath(entry.path).suffix != ".ipynb":
                    entry.note = (entry.note + "; " if entry.note else "") + \
                        f"misnamed file (a notebook without .ipynb): collected as {entry.notebook}.ipynb"
                elif entry.notebook and entry.notebook not in PurePosixPath(entry.path).name:
                    entry.note = (entry.note + "; " if entry.note else "") + \
                        f"renamed file: collected as {entry.notebook}.ipynb"
        if entry.problem:
            result.problems.append(f"{entry.path}: {entry.problem}")
            result.add(entry.student, "problem", entry.problem)
        else:
            accepted.setdefault((entry.student, entry.notebook), []).append(entry)
            if entry.note:
                result.notes.append(f"{entry.path}: {entry.note}")
                result.add(entry.student, "collected", entry.note)

    for (student, name), group in sorted(accepted.items()):
        distinct = {hashlib.sha256(e.data).hexdigest(): e for e in group}
        chosen = group[0]
        if len(distinct) > 1:
            ranked = sorted(distinct.values(), key=lambda e: e.when or datetime.min)
            if ranked[-1].when is not None and (ranked[-2].when is None or ranked[-1].when > ranked[-2].when):
                chosen = ranked[-1]
                message = (f"{len(distinct)} different files for {student}: collected the latest, "
                           f"{chosen.path}; the others stay in the archive")
                result.notes.append(message)
                result.add(student, "collected", message)
            else:
                message = (f"{len(distinct)} different files for {student} with the same time "
                           f"({', '.join(e.path for e in ranked)}): none collected; remove the unwanted one "
                           f"from the download and collect again")
                result.problems.append(message)
                result.add(student, "problem", message)
                continue
        elif len(group) > 1:
            result.notes.append(f"{len(group)} identical copies for {student}: collected once")
        folder = course.submitted / student / assignment
        target = folder / f"{name}.ipynb"
        if target.exists():
            old = target.read_bytes()
            if old == chosen.data:
                result.unchanged.append(student)
                result.add(student, "collected", "already collected (same file)")
                continue
            if not replace:
                message = (f"{student}: {chosen.path} differs from the file collected earlier; the earlier one is "
                           f"kept (collect again with --replace to grade the new one)")
                result.problems.append(message)
                result.add(student, "collected", message)
                continue
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
            atomic_write_bytes(course.downloads / assignment / "replaced" / student / f"{stamp}-{name}.ipynb", old)
            result.notes.append(f"{student}: replaced an earlier file (archived in downloads/{assignment}/replaced/)")
        atomic_write_bytes(target, chosen.data)
        if chosen.stamped:
            atomic_write_text(folder / "timestamp.txt", chosen.when.isoformat(sep=" ") + "\n")
        result.collected.append(student)
        result.add(student, "collected", f"collected {chosen.path}")

    have = {p.parent.name for p in course.submitted.glob(f"*/{assignment}") if any(p.glob("*.ipynb"))}
    result.missing = sorted(s for s in roster if s not in have)
    if ignored:
        result.notes.append(f"{ignored} system file(s) ignored (hidden files, __MACOSX)")
    _save(course, assignment, result)
    _print(result, report, len(roster))
    return result


def _save(course: CourseRoot, assignment: str, result: CollectReport) -> None:
    path = course.downloads / assignment / "collect-report.json"
    try:
        saved = json.loads(path.read_text())
    except (OSError, ValueError):
        saved = {"runs": [], "students": {}}
    saved["runs"].append({"at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                          "archive": result.archive, "collected": result.collected,
                          "unchanged": result.unchanged, "problems": result.problems, "notes": result.notes})
    for student, entry in result.students.items():
        saved["students"][student] = entry
    atomic_write_json(path, saved)


def collect_status(course: CourseRoot, assignment: str) -> dict[str, dict]:
    """Per student, the last collect state and messages (for the export)."""
    path = course.downloads / assignment / "collect-report.json"
    try:
        return json.loads(path.read_text()).get("students", {})
    except (OSError, ValueError):
        return {}


def _print(result: CollectReport, report, roster_size: int) -> None:
    report(f"{result.assignment}: download archived in {result.archive}")
    report(f"collected {len(result.collected)}: {', '.join(result.collected) or '-'}")
    if result.unchanged:
        report(f"already collected, unchanged {len(result.unchanged)}: {', '.join(result.unchanged)}")
    for note in result.notes:
        report(f"note: {note}")
    for problem in result.problems:
        report(f"PROBLEM: {problem}")
    if roster_size == 0:
        report("note: no roster imported, so ids could not be checked (roster import FILE.csv)")
    elif result.missing:
        report(f"nothing collected yet for {len(result.missing)} student(s) on the roster: {', '.join(result.missing)}")


def _cmd_collect(args) -> int:
    course = CourseRoot.at(args.course_root)
    result = collect(course, course.resolve(args.assignment), Path(args.download),
                     pattern=args.pattern, replace=args.replace)
    return 1 if result.problems else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("collect", help="collect submissions from an LMS download (zip or folder)",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", help="assignment name or number, e.g. 00")
    parser.add_argument("download", help="the LMS download: a .zip file or a folder")
    parser.add_argument("--pattern", default=DEFAULT_PATTERN,
                        help="regular expression with a student_id group, matched against each file's path "
                             "inside the download (default: the file-name part before the first '_')")
    parser.add_argument("--replace", action="store_true",
                        help="grade a student's new file in place of the one collected earlier "
                             "(the earlier one is archived, never deleted)")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_collect)

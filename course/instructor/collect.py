"""Collecting submissions from an LMS download (a zip file or a folder).

``python -m course.instructor collect 00 ~/Downloads/submissions.zip``

* The whole download is first archived, byte for byte, under
  ``downloads/ASSIGNMENT/<UTC time>/``. Nothing there is ever deleted.
* Each file's student comes from its path inside the download. Canvas,
  Moodle and Blackboard downloads and plain ``<id>_<file>`` names are
  recognised with no ``--pattern`` and matched to the roster through the LMS
  user id, the username (or e-mail local part) or the id (see
  :mod:`course.instructor.lms`); a file that matches nobody is reported with
  the closest roster students. ``--pattern`` (a regular expression with a
  ``student_id`` group and optionally a ``timestamp`` group) is for other
  LMSs. The LMS's late marker and attempt time are kept; of several attempts
  the newest is collected and the others listed (they stay in the archive).
  Times without a UTC offset are read in the course time zone
  (``c.CourseSettings.timezone``), which every report states.
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
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from course.instructor.courseroot import (STUDENT_ID, CourseRoot, add_root_argument,
                                          atomic_write_bytes, atomic_write_json, atomic_write_text)
from course.instructor.lms import RESUBMITTED, Identity, RosterIndex, identify
from course.instructor.settings import settings, zone, zone_sentence
from course.instructor.submissions import AssignmentIndex, read_notebook_bytes

# Kept for scripts that pass it explicitly: the old default (id before the first underscore).
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
    identity: Identity | None = None

    def label(self) -> str:
        """How this file's time reads in a report."""
        parts = []
        if self.identity and self.identity.raw_time:
            parts.append(f"time {self.identity.raw_time}"
                         + (" (course time zone)" if self.identity.zone_assumed else ""))
        if self.identity and self.identity.attempt:
            parts.append(f"resubmission -{self.identity.attempt}")
        if self.identity and self.identity.late:
            parts.append("marked LATE")
        return f"{self.path}" + (f" [{', '.join(parts)}]" if parts else "")


@dataclass
class CollectReport:
    assignment: str
    archive: str = ""
    collected: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    students: dict[str, dict] = field(default_factory=dict)   # id -> {"state", "messages", ...}
    missing: list[str] = field(default_factory=list)
    timezone: str = ""
    layouts: dict[str, int] = field(default_factory=dict)

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
                name = _entry_name(info)
                problem = too_big(info.file_size)
                if problem:
                    found.append(Incoming(name, None, when, problem=problem))
                    continue
                try:
                    data = archive.read(info)
                except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError,
                        zlib.error, EOFError) as error:
                    # One damaged or encrypted entry must not stop the class's collection.
                    found.append(Incoming(name, None, when,
                                          problem=f"unreadable in the zip ({error}): not read"))
                    continue
                total += len(data)
                found.append(Incoming(name, data, when))
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


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its maker meant it: zips without the UTF-8 flag often still hold UTF-8."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return unicodedata.normalize("NFC", name)


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


def collect(course: CourseRoot, assignment: str, download: Path, pattern: str | None = None,
            replace: bool = False, report=print) -> CollectReport:
    """Collect ``download`` into ``submitted/``; return (and print) what happened."""
    regex = None
    if pattern:
        regex = re.compile(pattern)
        if "student_id" not in regex.groupindex:
            raise SystemExit(f"--pattern must have a (?P<student_id>...) group: {pattern}")
    zone_name = settings(course).timezone
    zone(zone_name)  # a wrong setting stops here, before anything is archived
    notebooks = {p.stem for p in course.released(assignment)} or {p.stem for p in course.masters(assignment)}
    index = AssignmentIndex.from_source(course.source)
    roster = course.students()
    people = RosterIndex(roster)
    result = CollectReport(assignment, timezone=zone_name)
    entries = _entries(download)
    archive = _archive(download, course.downloads / assignment)
    result.archive = str(archive)

    accepted: dict[tuple[str, str], list[Incoming]] = {}
    ignored = receipts = 0
    for entry in entries:
        if _ignored(entry.path):
            ignored += 1
            continue
        found = identify(entry.path, people, zone_name, regex)
        entry.identity = found
        if found.receipt:
            receipts += 1
            continue
        result.layouts[found.layout] = result.layouts.get(found.layout, 0) + 1
        entry.student = found.student
        if found.raw_time.startswith("!"):
            result.notes.append(f"{entry.path}: timestamp {found.raw_time[1:]!r} not understood; "
                                "submission time not recorded")
            found.raw_time = ""
        elif found.when is not None:
            entry.when, entry.stamped = found.when, True
        if entry.problem:
            entry.student = entry.student if entry.student and STUDENT_ID.fullmatch(entry.student) else None
        elif found.problem:
            entry.problem = found.problem
            entry.student = None
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
                    entry.note = ("no grading metadata of this assignment (worked in Colab or another editor?): "
                                  "autograde matches its cells to the released ones")
                else:
                    entry.problem = "a notebook with no graded cells of this assignment: not collected"
                uploaded = RESUBMITTED.sub("", found.original or PurePosixPath(entry.path).name)
                if entry.notebook and PurePosixPath(uploaded).suffix != ".ipynb":
                    entry.note = (entry.note + "; " if entry.note else "") + \
                        f"misnamed file (a notebook without .ipynb): collected as {entry.notebook}.ipynb"
                elif entry.notebook and entry.notebook not in uploaded:
                    entry.note = (entry.note + "; " if entry.note else "") + \
                        f"renamed file: collected as {entry.notebook}.ipynb"
        if entry.problem:
            result.problems.append(f"{entry.path}: {entry.problem}")
            result.add(entry.student, "problem", entry.problem)
        else:
            accepted.setdefault((entry.student, entry.notebook), []).append(entry)
            if entry.note:
                result.notes.append(f"{entry.path} ({entry.student}): {entry.note}")
                result.add(entry.student, "collected", entry.note)

    for (student, name), group in sorted(accepted.items()):
        distinct = {hashlib.sha256(e.data).hexdigest(): e for e in group}
        chosen = group[0]
        if len(distinct) > 1:
            def order(e):
                return (e.when or datetime.min, e.identity.attempt if e.identity else 0)
            ranked = sorted(distinct.values(), key=order)
            if order(ranked[-1]) > order(ranked[-2]):
                chosen = ranked[-1]
                older = "; ".join(e.label() for e in ranked[:-1])
                message = (f"{len(distinct)} different files (attempts) for {student}: collected the latest, "
                           f"{chosen.label()}; not collected, kept in the archive: {older}")
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
        result.add(student, "collected", f"collected {chosen.label()}")
        identity = chosen.identity
        entry = result.students[student]
        entry["layout"] = identity.layout if identity else ""
        entry["late"] = bool(identity and identity.late)
        entry["submitted_at_utc"] = chosen.when.isoformat(sep=" ") if chosen.stamped else ""
        if entry["late"]:
            result.notes.append(f"{student}: marked LATE by the LMS ({chosen.path})")

    have = {p.parent.name for p in course.submitted.glob(f"*/{assignment}") if any(p.glob("*.ipynb"))}
    result.missing = sorted(s for s in roster if s not in have)
    if ignored:
        result.notes.append(f"{ignored} system file(s) ignored (hidden files, __MACOSX)")
    if receipts:
        result.notes.append(f"{receipts} Blackboard receipt(s) (.txt) left in the archive")
    _save(course, assignment, result)
    _print(result, report, len(roster))
    return result


def _save(course: CourseRoot, assignment: str, result: CollectReport) -> None:
    path = course.downloads / assignment / "collect-report.json"
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {"runs": [], "students": {}}
    saved["runs"].append({"at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                          "archive": result.archive, "collected": result.collected,
                          "unchanged": result.unchanged, "problems": result.problems, "notes": result.notes,
                          "timezone": result.timezone})
    for student, entry in result.students.items():
        saved["students"][student] = entry
    atomic_write_json(path, saved)


def collect_status(course: CourseRoot, assignment: str) -> dict[str, dict]:
    """Per student, the last collect state and messages (for the export)."""
    path = course.downloads / assignment / "collect-report.json"
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("students", {})
    except (OSError, ValueError):
        return {}


def _print(result: CollectReport, report, roster_size: int) -> None:
    report(f"{result.assignment}: download archived in {result.archive}")
    if result.layouts:
        report("recognised: " + ", ".join(f"{n} {k} file(s)" for k, n in sorted(result.layouts.items())))
    report(f"note: {zone_sentence(result.timezone)}")
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
    parser.add_argument("--pattern", default=None,
                        help="for LMSs other than Canvas, Moodle and Blackboard: a regular expression with a "
                             "student_id group (and optionally a timestamp group), matched against each file's "
                             "path inside the download (default: recognise the layout, see the guide)")
    parser.add_argument("--replace", action="store_true",
                        help="grade a student's new file in place of the one collected earlier "
                             "(the earlier one is archived, never deleted)")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_collect)

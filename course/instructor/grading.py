"""Autograding every submission of an assignment, in parallel, without losing a grade.

``python -m course.instructor autograde 00`` grades each collected submission
in ``submitted/ID/ASSIGNMENT/``:

1. A few worker processes (one per core by default; ``--jobs``) each take one
   student at a time and grade them in a private, temporary course root: a
   copy of the gradebook without anyone's grades, the student's notebook
   (a repaired *copy*, see :mod:`course.instructor.submissions`), and nothing
   else. nbgrader's own ``Autograde`` runs there, in-process, with the course's
   settings: per-cell timeout (``--timeout``, default from
   ``nbgrader_config.py``), hidden tests restored, tampered test cells
   replaced. The kernel starts with :mod:`course.instructor.guard`.
2. The main process alone writes the real gradebook: for each finished
   student, one SQLite transaction updates their automatic scores and records
   the run. A crash leaves each student either fully updated or untouched.
   Manual scores are never overwritten; if a student's file changed since a
   manual score was given, that answer is flagged for another look.
3. A student whose run takes longer than ``--student-timeout`` seconds
   (a kernel that ignores interrupts) has its worker killed and is reported.

Students whose submission has not changed since their last successful
autograde are skipped (``--all`` regrades them; manual scores still stay).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing.connection import wait
from pathlib import Path

from course.instructor import REPO
from course.instructor.courseroot import CourseRoot, add_root_argument, replace_dir

LEDGER = """CREATE TABLE IF NOT EXISTS course_autograde (
    assignment TEXT NOT NULL, student TEXT NOT NULL, sha256 TEXT, status TEXT NOT NULL,
    graded_at TEXT NOT NULL, seconds REAL, notes TEXT, release TEXT,
    PRIMARY KEY (assignment, student))"""
# Every release of an assignment: what its graded cells were (grading metadata and
# test source), so a re-release can say what changed and whom it affects.
RELEASES = """CREATE TABLE IF NOT EXISTS course_release (
    assignment TEXT NOT NULL, fingerprint TEXT NOT NULL, released_at TEXT NOT NULL, cells TEXT NOT NULL)"""


def _ensure_tables(db) -> None:
    db.execute(LEDGER)
    db.execute(RELEASES)
    columns = {r[1] for r in db.execute("PRAGMA table_info(course_autograde)")}
    if "release" not in columns:  # a gradebook from before releases were tracked
        db.execute("ALTER TABLE course_autograde ADD COLUMN release TEXT")


def graded_cells(masters: list[Path]) -> dict[str, dict]:
    """grade_id -> what grading depends on: the nbgrader metadata and, for test cells, the source."""
    from course.instructor.submissions import is_graded_cell, nbgrader_meta, read_notebook

    cells = {}
    for path in masters:
        notebook, _ = read_notebook(path)
        for cell in notebook.cells if notebook else []:
            if is_graded_cell(cell):
                meta = {k: v for k, v in nbgrader_meta(cell).items() if k != "checksum"}
                entry = {"notebook": path.stem, "meta": meta, "cell_type": cell.cell_type}
                if meta.get("grade") and not meta.get("solution"):
                    entry["source"] = cell.source
                cells[meta["grade_id"]] = entry
    return cells


def fingerprint_of(cells: dict) -> str:
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()[:16]


def release_history(course: CourseRoot, assignment: str) -> list[dict]:
    """Releases of ``assignment``, oldest first: {"fingerprint", "released_at", "cells"}."""
    if not course.gradebook.exists():
        return []
    with sqlite3.connect(course.gradebook) as db:
        _ensure_tables(db)
        rows = db.execute("SELECT fingerprint, released_at, cells FROM course_release WHERE assignment = ? "
                          "ORDER BY rowid", (assignment,)).fetchall()
    return [{"fingerprint": r[0], "released_at": r[1], "cells": json.loads(r[2])} for r in rows]


def release_fingerprints(course: CourseRoot) -> dict[str, str]:
    """Assignment -> fingerprint of its latest release."""
    if not course.gradebook.exists():
        return {}
    with sqlite3.connect(course.gradebook) as db:
        _ensure_tables(db)
        rows = db.execute("SELECT assignment, fingerprint FROM course_release ORDER BY rowid").fetchall()
    return dict(rows)


def record_release(course: CourseRoot, assignment: str) -> dict:
    """Record this release; return what changed since the previous one and which graded students it affects.

    ``{"fingerprint", "changes": [sentences], "affected": [student ids]}``.
    """
    cells = graded_cells(course.masters(assignment))
    fingerprint = fingerprint_of(cells)
    history = release_history(course, assignment)
    previous = history[-1] if history else None
    changes, affected = [], []
    if previous and previous["fingerprint"] != fingerprint:
        changes = describe_changes(previous["cells"], cells)
        done = ledger(course, assignment)
        affected = sorted(s for s, run in done.items() if run["status"] == "graded"
                          and run.get("release") != fingerprint)
    if previous is None or previous["fingerprint"] != fingerprint:
        with sqlite3.connect(course.gradebook) as db:
            _ensure_tables(db)
            db.execute("INSERT INTO course_release VALUES (?, ?, ?, ?)",
                       (assignment, fingerprint, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        json.dumps(cells, sort_keys=True)))
    return {"fingerprint": fingerprint, "changes": changes, "affected": affected}


def describe_changes(old: dict, new: dict) -> list[str]:
    """Plain sentences: which graded cells a release added, removed or changed, and how."""
    out = []
    for gid in sorted(set(old) | set(new)):
        before, after = old.get(gid), new.get(gid)
        if before is None:
            out.append(f"{gid} added")
        elif after is None:
            out.append(f"{gid} removed")
        elif before != after:
            what = []
            b, a = before["meta"], after["meta"]
            if b.get("points") != a.get("points"):
                what.append(f"points {b.get('points'):g} -> {a.get('points'):g}")
            if before.get("source") != after.get("source"):
                what.append("test code")
            if {k: v for k, v in b.items() if k != "points"} != {k: v for k, v in a.items() if k != "points"}:
                what.append("grading metadata")
            out.append(f"{gid}: {', '.join(what) or 'changed'}")
    return out


@dataclass
class Outcome:
    """What happened to one student's submission."""

    student: str
    status: str = "graded"          # graded | failed
    error: str = ""
    notes: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    seconds: float = 0.0
    score: float | None = None
    max_score: float | None = None
    needs_manual: bool = False
    skipped: bool = False

    def line(self) -> str:
        if self.skipped:
            return f"{self.student:<14} unchanged since last autograde: skipped"
        text = f"{self.student:<14} "
        if self.status == "graded":
            text += f"{self.score:g}/{self.max_score:g}"
            if self.needs_manual:
                text += "  needs manual grading"
        else:
            text += f"NOT GRADED: {self.error}"
        text += f"  ({self.seconds:.1f} s)"
        for note in self.notes + [f"guard blocked {b}" for b in self.blocked]:
            text += f"\n{'':<15}- {note}"
        return text


# --- the ledger (which submission was last graded, and how it went) ----------

def ledger(course: CourseRoot, assignment: str) -> dict[str, dict]:
    if not course.gradebook.exists():
        return {}
    with sqlite3.connect(course.gradebook) as db:
        _ensure_tables(db)
        rows = db.execute("SELECT student, sha256, status, graded_at, seconds, notes, release "
                          "FROM course_autograde WHERE assignment = ?", (assignment,)).fetchall()
    return {r[0]: {"sha256": r[1], "status": r[2], "graded_at": r[3], "seconds": r[4],
                   "notes": json.loads(r[5] or "[]"), "release": r[6]} for r in rows}


def submission_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# --- one student, inside a worker process ---------------------------------

def autograde_config(course: CourseRoot, root: Path, timeout: int | None, kernel_args: list[str]):
    """The course's nbgrader config, pointed at ``root``, with the grader's preprocessors."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, Execute, IgnorePattern,
                                        LimitOutput, SaveAutoGrades)

    from course.instructor.preprocessors import CappedExecute

    config = course.config()
    config.CourseDirectory.root = str(root)
    # The private root holds its own copy of the assignment's source files (sections share theirs).
    config.CourseDirectory.source_directory = "source"
    configured = config.Autograde.get("autograde_preprocessors") or [
        Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
        AssignLatePenalties, CheckCellMetadata]
    config.Autograde.autograde_preprocessors = [CappedExecute if p in (Execute, "nbgrader.preprocessors.Execute")
                                                else p for p in configured]
    if timeout:
        config.Execute.timeout = int(timeout)
    config.Execute.interrupt_on_timeout = True
    # The kernel's work is done when the last cell returns: stop it at once.
    config.Execute.shutdown_kernel = "immediate"
    config.CappedExecute.extra_arguments = list(kernel_args)
    config.Autograde.permissions = 644
    return config


def grade_in_private_root(task: dict) -> dict:
    """Autograde one student in a fresh temporary course root. Runs in a worker."""
    import nbformat

    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory

    from course.instructor import guard
    from course.instructor.submissions import AssignmentIndex, read_notebook, repair, suspicious_code

    started = time.monotonic()
    course = CourseRoot(Path(task["course_root"]))
    assignment, student = task["assignment"], task["student"]
    workspace, root = Path(task["workspace"]), Path(task["workspace"]) / student
    result = {"student": student, "status": "failed", "error": "", "notes": [], "blocked": [],
              "root": str(root)}
    try:
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        shutil.copy(workspace / "template.db", root / "gradebook.db")
        source = course.source / assignment
        for path in source.rglob("*"):
            if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in path.parts:
                target = root / "source" / assignment / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
        (root / "source" / assignment).mkdir(parents=True, exist_ok=True)

        released = {p.stem: p for p in course.released(assignment)}
        index = AssignmentIndex(owner={k: tuple(v) for k, v in task["index"].items()})
        incoming = course.submitted / student / assignment
        target_dir = root / "submitted" / student / assignment
        target_dir.mkdir(parents=True)
        if (incoming / "timestamp.txt").exists():
            shutil.copy(incoming / "timestamp.txt", target_dir / "timestamp.txt")
        for path in sorted(incoming.glob("*.ipynb")):
            notebook, problem = read_notebook(path)
            if notebook is None:
                result["notes"].append(f"{path.name}: {problem}; scored 0")
                continue
            name = path.stem
            if name not in released:
                kind, match = index.identify(notebook, assignment)
                if kind != "match" or match not in released:
                    result["notes"].append(f"{path.name}: not a notebook of this assignment; not graded")
                    continue
                result["notes"].append(f"{path.name}: graded as {match}.ipynb")
                name = match
            reference, _ = read_notebook(released[name])
            result["notes"] += repair(notebook, reference, earlier=task.get("earlier"))
            result["notes"] += suspicious_code(notebook, reference)
            nbformat.write(notebook, str(target_dir / f"{name}.ipynb"))

        own = root / "autograded" / student / assignment
        kernel_args = []
        if task["guard"]:
            startup, log_path = guard.write_guard(
                workspace / ".guard" / student, own=own,
                no_read=[course.root, REPO / "instructor", workspace],
                no_write=[REPO, course.root, workspace])
            kernel_args = guard.kernel_arguments(startup)

        config = autograde_config(course, root, task["timeout"], kernel_args)
        log = logging.getLogger(f"course.autograde.{student}")
        log.handlers[:] = []
        log.propagate = False
        records: list[logging.LogRecord] = []

        class Keep(logging.Handler):
            def emit(self, record):
                records.append(record)
        log.addHandler(Keep(level=logging.WARNING))
        log.setLevel(logging.WARNING)

        coursedir = CourseDirectory(config=config, log=log)
        coursedir.assignment_id, coursedir.student_id = assignment, student
        app = Autograde(coursedir=coursedir, config=config, log=log)
        app.force, app.create_student = True, True
        try:
            app.start()
            result["status"] = "graded"
        except Exception as error:  # nbgrader reports its reasons in the log
            reasons = [r.getMessage() for r in records if r.levelno >= logging.ERROR]
            reason = (reasons[0] if reasons else f"{type(error).__name__}: {error}").splitlines()[0][:300]
            if "Timeout waiting" in reason:
                reason = ("a cell ran past the time limit and the kernel did not respond to the interrupt "
                          f"({reason}); grade this one by hand")
            result["error"] = reason
        for record in records:
            message = record.getMessage()
            if "Timeout waiting for execute reply" in message:
                result["notes"].append("a cell ran past the time limit and was interrupted")
            elif "does not exist in the database" in message or "exists multiple times" in message:
                result["notes"].append(message.splitlines()[0])
        for path in own.glob("*.ipynb"):
            text = path.read_text(errors="replace")
            if "[output truncated by the grader" in text or "... Output truncated ..." in text:
                result["notes"].append(f"{path.name}: very long output was cut")
        if task["guard"]:
            installed, blocked = guard.read_log(log_path)
            result["blocked"] = blocked
            if not installed and result["status"] == "graded":
                result["notes"].append("the kernel guard did not start: this run was unguarded")
    except Exception as error:  # never let one student stop the class
        result["status"], result["error"] = "failed", f"{type(error).__name__}: {error}"[:300]
    result["notes"] = list(dict.fromkeys(result["notes"]))
    result["seconds"] = time.monotonic() - started
    return result


def _worker_loop(conn, log_path: str) -> None:
    # Kernels inherit this process's stderr: keep their chatter out of the report.
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 2)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(grade_in_private_root(task))


class _Worker:
    def __init__(self, ctx, log_path: Path):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_loop, args=(child, str(log_path)), daemon=True)
        self.process.start()
        child.close()
        self.task = None
        self.deadline = None

    def kill(self) -> None:
        import psutil

        try:
            parent = psutil.Process(self.process.pid)
            family = parent.children(recursive=True) + [parent]
        except psutil.Error:
            family = []
        for proc in family:
            try:
                proc.kill()
            except psutil.Error:
                pass
        self.process.join(5)
        self.conn.close()


def _run_pool(tasks: list[dict], jobs: int, student_timeout: float, on_result, log_path: Path) -> None:
    """Run ``tasks`` on ``jobs`` worker processes; call ``on_result(dict)`` in this process."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Import the heavy modules once here, so forked workers start warm.
    import nbgrader.converters  # noqa: F401
    import nbgrader.preprocessors  # noqa: F401

    pending = list(tasks)
    workers = [_Worker(ctx, log_path) for _ in range(max(1, min(jobs, len(tasks))))]
    try:
        while pending or any(w.task for w in workers):
            for w in workers:
                if w.task is None and pending:
                    w.task = pending.pop(0)
                    w.deadline = time.monotonic() + student_timeout
                    w.conn.send(w.task)
            busy = [w for w in workers if w.task]
            ready = wait([w.conn for w in busy], timeout=1.0)
            for w in busy:
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = {"student": w.task["student"], "status": "failed",
                                  "error": "the grading process crashed", "notes": [], "blocked": []}
                        w.kill()
                        workers[workers.index(w)] = _Worker(ctx, log_path)
                    w.task = None
                    on_result(result)
                elif time.monotonic() > w.deadline:
                    result = {"student": w.task["student"], "status": "failed",
                              "error": f"still running after {student_timeout:g} s: stopped "
                                       f"(a kernel that ignores interrupts?)", "notes": [], "blocked": []}
                    w.kill()
                    workers[workers.index(w)] = _Worker(ctx, log_path)
                    on_result(result)
    finally:
        for w in workers:
            if w.task is None and w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
                w.process.join(5)
            if w.process.is_alive():
                w.kill()


# --- the main process: workspace, gradebook merge -----------------------------

def _make_template(course: CourseRoot, target: Path) -> None:
    """Copy of the gradebook with the assignments but no students or grades."""
    source = sqlite3.connect(course.gradebook)
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    with copy:
        for table in ("grade", "comment", "submitted_notebook", "submitted_assignment", "student"):
            copy.execute(f"DELETE FROM {table}")
        copy.execute("DROP TABLE IF EXISTS course_autograde")
        copy.execute("DROP TABLE IF EXISTS course_release")
    copy.close()


def _temp_results(db_path: Path, assignment: str, student: str) -> dict:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        grades = db.execute("""
            SELECT n.name, c.name, g.auto_score, g.needs_manual_grade FROM grade g
            JOIN submitted_notebook sn ON g.notebook_id = sn.id JOIN notebook n ON sn.notebook_id = n.id
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id
            JOIN base_cell c ON g.cell_id = c.id WHERE a.name = ? AND sa.student_id = ?""",
                            (assignment, student)).fetchall()
        comments = db.execute("""
            SELECT n.name, c.name, m.auto_comment FROM comment m
            JOIN submitted_notebook sn ON m.notebook_id = sn.id JOIN notebook n ON sn.notebook_id = n.id
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id
            JOIN base_cell c ON m.cell_id = c.id WHERE a.name = ? AND sa.student_id = ?""",
                              (assignment, student)).fetchall()
        notebooks = db.execute("""
            SELECT n.name, sn.late_submission_penalty FROM submitted_notebook sn JOIN notebook n ON sn.notebook_id = n.id
            JOIN submitted_assignment sa ON sn.assignment_id = sa.id JOIN assignment a ON sa.assignment_id = a.id
            WHERE a.name = ? AND sa.student_id = ?""", (assignment, student)).fetchall()
    return {"grades": {(r[0], r[1]): (r[2], bool(r[3])) for r in grades},
            "comments": {(r[0], r[1]): r[2] for r in comments},
            "penalties": dict(notebooks)}


def _merge(course: CourseRoot, assignment: str, outcome: Outcome, digest: str,
           temp: dict | None, previous: dict | None, release: str | None = None,
           force_manual: bool = False) -> None:
    """Write one student's result into the gradebook in a single transaction."""
    from sqlalchemy import text

    from nbgrader.api import Gradebook
    from nbgrader.utils import parse_utc

    resubmitted = previous is not None and previous.get("sha256") not in (None, digest)
    with Gradebook(course.db_url, course.course_id) as gb:
        submission = gb.find_submission(assignment, outcome.student)
        stamp = course.submitted / outcome.student / assignment / "timestamp.txt"
        if stamp.exists() and stamp.read_text().strip():
            try:
                submission.timestamp = parse_utc(stamp.read_text().strip())
            except ValueError:
                outcome.notes.append("timestamp.txt unreadable: submission time not recorded")
        kept_manual = 0
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.manual_score is not None:
                    kept_manual += 1
                    # A manual score given to another version of the file is kept but
                    # flagged, whether or not this version could be autograded.
                    if resubmitted:
                        grade.needs_manual_grade = True
                if temp is not None:
                    auto, needs = temp["grades"].get((notebook.name, grade.name), (None, True))
                    grade.auto_score = auto
                    if grade.manual_score is None:
                        # An uncertain cell match is never a final score, whatever the tests gave.
                        grade.needs_manual_grade = needs or force_manual
            if temp is not None:
                for comment in notebook.comments:
                    comment.auto_comment = temp["comments"].get((notebook.name, comment.name))
                notebook.late_submission_penalty = temp["penalties"].get(notebook.name)
        if kept_manual:
            outcome.notes.append(f"kept {kept_manual} manual score(s)"
                                 + ("; the file changed since, so they are flagged for review" if resubmitted else ""))
        status = outcome.status
        # The ledger remembers the last file that was graded (or first seen), so a
        # failed run of a new file cannot make the old manual scores look current.
        recorded = digest if status == "graded" or previous is None else (previous.get("sha256") or digest)
        gb.db.execute(text(
            "INSERT OR REPLACE INTO course_autograde (assignment, student, sha256, status, graded_at, seconds, notes, "
            "release) VALUES (:a, :s, :h, :st, :t, :sec, :n, :r)"),
            {"a": assignment, "s": outcome.student, "h": recorded, "st": status,
             "r": release if status == "graded" else (previous or {}).get("release"),
             "t": datetime.now(timezone.utc).isoformat(timespec="seconds"), "sec": round(outcome.seconds, 2),
             "n": json.dumps(outcome.notes + [f"guard blocked {b}" for b in outcome.blocked]
                             + ([f"not graded: {outcome.error}"] if status != "graded" else []))})
        gb.db.commit()
        if status == "graded":
            outcome.score = float(submission.score)
            outcome.max_score = float(submission.max_score)
            outcome.needs_manual = bool(submission.needs_manual_grade)


def _remove_stale_workspaces(days: float = 1.0) -> None:
    """Delete grading workspaces a killed run left in the temp folder more than ``days`` ago."""
    cutoff = time.time() - days * 86400
    for folder in Path(tempfile.gettempdir()).glob("course-grading-*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def default_jobs() -> int:
    """One worker per core this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def autograde(course: CourseRoot, assignment: str, students: list[str] | None = None,
              jobs: int | None = None, timeout: int | None = None, student_timeout: float = 600,
              regrade_all: bool = False, guard: bool = True, report=print) -> list[Outcome]:
    """Autograde the collected submissions of ``assignment``; return one outcome per student."""
    from nbgrader.api import Gradebook, MissingEntry

    from course.instructor.rubric import annotate_file
    from course.instructor.submissions import AssignmentIndex, read_notebook

    if not course.released(assignment):
        raise SystemExit(f"{assignment} has not been released: run `release {assignment}` first")
    with Gradebook(course.db_url, course.course_id) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise SystemExit(f"{assignment} is not in the gradebook: run `release {assignment}` first") from None
    folders = {p.parent.name: p for p in sorted(course.submitted.glob(f"*/{assignment}")) if p.is_dir()}
    if students:
        unknown = sorted(set(students) - set(folders))
        if unknown:
            report(f"no collected submission of {assignment} for: {', '.join(unknown)}")
        folders = {s: p for s, p in folders.items() if s in students}
    before = ledger(course, assignment)
    with sqlite3.connect(course.gradebook) as db:
        _ensure_tables(db)
    history = release_history(course, assignment)
    current = history[-1]["fingerprint"] if history else None
    digests = {s: submission_digest(p) for s, p in folders.items()}
    outcomes: list[Outcome] = []
    todo, release_notes = [], {}
    for student in folders:
        done = before.get(student)
        stale = bool(done and current and done.get("release") and done["release"] != current)
        if stale:
            # The master changed after this student was graded: the release, not the student, is the cause.
            when = history[-1]["released_at"]
            old = next((h["cells"] for h in history if h["fingerprint"] == done["release"]), {})
            changed = describe_changes(old, history[-1]["cells"]) if old else []
            release_notes[student] = (f"regraded because the release of {when} changed the grading"
                                      + (f" ({'; '.join(changed)})" if changed else ""))
        if not regrade_all and not stale and done and done["status"] == "graded" \
                and done["sha256"] == digests[student] and (course.autograded / student / assignment).is_dir():
            outcomes.append(Outcome(student, skipped=True))
        else:
            todo.append(student)
    if not todo:
        report(f"{assignment}: nothing to autograde ({len(outcomes)} unchanged submissions; --all regrades them)")
        return outcomes

    with Gradebook(course.db_url, course.course_id) as gb:
        for student in todo:
            gb.update_or_create_student(student)
            gb.update_or_create_submission(assignment, student)

    jobs = jobs or default_jobs()
    _remove_stale_workspaces()
    workspace = Path(tempfile.mkdtemp(prefix="course-grading-"))
    masters = {p.stem: read_notebook(p)[0] for p in course.masters(assignment)}
    started = time.monotonic()
    report(f"{assignment}: autograding {len(todo)} submission(s) with {min(jobs, len(todo))} worker(s)")
    try:
        _make_template(course, workspace / "template.db")
        owners = AssignmentIndex.from_source(course.source).owner
        earlier = {gid: [h["cells"][gid]["meta"] for h in history[:-1] if gid in h["cells"]]
                   for gid in (history[-1]["cells"] if history else {})}
        tasks = [{"course_root": str(course.root), "assignment": assignment, "student": s, "index": owners,
                  "workspace": str(workspace), "timeout": timeout, "guard": guard, "earlier": earlier}
                 for s in todo]

        def on_result(result: dict) -> None:
            student = result["student"]
            outcome = Outcome(student, status=result["status"], error=result.get("error", ""),
                              notes=([release_notes[student]] if student in release_notes else [])
                              + result.get("notes", []), blocked=result.get("blocked", []),
                              seconds=result.get("seconds", 0.0))
            temp = None
            root = Path(result.get("root", workspace / student))
            graded = root / "autograded" / student / assignment
            if outcome.status == "graded" and graded.is_dir():
                for path in graded.glob("*.ipynb"):
                    if path.is_symlink():
                        # Never write through a link a submission planted: it may point
                        # anywhere the instructor can write.
                        outcome.notes.append(f"{path.name} is a symbolic link: not annotated, not kept")
                        path.unlink()
                    elif path.stem in masters:
                        annotate_file(path, masters[path.stem])
                temp = _temp_results(root / "gradebook.db", assignment, student)
                replace_dir(graded, course.autograded / student / assignment)
            elif outcome.status == "graded":
                outcome.status, outcome.error = "failed", "nbgrader wrote no autograded notebook"
            from course.instructor.submissions import UNCERTAIN_MATCH

            _merge(course, assignment, outcome, digests[student], temp, before.get(student), release=current,
                   force_manual=any(UNCERTAIN_MATCH in n for n in outcome.notes))
            shutil.rmtree(root, ignore_errors=True)
            outcomes.append(outcome)
            report(outcome.line())

        _run_pool(tasks, jobs, student_timeout, on_result, workspace / "workers.log")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    wall = time.monotonic() - started
    graded = [o for o in outcomes if not o.skipped]
    failed = [o.student for o in graded if o.status != "graded"]
    manual = [o.student for o in graded if o.needs_manual]
    report(f"{assignment}: {len(graded)} autograded in {wall:.1f} s ({wall / max(len(graded), 1):.1f} s each); "
           f"{len(manual)} need manual grading; {len(failed)} not graded"
           + (f" ({', '.join(failed)})" if failed else ""))
    return outcomes


def _cmd_autograde(args) -> int:
    course = CourseRoot.at(args.course_root)
    outcomes = autograde(course, course.resolve(args.assignment), students=args.student or None,
                         jobs=args.jobs, timeout=args.timeout, student_timeout=args.student_timeout,
                         regrade_all=args.all, guard=not args.no_guard)
    return 1 if any(o.status != "graded" and not o.skipped for o in outcomes) else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "autograde", help="autograde collected submissions (parallel, keeps manual scores)",
        description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", help="assignment name or number, e.g. 00")
    parser.add_argument("--student", action="append", metavar="ID", help="only this student (repeatable)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--timeout", type=int, default=None,
                        help="seconds a cell may run before it is interrupted (default: nbgrader_config.py)")
    parser.add_argument("--student-timeout", type=float, default=600,
                        help="seconds before a whole submission is stopped (default 600)")
    parser.add_argument("--all", action="store_true", help="regrade unchanged submissions too")
    parser.add_argument("--no-guard", action="store_true",
                        help="run student code without the kernel guard (not recommended)")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_autograde)

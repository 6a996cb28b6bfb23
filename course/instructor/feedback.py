"""Feedback for students: one HTML file per student, with no hidden test in it.

``python -m course.instructor feedback 00`` runs nbgrader's
``generate_feedback`` on the autograded notebooks with three extra steps
(:mod:`course.instructor.preprocessors`): the rubric cells added for graders
are dropped; hidden tests are cut from test cells, whose errors and tracebacks
are replaced by one plain sentence; any other output that quotes a hidden test
(say, a student printing the kernel's input history) is removed. Scores and
the grader's comments stay.

While a student's written answers are not graded yet, their feedback is not
written (the command lists them) unless ``--provisional``, which writes it
with the page and each ungraded answer marked "not graded yet" in words.
From the first cell that reads the input history, changes built-ins or
inspects frames, outputs are withheld (such code can print hidden tests in
disguise).

Output: ``feedback/ID/ASSIGNMENT/NOTEBOOK.html`` (nbgrader's layout) and a flat
copy ``exports/feedback-ASSIGNMENT/ID.html`` (``ID-NOTEBOOK.html`` for
several notebooks) to upload to the LMS. Each file is checked before it is
kept: a file that still contains hidden-test text is deleted and reported.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from course.instructor.courseroot import CourseRoot, add_root_argument
from course.instructor.preprocessors import HIDDEN_BEGIN, HIDDEN_END

FEEDBACK_PREPROCESSORS = [
    "course.instructor.preprocessors.HideGraderNotes",
    "course.instructor.preprocessors.WithholdFlaggedOutputs",
    "course.instructor.preprocessors.HideHiddenTests",
    "course.instructor.preprocessors.MarkUngradedWritten",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


def hidden_lines(course: CourseRoot, assignment: str) -> set[str]:
    """Distinctive lines of the master's hidden tests and written-answer solutions."""
    from course.instructor.submissions import read_notebook, secret_lines

    lines = set()
    for master in course.masters(assignment):
        notebook, _ = read_notebook(master)
        if notebook is not None:
            lines |= secret_lines(notebook, min_length=16, written_only_solutions=True)
    return lines


def leaked(html: str, secrets: set[str]) -> list[str]:
    import html as html_lib

    text = html_lib.unescape(html)
    found = [m for m in (HIDDEN_BEGIN, HIDDEN_END, "**Rubric**", "For the grader") if m in text]
    return found + [s for s in secrets if s in text or html_lib.escape(s) in html]


def waiting_for_written(course: CourseRoot, assignment: str, student: str) -> list[str]:
    """Written answers of ``student`` still without a manual score."""
    from course.instructor.preprocessors import ungraded_written

    return [gid for path in course.released(assignment)
            for gid in ungraded_written(course.db_url, assignment, path.stem, student)]


def generate_feedback(course: CourseRoot, assignment: str, students: list[str] | None = None,
                      provisional: bool = False, report=print) -> dict[str, list[Path]]:
    """Write feedback HTML for each autograded student; return student -> files.

    A student with written answers not graded yet gets no file unless
    ``provisional`` (then every page says so in words).
    """
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory

    graded = sorted(p.parent.name for p in course.autograded.glob(f"*/{assignment}") if p.is_dir())
    if students:
        graded = [s for s in graded if s in students]
    if not graded:
        report(f"{assignment}: no autograded submissions yet (run autograde first)")
        return {}
    secrets = hidden_lines(course, assignment)
    flat = course.exports / f"feedback-{assignment}"
    written: dict[str, list[Path]] = {}
    log = logging.getLogger(f"course.feedback.{assignment}")
    log.handlers[:] = [logging.NullHandler()]
    log.propagate = False
    held = {}
    for student in graded:
        waiting = waiting_for_written(course, assignment, student)
        if waiting and not provisional:
            held[student] = waiting
            continue
        config = course.config()
        config.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
        coursedir = CourseDirectory(config=config, log=log)
        coursedir.assignment_id, coursedir.student_id = assignment, student
        app = GenerateFeedback(coursedir=coursedir, config=config, log=log)
        app.force = True
        try:
            app.start()
        except Exception as error:
            report(f"{student}: feedback not generated ({type(error).__name__}: {str(error)[:200]})")
            continue
        files = sorted((course.feedback / student / assignment).glob("*.html"))
        kept = []
        for path in files:
            problems = leaked(path.read_text(encoding="utf-8", errors="replace"), secrets)
            if problems:
                path.unlink()
                report(f"{student}: {path.name} deleted: it would show grader-only text ({problems[0][:60]!r})")
                continue
            name = f"{student}.html" if len(files) == 1 else f"{student}-{path.stem}.html"
            flat.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, flat / name)
            kept.append(path)
        written[student] = kept
    report(f"{assignment}: feedback for {sum(1 for v in written.values() if v)} student(s) in "
           f"{course.feedback} (flat copies to upload: {flat})")
    if held:
        report(f"{assignment}: no feedback yet for {len(held)} student(s) whose written answers are not graded "
               f"(grade them in Formgrader, or run again with --provisional to send pages marked 'not graded "
               f"yet'): " + "; ".join(f"{s} ({', '.join(g)})" for s, g in sorted(held.items())))
    return written


def _cmd_feedback(args) -> int:
    course = CourseRoot.at(args.course_root)
    generate_feedback(course, course.resolve(args.assignment), students=args.student or None,
                      provisional=args.provisional)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("feedback", help="write HTML feedback per student (hidden tests removed)",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment", help="assignment name or number, e.g. 00")
    parser.add_argument("--student", action="append", metavar="ID", help="only this student (repeatable)")
    parser.add_argument("--provisional", action="store_true",
                        help="also write feedback for students whose written answers are not graded yet, "
                             "each page and answer marked 'not graded yet'")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_feedback)

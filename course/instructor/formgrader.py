"""Opening Formgrader in JupyterLab to grade written answers by rubric.

``python -m course.instructor formgrader`` starts JupyterLab in the course
root and opens Formgrader (menu *Nbgrader → Formgrader* if the browser shows
the Lab instead). In *Manual Grading*, pick the assignment and a submission:
each written answer is followed by a grey cell *For the grader* with the
rubric and the model answer from the master (added at autograde; students
never see it). Type the score (0–4) and a comment beside the answer; they are
saved in the gradebook at once, and a later autograde keeps them.

Settings for this session only (a private Jupyter config folder, so nothing
in your own Jupyter setup changes):

* the student-side *Assignments* and *Courses* panels are off (submissions
  arrive through the LMS, not an nbgrader exchange folder);
* Formgrader's own *Generate feedback* button uses the same safe steps as the
  ``feedback`` command (no hidden tests in the HTML); prefer the command,
  which also checks every file;
* nbgrader's exchange (for its own release/collect, unused here) is an empty
  folder of the session, so Formgrader's home page does not warn that
  "the exchange directory does not exist".

The command *becomes* JupyterLab (``exec``): stopping its PID stops the
server and its kernels, with nothing left running.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from course.instructor.courseroot import CourseRoot, add_root_argument
from course.instructor.feedback import FEEDBACK_PREPROCESSORS


def session_config(folder: Path) -> Path:
    """Write the Jupyter/nbgrader settings for a grading session into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exchange").mkdir(exist_ok=True)
    (folder / "jupyter_server_config.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {
        "nbgrader.server_extensions.formgrader": True,
        "nbgrader.server_extensions.assignment_list": False,
        "nbgrader.server_extensions.course_list": False,
    }}}, indent=1))
    (folder / "labconfig").mkdir(exist_ok=True)
    (folder / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {
        "@jupyter/nbgrader:assignment-list": True,
        "@jupyter/nbgrader:course-list": True,
    }}, indent=1))
    (folder / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.GenerateFeedback.preprocessors = {FEEDBACK_PREPROCESSORS!r}\n"
        f"c.Exchange.root = {str(folder / 'exchange')!r}\n")
    return folder


def command(course: CourseRoot, port: int | None, no_browser: bool) -> list[str]:
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={course.root}",
           "--ServerApp.default_url=/formgrader"]
    if port:
        cmd += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def _cmd_formgrader(args) -> int:
    course = CourseRoot.at(args.course_root)
    if not course.gradebook.exists():
        print("no gradebook yet: release an assignment and autograde first")
        return 1
    # One session folder per course root, rewritten each time (nothing to clean up after exec).
    tag = hashlib.sha256(str(course.root).encode()).hexdigest()[:12]
    folder = session_config(Path(tempfile.gettempdir()) / f"course-formgrader-{tag}")
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(folder), env.get("JUPYTER_CONFIG_PATH")) if p)
    cmd = command(course, args.port, args.no_browser)
    print("starting:", " ".join(cmd))
    print("Formgrader opens at /formgrader (stop with Ctrl-C). Grade written answers under "
          "'Manual Grading'; the rubric is in the cell after each answer.", flush=True)
    if args.dry_run:
        return 0
    if os.name == "posix":
        # Become JupyterLab: the PID the instructor sees is the server's, so stopping it stops everything.
        os.chdir(course.root)
        os.execve(cmd[0], cmd, env)
    try:
        return subprocess.call(cmd, cwd=course.root, env=env)
    except KeyboardInterrupt:
        return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("formgrader", help="open Formgrader in JupyterLab for rubric grading",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=None, help="port (default: Jupyter's, 8888 or next free)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--dry-run", action="store_true", help="print the command and exit")
    add_root_argument(parser)
    parser.set_defaults(func=_cmd_formgrader)

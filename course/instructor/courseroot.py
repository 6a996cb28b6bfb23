"""The nbgrader course root and the folders the grading commands use.

The course root (``instructor/`` by default; ``--course-root DIR`` on every
grading command) holds::

    nbgrader_config.py   settings (course id, code stub, cell timeout)
    source/NN-slug/      master notebooks: solutions, hidden tests, rubrics
    release/NN-slug/     student copies, ready to upload to the LMS
    downloads/NN-slug/   every LMS download, kept byte for byte (never deleted)
    submitted/ID/NN-slug/  one notebook per student, as collected
    autograded/ID/NN-slug/ the executed copy that Formgrader shows
    feedback/ID/NN-slug/   HTML feedback for the student
    exports/             CSV grades and flat feedback folders for upload
    gradebook.db         nbgrader's SQLite gradebook

Everything except ``nbgrader_config.py`` and ``source/`` is generated and
git-ignored.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from course.instructor import INSTRUCTOR

# nbgrader runs `alembic` (installed next to this Python) when it creates a gradebook.
_BIN = str(Path(sys.executable).parent)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")

# nbgrader's gradebook code trips a harmless SQLAlchemy warning on every new submission.
warnings.filterwarnings("ignore", message=r"Object of type <Submitted")

# Student ids become folder names under submitted/ and autograded/.
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class CourseRoot:
    """Paths of one nbgrader course root."""

    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> "CourseRoot":
        path = Path(root or INSTRUCTOR).resolve()
        if not (path / "nbgrader_config.py").is_file():
            raise SystemExit(f"{path} is not a course root: it has no nbgrader_config.py")
        return cls(path)

    @property
    def source(self) -> Path:
        """``source/``, or the folder ``CourseDirectory.source_directory`` names (sections share one)."""
        return self.root / (self._source_directory or "source")

    @property
    def _source_directory(self) -> str:
        cached = self.__dict__.get("_source_cache")
        if cached is None:
            try:
                cached = str(self.config().CourseDirectory.get("source_directory") or "")
            except Exception:  # a broken config is reported by the command that needs it
                cached = ""
            object.__setattr__(self, "_source_cache", cached)
        return cached
    release = property(lambda self: self.root / "release")
    downloads = property(lambda self: self.root / "downloads")
    submitted = property(lambda self: self.root / "submitted")
    autograded = property(lambda self: self.root / "autograded")
    feedback = property(lambda self: self.root / "feedback")
    exports = property(lambda self: self.root / "exports")
    gradebook = property(lambda self: self.root / "gradebook.db")

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.gradebook}"

    @property
    def course_id(self) -> str:
        return str(self.config().CourseDirectory.course_id or "default_course")

    def config(self, **overrides):
        """The course's nbgrader config (a traitlets ``Config``), with the root set here.

        ``overrides`` are ``"Section.trait": value`` pairs given as keyword
        arguments with the dot replaced by a double underscore, e.g.
        ``Execute__timeout=5``.
        """
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        loader = PyFileConfigLoader("nbgrader_config.py", path=str(self.root))
        config = loader.load_config()
        config.CourseDirectory.root = str(self.root)
        extra = Config()
        for key, value in overrides.items():
            section, trait = key.split("__")
            extra[section][trait] = value
        config.merge(extra)
        return config

    # --- assignments -----------------------------------------------------

    def assignments(self) -> list[str]:
        """Assignment names: folders of ``source/`` that hold at least one notebook."""
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir()
                      if p.is_dir() and any(p.glob("*.ipynb")))

    def resolve(self, name: str) -> str:
        """Full assignment name from a name or unique prefix (``00`` -> ``00-reading-...``)."""
        every = self.assignments()
        if name in every:
            return name
        matches = [a for a in every if a.startswith(name)]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(every) or "none"
        if not matches:
            raise SystemExit(f"no assignment matches {name!r}; assignments in {self.source}: {known}")
        raise SystemExit(f"{name!r} matches several assignments: {', '.join(matches)}")

    def masters(self, assignment: str) -> list[Path]:
        return sorted((self.source / assignment).glob("*.ipynb"))

    def released(self, assignment: str) -> list[Path]:
        return sorted((self.release / assignment).glob("*.ipynb"))

    # --- students ----------------------------------------------------------

    def students(self) -> dict[str, dict]:
        """Students in the gradebook: id -> {first_name, last_name, email}."""
        if not self.gradebook.exists():
            return {}
        with sqlite3.connect(f"file:{self.gradebook}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT id, first_name, last_name, email, lms_user_id FROM student").fetchall()
        return {r[0]: {"first_name": r[1], "last_name": r[2], "email": r[3], "lms_user_id": r[4]} for r in rows}


def display_name(info: dict) -> str:
    parts = [info.get("first_name") or "", info.get("last_name") or ""]
    return " ".join(p for p in parts if p).strip()


# --- files written so that a crash never leaves half a file ----------------

def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, data) -> None:
    atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True, default=str) + "\n")


def replace_dir(src: Path, dest: Path) -> None:
    """Move the folder ``src`` to ``dest``, replacing ``dest`` with two renames.

    At every moment either the old or the new folder is complete at ``dest``
    (or, between the renames, at ``dest`` + ``.old``, which the next call
    cleans up).
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = dest.with_name(f".{dest.name}.new")
    old = dest.with_name(f".{dest.name}.old")
    for leftover in (staging, old):
        if leftover.exists():
            _rmtree(leftover)
    _copy_regular_files(src, staging)
    if dest.exists():
        os.replace(dest, old)
    os.replace(staging, dest)
    if old.exists():
        _rmtree(old)


def _copy_regular_files(src: Path, dest: Path) -> None:
    """Copy the folder tree, skipping symlinks, devices and pipes (student code may make them)."""
    dest.mkdir(parents=True)
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        here = Path(dirpath)
        target = dest / here.relative_to(src)
        for name in list(dirnames):
            if (here / name).is_symlink():
                dirnames.remove(name)
            else:
                (target / name).mkdir()
        for name in filenames:
            path = here / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                shutil.copy2(path, target / name, follow_symlinks=False)


def _rmtree(path: Path) -> None:
    def make_writable(func, p, _exc):
        os.chmod(p, 0o700 if os.path.isdir(p) else 0o600)
        func(p)
    shutil.rmtree(path, onerror=make_writable)


def add_root_argument(parser) -> None:
    parser.add_argument("--course-root", metavar="DIR", default=None,
                        help=f"nbgrader course root (default: {INSTRUCTOR})")

"""Commands for the instructor: author, release and grade the course.

Run ``python -m course.instructor --help``. Each module adds its own
subcommands through a ``register(subparsers)`` function listed in
:data:`course.instructor.__main__.COMMAND_MODULES`.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
INSTRUCTOR = REPO / "instructor"
SOURCE = INSTRUCTOR / "source"
NOTEBOOKS = REPO / "notebooks"

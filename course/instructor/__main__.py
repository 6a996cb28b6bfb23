"""``python -m course.instructor COMMAND``: the instructor's commands."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each module defines `register(subparsers)`; its parsers set `func`.
COMMAND_MODULES = [
    "course.instructor.authoring",
    "course.instructor.roster",
    "course.instructor.release",
    "course.instructor.collect",
    "course.instructor.grading",
    "course.instructor.formgrader",
    "course.instructor.export",
    "course.instructor.feedback",
    "course.instructor.rubric",
    "course.instructor.sections",
]


def _printable_console() -> None:
    """Never crash while printing: characters the console cannot show become '?' there (files keep them)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):  # not a text stream we can change (a test's capture)
            pass


def main(argv: list[str] | None = None) -> int:
    _printable_console()
    parser = argparse.ArgumentParser(prog="python -m course.instructor",
                                     description=__doc__.split(":")[1].strip())
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    args = parser.parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())

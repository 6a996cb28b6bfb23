"""The two pin files, read the same way by every environment test."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STUDENT_LOCK = REPO / "requirements-student.txt"  # what students run; environment.yml repeats it
DEV_LOCK = REPO / "requirements.txt"  # what run.py installs: the student pins plus the tools


def normalize(name: str) -> str:
    """A distribution name as pip compares it (PEP 503): ``Jinja2`` -> ``jinja2``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict:
    """``{normalized name: version}`` of every ``name==version`` line, following ``-r`` files
    and reading environment.yml's ``- name==version`` lines too."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip().removeprefix("- ").strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        if match:
            found[normalize(match.group(1))] = match.group(2)
    return found

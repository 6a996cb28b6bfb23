"""One set of pins: requirements.txt, and environment.yml (Binder) repeating it."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def pins(lines) -> dict:
    found = {}
    for line in lines:
        line = line.strip().removeprefix("- ").strip()
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)", line)
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_environment_yml_lists_exactly_the_locked_pins():
    locked = pins((REPO / "requirements.txt").read_text().splitlines())
    binder = pins((REPO / "environment.yml").read_text().splitlines())
    assert len(locked) > 50
    assert binder == locked, {k: (locked.get(k), binder.get(k)) for k in set(locked) ^ set(binder)
                              | {k for k in locked if binder.get(k) != locked[k]}}


def test_every_requirement_is_pinned_exactly():
    for line in (REPO / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, f"unpinned: {line}"


def test_top_level_requirements_are_in_the_lock():
    top = pins((REPO / "requirements.in").read_text().splitlines())
    locked = pins((REPO / "requirements.txt").read_text().splitlines())
    assert top and all(locked.get(name) == version for name, version in top.items())


def test_binder_installs_the_course_package_from_a_local_path():
    text = (REPO / "environment.yml").read_text()
    assert re.search(r"^\s+- -e \.\s*$", text, re.M), "environment.yml must pip-install `-e .`"
    assert "python=3.11" in text

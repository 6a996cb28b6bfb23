"""Any current Python: both locks resolve, as binary wheels, for every Python that run.py
accepts, and run.py says plainly what to install when it is started by another one.

The resolution is pip's own resolver in ``--dry-run`` mode for a target Python version
(``--python-version``), so nothing is installed and no other interpreter is needed; it needs
the network (PyPI), as CI has.
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locks import DEV_LOCK, REPO, STUDENT_LOCK, normalize, pins  # noqa: E402

# The minor versions run.py accepts; pip reads "3.11" as 3.11.0, the oldest of them.
VERSIONS = ["3.11", "3.12", "3.13"]


def load_run_py():
    spec = importlib.util.spec_from_file_location("course_run_py", REPO / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def resolutions(tmp_path_factory):
    """pip's install report of the developer lock for each Python version, side by side.

    The student lock is a subset of it at the same versions (tests/test_environment.py), so
    its resolution follows from the same report: the dependency closure of its packages."""
    folder = tmp_path_factory.mktemp("resolve")
    running = {}
    for version in VERSIONS:
        report = folder / f"{version}.json"
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                   "--disable-pip-version-check", "--ignore-installed",
                   "--only-binary=:all:", "--python-version", version,
                   "--target", str(folder / "never-written"), "--report", str(report),
                   "-r", str(DEV_LOCK)]
        running[version] = (subprocess.Popen(command, stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, text=True), report)
    results = {}
    for version, (process, report) in running.items():
        _, err = process.communicate(timeout=1200)
        errors = "\n".join(line for line in err.splitlines() if "is ignored" not in line)
        assert process.returncode == 0, \
            f"requirements.txt does not resolve for Python {version}:\n{errors[-3000:]}"
        results[version] = json.loads(report.read_text())["install"]
    return results


def closure(report: list, roots: set, version: str) -> dict:
    """``{name: version}`` of ``roots`` and everything they require on Python ``version``,
    following extras (``jsonschema[format-nongpl]`` brings its own packages)."""
    by_name = {normalize(item["metadata"]["name"]): item["metadata"] for item in report}
    python = version if version.count(".") == 2 else version + ".0"
    environment = {"python_version": ".".join(python.split(".")[:2]),
                   "python_full_version": python}
    found, seen, todo = {}, set(), [(name, "") for name in roots]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        found[name] = by_name[name]["version"]
        for line in by_name[name].get("requires_dist") or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or marker.evaluate({**environment, "extra": extra}):
                wanted = normalize(requirement.name)
                todo += [(wanted, "")] + [(wanted, e) for e in requirement.extras]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
def test_the_developer_lock_resolves_to_exactly_its_pins(resolutions, version):
    chosen = {normalize(item["metadata"]["name"]): item["metadata"]["version"]
              for item in resolutions[version]}
    # Exactly the pins: nothing missing for this version (e.g. setuptools, which 3.12+ venvs
    # leave out and nbgrader imports), nothing a newer Python no longer needs.
    locked = pins(DEV_LOCK)
    assert chosen == locked, {k: (chosen.get(k), locked.get(k))
                              for k in set(chosen) ^ set(locked) | {k for k in chosen
                                                                    if chosen[k] != locked.get(k)}}


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
def test_the_student_lock_holds_everything_its_packages_need(resolutions, version):
    top = set(pins(REPO / "requirements-student.in"))
    needed = closure(resolutions[version], top, version)
    student = pins(STUDENT_LOCK)
    assert {k: v for k, v in needed.items() if student.get(k) != v} == {}


@pytest.mark.slow
def test_every_student_pin_is_needed_on_some_supported_python(resolutions):
    # overrides, for one, only on 3.11 (jupyter-server requires it below 3.12).
    top = set(pins(REPO / "requirements-student.in"))
    needed = set().union(*(closure(resolutions[v], top, v) for v in VERSIONS))
    assert set(pins(STUDENT_LOCK)) - needed == set()


def test_run_py_accepts_exactly_the_resolved_versions():
    run = load_run_py()
    assert [run.supported(v) for v in [(3, 10, 12), (3, 11, 0), (3, 11, 2), (3, 12, 0),
                                       (3, 13, 9), (3, 14, 0)]] == \
        [False, True, True, True, True, False]
    assert all(run.supported((*map(int, v.split(".")), 0)) for v in VERSIONS)


def test_run_py_says_what_to_install_when_no_supported_python_is_found(monkeypatch, capsys):
    run = load_run_py()
    monkeypatch.setattr(run, "supported", lambda version: False)
    with pytest.raises(SystemExit) as stopped:
        run.ensure_supported_python(["setup"])
    message = str(stopped.value)
    assert "3.11, 3.12 or 3.13" in message
    assert "run.py setup" in message and "Install one" in message


def test_run_py_switches_to_a_supported_python_on_the_path(monkeypatch):
    run = load_run_py()
    # Only a made-up 3.99 counts as supported, so this interpreter never does.
    monkeypatch.setattr(run, "supported", lambda version: tuple(version[:2]) == (3, 99))
    monkeypatch.setattr(run.shutil, "which", lambda name: f"/opt/bin/{name}"
                        if name == "python3.12" else None)
    monkeypatch.setattr(run.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a, 0, stdout="3 99 1\n"))
    started = []
    monkeypatch.setattr(run.os, "execv", lambda path, args: started.append((path, args)))
    run.ensure_supported_python(["test", "-k", "pins"])
    assert started == [("/opt/bin/python3.12",
                        ["/opt/bin/python3.12", str(REPO / "run.py"), "test", "-k", "pins"])]

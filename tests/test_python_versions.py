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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locks import DEV_LOCK, REPO, STUDENT_LOCK, normalize, pins  # noqa: E402

# The oldest 3.11 that run.py accepts, then the newest minor versions it accepts.
VERSIONS = ["3.11.5", "3.12", "3.13"]
LOCKS = [DEV_LOCK, STUDENT_LOCK]


def load_run_py():
    spec = importlib.util.spec_from_file_location("course_run_py", REPO / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def resolutions(tmp_path_factory):
    """pip's install report for each (lock, Python version), resolved side by side."""
    folder = tmp_path_factory.mktemp("resolve")
    running = {}
    for lock in LOCKS:
        for version in VERSIONS:
            key = (lock.name, version)
            report = folder / f"{lock.stem}-{version}.json"
            command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                       "--disable-pip-version-check", "--ignore-installed",
                       "--only-binary=:all:", "--python-version", version,
                       "--target", str(folder / "never-written"), "--report", str(report),
                       "-r", str(lock)]
            running[key] = (subprocess.Popen(command, stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, text=True), report)
    results = {}
    for key, (process, report) in running.items():
        _, err = process.communicate(timeout=1200)
        results[key] = (process.returncode, err, report)
    return results


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_the_lock_resolves_to_exactly_its_pins(resolutions, lock, version):
    returncode, err, report = resolutions[(lock.name, version)]
    errors = "\n".join(line for line in err.splitlines() if "is ignored" not in line)
    assert returncode == 0, f"{lock.name} does not resolve for Python {version}:\n{errors[-3000:]}"
    chosen = {normalize(item["metadata"]["name"]): item["metadata"]["version"]
              for item in json.loads(report.read_text())["install"]}
    # Exactly the pins: nothing missing for this version (e.g. setuptools, which 3.12+ venvs
    # leave out and nbgrader imports), nothing a newer Python no longer needs.
    assert chosen == pins(lock), {k: (chosen.get(k), pins(lock).get(k))
                                  for k in set(chosen) ^ set(pins(lock))}


def test_run_py_accepts_exactly_the_resolved_versions():
    run = load_run_py()
    assert [run.supported(v) for v in [(3, 10, 12), (3, 11, 4), (3, 11, 5), (3, 12, 0),
                                       (3, 13, 9), (3, 14, 0)]] == \
        [False, False, True, True, True, False]
    assert all(run.supported(tuple(int(p) for p in v.split("."))) for v in VERSIONS)


def test_run_py_says_what_to_install_when_no_supported_python_is_found(monkeypatch, capsys):
    run = load_run_py()
    monkeypatch.setattr(run, "supported", lambda version: False)
    with pytest.raises(SystemExit) as stopped:
        run.ensure_supported_python(["setup"])
    message = str(stopped.value)
    assert "3.11 (3.11.5 or newer), 3.12 or 3.13" in message
    assert "run.py setup" in message and "Install one" in message


def test_run_py_switches_to_a_supported_python_on_the_path(monkeypatch):
    run = load_run_py()
    monkeypatch.setattr(run, "supported", lambda version: tuple(version[:2]) == (3, 12))
    monkeypatch.setattr(run.shutil, "which", lambda name: f"/opt/bin/{name}"
                        if name == "python3.12" else None)
    monkeypatch.setattr(run.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a, 0, stdout="3 12 7\n"))
    started = []
    monkeypatch.setattr(run.os, "execv", lambda path, args: started.append((path, args)))
    run.ensure_supported_python(["test", "-k", "pins"])
    assert started == [("/opt/bin/python3.12",
                        ["/opt/bin/python3.12", str(REPO / "run.py"), "test", "-k", "pins"])]

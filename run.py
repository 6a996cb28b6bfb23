#!/usr/bin/env python3
"""Set up the course and open it, test it or build its website. Three commands:

    python3 run.py lab     # set up, then open the course in JupyterLab (127.0.0.1 only)
    python3 run.py test    # set up, then run every test (the website's included)
    python3 run.py site    # set up, then build the website into build/site/html

Setting up means: a virtual environment in ``.venv`` with the exact pins of
``requirements.txt`` (the developer/instructor lock: what students run plus the
test, grading and website tools) and the ``course`` package, redone only when those
files change. Extra arguments go to JupyterLab (``lab``), pytest (``test``) or the
site builder (``site --hub https://hub.example.edu``, see website/build.py).
Needs Python 3.11, 3.12 or 3.13: run with another version, it
looks for one of those on the PATH and uses it. For the browser tests it needs
Debian's ``chromium`` (``test`` installs it with apt-get when run as root).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent
VENV = Path(os.environ.get("COURSE_VENV", REPO / ".venv"))
FIRST_NOTEBOOK = "notebooks/00-reading-north-korea-by-numbers.ipynb"
# The course's Jupyter settings, as pyproject's data-files installs them (jupyter-config/).
SERVER_CONFIG = sorted((REPO / "jupyter-config").rglob("*.json"))
CHROMIUM = "/usr/bin/chromium"
# The locks resolve, as binary wheels, for these versions: tests/test_python_versions.py.
# (soupsieve stays below 3.0, which needs 3.11.5, so Debian 12's python3, 3.11.2, works.)
OLDEST, NEWER_THAN_SUPPORTED = (3, 11, 0), (3, 14)


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def supported(version: tuple) -> bool:
    return OLDEST <= tuple(version[:3]) < NEWER_THAN_SUPPORTED


def other_supported_python() -> str | None:
    """The newest supported interpreter on the PATH other than this one, or None."""
    for name in ("python3.13", "python3.12", "python3.11"):
        found = shutil.which(name)
        if not found:
            continue
        try:
            version = subprocess.run(
                [found, "-c", "import sys; print(*sys.version_info[:3])"],
                capture_output=True, text=True, timeout=30).stdout.split()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if len(version) == 3 and supported(tuple(int(v) for v in version)):
            return found
    return None


def ensure_supported_python(argv: list[str]) -> None:
    """Carry on under this Python if the locks support it, else switch to one that they do."""
    if supported(sys.version_info):
        return
    this = sys.version.split()[0]
    other = other_supported_python()
    if other is None:
        sys.exit(f"[run.py] this is Python {this}; the course's pinned packages need Python "
                 "3.11, 3.12 or 3.13, and none of python3.13, python3.12 or "
                 "python3.11 is on the PATH. Install one (from python.org, your package "
                 "manager, e.g. `apt-get install python3.12`, or pyenv), then run "
                 f"`python3.12 run.py {' '.join(argv)}` (or the version you installed).")
    say(f"this is Python {this}, which the pins do not support: using {other}")
    os.execv(other, [other, str(Path(__file__).resolve()), *argv])


def setup() -> Path:
    """Create or update the environment; return its Python."""
    stamp_text = hashlib.sha256(b"".join(
        path.read_bytes() for path in (REPO / "requirements.txt", REPO / "pyproject.toml",
                                        *SERVER_CONFIG))).hexdigest()
    stamp = VENV / ".course-stamp"
    python = venv_python()
    if python.exists() and stamp.exists() and stamp.read_text() == stamp_text:
        return python
    if not python.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    say("installing the pinned packages (a minute or two the first time)")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for extra in (["-r", str(REPO / "requirements.txt")], ["--no-deps", "-e", str(REPO)]):
        # Quiet unless it fails: pip's warnings about local index settings are noise here.
        done = subprocess.run([*pip, *extra], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"[run.py] pip install {' '.join(extra)} failed:\n{done.stdout[-4000:]}"
                     f"{done.stderr[-4000:]}")
    install_server_config(VENV)
    stamp.write_text(stamp_text)
    return python


def install_server_config(environment: Path) -> None:
    """Put the course's Jupyter settings (``jupyter-config/``) where Jupyter reads them.

    ``pip install .`` (Binder, a JupyterHub image) copies them from pyproject's
    data-files into ``<environment>/etc/jupyter``; an editable install, which
    developers need, skips data-files, so they are copied here.
    """
    for source in SERVER_CONFIG:
        target = environment / "etc" / "jupyter" / source.relative_to(REPO / "jupyter-config")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def tool_env(python: Path) -> dict:
    # Tools the course starts by name (jupyter, alembic) must come from .venv.
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(python.parent), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(VENV)
    return env


def lab(args: list[str]) -> int:
    python = setup()
    command = [str(python), "-m", "jupyter", "lab", "--ip=127.0.0.1",
               f"--ServerApp.root_dir={REPO}", *args, FIRST_NOTEBOOK]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(4, "--allow-root")  # containers and CI machines often run as root
    say("starting JupyterLab on 127.0.0.1; press Ctrl-C twice to stop")
    if os.name == "posix":
        # Become the server (same PID), so stopping this command stops JupyterLab.
        os.chdir(REPO)
        os.execve(command[0], command, tool_env(python))
    return subprocess.call(command, cwd=REPO, env=tool_env(python))


def ensure_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing Debian's chromium for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    else:
        say(f"{CHROMIUM} not found and cannot install it here: browser tests will be skipped")


def ensure_node_tools() -> None:
    """Install package.json's test tools (JupyterHub's proxy, axe-core) into node_modules."""
    lock = REPO / "package-lock.json"
    stamp = REPO / "node_modules" / ".course-stamp"
    stamp_text = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == stamp_text:
        return
    npm = shutil.which("npm")
    if npm is None:
        say("npm not found: the JupyterHub and accessibility tests will be skipped "
            "(install Node.js 20 or newer with npm)")
        return
    say("installing the Node.js test tools from package-lock.json")
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                          cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"[run.py] npm ci failed:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    stamp.write_text(stamp_text)


def test(args: list[str]) -> int:
    python = setup()
    ensure_chromium()
    ensure_node_tools()
    env = tool_env(python)
    pytest = [str(python), "-m", "pytest", "-p", "no:cacheprovider"]
    runs = [
        ("unit, data, authoring, notebook, server, grading and browser tests", [*pytest, *args]),
        # nbval compares every stored output of the executed masters; twice, to
        # catch outputs that change from run to run.
        *[(f"nbval on the executed masters, run {i}",
           [*pytest, "--nbval", "--nbval-current-env", "instructor/source"]) for i in (1, 2)],
    ]
    if args:  # a developer's targeted run (`run.py test tests/test_plots.py -k log`): no nbval
        runs = runs[:1]
    failed = []
    for title, command in runs:
        say(title)
        if subprocess.call(command, cwd=REPO, env=env) != 0:
            failed.append(title)
    if failed:
        say("FAILED: " + "; ".join(failed))
        return 1
    say("all test runs passed")
    return 0


def site(args: list[str]) -> int:
    python = setup()
    return subprocess.call([str(python), str(REPO / "website" / "build.py"), *args],
                           cwd=REPO, env=tool_env(python))


def main(argv: list[str]) -> int:
    commands = {"lab": lab, "test": test, "site": site, "setup": lambda _args: (setup(), 0)[1]}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    ensure_supported_python(argv)
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

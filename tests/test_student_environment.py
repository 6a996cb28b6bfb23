"""Everything students run works with the student pins alone (requirements-student.txt,
which environment.yml repeats for Binder): a fresh venv gets exactly those pins and the
``course`` package, and every student notebook runs top to bottom in its kernel without
loading anything of the developer lock.
"""

import importlib.metadata
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locks import DEV_LOCK, REPO, STUDENT_LOCK, normalize, pins  # noqa: E402
from test_jupyter_config import (FAVICON_BUSY, assert_enabled_and_valid,  # noqa: E402
                                 busy_circle_in_status_bar, disabled_lab_plugins,
                                 extension_listing, setting_defaults)

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

# Run inside the student venv: execute each notebook in that venv's kernel, then ask the
# kernel where it runs and which top-level modules it loaded.
DRIVER = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import nbformat
    from nbclient import NotebookClient

    out = {}
    for path in sys.argv[2:]:
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(
            "import sys, json\\n"
            "print(json.dumps([sys.prefix, sorted({m.split('.')[0] for m in sys.modules})]))"))
        client = NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": sys.argv[1]}})
        client.execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
        prefix, modules = json.loads(nb.cells[-1].outputs[0]["text"])
        out[Path(path).name] = {"errors": [e["ename"] + ": " + e["evalue"] for e in errors],
                                "prefix": prefix, "modules": modules}
    print("RESULT " + json.dumps(out))
""")


def import_names(distribution: str) -> set:
    """Top-level module names a distribution installed in this (developer) venv provides."""
    return {module for module, dists in importlib.metadata.packages_distributions().items()
            if distribution in {normalize(d) for d in dists}}


@pytest.fixture(scope="module")
def student_venv(tmp_path_factory):
    """A venv with the student pins and the course package installed as Binder installs
    it (``- .`` in environment.yml: a regular, not editable, install); pip's cache makes
    it quick."""
    venv = tmp_path_factory.mktemp("student") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for extra in (["-r", str(STUDENT_LOCK)], ["--no-deps", str(REPO)]):
        done = subprocess.run([*pip, *extra], capture_output=True, text=True, env=env,
                              timeout=1200)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return python, env


@pytest.mark.slow
def test_the_student_venv_holds_exactly_the_student_pins(student_venv):
    python, env = student_venv
    listed = json.loads(subprocess.run(
        [str(python), "-m", "pip", "list", "--format=json", "--exclude-editable"],
        capture_output=True, text=True, env=env, check=True, timeout=120).stdout)
    installed = {normalize(p["name"]): p["version"] for p in listed}
    for tool in ("pip", "setuptools"):  # what `python -m venv` itself puts there
        installed.pop(tool, None)
    assert installed.pop("nk-course") == "0.1.0"  # the course package itself
    assert installed == pins(STUDENT_LOCK)


@pytest.mark.slow
def test_every_student_notebook_runs_with_the_student_pins_alone(student_venv, tmp_path):
    python, env = student_venv
    env = {k: v for k, v in env.items() if not k.startswith("JUPYTER")}
    env["PATH"] = os.pathsep.join([str(python.parent), env.get("PATH", "")])
    done = subprocess.run([str(python), "-c", DRIVER, str(tmp_path), *map(str, NOTEBOOKS)],
                          capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300 * len(NOTEBOOKS))
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads(done.stdout.split("RESULT ", 1)[1])
    assert sorted(results) == [p.name for p in NOTEBOOKS]
    # setuptools is pinned for the developers' nbgrader, but `python -m venv` on 3.11 (and
    # Binder's conda Python) bring their own, whose _distutils_hack every interpreter loads.
    developer_only = set(pins(DEV_LOCK)) - set(pins(STUDENT_LOCK)) - {"setuptools"}
    forbidden = set().union(*(import_names(d) for d in developer_only))
    assert {"nbgrader", "pytest", "playwright"} <= forbidden  # the check can fail
    venv = python.parent.parent.resolve()
    for name, result in results.items():
        assert not result["errors"], (name, result["errors"])
        assert Path(result["prefix"]).resolve() == venv, (name, result["prefix"])
        assert not forbidden & set(result["modules"]), (name, forbidden & set(result["modules"]))


@pytest.mark.slow
def test_the_student_environment_gets_the_course_jupyter_settings(student_venv):
    # pip copies pyproject's data-files into the venv, where Jupyter Server finds them.
    python, env = student_venv
    venv = python.parent.parent
    assert (venv / "etc" / "jupyter" / "jupyter_server_config.d" / "course.kernel_websocket.json").is_file()
    env = {k: v for k, v in env.items() if not k.startswith("JUPYTER")}
    assert_enabled_and_valid(extension_listing(str(python), env))
    assert FAVICON_BUSY in disabled_lab_plugins(str(python), env)
    assert busy_circle_in_status_bar(setting_defaults(str(python), env))

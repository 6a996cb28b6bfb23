"""Two locks that agree: requirements-student.txt (what students run; environment.yml, which
Binder builds, repeats it) and requirements.txt (the developer/instructor lock run.py installs:
the student pins at the same versions plus the test, browser and grading tools).

The student side must not need the developer side: the code students run (the ``course``
package except ``course.instructor``, and every student notebook) imports only packages of
the student lock. tests/test_student_environment.py runs every student notebook in a venv
made from the student pins alone; tests/test_python_versions.py checks the locks resolve for
every supported Python.
"""

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

from locks import DEV_LOCK, REPO, STUDENT_LOCK, normalize, pins  # noqa: E402

# Tools no student needs; each must stay out of the student lock (a sample, not the whole set).
DEVELOPER_TOOLS = {"nbgrader", "nbval", "pytest", "playwright", "sqlalchemy", "alembic"}


def differences(a: dict, b: dict) -> dict:
    return {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)}


def test_environment_yml_lists_exactly_the_student_pins():
    student = pins(STUDENT_LOCK)
    binder = pins(REPO / "environment.yml")
    assert len(student) > 50
    assert binder == student, differences(student, binder)


def test_every_student_pin_is_in_the_developer_lock_at_the_same_version():
    student, dev = pins(STUDENT_LOCK), pins(DEV_LOCK)
    mismatched = {k: (v, dev.get(k)) for k, v in student.items() if dev.get(k) != v}
    assert not mismatched, f"student pin missing from or different in requirements.txt: {mismatched}"


def test_the_student_lock_leaves_out_the_developer_tools():
    student, dev = pins(STUDENT_LOCK), pins(DEV_LOCK)
    assert DEVELOPER_TOOLS <= set(dev)
    assert not DEVELOPER_TOOLS & set(student), DEVELOPER_TOOLS & set(student)


def test_every_requirement_is_pinned_exactly():
    for lock in (STUDENT_LOCK, DEV_LOCK):
        for line in lock.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                assert "==" in line, f"{lock.name}: unpinned: {line}"


def test_top_level_requirements_are_in_their_locks():
    for top, lock in ((REPO / "requirements-student.in", STUDENT_LOCK),
                      (REPO / "requirements.in", DEV_LOCK)):
        wanted, locked = pins(top), pins(lock)
        assert wanted, top.name
        assert all(locked.get(name) == version for name, version in wanted.items()), \
            {k: (v, locked.get(k)) for k, v in wanted.items() if locked.get(k) != v}


def test_binder_installs_the_course_package_from_a_local_path():
    text = (REPO / "environment.yml").read_text()
    # A regular install, not `-e .`: pip skips data-files in editable installs, and the
    # course's Jupyter Server setting (jupyter-config/) is one.
    assert re.search(r"^\s+- \.\s*$", text, re.M), "environment.yml must pip-install `.`"
    assert "python=3.11" in text


def test_binder_build_scripts_need_no_developer_tool():
    # postBuild used to disable nbgrader's extensions; Binder no longer installs nbgrader,
    # so a script naming a developer tool would fail the build.
    dev_only = set(pins(DEV_LOCK)) - set(pins(STUDENT_LOCK))
    for name in ("postBuild", "start"):
        script = REPO / name
        if script.exists():
            words = {normalize(w) for w in re.findall(r"[A-Za-z][\w.\-]*", script.read_text())}
            assert not words & dev_only, f"{name} uses {words & dev_only}"


def imported_modules(source: str) -> set:
    """Top-level names of every module ``source`` imports (relative imports left out)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def student_code() -> dict:
    """``{place: source}`` of the code students run: the course package without
    ``course.instructor``, and the code cells of every student notebook (magics dropped)."""
    code = {str(p.relative_to(REPO)): p.read_text() for p in (REPO / "course").rglob("*.py")
            if "instructor" not in p.relative_to(REPO / "course").parts}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "code":
                lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
                code[f"{path.name} cell {i}"] = "\n".join(lines)
    return code


def test_student_code_imports_only_packages_of_the_student_lock():
    student = set(pins(STUDENT_LOCK))
    providers = importlib.metadata.packages_distributions()
    code = student_code()
    assert any(".ipynb" in place for place in code) and "course/plots.py" in code
    outside = {}
    for place, source in code.items():
        for module in imported_modules(source):
            if module == "course" or module in sys.stdlib_module_names:
                continue
            dists = {normalize(d) for d in providers.get(module, [])}
            if not dists & student:
                outside.setdefault(module, []).append(place)
    assert not outside, f"imports from outside the student lock: {outside}"


def test_the_import_scan_sees_a_developer_import():
    # The scan must be able to fail: nbgrader is in the developer lock only.
    providers = importlib.metadata.packages_distributions()
    assert imported_modules("from nbgrader.apps import NbGraderAPI\nimport numpy as np") == \
        {"nbgrader", "numpy"}
    assert not {normalize(d) for d in providers["nbgrader"]} & set(pins(STUDENT_LOCK))


def test_binder_post_build_removes_only_the_build_files(tmp_path):
    # On Binder the repository is the student's home folder: after pip's in-tree build,
    # postBuild removes build/ and nk_course.egg-info/ and nothing else (repo2docker runs
    # it from the repository, as the student, after `mamba env update`).
    import os
    import shutil
    import subprocess

    script = REPO / "postBuild"
    assert os.access(script, os.X_OK), "postBuild must be executable"
    shutil.copy(script, tmp_path / "postBuild")
    for leftover in ("build/lib/course", "nk_course.egg-info"):
        (tmp_path / leftover).mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00.ipynb").write_text("{}")
    subprocess.run(["bash", str(tmp_path / "postBuild")], cwd=tmp_path, check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "postBuild"]
    # Run again (a rebuild from cache): nothing to remove is not an error.
    subprocess.run(["bash", str(tmp_path / "postBuild")], cwd=tmp_path, check=True)

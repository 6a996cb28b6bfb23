"""Fixtures for the browser tests: one JupyterLab server and one Chromium per run.

The server serves a temporary copy of ``notebooks/`` (plus one small notebook
per course widget), with isolated Jupyter config, data, runtime, settings and
workspace directories, a random token and a free port. Screenshots go to
``test-output/browser/`` (gitignored).

Without ``/usr/bin/chromium`` the tests are skipped, except in CI (``CI=true``)
where they fail: CI installs chromium itself (``run.py test``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lab_harness as lab  # noqa: E402


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def chromium() -> str:
    if not lab.chromium_available():
        message = (f"{lab.CHROMIUM} not found: install Debian's chromium "
                   "(apt-get install -y chromium); never `playwright install`")
        if in_ci():
            pytest.fail(message + " (CI=true, so this is a failure, not a skip)")
        pytest.skip(message)
    return lab.CHROMIUM


@pytest.fixture(scope="session")
def lab_server(chromium, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("jupyterlab")
    server = lab.LabServer(workdir, lab.student_notebooks())
    lab.write_widget_notebooks(server.root)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium, shared_chromium):
    return shared_chromium

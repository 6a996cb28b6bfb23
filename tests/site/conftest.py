"""Fixtures for the website tests: one site build per run, served on localhost.

The site is built once per test run with ``website/build.py`` into
``build/site`` (the same folder as ``python3 run.py site``, so its execution
cache is shared: a run after an unchanged build executes no notebook). The
built folder is served by a local HTTP server on a free port; pages are opened
in Debian's Chromium (see ``tests/browser/lab_harness.py``), with every request
to another host refused, so the checks see the site as it is offline.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "website"))

import lab_harness as lab  # noqa: E402

# website/build.py by path: a top-level module named `build` would shadow PyPI's.
_spec = importlib.util.spec_from_file_location("course_site_build", REPO / "website" / "build.py")
site_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site_build)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = REPO / "test-output" / "site"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def need(condition: bool, message: str) -> None:
    """Skip without a tool, except in CI, where a missing tool is a failure."""
    if not condition:
        if in_ci():
            pytest.fail(message + " (CI=true, so this is a failure, not a skip)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def site_builder():
    """The module website/build.py."""
    return site_build


@pytest.fixture(scope="session")
def site_html() -> Path:
    """The built site's HTML folder (built here, once per run)."""
    return site_build.build()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test reports what matters
        pass


@pytest.fixture(scope="session")
def site_url(site_html):
    handler = functools.partial(_Quiet, directory=str(site_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    need(AXE.exists(), f"{AXE} not found: run `python3 run.py test` (it runs npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def site_browser(request):
    need(lab.chromium_available(), f"{lab.CHROMIUM} not found: apt-get install -y chromium")
    return request.getfixturevalue("shared_chromium")

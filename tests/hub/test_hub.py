"""The JupyterHub kit works: a real hub from deploy/config.yaml serves three students.

Three users log in through the hub's login form, get API tokens and start their own
servers; each server pulls the course through an nbgitpuller link to a local clone,
runs notebook 00 in a kernel of its own, and sees only its own files. Everything the
test started is stopped by PID, also when it fails (``Hub.stop`` in the fixture's
finalizer), and the teardown fails if any process is left.

Needs ``node_modules/.bin/configurable-http-proxy`` (``python3 run.py test`` installs it
with ``npm ci``) and git: skipped without them, failed under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hub_harness as harness  # noqa: E402
from course import links  # noqa: E402

pytestmark = pytest.mark.slow
USERS = ("ada", "ben", "chloe")
CLONE = "nk-course"  # the local "published" repository; nbgitpuller's folder has its name


def needs(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message + " (CI=true, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture
def hub(tmp_path):
    needs(harness.PROXY.exists(), f"{harness.PROXY} missing: run `python3 run.py test` "
          "(it installs package.json's tools with npm ci) or `npm ci`")
    needs(shutil.which("git") is not None, "git not found: nbgitpuller needs it")
    needs((harness.BIN / "jupyterhub").exists(), "jupyterhub is not installed in this environment")
    clone = tmp_path / CLONE
    subprocess.run(["git", "clone", "--quiet", str(harness.REPO), str(clone)], check=True,
                   timeout=300, capture_output=True)
    default_url = links.nbgitpuller_path(str(clone), links.notebooks()[0])
    server = harness.Hub(tmp_path, default_url)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        left = server.alive_processes()
        assert not left, f"processes left running after the hub stopped: {left}"


def test_three_students_pull_and_run_notebook_00_in_their_own_servers(hub, tmp_path):
    notebook = links.notebooks()[0]
    clone = str(tmp_path / CLONE)
    timings = {}

    started = time.monotonic()
    tokens, sessions = {}, {}
    for name in USERS:
        session = sessions[name] = hub.log_in(name)
        assert any(c.name.startswith("jupyterhub-") for c in session.cookies), session.cookies
        tokens[name] = hub.user_token(name)
        hub.start_server(name, tokens[name])
    for name in USERS:
        hub.wait_ready(name, tokens[name])
    timings["log in and start 3 servers"] = time.monotonic() - started
    servers = {name: harness.UserServer(hub, name, tokens[name]) for name in USERS}

    started = time.monotonic()
    for name, server in servers.items():
        # The server's front page sends the student to the kit's default URL, nbgitpuller's
        # page for the course's clone, which the hub link from `course.links` also reaches.
        front = server.get("/", allow_redirects=False)
        assert front.status_code in (301, 302), front.status_code
        assert front.headers["Location"].startswith(f"/user/{name}/git-pull?repo="), front.headers
        link = links.nbgitpuller_url(hub.url, clone, notebook)
        # A logged-in student's click: the hub sends it to their own server (through its
        # spawn page and the server's OAuth login), where nbgitpuller's page answers.
        page = sessions[name].get(link, timeout=120)
        assert page.status_code == 200 and "git-pull" in page.text, (page.status_code, page.url)
        assert page.url.startswith(f"{hub.url}/user/{name}/git-pull?repo="), page.url
        # What that page's script then calls: the sync API, with the folder it names.
        query = link.split("?", 1)[1] + f"&targetpath={CLONE}"
        events = server.pull(query)
        assert events[-1]["phase"] == "finished"
        pulled = tmp_path / "homes" / name / CLONE / notebook
        assert pulled.is_file(), f"nbgitpuller did not put {notebook} in {name}'s home"
        created = server.api("PUT", f"/contents/mine-{name}.txt",
                             json={"type": "file", "format": "text", "content": name})
        assert created.status_code in (200, 201), created.text
    timings["pull the course 3 times"] = time.monotonic() - started

    for name, server in servers.items():
        listing = server.api("GET", "/contents/").json()
        assert {item["name"] for item in listing["content"]} == {CLONE, f"mine-{name}.txt"}, listing
        for other in USERS:
            if other != name:  # another student's token does not open this server
                reply = server.get("/api/contents/", token=tokens[other], allow_redirects=False)
                assert reply.status_code in (302, 403), (other, name, reply.status_code)

    # The runner reports a failing cell (so a pass below means the cells really ran).
    broken = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    servers["ada"].api("PUT", "/contents/broken.ipynb", json={"type": "notebook", "content": {
        "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {**broken, "id": "a", "source": "x = 1"}, {**broken, "id": "b", "source": "x / 0"},
            {**broken, "id": "c", "source": "y = 2"}]}}).raise_for_status()
    errors = servers["ada"].run_notebook("broken.ipynb")
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0], errors

    for name, server in servers.items():
        started = time.monotonic()
        errors = server.run_notebook(f"{CLONE}/{notebook}")
        timings[f"run notebook 00 for {name}"] = time.monotonic() - started
        assert errors == [], f"{name}: {errors}"
    print("hub test timings (s):", {k: round(v, 1) for k, v in timings.items()})

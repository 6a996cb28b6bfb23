"""The README's first command serves the course on 127.0.0.1."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIRST = "notebooks/00-reading-north-korea-by-numbers.ipynb"

sys.path.insert(0, str(REPO / "tests" / "browser"))
from lab_harness import free_port  # noqa: E402


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


@pytest.mark.slow
def test_run_py_lab_serves_the_first_notebook(tmp_path):
    port, token = free_port(), "course-test-token"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    if (REPO / ".venv" / "bin" / "python").exists() and "COURSE_VENV" not in env:
        env["COURSE_VENV"] = str(REPO / ".venv")
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, str(REPO / "run.py"), "lab", "--no-browser", f"--port={port}",
         "--port-retries=0", f"--IdentityProvider.token={token}"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while True:
            assert server.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
            try:
                status, body = get(f"{base}/api/status?token={token}")
                break
            except OSError:
                assert time.monotonic() < deadline, "JupyterLab did not answer within 180 s"
                time.sleep(0.5)
        assert status == 200 and "started" in json.loads(body)
        status, body = get(f"{base}/api/contents/{FIRST}?token={token}&content=1")
        model = json.loads(body)
        assert status == 200 and model["type"] == "notebook"
        assert any("Reading North Korea by numbers" in "".join(c["source"]) for c in model["content"]["cells"])
        status, body = get(f"{base}/lab/tree/{FIRST}?token={token}")
        assert status == 200 and b"JupyterLab" in body
        # Bound to loopback only: nothing listens on the machine's other addresses.
        text = (tmp_path / "lab.log").read_text()
        assert "127.0.0.1" in text
        # Sliders drag at full speed: the course's server extension took over the
        # kernel WebSockets (course/kernel_websocket.py).
        assert "course.kernel_websocket | extension was successfully loaded" in text, text[-3000:]
        assert "course: kernel WebSockets send small messages at once" in text, text[-3000:]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    assert server.returncode is not None

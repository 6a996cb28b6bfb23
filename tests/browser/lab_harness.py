"""Drive JupyterLab the way a student does: a real server, headless Chromium.

Used by the browser tests (``tests/browser``) and the browser benchmark
(``benchmarks/run.py``). Nothing here writes to the repository: the server
runs on a temporary copy of the notebooks, with its own Jupyter config, data,
runtime, settings and workspace directories, on a free local port with a
random token. Kernels are shut down through the REST API, then the server is
stopped by its PID (and any kernel process it leaves behind, by PID too).

Chromium is Debian's (``/usr/bin/chromium``) driven by the ``playwright``
Python package; ``playwright install`` is never needed.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psutil

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
OUTPUT = REPO / "test-output" / "browser"

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage",
]

# JupyterLab plugins the course's settings (jupyter-config/) change.
NOTEBOOK_TRACKER = "@jupyterlab/notebook-extension:tracker"
FAVICON_BUSY = "@jupyterlab/application-extension:faviconbusy"

# Settings a test run needs: every cell attached to the DOM (windowing can
# detach off-screen cells), no news or update pop-ups, no autosave.
SETTING_OVERRIDES = {
    NOTEBOOK_TRACKER: {"windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def free_port() -> int:
    """A TCP port nobody listens on right now (the server refuses to retry)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def terminate(proc: subprocess.Popen, timeout: float) -> None:
    """SIGTERM a process this run started; kill it if it is still there after ``timeout`` s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def alive(processes) -> list[psutil.Process]:
    """The processes among ``processes`` still running (zombies count as gone)."""
    running = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                running.append(process)
        except psutil.Error:
            pass
    return running


def end_processes(processes, grace: float) -> None:
    """SIGTERM what is left of ``processes`` (psutil.Process objects this run saw start),
    then kill whatever is still there after ``grace`` seconds. psutil checks each
    process's start time, so a PID the system has since reused is left alone."""
    processes = alive(processes)
    for process in processes:
        try:
            process.terminate()
        except psutil.Error:
            pass
    _, still_there = psutil.wait_procs(processes, timeout=grace)
    for process in still_there:
        try:
            process.kill()
        except psutil.Error:
            pass


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------
class LabServer:
    """A JupyterLab server on a copy of some notebooks, fully isolated.

    Parameters
    ----------
    workdir : Path
        An empty temporary directory; everything the server writes goes there.
    notebooks : list of Path
        Notebooks copied into the server's root directory.
    extra_args : sequence of str
        More command-line settings for the server (the benchmarks start one
        with Jupyter Server's stock kernel WebSocket, to compare).
    extra_env : mapping of str to str
        More environment variables for the server.
    """

    def __init__(self, workdir: Path, notebooks: list[Path] = (),
                 extra_args: Sequence[str] = (), extra_env: Mapping[str, str] = {}) -> None:
        self.workdir = Path(workdir)
        self.root = self.workdir / "root"
        self.root.mkdir(parents=True, exist_ok=True)
        for path in notebooks:
            shutil.copy(path, self.root / path.name)
        self.extra_args = list(extra_args)
        self.extra_env = dict(extra_env)
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log_path = self.workdir / "jupyterlab.log"
        self._log = None
        # psutil.Process objects, not bare PIDs: they remember each process's start
        # time, so a PID reused by an unrelated process is never signalled.
        self.kernels: dict[int, psutil.Process] = {}

    def env(self) -> dict:
        dirs = {name: self.workdir / name for name in
                ("config", "data", "runtime", "settings", "workspaces", "ipython", "mpl")}
        for path in dirs.values():
            path.mkdir(exist_ok=True)
        labconfig = dirs["config"] / "labconfig"
        labconfig.mkdir(exist_ok=True)
        (labconfig / "default_setting_overrides.json").write_text(
            json.dumps(SETTING_OVERRIDES, indent=1))
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("JUPYTER", "IPYTHON", "MPL")) and k != "PYTHONSTARTUP"}
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
            JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
            IPYTHONDIR=str(dirs["ipython"]),
            MPLCONFIGDIR=str(dirs["mpl"]),
            PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        )
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 120) -> "LabServer":
        cmd = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", "--port-retries=0", "--allow-root",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.terminals_enabled=False",
            *self.extra_args,
        ]
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self.env(), stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"JupyterLab did not answer within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text else None

    def lab_settings(self) -> dict:
        """What this server's JupyterLab does with the course's settings (jupyter-config/).

        Returns ``{"favicon_busy_off": bool, "busy_circle_in_status_bar": bool}``, read
        from the page configuration the server embeds in /lab and from its settings API.
        """
        request = urllib.request.Request(f"{self.url}/lab?token={self.token}")
        with urllib.request.urlopen(request, timeout=30) as response:
            page = response.read().decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                      r'(.*?)</script>', page, re.S).group(1))
        tracker = self.api("GET", f"/lab/api/settings/{NOTEBOOK_TRACKER}")
        kernel_status = tracker["schema"]["properties"]["kernelStatus"]["default"]
        return {"favicon_busy_off": FAVICON_BUSY in config.get("disabledExtensions", []),
                "busy_circle_in_status_bar": kernel_status["showOnStatusBar"] is True}

    def lab_url(self, notebook: str, workspace: str) -> str:
        return (f"{self.url}/lab/workspaces/{quote(workspace)}/tree/{quote(notebook)}"
                f"?reset&token={self.token}")

    def _children(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.Error:
            return []

    def record_kernel_pids(self) -> set[int]:
        """PIDs of the kernels (children of the server) running now."""
        self.kernels.update({p.pid: p for p in self._children()})
        return set(self.kernels)

    def shutdown_kernels(self, timeout: float = 20) -> None:
        """Shut every session and kernel down through the REST API."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.record_kernel_pids()
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}")
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except (urllib.error.URLError, OSError):
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and alive(self.kernels.values()):
            time.sleep(0.2)

    def stop(self) -> None:
        """Kernels via REST, then the server by PID; leftovers killed by PID."""
        if self.proc is None:
            return
        self.shutdown_kernels()
        terminate(self.proc, timeout=20)
        end_processes(self.kernels.values(), grace=5)
        if self._log:
            self._log.close()
        self.proc = None


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=CHROMIUM_ARGS)


# --------------------------------------------------------------------------
# Kernel messages seen by the page (errors inside widget callbacks included)
# --------------------------------------------------------------------------
def _decode_frame(payload) -> dict | None:
    """One kernel websocket frame as a message dict (JSON or v1 binary protocol)."""
    try:
        if isinstance(payload, str):
            return json.loads(payload)
        data = bytes(payload)
        count = int.from_bytes(data[:8], "little")
        offsets = [int.from_bytes(data[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
        parts = [data[offsets[i]:offsets[i + 1] if i + 1 < count else len(data)]
                 for i in range(count)]
        channel = parts[0].decode()
        header, parent, metadata, content = (json.loads(p) for p in parts[1:5])
        return {"channel": channel, "header": header, "parent_header": parent,
                "metadata": metadata, "content": content}
    except Exception:
        return None


@dataclass
class KernelErrors:
    """Every error the kernel reported to the page, including widget callbacks."""

    errors: list[str] = field(default_factory=list)
    # Requests the page sent to the kernel (execute, comm) and those the kernel finished
    # (its "idle" status for them): a callback's error always arrives before that idle.
    sent: set[str] = field(default_factory=set)
    finished: set[str] = field(default_factory=set)

    def attach(self, page) -> None:
        def on_socket(ws):
            if "/api/kernels/" in ws.url:
                ws.on("framereceived", self._on_frame)
                ws.on("framesent", self._on_sent)
        page.on("websocket", on_socket)

    def pending(self) -> int:
        """How many requests the kernel has not finished handling yet."""
        return len(self.sent - self.finished)

    def _on_sent(self, payload) -> None:
        msg = _decode_frame(payload)
        if msg and msg.get("header", {}).get("msg_type") in ("execute_request", "comm_msg"):
            self.sent.add(msg["header"].get("msg_id"))

    def _on_frame(self, payload) -> None:
        msg = _decode_frame(payload)
        if not msg:
            return
        kind = msg.get("header", {}).get("msg_type") or msg.get("msg_type")
        content = msg.get("content", {})
        if kind == "status" and content.get("execution_state") == "idle":
            self.finished.add(msg.get("parent_header", {}).get("msg_id"))
        if kind == "error":
            self.errors.append(f"{content.get('ename')}: {content.get('evalue')}")
        elif kind == "stream" and content.get("name") == "stderr" \
                and "Traceback (most recent call last)" in content.get("text", ""):
            self.errors.append(content["text"][-2000:])


# --------------------------------------------------------------------------
# A notebook open in JupyterLab
# --------------------------------------------------------------------------
JS_PANEL = """
(name) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const w = app.shell.currentWidget;
  return !!(w && w.content && w.sessionContext && w.context && w.context.path === name
            && w.context.isReady && w.sessionContext.session && w.sessionContext.session.kernel
            && w.sessionContext.session.kernel.status === 'idle');
}
"""

JS_STATE = """
() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  let code = 0, executed = 0, pending = 0;
  const errors = [];
  w.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    code += 1;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    const text = prompt ? prompt.textContent : '';
    if (text.includes('*')) pending += 1;
    if (cell.model.executionCount !== null && cell.model.executionCount !== undefined) executed += 1;
    const outputs = cell.model.outputs.toJSON();
    for (const out of outputs) {
      if (out.output_type === 'error') errors.push(`cell ${index}: ${out.ename}: ${out.evalue}`);
    }
  });
  const status = document.querySelector('#jp-main-statusbar');
  return {kernel: kernel ? kernel.status : 'none', code, executed, pending, errors,
          statusbar: status ? status.innerText : ''};
}
"""

# Widget views, found through the notebook model (the DOM node of a widget
# output has no mime-type attribute); each is tagged data-course-widget="k".
JS_WIDGETS = """
(mime) => {
  const w = window.jupyterapp.shell.currentWidget;
  const views = [];
  w.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const outputs = cell.model.outputs.toJSON();
    outputs.forEach((out, i) => {
      if (!out.data || !(mime in out.data)) return;
      const child = cell.outputArea.widgets[i];
      const node = child ? child.node : null;
      const k = views.length;
      if (node) node.setAttribute('data-course-widget', String(k));
      const text = node ? node.innerText : '';
      views.push({
        cell: index,
        index: k,
        attached: !!node,
        loading: text.includes('Loading widget'),
        error: text.includes('Error displaying widget'),
        text: text.slice(0, 300),
        rendered: !!(node && node.querySelector('.jupyter-widgets')),
        // a child view that failed to build: "Click to show javascript error."
        broken_children: node ? node.querySelectorAll('.jupyter-widgets-error-widget').length : 0,
        sliders: node ? node.querySelectorAll('.widget-slider').length : 0,
        images: node ? node.querySelectorAll('img').length : 0,
      });
    });
  });
  return views;
}
"""

# Reads an <img> (blob URL) back as PNG bytes, base64; wait for it to be decoded.
JS_IMAGE = """
async (img) => {
  if (!img.complete) await new Promise(r => img.addEventListener('load', r, {once: true}));
  const response = await fetch(img.src);
  const buffer = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let i = 0; i < buffer.length; i += 0x8000)
    binary += String.fromCharCode.apply(null, buffer.subarray(i, i + 0x8000));
  return btoa(binary);
}
"""


def plotted_pixels(png: bytes, min_chroma: int = 60) -> int:
    """Pixels of plot colour: neither white nor grey nor black (axes, grid, text).

    The course palette (Okabe–Ito) is saturated; an empty axis has none of it.
    """
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    chroma = rgb.max(axis=2) - rgb.min(axis=2)
    return int((chroma >= min_chroma).sum())


def changed_pixels(before: bytes, after: bytes) -> int:
    import numpy as np
    from PIL import Image

    a = np.asarray(Image.open(io.BytesIO(before)).convert("RGB"), dtype=np.int16)
    b = np.asarray(Image.open(io.BytesIO(after)).convert("RGB"), dtype=np.int16)
    if a.shape != b.shape:
        return a.size
    return int((np.abs(a - b).sum(axis=2) > 0).sum())


class NotebookPage:
    """One notebook opened in a fresh browser context, as a student sees it."""

    def __init__(self, browser, server: LabServer, name: str, workspace: str,
                 viewport=(1400, 1000)) -> None:
        self.server = server
        self.name = name
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.kernel_errors = KernelErrors()
        self.kernel_errors.attach(self.page)
        self.console: list[str] = []
        self.page.on("pageerror", lambda exc: self.console.append(f"uncaught: {exc}"))
        self.page.on("console", self._on_console)
        # Workspace names end up in the URL path: keep them plain.
        self.workspace = re.sub(r"[^A-Za-z0-9_-]+", "-", workspace).strip("-") or "test"

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console.append(message.text[:2000])

    def widget_console_errors(self) -> list[str]:
        """Console errors from the widget manager (views that could not be created...)."""
        keys = ("widget", "could not create a view", "failed to create view", "model id",
                "uncaught")
        return [m for m in self.console if any(k in m.lower() for k in keys)]

    def error_widget_messages(self, view) -> list[str]:
        """Click every "Click to show javascript error." placeholder in a view; their texts."""
        messages = []
        placeholders = view.locator(".jupyter-widgets-error-widget")
        for i in range(placeholders.count()):
            placeholder = placeholders.nth(i)
            try:
                placeholder.click(timeout=5000)
                self.page.wait_for_timeout(200)
                messages.append(placeholder.inner_text()[:1500])
            except Exception as exc:  # the message is a bonus; the failure stands anyway
                messages.append(f"(could not read the error: {exc})")
        return messages

    def open(self, timeout: float = 120) -> None:
        self.page.goto(self.server.lab_url(self.name, self.workspace), wait_until="load",
                       timeout=timeout * 1000)
        try:
            self.page.wait_for_function(JS_PANEL, arg=self.name, timeout=timeout * 1000,
                                        polling=250)
        except Exception as exc:
            raise RuntimeError(
                f"{self.name}: the notebook did not open with an idle kernel within {timeout} s "
                f"({exc.__class__.__name__}). Browser console: {self.console[-5:]}\n"
                f"Server log:\n{self.server.log_tail()}") from exc
        self.server.record_kernel_pids()

    def state(self) -> dict:
        return self.page.evaluate(JS_STATE)

    def run_all(self, timeout: float = 600) -> dict:
        """Run > Run All Cells, then wait until the kernel is idle and nothing is queued."""
        self.page.evaluate("() => { window.jupyterapp.commands.execute('runmenu:run-all'); }")
        deadline = time.monotonic() + timeout
        started = time.monotonic()
        calm = 0
        state = self.state()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            state = self.state()
            settled = state["kernel"] == "idle" and state["pending"] == 0
            # Until some cell has run, "idle" may be the state before Run All started.
            if settled and (state["executed"] > 0 or state["code"] == 0
                            or time.monotonic() - started > 10):
                calm += 1
                if calm >= 4:  # idle for a full second
                    break
            else:
                calm = 0
        else:
            raise TimeoutError(f"{self.name}: still running after {timeout} s: {state}")
        self.server.record_kernel_pids()
        return state

    def wait_kernel_done(self, timeout: float = 120) -> None:
        """Wait until the kernel has handled every request this page sent (slider moves
        included), so that any error a widget callback raised has reached the page."""
        deadline = time.monotonic() + timeout
        while self.kernel_errors.pending() and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)  # lets playwright deliver websocket events
        if self.kernel_errors.pending():
            raise TimeoutError(f"{self.name}: the kernel has not finished "
                               f"{self.kernel_errors.pending()} request(s) after {timeout} s")

    def wait_widgets(self, timeout: float = 60) -> list[dict]:
        """Widget views once none is loading any more (or the timeout passed)."""
        deadline = time.monotonic() + timeout
        views = self.widget_views()
        while time.monotonic() < deadline and any(v["loading"] or not v["rendered"] for v in views):
            time.sleep(0.25)
            views = self.widget_views()
        return views

    def widget_views(self) -> list[dict]:
        return self.page.evaluate(JS_WIDGETS, WIDGET_MIME)

    def view(self, k: int):
        """Locator of the k-th widget view (after :meth:`widget_views` tagged them)."""
        return self.page.locator(f'[data-course-widget="{k}"]')

    def image_bytes(self, img) -> bytes:
        return base64.b64decode(img.evaluate(JS_IMAGE))

    def active_cell_index(self) -> int:
        return self.page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")

    def screenshot_notebook(self, path: Path, max_height: int = 16000) -> None:
        """The whole notebook in one picture: the viewport grows to the content."""
        path.parent.mkdir(parents=True, exist_ok=True)
        size = self.page.viewport_size
        height = self.page.evaluate("""() => {
            const outer = document.querySelector(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
            if (!outer) return window.innerHeight;
            outer.scrollTop = 0;
            return Math.ceil(window.innerHeight - outer.clientHeight + outer.scrollHeight + 20);
        }""")
        self.page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), max_height)})
        try:
            self.page.wait_for_timeout(300)
            self.page.screenshot(path=str(path))
        finally:
            self.page.set_viewport_size(size)

    def close(self) -> None:
        self.context.close()


# --------------------------------------------------------------------------
# What to test: the student notebooks and every course widget on its own
# --------------------------------------------------------------------------
def student_notebooks() -> list[Path]:
    """Every student notebook (``notebooks/*.ipynb``), in course order."""
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def explorer_classes() -> list[type]:
    """Every ``Explorer`` subclass of the course (see ``course.widgets.explorers``)."""
    from course.widgets import explorers

    return explorers()


def needs_arguments(cls) -> bool:
    import inspect

    return any(p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               for p in list(inspect.signature(cls).parameters.values()))


def widget_notebook_name(cls) -> str:
    return f"_widget-{cls.__name__}.ipynb"


def write_widget_notebooks(root: Path) -> list[str]:
    """One tiny notebook per course widget (default arguments), in ``root``."""
    import nbformat

    names = []
    for cls in explorer_classes():
        if needs_arguments(cls):
            continue
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)",
                                     "language": "python", "name": "python3"}
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# {cls.__name__} (generated by the browser tests)"),
            nbformat.v4.new_code_cell(f"from {cls.__module__} import {cls.__name__}\n"
                                      f"explorer = {cls.__name__}()\nexplorer"),
        ]
        name = widget_notebook_name(cls)
        nbformat.write(nb, root / name)
        names.append(name)
    return names


# --------------------------------------------------------------------------
# Moving a slider with the keyboard, as a student would
# --------------------------------------------------------------------------
# aria-valuenow is rounded to one decimal by the slider (0.23 reads 0.2), so a
# change is read from aria-valuetext and the readout; bounds from aria-value*.
JS_SLIDER = """
(handle) => {
  const slider = handle.closest('.widget-slider');
  const readout = slider ? slider.querySelector('.widget-readout') : null;
  return {
    now: parseFloat(handle.getAttribute('aria-valuenow')),
    min: parseFloat(handle.getAttribute('aria-valuemin')),
    max: parseFloat(handle.getAttribute('aria-valuemax')),
    text: (handle.getAttribute('aria-valuetext') || '') + ' | ' + (readout ? readout.textContent : ''),
  };
}
"""

# Arms a watcher before the key press: keydown on the handle stamps the time;
# the first new figure in the view (an <img> whose src changed, as with the
# Image widget, or a new <img>, as with an Output widget), once decoded and the
# next frame painted, stamps the end.
JS_ARM = """
([view, handle, timeout]) => {
  window.__courseKeyAt = null;
  handle.addEventListener('keydown', () => { window.__courseKeyAt = performance.now(); },
                          {once: true, capture: true});
  const newImage = (mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.target.tagName === 'IMG') return m.target;
      for (const node of m.addedNodes || []) {
        if (node.tagName === 'IMG') return node;
        if (node.querySelector) { const img = node.querySelector('img'); if (img) return img; }
      }
    }
    return null;
  };
  window.__courseWait = new Promise((resolve) => {
    const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, timeout);
    const observer = new MutationObserver(async (mutations) => {
      const img = newImage(mutations);
      if (!img) return;
      observer.disconnect();
      clearTimeout(timer);
      try { await img.decode(); } catch (e) { /* revoked by a newer frame */ }
      await new Promise(r => requestAnimationFrame(r));
      const end = performance.now();
      resolve(window.__courseKeyAt === null ? null : end - window.__courseKeyAt);
    });
    observer.observe(view, {attributes: true, attributeFilter: ['src'], subtree: true,
                            childList: true});
  });
}
"""

@dataclass
class SliderMove:
    key: str
    value_before: str             # aria-valuetext | readout
    value_after: str
    images_before: list[bytes]
    images_after: list[bytes]
    ms: float | None              # key press to the new figure painted (None: no change)
    active_cell_before: int
    active_cell_after: int
    focused_after: str


def view_images(nbpage: NotebookPage, view) -> list[bytes]:
    return [nbpage.image_bytes(img) for img in view.locator("img").element_handles()]


def move_slider(nbpage: NotebookPage, view, handle, timeout_ms: float = 15000,
                key: str | None = None) -> SliderMove:
    """Focus a slider handle, press an arrow key, wait for the figure to change."""
    page = nbpage.page
    state = handle.evaluate(JS_SLIDER)
    if key is None:
        key = "ArrowLeft" if state["now"] >= state["max"] else "ArrowRight"
    view_handle = view.element_handle()
    handle_el = handle.element_handle()
    handle.focus()
    images_before = view_images(nbpage, view)
    active_before = nbpage.active_cell_index()
    # Stamp the time in the page on keydown, so the Playwright round trip is not counted.
    page.evaluate(JS_ARM, [view_handle, handle_el, timeout_ms])
    page.keyboard.press(key)
    ms = page.evaluate("() => window.__courseWait")
    after = handle.evaluate(JS_SLIDER)
    if ms is not None:
        wait_quiet(page, view_handle)
    images_after = view_images(nbpage, view) if ms is not None else images_before
    focused = page.evaluate("() => document.activeElement ? document.activeElement.className : ''")
    return SliderMove(key, state["text"], after["text"], images_before, images_after, ms,
                      active_before, nbpage.active_cell_index(), str(focused))


def wait_quiet(page, view_handle, quiet_ms: int = 300, timeout_ms: int = 10000) -> None:
    """Wait until no <img> in the view has changed for ``quiet_ms``."""
    page.evaluate("""async ([view, quiet, timeout]) => {
      const start = performance.now();
      let last = performance.now();
      const observer = new MutationObserver(() => { last = performance.now(); });
      observer.observe(view, {attributes: true, attributeFilter: ['src'], subtree: true,
                              childList: true});
      while (performance.now() - last < quiet && performance.now() - start < timeout)
        await new Promise(r => setTimeout(r, 50));
      observer.disconnect();
    }""", [view_handle, quiet_ms, timeout_ms])

"""A real JupyterHub on 127.0.0.1, configured from deploy/config.yaml for one machine.

What comes from ``deploy/config.yaml`` (the Zero to JupyterHub values) and how it is
adapted:

- ``hub.config``: applied as is, trait by trait, as the Helm chart does (so the hub
  uses the file's ``authenticator_class``, ``dummy``), plus a password and ``allow_all``;
- ``singleuser.defaultUrl``: the same nbgitpuller path, made by ``course.links`` for a
  local clone instead of the published repository;
- ``singleuser.memory``: ``Spawner.mem_limit`` and ``mem_guarantee`` (passed to each
  server; nothing on one machine enforces them);
- ``singleuser.image``: replaced by this virtual environment, built from the same pins;
- ``cull``: not run here (the chart runs jupyterhub-idle-culler as a separate service).

Users run under ``SimpleLocalProcessSpawner`` (one folder each under a temporary
directory, all as the same Unix account) behind ``node_modules/.bin/configurable-http-proxy``.
"""

from __future__ import annotations

import json
import os
import secrets
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import requests
import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = REPO / "deploy" / "config.yaml"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
BIN = Path(sys.executable).parent
PASSWORD = "course-test-password"

sys.path.insert(0, str(REPO / "tests" / "browser"))
from lab_harness import alive, end_processes, free_port, terminate  # noqa: E402  (one copy for every harness)


def wait_for(condition, timeout: float, what: str, interval: float = 0.2, on_fail=lambda: ""):
    """Poll ``condition()`` until it returns a truthy value, or fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not done after {timeout:.0f} s\n{on_fail()}")
        time.sleep(interval)


def hub_config(values: dict, *, workdir: Path, default_url: str, ports: dict,
               service_token: str) -> str:
    """Text of a jupyterhub_config.py for this machine, from the chart's ``values``."""
    lines = ["c = get_config()  # noqa: F821", "# From deploy/config.yaml: hub.config"]
    for cls, traits in (values.get("hub", {}).get("config") or {}).items():
        for trait, value in traits.items():
            lines.append(f"c.{cls}.{trait} = {value!r}")
    single = values["singleuser"]
    lines += [
        "# From deploy/config.yaml: singleuser (image -> this virtual environment)",
        f"c.Spawner.default_url = {default_url!r}",
        f"c.Spawner.mem_limit = {str(single['memory']['limit'])!r}",
        f"c.Spawner.mem_guarantee = {str(single['memory']['guarantee'])!r}",
        "# One machine: local processes, loopback only, free ports, a test login",
        "c.JupyterHub.spawner_class = 'simple'",
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(workdir / 'homes' / '{username}')!r}",
        f"c.Spawner.cmd = [{str(BIN / 'jupyterhub-singleuser')!r}]",
        # Root (CI) must say so to Jupyter Server; the spawner passes no other flag.
        f"c.Spawner.args = {['--allow-root'] if os.geteuid() == 0 else []!r}",
        "c.Spawner.start_timeout = 180",
        "c.Spawner.http_timeout = 180",
        "c.JupyterHub.ip = '127.0.0.1'",
        f"c.JupyterHub.port = {ports['public']}",
        "c.JupyterHub.hub_ip = '127.0.0.1'",
        f"c.JupyterHub.hub_port = {ports['hub']}",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{ports['proxy_api']}'",
        f"c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]",
        f"c.DummyAuthenticator.password = {PASSWORD!r}",
        "c.Authenticator.allow_all = True",
        f"c.JupyterHub.db_url = {'sqlite:///' + str(workdir / 'jupyterhub.sqlite')!r}",
        f"c.JupyterHub.cookie_secret_file = {str(workdir / 'cookie_secret')!r}",
        f"c.JupyterHub.pid_file = {str(workdir / 'jupyterhub.pid')!r}",
        f"c.JupyterHub.services = [{{'name': 'course-test', 'api_token': {service_token!r}}}]",
        "c.JupyterHub.load_roles = [{'name': 'course-test', 'services': ['course-test'],",
        "    'scopes': ['admin:users', 'admin:servers', 'tokens', 'list:users']}]",
    ]
    return "\n".join(lines) + "\n"


class Hub:
    """One JupyterHub process (and the proxy and user servers it starts), stopped by PID."""

    def __init__(self, workdir: Path, default_url: str) -> None:
        self.workdir = workdir
        self.ports = {"public": free_port(), "hub": free_port(), "proxy_api": free_port()}
        self.url = f"http://127.0.0.1:{self.ports['public']}"
        self.token = secrets.token_hex(32)
        values = yaml.safe_load(DEPLOY_CONFIG.read_text(encoding="utf-8"))
        self.config = workdir / "jupyterhub_config.py"
        self.config.write_text(hub_config(values, workdir=workdir, default_url=default_url,
                                          ports=self.ports, service_token=self.token))
        self.proc: subprocess.Popen | None = None
        self.log_path = workdir / "jupyterhub.log"
        self._log = None
        self.seen: dict[int, psutil.Process] = {}

    # -- processes -------------------------------------------------------------------
    def start(self, timeout: float = 120) -> "Hub":
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(self.config)],
                                     cwd=self.workdir, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

        def up():
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {self.proc.returncode}\n{self.log_tail()}")
            try:
                return requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200
            except requests.ConnectionError:
                return False

        wait_for(up, timeout, "JupyterHub answering on its public port", on_fail=self.log_tail)
        self.remember_processes()
        return self

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def remember_processes(self) -> None:
        """Record the hub's descendants (proxy, user servers, kernels) by PID and start time."""
        if self.proc is None:
            return
        try:
            for child in psutil.Process(self.proc.pid).children(recursive=True):
                self.seen.setdefault(child.pid, child)
        except psutil.Error:
            pass

    def stop(self) -> None:
        """SIGTERM the hub (it stops its servers and proxy), then kill leftovers by PID."""
        if self.proc is None:
            return
        self.remember_processes()
        terminate(self.proc, timeout=60)
        end_processes(self.seen.values(), grace=15)
        if self._log:
            self._log.close()
        self.proc = None

    def alive_processes(self) -> list[psutil.Process]:
        return alive(self.seen.values())

    # -- the hub's REST API ---------------------------------------------------------------
    def api(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers,
                                timeout=60, **kwargs)

    def log_in(self, name: str) -> requests.Session:
        """Log ``name`` in through the hub's login form (DummyAuthenticator)."""
        session = requests.Session()
        page = session.get(f"{self.url}/hub/login", timeout=60)
        page.raise_for_status()
        xsrf = session.cookies.get("_xsrf", "")
        reply = session.post(f"{self.url}/hub/login", timeout=60, allow_redirects=False,
                             data={"username": name, "password": PASSWORD, "_xsrf": xsrf})
        if reply.status_code != 302:
            raise AssertionError(f"login of {name} answered {reply.status_code}: {reply.text[:500]}")
        return session

    def user_token(self, name: str) -> str:
        reply = self.api("POST", f"/users/{name}/tokens", json={"note": "course hub test"})
        reply.raise_for_status()
        return reply.json()["token"]

    def start_server(self, name: str, token: str) -> None:
        reply = self.api("POST", f"/users/{name}/server", token)
        if reply.status_code not in (201, 202):
            raise AssertionError(f"starting {name}'s server: {reply.status_code} {reply.text[:500]}")

    def wait_ready(self, name: str, token: str, timeout: float = 180) -> None:
        def ready():
            servers = self.api("GET", f"/users/{name}", token).json().get("servers", {})
            return servers.get("", {}).get("ready")
        wait_for(ready, timeout, f"{name}'s server ready", interval=0.5, on_fail=self.log_tail)
        self.remember_processes()


def decode_frame(frame: str | bytes) -> dict:
    """One message from a kernel websocket (Jupyter Server's default, legacy framing).

    Text frames are JSON. Messages with binary buffers (a widget's PNG) come as one
    binary frame: a big-endian uint32 count n, n uint32 offsets, then the JSON message
    from offset 0 to offset 1 and the buffers after it.
    """
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4:4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


class UserServer:
    """One user's Jupyter server, reached through the hub's proxy with the user's token."""

    def __init__(self, hub: Hub, name: str, token: str) -> None:
        self.hub, self.name, self.token = hub, name, token
        self.base = f"{hub.url}/user/{name}"

    def get(self, path: str, token: str | None = None, **kwargs) -> requests.Response:
        return requests.get(f"{self.base}{path}", headers={"Authorization": f"token {token or self.token}"},
                            timeout=120, **kwargs)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, f"{self.base}/api{path}", timeout=120,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def pull(self, query: str, timeout: float = 180) -> list[dict]:
        """Run nbgitpuller's sync API (what its status page calls); return its events.

        ``query`` is the query string of an nbgitpuller link. Raises if the pull ends
        in an error event or never finishes.
        """
        events = []
        with requests.get(f"{self.base}/git-pull/api?{query}", stream=True, timeout=timeout,
                          headers={"Authorization": f"token {self.token}"}) as reply:
            reply.raise_for_status()
            for line in reply.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data: "):
                    continue
                event = json.loads(line.removeprefix("data: "))
                events.append(event)
                if event.get("phase") == "error":
                    raise AssertionError(f"nbgitpuller failed for {self.name}: {event}")
                if event.get("phase") == "finished":
                    return events
        raise AssertionError(f"nbgitpuller stream for {self.name} ended without finishing: {events}")

    def run_notebook(self, path: str, timeout_per_cell: float = 300) -> list[str]:
        """Execute every code cell of the notebook at ``path`` (relative to the user's home)
        in a new kernel of this server; return the errors (empty when all cells ran).

        The kernel is started as JupyterLab starts one (a session for the notebook, so it
        runs in the notebook's folder) and driven over its websocket with the Jupyter
        messaging protocol, the same channel JupyterLab uses.
        """
        import websocket  # websocket-client

        notebook = self.api("GET", f"/contents/{path}", params={"content": 1}).json()
        cells = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                 for c in notebook["content"]["cells"] if c["cell_type"] == "code"]
        session = self.api("POST", "/sessions", json={
            "path": path, "type": "notebook", "name": Path(path).name, "kernel": {"name": "python3"}})
        session.raise_for_status()
        kernel_id = session.json()["kernel"]["id"]
        ws_url = self.base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels"
        errors: list[str] = []
        conn = websocket.create_connection(ws_url, timeout=timeout_per_cell,
                                           header=[f"Authorization: token {self.token}"])
        try:
            session_id = uuid.uuid4().hex
            for index, code in enumerate(cells):
                if not code.strip():
                    continue
                msg_id = uuid.uuid4().hex
                conn.send(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                               "session": session_id, "date": "", "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": code, "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
                }))
                replied = idle = False
                deadline = time.monotonic() + timeout_per_cell
                while not (replied and idle):
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"{self.name}: code cell {index} still running")
                    message = decode_frame(conn.recv())
                    if message.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = message["msg_type"]
                    if kind == "error":
                        errors.append(f"code cell {index}: {message['content']['ename']}: "
                                      f"{message['content']['evalue']}")
                    elif kind == "execute_reply":
                        replied = True
                        if message["content"]["status"] != "ok" and not errors:
                            errors.append(f"code cell {index}: status {message['content']['status']}")
                    elif kind == "status" and message["content"]["execution_state"] == "idle":
                        idle = True
                if errors:
                    break
        finally:
            conn.close()
            self.hub.remember_processes()
            self.api("DELETE", f"/sessions/{session.json()['id']}")
        return errors

"""The course's Jupyter settings (jupyter-config/) reach every environment students use.

pyproject's data-files carry them into a regular install (Binder, JupyterHub images,
The Littlest JupyterHub); run.py setup copies them into the developers' editable .venv.
The student environment's copy is checked in tests/test_student_environment.py.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SETTINGS = REPO / "jupyter-config"

sys.path.insert(0, str(REPO / "tests" / "browser"))
from lab_harness import FAVICON_BUSY, NOTEBOOK_TRACKER  # noqa: E402


def installed_files() -> dict[str, list[str]]:
    """pyproject's data-files table: install folder -> files."""
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]


def extension_listing(python: str, env: dict | None = None) -> str:
    """``jupyter server extension list`` of one environment, without colour codes."""
    listed = subprocess.run([python, "-m", "jupyter", "server", "extension", "list"],
                            capture_output=True, text=True, timeout=120, env=env)
    return re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout + listed.stderr)


def assert_enabled_and_valid(listing: str) -> None:
    assert re.search(r"^\s*course\.kernel_websocket enabled\s*$", listing, re.M), listing[-3000:]
    assert re.search(r"^\s*course\.kernel_websocket\s+OK\s*$", listing, re.M), listing[-3000:]


def disabled_lab_plugins(python: str, env: dict | None = None) -> list[str]:
    """The JupyterLab plugins an environment's page settings turn off."""
    code = ("import json, os, sys\n"
            "from jupyterlab_server.config import get_page_config\n"
            "settings = os.path.join(sys.prefix, 'share', 'jupyter', 'lab', 'settings')\n"
            "print(json.dumps(get_page_config([], app_settings_dir=settings)"
            ".get('disabledExtensions', [])))")
    return printed_json(python, code, env)


def setting_defaults(python: str, env: dict | None = None) -> dict:
    """The default overrides an environment gives JupyterLab's settings (plugin -> values).

    JupyterLab merges every ``labconfig/default_setting_overrides`` it finds on the
    Jupyter config path with this same call (in a virtual or conda environment, the
    environment's over the user's).
    """
    code = ("import json\n"
            "from jupyter_server.services.config.manager import ConfigManager\n"
            "print(json.dumps(ConfigManager(config_dir_name='labconfig')"
            ".get('default_setting_overrides')))")
    return printed_json(python, code, env)


def printed_json(python: str, code: str, env: dict | None):
    """Run ``code`` in another environment's Python; the JSON its last line printed."""
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120,
                          env=env, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def busy_circle_in_status_bar(defaults: dict) -> bool:
    return defaults.get(NOTEBOOK_TRACKER, {}).get("kernelStatus", {}).get("showOnStatusBar") is True


def test_every_setting_file_is_installed_where_jupyter_reads_it():
    files = sorted(p.relative_to(REPO).as_posix() for p in SETTINGS.rglob("*.json"))
    installed = installed_files()
    assert sorted(f for group in installed.values() for f in group) == files
    for folder, group in installed.items():
        for name in group:
            # The folder under etc/jupyter mirrors the one under jupyter-config.
            assert f"etc/jupyter/{Path(name).parent.relative_to('jupyter-config').as_posix()}" \
                == folder


def test_the_settings_say_what_they_should():
    server = json.loads((SETTINGS / "jupyter_server_config.d" / "course.kernel_websocket.json").read_text())
    assert server == {"ServerApp": {"jpserver_extensions": {"course.kernel_websocket": True}}}
    page = json.loads((SETTINGS / "labconfig" / "page_config.d" / "nk-course.json").read_text())
    assert page == {"disabledExtensions": {FAVICON_BUSY: True}}
    defaults = json.loads((SETTINGS / "labconfig" / "default_setting_overrides.d"
                           / "nk-course.json").read_text())
    assert defaults == {NOTEBOOK_TRACKER: {"kernelStatus": {"showOnStatusBar": True}}}


def test_the_kernel_status_setting_exists_in_this_jupyterlab():
    # A default for a setting JupyterLab no longer has would silently do nothing.
    schema = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab" \
        / "notebook-extension" / "tracker.json"
    tracker = json.loads(schema.read_text())
    assert "showOnStatusBar" in tracker["definitions"]["kernelStatusConfig"]["properties"]
    assert tracker["properties"]["kernelStatus"]["default"]["showOnStatusBar"] is False


def test_the_favicon_plugin_exists_in_this_jupyterlab():
    # Disabling a plugin that was renamed would silently do nothing.
    static = Path(sys.prefix) / "share" / "jupyter" / "lab" / "static"
    assert any(f'id:"{FAVICON_BUSY}"' in p.read_text(errors="ignore")
               for p in static.glob("jlab_core*.js"))


@pytest.mark.slow
def test_the_developer_environment_loads_the_extension():
    assert_enabled_and_valid(extension_listing(sys.executable))


@pytest.mark.slow
def test_the_developer_environment_turns_the_busy_favicon_off():
    assert FAVICON_BUSY in disabled_lab_plugins(sys.executable)


@pytest.mark.slow
def test_the_developer_environment_puts_the_busy_circle_in_the_status_bar():
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    assert busy_circle_in_status_bar(setting_defaults(sys.executable, env))

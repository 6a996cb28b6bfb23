"""The course's Jupyter Server extension: kernel WebSockets without Nagle's delay.

The speed it buys is measured in benchmarks/run.py (part 3, the round trip
through the server with and without it); these tests check that it is
installed, enabled and does what it says, without timing anything.
"""

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from traitlets.config import Config

from course import kernel_websocket
from course.kernel_websocket import NoDelayKernelWebsocketConnection

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "jupyter-config" / "jupyter_server_config.d" / "nk-course.json"


def fake_server(connection_class=ZMQChannelsWebsocketConnection, config=None):
    return SimpleNamespace(web_app=SimpleNamespace(settings={
        "kernel_websocket_connection_class": connection_class}),
        config=config or Config(), log=mock.Mock())


def test_the_extension_swaps_in_the_no_delay_connection():
    server = fake_server()
    kernel_websocket._load_jupyter_server_extension(server)
    assert server.web_app.settings["kernel_websocket_connection_class"] \
        is NoDelayKernelWebsocketConnection


def test_a_connection_class_set_on_purpose_is_kept():
    # The benchmark's stock server names the stock class explicitly.
    config = Config()
    config.ServerApp.kernel_websocket_connection_class = ZMQChannelsWebsocketConnection
    server = fake_server(config=config)
    kernel_websocket._load_jupyter_server_extension(server)
    assert server.web_app.settings["kernel_websocket_connection_class"] \
        is ZMQChannelsWebsocketConnection
    server.log.warning.assert_called_once()


def test_a_kernel_gateway_connection_is_kept():
    from jupyter_server.gateway.connections import GatewayWebSocketConnection

    server = fake_server(GatewayWebSocketConnection)
    kernel_websocket._load_jupyter_server_extension(server)
    assert server.web_app.settings["kernel_websocket_connection_class"] \
        is GatewayWebSocketConnection


def test_connecting_turns_nagle_off_before_the_stock_connection_runs():
    handler = mock.create_autospec(KernelWebsocketHandler, instance=True)
    order = []
    handler.set_nodelay.side_effect = lambda value: order.append(("nodelay", value))
    connection = NoDelayKernelWebsocketConnection(websocket_handler=handler)
    with mock.patch.object(ZMQChannelsWebsocketConnection, "connect",
                           lambda self: order.append("stock connect") or "future"):
        assert connection.connect() == "future"
    assert order == [("nodelay", True), "stock connect"]


def test_the_packaged_setting_enables_the_extension():
    settings = json.loads(CONFIG.read_text())
    assert settings == {"ServerApp": {"jpserver_extensions": {"course.kernel_websocket": True}}}
    pyproject = (REPO / "pyproject.toml").read_text()
    assert '"etc/jupyter/jupyter_server_config.d" = ' \
           '["jupyter-config/jupyter_server_config.d/nk-course.json"]' in pyproject


def extension_listing(python: str, env: dict | None = None) -> str:
    """``jupyter server extension list`` of one environment, without colour codes."""
    listed = subprocess.run([python, "-m", "jupyter", "server", "extension", "list"],
                            capture_output=True, text=True, timeout=120, env=env)
    return re.sub(r"\x1b\[[0-9;]*m", "", listed.stdout + listed.stderr)


def assert_enabled_and_valid(listing: str) -> None:
    assert re.search(r"^\s*course\.kernel_websocket enabled\s*$", listing, re.M), listing[-3000:]
    assert re.search(r"^\s*course\.kernel_websocket\s+OK\s*$", listing, re.M), listing[-3000:]


@pytest.mark.slow
def test_the_developer_environment_loads_the_extension():
    assert_enabled_and_valid(extension_listing(sys.executable))

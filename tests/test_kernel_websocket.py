"""The course's Jupyter Server extension: kernel WebSockets without Nagle's delay.

The speed it buys is measured in benchmarks/run.py (part 3, the round trip
through the server with and without it); these tests check that it is
installed, enabled and does what it says, without timing anything.
"""

from types import SimpleNamespace
from unittest import mock

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
from traitlets.config import Config

from course import kernel_websocket
from course.kernel_websocket import NoDelayKernelWebsocketConnection

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

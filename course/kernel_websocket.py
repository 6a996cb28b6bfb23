"""The browser's connection to a notebook's kernel, without Nagle's delay.

Every slider move in an explorer is a message from the browser to the kernel.
ipywidgets sends the next value only once the kernel has reported that it has
finished with the last one (its "idle" status), so a drag can paint at most
as many figures a second as there are such round trips.

Jupyter Server relays the kernel's messages to the browser over a WebSocket
and leaves Nagle's algorithm on for it (jupyter_server 2.21.1, the newest
release on 1 December 2026). The kernel answers each message with two small
writes, "busy" and then "idle": Nagle holds the second until the browser
acknowledges the first, and the browser's TCP stack delays that
acknowledgement (RFC 1122's "delayed ACK"; about 40 ms on Linux). Measured here, a
message's round trip through the server took 44 ms with Nagle on and 3 ms
with it off (2.3-2.8 ms straight to the kernel). With this and the course's
other Jupyter settings (``jupyter-config/README.md``), a dragged slider paints
25-39 figures a second instead of 16-17 (medians per explorer;
``benchmarks/RESULTS.md``, part 3, which compares the servers in one run).

This module is a Jupyter Server extension. When the server loads it, it
makes the server's kernel WebSockets a :class:`NoDelayKernelWebsocketConnection`:
Jupyter Server's own connection, with ``TCP_NODELAY`` set on the socket when
it opens. The course enables the extension with the package
(``jupyter-config/jupyter_server_config.d/course.kernel_websocket.json``,
which ``pip install`` copies to ``<environment>/etc/jupyter/``, and
``run.py setup`` for the editable install), so JupyterLab on Binder, on a
JupyterHub and on a student's computer all use it. (Jupyter Server reads
only extension switches from that folder, hence an extension rather than a
setting.) ``jupyter server extension disable --sys-prefix
course.kernel_websocket`` turns it off.

References
----------
Nagle, J. (1984). "Congestion Control in IP/TCP Internetworks." RFC 896.
Braden, R., ed. (1989). "Requirements for Internet Hosts -- Communication
Layers." RFC 1122, section 4.2.3.2 (delayed acknowledgements).
Tornado: ``WebSocketHandler.set_nodelay``.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import (
    ZMQChannelsWebsocketConnection,
)

SETTING = "kernel_websocket_connection_class"


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """Jupyter Server's kernel WebSocket connection, sending small messages at once.

    Identical to :class:`ZMQChannelsWebsocketConnection` except that the
    WebSocket's TCP socket has ``TCP_NODELAY`` set before any kernel message
    is relayed: a status or widget update leaves as soon as it is written
    instead of waiting for the browser to acknowledge the previous one.
    """

    def connect(self):
        # The handshake is done when connect() runs (the handler's open()),
        # so the socket exists and the option applies to every message after.
        self.websocket_handler.set_nodelay(True)
        return super().connect()


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "course.kernel_websocket"}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Use :class:`NoDelayKernelWebsocketConnection` for kernel WebSockets.

    Only when the server would otherwise use its stock connection by default:
    a server set up for a kernel gateway, or configured with a connection
    class (the stock one included, as the benchmarks do to compare), keeps
    it. The web application reads the class from its settings on every new
    WebSocket, so changing it here, after the application is built, applies
    to every notebook opened.
    """
    settings = serverapp.web_app.settings
    configured = SETTING in serverapp.config.get("ServerApp", {})
    if not configured and settings.get(SETTING) is ZMQChannelsWebsocketConnection:
        settings[SETTING] = NoDelayKernelWebsocketConnection
        serverapp.log.info("course: kernel WebSockets send small messages at once "
                           "(TCP_NODELAY; see course/kernel_websocket.py)")
    else:
        serverapp.log.warning("course: kept the configured kernel WebSocket connection "
                              "%s; slider drags may paint fewer figures a second",
                              settings.get(SETTING))

"""Test helpers for programs that use this client.

:class:`CuttingProxy` is a TCP proxy on loopback that cuts its connections when told, to test
what a program does when its streams break. Put it between the client and tokgate;
:meth:`CuttingProxy.cut` resets every connection it carries, so the client's calls fail as on
a broken network (UNAVAILABLE, no ErrorDetail) while tokgate keeps running, and the client's
streams resume (:mod:`tokgate_client.resume`). New connections are proxied as before::

    with CuttingProxy("127.0.0.1:50051") as proxy, Client(proxy.address) as client:
        for event in client.live.stream_events("someone"):
            proxy.cut()  # the stream goes on from the next event
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from types import TracebackType

# SO_LINGER on, 0 seconds: close() sends RST instead of FIN, as a dead peer or middlebox would.
_RESET_ON_CLOSE = struct.pack("ii", 1, 0)
_ACCEPT_POLL = 0.1


class CuttingProxy:
    """Forwards each connection on :attr:`address` to ``upstream`` (``host:port``)."""

    def __init__(self, upstream: str) -> None:
        host, port = upstream.rsplit(":", 1)
        self._upstream = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_ACCEPT_POLL)
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._acceptor = threading.Thread(target=self._accept, name="cutting-proxy", daemon=True)
        self.connections = 0
        self.cuts = 0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self._listener.getsockname()[1]}"

    def cut(self) -> int:
        """Reset every open connection, both sides; returns how many connections it cut."""
        with self._lock:
            sockets, self._open = self._open, set()
            self.cuts += 1
        for sock in sockets:
            _reset(sock)
        return len(sockets) // 2

    def __enter__(self) -> CuttingProxy:
        self._acceptor.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._acceptor.join()
        self._listener.close()
        self.cut()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            try:
                server = socket.create_connection(self._upstream)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._open |= {client, server}
                self.connections += 1
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, target), daemon=True).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    """Copy bytes one way until either side closes or is cut."""
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    for sock in (source, target):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()

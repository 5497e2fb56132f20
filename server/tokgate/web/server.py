"""The web port (``web_listen``): Connect and gRPC-Web over HTTP, served by Hypercorn.

Hypercorn runs in the gateway's own event loop (``shutdown_trigger``: it installs no signal
handlers of its own), on a socket bound here first, so an address that cannot be bound stops
the server at start-up like the gRPC port's. Its log lines go through tokgate's root handler
(JSON, redacted); the access log is off, as on the gRPC port.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Iterable, Sequence
from typing import Any

import grpc
from google.protobuf.descriptor import ServiceDescriptor

from tokgate.web.adapter import ConnectApp, HandlerTable, WebAdapter
from tokgate.web.cors import Cors
from tokgate.web.disconnect import CancelOnDisconnect
from tokgate.web.static import StaticFiles


class WebPort:
    """Serves ``table``'s services through ``interceptors`` on ``listen`` until stopped."""

    def __init__(
        self,
        listen: str,
        *,
        table: HandlerTable,
        interceptors: Sequence[grpc.aio.ServerInterceptor],
        services: Iterable[ServiceDescriptor],
        cors_origins: Iterable[str],
        web_root: str,
        grace_seconds: float,
    ) -> None:
        self.listen = listen
        self._grace_seconds = grace_seconds
        connect = ConnectApp(WebAdapter(table, interceptors, services))
        self._app: Any = Cors(CancelOnDisconnect(connect), cors_origins)
        if web_root:
            self._app = StaticFiles(self._app, web_root)
        self._socket = _bind(listen)
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        from hypercorn.asyncio import serve
        from hypercorn.config import Config

        config = Config()
        config.bind = [f"fd://{self._socket.detach()}"]
        config.accesslog = None
        config.errorlog = logging.getLogger("tokgate.web.hypercorn")
        # The gateway ends the calls still running when its grace period is over.
        config.graceful_timeout = self._grace_seconds
        app: Any = self._app
        self._task = asyncio.create_task(serve(app, config, shutdown_trigger=self._stopping.wait))

    async def stop(self) -> None:
        """Stop accepting, and wait for the calls still running (the gateway ends them)."""
        self._stopping.set()
        if self._task is not None:
            await self._task


def _bind(listen: str) -> socket.socket:
    """A listening TCP socket on ``host:port`` (ValueError when it cannot be bound)."""
    from tokgate.metrics import split_host_port

    host, port = split_host_port(listen)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=128)
    except OSError as exc:
        raise ValueError(f"cannot listen on {listen}: {exc.strerror}") from None

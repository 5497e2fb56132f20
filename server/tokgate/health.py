"""``grpc.health.v1.Health`` whose Watch streams end when the server shuts down.

The stock asyncio servicer (``grpc_health.v1.health.aio``) keeps a Watch stream open after
``enter_graceful_shutdown``, so a single watching probe or proxy would hold every shutdown
for the whole grace period. Here a watcher is told NOT_SERVING and its stream then ends
with UNAVAILABLE "server is shutting down", like every other stream of tokgate.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

# grpc_health ships no type hints; a serving status is its enum's int value.
ServingStatus = int
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
SERVICE_UNKNOWN = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN
SHUTTING_DOWN = "server is shutting down"


class HealthService(health_pb2_grpc.HealthServicer):  # type: ignore[misc]
    """Serving status per service name ("" is the server as a whole)."""

    def __init__(self) -> None:
        self._status: dict[str, ServingStatus] = {}
        self._changed = asyncio.Condition()
        self._shutting_down = False

    async def set(self, service: str, status: ServingStatus) -> None:
        """Set one service's status (ignored once shutting down)."""
        async with self._changed:
            if not self._shutting_down:
                self._status[service] = status
                self._changed.notify_all()

    async def enter_graceful_shutdown(self) -> None:
        """Every service NOT_SERVING for good; watchers are told so, then their streams end."""
        async with self._changed:
            self._shutting_down = True
            for service in self._status:
                self._status[service] = NOT_SERVING
            self._changed.notify_all()

    async def Check(
        self, request: health_pb2.HealthCheckRequest, context: grpc.aio.ServicerContext[Any, Any]
    ) -> health_pb2.HealthCheckResponse:
        status = self._status.get(request.service)
        if status is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service {request.service!r}")
        return health_pb2.HealthCheckResponse(status=status)

    async def Watch(
        self, request: health_pb2.HealthCheckRequest, context: grpc.aio.ServicerContext[Any, Any]
    ) -> AsyncIterator[health_pb2.HealthCheckResponse]:
        sent: ServingStatus | None = None
        while True:
            async with self._changed:
                await self._changed.wait_for(functools.partial(self._news, request.service, sent))
                status, ending = self._watched(request.service), self._shutting_down
            if status != sent:
                yield health_pb2.HealthCheckResponse(status=status)
                sent = status
            if ending:
                await context.abort(grpc.StatusCode.UNAVAILABLE, SHUTTING_DOWN)

    def _news(self, service: str, sent: ServingStatus | None) -> bool:
        """Whether a watcher that last sent ``sent`` has something to do."""
        return self._shutting_down or self._watched(service) != sent

    def _watched(self, service: str) -> ServingStatus:
        return int(self._status.get(service, SERVICE_UNKNOWN))

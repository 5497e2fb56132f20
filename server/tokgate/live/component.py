"""LiveComponent: what the server wires in for LiveService and AdminService.ListRooms."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc

from tokgate.config import Settings
from tokgate.errors.exceptions import UnimplementedError
from tokgate.v1 import admin_pb2, live_pb2, live_pb2_grpc
from tokgate.validation import normalize_unique_id

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from typing import TypeAlias

    from tokgate.errors.pipeline import ErrorPipeline

    ServicerContext: TypeAlias = grpc.aio.ServicerContext[object, object]


class LiveServicer(live_pb2_grpc.LiveServiceServicer):
    """LiveService over the room hub (being built)."""

    async def StreamEvents(
        self, request: live_pb2.StreamEventsRequest, context: ServicerContext
    ) -> AsyncIterator[live_pb2.StreamEventsResponse]:
        normalize_unique_id(request.unique_id)
        raise UnimplementedError("tokgate.v1.LiveService/StreamEvents")
        yield live_pb2.StreamEventsResponse()  # pragma: no cover - makes this a generator

    async def GetLiveStatus(
        self, request: live_pb2.GetLiveStatusRequest, context: ServicerContext
    ) -> live_pb2.GetLiveStatusResponse:
        normalize_unique_id(request.unique_id)
        raise UnimplementedError("tokgate.v1.LiveService/GetLiveStatus")


class LiveComponent:
    """LiveService and its rooms, with a start/stop lifecycle for the server."""

    def __init__(self, settings: Settings, pipeline: ErrorPipeline) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.servicer: live_pb2_grpc.LiveServiceServicer = LiveServicer()

    async def start(self) -> None:
        """Nothing to start until the room hub exists."""

    async def stop(self) -> None:
        """Nothing to stop until the room hub exists."""

    def list_rooms(self) -> list[admin_pb2.Room]:
        """The rooms held now (none yet)."""
        return []

"""LiveComponent: what the server wires in for LiveService and AdminService.ListRooms.

Register it with ``add_to_server``: StreamEvents then writes the bytes each room serialized
once for all its subscribers (no per-subscriber serializer). ``servicer`` also works with the
generated ``add_LiveServiceServicer_to_server``, at the cost of a serialization per subscriber
and event.
"""

from __future__ import annotations

from typing import Any

import grpc

from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure, ServerShuttingDownError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.cluster import Cluster
from tokgate.live.hub import RoomHub
from tokgate.live.servicer import LiveServicer
from tokgate.live.upstream import failure_context
from tokgate.query_cache import QueryCache
from tokgate.reload import ReloadTarget
from tokgate.v1 import admin_pb2, live_pb2

SERVICE_NAME = "tokgate.v1.LiveService"


class LiveComponent:
    """LiveService, its rooms, and their lifecycle."""

    def __init__(
        self, settings: Settings, pipeline: ErrorPipeline, cluster: Cluster | None = None
    ) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self._hub = RoomHub(settings, pipeline, cluster)
        self._cache = QueryCache(settings)
        self.servicer = LiveServicer(self._hub, pipeline, self._cache)

    def add_to_server(self, server: grpc.aio.Server) -> None:
        """Register LiveService; StreamEvents without a response serializer (see module)."""
        handlers: dict[str, grpc.RpcMethodHandler[Any, Any]] = {
            "StreamEvents": grpc.unary_stream_rpc_method_handler(
                self.servicer.StreamEvents,
                request_deserializer=live_pb2.StreamEventsRequest.FromString,
                response_serializer=None,
            ),
            "GetLiveStatus": grpc.unary_unary_rpc_method_handler(
                self.servicer.GetLiveStatus,
                request_deserializer=live_pb2.GetLiveStatusRequest.FromString,
                response_serializer=live_pb2.GetLiveStatusResponse.SerializeToString,
            ),
            "GetRoomInfo": grpc.unary_unary_rpc_method_handler(
                self.servicer.GetRoomInfo,
                request_deserializer=live_pb2.GetRoomInfoRequest.FromString,
                response_serializer=live_pb2.GetRoomInfoResponse.SerializeToString,
            ),
            "ListGifts": grpc.unary_unary_rpc_method_handler(
                self.servicer.ListGifts,
                request_deserializer=live_pb2.ListGiftsRequest.FromString,
                response_serializer=live_pb2.ListGiftsResponse.SerializeToString,
            ),
        }
        server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),)
        )
        server.add_registered_method_handlers(SERVICE_NAME, handlers)
        self.servicer.pre_serialized = True

    def reload_targets(self) -> list[ReloadTarget]:
        """The upstream CA file (watched) and the live settings, for tokgate.reload."""
        return [
            ReloadTarget(
                "upstream_ca",
                self._hub.trust.prepare_reload,
                watched=lambda settings: [settings.upstream_ca_file],
            ),
            ReloadTarget("live", self._hub.prepare_reload),
            ReloadTarget("live_query_cache", self._cache.prepare_reload),
        ]

    async def start(self) -> None:
        """Rooms open on demand, and for the watched streamers (``watch``) from the start."""
        self._hub.start()

    async def stop(self) -> None:
        """Shutdown: end every stream with UNAVAILABLE (one ErrorDetail for all of them,
        reported once, and only when there are streams to end) and close every upstream."""
        failure = None
        if self._hub.has_subscribers:
            context = failure_context("shutdown", unique_id=None)
            detail = await self.pipeline.report(ServerShuttingDownError(), context)
            failure = ClassifiedFailure(detail)
        await self._hub.stop(failure)

    async def list_rooms(self) -> list[admin_pb2.Room]:
        """The rooms held now (in cluster mode, the cluster's), for AdminService.ListRooms."""
        return await self._hub.list_rooms()

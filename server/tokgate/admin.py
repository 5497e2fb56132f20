"""AdminService: the gateway's own state, read from the components that hold it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.v1 import admin_pb2, admin_pb2_grpc

if TYPE_CHECKING:
    from tokgate.errors.pipeline import ErrorPipeline
    from tokgate.live.component import LiveComponent
    from tokgate.quotas import Quotas
    from tokgate.rpc import ServicerContext
    from tokgate.users.component import UsersComponent


class AdminServicer(admin_pb2_grpc.AdminServiceServicer):
    """Sessions from the users component, rooms from the live component, errors and
    plugins from the error pipeline, callers from the quotas."""

    def __init__(
        self, live: LiveComponent, users: UsersComponent, pipeline: ErrorPipeline, quotas: Quotas
    ) -> None:
        self._live = live
        self._users = users
        self._pipeline = pipeline
        self._quotas = quotas

    async def GetSessionStats(
        self, request: admin_pb2.GetSessionStatsRequest, context: ServicerContext
    ) -> admin_pb2.GetSessionStatsResponse:
        return self._users.session_stats()

    async def GetErrorStats(
        self, request: admin_pb2.GetErrorStatsRequest, context: ServicerContext
    ) -> admin_pb2.GetErrorStatsResponse:
        if request.top_users < 0:
            raise InvalidArgumentError("top_users", "must not be negative")
        return self._pipeline.error_stats(request.top_users)  # 0: the default, capped

    async def ListRooms(
        self, request: admin_pb2.ListRoomsRequest, context: ServicerContext
    ) -> admin_pb2.ListRoomsResponse:
        return admin_pb2.ListRoomsResponse(rooms=await self._live.list_rooms())

    async def ListPlugins(
        self, request: admin_pb2.ListPluginsRequest, context: ServicerContext
    ) -> admin_pb2.ListPluginsResponse:
        return admin_pb2.ListPluginsResponse(plugins=self._pipeline.plugins())

    async def ListCallers(
        self, request: admin_pb2.ListCallersRequest, context: ServicerContext
    ) -> admin_pb2.ListCallersResponse:
        return await self._quotas.list_callers()

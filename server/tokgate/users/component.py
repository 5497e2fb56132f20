"""UsersComponent: what the server wires in for user queries (UserService + session stats)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tokgate.config import Settings
from tokgate.users.service import UserServicer
from tokgate.v1 import admin_pb2, users_pb2_grpc

if TYPE_CHECKING:
    from tokgate.errors.pipeline import ErrorPipeline


class UsersComponent:
    """The UserService servicer and the browser-session supervisor behind it."""

    def __init__(self, settings: Settings, pipeline: ErrorPipeline) -> None:
        self._settings = settings
        self._pipeline = pipeline
        self.servicer: users_pb2_grpc.UserServiceServicer = UserServicer()

    async def start(self) -> None:
        """Start the session supervisor (browsers start in the background)."""

    async def stop(self) -> None:
        """Close every browser session."""

    def session_stats(self) -> admin_pb2.GetSessionStatsResponse:
        """Per-session health and pool totals, for AdminService.GetSessionStats."""
        return admin_pb2.GetSessionStatsResponse(configured_sessions=self._settings.sessions)

"""UsersComponent: what the server wires in for user queries (UserService + session stats)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tokgate.config import Settings
from tokgate.query_cache import QueryCache
from tokgate.reload import ReloadTarget
from tokgate.users.calls import CallRunner
from tokgate.users.service import UserServicer
from tokgate.users.supervisor import ApiFactory, SessionSupervisor
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.v1 import admin_pb2

if TYPE_CHECKING:
    from tokgate.errors.pipeline import ErrorPipeline


class UsersComponent:
    """The UserService servicer and the browser-session supervisor behind it."""

    def __init__(
        self,
        settings: Settings,
        pipeline: ErrorPipeline,
        api_factory: ApiFactory = SupervisedTikTokApi,
    ) -> None:
        self.supervisor = SessionSupervisor(settings, api_factory)
        self._runner = CallRunner(settings, self.supervisor, pipeline)
        self._cache = QueryCache(settings)
        self.servicer = UserServicer(self._runner, self._cache)

    def reload_targets(self) -> list[ReloadTarget]:
        """The user-query settings a reload may change (call_deadline, the query cache's)."""
        return [
            ReloadTarget("users", self._runner.prepare_reload),
            ReloadTarget("users_query_cache", self._cache.prepare_reload),
        ]

    async def start(self) -> None:
        """Start the session supervisor; browsers open in the background."""
        await self.supervisor.start()

    async def stop(self) -> None:
        """Close every browser session, the browser and Playwright."""
        await self.supervisor.stop()

    def session_stats(self) -> admin_pb2.GetSessionStatsResponse:
        """Per-session health and pool totals, for AdminService.GetSessionStats."""
        return self.supervisor.stats()

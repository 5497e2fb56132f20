"""UsersComponent: what the server wires in for user queries (UserService + session stats)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tokgate.config import Settings
from tokgate.query_cache import QueryCache
from tokgate.reload import Commit, ReloadTarget
from tokgate.users.calls import CallRunner
from tokgate.users.service import UserServicer
from tokgate.users.supervisor import ApiFactory, SessionSupervisor
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.users.token_file import read_ms_tokens
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
        self._pipeline = pipeline
        # The file's tokens are secrets the settings do not hold: redacted by value too.
        pipeline.add_secrets(token.get_secret_value() for token in self.supervisor.tokens)
        self._runner = CallRunner(settings, self.supervisor, pipeline)
        self._cache = QueryCache(settings)
        self.servicer = UserServicer(self._runner, self._cache)

    def reload_targets(self) -> list[ReloadTarget]:
        """The user-query settings a reload may change (call_deadline, the query cache's) and
        the ms tokens (the watched ``ms_tokens_file``) and their rotation."""
        return [
            ReloadTarget("users", self._runner.prepare_reload),
            ReloadTarget("users_query_cache", self._cache.prepare_reload),
            ReloadTarget(
                "ms_tokens",
                self._prepare_tokens,
                watched=lambda settings: [settings.ms_tokens_file],
            ),
            ReloadTarget("ms_token_rotation", self._prepare_rotation),
        ]

    def _prepare_rotation(self, settings: Settings) -> Commit | None:
        """A changed ``ms_token_rotation`` restarts the rotation on the new period (0: off)."""
        seconds = settings.ms_token_rotation
        if seconds == self.supervisor.rotation:
            return None
        return lambda: self.supervisor.set_rotation(seconds)

    def _prepare_tokens(self, settings: Settings) -> Commit | None:
        """The file read anew; the commit makes the new tokens known to the redaction before
        any session can use them, then hands them to the supervisor."""
        tokens = read_ms_tokens(settings)
        if tokens == self.supervisor.tokens:
            return None

        def commit() -> None:
            self._pipeline.add_secrets(token.get_secret_value() for token in tokens)
            self.supervisor.replace_tokens(tokens)

        return commit

    async def start(self) -> None:
        """Start the session supervisor; browsers open in the background."""
        await self.supervisor.start()

    async def stop(self) -> None:
        """Close every browser session, the browser and Playwright."""
        await self.supervisor.stop()

    def session_stats(self) -> admin_pb2.GetSessionStatsResponse:
        """Per-session health and pool totals, for AdminService.GetSessionStats."""
        return self.supervisor.stats()

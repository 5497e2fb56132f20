"""The unary queries' cache: identical calls share one upstream request and, for a few
seconds, its answer (GetLiveStatus, GetUser, GetVideo, GetHashtag). docs/caching.md.

Identical means the same RPC and the same normalized arguments: the servicer builds the key
from what validation made of the request (a username without "@", in lower case). Answers
are kept in a :class:`~tokgate.cache.LoadingCache` (buffer ``query_cache``) for their RPC's
TTL setting (``TTL_SETTINGS``); a NOT_FOUND failure is kept too, for ``not_found_cache_ttl``
at most (negative caching); any other failure reaches every caller waiting on the request
and is forgotten. A call that sends ``cache-control: no-cache`` makes a request of its own,
whose answer the calls after it get. Each service (LiveService, UserService) has one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import grpc
from google.protobuf.message import Message

from tokgate.bounds import Bounds, declare
from tokgate.cache import LoadingCache
from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure
from tokgate.errors.kinds import kind_info
from tokgate.v1 import errors_pb2

BUFFER = declare("query_cache")
# Each cached RPC and the setting that holds its TTL (seconds).
TTL_SETTINGS = {
    "GetLiveStatus": "live_status_cache_ttl",
    "GetUser": "user_cache_ttl",
    "GetVideo": "video_cache_ttl",
    "GetHashtag": "hashtag_cache_ttl",
}
CACHE_CONTROL = "cache-control"
NO_CACHE = "no-cache"

M = TypeVar("M", bound=Message)
Key = tuple[str, ...]


def bypasses_cache(context: grpc.aio.ServicerContext[Any, Any] | None) -> bool:
    """Whether the call's metadata asks for a fresh answer (``cache-control: no-cache``)."""
    metadata = context.invocation_metadata() if context is not None else None
    for key, value in metadata or ():
        if key.lower() == CACHE_CONTROL and isinstance(value, str):
            directives = (part.strip().lower() for part in value.split(","))
            if NO_CACHE in directives:
                return True
    return False


class QueryCache:
    """Answers of the cached RPCs by (RPC, normalized arguments), shared and kept briefly."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._answers: LoadingCache[Key, Message] = LoadingCache(
            BUFFER, _bounds(settings), size_of=lambda answer: answer.ByteSize(), label=_rpc
        )

    async def answer(
        self,
        rpc: str,
        args: tuple[str, ...],
        load: Callable[[], Awaitable[M]],
        context: grpc.aio.ServicerContext[Any, Any] | None,
    ) -> M:
        """``load()``'s answer for this RPC and these arguments, shared with identical calls
        in flight and kept for the RPC's TTL; a failure is raised as ``load`` raised it."""

        async def loaded() -> Message:
            try:
                return await load()
            except ClassifiedFailure as failure:
                if kind_info(failure.detail.kind).code != grpc.StatusCode.NOT_FOUND:
                    raise
                return failure.detail  # kept as an answer: the negative TTL applies

        answer = await self._answers.get(
            (rpc, *args), loaded, ttl=self._ttl_of(rpc), fresh=bypasses_cache(context)
        )
        if isinstance(answer, errors_pb2.ErrorDetail):
            raise ClassifiedFailure(answer)
        return cast(M, answer)

    def _ttl_of(self, rpc: str) -> Callable[[Message], float]:
        settings = self._settings
        ttl = float(getattr(settings, TTL_SETTINGS[rpc]))
        not_found = min(ttl, settings.not_found_cache_ttl)
        return lambda answer: not_found if isinstance(answer, errors_pb2.ErrorDetail) else ttl

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """New TTLs and bounds, for the answers loaded after the commit (held ones keep the
        TTL they were given, but no more than the new bounds allow)."""
        names = ("query_cache_max_bytes", "query_cache_max_entries", "not_found_cache_ttl")
        if all(getattr(settings, n) == getattr(self._settings, n) for n in (*names, *_ttl_names())):
            return None

        def commit() -> None:
            self._settings = settings
            self._answers.bounds = _bounds(settings)

        return commit


def _ttl_names() -> tuple[str, ...]:
    return tuple(TTL_SETTINGS.values())


def _bounds(settings: Settings) -> Bounds:
    """The cache's bounds; its ``max_age`` is the longest TTL (each answer keeps its own)."""
    return Bounds(
        max_bytes=settings.query_cache_max_bytes,
        max_age=max(float(getattr(settings, name)) for name in _ttl_names()),
        max_entries=settings.query_cache_max_entries,
    )


def _rpc(key: Key) -> str:
    return key[0]

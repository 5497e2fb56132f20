"""Per-caller quotas: concurrent streams, the rooms those streams hold open, and a unary rate.

A caller is ``tokgate.callers.caller_of``: an API key (by its digest's prefix), else a host.
The quota interceptor (``tokgate.interceptors.QuotaInterceptor``) takes a unary call's token
and holds a stream's slot from its start to its end, however it ends; StreamEvents holds its
room through ``hold_room``, which finds the stream's slot in the running call's context. A
refusal is a ``QuotaExceededError``: RESOURCE_EXHAUSTED, with the quota's name, its limit and
when to retry.

Memory stays bounded: a caller with no stream open is forgotten ``FORGET_AFTER`` seconds after
its last call, and beyond ``MAX_CALLERS`` the least recently seen idle callers go first. In
cluster mode the counts and the bucket live on Redis (``tokgate.quotas_cluster``), so they hold
across replicas; this module keeps the replica's own view for ListCallers.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections import Counter, OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tokgate.config import Settings
from tokgate.errors.exceptions import QuotaExceededError
from tokgate.metrics import QUOTA_REFUSALS
from tokgate.v1 import admin_pb2

if TYPE_CHECKING:
    from tokgate.live.cluster import Cluster
    from tokgate.quotas_cluster import SharedQuotas

# Seconds a caller with no stream open is remembered after its last call: longer than the
# minute ListCallers counts calls over, and than any bucket takes to refill.
FORGET_AFTER = 600.0
# Callers remembered at most (peers are not bounded by the keys); those with a stream open
# are never forgotten, and they are bounded by the streams themselves.
MAX_CALLERS = 10_000
MINUTE = 60
# When to try a stream or a room again: nothing says when another of the caller's streams
# will end, so a pace a reconnecting client can keep without hammering.
HELD_RETRY_AFTER = 5.0

STREAMS = "caller_max_streams"
ROOMS = "caller_max_rooms"
UNARY_RATE = "caller_unary_rate"
# Every quota's refusals are a series from the start (at 0), so a rate over them is defined.
for _quota in (STREAMS, ROOMS, UNARY_RATE):
    QUOTA_REFUSALS.labels(quota=_quota)


@dataclass(frozen=True)
class QuotaLimits:
    """The quotas in force; 0 is unlimited."""

    max_streams: int
    max_rooms: int
    unary_rate: float
    unary_burst: int

    @classmethod
    def from_settings(cls, settings: Settings) -> QuotaLimits:
        rate = settings.caller_unary_rate
        return cls(
            max_streams=settings.caller_max_streams,
            max_rooms=settings.caller_max_rooms,
            unary_rate=rate,
            unary_burst=settings.caller_unary_burst or max(1, math.ceil(rate)),
        )

    def to_proto(self) -> admin_pb2.CallerLimits:
        return admin_pb2.CallerLimits(
            max_streams=self.max_streams,
            max_rooms=self.max_rooms,
            unary_rate=self.unary_rate,
            unary_burst=self.unary_burst if self.unary_rate else 0,
        )


class _Usage:
    """One caller on this replica: its streams, rooms, bucket, recent calls and refusals."""

    __slots__ = ("calls", "refilled", "refusals", "rooms", "seen", "streams", "tokens")

    def __init__(self, now: float, burst: int) -> None:
        self.streams = 0
        self.rooms: Counter[str] = Counter()  # room -> this caller's streams on it
        self.tokens = float(burst)
        self.refilled = now
        self.calls: deque[list[int]] = deque()  # [second, calls], the last minute's
        self.refusals: Counter[str] = Counter()
        self.seen = now

    def count_call(self, now: float) -> None:
        second = int(now)
        if self.calls and self.calls[-1][0] == second:
            self.calls[-1][1] += 1
        else:
            self.calls.append([second, 1])
        self._drop_old_calls(now)

    def calls_last_minute(self, now: float) -> int:
        self._drop_old_calls(now)
        return sum(count for _, count in self.calls)

    def _drop_old_calls(self, now: float) -> None:
        while self.calls and self.calls[0][0] <= int(now) - MINUTE:
            self.calls.popleft()

    def take_token(self, limits: QuotaLimits, now: float) -> float:
        """0 when a token was taken; else the seconds until the next one."""
        self.tokens = min(
            float(limits.unary_burst), self.tokens + (now - self.refilled) * limits.unary_rate
        )
        self.refilled = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / limits.unary_rate


@dataclass
class StreamSlot:
    """One open stream's hold on its caller's quotas, given back when the stream ends."""

    caller: str
    room: str | None = None


# The slot of the stream running in this task (each call runs in a task of its own).
_CURRENT_STREAM: ContextVar[tuple[Quotas, StreamSlot] | None] = ContextVar(
    "tokgate_quota_stream", default=None
)


async def hold_room(room: str) -> None:
    """For StreamEvents: the running stream holds ``room`` (QuotaExceededError when its
    caller already holds ``caller_max_rooms`` others). No slot, no quota: a servicer served
    without the quota interceptor."""
    current = _CURRENT_STREAM.get()
    if current is not None:
        quotas, slot = current
        await quotas.hold_room(slot, room)


class Quotas:
    """Every caller's usage on this replica, and the checks against the limits in force."""

    def __init__(
        self,
        settings: Settings,
        shared: SharedQuotas | None = None,
        clock: Callable[[], float] = time.monotonic,
        max_callers: int = MAX_CALLERS,
    ) -> None:
        self.limits = QuotaLimits.from_settings(settings)
        self._shared = shared
        self._clock = clock
        self._max_callers = max_callers
        self._callers: OrderedDict[str, _Usage] = OrderedDict()

    @classmethod
    def from_settings(cls, settings: Settings, cluster: Cluster | None = None) -> Quotas:
        """This process's quotas; in cluster mode (``cluster``: the replica's connection to
        Redis, the rooms'), held across replicas."""
        if cluster is None:
            return cls(settings)
        from tokgate.quotas_cluster import SharedQuotas

        return cls(settings, SharedQuotas(cluster))

    def start(self) -> None:
        if self._shared is not None:
            self._shared.start(self.held)

    async def stop(self) -> None:
        if self._shared is not None:
            await self._shared.stop()

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """The commit putting new limits in force (tokgate.reload); held streams stay."""
        limits = QuotaLimits.from_settings(settings)
        if limits == self.limits:
            return None

        def commit() -> None:
            self.limits = limits

        return commit

    async def take_unary(self, caller: str, *, limited: bool = True) -> None:
        """Count one unary call; unless it is exempt (``limited=False``), take a token from
        the caller's bucket or raise QuotaExceededError with the wait for the next one."""
        now = self._clock()
        usage = self._usage(caller, now)
        usage.count_call(now)
        limits = self.limits
        if not limited or not limits.unary_rate:
            return
        wait = None
        if self._shared is not None:
            wait = await self._shared.take_token(caller, limits.unary_rate, limits.unary_burst)
        if wait is None:  # one process, or Redis does not answer
            wait = usage.take_token(limits, now)
        if wait:
            self._refuse(
                usage,
                UNARY_RATE,
                limits.unary_rate,
                wait,
                f"Over this caller's unary rate of {limits.unary_rate:g} calls per second "
                f"(bursts of {limits.unary_burst}); the next call is allowed in {wait:.2f} s",
            )

    @contextlib.asynccontextmanager
    async def stream(self, caller: str) -> AsyncIterator[StreamSlot]:
        """Holds a slot for one stream of ``caller`` while the block runs (``open_stream``)."""
        slot = await self.open_stream(caller)
        try:
            yield slot
        finally:
            _CURRENT_STREAM.set(None)
            self.close_stream(slot)

    async def open_stream(self, caller: str) -> StreamSlot:
        """A slot for one stream of ``caller`` (QuotaExceededError when it holds
        ``caller_max_streams`` already), the running call's for ``hold_room``, until
        ``close_stream``."""
        slot = await self._open_stream(caller)
        _CURRENT_STREAM.set((self, slot))
        return slot

    async def _open_stream(self, caller: str) -> StreamSlot:
        usage = self._usage(caller, self._clock())
        limit = self.limits.max_streams
        held = usage.streams if limit and usage.streams >= limit else None
        usage.streams += 1  # reserved while Redis is asked, so concurrent opens count it
        if self._shared is not None:
            shared = await self._shared.open_stream(caller, limit, usage.streams)
            if shared is not None:
                held = shared if shared >= 0 else None
        if held is not None:
            usage.streams -= 1
            self._refuse(
                usage,
                STREAMS,
                limit,
                HELD_RETRY_AFTER,
                f"This caller holds {held} streams open, the most it may (caller_max_streams "
                f"= {limit}); close one first",
            )
        return StreamSlot(caller)

    async def hold_room(self, slot: StreamSlot, room: str) -> None:
        """``slot``'s stream holds ``room``: refused when its caller's streams hold
        ``caller_max_rooms`` other rooms already."""
        usage = self._usage(slot.caller, self._clock())
        limit = self.limits.max_rooms
        new = room not in usage.rooms
        held = len(usage.rooms) if limit and new and len(usage.rooms) >= limit else None
        usage.rooms[room] += 1
        if self._shared is not None:
            shared = await self._shared.hold_room(slot.caller, room, limit, usage.rooms[room])
            if shared is not None:
                held = shared if shared >= 0 else None
        if held is not None:
            self._release_room(usage, room)
            self._refuse(
                usage,
                ROOMS,
                limit,
                HELD_RETRY_AFTER,
                f"This caller's streams hold {held} rooms open, the most they may "
                f"(caller_max_rooms = {limit}); streams of a room it already holds are allowed",
            )
        slot.room = room

    def close_stream(self, slot: StreamSlot) -> None:
        """Give back a stream's slot and its room (never raises, never waits)."""
        usage = self._callers.get(slot.caller)
        if usage is None:
            return  # forgotten: only when it had no stream, so never while this one ran
        usage.streams -= 1
        if slot.room is not None:
            self._release_room(usage, slot.room)
        usage.seen = self._clock()
        self._callers.move_to_end(slot.caller)
        if self._shared is not None:
            rooms = {} if slot.room is None else {slot.room: usage.rooms.get(slot.room, 0)}
            self._shared.report(slot.caller, usage.streams, rooms)

    def held(self) -> dict[str, tuple[int, dict[str, int]]]:
        """This replica's callers with streams open: their streams and {room: streams}."""
        return {
            name: (usage.streams, dict(usage.rooms))
            for name, usage in self._callers.items()
            if usage.streams
        }

    @staticmethod
    def _release_room(usage: _Usage, room: str) -> None:
        usage.rooms[room] -= 1
        if usage.rooms[room] <= 0:
            del usage.rooms[room]

    async def list_callers(self) -> admin_pb2.ListCallersResponse:
        """Callers with a stream open or seen lately, most streams first (AdminService)."""
        now = self._clock()
        self._forget_idle(now)
        shared = await self._shared.usage(list(self._callers)) if self._shared is not None else {}
        callers = []
        for name, usage in self._callers.items():
            streams, rooms = shared.get(name, (usage.streams, sorted(usage.rooms)))
            callers.append(
                admin_pb2.Caller(
                    name=name,
                    open_streams=streams,
                    rooms=rooms,
                    unary_calls_last_minute=usage.calls_last_minute(now),
                    refusals=dict(usage.refusals),
                )
            )
        callers.sort(key=lambda caller: (-caller.open_streams, caller.name))
        return admin_pb2.ListCallersResponse(callers=callers, limits=self.limits.to_proto())

    def _refuse(
        self, usage: _Usage, quota: str, limit: float, retry_after: float, message: str
    ) -> None:
        usage.refusals[quota] += 1
        QUOTA_REFUSALS.labels(quota=quota).inc()
        raise QuotaExceededError(quota, limit, retry_after, message)

    def _usage(self, caller: str, now: float) -> _Usage:
        usage = self._callers.get(caller)
        if usage is None:
            usage = self._callers[caller] = _Usage(now, self.limits.unary_burst)
            self._forget_idle(now)
        else:
            self._callers.move_to_end(caller)
        usage.seen = now
        return usage

    def _forget_idle(self, now: float) -> None:
        """Drop, least recently seen first, callers without streams idle for FORGET_AFTER,
        and beyond ``max_callers`` any without streams. One with streams is passed over (moved
        to the end), once each, so this never loops."""
        for _ in range(len(self._callers)):
            name, oldest = next(iter(self._callers.items()))
            over = len(self._callers) > self._max_callers
            if not over and now - oldest.seen < FORGET_AFTER:
                return
            if oldest.streams:
                self._callers.move_to_end(name)
            else:
                del self._callers[name]

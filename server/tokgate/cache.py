"""One cache for unary answers: kept for a while, and loaded once however many ask at once.

A :class:`LoadingCache` holds answers by a hashable key for a TTL (each ``get`` may give its
own, at most the buffer's ``max_age``), within its byte and entry bounds
(:mod:`tokgate.bounds`; over a bound the oldest answers go first). Concurrent ``get`` calls
for a key that is not held share one load (single flight): one upstream request for N
callers. A failed load is not kept; every caller waiting on it gets the same exception, so a
failure is reported once, not once per caller (a caller that wants a failure kept turns it
into an answer, as :mod:`tokgate.query_cache` does with NOT_FOUND). A caller that is
cancelled stops waiting and the load goes on for the others; the last one to leave cancels
it. A ``fresh`` get (a caller's bypass) skips the held answer and the load in flight, makes
its own, and keeps it for the callers after it.

Answers are kept in arrival order and the buffer's ``max_age`` bounds the oldest, so expiry
is a trim of the queue's head, with no timer. An answer with a shorter TTL is no longer served
once it passes it; its room is given back when it reaches the head or the bounds push it out.

Each lookup is counted in ``tokgate_cache_lookups_total`` (hit, miss, coalesced, bypass) and
each answer dropped in ``tokgate_cache_evictions_total`` (expired, bounds), labelled by what
``label`` names the key's RPC.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from tokgate.bounds import BoundedQueue, Bounds
from tokgate.metrics import CACHE_EVICTIONS, CACHE_LOOKUPS

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(eq=False, slots=True)
class _Entry(Generic[K, V]):
    """One held answer and when it stops being served (time.monotonic)."""

    key: K
    value: V
    expires: float


@dataclass(eq=False, slots=True)
class _Flight(Generic[V]):
    """One load in flight and how many callers wait on it."""

    task: asyncio.Task[V]
    waiters: int = field(default=0)


class LoadingCache(Generic[K, V]):
    """Answers by key, bounded like every buffer; concurrent misses share one load."""

    def __init__(
        self,
        buffer: str,
        bounds: Bounds,
        size_of: Callable[[V], int],
        label: Callable[[K], str] | str | None = None,
    ) -> None:
        self._order: BoundedQueue[_Entry[K, V]] = BoundedQueue(buffer, bounds)
        self._values: dict[K, _Entry[K, V]] = {}
        self._loading: dict[K, _Flight[V]] = {}
        self._size_of = size_of
        self._label = label if callable(label) else _constant(label or buffer)

    @property
    def bounds(self) -> Bounds:
        return self._order.bounds

    @bounds.setter
    def bounds(self, bounds: Bounds) -> None:
        """New bounds (a reload): they apply from the next call."""
        self._order.bounds = bounds

    def __len__(self) -> int:
        """The answers still served."""
        now = time.monotonic()
        self._expire(now)
        return sum(1 for entry in self._values.values() if entry.expires > now)

    async def get(
        self,
        key: K,
        load: Callable[[], Awaitable[V]],
        ttl: Callable[[V], float] | None = None,
        fresh: bool = False,
    ) -> V:
        """The held answer for ``key``, or ``load()``'s, shared with concurrent callers.

        ``ttl(answer)`` is how long a loaded answer is served (capped by ``max_age``, the
        default; 0: not kept). ``fresh``: ignore what is held or in flight and load anew."""
        now = time.monotonic()
        self._expire(now)
        label = self._label(key)
        if fresh:
            CACHE_LOOKUPS.labels(label, "bypass").inc()
            return await self._wait(key, self._start(key, load, ttl, shared=False))
        entry = self._values.get(key)
        if entry is not None:
            if entry.expires > now:
                CACHE_LOOKUPS.labels(label, "hit").inc()
                return entry.value
            del self._values[key]  # its slot in the queue goes when it reaches the head
            CACHE_EVICTIONS.labels(label, "expired").inc()
        flight = self._loading.get(key)
        if flight is not None:
            CACHE_LOOKUPS.labels(label, "coalesced").inc()
        else:
            CACHE_LOOKUPS.labels(label, "miss").inc()
            flight = self._start(key, load, ttl, shared=True)
        return await self._wait(key, flight)

    def _start(
        self,
        key: K,
        load: Callable[[], Awaitable[V]],
        ttl: Callable[[V], float] | None,
        shared: bool,
    ) -> _Flight[V]:
        flight: _Flight[V] = _Flight(asyncio.create_task(self._load(key, load, ttl)))
        # Retrieved here, so a failure whose callers were all cancelled is not logged as
        # "never retrieved"; callers still get it from the task.
        flight.task.add_done_callback(_consume_exception)
        if shared:
            self._loading[key] = flight
            flight.task.add_done_callback(lambda _: self._landed(key, flight))
        return flight

    def _landed(self, key: K, flight: _Flight[V]) -> None:
        if self._loading.get(key) is flight:
            del self._loading[key]

    async def _wait(self, key: K, flight: _Flight[V]) -> V:
        """Wait for the flight's answer; the last waiter to be cancelled cancels the load."""
        flight.waiters += 1
        try:
            return await asyncio.shield(flight.task)
        except asyncio.CancelledError:
            if flight.waiters == 1 and not flight.task.done():
                self._landed(key, flight)  # a caller from now on starts a new load
                flight.task.cancel()
            raise
        finally:
            flight.waiters -= 1

    async def _load(
        self, key: K, load: Callable[[], Awaitable[V]], ttl: Callable[[V], float] | None
    ) -> V:
        value = await load()
        lifetime = min(self.bounds.max_age, ttl(value) if ttl is not None else self.bounds.max_age)
        if lifetime > 0:
            now = time.monotonic()
            entry = _Entry(key, value, now + lifetime)
            self._order.push(entry, self._size_of(value), now)
            self._values[key] = entry
            self._expire(now)
        return value

    def _expire(self, now: float) -> None:
        """Forget the answers past their age, and the oldest ones over the other bounds."""
        dropped = self._order.trim(now)
        while self._order and self._order.peek().expires <= now:
            dropped.append(self._order.pop())
        for entry in dropped:
            if self._values.get(entry.key) is entry:
                del self._values[entry.key]
                reason = "expired" if entry.expires <= now else "bounds"
                CACHE_EVICTIONS.labels(self._label(entry.key), reason).inc()


def _constant(name: str) -> Callable[[object], str]:
    return lambda _key: name


def _consume_exception(task: asyncio.Task[object]) -> None:
    if not task.cancelled():
        task.exception()

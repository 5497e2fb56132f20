"""One cache for unary answers: kept for a while, and loaded once however many ask at once.

A :class:`LoadingCache` holds answers by a hashable key for at most its buffer's ``max_age``
(the TTL), within its byte and entry bounds (:mod:`tokgate.bounds`; over a bound the oldest
answers go first). Concurrent ``get`` calls for a key that is not held share one load
(single flight): one upstream request for N callers. A failed load is not kept; every caller
waiting on it gets the same exception, so a failure is reported once, not once per caller.
A caller that is cancelled stops waiting; the load goes on for the others.

Every answer lives exactly ``max_age``, so the oldest entry is always the first to expire:
expiry is a trim of the queue's head, with no timer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from tokgate.bounds import BoundedQueue, Bounds

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LoadingCache(Generic[K, V]):
    """Answers by key, bounded like every buffer; concurrent misses share one load."""

    def __init__(self, buffer: str, bounds: Bounds, size_of: Callable[[V], int]) -> None:
        self._order: BoundedQueue[K] = BoundedQueue(buffer, bounds)
        self._values: dict[K, V] = {}
        self._loading: dict[K, asyncio.Task[V]] = {}
        self._size_of = size_of

    @property
    def bounds(self) -> Bounds:
        return self._order.bounds

    @bounds.setter
    def bounds(self, bounds: Bounds) -> None:
        """New bounds (a reload): they apply from the next call."""
        self._order.bounds = bounds

    def __len__(self) -> int:
        self._expire()
        return len(self._values)

    async def get(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        """The held answer for ``key``, or ``load()``'s, shared with concurrent callers."""
        self._expire()
        if key in self._values:
            return self._values[key]
        task = self._loading.get(key)
        if task is None:
            task = asyncio.create_task(self._load(key, load))
            # Retrieved here, so a failure whose callers were all cancelled is not logged
            # as "never retrieved"; callers still get it from the task.
            task.add_done_callback(_consume_exception)
            self._loading[key] = task
        return await asyncio.shield(task)

    async def _load(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        try:
            value = await load()
        finally:
            del self._loading[key]
        self._order.push(key, self._size_of(value))
        self._values[key] = value
        self._expire()
        return value

    def _expire(self) -> None:
        """Forget the answers past their age, and the oldest ones over the other bounds."""
        for key in self._order.trim():
            del self._values[key]


def _consume_exception(task: asyncio.Task[object]) -> None:
    if not task.cancelled():
        task.exception()

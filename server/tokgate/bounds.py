"""One model of bounds for every queue, history and cache tokgate keeps.

A buffer is bounded in bytes and in age, and also in entries where a count is natural. Its
settings are named alike: ``<buffer>_max_bytes``, ``<buffer>_max_age`` (seconds) and
``<buffer>_max_entries``. A :class:`BoundedQueue` only measures: it says when it is over its
bounds, and its owner decides what that means (drop the oldest, refuse the newest, end a
slow subscriber), because that choice is the owner's contract with its users.

Every buffer kind reports its size, summed over its instances, in ``tokgate_buffer_bytes``,
``tokgate_buffer_entries`` and ``tokgate_buffer_oldest_age_seconds`` (the oldest entry of
any instance), labelled ``buffer``; the numbers are read when Prometheus scrapes, so the hot
path pays nothing for them.
"""

from __future__ import annotations

import collections
import itertools
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

T = TypeVar("T")

# The entries of every queue that holds none yet (never appended to: see BoundedQueue).
_EMPTY: collections.deque[Any] = collections.deque()


@dataclass(frozen=True, slots=True)
class Bounds:
    """How much a buffer may hold: bytes, seconds, and entries."""

    max_bytes: int
    max_age: float
    max_entries: int

    @classmethod
    def from_settings(cls, settings: Any, buffer: str) -> Bounds:
        """The bounds a settings object gives ``buffer`` (``<buffer>_max_bytes``, ...)."""
        return cls(
            max_bytes=getattr(settings, f"{buffer}_max_bytes"),
            max_age=getattr(settings, f"{buffer}_max_age"),
            max_entries=getattr(settings, f"{buffer}_max_entries"),
        )


class BoundedQueue(Generic[T]):
    """A FIFO that knows its size in bytes and entries, and the age of its oldest entry."""

    __slots__ = ("__weakref__", "_bytes", "_entries", "bounds", "buffer")

    def __init__(self, buffer: str, bounds: Bounds) -> None:
        self.buffer = buffer
        self.bounds = bounds
        # Shared and empty until the first push: a deque takes 760 bytes however empty, and
        # most subscribers' queues are empty most of the time.
        self._entries: collections.deque[tuple[T, int, float]] = _EMPTY
        self._bytes = 0
        _INSTANCES.setdefault(buffer, weakref.WeakSet()).add(self)

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __iter__(self) -> Iterator[T]:
        return (item for item, _, _ in self._entries)

    @property
    def nbytes(self) -> int:
        return self._bytes

    def oldest_age(self, now: float | None = None) -> float:
        """Seconds the oldest entry has been queued (0 when empty)."""
        if not self._entries:
            return 0.0
        return (time.monotonic() if now is None else now) - self._entries[0][2]

    def push(self, item: T, nbytes: int, now: float | None = None) -> None:
        """Add ``item`` (``nbytes`` large) at the end; it may leave the queue over bounds."""
        if self._entries is _EMPTY:
            self._entries = collections.deque()
        self._entries.append((item, nbytes, time.monotonic() if now is None else now))
        self._bytes += nbytes

    def push_all(self, items: Sequence[T], sizes: Sequence[int], now: float) -> None:
        """``push`` each of ``items`` (``sizes[i]`` bytes large), queued at ``now``, at C speed:
        a room's history takes a frame of events at once."""
        if self._entries is _EMPTY:
            self._entries = collections.deque()
        self._entries.extend(zip(items, sizes, itertools.repeat(now)))
        self._bytes += sum(sizes)

    def peek(self) -> T:
        """The oldest entry, left in place (IndexError when empty)."""
        return self._entries[0][0]

    def pop(self) -> T:
        """Remove and return the oldest entry (IndexError when empty)."""
        item, nbytes, _ = self._entries.popleft()
        self._bytes -= nbytes
        return item

    def clear(self) -> None:
        self._entries = _EMPTY
        self._bytes = 0

    def over_bounds(self, now: float | None = None) -> bool:
        """True while the queue holds more bytes or entries, or older ones, than allowed."""
        bounds = self.bounds
        if self._bytes > bounds.max_bytes or len(self._entries) > bounds.max_entries:
            return True
        return bool(self._entries) and self.oldest_age(now) > bounds.max_age

    def would_fit(self, nbytes: int) -> bool:
        """Whether one more entry of ``nbytes`` stays within the byte and entry bounds."""
        bounds = self.bounds
        return (
            self._bytes + nbytes <= bounds.max_bytes
            and len(self._entries) + 1 <= bounds.max_entries
        )

    def trim(self, now: float | None = None) -> list[T]:
        """Drop the oldest entries until the queue is within its bounds; the dropped ones.

        The test of ``over_bounds``, inlined: a full history drops as many entries a frame as
        the frame adds, so this loop runs once an event.
        """
        now = time.monotonic() if now is None else now
        bounds, entries = self.bounds, self._entries
        dropped: list[T] = []
        while entries:
            item, nbytes, queued = entries[0]
            if (
                self._bytes <= bounds.max_bytes
                and len(entries) <= bounds.max_entries
                and now - queued <= bounds.max_age
            ):
                break
            entries.popleft()
            self._bytes -= nbytes
            dropped.append(item)
        return dropped


_INSTANCES: dict[str, weakref.WeakSet[BoundedQueue[Any]]] = {}


class BufferCollector(Collector):
    """``tokgate_buffer_*``: every live buffer's size, summed per buffer kind at scrape."""

    def collect(self) -> Iterable[GaugeMetricFamily]:
        size = GaugeMetricFamily(
            "tokgate_buffer_bytes", "Bytes held by bounded buffers, by buffer", labels=["buffer"]
        )
        entries = GaugeMetricFamily(
            "tokgate_buffer_entries",
            "Entries held by bounded buffers, by buffer",
            labels=["buffer"],
        )
        age = GaugeMetricFamily(
            "tokgate_buffer_oldest_age_seconds",
            "Age of the oldest entry in any buffer of a kind",
            labels=["buffer"],
        )
        now = time.monotonic()
        for buffer, instances in sorted(_INSTANCES.items()):
            queues = list(instances)
            size.add_metric([buffer], sum(queue.nbytes for queue in queues))
            entries.add_metric([buffer], sum(len(queue) for queue in queues))
            age.add_metric([buffer], max((queue.oldest_age(now) for queue in queues), default=0.0))
        return [size, entries, age]


def declare(buffer: str) -> str:
    """Name a buffer kind, so its metrics read 0 before its first instance exists."""
    _INSTANCES.setdefault(buffer, weakref.WeakSet())
    return buffer

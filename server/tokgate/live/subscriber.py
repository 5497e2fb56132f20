"""One StreamEvents caller's bounded queue: the room never waits for it.

A subscriber starts with its replay (docs/design/streams.md §5): the log entries a resume
missed, or a new stream's start state. The replay is already bounded by the room's history,
so only live events count against the queue's bounds.

The queue is bounded like every buffer (``subscriber_queue_max_bytes``, ``_max_age`` and
``_max_entries``; see tokgate.bounds). The bytes are the serialized events the whole room
shares, so the bytes bound caps what this subscriber keeps alive, not copies. Over a bound,
a subscriber either loses its oldest events (and is told so in-band, with the count and the
sequence range) or is ended with SLOW_CONSUMER, as ``overflow_policy`` says.

A server holds thousands of idle subscribers, so one is kept small (docs/performance.md,
Memory): slots, its replay in a plain list, and one future to wake its RPC rather than an
``asyncio.Event`` (whose waiter deque alone takes 760 bytes).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Final, cast

from tokgate.bounds import BoundedQueue, Bounds, declare
from tokgate.config import OverflowPolicy
from tokgate.errors.exceptions import ClassifiedFailure, SlowConsumerError
from tokgate.live.events import ALWAYS_DELIVERED, Delivery, Stamp, dropped_event, notice
from tokgate.live.log import Replay
from tokgate.metrics import LIVE_EVENTS_DROPPED
from tokgate.v1 import live_pb2

BUFFER = declare("subscriber_queue")
_SLOW_CONSUMER_DROPS = LIVE_EVENTS_DROPPED.labels(reason="slow_consumer")
# What ``_take`` answers when nothing can be written yet.
_WAIT: Final = object()


class Subscriber:
    """A subscriber of one room, fed by the room (``offer``) and drained by its RPC (``next``),
    which is its one reader: ``next`` and ``wait_ready`` are never awaited at once."""

    __slots__ = (
        "_delivered",
        "_dropped",
        "_ended",
        "_failure",
        "_first_dropped",
        "_given",
        "_last_dropped",
        "_policy",
        "_queue",
        "_replay",
        "_replay_pending",
        "_replayed_through",
        "_told",
        "_waiter",
        "epoch",
        "event_types",
        "room_id",
        "unique_id",
        "wait_until_live",
    )

    def __init__(
        self,
        unique_id: str,
        event_types: AbstractSet[int],
        wait_until_live: bool,
        bounds: Bounds,
        policy: OverflowPolicy,
    ) -> None:
        self.unique_id = unique_id
        # Empty: every type.
        self.event_types = frozenset(event_types)
        # What it is sent: its filter plus what every subscriber gets (None: everything).
        self._delivered = self.event_types | ALWAYS_DELIVERED if self.event_types else None
        self.wait_until_live = wait_until_live
        self.room_id = ""
        self.epoch = ""
        self._policy = policy
        # The replay not yet sent, newest first: the next to send is popped off the end.
        self._replay: list[Delivery] = []
        # Live events numbered up to here came in the replay: not again.
        self._replayed_through = 0
        # More of the replay is being read (cluster mode pages it): live events wait.
        self._replay_pending = False
        self._queue: BoundedQueue[Delivery] = BoundedQueue(BUFFER, bounds)
        # The reader's wait for something to send, while it waits.
        self._waiter: asyncio.Future[None] | None = None
        self._ended = False
        self._failure: BaseException | None = None
        # The sequence of the last event this stream was given: a notice's number.
        self._given = 0
        # A state to tell in-band before the next event (CLUSTER_UNAVAILABLE, RESUMED).
        self._told: tuple[live_pb2.StreamState.ValueType, str] | None = None
        # drop_oldest: the run of lost events not yet reported in-band.
        self._dropped = 0
        self._first_dropped = 0
        self._last_dropped = 0

    def wants(self, event_type: int) -> bool:
        return self._delivered is None or event_type in self._delivered

    @property
    def ended(self) -> bool:
        return self._ended

    def start(self, replay: Replay) -> None:
        """Send ``replay`` first (the filter applied); live events it holds are not sent again.
        A replay that ends with LIVE_ENDED ends the stream after it."""
        self.epoch = replay.epoch
        self._replayed_through = 0
        self._replay_pending = bool(replay.continues_after)
        self._add_replay(replay.entries, replay.ends)

    def continue_replay(self, entries: list[Delivery], *, last: bool) -> None:
        """The next page of a replay read page by page (``last``: the history's end)."""
        ends = any(entry.event_type == live_pb2.EVENT_TYPE_LIVE_ENDED for entry in entries)
        if ends:
            index = next(
                i for i, e in enumerate(entries) if e.event_type == live_pb2.EVENT_TYPE_LIVE_ENDED
            )
            entries = entries[: index + 1]
        self._replay_pending = not (last or ends)
        self._add_replay(entries, ends)

    def _add_replay(self, entries: list[Delivery], ends: bool) -> None:
        # After what is left of the replay: in front of it, as the list is newest first.
        self._replay[:0] = [entry for entry in reversed(entries) if self.wants(entry.event_type)]
        if entries:
            self._replayed_through = max(self._replayed_through, entries[-1].sequence)
        while self._queue and self._queue.peek().sequence <= self._replayed_through:
            self._queue.pop()
        if ends:
            self._queue.clear()
            self.end()
        self._wake()

    def offer(self, deliveries: Sequence[Delivery]) -> None:
        """Queue the events of one upstream frame that its filter wants; never blocks.
        Overflow follows the policy. A frame at a time: the bounds are checked and the reader
        woken once a frame, not once an event (with hundreds of subscribers and frames of
        hundreds of events, that was most of a room's delivery cost)."""
        if self._ended:
            return
        queue, delivered, through = self._queue, self._delivered, self._replayed_through
        now = time.monotonic()
        queued = False
        for delivery in deliveries:
            if delivery.sequence > through and (
                delivered is None or delivery.event_type in delivered
            ):
                queue.push(delivery, len(delivery.wire), now)
                queued = True
        if queued:
            if queue.over_bounds(now):
                self._overflow(now)
            self._wake()

    def _overflow(self, now: float) -> None:
        """Over a bound: end the stream (disconnect) or lose the oldest events (drop_oldest)."""
        if self._policy == "disconnect":
            lost = len(self._queue)
            bounds = self._queue.bounds
            self._queue.clear()
            _SLOW_CONSUMER_DROPS.inc(lost)
            self.end(SlowConsumerError(lost, bounds.max_entries, bounds.max_bytes, bounds.max_age))
            return
        dropped = self._queue.trim(now)
        _SLOW_CONSUMER_DROPS.inc(len(dropped))
        if dropped and not self._dropped:
            self._first_dropped = dropped[0].sequence
        self._dropped += len(dropped)
        if dropped:
            self._last_dropped = dropped[-1].sequence

    def end(self, failure: ClassifiedFailure | SlowConsumerError | None = None) -> None:
        """End the stream after what is queued: OK, or with ``failure`` (dropping the queue of
        live events; a replay is still sent first)."""
        if self._ended:
            return
        self._ended = True
        self._failure = failure
        if failure is not None:
            self._queue.clear()
        self._wake()

    def ready(self) -> bool:
        """Whether ``next`` would answer at once (an event, a notice, or the end)."""
        live = bool(self._queue) and not self._replay_pending
        return bool(self._told or self._replay or self._dropped or live or self._ended)

    async def wait_ready(self) -> None:
        """Wait until ``ready`` (bound it with ``asyncio.timeout``)."""
        while not self.ready():
            await self._sleep()

    def _wake(self) -> None:
        """Something changed: the reader, if it waits, looks again."""
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _sleep(self) -> None:
        """Wait for the next ``_wake`` (the caller checked there was nothing to do)."""
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    def tell(self, state: live_pb2.StreamState.ValueType, message: str) -> None:
        """Tell this stream a state of its own before its next event (a later one replaces
        one not yet sent)."""
        self._told = (state, message)
        self._wake()

    async def next(self) -> Delivery | None:
        """The next event to write; None when the stream ends OK; raises its failure."""
        while (taken := self._take()) is _WAIT:
            await self._sleep()
        return cast(Delivery | None, taken)

    def take(self) -> Delivery | None:
        """The next event if one can be written now, without waiting; None when none can (then
        ``ready`` says whether the stream's end is what is next). Raises its failure."""
        taken = self._take()
        return None if taken is _WAIT else cast(Delivery | None, taken)

    def _take(self) -> Delivery | object | None:
        """The next event; None at the end (OK); ``_WAIT`` when there is nothing yet."""
        if self._told is not None:
            state, message = self._told
            self._told = None
            return notice(
                Stamp(self.unique_id, self.room_id, self.epoch), state, self._given, message
            )
        if self._replay:
            return self._given_now(self._replay.pop())
        if self._replay_pending and not self._ended:
            return _WAIT
        if self._dropped:
            lost = dropped_event(
                Stamp(self.unique_id, self.room_id, self.epoch),
                self._dropped,
                self._first_dropped,
                self._last_dropped,
            )
            self._dropped = 0
            return self._given_now(lost)
        if self._queue:
            return self._given_now(self._queue.pop())
        if self._ended:
            if self._failure is not None:
                raise self._failure
            return None
        return _WAIT

    def _given_now(self, delivery: Delivery) -> Delivery:
        self._given = delivery.sequence
        return delivery

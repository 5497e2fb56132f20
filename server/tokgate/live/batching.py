"""Opt-in batching of StreamEvents: several events per response message.

Events are sealed once per room as ``StreamEventsResponse {event = 1}`` bytes: tag 0x0A, the
length, the LiveEvent. ``events = 2`` is tag 0x12 with the same wire type, so a batch is the
concatenation of each event's bytes with its first byte changed: one copy, no protobuf work
(docs/design/streams.md §6).

A batch ends when it holds ``max_events``, when the next event would take it past
``stream_batch_max_bytes``, when ``max_delay`` after its first event's receipt is over, or
right after an always-delivered event (CONNECTED, LIVE_ENDED, any StreamStatus): a status says
something about now and must not wait.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass

from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.live.events import ALWAYS_DELIVERED, Delivery
from tokgate.live.subscriber import Subscriber
from tokgate.v1 import live_pb2

DEFAULT_MAX_EVENTS = 100
MOST_EVENTS = 1000
MOST_DELAY = 1.0


@dataclass(frozen=True, slots=True)
class BatchPolicy:
    """How one subscriber's events are grouped into messages."""

    max_events: int
    # Seconds an event may wait for others, counted from its receipt.
    max_delay: float
    max_bytes: int


def batch_policy(request: live_pb2.StreamEventsRequest, max_bytes: int) -> BatchPolicy | None:
    """The request's batching, or None (one event per message); InvalidArgumentError for a
    value out of range."""
    if not request.HasField("batching"):
        return None
    batching = request.batching
    if batching.max_events > MOST_EVENTS:
        raise InvalidArgumentError(
            "batching.max_events", f"at most {MOST_EVENTS} (0: {DEFAULT_MAX_EVENTS})"
        )
    delay = batching.max_delay
    if delay.seconds < 0 or delay.nanos < 0 or delay.seconds + delay.nanos / 1e9 > MOST_DELAY:
        raise InvalidArgumentError("batching.max_delay", f"from 0 to {MOST_DELAY:g}s")
    # Rounded up to milliseconds, as the contract says.
    delay_ms = math.ceil(delay.seconds * 1000 + delay.nanos / 1e6)
    return BatchPolicy(batching.max_events or DEFAULT_MAX_EVENTS, delay_ms / 1000, max_bytes)


class Batcher:
    """Takes one subscriber's events a batch at a time."""

    def __init__(self, subscriber: Subscriber, policy: BatchPolicy) -> None:
        self._subscriber = subscriber
        self._policy = policy
        # An event that did not fit the last batch's bytes: the next batch starts with it.
        self._carried: Delivery | None = None

    async def next(self) -> list[Delivery]:
        """The next batch; empty when the stream ended OK; raises the stream's failure (the
        batch being built is lost with it, as queued events are)."""
        policy = self._policy
        subscriber = self._subscriber
        first, self._carried = self._carried, None
        if first is None:
            first = await subscriber.next()
            if first is None:
                return []
        batch = [first]
        size = len(first.wire)
        deadline = first.received + policy.max_delay
        while len(batch) < policy.max_events and batch[-1].event_type not in ALWAYS_DELIVERED:
            delivery = subscriber.take()  # what is queued is taken without a wait per event
            if delivery is None:
                remaining = deadline - time.monotonic()
                if subscriber.ready() or remaining <= 0:  # the end comes after this batch
                    break
                try:
                    async with asyncio.timeout(remaining):
                        await subscriber.wait_ready()
                except TimeoutError:
                    break
                continue
            if size + len(delivery.wire) > policy.max_bytes:
                self._carried = delivery
                break
            batch.append(delivery)
            size += len(delivery.wire)
        return batch


def concatenate(batch: list[Delivery]) -> bytes:
    """The StreamEventsResponse {events = [...]} of sealed events, without re-serializing."""
    return b"".join(b"\x12" + delivery.wire[1:] for delivery in batch)

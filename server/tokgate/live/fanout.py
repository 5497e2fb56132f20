"""A room's subscribers in this process, and how each sealed event reaches them.

The fan-out is fed by the room's log: straight from :class:`~tokgate.live.log.MemoryLog` in
one process, by the replica's reader of the room's Redis stream in cluster mode. It offers
each frame's events to every subscriber, which queues those its filter wants, never waiting
for any (each has its own bounded queue), and it is how the room's connection ends its streams.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tokgate.errors.exceptions import ClassifiedFailure
from tokgate.live.events import Delivery
from tokgate.live.subscriber import Subscriber


class Audience(Protocol):
    """Whom a room's connection answers to: this process's fan-out, or in cluster mode the
    subscribers of every replica (told through the room's log)."""

    async def end_all(self, failure: ClassifiedFailure | None) -> None:
        """End every stream: OK (None), or with the classified failure."""

    async def end_unless_waiting(self, failure: ClassifiedFailure) -> bool:
        """The streamer is offline: end the streams that did not ask to wait until live;
        whether any stream may be left waiting."""

    def set_room_id(self, room_id: str) -> None:
        """The room connected to a broadcast (it changes with each LIVE of the streamer)."""


class FanOut:
    """The subscribers of one room key on this process."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.subscribers: dict[Subscriber, None] = {}
        # The broadcast the room is in: what notices made for one subscriber carry.
        self.room_id = ""

    def deliver(self, deliveries: Sequence[Delivery]) -> None:
        """Offer one upstream frame's sealed events to every subscriber (each queues those its
        filter wants)."""
        if deliveries:  # cluster mode's reader may hand a run of none
            for subscriber in self.subscribers:
                subscriber.offer(deliveries)

    def attach(self, subscriber: Subscriber) -> None:
        """Register a subscriber: live events queue up for it from now on (its replay, sent
        first, says which of them it already has)."""
        subscriber.room_id = self.room_id
        self.subscribers[subscriber] = None

    def detach(self, subscriber: Subscriber) -> None:
        self.subscribers.pop(subscriber, None)

    def set_room_id(self, room_id: str) -> None:
        self.room_id = room_id
        for subscriber in self.subscribers:
            subscriber.room_id = room_id

    async def end_all(self, failure: ClassifiedFailure | None) -> None:
        for subscriber in self.subscribers:
            subscriber.end(failure)
        self.subscribers.clear()

    async def end_unless_waiting(self, failure: ClassifiedFailure) -> bool:
        for subscriber in list(self.subscribers):
            if not subscriber.wait_until_live:
                subscriber.end(failure)
                del self.subscribers[subscriber]
        return bool(self.subscribers)

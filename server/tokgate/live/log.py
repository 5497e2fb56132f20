"""A room's log: its epoch and sequence, every event stamped and sealed once, a bounded
history of them, and the start state a new subscriber is told first.

The log is what makes streams resumable. It numbers every event of its room (sequence, in an
epoch), keeps the recent ones (the history, bounded in bytes, age and entries like every
buffer) and answers a resume position with exactly what the client missed, or with a
RESUME_GAP notice saying what it cannot give (docs/design/streams.md §4-§5). A log outlives
the upstream connections of its room: the hub keeps it ``room_history_max_age`` after the last
one closed, so a client that dropped can still resume.

:class:`MemoryLog` is the one-process log. Cluster mode has its own log on Redis with the same
methods; the connection and the fan-out see only this interface.
"""

from __future__ import annotations

import base64
import enum
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tokgate.bounds import BoundedQueue, Bounds, declare
from tokgate.live.events import Delivery, Sealable, Stamp, header, notice, seal
from tokgate.metrics import LIVE_RESUMES
from tokgate.v1 import live_pb2

BUFFER = declare("room_history")

_HOLDING_STATES = frozenset(
    {
        live_pb2.STREAM_STATE_WAITING_FOR_LIVE,
        live_pb2.STREAM_STATE_WAITING_FOR_SIGN_BUDGET,
        live_pb2.STREAM_STATE_RECONNECTING,
    }
)


def new_epoch() -> str:
    """8 characters of lower-case base32: 40 random bits naming one numbering of a log."""
    return base64.b32encode(secrets.token_bytes(5)).decode().lower()


class StartStateRole(enum.IntEnum):
    """What a log entry does to the start state (the numbers are the cluster's wire)."""

    NONE = 0
    CONNECTED = 1
    # WAITING_FOR_LIVE, WAITING_FOR_SIGN_BUDGET or RECONNECTING: kept as the current status.
    HOLDING_STATUS = 2
    # Any other status of the room (RESUMED, ...): the current status is over.
    CLEARS_STATUS = 3


# The only event types with a start-state role (start_state_role): tokgate's, never TikTok's.
_START_STATE_TYPES = frozenset({live_pb2.EVENT_TYPE_CONNECTED, live_pb2.EVENT_TYPE_STREAM_STATUS})


def start_state_role(delivery: Delivery) -> StartStateRole:
    """How a sealed event changes the start state a new subscriber is told first."""
    if delivery.event_type == live_pb2.EVENT_TYPE_CONNECTED:
        return StartStateRole.CONNECTED
    if delivery.event_type != live_pb2.EVENT_TYPE_STREAM_STATUS:
        return StartStateRole.NONE
    if delivery.message.event.status.state in _HOLDING_STATES:
        return StartStateRole.HOLDING_STATUS
    return StartStateRole.CLEARS_STATUS


@dataclass(slots=True)
class Replay:
    """What a subscriber is sent before live events: a RESUME_GAP notice if the resume
    cannot be exact, then entries of the log (start state and history), in sequence order."""

    entries: list[Delivery] = field(default_factory=list)
    # The epoch the subscriber's stream is numbered in from here on.
    epoch: str = ""
    # The LIVE_ENDED among them, if any: the stream ends after it, and no room need open.
    ends: bool = False
    # recovered, gap or unknown_epoch (for the metric); "" for a stream without a position.
    result: str = ""
    # Cluster mode reads a long history page by page: the history goes on after this
    # sequence, and the subscriber gets the rest before any live event (0: nothing more).
    continues_after: int = 0


class RoomLog(Protocol):
    """What the connection appends to and the fan-out reads from, in either mode."""

    key: str
    epoch: str
    last_sequence: int
    connected: Delivery | None
    status: Delivery | None

    def seal(
        self,
        event: Sealable,
        event_type: int,
        room_id: str,
        received: float,
        wall_ns: int,
        *,
        created_ms: int = 0,
    ) -> Delivery:
        """Number, stamp and serialize one event (not yet published); ``created_ms``: when
        TikTok created it (0: unknown, or an event of tokgate's)."""

    def frame_header(self, room_id: str, wall_ns: int) -> bytes:
        """The fields every event of a frame received at ``wall_ns`` shares, serialized
        (events.header), made once a frame: what ``seal`` and a whole frame's sealing
        (live/ingest.py, which numbers from ``last_sequence``) join to each event."""

    async def publish(self, deliveries: Sequence[Delivery]) -> None:
        """Store sealed events (one upstream frame's, or one status) and deliver them."""

    async def replay(self, position: live_pb2.StreamPosition | None, room_id: str) -> Replay:
        """What a subscriber starting at ``position`` (None: a new stream) is sent first."""

    def clear_start_state(self) -> None:
        """The room closed: the next one connects afresh and publishes its own CONNECTED."""


class Numbering:
    """What every log does alike: number, stamp and seal its events, and keep the start
    state they make (MemoryLog and cluster mode's RedisLog build on it)."""

    def __init__(self, key: str, epoch: str) -> None:
        self.key = key
        self.epoch = epoch
        self.last_sequence = 0
        self.connected: Delivery | None = None
        self.status: Delivery | None = None
        # The header of the frame being sealed, and what it was made for (room id, epoch, time).
        self._header = b""
        self._header_of: tuple[str, str, int] = ("", "", -1)

    def seal(
        self,
        event: Sealable,
        event_type: int,
        room_id: str,
        received: float,
        wall_ns: int,
        *,
        created_ms: int = 0,
    ) -> Delivery:
        self.last_sequence += 1
        return seal(
            event,
            event_type,
            self.frame_header(room_id, wall_ns),
            self.last_sequence,
            received,
            created_ms=created_ms,
        )

    def frame_header(self, room_id: str, wall_ns: int) -> bytes:
        made_for = (room_id, self.epoch, wall_ns)
        if made_for != self._header_of:  # a new frame
            self._header_of = made_for
            self._header = header(Stamp(self.key, room_id, self.epoch), wall_ns)
        return self._header

    def keep_start_state(self, delivery: Delivery) -> None:
        role = start_state_role(delivery)
        if role is StartStateRole.CONNECTED:
            self.connected, self.status = delivery, None
        elif role is StartStateRole.HOLDING_STATUS:
            self.status = delivery
        elif role is StartStateRole.CLEARS_STATUS:
            self.status = None

    def clear_start_state(self) -> None:
        self.connected = self.status = None


class MemoryLog(Numbering):
    """One process's log of a room: history in memory, deliveries straight to the fan-out."""

    def __init__(
        self, key: str, bounds: Bounds, deliver: Callable[[Sequence[Delivery]], None]
    ) -> None:
        super().__init__(key, new_epoch())
        self.history: BoundedQueue[Delivery] = BoundedQueue(BUFFER, bounds)
        self._deliver = deliver

    def reconfigure(self, bounds: Bounds) -> None:
        self.history.bounds = bounds
        self.history.trim()

    async def publish(self, deliveries: Sequence[Delivery]) -> None:
        self.store(deliveries)
        self._deliver(deliveries)

    def store(self, deliveries: Sequence[Delivery]) -> None:
        """Keep sealed events in the history and the start state; drop what is over bounds."""
        now = time.monotonic()
        history = self.history
        history.push_all(deliveries, [len(delivery.wire) for delivery in deliveries], now)
        for delivery in deliveries:
            if delivery.event_type in _START_STATE_TYPES:
                self.keep_start_state(delivery)
        history.trim(now)

    async def replay(self, position: live_pb2.StreamPosition | None, room_id: str) -> Replay:
        self.history.trim()
        first = self.history.peek().sequence if self.history else self.last_sequence + 1
        return plan_replay(
            position,
            where=Stamp(self.key, room_id, self.epoch),
            last=self.last_sequence,
            first=first,
            start_state=(self.connected, self.status),
            retained_after=lambda after: [d for d in self.history if d.sequence > after],
        )


def plan_replay(
    position: live_pb2.StreamPosition | None,
    *,
    where: Stamp,
    last: int,
    first: int,
    start_state: tuple[Delivery | None, Delivery | None],
    retained_after: Callable[[int], list[Delivery]],
) -> Replay:
    """The answer to a position (docs/design/streams.md §5.2), for a log whose epoch is
    ``where.epoch``, whose last sequence is ``last`` and whose history starts at ``first``."""
    kept = [entry for entry in start_state if entry is not None]
    if position is None:
        return _ending(Replay(kept, where.epoch))
    p = position.sequence
    if position.epoch == where.epoch and first - 1 <= p <= last:
        replay = Replay(retained_after(p), where.epoch, result="recovered")
    elif position.epoch == where.epoch and p < first - 1:
        lost = first - 1 - p
        gap = notice(
            where,
            live_pb2.STREAM_STATE_RESUME_GAP,
            p,
            f"resumed after {p}, but the room's history starts at {first}: "
            f"{lost} events ({p + 1}..{first - 1}) are gone",
            (lost, p + 1, first - 1),
        )
        in_gap = [entry for entry in kept if p < entry.sequence < first]
        replay = Replay([gap, *in_gap, *retained_after(first - 1)], where.epoch, result="gap")
    else:
        gap = notice(
            where,
            live_pb2.STREAM_STATE_RESUME_GAP,
            0,
            "cannot resume: the position is not in this room's log (its epoch is "
            f"{where.epoch}); starting afresh, numbered in that epoch",
        )
        replay = Replay([gap, *kept], where.epoch, result="unknown_epoch")
    LIVE_RESUMES.labels(result=replay.result).inc()
    return _ending(replay)


def _ending(replay: Replay) -> Replay:
    """Cut the replay after a LIVE_ENDED: the stream ends there, as it does live."""
    for index, entry in enumerate(replay.entries):
        if entry.event_type == live_pb2.EVENT_TYPE_LIVE_ENDED:
            del replay.entries[index + 1 :]
            replay.ends = True
            break
    return replay

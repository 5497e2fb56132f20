"""Building a room's events once: stamping, serializing, and the in-band StreamStatus events.

Every subscriber of a room gets the same bytes: an event is serialized into a
``StreamEventsResponse`` once, here, and the servicer writes those bytes as they are. The
notices (EVENTS_DROPPED, RESUME_GAP) are made for one subscriber and are in no room's log.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

from google.protobuf import duration_pb2

from tokgate.v1 import errors_pb2, live_pb2

# Delivered whatever a subscriber's event_types filter says (see StreamEventsRequest).
ALWAYS_DELIVERED = frozenset(
    {
        live_pb2.EVENT_TYPE_CONNECTED,
        live_pb2.EVENT_TYPE_LIVE_ENDED,
        live_pb2.EVENT_TYPE_STREAM_STATUS,
    }
)


class Delivery:
    """One event of a room, serialized once and shared by every subscriber that wants it."""

    __slots__ = ("_message", "event_type", "received", "sequence", "wire")

    def __init__(
        self,
        sequence: int,
        event_type: int,
        wire: bytes,
        received: float,
        message: live_pb2.StreamEventsResponse | None = None,
    ) -> None:
        self.sequence = sequence
        self.event_type = event_type
        # The serialized StreamEventsResponse: what every subscriber is sent, as it is.
        self.wire = wire
        # time.monotonic() when tokgate received it from upstream (for the delay histogram).
        self.received = received
        self._message = message

    @property
    def message(self) -> live_pb2.StreamEventsResponse:
        """The StreamEventsResponse; parsed from ``wire`` on first use when it was read back
        (from a Redis stream) rather than made here."""
        if self._message is None:
            self._message = live_pb2.StreamEventsResponse.FromString(self.wire)
        return self._message

    @classmethod
    def from_wire(cls, wire: bytes, received: float) -> Delivery:
        """A sealed event read back whole (a log's start state): its number and type parsed."""
        message = live_pb2.StreamEventsResponse.FromString(wire)
        kind = message.event.WhichOneof("event")
        event_type = EVENT_TYPE_OF_MEMBER[kind] if kind else live_pb2.EVENT_TYPE_OTHER
        return cls(message.event.sequence, event_type, wire, received, message)


# Each LiveEvent member's EventType: its field number minus 9 (docs/design/streams.md §7).
EVENT_TYPE_OF_MEMBER: dict[str, int] = {
    member.name: member.number - 9
    for member in live_pb2.LiveEvent.DESCRIPTOR.oneofs_by_name["event"].fields
}


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the log fills in on each event: its room, broadcast and epoch (on a notice, its
    subscriber's)."""

    unique_id: str
    room_id: str
    epoch: str


def header(where: Stamp, wall_time_ns: int) -> bytes:
    """The fields the log fills in on an event, but for its sequence, serialized: the same for
    every event of one upstream frame, so made once per frame."""
    event = live_pb2.LiveEvent(unique_id=where.unique_id, room_id=where.room_id, epoch=where.epoch)
    event.received_at.FromNanoseconds(wall_time_ns)
    return event.SerializeToString()


# What the log seals: an event, or its serialized bytes (the compiled decoder writes them).
Sealable = live_pb2.LiveEvent | bytes


def seal(
    event: Sealable,
    event_type: int,
    header: bytes,
    sequence: int,
    received: float,
    *,
    created_ms: int = 0,
) -> Delivery:
    """Serialize an event as the StreamEventsResponse every subscriber is sent: the log's
    ``header``, the sequence, the event's own fields (its member), and ``created_at`` when
    TikTok said (``created_ms``; not a time before 1970, which is none it means). Protobuf
    reads a message's fields in any order, so the bytes are joined rather than built as a
    message per event, which cost about as much as decoding the event."""
    member = event if isinstance(event, bytes) else event.SerializeToString()
    inner = header + _SEQUENCE_TAG + _varint(sequence) + member
    if created_ms > 0:
        inner += _created_at(created_ms)
    return Delivery(sequence, event_type, _EVENT_TAG + _varint(len(inner)) + inner, received)


_EVENT_TAG = b"\x0a"  # StreamEventsResponse.event: field 1, length-delimited
_SEQUENCE_TAG = b"\x18"  # LiveEvent.sequence: field 3, varint
_CREATED_AT_TAG = b"\x32"  # LiveEvent.created_at: field 6, length-delimited


@functools.lru_cache(maxsize=1024)
def _created_at(milliseconds: int) -> bytes:
    """LiveEvent.created_at, a Timestamp (seconds: field 1, nanos: field 2), as a field (kept:
    a frame's messages were mostly created in the same few milliseconds)."""
    seconds, rest = divmod(milliseconds, 1000)
    timestamp = b"\x08" + _varint(seconds)
    if rest:
        timestamp += b"\x10" + _varint(rest * 1_000_000)
    return _CREATED_AT_TAG + bytes((len(timestamp),)) + timestamp


def _varint(value: int) -> bytes:
    """``value`` (>= 0) as a protobuf varint (the common sizes unrolled: this runs twice an
    event)."""
    if value < 0x80:
        return bytes((value,))
    if value < 0x4000:
        return bytes((value & 0x7F | 0x80, value >> 7))
    if value < 0x200000:
        return bytes((value & 0x7F | 0x80, value >> 7 & 0x7F | 0x80, value >> 14))
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def status_event(
    state: live_pb2.StreamState.ValueType,
    message: str,
    *,
    error: errors_pb2.ErrorDetail | None = None,
    retry_after: float | None = None,
    attempt: int = 0,
) -> live_pb2.LiveEvent:
    """An in-band StreamStatus event (not yet stamped)."""
    status = live_pb2.StreamStatus(state=state, message=message, attempt=attempt)
    if error is not None:
        status.error.CopyFrom(error)
    if retry_after is not None:
        status.retry_after.CopyFrom(_duration(retry_after))
    return live_pb2.LiveEvent(status=status)


def notice(
    where: Stamp,
    state: live_pb2.StreamState.ValueType,
    sequence: int,
    message: str,
    dropped: tuple[int, int, int] = (0, 0, 0),
) -> Delivery:
    """A StreamStatus for one subscriber, numbered ``sequence`` (its position there, so its
    numbers stay increasing), with the lost events' count, first and last sequence."""
    count, first, last = dropped
    event = live_pb2.LiveEvent(
        status=live_pb2.StreamStatus(
            state=state,
            dropped_count=count,
            first_dropped_sequence=first,
            last_dropped_sequence=last,
            message=message,
        )
    )
    return seal(
        event,
        live_pb2.EVENT_TYPE_STREAM_STATUS,
        header(where, time.time_ns()),
        sequence,
        time.monotonic(),
    )


def dropped_event(where: Stamp, count: int, first: int, last: int) -> Delivery:
    """EVENTS_DROPPED: it carries the last lost sequence number (it sits between the kept
    events)."""
    return notice(
        where,
        live_pb2.STREAM_STATE_EVENTS_DROPPED,
        last,
        f"this stream fell behind and lost {count} events ({first}..{last})",
        (count, first, last),
    )


def _duration(seconds: float) -> duration_pb2.Duration:
    duration = duration_pb2.Duration()
    duration.FromNanoseconds(int(seconds * 1e9))
    return duration

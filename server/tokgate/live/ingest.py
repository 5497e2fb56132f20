"""One upstream frame's messages into the room log's sealed events: one native call a frame.

The frame, not the message, crosses the Python/Rust boundary: ``tokgate_native.seal_frame``
decodes the messages of the compiled types (chat, gift, like, member, social, viewer count,
emote chat, caption, rank update, subscription notice) and makes OTHERs of the types tokgate
does not type, completes gifts from the room's catalogue as ``gifts.fill_gift`` does, numbers
them and seals them into the bytes the log stores and the fan-out sends (the log's frame
header, the sequence, the event and ``created_at`` joined as ``events.seal`` joins them), and
makes their Delivery. What it leaves (the other rarer types, and whatever the compiled decoder
hands back) the Python decoder decodes and ``events.seal`` seals, at the same places in the
numbering. Either way a message's bytes are the same: tests/webcast/test_compiled_decoder.py
seals whole frames both ways and compares them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, cast

import tokgate_native

from tokgate.live.decode import (
    ALL_EVENT_TYPES,
    TYPED_METHODS,
    MalformedWebcastMessageError,
    WebcastDecoder,
)
from tokgate.live.events import Delivery, seal
from tokgate.live.gifts import Catalogue, fill_gift
from tokgate.v1 import live_pb2


class FrameLog(Protocol):
    """What a frame's sealing needs of the room's log (log.RoomLog: either mode's)."""

    last_sequence: int

    def frame_header(self, room_id: str, wall_ns: int) -> bytes: ...


@dataclass(frozen=True, slots=True)
class SealedFrame:
    """A frame's events, numbered and sealed (not yet published), and what the room reports."""

    # In sequence order; a LIVE_ENDED is the last (the messages after it are not events).
    deliveries: list[Delivery]
    counts: dict[int, int]  # events by EventType
    # The type name of each OTHER event of a type tokgate does not type, for the room's counters.
    untyped: list[str]
    # The messages whose payload did not parse as their type (delivered as OTHER), and why.
    malformed: list[tuple[str, MalformedWebcastMessageError]]
    ends_live: bool


def seal_frame(
    source: bytes | Iterable[Any],
    log: FrameLog,
    decoder: WebcastDecoder,
    *,
    room_id: str,
    received: float,
    wall_ns: int,
    catalogue: Catalogue | None,
) -> SealedFrame:
    """Decode, number and seal one frame's messages as the next events of ``log``, every type
    wanted; gifts completed from ``catalogue``. ``source``: the fetch result's bytes (tokgate's
    loop: its messages are read in place) or its messages, each with ``method`` and
    ``payload``."""
    header = log.frame_header(room_id, wall_ns)
    first = log.last_sequence + 1
    completions = catalogue.completions if catalogue is not None else None
    entries, users, rest, untyped_at = tokgate_native.seal_frame(
        source, header, first, received, Delivery, completions, TYPED_METHODS, decoder.cached_users
    )
    decoder.keep_users(users)
    malformed: list[tuple[str, MalformedWebcastMessageError]] = []
    untyped: list[str] = []
    ends_live = False
    for index in rest:
        method, payload = cast(tuple[Any, Any], entries[index])
        decoded = decoder.decode(method, payload, ALL_EVENT_TYPES)
        event_type = decoded.event_type
        if decoded.malformed is not None:
            malformed.append((method, decoded.malformed))
        elif event_type == live_pb2.EVENT_TYPE_OTHER:
            untyped.append(method)
        sealable = decoded.sealable
        assert sealable is not None, "every type is wanted"
        if event_type == live_pb2.EVENT_TYPE_GIFT:
            assert isinstance(sealable, live_pb2.LiveEvent), "a gift is completed as an event"
            fill_gift(sealable.gift, catalogue)
        entries[index] = seal(
            sealable, event_type, header, first + index, received, created_ms=decoded.created_ms
        )
        if decoded.ends_live:
            del entries[index + 1 :]
            ends_live = True
            break
    deliveries = cast(list[Delivery], entries)
    # Not the messages after a LIVE's end: they are no events.
    untyped += [method for index, method in untyped_at if index < len(deliveries)]
    log.last_sequence += len(deliveries)
    counts = dict(Counter(delivery.event_type for delivery in deliveries))
    return SealedFrame(deliveries, counts, untyped, malformed, ends_live)

"""Sealing: an event's bytes are joined from the log's header, its sequence and its own fields;
they must read back as the event built field by field."""

from __future__ import annotations

import pytest
from tokgate.live.events import Delivery, Stamp, header, seal
from tokgate.v1 import live_pb2

WHERE = Stamp("streamer", "7300000000000000001", "abcdefgh")
WALL_NS = 1_700_000_000_123_456_789


@pytest.mark.parametrize(
    "sequence", [1, 127, 128, 300, 16_383, 16_384, 2**21 - 1, 2**21, 2**40, 2**64 - 1]
)
@pytest.mark.parametrize("created_ms", [0, 1_700_000_000_000, 1_700_000_000_042, -1, -(2**62)])
def test_sealed_bytes_read_back_as_the_stamped_event(sequence: int, created_ms: int) -> None:
    event = live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text="hi 👋" * 40))
    where = header(WHERE, WALL_NS)
    delivery = seal(event, live_pb2.EVENT_TYPE_COMMENT, where, sequence, 1.0, created_ms=created_ms)

    expected = live_pb2.LiveEvent()
    expected.CopyFrom(event)
    if created_ms > 0:  # a time before 1970 is none TikTok means: unknown
        expected.created_at.FromMilliseconds(created_ms)
    expected.unique_id, expected.room_id, expected.epoch = (
        WHERE.unique_id,
        WHERE.room_id,
        "abcdefgh",
    )
    expected.sequence = sequence
    expected.received_at.FromNanoseconds(WALL_NS)
    assert delivery.message == live_pb2.StreamEventsResponse(event=expected)
    assert (delivery.sequence, delivery.event_type) == (sequence, live_pb2.EVENT_TYPE_COMMENT)
    assert Delivery.from_wire(delivery.wire, 1.0).message == delivery.message

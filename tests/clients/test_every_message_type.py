"""Every one of the 62 message types TikTokLive maps to events, round-tripped: the simulator
sends it, tokgate delivers it, the Python client reads it. A type tokgate types arrives as its
typed event; any other arrives as an OtherEvent that ``decode_other`` turns back into the
message the simulator sent.

``sim_every_type`` plays one message of each type, sorted by type name, on a loop, and tokgate
numbers every upstream message: so an event's sequence says which type it came from, once one
OtherEvent has named its place in the loop.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from google.protobuf.message import Message
from prometheus_client.parser import text_string_to_metric_families
from TikTokLive.events.proto_events import EVENT_MAPPINGS
from tokgate.sim.payloads import Payload
from tokgate.sim.programs import every_type
from tokgate.testing import ServerHandle
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2
from tokgate_client import Client
from tokgate_client.webcast import decode_other

STREAMER = "@sim_every_type"
# Members that say what the room does, not which message arrived.
NOT_FROM_A_MESSAGE = {"connected", "live_ended", "stream_status"}


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return ["--sessions", "0"]  # no user queries here


@pytest.fixture(scope="module")
def loop() -> list[Payload]:
    """What the simulator sends, in its order."""
    return every_type()


@pytest.fixture(scope="module")
def events_by_type(server: ServerHandle, loop: list[Payload]) -> dict[str, live_pb2.LiveEvent]:
    """The first whole loop of ``sim_every_type`` as delivered: the event of each type."""
    order = [payload.method for payload in loop]
    with Client(server.address) as client:
        return _one_loop(client.live.stream_events(STREAMER, deadline=60), order)


def _one_loop(
    events: Iterator[live_pb2.LiveEvent], order: list[str]
) -> dict[str, live_pb2.LiveEvent]:
    anchor: tuple[int, int] | None = None  # (sequence, place in the loop) of a named event
    by_type: dict[str, live_pb2.LiveEvent] = {}
    for event in events:
        if anchor is None:
            if event.WhichOneof("event") != "other" or event.other.type_name not in order:
                continue  # the history the simulator sends first, and the room's start
            anchor = (event.sequence, order.index(event.other.type_name))
        method = order[(anchor[1] + event.sequence - anchor[0]) % len(order)]
        assert method not in by_type, f"{method} came twice before a whole loop"
        by_type[method] = event
        if len(by_type) == len(order):
            return by_type
    raise AssertionError(f"the stream ended after {len(by_type)} of {len(order)} types")


def _sent(payload: Payload) -> Message:
    """What the simulator sent, as TikTokLive encodes it, without ``common`` (stamped per send)."""
    body = bytes(EVENT_MAPPINGS[payload.method]().from_dict(payload.body))
    message: Message = getattr(webcast_pb2, payload.method).FromString(body)
    return message


def test_the_simulator_plays_every_type_tiktoklive_maps(loop: list[Payload]) -> None:
    assert sorted(payload.method for payload in loop) == sorted(EVENT_MAPPINGS)
    assert len(loop) == 62


def test_every_type_arrives_typed_or_decodable(
    events_by_type: dict[str, live_pb2.LiveEvent], loop: list[Payload]
) -> None:
    typed: dict[str, str] = {}
    for payload in loop:
        event = events_by_type[payload.method]
        member = event.WhichOneof("event")
        assert member not in NOT_FROM_A_MESSAGE, f"{payload.method}: {member}"
        if member != "other":
            typed[payload.method] = str(member)
            continue
        assert event.other.type_name == payload.method
        decoded = decode_other(event.other)
        assert decoded.DESCRIPTOR.name == payload.method
        decoded.ClearField("common")
        assert decoded == _sent(payload), payload.method
    # The types every room sends most, and the ones the contract added, arrive typed.
    assert {
        "WebcastChatMessage": "comment",
        "WebcastGiftMessage": "gift",
        "WebcastLikeMessage": "like",
        "WebcastMemberMessage": "join",
        "WebcastRoomUserSeqMessage": "viewer_count",
        "WebcastQuestionNewMessage": "question",
        "WebcastLinkMicBattle": "battle",
        "WebcastLinkMicArmies": "battle_armies",
        "WebcastEmoteChatMessage": "emote_chat",
        "WebcastEnvelopeMessage": "envelope",
        "WebcastPollMessage": "poll",
        "WebcastGoalUpdateMessage": "goal_update",
        "WebcastRankUpdateMessage": "rank_update",
        "WebcastHourlyRankRewardMessage": "hourly_rank",
        "WebcastRoomPinMessage": "room_pin",
        "WebcastCaptionMessage": "caption",
        "WebcastLiveIntroMessage": "live_intro",
        "WebcastControlMessage": "live_pause",  # the simulator's is a pause
    }.items() <= typed.items()


def test_each_type_delivered_as_other_is_counted_as_untyped(
    server: ServerHandle, events_by_type: dict[str, live_pb2.LiveEvent]
) -> None:
    counted = {
        sample.labels["type_name"]
        for family in text_string_to_metric_families(server.metrics())
        for sample in family.samples
        if sample.name == "tokgate_live_untyped_messages_total" and sample.value > 0
    }
    others = {m for m, event in events_by_type.items() if event.WhichOneof("event") == "other"}
    assert others and others <= counted

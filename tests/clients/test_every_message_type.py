"""Every one of the 62 message types TikTokLive maps to events, round-tripped: the simulator
sends it, tokgate delivers it, the Python client reads it. A type tokgate types arrives as its
typed event; any other arrives as an OtherEvent that ``decode_other`` turns back into the
message the simulator sent.

``sim_every_type`` plays one message of each type, sorted by type name, on a loop, and tokgate
numbers every upstream message: so an event's sequence says which message it came from, once
one OtherEvent has named its place in the loop. ``sim_every_event`` plays the same 62, then one
of each message whose event depends on its content: through it, every typed member of
LiveEvent a message can become reaches the client, the 18 the overlay types added among them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from google.protobuf.message import Message
from prometheus_client.parser import text_string_to_metric_families
from TikTokLive.events.proto_events import EVENT_MAPPINGS
from tokgate.sim.payloads import Payload
from tokgate.sim.programs import every_event, every_type
from tokgate.testing import ServerHandle
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2
from tokgate_client import Client
from tokgate_client.webcast import decode_other

STREAMER = "@sim_every_type"
EVERY_EVENT_STREAMER = "@sim_every_event"
# Members that say what the room does, not which message arrived.
NOT_FROM_A_MESSAGE = {"connected", "live_ended", "status"}
# The LiveEvent members the contract added for the overlay types.
NEW_MEMBERS = {
    "question", "battle", "battle_armies", "emote_chat", "envelope", "subscribe", "sub_notify",
    "poll", "goal_update", "rank_update", "hourly_rank", "room_pin", "caption", "live_intro",
    "barrage", "live_pause", "super_fan", "social",
}  # fmt: skip
# What each message of programs.every_variant becomes, in its order.
VARIANT_MEMBERS = [
    "barrage", "super_fan", "super_fan", "subscribe", "sub_notify", "join", "follow", "share",
    "social", "envelope", "envelope", "live_pause", "live_pause",
]  # fmt: skip


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
        events = _one_loop(client.live.stream_events(STREAMER, deadline=60), order)
    return dict(zip(order, events, strict=True))


@pytest.fixture(scope="module")
def every_event_loop(server: ServerHandle) -> list[tuple[Payload, live_pb2.LiveEvent]]:
    """The first whole loop of ``sim_every_event`` as delivered: each message and its event."""
    loop = every_event()
    order = [payload.method for payload in loop]
    with Client(server.address) as client:
        events = _one_loop(client.live.stream_events(EVERY_EVENT_STREAMER, deadline=60), order)
    return list(zip(loop, events, strict=True))


def _one_loop(events: Iterator[live_pb2.LiveEvent], order: list[str]) -> list[live_pb2.LiveEvent]:
    """The events of one whole loop of messages of types ``order``, in the loop's order. The
    anchor is an OtherEvent of a type the loop sends once."""
    once = {method for method in order if order.count(method) == 1}
    anchor: tuple[int, int] | None = None  # (sequence, place in the loop) of a named event
    by_place: dict[int, live_pb2.LiveEvent] = {}
    for event in events:
        if anchor is None:
            if event.WhichOneof("event") != "other" or event.other.type_name not in once:
                continue  # the history the simulator sends first, and the room's start
            anchor = (event.sequence, order.index(event.other.type_name))
        place = (anchor[1] + event.sequence - anchor[0]) % len(order)
        assert place not in by_place, f"{order[place]} came twice before a whole loop"
        by_place[place] = event
        if len(by_place) == len(order):
            return [by_place[place] for place in range(len(order))]
    raise AssertionError(f"the stream ended after {len(by_place)} of {len(order)} messages")


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


def test_every_event_yields_every_typed_member(
    every_event_loop: list[tuple[Payload, live_pb2.LiveEvent]],
) -> None:
    members = {str(event.WhichOneof("event")) for _, event in every_event_loop}
    assert members >= NEW_MEMBERS, sorted(NEW_MEMBERS - members)
    from_messages = {
        field.name for field in live_pb2.LiveEvent.DESCRIPTOR.oneofs_by_name["event"].fields
    } - NOT_FROM_A_MESSAGE
    assert members == from_messages, sorted(members ^ from_messages)


def test_every_event_variant_arrives_as_its_member(
    every_event_loop: list[tuple[Payload, live_pb2.LiveEvent]],
) -> None:
    variants = [event for _, event in every_event_loop[62:]]
    assert [event.WhichOneof("event") for event in variants] == VARIANT_MEMBERS
    barrage, became, joined, subscribe, notice, _, _, _, social, chest, box, pause, unpause = (
        variants
    )
    assert barrage.barrage.display_type == "ttlive_fans_level_upgrade"
    assert became.super_fan.action == live_pb2.SUPER_FAN_ACTION_BECAME
    assert joined.super_fan.action == live_pb2.SUPER_FAN_ACTION_JOINED
    assert became.super_fan.user.unique_id and subscribe.subscribe.user.unique_id
    assert notice.sub_notify.notice_type == "ENTER_ROOM_EXPIRE_SOON"
    assert social.social.action == 5 and social.social.display_type == "pm_mt_live_repost"
    assert not chest.envelope.super_fan_box and box.envelope.super_fan_box
    assert pause.live_pause.paused and not unpause.live_pause.paused


def test_every_event_others_decode_as_sent(
    every_event_loop: list[tuple[Payload, live_pb2.LiveEvent]],
) -> None:
    others = [(p, event.other) for p, event in every_event_loop if event.HasField("other")]
    assert others
    for payload, other in others:
        assert other.type_name == payload.method
        decoded = decode_other(other)
        decoded.ClearField("common")
        assert decoded == _sent(payload), payload.method

"""tokgate's webcast decoder against TikTokLive's own decoding, on the same frames.

The frames are built with TikTokLive's protobuf classes (webcast_frames.py) and fed both to a real
TikTokLiveClient's `_parse_webcast_response` (no network: it only parses) and to WebcastDecoder.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from TikTokLive import TikTokLiveClient
from TikTokLive.events import (
    CommentEvent,
    ConnectEvent,
    FollowEvent,
    GiftEvent,
    JoinEvent,
    LikeEvent,
    LiveEndEvent,
    RoomUserSeqEvent,
    ShareEvent,
    UnknownEvent,
    WebsocketResponseEvent,
)
from TikTokLive.proto.custom_proto import ExtendedGift
from tokgate.live.decode import (
    ALL_EVENT_TYPES,
    DecodedMessage,
    MalformedWebcastMessageError,
    WebcastDecoder,
)
from tokgate.v1 import live_pb2

REPO = Path(__file__).resolve().parents[2]

# TikTokLive's event classes as tokgate's event types. A custom event (follow, share, live end,
# pause...) stands for the message instead of the proto event that follows it; every other proto
# event and UnknownEvent is tokgate's OTHER.
TYPED_EVENTS: dict[type, int] = {
    CommentEvent: live_pb2.EVENT_TYPE_COMMENT,
    GiftEvent: live_pb2.EVENT_TYPE_GIFT,
    LikeEvent: live_pb2.EVENT_TYPE_LIKE,
    JoinEvent: live_pb2.EVENT_TYPE_JOIN,
    RoomUserSeqEvent: live_pb2.EVENT_TYPE_VIEWER_COUNT,
}
CUSTOM_EVENTS: dict[type, int] = {
    FollowEvent: live_pb2.EVENT_TYPE_FOLLOW,
    ShareEvent: live_pb2.EVENT_TYPE_SHARE,
    LiveEndEvent: live_pb2.EVENT_TYPE_LIVE_ENDED,
}


def tiktoklive_events(events: Iterable[Any]) -> list[tuple[int, Any]]:
    """One (tokgate event type, TikTokLive event) per webcast message TikTokLive decoded."""
    typed: list[tuple[int, Any]] = []
    custom: tuple[int, Any] | None = None
    for event in events:
        if type(event) is WebsocketResponseEvent or isinstance(event, ConnectEvent):
            continue
        if isinstance(event, UnknownEvent):
            typed.append((live_pb2.EVENT_TYPE_OTHER, event))
        elif custom is None and getattr(type(event), "__module__", "").endswith("custom_events"):
            custom = (CUSTOM_EVENTS.get(type(event), live_pb2.EVENT_TYPE_OTHER), event)
        else:
            typed.append(
                custom or (TYPED_EVENTS.get(type(event), live_pb2.EVENT_TYPE_OTHER), event)
            )
            custom = None
    assert custom is None, "a custom event without its proto event"
    return typed


async def parse_with_tiktoklive(result: Any) -> list[Any]:
    """Run TikTokLive 7.0.1's own per-frame parsing on a real client, without connecting."""
    client = TikTokLiveClient("sim_live")
    try:
        events = [event async for event in client._parse_webcast_response(result)]
        # A live end makes TikTokLive schedule its own disconnect; let it finish.
        current = asyncio.current_task()
        await asyncio.gather(*(task for task in asyncio.all_tasks() if task is not current))
    finally:
        await client.disconnect()
        await client.web.close()
    return events


def assert_same_user(converted: live_pb2.LiveUser, user: Any) -> None:
    assert converted.user_id == str(user.id)
    assert converted.unique_id == user.display_id  # ExtendedUser.unique_id's source
    assert converted.nickname == user.nickname
    assert converted.avatar_url == user.avatar_thumb.url_list[0]


def expected_streak_state(event: Any) -> int:
    if event.streaking:
        return live_pb2.GIFT_STREAK_STATE_IN_PROGRESS
    if ExtendedGift(event.gift).streakable:  # as GiftEvent.streaking asks it
        return live_pb2.GIFT_STREAK_STATE_ENDED
    return live_pb2.GIFT_STREAK_STATE_NOT_STREAKABLE


def assert_same_fields(decoded: DecodedMessage, event: Any, message: Any) -> None:
    """The key fields of tokgate's event equal TikTokLive's for the same message."""
    live_event = decoded.event
    assert live_event is not None
    kind = live_event.WhichOneof("event")
    if kind == "comment":
        assert live_event.comment.text == event.content
        assert_same_user(live_event.comment.user, event.user)
    elif kind == "gift":
        gift = live_event.gift
        assert (gift.gift_id, gift.repeat_count) == (event.gift_id, event.repeat_count)
        assert (gift.gift_name, gift.diamond_count) == (event.gift.name, event.gift.diamond_count)
        assert gift.group_id == (str(event.group_id) if event.group_id else "")
        assert gift.streak_state == expected_streak_state(event)
        # Counted once, at the streak's end: TikTokLive has no value for a gift mid-streak.
        in_progress = gift.streak_state == live_pb2.GIFT_STREAK_STATE_IN_PROGRESS
        assert (event.value is None) == in_progress
        assert_same_user(gift.user, event.user)
    elif kind == "like":
        assert (live_event.like.count, live_event.like.total_likes) == (event.count, event.total)
        assert_same_user(live_event.like.user, event.user)
    elif kind == "join":
        assert_same_user(live_event.join.user, event.user)
    elif kind == "follow":
        assert_same_user(live_event.follow.user, event.user)
    elif kind == "share":
        assert_same_user(live_event.share.user, event.user)
    elif kind == "viewer_count":
        assert live_event.viewer_count.viewer_count == event.total
    elif kind == "live_ended":
        assert live_event.live_ended.reason == event.action.name
    else:
        assert kind == "other"
        assert live_event.other.type_name == message.method
        assert live_event.other.payload == message.payload


async def test_same_event_types_and_fields_as_tiktoklive(webcast_frames: ModuleType) -> None:
    messages = webcast_frames.build_messages()
    result = webcast_frames.fetch_result(messages)

    theirs = tiktoklive_events(await parse_with_tiktoklive(result))
    decoder = WebcastDecoder()
    ours = [decoder.decode(m.method, m.payload, ALL_EVENT_TYPES) for m in result.messages]

    assert [event_type for event_type, _ in theirs] == [d.event_type for d in ours]
    for decoded, (_, event), message in zip(ours, theirs, result.messages, strict=True):
        assert decoded.event is not None
        assert_same_fields(decoded, event, message)
    # The mix covers every webcast-borne event type, and gift streaks in all three states.
    # (Types above OTHER are in the contract ahead of their decoding.)
    assert {d.event_type for d in ours} == {
        t for t in ALL_EVENT_TYPES if t <= live_pb2.EVENT_TYPE_OTHER
    } - {
        live_pb2.EVENT_TYPE_UNSPECIFIED,
        live_pb2.EVENT_TYPE_CONNECTED,
        live_pb2.EVENT_TYPE_STREAM_STATUS,
    }
    assert {d.event.gift.streak_state for d in ours if d.event and d.event.HasField("gift")} == {
        live_pb2.GIFT_STREAK_STATE_IN_PROGRESS,
        live_pb2.GIFT_STREAK_STATE_ENDED,
        live_pb2.GIFT_STREAK_STATE_NOT_STREAKABLE,
    }
    # Only the control message TikTokLive treats as the end (not pause/unpause) ends the LIVE.
    assert [d.ends_live for d in ours] == [False] * (len(ours) - 1) + [True]


def test_unwanted_types_are_typed_but_not_converted(webcast_frames: ModuleType) -> None:
    decoder = WebcastDecoder()
    wanted = {live_pb2.EVENT_TYPE_COMMENT}
    decoded = [decoder.decode(m.method, m.payload, wanted) for m in webcast_frames.build_messages()]
    everything = [
        decoder.decode(m.method, m.payload, ALL_EVENT_TYPES)
        for m in webcast_frames.build_messages()
    ]

    assert [d.event_type for d in decoded] == [d.event_type for d in everything]
    assert all(
        (d.event is not None) == (d.event_type == live_pb2.EVENT_TYPE_COMMENT) for d in decoded
    )
    assert decoded[-1] == DecodedMessage(live_pb2.EVENT_TYPE_LIVE_ENDED, None, True)


def test_social_and_control_are_always_decoded() -> None:
    """Their event type depends on their content, so even unwanted ones are parsed."""
    decoder = WebcastDecoder()
    corrupt = b"\x0a\xff"  # field 1, length-delimited, truncated
    for method in ("WebcastSocialMessage", "WebcastControlMessage"):
        with pytest.raises(MalformedWebcastMessageError):
            decoder.decode(method, corrupt, frozenset())
    # Other types are not parsed at all when nobody wants them.
    unwanted = decoder.decode("WebcastGiftMessage", corrupt, {live_pb2.EVENT_TYPE_COMMENT})
    assert unwanted == DecodedMessage(live_pb2.EVENT_TYPE_GIFT, None, False)


def test_other_carries_type_name_and_payload(webcast_frames: ModuleType) -> None:
    decoder = WebcastDecoder()
    payload = b"\x08\x01\x12\x05hello"
    decoded = decoder.decode(webcast_frames.UNKNOWN_METHOD, payload, {live_pb2.EVENT_TYPE_OTHER})
    assert decoded.event_type == live_pb2.EVENT_TYPE_OTHER
    assert decoded.event == live_pb2.LiveEvent(
        other=live_pb2.OtherEvent(type_name=webcast_frames.UNKNOWN_METHOD, payload=payload)
    )
    unwanted = decoder.decode(webcast_frames.UNKNOWN_METHOD, payload, {live_pb2.EVENT_TYPE_GIFT})
    assert unwanted == DecodedMessage(live_pb2.EVENT_TYPE_OTHER, None, False)


def test_corrupt_payload_raises_a_countable_error() -> None:
    decoder = WebcastDecoder()
    with pytest.raises(MalformedWebcastMessageError) as raised:
        decoder.decode("WebcastChatMessage", b"\x1a\x10short", ALL_EVENT_TYPES)
    assert raised.value.method == "WebcastChatMessage"
    assert raised.value.payload_size == 7
    assert isinstance(raised.value, ValueError)
    assert "malformed WebcastChatMessage payload (7 bytes)" in str(raised.value)


def test_derived_proto_matches_a_fresh_derivation() -> None:
    """protos/webcast is what scripts/derive_webcast_protos.py makes of the installed schema."""
    spec = importlib.util.spec_from_file_location(
        "derive_webcast_protos", REPO / "scripts" / "derive_webcast_protos.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script  # its dataclasses look their module up
    spec.loader.exec_module(script)
    assert script.main(["--check"]) == 0

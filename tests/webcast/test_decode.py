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
    BarrageEvent,
    CaptionEvent,
    CommentEvent,
    ConnectEvent,
    EmoteChatEvent,
    EnvelopeEvent,
    FollowEvent,
    GiftEvent,
    GoalUpdateEvent,
    HourlyRankRewardEvent,
    JoinEvent,
    LikeEvent,
    LinkMicArmiesEvent,
    LinkMicBattleEvent,
    LiveEndEvent,
    LiveIntroEvent,
    LivePauseEvent,
    LiveUnpauseEvent,
    PollEvent,
    QuestionNewEvent,
    RankUpdateEvent,
    RoomPinEvent,
    RoomUserSeqEvent,
    ShareEvent,
    SocialEvent,
    SubNotifyEvent,
    SuperFanBoxEvent,
    SuperFanEvent,
    SuperFanJoinEvent,
    UnknownEvent,
    WebsocketResponseEvent,
)
from TikTokLive.proto import MessageType
from TikTokLive.proto.custom_proto import ExtendedGift
from tokgate.live.decode import (
    ALL_EVENT_TYPES,
    DecodedMessage,
    WebcastDecoder,
)
from tokgate.live.webcast_user import fill_user
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

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
    QuestionNewEvent: live_pb2.EVENT_TYPE_QUESTION,
    LinkMicBattleEvent: live_pb2.EVENT_TYPE_BATTLE,
    LinkMicArmiesEvent: live_pb2.EVENT_TYPE_BATTLE_ARMIES,
    EmoteChatEvent: live_pb2.EVENT_TYPE_EMOTE_CHAT,
    EnvelopeEvent: live_pb2.EVENT_TYPE_ENVELOPE,
    PollEvent: live_pb2.EVENT_TYPE_POLL,
    GoalUpdateEvent: live_pb2.EVENT_TYPE_GOAL_UPDATE,
    RankUpdateEvent: live_pb2.EVENT_TYPE_RANK_UPDATE,
    HourlyRankRewardEvent: live_pb2.EVENT_TYPE_HOURLY_RANK,
    RoomPinEvent: live_pb2.EVENT_TYPE_ROOM_PIN,
    CaptionEvent: live_pb2.EVENT_TYPE_CAPTION,
    LiveIntroEvent: live_pb2.EVENT_TYPE_LIVE_INTRO,
    SocialEvent: live_pb2.EVENT_TYPE_SOCIAL,
}
CUSTOM_EVENTS: dict[type, int] = {
    FollowEvent: live_pb2.EVENT_TYPE_FOLLOW,
    ShareEvent: live_pb2.EVENT_TYPE_SHARE,
    LiveEndEvent: live_pb2.EVENT_TYPE_LIVE_ENDED,
    LivePauseEvent: live_pb2.EVENT_TYPE_LIVE_PAUSE,
    LiveUnpauseEvent: live_pb2.EVENT_TYPE_LIVE_PAUSE,
    SuperFanEvent: live_pb2.EVENT_TYPE_SUPER_FAN,
    SuperFanJoinEvent: live_pb2.EVENT_TYPE_SUPER_FAN,
    SuperFanBoxEvent: live_pb2.EVENT_TYPE_ENVELOPE,
}
# TikTokLive 7.0.1 looks for a banner's super fan marker under the old name of Text's field 1
# (`display_type`, now `key`), so it never finds it: tokgate reads the field (see decode.py).
SUPER_FAN_MARKER = "ttlive_superfan"


def proto_event_type(event: Any) -> int:
    """tokgate's type for TikTokLive's proto event (one TikTokLive type may be two of tokgate's)."""
    if isinstance(event, SubNotifyEvent):  # a new subscription, or another notice
        if event.message_type == MessageType.SUB_SUCCESS:
            return live_pb2.EVENT_TYPE_SUBSCRIBE
        return live_pb2.EVENT_TYPE_SUB_NOTIFY
    if isinstance(event, BarrageEvent):
        if event.content and SUPER_FAN_MARKER in event.content.key:
            return live_pb2.EVENT_TYPE_SUPER_FAN
        return live_pb2.EVENT_TYPE_BARRAGE
    return TYPED_EVENTS.get(type(event), live_pb2.EVENT_TYPE_OTHER)


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
            typed.append(custom or (proto_event_type(event), event))
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


# TikTok's badge scenes that say something about a user, by their (unprefixed) name.
LEVEL_FIELDS = {"FANS": "member_level", "USER_GRADE": "gifter_level"}
FOLLOW_ROLES = [
    live_pb2.FOLLOW_ROLE_NONE,
    live_pb2.FOLLOW_ROLE_FOLLOWER,
    live_pb2.FOLLOW_ROLE_FRIEND,
]


def assert_same_user(converted: live_pb2.LiveUser, user: Any) -> None:
    assert converted.user_id == str(user.id)
    assert converted.unique_id == user.display_id  # ExtendedUser.unique_id's source
    assert converted.nickname == user.nickname
    assert converted.avatar_url == user.avatar_thumb.url_list[0]
    assert converted.follow_role == FOLLOW_ROLES[min(user.follow_info.follow_status, 2)]
    assert converted.follower_count == user.follow_info.follower_count
    # Badges in TikTok's order, each with its scene, level and image or text.
    expected = [
        (
            badge.scene_type.name.replace("BADGE_SCENE_TYPE_", ""),
            int(badge.privilege_log_extra.level) if badge.privilege_log_extra else 0,
            badge.image.image.url_list[0] if badge.image else "",
            badge.text.default_pattern if badge.text else "",
        )
        for badge in user.badge_list
    ]
    got = [(b.scene, b.level, b.image_url, b.text) for b in converted.badges]
    assert [(scene, image, text) for scene, _, image, text in got] == [
        (scene, image, text) for scene, _, image, text in expected
    ]
    scenes = {scene: level for scene, level, _, _ in expected}
    for scene, field in LEVEL_FIELDS.items():
        assert getattr(converted, field) == scenes.get(scene, 0)
    assert converted.is_moderator == ("ADMIN" in scenes)
    assert converted.is_subscriber == ("SUBSCRIBER" in scenes)
    top = [image for scene, _, image, _ in expected if scene == "RANK_LIST"]
    assert converted.top_gifter_rank == (int(top[0].rsplit("_", 1)[1].split(".")[0]) if top else 0)


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
    elif kind in NEW_KIND_CHECKS:
        NEW_KIND_CHECKS[kind](getattr(live_event, kind), event)
    else:
        assert kind == "other"
        assert live_event.other.type_name == message.method
        assert live_event.other.payload == message.payload


def _check_question(question: live_pb2.QuestionEvent, event: Any) -> None:
    assert (question.question_id, question.text) == (
        str(event.data.question_id),
        event.data.content,
    )
    assert question.created_at.seconds == event.data.create_time
    assert_same_user(question.user, event.data.user)


def _check_battle(battle: live_pb2.BattleEvent, event: Any) -> None:
    assert battle.battle_id == str(event.battle_id)
    assert live_pb2.BattleAction.Name(battle.action).endswith(
        {"OPEN": "START"}.get(event.action.name, event.action.name)
    )
    assert battle.started_at.ToMilliseconds() == event.battle_settings.start_time_ms
    assert battle.duration.seconds == event.battle_settings.duration
    hosts = {host.user_id: host for team in battle.teams for host in team.hosts}
    assert set(hosts) == {str(wrapper.key) for wrapper in event.anchors_info}
    for wrapper in event.anchors_info:
        host = hosts[str(wrapper.key)]
        assert (host.unique_id, host.nickname) == (
            wrapper.value.user.display_id,
            wrapper.value.user.nick_name,
        )
    outcomes = {team.team_id: (team.score, team.outcome) for team in battle.teams}
    for host_id, result in event.battle_result.items():
        outcome = live_pb2.BattleOutcome.Name(outcomes[str(host_id)][1])
        assert outcomes[str(host_id)][0] == result.score
        assert outcome == f"BATTLE_OUTCOME_{result.result.name}"


def _check_armies(armies: live_pb2.BattleArmiesEvent, event: Any) -> None:
    assert armies.battle_id == str(event.battle_id)
    by_team = {army.team_id: army for army in armies.armies}
    assert set(by_team) == {str(host_id) for host_id in event.armies}
    for host_id, theirs in event.armies.items():
        army = by_team[str(host_id)]
        assert (army.host_user_id, army.score) == (theirs.anchor_id_str, theirs.hostscore)
        ranked = sorted(theirs.user_armies, key=lambda soldier: -soldier.score)
        assert [(c.user.user_id, c.user.nickname, c.score) for c in army.top_contributors] == [
            (soldier.user_id_str, soldier.nickname, soldier.score) for soldier in ranked
        ]


def _check_emote_chat(emote_chat: live_pb2.EmoteChatEvent, event: Any) -> None:
    assert [(e.emote_id, e.image_url) for e in emote_chat.emotes] == [
        (e.emote_id, e.image.url_list[0]) for e in event.emote_list
    ]
    # The message's identity adds to the user's badges.
    assert emote_chat.user.is_subscriber == event.user_identity.is_subscriber_of_anchor
    assert emote_chat.user.follow_role == live_pb2.FOLLOW_ROLE_FOLLOWER


def _check_envelope(envelope: live_pb2.EnvelopeEvent, event: Any) -> None:
    info = event.envelope_info
    assert (envelope.envelope_id, envelope.diamond_count, envelope.people_count) == (
        info.envelope_id,
        info.diamond_count,
        info.people_count,
    )
    assert (envelope.sender.user_id, envelope.sender.nickname) == (
        info.send_user_id,
        info.send_user_name,
    )
    assert envelope.unpack_at.seconds == info.unpack_at
    assert envelope.super_fan_box == isinstance(event, SuperFanBoxEvent)


def _check_subscribe(subscribe: live_pb2.SubscribeEvent, event: Any) -> None:
    assert subscribe.sub_months == event.sub_month
    assert subscribe.auto_renew == (event.subscribe_type.name == "AUTO")
    assert subscribe.resubscribe == (event.old_subscribe_status.name == "RESUB")
    assert_same_user(subscribe.user, event.user)


def _check_sub_notify(sub_notify: live_pb2.SubNotifyEvent, event: Any) -> None:
    assert sub_notify.notice_type == event.message_type.name
    assert_same_user(sub_notify.user, event.user)


def _check_poll(poll: live_pb2.PollEvent, event: Any) -> None:
    assert poll.poll_id == str(event.poll_id)
    content = event.start_content or event.update_votes_content or event.end_content
    assert [(o.index, o.text, o.votes) for o in poll.options] == [
        (o.option_idx, o.display_content, o.votes) for o in content.option_list
    ]
    if event.start_content:
        assert (poll.action, poll.title) == (live_pb2.POLL_ACTION_START, content.title)
        assert poll.ends_at.seconds == content.end_time
        assert_same_user(poll.operator, content.operator)
    else:
        ended = event.end_content is not None
        assert poll.action == (live_pb2.POLL_ACTION_END if ended else live_pb2.POLL_ACTION_UPDATE)


def _check_goal_update(goal: live_pb2.GoalUpdateEvent, event: Any) -> None:
    assert (goal.goal_id, goal.description) == (event.goal.id_str, event.goal.description)
    assert [(t.progress, t.target, t.gift_name) for t in goal.targets] == [
        (sub.progress, sub.target, sub.gift.name) for sub in event.goal.sub_goals
    ]
    assert (goal.contributor.user_id, goal.contributor.unique_id) == (
        event.contributor_id_str,
        event.contributor_display_id,
    )
    assert goal.contribute_count == event.contribute_count
    assert goal.update_source == event.update_source.name


def _check_rank_update(rank_update: live_pb2.RankUpdateEvent, event: Any) -> None:
    assert [(r.rank_type, r.rank, r.score) for r in rank_update.ranks] == [
        (u.rank_type.name.removeprefix("TYPE_"), u.own_rank, u.current_score) for u in event.updates
    ]


def _check_hourly_rank(hourly_rank: live_pb2.HourlyRankEvent, event: Any) -> None:
    assert [(w.user_id, w.text) for w in hourly_rank.winners] == [
        (str(w.user_id), w.notify.content) for w in event.winners
    ]


def _check_room_pin(room_pin: live_pb2.RoomPinEvent, event: Any) -> None:
    assert room_pin.pinned == (event.action.name == "PIN")
    assert (room_pin.pin_id, room_pin.message_type) == (str(event.pin_msg_id), event.method)
    assert room_pin.pinned_at.ToMilliseconds() == event.pin_time
    assert room_pin.display_duration.seconds == event.display_duration
    assert room_pin.text == event.chat_message.content
    assert_same_user(room_pin.author, event.chat_message.user)
    assert_same_user(room_pin.operator, event.operator)


def _check_caption(caption: live_pb2.CaptionEvent, event: Any) -> None:
    assert [(t.language, t.text) for t in caption.texts] == [
        (c.lang, c.content) for c in event.content
    ]
    assert (caption.sentence_id, caption.final) == (str(event.sentence_id), event.definite)
    assert caption.spoken_at.ToMilliseconds() == event.timestamp_ms
    assert caption.duration.ToMilliseconds() == event.duration_ms


def _check_live_intro(live_intro: live_pb2.LiveIntroEvent, event: Any) -> None:
    assert (live_intro.text, live_intro.language) == (event.content, event.content_language)
    assert_same_user(live_intro.host, event.user)


def _check_barrage(barrage: live_pb2.BarrageEvent, event: Any) -> None:
    assert barrage.barrage_type == event.msg_type.name
    assert (barrage.display_type, barrage.text) == (
        event.content.key,
        event.content.default_pattern,
    )
    assert_same_user(barrage.user, event.content.pieces[0].user_value.user)


def _check_super_fan(super_fan: live_pb2.SuperFanEvent, event: Any) -> None:
    joined = "superfanjoined" in event.content.key
    assert super_fan.action == (
        live_pb2.SUPER_FAN_ACTION_JOINED if joined else live_pb2.SUPER_FAN_ACTION_BECAME
    )
    assert_same_user(super_fan.user, event.content.pieces[0].user_value.user)


def _check_live_pause(live_pause: live_pb2.LivePauseEvent, event: Any) -> None:
    assert live_pause.paused == isinstance(event, LivePauseEvent)


def _check_social(social: live_pb2.SocialEvent, event: Any) -> None:
    assert (social.display_type, social.action) == (event.common.display_text.key, event.action)
    assert_same_user(social.user, event.user)


NEW_KIND_CHECKS: dict[str, Any] = {
    "question": _check_question,
    "battle": _check_battle,
    "battle_armies": _check_armies,
    "emote_chat": _check_emote_chat,
    "envelope": _check_envelope,
    "subscribe": _check_subscribe,
    "sub_notify": _check_sub_notify,
    "poll": _check_poll,
    "goal_update": _check_goal_update,
    "rank_update": _check_rank_update,
    "hourly_rank": _check_hourly_rank,
    "room_pin": _check_room_pin,
    "caption": _check_caption,
    "live_intro": _check_live_intro,
    "barrage": _check_barrage,
    "super_fan": _check_super_fan,
    "live_pause": _check_live_pause,
    "social": _check_social,
}


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
    assert {d.event_type for d in ours} == ALL_EVENT_TYPES - {
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


def test_types_told_apart_by_content_are_always_decoded() -> None:
    """Their event type depends on their content, so even unwanted ones are parsed."""
    decoder = WebcastDecoder()
    corrupt = b"\x0a\xff"  # field 1, length-delimited, truncated
    for method in (
        "WebcastSocialMessage",
        "WebcastControlMessage",
        "WebcastBarrageMessage",
        "WebcastSubNotifyMessage",
    ):
        decoded = decoder.decode(method, corrupt, frozenset())
        assert (decoded.event_type, decoded.event) == (live_pb2.EVENT_TYPE_OTHER, None)
        assert decoded.malformed is not None
    # Other types are not parsed at all when nobody wants them.
    unwanted = decoder.decode("WebcastGiftMessage", corrupt, {live_pb2.EVENT_TYPE_COMMENT})
    assert unwanted == DecodedMessage(live_pb2.EVENT_TYPE_GIFT, None, False)


def test_the_filter_keeps_only_the_wanted_new_types(webcast_frames: ModuleType) -> None:
    decoder = WebcastDecoder()
    wanted = {live_pb2.EVENT_TYPE_BATTLE, live_pb2.EVENT_TYPE_SUPER_FAN, live_pb2.EVENT_TYPE_POLL}
    decoded = [decoder.decode(m.method, m.payload, wanted) for m in webcast_frames.build_messages()]
    delivered = [d.event.WhichOneof("event") for d in decoded if d.event is not None]
    assert delivered == ["battle"] * 3 + ["poll"] * 3 + ["super_fan"] * 2
    # Every message is still typed, wanted or not: the room counts them all.
    assert live_pb2.EVENT_TYPE_BARRAGE in {d.event_type for d in decoded}


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


def test_a_payload_that_does_not_decode_is_other_with_its_error() -> None:
    decoder = WebcastDecoder()
    payload = b"\x1a\x10short"  # field 3 claims 16 bytes, 5 follow
    decoded = decoder.decode("WebcastChatMessage", payload, ALL_EVENT_TYPES)
    assert decoded.event_type == live_pb2.EVENT_TYPE_OTHER
    assert decoded.event == live_pb2.LiveEvent(
        other=live_pb2.OtherEvent(type_name="WebcastChatMessage", payload=payload)
    )
    error = decoded.malformed
    assert error is not None
    assert (error.method, error.payload_size) == ("WebcastChatMessage", 7)
    assert isinstance(error, ValueError)  # counted as a malformed upstream message
    assert "malformed WebcastChatMessage payload (7 bytes)" in str(error)
    # Counted even when nobody wants OTHER, as long as its own type was wanted (and parsed).
    unwanted = decoder.decode("WebcastChatMessage", payload, {live_pb2.EVENT_TYPE_COMMENT})
    assert (unwanted.event_type, unwanted.event) == (live_pb2.EVENT_TYPE_OTHER, None)
    assert unwanted.malformed is not None


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


@pytest.mark.parametrize(
    ("level", "read"),
    [("12", 12), ("2147483647", 2_147_483_647), ("2147483648", 0), ("²", 0), ("x7", 0)],
)
def test_a_badge_level_that_is_no_int32_number_reads_as_unknown(level: str, read: int) -> None:
    """TikTok writes levels as text; one the contract's int32 cannot hold, or no ASCII number,
    is 0 (unknown) instead of an exception that would lose the message."""
    user = webcast_pb2.User(id=1, nickname="n", display_id="n")
    for scene in (webcast_pb2.BADGE_SCENE_TYPE_FANS, webcast_pb2.BADGE_SCENE_TYPE_USER_GRADE):
        badge = user.badge_list.add(scene_type=scene)
        badge.privilege_log_extra.level = level
    top = user.badge_list.add(scene_type=webcast_pb2.BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_RANK_LIST)
    top.image.image.url_list.append(f"https://p16/ranklist_top_gifter_{level}.png")
    converted = live_pb2.LiveUser()
    fill_user(converted, user)
    assert (converted.member_level, converted.gifter_level) == (read, read)
    assert [badge.level for badge in converted.badges[:2]] == [read, read]
    assert converted.top_gifter_rank == read

"""Webcast frames built with TikTokLive's own protobuf classes, for the decode tests and bench.

A deterministic, realistic mix of what a busy room sends: comments, likes, joins, viewer counts,
gift streaks (in progress, then ended) and non-streakable gifts, follows and shares (social
messages told apart by their display text), a social message that is neither, a pause, message
types tokgate does not convert (one TikTokLive knows, one it does not), and finally the control
message that ends the LIVE. Loaded by file path (tests/ is not a package): see conftest.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import TikTokLive.proto as tl

ROOM_ID = 7_300_000_000_000_000_001
TEXT = tl.CommonMessageData._betterproto.cls_by_field["display_text"]  # TikTok's Text message
FOLLOW_DISPLAY_TYPE = "pm_main_follow_message_viewer_2"
SHARE_DISPLAY_TYPE = "pm_mt_guidance_share"
OTHER_SOCIAL_DISPLAY_TYPE = "pm_mt_guidance_viewer_favorite"
UNKNOWN_METHOD = "WebcastTokgateFutureMessage"  # a type neither TikTokLive nor tokgate knows


@dataclass(frozen=True)
class WebcastMessage:
    """One message as it travels in a ProtoMessageFetchResult: its type name and payload."""

    method: str
    payload: bytes


def _user(rng: random.Random, index: int) -> Any:
    """A viewer as TikTok sends one: avatars, badges, follow info, not just an id."""
    avatar = tl.ImageModel(
        url_list=[
            f"https://p16-sign.tiktokcdn.com/avatar/{index}/{size}.webp" for size in (100, 720)
        ],
        uri=f"tos-maliva-avt-0068/{index}",
        width=100,
        height=100,
    )
    badge = tl.BadgeStruct(
        image=tl.ImageBadge(
            image=tl.ImageModel(url_list=[f"https://p16-webcast.tiktokcdn.com/grade_{index}.png"])
        ),
        openweburl="sslocal://webcast_lynxview_popup",
    )
    return tl.User(
        id=6_800_000_000_000_000_000 + index,
        id_str=str(6_800_000_000_000_000_000 + index),
        nickname=f"Viewer {index} ✨",
        display_id=f"viewer_{index}",
        sec_uid=f"MS4wLjABAAAA{rng.getrandbits(64):016x}",
        avatar_thumb=avatar,
        avatar_medium=avatar,
        follow_info=tl.FollowInfo(
            following_count=rng.randrange(1000), follower_count=rng.randrange(100_000)
        ),
        badge_list=[badge],
    )


def _common(method: str, msg_id: int, display_type: str = "") -> Any:
    return tl.CommonMessageData(
        method=method,
        msg_id=msg_id,
        room_id=ROOM_ID,
        create_time=1_763_000_000_000 + msg_id,
        is_show_msg=True,
        display_text=TEXT(key=display_type, default_pattern="{0:user} did something")
        if display_type
        else None,
    )


def _gift(gift_id: int, name: str, gift_type: int, diamonds: int) -> Any:
    return tl.Gift(
        id=gift_id,
        name=name,
        type=gift_type,
        diamond_count=diamonds,
        combo=gift_type == 1,
        image=tl.ImageModel(url_list=[f"https://p19-webcast.tiktokcdn.com/gift/{gift_id}.png"]),
        describe=f"sent {name}",
    )


def build_messages(seed: int = 7) -> list[WebcastMessage]:
    """The mix, in the order a room would send it; ends with the LIVE's end."""
    rng = random.Random(seed)
    users = [_user(rng, index) for index in range(12)]
    rose, lion = _gift(5655, "Rose", 1, 1), _gift(6369, "Lion", 2, 29999)
    messages: list[WebcastMessage] = []

    def add(message_class: Any, display_type: str = "", **fields: Any) -> None:
        # No local may be named like a schema module: pydantic resolves the classes' forward
        # references in this frame's namespace on first use (a local `common` breaks it).
        method = message_class.__name__
        header = _common(method, len(messages) + 1, display_type)
        messages.append(WebcastMessage(method, bytes(message_class(common=header, **fields))))

    total_likes = 0
    for round_ in range(3):
        for user in users[:4]:
            add(tl.WebcastMemberMessage, user=user, member_count=100 + round_, action=1)
        for user in users[2:8]:
            text = f"hello from {user.display_id}, round {round_} 🌹"
            add(tl.WebcastChatMessage, user=user, content=text, content_language="en")
        if round_ == 0:
            messages.append(WebcastMessage(UNKNOWN_METHOD, b"\x08\x01\x12\x05hello"))
        for user in users[5:10]:
            count = rng.randrange(1, 16)
            total_likes += count
            add(tl.WebcastLikeMessage, user=user, count=count, total=total_likes)
        for repeat in range(1, 4):  # a streak: in progress twice, then its end
            add(
                tl.WebcastGiftMessage,
                user=users[round_],
                gift_id=rose.id,
                gift=rose,
                repeat_count=repeat,
                repeat_end=int(repeat == 3),
                group_id=1_700_000_000_000 + round_,
                combo_count=repeat,
            )
        add(tl.WebcastGiftMessage, user=users[11], gift_id=lion.id, gift=lion, repeat_count=1)
        for display_type, user in (
            (FOLLOW_DISPLAY_TYPE, users[8]),
            (SHARE_DISPLAY_TYPE, users[9]),
            (OTHER_SOCIAL_DISPLAY_TYPE, users[10]),
        ):
            add(tl.WebcastSocialMessage, display_type, user=user, action=1, follow_count=1000)
        add(tl.WebcastRoomUserSeqMessage, total=1500 + round_, total_user=90_000, popularity=1234)
        add(tl.WebcastRankUpdateMessage, rank_priority=3)
    add(tl.WebcastControlMessage, action=tl.ControlAction.STREAM_PAUSED)
    add(tl.WebcastControlMessage, action=tl.ControlAction.STREAM_UNPAUSED)
    add(tl.WebcastControlMessage, action=tl.ControlAction.STREAM_ENDED)
    return messages


def fetch_result(messages: list[WebcastMessage], *, cursor: str = "1763000000000_1") -> Any:
    """TikTokLive's ProtoMessageFetchResult holding these messages."""
    return tl.ProtoMessageFetchResult(
        messages=[
            tl.BaseProtoMessage(method=m.method, payload=m.payload, msg_id=index + 1)
            for index, m in enumerate(messages)
        ],
        cursor=cursor,
        fetch_interval=1000,
        now=1_763_000_000_000,
        need_ack=True,
        is_first=False,
    )


def push_frame(result: Any) -> bytes:
    """A websocket frame (WebcastPushFrame of payload type "msg") carrying a fetch result."""
    frame = tl.WebcastPushFrame(
        seq_id=1,
        log_id=42,
        payload_encoding="pb",
        payload_type="msg",
        headers=[tl.PushHeader(key="compress_type", value="none")],
        payload=bytes(result),
    )
    return bytes(frame)

"""Deterministic LIVE events and the push frames that carry them.

``EventPool`` builds every payload once with TikTokLive's own protobuf classes (about a
millisecond each); ``EventStream`` then draws a seeded sequence of them and stamps each one's
``common`` (kept encoded apart from the rest of the payload) with a fresh msg_id, room_id and
create_time. Frames are assembled from bytes (``wire``), so one websocket
carries far more events per second than TikTokLive can decode.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tokgate.sim import wire

CHAT = "WebcastChatMessage"
GIFT = "WebcastGiftMessage"
LIKE = "WebcastLikeMessage"
MEMBER = "WebcastMemberMessage"
SOCIAL = "WebcastSocialMessage"
ROOM_USER_SEQ = "WebcastRoomUserSeqMessage"
CONTROL = "WebcastControlMessage"
# Message types TikTokLive has no event class for: they reach clients as UnknownEvent.
UNKNOWN_METHODS = ("WebcastRoomStreamAdaptationMessage", "WebcastSimUnknownMessage")

STREAM_ENDED = 3  # ControlAction.STREAM_ENDED

# (kind, weight): the realistic mix of a busy room.
EVENT_MIX: tuple[tuple[str, int], ...] = (
    ("chat", 30),
    ("like", 22),
    ("join", 16),
    ("gift_streak", 6),
    ("gift", 4),
    ("follow", 6),
    ("share", 4),
    ("viewers", 6),
    ("unknown", 6),
)

_VIEWER_NAMES = (
    "mila_rose",
    "jonas.k",
    "ayo_dara",
    "lena_v",
    "kenji_88",
    "sofia.m",
    "tobi_t",
    "nora_b",
    "raj.patel",
    "elif_s",
    "max_power",
    "ines_l",
    "oluwa_f",
    "clara.j",
    "dev_null",
    "yuki_h",
)
_COMMENTS = (
    "hello from Berlin!",
    "love this stream",
    "what song is this?",
    "first time here",
    "🔥🔥🔥",
    "can you say hi to me?",
    "how long have you been live?",
    "gg",
    "haha",
    "this is so relaxing",
    "where did you get that?",
    "👋👋",
    "respect",
    "lol",
    "again!",
    "you're the best",
)
# The room's gift list: (gift id, name, diamonds, streakable); gift/list/ serves it too.
GIFTS = (
    (5655, "Rose", 1, True),
    (5269, "TikTok", 1, True),
    (5879, "Doughnut", 30, True),
    (6064, "GG", 1, True),
    (5487, "Finger Heart", 5, True),
    (6369, "Lion", 29999, False),
    (7934, "Heart Me", 1, True),
    (5760, "Weights", 1, True),
)


def gift_type(streakable: bool) -> int:
    """TikTok's gift type: 1 is a streakable (combo) gift."""
    return 1 if streakable else 2


@dataclass(frozen=True, slots=True)
class PoolMessage:
    """One pre-encoded message: its type name, its ``common`` (without the per-event stamp)
    and the rest of its payload."""

    method: str
    common: bytes
    body: bytes
    method_field: bytes = field(init=False)  # BaseProtoMessage.method, encoded once

    def __post_init__(self) -> None:
        object.__setattr__(self, "method_field", wire.string_field(1, self.method))


def _build_pool(seed: int) -> dict[str, list[list[PoolMessage]]]:
    """Every event kind as lists of message sequences (a gift streak is several messages)."""
    from TikTokLive.proto import (
        CommonMessageData,
        Gift,
        User,
        WebcastChatMessage,
        WebcastGiftMessage,
        WebcastLikeMessage,
        WebcastMemberMessage,
        WebcastRoomUserSeqMessage,
        WebcastSocialMessage,
    )
    from TikTokLiveProto.v3.webcast.model.message.common import Text

    rng = random.Random(seed)
    users = [
        User(
            id=6_900_000_000_000_000_000 + index * 7919,
            nickname=name.replace("_", " ").title(),
            display_id=name,
            sec_uid=f"MS4wLjABAAAAsim{index:04d}",
        )
        for index, name in enumerate(_VIEWER_NAMES)
    ]

    def encoded(method: str, message: object, display_key: str = "") -> PoolMessage:
        text = (
            Text(key=display_key, default_pattern="{0:user} " + display_key)
            if display_key
            else None
        )
        common = bytes(CommonMessageData(method=method, display_text=text))
        return PoolMessage(method, common, bytes(message))  # type: ignore[call-overload]

    pool: dict[str, list[list[PoolMessage]]] = {kind: [] for kind, _ in EVENT_MIX}
    for index, user in enumerate(users):
        pool["chat"].append(
            [
                encoded(
                    CHAT, WebcastChatMessage(user=user, content=_COMMENTS[index % len(_COMMENTS)])
                )
            ]
        )
        pool["like"].append(
            [
                encoded(
                    LIKE,
                    WebcastLikeMessage(
                        user=user, count=rng.randint(1, 15), total=1000 + index * 37
                    ),
                    "pm_mt_msg_viewer",
                )
            ]
        )
        pool["join"].append(
            [
                encoded(
                    MEMBER,
                    WebcastMemberMessage(user=user, member_count=200 + index, action=1),
                    "live_room_enter_toast",
                )
            ]
        )
        pool["follow"].append(
            [
                encoded(
                    SOCIAL,
                    WebcastSocialMessage(user=user, action=1, follow_count=5000 + index),
                    "pm_main_follow_message_viewer_2",
                )
            ]
        )
        pool["share"].append(
            [
                encoded(
                    SOCIAL,
                    WebcastSocialMessage(user=user, action=3, share_type=1, share_count=index + 1),
                    "pm_mt_guidance_share",
                )
            ]
        )
        pool["viewers"].append(
            [
                encoded(
                    ROOM_USER_SEQ,
                    WebcastRoomUserSeqMessage(total=150 + index * 11, total_user=900 + index),
                )
            ]
        )
        pool["unknown"].append(
            [
                PoolMessage(
                    UNKNOWN_METHODS[index % len(UNKNOWN_METHODS)],
                    b"",
                    wire.string_field(2, f"sim-unknown-{index}") + wire.varint_field(3, index),
                )
            ]
        )
        gift_id, name, diamonds, streakable = GIFTS[index % len(GIFTS)]
        gift = Gift(id=gift_id, name=name, diamond_count=diamonds, type=gift_type(streakable))
        group_id = 1_700_000_000_000 + index
        if streakable:
            length = rng.randint(2, 5)
            pool["gift_streak"].append(
                [
                    encoded(
                        GIFT,
                        WebcastGiftMessage(
                            gift_id=gift_id,
                            user=user,
                            gift=gift,
                            repeat_count=step,
                            combo_count=step,
                            group_id=group_id,
                            repeat_end=int(step == length),
                        ),
                    )
                    for step in range(1, length + 1)
                ]
            )
        pool["gift"].append(
            [
                encoded(
                    GIFT,
                    WebcastGiftMessage(
                        gift_id=gift_id,
                        user=user,
                        gift=gift,
                        repeat_count=1,
                        group_id=group_id,
                        repeat_end=1,
                    ),
                )
            ]
        )
    return pool


class EventPool:
    """The encoded payloads every room draws from, built once per process."""

    def __init__(
        self, seed: int, kinds: dict[str, list[list[PoolMessage]]], control_end: PoolMessage
    ) -> None:
        self.seed = seed
        self.kinds = kinds
        self.control_end = control_end

    @classmethod
    def build(cls, seed: int) -> EventPool:
        """Build with TikTokLive's classes (seconds: the import and pydantic's schemas)."""
        from TikTokLive.proto import CommonMessageData, WebcastControlMessage

        control_end = PoolMessage(
            CONTROL,
            bytes(CommonMessageData(method=CONTROL)),
            bytes(WebcastControlMessage(action=STREAM_ENDED)),
        )
        return cls(seed, _build_pool(seed), control_end)


class PoolLoader:
    """The pool, loaded in a worker thread while the rest starts (see ``pool_cache``)."""

    def __init__(self, load: Callable[[], EventPool]) -> None:
        self._load = load
        self._task: asyncio.Future[EventPool] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(asyncio.to_thread(self._load))

    @property
    def ready(self) -> bool:
        return self._task is not None and self._task.done()

    async def get(self) -> EventPool:
        if self._task is None:
            self.start()
        assert self._task is not None
        return await asyncio.shield(self._task)


def base_message(message: PoolMessage, msg_id: int, room_id: int, now_ms: int) -> bytes:
    """A BaseProtoMessage whose payload's ``common`` is stamped with this event's ids."""
    return _stamped(message, wire.varint(msg_id), _stamp_tail(room_id, now_ms))


def _stamp_tail(room_id: int, now_ms: int) -> bytes:
    return wire.varint_field(3, room_id) + wire.varint_field(4, now_ms)


def _stamped(message: PoolMessage, msg_id: bytes, tail: bytes, override: bytes = b"") -> bytes:
    """The hot path: about a microsecond of byte concatenation per event. ``override`` is
    appended to the payload: a repeated scalar field's last value wins when it is parsed."""
    common = message.common + b"\x10" + msg_id + tail  # common.msg_id (2), then tail
    payload = b"\x0a" + wire.varint(len(common)) + common + message.body + override
    return (
        message.method_field + b"\x12" + wire.varint(len(payload)) + payload + b"\x18" + msg_id
    )  # payload (2), msg_id (3)


# WebcastGiftMessage.group_id: the id a gift streak's messages share.
GIFT_GROUP_ID_FIELD = 11
# Seeds the history (first fetch) apart from the live sequence of the same room.
HISTORY_SALT = 0x5EED_4157


class EventStream:
    """The seeded sequence of messages one websocket of one room carries."""

    def __init__(self, pool: EventPool, room_id: int) -> None:
        self._pool = pool
        self._room_id = room_id
        self._rng = random.Random(pool.seed ^ room_id)
        self._kinds = [kind for kind, _ in EVENT_MIX]
        self._weights = [weight for _, weight in EVENT_MIX]
        self._pending: list[PoolMessage] = []
        self._override = b""
        self._msg_id = room_id % 1_000_000_000 * 1000
        # Gift streaks get a group id of their own, as on TikTok, unique across reconnects.
        self._group_ids = itertools.count(time.time_ns() // 1000)

    def _next(self) -> tuple[PoolMessage, bytes]:
        """The next pooled message and what to override in it."""
        if not self._pending:
            kind = self._rng.choices(self._kinds, self._weights)[0]
            choices = self._pool.kinds[kind]
            self._pending = list(reversed(choices[self._rng.randrange(len(choices))]))
            gift = kind in ("gift", "gift_streak")
            self._override = (
                wire.varint_field(GIFT_GROUP_ID_FIELD, next(self._group_ids)) if gift else b""
            )
        return self._pending.pop(), self._override

    def take(self, count: int) -> list[bytes]:
        """The next ``count`` messages, encoded as BaseProtoMessages."""
        tail = _stamp_tail(self._room_id, int(time.time() * 1000))
        out = []
        for _ in range(count):
            message, override = self._next()
            self._msg_id += 1
            out.append(_stamped(message, wire.varint(self._msg_id), tail, override))
        return out

    def history(self, count: int) -> list[bytes]:
        """Recent comments, as TikTok's first fetch result carries them: drawn apart from
        the live sequence, so the websocket that follows repeats none of them."""
        rng = random.Random(self._pool.seed ^ self._room_id ^ HISTORY_SALT)
        chats = self._pool.kinds["chat"]
        tail = _stamp_tail(self._room_id, int(time.time() * 1000))
        first_id = self._msg_id - count  # below every id of the live sequence
        return [
            _stamped(chats[rng.randrange(len(chats))][0], wire.varint(first_id + n), tail)
            for n in range(count)
        ]

    def control_end(self) -> bytes:
        """The message that ends the LIVE."""
        self._msg_id += 1
        return base_message(
            self._pool.control_end, self._msg_id, self._room_id, int(time.time() * 1000)
        )


_GZIP_HEADER = wire.bytes_field(
    5, wire.string_field(1, "compress_type") + wire.string_field(2, "gzip")
)
_FRAME_TAIL_FIELDS = wire.string_field(6, "pb") + wire.string_field(7, "msg")


def fetch_result(
    messages: list[bytes], cursor: str, internal_ext: str, now_ms: int, fetch_interval: int = 1000
) -> bytes:
    """A ProtoMessageFetchResult (need_ack set) from encoded messages."""
    return (
        b"".join(wire.bytes_field(1, message) for message in messages)
        + wire.string_field(2, cursor)
        + wire.varint_field(3, fetch_interval)
        + wire.varint_field(4, now_ms)
        + wire.string_field(5, internal_ext)
        + wire.varint_field(9, 1)
    )


def push_frame(log_id: int, body: bytes, compress: bool, payload_type: str = "msg") -> bytes:
    """A WebcastPushFrame carrying ``body``, gzip-compressed when the client asked for it."""
    if compress:
        body = gzip.compress(body, compresslevel=1, mtime=0)
    head = wire.varint_field(1, log_id) + wire.varint_field(2, log_id)
    if payload_type == "msg":
        tail = _FRAME_TAIL_FIELDS
    else:
        tail = wire.string_field(6, "pb") + wire.string_field(7, payload_type)
    return head + (_GZIP_HEADER if compress else b"") + tail + wire.bytes_field(8, body)


def malformed_frame(log_id: int) -> bytes:
    """A push frame whose gzip payload is cut short: TikTokLive cannot decode it."""
    body = gzip.compress(b"\x0a\x10" + b"\x00" * 64, mtime=0)[:12]
    return (
        wire.varint_field(1, log_id)
        + wire.varint_field(2, log_id)
        + _GZIP_HEADER
        + _FRAME_TAIL_FIELDS
        + wire.bytes_field(8, body)
    )

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
from typing import Any

from tokgate.sim import programs, room_messages, wire
from tokgate.sim.payloads import Payload, text
from tokgate.sim.programs import EVENT_MIX
from tokgate.sim.scenarios import EventProgram

# The mix's kinds and their cumulative weights, for ``random.choices`` on every draw.
MIX_KINDS = tuple(kind for kind, _ in EVENT_MIX)
MIX_CUM_WEIGHTS = tuple(itertools.accumulate(weight for _, weight in EVENT_MIX))
# Message types TikTokLive has no event class for: they reach clients as UnknownEvent.
UNKNOWN_METHODS = ("WebcastRoomStreamAdaptationMessage", "WebcastSimUnknownMessage")


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


def _encoded(payload: Payload) -> PoolMessage:
    """``payload`` as TikTokLive's own message class encodes it, ``common`` kept apart."""
    from TikTokLive.events import proto_events
    from TikTokLive.proto import CommonMessageData

    message_class = getattr(proto_events, payload.method)
    common: dict[str, Any] = {"method": payload.method}
    if payload.display_key:
        common["displayText"] = text(payload.display_key, "{0:user} " + payload.display_key)
    return PoolMessage(
        payload.method,
        bytes(CommonMessageData.from_dict(common)),
        bytes(message_class.from_dict(payload.body)),
    )


def _unknown(index: int) -> PoolMessage:
    """A message of a type TikTokLive does not know, with a little body of its own."""
    body = wire.string_field(2, f"sim-unknown-{index}") + wire.varint_field(3, index)
    return PoolMessage(UNKNOWN_METHODS[index % len(UNKNOWN_METHODS)], b"", body)


def program_kind(program: EventProgram) -> str:
    """Where the pool keeps a program's one sequence, apart from the mix's kinds."""
    return f"program:{program.value}"


def _build_pool() -> dict[str, list[list[PoolMessage]]]:
    """Every mix kind as lists of message sequences (a gift streak is several messages), and
    every other program as one sequence under its name."""
    kinds = {
        kind: [[_encoded(payload) for payload in sequence] for sequence in sequences]
        for kind, sequences in programs.mix_kinds().items()
    }
    kinds[programs.UNKNOWN_KIND] = [[_unknown(index)] for index in range(programs.VARIANTS)]
    every_type = [_encoded(p) for p in programs.every_type()]
    variants = [_encoded(p) for p in programs.every_variant()]
    kinds[program_kind(EventProgram.EVERY_TYPE)] = [every_type]
    kinds[program_kind(EventProgram.EVERY_EVENT)] = [every_type + variants]  # encoded once
    kinds[program_kind(EventProgram.BATTLE)] = [[_encoded(p) for p in programs.battle_loop()]]
    return kinds


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
        control_end = _encoded(room_messages.control(room_messages.STREAM_ENDED))
        return cls(seed, _build_pool(), control_end)


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
    """The seeded sequence of messages one websocket of one room carries: draws from the mix,
    or another program's sequence from its start, on a loop."""

    def __init__(
        self, pool: EventPool, room_id: int, program: EventProgram = EventProgram.MIX
    ) -> None:
        self._pool = pool
        self._room_id = room_id
        self._rng = random.Random(pool.seed ^ room_id)
        self._loop = None if program is EventProgram.MIX else pool.kinds[program_kind(program)][0]
        self._pending: list[PoolMessage] = []
        self._override = b""
        self._msg_id = room_id % 1_000_000_000 * 1000
        # Gift streaks get a group id of their own, as on TikTok, unique across reconnects.
        self._group_ids = itertools.count(time.time_ns() // 1000)

    def _next(self) -> tuple[PoolMessage, bytes]:
        """The next pooled message and what to override in it."""
        if not self._pending and self._loop is not None:
            self._pending = list(reversed(self._loop))
        if not self._pending:
            kind = self._rng.choices(MIX_KINDS, cum_weights=MIX_CUM_WEIGHTS)[0]
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

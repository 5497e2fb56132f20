"""Frame screening (tokgate.live.frames) against TikTokLive's own frame parsing, by example and
by a seeded fuzz (quick in ``make test``, long in ``make soak``)."""

from __future__ import annotations

import gzip
import random
import re
from types import ModuleType
from typing import TYPE_CHECKING, Any

import betterproto2
import pytest
import TikTokLive.proto as tl
from TikTokLive.client.ws.ws_utils import extract_webcast_response_message
from tokgate.live.frames import MalformedFrameError, screen_frame
from tokgate.webcast.v1alpha import webcast_pb2

if TYPE_CHECKING:
    from tests.conftest import Tier


def _gzip_frame(payload: bytes) -> bytes:
    frame = tl.WebcastPushFrame(
        log_id=42,
        payload_type="msg",
        headers=[tl.PushHeader(key="compress_type", value="gzip")],
        payload=payload,
    )
    return bytes(frame)


def test_gzip_frame_is_handed_on_decompressed(webcast_frames: ModuleType) -> None:
    result = webcast_frames.fetch_result(webcast_frames.build_messages())
    screened = screen_frame(_gzip_frame(gzip.compress(bytes(result))))
    frame = tl.WebcastPushFrame().parse(screened)
    assert not frame.headers and frame.log_id == 42
    assert extract_webcast_response_message(frame) == result


def test_plain_and_heartbeat_frames_pass_unchanged(webcast_frames: ModuleType) -> None:
    plain = webcast_frames.push_frame(webcast_frames.fetch_result(webcast_frames.build_messages()))
    heartbeat = bytes(tl.WebcastPushFrame(payload_type="hb", payload=b"\xff\xff"))
    assert screen_frame(plain) == plain
    assert screen_frame(heartbeat) == heartbeat


@pytest.mark.parametrize(
    "frame",
    [
        # A valid fetch result whose gzip trailer is cut: only the end-of-stream check sees it.
        _gzip_frame(gzip.compress(bytes(tl.ProtoMessageFetchResult(cursor="c")))[:-4]),
        _gzip_frame(b"not gzip at all"),
        _gzip_frame(gzip.compress(b"\x0a\x05abc")),  # inflates to a truncated fetch result
        b"\x0a\xff",  # not a push frame
    ],
    ids=["gzip_trailer_cut", "not_gzip", "truncated_fetch_result", "not_a_push_frame"],
)
def test_undecodable_frames_raise_malformed(frame: bytes) -> None:
    with pytest.raises(MalformedFrameError) as raised:
        screen_frame(frame)
    assert raised.value.size == len(frame)


# --- the fuzz: corrupt frames at every layer -------------------------------------------------
# The property: a frame is either dropped (MalformedFrameError, sized as received) or handed on
# in a form TikTokLive's own parsing reads (the frame, and a "msg" frame's fetch result) as the
# screen read it, and screening that form again changes nothing.


def _mutated(rng: random.Random, data: bytes) -> bytes:
    """``data`` after one to three random edits: a bit flip, a byte overwritten, bytes inserted
    or deleted, the tail cut."""
    out = bytearray(data)
    for _ in range(rng.randrange(1, 4)):
        if not out:
            out = bytearray(rng.randbytes(rng.randrange(1, 4)))
        at = rng.randrange(len(out))
        edit = rng.randrange(5)
        if edit == 0:
            out[at] ^= 1 << rng.randrange(8)
        elif edit == 1:
            out[at] = rng.randrange(256)
        elif edit == 2:
            out[at:at] = rng.randbytes(rng.randrange(1, 9))
        elif edit == 3:
            del out[at : at + rng.randrange(1, 17)]
        else:
            del out[at:]
    return bytes(out)


def _push_frame(payload: bytes, compression: str, payload_type: str = "msg") -> bytes:
    return bytes(
        tl.WebcastPushFrame(
            seq_id=1,
            log_id=42,
            payload_encoding="pb",
            payload_type=payload_type,
            headers=[tl.PushHeader(key="compress_type", value=compression)],
            payload=payload,
        )
    )


def _fuzzed_frame(rng: random.Random, webcast_frames: ModuleType, messages: list[Any]) -> bytes:
    """A frame corrupted at one layer: the frame's bytes, the gzip stream, or the fetch result
    inside (gzipped intact or sent plain), or a heartbeat."""
    start = rng.randrange(len(messages))
    result = bytes(webcast_frames.fetch_result(messages[start : start + rng.randrange(1, 20)]))
    layer = rng.randrange(5)
    if layer == 0:
        return _mutated(rng, _push_frame(result, "none"))
    if layer == 1:
        return _mutated(rng, _push_frame(gzip.compress(result), "gzip"))
    if layer == 2:
        return _push_frame(_mutated(rng, gzip.compress(result)), "gzip")
    if layer == 3:
        inner = _mutated(rng, result)
        if rng.random() < 0.5:
            return _push_frame(gzip.compress(inner), "gzip")
        return _push_frame(inner, "none")
    return _mutated(rng, _push_frame(b"\xff\xff", "none", payload_type="hb"))


def _tiktoklive_reads(frame: bytes) -> tuple[Any, ...]:
    """What TikTokLive's websocket loop does with a frame (raises where it would): its payload
    type and, for a "msg" frame, the fetch result's messages (what tokgate decodes) and route
    params."""
    push_frame = tl.WebcastPushFrame().parse(frame)
    if push_frame.payload_type != "msg":
        return push_frame.payload_type, None, None
    result = extract_webcast_response_message(push_frame)
    messages = [(m.method, m.payload, m.msg_id) for m in result.messages]
    return push_frame.payload_type, messages, result.route_params


def _screen_reads(frame: bytes) -> tuple[Any, ...]:
    """A screened frame as the C runtime reads it, as ``_tiktoklive_reads`` has it but for the
    route params (the C runtime leaves out a map entry holding an unknown field)."""
    push_frame = webcast_pb2.WebcastPushFrame.FromString(frame)
    if push_frame.payload_type != "msg":
        return push_frame.payload_type, None
    result = webcast_pb2.ProtoMessageFetchResult.FromString(push_frame.payload)
    return push_frame.payload_type, [(m.method, m.payload, m.msg_id) for m in result.messages]


@pytest.fixture(scope="module")
def room_messages(webcast_frames: ModuleType) -> list[Any]:
    messages: list[Any] = webcast_frames.build_messages()
    return messages


def test_fuzzed_frames_are_dropped_or_read_by_tiktoklive(
    tier: Tier, webcast_frames: ModuleType, room_messages: list[Any]
) -> None:
    outcomes = {"dropped": 0, "handed_on": 0}

    def case(rng: random.Random) -> None:
        frame = _fuzzed_frame(rng, webcast_frames, room_messages)
        try:
            screened = screen_frame(frame)
        except MalformedFrameError as exc:
            assert exc.size == len(frame)
            outcomes["dropped"] += 1
            return
        assert screen_frame(screened) == screened, f"screening twice differs: {frame.hex()}"
        try:
            read = _tiktoklive_reads(screened)
        except Exception as exc:
            raise AssertionError(f"handed on, but TikTokLive fails on it: {frame.hex()}") from exc
        assert read[:2] == _screen_reads(screened), f"TikTokLive reads it otherwise: {frame.hex()}"
        outcomes["handed_on"] += 1

    cases = tier.fuzz(case, quick=1500, soak=150_000)
    # The mix reaches both sides of the screen, not just one.
    assert outcomes["dropped"] > cases // 10 and outcomes["handed_on"] > cases // 10, outcomes


def test_a_known_field_with_the_wrong_wire_type_is_dropped() -> None:
    push_server = webcast_pb2.ProtoMessageFetchResult.DESCRIPTOR.fields_by_name["push_server"]
    as_varint = bytes([push_server.number << 3, 1])  # a string field, sent as the integer 1
    frame = _push_frame(as_varint, "none")
    with pytest.raises(ValueError, match="valid string"):  # pydantic's ValidationError
        _tiktoklive_reads(frame)
    with pytest.raises(MalformedFrameError) as raised:
        screen_frame(frame)
    assert raised.value.size == len(frame)
    assert "ProtoMessageFetchResult.push_server arrived with wire type varint" in str(raised.value)


# --- every field TikTokLive parses, sent with every other wire type -----------------------------
# What TikTokLive parses of a frame is its envelope: the push frame, its headers, and for a "msg"
# frame the fetch result, its messages and its route params' entries (a message's payload stays
# bytes: tokgate decodes it). The cases take the fields from TikTokLive's own classes.

VARINT, FIXED64, LENGTH_DELIMITED, GROUP, END_GROUP, FIXED32 = range(6)
_WIRE_TYPES = {
    VARINT: "varint",
    FIXED64: "fixed64",
    LENGTH_DELIMITED: "length-delimited",
    GROUP: "group",
    FIXED32: "fixed32",
}
_ROUTE_PARAM = tl.ProtoMessageFetchResult._betterproto.cls_by_field["route_params"]
# Each message type TikTokLive parses in a frame, by the name the screen's messages give it.
_ENVELOPE: dict[str, Any] = {
    "WebcastPushFrame": tl.WebcastPushFrame,
    "PushHeader": tl.PushHeader,
    "ProtoMessageFetchResult": tl.ProtoMessageFetchResult,
    "BaseProtoMessage": tl.BaseProtoMessage,
    "ProtoMessageFetchResult.RouteParamsEntry": _ROUTE_PARAM,
}
# The same types in tokgate's schema (which the screen's checks come from).
_OURS = {
    name: webcast_pb2.DESCRIPTOR.pool.FindMessageTypeByName(f"webcast.v1alpha.{name}")
    for name in _ENVELOPE
}


def _message_fields(message_class: Any) -> dict[str, Any]:
    """TikTokLive's message (and map) fields of a class, with their classes."""
    meta = message_class._betterproto
    return {
        name: meta.cls_by_field[name]
        for name, field in meta.meta_by_field_name.items()
        if field.proto_type in ("message", "map")
    }


def _wire_type(message_class: Any, name: str) -> int:
    """The wire type TikTokLive's parser expects for a field."""
    proto_type = message_class._betterproto.meta_by_field_name[name].proto_type
    for wire_type, proto_types in (
        (VARINT, betterproto2.WIRE_VARINT_TYPES),
        (FIXED64, betterproto2.WIRE_FIXED_64_TYPES),
        (LENGTH_DELIMITED, betterproto2.WIRE_LEN_DELIM_TYPES),
        (FIXED32, betterproto2.WIRE_FIXED_32_TYPES),
    ):
        if proto_type in proto_types:
            return wire_type
    raise AssertionError(proto_type)


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    return bytes([*out, value])


def _tag(number: int, wire_type: int) -> bytes:
    return _varint(number << 3 | wire_type)


def _delimited(number: int, data: bytes) -> bytes:
    return _tag(number, LENGTH_DELIMITED) + _varint(len(data)) + data


def _field(number: int, wire_type: int) -> bytes:
    """Field ``number`` with ``wire_type`` and a small value (a group: an empty one)."""
    values = {
        VARINT: b"\x01",
        FIXED64: bytes(8),
        LENGTH_DELIMITED: b"\x01x",
        GROUP: _tag(number, END_GROUP),
        FIXED32: bytes(4),
    }
    return _tag(number, wire_type) + values[wire_type]


def _frame_with(
    extra: bytes, where: str, *, compression: str = "none", payload_type: str = "msg"
) -> bytes:
    """A frame (three messages, a route param) in which the message ``where`` (of the messages,
    the second) ends with the bytes ``extra``."""

    def ending(name: str, data: bytes) -> bytes:
        return data + extra if name == where else data

    messages = [
        bytes(tl.BaseProtoMessage(method="WebcastChatMessage", payload=b"\x08\x01", msg_id=n))
        for n in (1, 2, 3)
    ]
    messages[1] = ending("BaseProtoMessage", messages[1])
    route_param = bytes(_ROUTE_PARAM(key="k", value="v"))
    result = ending(
        "ProtoMessageFetchResult",
        bytes(tl.ProtoMessageFetchResult(cursor="c", need_ack=True))
        + b"".join(_delimited(1, message) for message in messages)
        + _delimited(7, ending("ProtoMessageFetchResult.RouteParamsEntry", route_param)),
    )
    header = ending("PushHeader", bytes(tl.PushHeader(key="compress_type", value=compression)))
    frame = tl.WebcastPushFrame(
        seq_id=1,
        log_id=42,
        payload_type=payload_type,
        payload=gzip.compress(result) if compression == "gzip" else result,
    )
    return ending("WebcastPushFrame", bytes(frame) + _delimited(5, header))


def test_the_envelope_is_what_tiktoklive_parses_and_the_schemas_agree() -> None:
    reached, pending = set(), [tl.WebcastPushFrame, tl.ProtoMessageFetchResult]
    while pending:
        message_class = pending.pop()
        reached.add(message_class)
        pending += [c for c in _message_fields(message_class).values() if c not in reached]
    assert reached == set(_ENVELOPE.values())
    for name, message_class in _ENVELOPE.items():
        numbers = message_class._betterproto.field_name_by_number
        assert numbers == {field.number: field.name for field in _OURS[name].fields}, name
    # The screen checks the push frame as parsed, walking its headers but nothing deeper.
    assert _message_fields(tl.WebcastPushFrame) == {"headers": tl.PushHeader}
    assert _message_fields(tl.PushHeader) == {}


_MISENCODED = [
    pytest.param(where, number, name, wire_type, id=f"{where}.{name}-as-{_WIRE_TYPES[wire_type]}")
    for where, message_class in _ENVELOPE.items()
    for number, name in message_class._betterproto.field_name_by_number.items()
    for wire_type in _WIRE_TYPES
    if wire_type != _wire_type(message_class, name)
]


@pytest.mark.parametrize("compression", ["none", "gzip"])
@pytest.mark.parametrize(("where", "number", "name", "wire_type"), _MISENCODED)
def test_every_field_tiktoklive_parses_is_dropped_when_sent_with_another_wire_type(
    where: str, number: int, name: str, wire_type: int, compression: str
) -> None:
    frame = _frame_with(_field(number, wire_type), where, compression=compression)
    # What ended the connection: pydantic's ValidationError (a ValueError), or a KeyError or
    # AttributeError from betterproto2 (a fixed-width value for a varint field, a map's entry).
    with pytest.raises((ValueError, KeyError, AttributeError)):
        _tiktoklive_reads(frame)
    message = f"{where}.{name} arrived with wire type {_WIRE_TYPES[wire_type]}"
    with pytest.raises(MalformedFrameError, match=re.escape(message)) as raised:
        screen_frame(frame)
    assert raised.value.size == len(frame)


@pytest.mark.parametrize("number", [99, 2**29 - 1])  # the largest field number
@pytest.mark.parametrize("wire_type", [VARINT, FIXED64, LENGTH_DELIMITED, FIXED32])
@pytest.mark.parametrize("where", _ENVELOPE)
def test_unknown_field_numbers_pass_and_tiktoklive_reads_past_them(
    where: str, wire_type: int, number: int
) -> None:
    frame = _frame_with(_field(number, wire_type), where)
    assert screen_frame(frame) == frame
    assert _tiktoklive_reads(frame) == _tiktoklive_reads(_frame_with(b"", where))
    gzipped = _frame_with(_field(number, wire_type), where, compression="gzip")
    assert _tiktoklive_reads(screen_frame(gzipped)) == _tiktoklive_reads(frame)


@pytest.mark.parametrize("where", _ENVELOPE)
def test_a_group_is_dropped(where: str) -> None:
    frame = _frame_with(_field(99, GROUP), where)  # an empty group, of a number nobody defines
    with pytest.raises(MalformedFrameError, match=re.escape(f"{where} holds a group (field 99)")):
        screen_frame(frame)


def test_tiktoklive_reads_a_groups_body_as_the_messages_own_fields() -> None:
    # Why a group is dropped: here the C runtime reads a heartbeat, TikTokLive a "msg" frame.
    group = _tag(99, GROUP) + _delimited(7, b"msg") + _tag(99, END_GROUP)
    frame = bytes(tl.WebcastPushFrame(payload_type="hb", payload=b"\xff\xff")) + group
    assert webcast_pb2.WebcastPushFrame.FromString(frame).payload_type == "hb"
    assert tl.WebcastPushFrame().parse(frame).payload_type == "msg"
    with pytest.raises(MalformedFrameError):
        screen_frame(frame)


def test_a_heartbeat_is_checked_as_far_as_tiktoklive_parses_it() -> None:
    # The frame and its headers, but not its payload.
    for where in ("WebcastPushFrame", "PushHeader"):
        frame = _frame_with(_field(1, FIXED32), where, payload_type="hb")
        with pytest.raises(MalformedFrameError):
            screen_frame(frame)
    frame = _frame_with(_field(1, FIXED32), "BaseProtoMessage", payload_type="hb")
    assert screen_frame(frame) == frame
    assert _tiktoklive_reads(frame) == ("hb", None, None)

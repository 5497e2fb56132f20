"""Frame screening (tokgate.live.frames) against TikTokLive's own frame parsing, by example and
by a seeded fuzz (quick in ``make test``, long in ``make soak``)."""

from __future__ import annotations

import gzip
import random
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
import TikTokLive.proto as tl
from TikTokLive.client.ws.ws_utils import extract_webcast_response_message
from tokgate.live.frames import MalformedFrameError, screen_frame
from tokgate.webcast import webcast_pb2

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
# in a form TikTokLive's own parsing reads (the frame, and a "msg" frame's fetch result), and
# screening that form again changes nothing.


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


def _tiktoklive_reads(frame: bytes) -> None:
    """What TikTokLive's websocket loop does with a frame; raises where it would."""
    push_frame = tl.WebcastPushFrame().parse(frame)
    if push_frame.payload_type == "msg":
        extract_webcast_response_message(push_frame)


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
            _tiktoklive_reads(screened)
        except Exception as exc:
            raise AssertionError(f"handed on, but TikTokLive fails on it: {frame.hex()}") from exc
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

"""Frame screening (tokgate.live.frames) against TikTokLive's own frame parsing."""

from __future__ import annotations

import gzip
from types import ModuleType

import pytest
import TikTokLive.proto as tl
from TikTokLive.client.ws.ws_utils import extract_webcast_response_message
from tokgate.live.frames import MalformedFrameError, screen_frame


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

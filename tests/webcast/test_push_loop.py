"""tokgate's push loop against TikTokLive's own, on the same frames (the differential test).

A scripted websocket server sends both loops the same frames: fetch results that ask for an ack
(with and without ``internal_ext``, gzipped and plain), one that does not, TikTok's transport
frames (a heartbeat answer, the enter-room answer), a corrupt frame and a fetch result with a
known field sent with the wrong wire type. Each loop is built as the adapter builds it
(TikTokLive's under the screening protocol). The test compares what each loop writes back
(enter-room, heartbeats, acks) byte for byte, and what each hands to the decoder.

Run it on every TikTokLive version bump: it is what says tokgate's loop still does what the
library's does.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import importlib.metadata
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx
import pytest
import TikTokLive.proto as tl
from TikTokLive.client.ws.ws_client import WebcastWSClient
from tokgate.live.frames import MalformedFrameError, ScreenedProtocol
from tokgate.live.push_loop import PushClient
from tokgate.webcast.v1alpha import webcast_pb2
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

ROOM_ID = 7_300_000_000_000_000_001
PING_INTERVAL = 0.05  # seconds, as the server's Handshake-Options header says


def _frame(log_id: int, payload_type: str, payload: bytes, compression: str = "none") -> bytes:
    return webcast_pb2.WebcastPushFrame(
        seq_id=log_id,
        log_id=log_id,
        payload_encoding="pb",
        payload_type=payload_type,
        headers=[webcast_pb2.PushHeader(key="compress_type", value=compression)],
        payload=gzip.compress(payload) if compression == "gzip" else payload,
    ).SerializeToString()


def _result(messages: list[Any], *, need_ack: bool, internal_ext: str) -> bytes:
    return bytes(
        tl.ProtoMessageFetchResult(
            messages=[
                tl.BaseProtoMessage(method=m.method, payload=m.payload, msg_id=i + 1)
                for i, m in enumerate(messages)
            ],
            cursor="1763000000000_1",
            now=1_763_000_000_000,
            internal_ext=internal_ext,
            need_ack=need_ack,
        )
    )


def script(messages: list[Any]) -> tuple[list[bytes], int]:
    """The frames the server sends, and how many acks a faithful loop writes back."""
    push_server = webcast_pb2.ProtoMessageFetchResult.DESCRIPTOR.fields_by_name["push_server"]
    wrong_wire_type = bytes([push_server.number << 3, 1]) + _result(
        messages[:2], need_ack=True, internal_ext="x"
    )
    frames = [
        _frame(11, "msg", _result(messages[0:10], need_ack=True, internal_ext="ext:11"), "gzip"),
        _frame(12, "msg", _result(messages[10:20], need_ack=True, internal_ext="")),
        _frame(13, "msg", _result(messages[20:30], need_ack=False, internal_ext="ext:13")),
        _frame(14, "hb", b"\x08\x01"),
        _frame(15, "im_enter_room_resp", b""),
        b"\x0a\xff\xff\xff",  # corrupt: a length running past the end
        _frame(16, "msg", wrong_wire_type),
        _frame(17, "msg", _result(messages[30:], need_ack=True, internal_ext="ext:17"), "gzip"),
    ]
    return frames, 3


@dataclass
class Run:
    """What one loop did: the frames it wrote back, by payload type, and what it yielded."""

    written: dict[str, list[bytes]] = field(default_factory=dict)
    yielded: list[list[tuple[str, bytes, int]]] = field(default_factory=list)
    frames_seen: int = 0
    malformed: int = 0


class Recorder:
    """The room's side of the loop: counts frames and malformed frames."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def on_frame(self) -> None:
        self.run.frames_seen += 1

    async def on_malformed(self, error: Exception) -> None:
        assert isinstance(error, MalformedFrameError)
        self.run.malformed += 1


async def run_loop(loop: str, frames: list[bytes], acks: int, messages: list[Any]) -> Run:
    """Serve ``frames`` to one loop, built as the adapter builds it, and record both sides."""
    run = Run()
    recorder = Recorder(run)
    all_acked = asyncio.Event()

    def options(connection: ServerConnection, request: Request, response: Response) -> Response:
        response.headers["Handshake-Options"] = f"ping-interval={PING_INTERVAL}"
        return response

    async def handler(connection: ServerConnection) -> None:
        async def read() -> None:
            async for data in connection:
                assert isinstance(data, bytes)
                frame = webcast_pb2.WebcastPushFrame.FromString(data)
                run.written.setdefault(frame.payload_type, []).append(data)
                if len(run.written.get("ack", [])) == acks:
                    all_acked.set()

        reader = asyncio.create_task(read())
        for data in frames:
            await connection.send(data)
        await asyncio.wait_for(all_acked.wait(), 10)
        await asyncio.sleep(3 * PING_INTERVAL)  # a few heartbeats more
        await connection.close()
        await asyncio.gather(reader, return_exceptions=True)

    async with serve(handler, "127.0.0.1", 0, process_response=options) as server:
        port = server.sockets[0].getsockname()[1]
        initial = tl.ProtoMessageFetchResult(
            messages=[tl.BaseProtoMessage(method=messages[0].method, payload=b"", msg_id=1)],
            cursor="1763000000000_0",
            push_server=f"ws://127.0.0.1:{port}/webcast/im/push/",
            route_params={"imprp": "abc"},
            is_first=True,
            need_ack=True,
        )
        ws_kwargs: dict[str, Any] = {}
        client: WebcastWSClient
        if loop == "tokgate":
            client = PushClient(ws_kwargs=ws_kwargs, ws_proxy=None, listener=recorder)
        else:
            ws_kwargs["create_protocol"] = functools.partial(
                ScreenedProtocol, on_frame=recorder.on_frame, on_malformed=recorder.on_malformed
            )
            client = WebcastWSClient(ws_kwargs=ws_kwargs)
        async for result in client.connect(
            room_id=ROOM_ID,
            cookies=httpx.Cookies({"ttwid": "t"}),
            user_agent="tokgate-test",
            initial_webcast_response=initial,
        ):
            run.yielded.append([(m.method, bytes(m.payload), m.msg_id) for m in result.messages])
    return run


@pytest.fixture(scope="module")
def runs(webcast_frames: ModuleType) -> dict[str, Run]:
    messages = webcast_frames.build_messages(busy_rounds=1)[:40]
    frames, acks = script(messages)
    return {
        loop: asyncio.run(run_loop(loop, frames, acks, messages))
        for loop in ("tiktoklive", "tokgate")
    }


def test_both_loops_enter_the_room_alike(runs: dict[str, Run]) -> None:
    ours, theirs = runs["tokgate"].written, runs["tiktoklive"].written
    assert ours["im_enter_room"] == theirs["im_enter_room"]
    assert len(ours["im_enter_room"]) == 1


def test_both_loops_ack_the_same_frames_byte_for_byte(runs: dict[str, Run]) -> None:
    ours, theirs = runs["tokgate"].written["ack"], runs["tiktoklive"].written["ack"]
    assert ours == theirs
    acked = [webcast_pb2.WebcastPushFrame.FromString(ack) for ack in ours]
    # The frames that asked for one and read whole; an empty internal_ext is acked as "-".
    assert [(a.log_id, a.payload) for a in acked] == [(11, b"ext:11"), (12, b"-"), (17, b"ext:17")]


def test_both_loops_send_the_same_heartbeats(runs: dict[str, Run]) -> None:
    ours, theirs = runs["tokgate"].written["hb"], runs["tiktoklive"].written["hb"]
    # Timing decides how many; each one's bytes (room id, sequence from 1) must match.
    common = min(len(ours), len(theirs))
    assert common >= 2
    assert ours[:common] == theirs[:common]


def test_both_loops_hand_on_the_same_messages_and_drop_the_same_frames(
    runs: dict[str, Run],
) -> None:
    ours, theirs = runs["tokgate"], runs["tiktoklive"]
    assert ours.yielded == theirs.yielded
    assert len(ours.yielded) == 1 + 4  # the sign server's result, then four whole msg frames
    assert ours.malformed == theirs.malformed == 2
    assert ours.frames_seen == theirs.frames_seen == 8
    assert set(ours.written) == set(theirs.written) == {"im_enter_room", "hb", "ack"}


def test_the_loops_were_compared_on_the_pinned_tiktoklive() -> None:
    """A TikTokLive bump fails here until someone has read what its loop does now, run this
    module on it, and written the new version below."""
    assert importlib.metadata.version("TikTokLive") == "7.0.1"

"""Screening the push websocket's frames before TikTokLive sees them.

TikTokLive parses each frame inside its connection iterator, so one undecodable frame (a
corrupt push frame, a truncated gzip body) kills the connection. tokgate's websocket
protocol checks every frame first with the C-backed runtime: a malformed one is dropped
and reported, the rest are handed on already decompressed (the library then skips its own
gzip pass). Every frame, heartbeats included, also tells the room's watchdog the socket lives.
"""

from __future__ import annotations

import zlib
from collections.abc import Awaitable, Callable
from typing import Any

from google.protobuf.message import DecodeError
from websockets.legacy.client import WebSocketClientProtocol

from tokgate.errors.exceptions import MalformedUpstreamError
from tokgate.webcast import webcast_pb2


class MalformedFrameError(MalformedUpstreamError):
    """A push frame (or its compressed body) that does not decode."""

    def __init__(self, size: int, cause: Exception) -> None:
        super().__init__(f"undecodable webcast push frame ({size} bytes): {cause}")
        self.size = size


def screen_frame(data: bytes) -> bytes:
    """The frame as the library should get it (decompressed), or MalformedFrameError."""
    try:
        frame = webcast_pb2.WebcastPushFrame.FromString(data)
        if frame.payload_type != "msg":
            return data
        encodings = [h.value for h in frame.headers if h.key == "compress_type"]
        if encodings and encodings[0] == "gzip":
            inflater = zlib.decompressobj(wbits=31)
            body = inflater.decompress(frame.payload)
            if not inflater.eof:
                raise EOFError("compressed body ended before its end-of-stream marker")
            webcast_pb2.ProtoMessageFetchResult.FromString(body)
            del frame.headers[:]
            frame.payload = body
            return frame.SerializeToString()
        webcast_pb2.ProtoMessageFetchResult.FromString(frame.payload)
    except (DecodeError, zlib.error, EOFError) as exc:
        raise MalformedFrameError(len(data), exc) from exc
    return data


class ScreenedProtocol(WebSocketClientProtocol):
    """The websocket protocol of a room's connection; see the module docstring."""

    def __init__(
        self,
        *args: Any,
        on_frame: Callable[[], None],
        on_malformed: Callable[[MalformedFrameError], Awaitable[None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._on_frame = on_frame
        self._on_malformed = on_malformed

    async def recv(self) -> bytes | str:
        while True:
            data = await super().recv()
            self._on_frame()
            if isinstance(data, str):
                return data
            try:
                return screen_frame(data)
            except MalformedFrameError as exc:
                await self._on_malformed(exc)

"""tokgate's loop over a room's push websocket: each frame parsed once, with the C runtime.

TikTokLive 7.0.1 parses every frame's envelope (the WebcastPushFrame, the ProtoMessageFetchResult
and each message's BaseProtoMessage) with betterproto2 and pydantic, and acks each frame with a
betterproto2 message: about 100 µs of CPU per event, two thirds of a room's ingest. This loop
reads each frame once with upb (``frames.read_frame``: checked, so a malformed frame is dropped
and reported, never fatal) and hands the fetch result's bytes straight to the room, whose frame
call reads the messages in place.

It replaces the two pieces of the library that run per frame: the iterator over the websocket
(``WebcastConnect.__aiter__``) and the ack (``WebcastWSClient.send_ack``). What runs once per
connection, or once per ping interval, stays TikTokLive's and runs unchanged: the websocket URI,
its headers and cookies, the proxy, entering the room (``switch_rooms``) and the heartbeats
(``_ping_loop_fn``), as do the HTTP steps before the websocket. tests/live/test_push_loop.py
feeds the same frames to this loop and to the library's and compares what each writes back;
the simulator checks that acks and heartbeats arrive as TikTok expects them.

``upstream_loop = tiktoklive`` goes back to the library's own loop (its frames screened by
``frames.screen_frame``): the fallback if a TikTokLive release changes what the loop must do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol

from TikTokLive.client.errors import WebcastBlockedError
from TikTokLive.client.ws.ws_client import WebcastWSClient
from TikTokLive.client.ws.ws_connect import (
    WebcastConnect,
    WebcastIterator,
    WebcastProxy,
    WebcastProxyConnect,
)
from TikTokLive.client.ws.ws_utils import extract_websocket_options
from websockets.legacy.exceptions import InvalidStatusCode

from tokgate.live.frames import MalformedFrameError, read_frame
from tokgate.webcast.v1alpha import webcast_pb2


class FrameListener(Protocol):
    """What the loop tells the room about frames, besides their fetch results."""

    def on_frame(self) -> None:
        """A websocket frame arrived (any frame: the watchdog's sign of life)."""

    async def on_malformed(self, error: Exception) -> None:
        """A frame that does not decode was dropped."""


def ack_frame(log_id: int, internal_ext: str) -> bytes:
    """The ack of a frame that asks for one, as TikTokLive 7.0.1 writes it: the frame's log id,
    and the fetch result's ``internal_ext`` ("-" when empty) as the payload."""
    return webcast_pb2.WebcastPushFrame(
        log_id=log_id,
        payload_encoding="pb",
        payload_type="ack",
        payload=(internal_ext or "-").encode(),
    ).SerializeToString()


def _refusal(error: InvalidStatusCode) -> Exception:
    """A refused websocket handshake, as TikTokLive reports it: TikTok answers 400, or 200
    without upgrading, with its reason in ``Handshake-Msg`` when it detected the client."""
    reason = str(error.headers.get("Handshake-Msg", "an unknown reason"))
    status: int = error.status_code
    if status == 400:
        message = f'WebSocket rejected by TikTok due to "400 Bad Request" with reason "{reason}"'
    elif status == 200:
        message = f'WebSocket rejected by TikTok due to "{reason}".'
    else:
        return error
    blocked: Exception = WebcastBlockedError(message)
    return blocked


class PushConnect(WebcastConnect):  # type: ignore[misc]
    """The library's websocket connection (URI, headers, proxy), iterated by tokgate: yields
    (frame, fetch result) as the library's iterator does, the fetch result a
    ``frames.FetchResult``."""

    def __init__(self, *args: Any, listener: FrameListener, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._listener = listener

    async def __aiter__(self) -> WebcastIterator:
        try:
            async with self as protocol:
                self._ws = protocol
                self._ws_options = extract_websocket_options(protocol.response_headers)
                yield None, self._initial_response  # the sign server's, parsed by the library
                async for data in protocol:
                    self._listener.on_frame()
                    try:
                        frame, result = read_frame(data.encode() if isinstance(data, str) else data)
                    except MalformedFrameError as exc:
                        await self._listener.on_malformed(exc)
                        continue
                    if result is not None:  # hb, ack, im_enter_room_resp: transport only
                        yield frame, result
        except InvalidStatusCode as exc:
            raise _refusal(exc) from exc
        finally:
            self._ws = None
            self._ws_options = None


class ProxyPushConnect(PushConnect, WebcastProxyConnect):  # type: ignore[misc]
    """``PushConnect`` through a proxy, built as the library builds its proxied connection."""


class PushClient(WebcastWSClient):  # type: ignore[misc]
    """TikTokLive's websocket client with tokgate's per-frame work (see the module docstring)."""

    def __init__(
        self,
        ws_kwargs: dict[str, Any],
        ws_proxy: WebcastProxy | None,
        listener: FrameListener,
    ) -> None:
        super().__init__(ws_kwargs=ws_kwargs, ws_proxy=ws_proxy)
        connect: Callable[..., PushConnect] = functools.partial(
            ProxyPushConnect if self._ws_proxy else PushConnect, listener=listener
        )
        self._connect_generator_class = connect

    async def send_ack(self, webcast_response: Any, webcast_push_frame: Any) -> None:
        """Ack a frame (the library calls this for each fetch result with ``need_ack``)."""
        ws = self.ws
        if ws is not None and ws.open:
            await ws.send(ack_frame(webcast_push_frame.log_id, webcast_response.internal_ext))

"""The sign server: ``/webcast/fetch`` and its newer spellings, and URL signing.

``GET /webcast/fetch`` (TikTokLive 7.0.1) and ``GET /webcast/rooms/{room_id}/connect`` (the sign
server's current API) answer a raw ProtoMessageFetchResult (the first fetch: cursor, push
server, route params, a few initial messages) with the cookies for the websocket in
``X-Set-TT-Cookie``. ``POST /webcast/sign_url`` and ``POST /tiktok/sign_url`` sign a TikTok URL.
The sign faults of the scenario table (and the armed ones of the control API) happen here.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from aiohttp import web

from tokgate.sim import wire
from tokgate.sim.events import EventPool, EventStream, PoolLoader, fetch_result
from tokgate.sim.push import PUSH_PATH
from tokgate.sim.scenarios import SignFault, StreamFault
from tokgate.sim.state import Room, SimState, secret_name

logger = logging.getLogger(__name__)

INITIAL_MESSAGES = 3
SIGN_FAULT_NAMES = tuple(fault.value for fault in SignFault)


def _trace_headers() -> dict[str, str]:
    """The request-tracing headers a sign server sends (TikTokLive reads them as log/agent id)."""
    return {"X-Request-Id": uuid.uuid4().hex, "X-Agent-Id": "sim-agent-1", "X-Log-Code": "0"}


class SignServer:
    """Routes of the sign server."""

    def __init__(self, state: SimState, pool: PoolLoader) -> None:
        self._state = state
        self._pool = pool

    def _room(self, request: web.Request, room_id: str | None) -> Room | None:
        unique_id = request.query.get("unique_id")
        if unique_id:
            return self._state.room(unique_id)
        try:
            return self._state.room_by_id(int(room_id or ""))
        except ValueError:
            return None

    async def fetch(self, request: web.Request) -> web.Response:
        """``GET /webcast/fetch?room_id=...`` (or ``unique_id=``)."""
        return await self._answer(request, self._room(request, request.query.get("room_id")))

    async def connect(self, request: web.Request) -> web.Response:
        """``GET /webcast/rooms/{room_id}/connect``: the same answer as ``/webcast/fetch``."""
        return await self._answer(request, self._room(request, request.match_info["room_id"]))

    async def _answer(self, request: web.Request, room: Room | None) -> web.Response:
        counters = self._state.counters
        counters.sign_requests += 1
        if room is None:
            return web.json_response(
                {"code": 404, "message": "Room not found."}, status=404, headers=_trace_headers()
            )
        counters.sign_requests_by_room[room.unique_id] += 1
        counters.sign_requests_by_key[secret_name(request.headers.get("X-Api-Key"))] += 1
        armed = room.take_armed(SIGN_FAULT_NAMES)
        fault = (
            SignFault(armed)
            if armed
            else (room.scenario.sign_fault if room.scenario is not None else None)
        )
        if fault is SignFault.RATE_LIMITED:
            return self._rate_limited()
        if fault is SignFault.RATE_LIMITED_BARE:
            return web.Response(status=429)
        if fault is SignFault.SERVER_ERROR:
            return web.json_response(
                {"code": 500, "message": "Internal server error: upstream fetch failed"},
                status=500,
                headers=_trace_headers(),
            )
        if fault is SignFault.EMPTY_PAYLOAD:
            return web.Response(status=200, body=b"", headers=_trace_headers())
        body = self._first_fetch(request, room, fault, await self._pool.get())
        headers = {**_trace_headers(), "Content-Type": "application/x-protobuf"}
        if fault is not SignFault.NO_COOKIES:
            headers["X-Set-TT-Cookie"] = (
                f"ttwid=1%7Csim{room.room_id}%7C{int(time.time())}; "
                f"tt_csrf_token=sim-{uuid.uuid4().hex[:16]}"
            )
        return web.Response(status=200, body=body, headers=headers)

    def _rate_limited(self) -> web.Response:
        reset_in = self._state.timing.rate_limit_reset
        headers = {
            **_trace_headers(),
            "RateLimit-Limit": "5",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(int(time.time()) + reset_in),
            "Retry-After": str(reset_in),
        }
        body = {
            "code": 429,
            "limit_label": "Free Tier",
            "message": "You have hit the rate limit for your API key. Upgrade for more.",
        }
        return web.json_response(body, status=429, headers=headers)

    def _first_fetch(
        self, request: web.Request, room: Room, fault: SignFault | None, pool: EventPool
    ) -> bytes:
        """The initial ProtoMessageFetchResult, minus what the fault removes."""
        now_ms = int(time.time() * 1000)
        cursor = "" if fault is SignFault.NO_CURSOR else f"{now_ms}_{room.room_id}_1_1_0_0"
        internal_ext = f"internal_src:dim|wss_push_room_id:{room.room_id}|fetch_time:{now_ms}"
        silent = room.stream_fault is StreamFault.SILENT
        messages = [] if silent else EventStream(pool, room.room_id).history(INITIAL_MESSAGES)
        route_params = {
            "cursor": cursor,
            "internal_ext": internal_ext,
            "wrss": uuid.uuid5(uuid.NAMESPACE_URL, str(room.room_id)).hex,
        }
        push_server = "" if fault is SignFault.NO_WS_URL else f"wss://{request.host}{PUSH_PATH}"
        extra = b"".join(
            wire.bytes_field(7, wire.string_field(1, key) + wire.string_field(2, value))
            for key, value in route_params.items()
        )
        return (
            fetch_result(messages, cursor, internal_ext, now_ms)
            + extra
            + wire.varint_field(8, 10_000)
            + wire.string_field(10, push_server)
            + wire.varint_field(11, 1)
        )

    async def sign_url(self, request: web.Request) -> web.Response:
        """``POST /webcast/sign_url`` / ``/tiktok/sign_url``: a signed copy of a TikTok URL."""
        self._state.counters.sign_requests += 1
        try:
            body: Any = await request.json()
        except json.JSONDecodeError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("url"), str):
            return web.json_response(
                {"code": 400, "message": "Missing 'url'."}, status=400, headers=_trace_headers()
            )
        url: str = body["url"]
        token = uuid.uuid5(uuid.NAMESPACE_URL, url).hex
        separator = "&" if "?" in url else "?"
        user_agent = str(body.get("userAgent") or "Mozilla/5.0 (tokgate sim)")
        signed = (
            f"{url}{separator}msToken=sim{token}&X-Bogus=DFSzsim{token[:12]}"
            f"&X-Gnarly=sim{token[12:28]}"
        )
        answer = {
            "code": 200,
            "message": "",
            "response": {
                "signedUrl": signed,
                "userAgent": user_agent,
                "browserName": "Mozilla",
                "browserVersion": user_agent,
            },
        }
        return web.json_response(answer, headers=_trace_headers())

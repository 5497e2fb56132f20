"""The push websocket (``/webcast/im/ws_proxy/ws_reuse_supplement/``), as TikTok runs it.

The client connects with the room id and the route params the sign answer gave it, sends
``im_enter_room`` (answered with ``im_enter_room_resp``), heartbeats (answered in kind) and acks;
the server sends ``msg`` frames of ProtoMessageFetchResults at the room's event rate, gzipped
when the client asked for ``compress=gzip``. The stream faults of the scenario table happen here.

The server holds its clients to the protocol, as TikTok does: a client that does not enter the
room, stops sending heartbeats, leaves a frame that asked for an ack unacked, or acks a frame
with the wrong payload is closed with 1008 (policy violation), and the close is counted by
reason. So a test on the simulator fails when a client (TikTokLive's loop or tokgate's) stops
doing what TikTok expects of it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web

from tokgate.sim import wire
from tokgate.sim.events import EventStream, PoolLoader, fetch_result, malformed_frame, push_frame
from tokgate.sim.scenarios import StreamFault
from tokgate.sim.state import Room, SimState, Timing

logger = logging.getLogger(__name__)

PUSH_PATH = "/webcast/im/ws_proxy/ws_reuse_supplement/"
MALFORMED_EVERY = 5  # sim_malformed: every 5th frame is corrupt
MAX_BATCH = 200  # messages per frame at high rates
# A drop goes quiet this long before the 1011 close, so the client has read every frame before
# it: TikTokLive 7.0.1 ends without an error when a close arrives behind buffered frames.
DROP_QUIET = 0.3
TICK = 0.1  # seconds of events per frame at low rates
POLICY_VIOLATION = 1008  # the close code for a client that misbehaves
POLICE_INTERVAL = 0.25  # seconds between checks of a client's acks and heartbeats


class Connection:
    """One open push websocket: its socket, event stream and frame counter."""

    def __init__(
        self, ws: web.WebSocketResponse, room: Room, stream: EventStream, compress: bool
    ) -> None:
        self.ws = ws
        self.room = room
        self.stream = stream
        self.compress = compress
        self.log_id = 0
        self.quiet = False  # set while a drop is pending: send nothing more
        self.opened = self.last_heartbeat = time.monotonic()
        self.entered = False
        # Frames that asked for an ack and have none yet: log id -> (internal_ext, when sent).
        self.unacked: dict[int, tuple[str, float]] = {}
        self._closing: asyncio.Future[bool] | None = None

    async def drop(self) -> None:
        """Go quiet, then close with 1011, as a failing edge server does."""
        self.quiet = True
        await asyncio.sleep(DROP_QUIET)
        await self.close(1011, b"simulated drop")

    async def close(self, code: int, message: bytes) -> None:
        """Close with ``code``, from any task; the handler waits for it before returning."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self.ws.close(code=code, message=message))
        await asyncio.shield(self._closing)

    async def wait_closed(self) -> None:
        if self._closing is not None:
            await asyncio.shield(self._closing)

    async def send_messages(self, messages: list[bytes]) -> None:
        self.log_id += 1
        now_ms = int(time.time() * 1000)
        internal_ext = f"sim_ext:{self.log_id}"
        body = fetch_result(
            messages, cursor=f"{now_ms}_{self.log_id}", internal_ext=internal_ext, now_ms=now_ms
        )
        self.unacked[self.log_id] = (internal_ext, time.monotonic())
        await self.ws.send_bytes(push_frame(self.log_id, body, self.compress))

    def take_ack(self, log_id: int, payload: bytes) -> bool:
        """An ack from the client: False when no frame waits for it with that payload."""
        waiting = self.unacked.get(log_id)
        if waiting is None or payload != waiting[0].encode():
            return False
        del self.unacked[log_id]
        return True

    def misbehaviour(self, timing: Timing) -> str | None:
        """Why the client is to be closed, if it is: what it should have sent by now."""
        now = time.monotonic()
        if not self.entered and now - self.opened > timing.enter_room_timeout:
            return "no_enter_room"
        if now - self.last_heartbeat > timing.heartbeat_timeout:
            return "heartbeat_missing"
        oldest = min((sent for _, sent in self.unacked.values()), default=now)
        if now - oldest > timing.ack_timeout:
            return "ack_missing"
        return None

    async def send_malformed(self) -> None:
        self.log_id += 1
        await self.ws.send_bytes(malformed_frame(self.log_id))

    async def send_live_end(self) -> None:
        await self.send_messages([self.stream.control_end()])

    async def send_transport(self, payload_type: str, payload: bytes = b"") -> None:
        """A non-``msg`` frame (heartbeat answer, enter-room answer)."""
        self.log_id += 1
        await self.ws.send_bytes(push_frame(self.log_id, payload, False, payload_type))


class PushServer:
    """Accepts push websockets and feeds them events."""

    def __init__(self, state: SimState, pool: PoolLoader) -> None:
        self._state = state
        self._pool = pool

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            room_id = int(request.query.get("room_id", "0"))
        except ValueError:
            room_id = 0
        room = self._state.room_by_id(room_id)
        if room is None:
            return web.Response(status=400, headers={"Handshake-Msg": "room not found"})
        if room.take_armed(("blocked",)) or room.stream_fault is StreamFault.BLOCKED:
            # Not an upgrade: websockets raises InvalidStatusCode(200), TikTokLive
            # WebcastBlockedError, as when TikTok detects the client.
            return web.Response(status=200, headers={"Handshake-Msg": "illegal client"}, text="")
        ws = web.WebSocketResponse(
            protocols=("echo-protocol",), compress=False, max_msg_size=1 << 20
        )
        ws.headers["Handshake-Options"] = "ping-interval=10; ping-timeout=30"
        await ws.prepare(request)
        counters = self._state.counters
        counters.websocket_opens += 1
        counters.websocket_opens_by_room[room.unique_id] += 1
        connection = Connection(
            ws,
            room,
            EventStream(await self._pool.get(), room.room_id, room.program),
            request.query.get("compress") == "gzip",
        )
        room.connections.add(connection)
        sender = asyncio.create_task(self._feed(connection))
        police = asyncio.create_task(self._police(connection))
        try:
            async for message in ws:
                if message.type is WSMsgType.BINARY:
                    await self._on_client_frame(connection, message.data)
        finally:
            sender.cancel()
            police.cancel()
            room.connections.discard(connection)
            await connection.wait_closed()
        return ws

    async def _on_client_frame(self, connection: Connection, data: bytes) -> None:
        """A WebcastPushFrame from the client: payload_type (7) and payload (8) are all the
        server reads."""
        try:
            frame = wire.fields(data)
        except ValueError as exc:  # a client's garbage must not kill the connection
            logger.warning(
                "undecodable frame from a client",
                extra={"error_kind": "DATA", "room_id": connection.room.room_id,
                       "error": str(exc)},
            )  # fmt: skip
            return
        payload_type, payload = frame.get(7, b""), frame.get(8, b"")
        if not isinstance(payload_type, bytes) or not isinstance(payload, bytes):
            return
        counters = self._state.counters
        if connection.room.stream_fault is StreamFault.SILENT:
            return  # a silent server answers nothing, not even heartbeats
        if payload_type == b"hb":
            counters.heartbeats_received += 1
            connection.last_heartbeat = time.monotonic()
            await connection.send_transport("hb", payload)
        elif payload_type == b"im_enter_room":
            counters.enter_room_received += 1
            connection.entered = True
            await connection.send_transport("im_enter_room_resp")
        elif payload_type == b"ack":
            counters.acks_received += 1
            log_id = frame.get(2, 0)
            if not isinstance(log_id, int) or not connection.take_ack(log_id, payload):
                counters.acks_invalid += 1
                await self._close_misbehaving(connection, "ack_invalid")

    async def _police(self, connection: Connection) -> None:
        """Close the connection when its client stops doing what the protocol asks."""
        room, timing = connection.room, self._state.timing
        while not connection.ws.closed:
            await asyncio.sleep(POLICE_INTERVAL)
            if connection.quiet or room.stream_fault is StreamFault.SILENT:
                continue  # the server itself is failing: it holds nobody to anything
            reason = connection.misbehaviour(timing)
            if reason is not None:
                await self._close_misbehaving(connection, reason)
                return

    async def _close_misbehaving(self, connection: Connection, reason: str) -> None:
        self._state.counters.misbehaving_closes[reason] += 1
        logger.warning(
            "closing a push websocket whose client misbehaves",
            extra={"error_kind": "DATA", "room_id": connection.room.room_id, "reason": reason},
        )
        await connection.close(POLICY_VIOLATION, reason.encode())

    async def _feed(self, connection: Connection) -> None:
        """Send events until the socket closes, applying the room's stream fault."""
        room = connection.room
        fault = room.stream_fault
        if fault is StreamFault.SILENT:
            return
        drops = fault is StreamFault.DROP and not room.dropped_once
        room.dropped_once = room.dropped_once or drops
        loop = asyncio.get_running_loop()
        started = next_at = loop.time()
        frames = 0
        counters = self._state.counters
        timing = self._state.timing
        try:
            if not room.live:
                await connection.send_live_end()
                return
            while not connection.ws.closed:
                rate = self._state.event_rate(room)
                if connection.quiet:
                    return
                if room.silenced or rate <= 0:
                    await asyncio.sleep(TICK)
                    next_at = loop.time()
                    continue
                elapsed = loop.time() - started
                if drops and elapsed >= timing.drop_after:
                    await connection.drop()
                    return
                if fault is StreamFault.LIVE_END and elapsed >= timing.end_after:
                    room.live = False
                    await connection.send_live_end()
                    return
                batch = max(1, min(MAX_BATCH, round(rate * TICK)))
                frames += 1
                if fault is StreamFault.MALFORMED and frames % MALFORMED_EVERY == 0:
                    await connection.send_malformed()
                else:
                    await connection.send_messages(connection.stream.take(batch))
                    counters.events_sent += batch
                counters.frames_sent += 1
                next_at += batch / rate
                delay = next_at - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                else:
                    if delay < -1.0:  # far behind (a slow reader): do not burst to catch up
                        next_at = loop.time()
                    await asyncio.sleep(0)
        except (ConnectionResetError, RuntimeError) as exc:
            logger.debug(
                "push websocket closed while sending",
                extra={"error_kind": "NETWORK", "room_id": room.room_id, "error": str(exc)},
            )


async def drop_connections(room: Room) -> int:
    """Drop every open websocket of ``room`` (quiet, then closed with 1011)."""
    connections = list(room.connections)
    await asyncio.gather(*(connection.drop() for connection in connections))
    return len(connections)


async def end_live(room: Room) -> int:
    """End the LIVE: a STREAM_ENDED control message on every websocket; room offline."""
    room.live = False
    return await _each_open(room, Connection.send_live_end)


async def send_malformed(room: Room) -> int:
    """One corrupt frame on every open websocket of ``room``."""
    return await _each_open(room, Connection.send_malformed)


async def _each_open(room: Room, send: Callable[[Connection], Awaitable[None]]) -> int:
    """Send on every websocket of ``room`` still open; how many got it."""
    sent = 0
    for connection in list(room.connections):
        if connection.ws.closed or connection.quiet:
            continue
        try:
            await send(connection)
        except (ConnectionResetError, RuntimeError):
            continue  # closed meanwhile
        sent += 1
    return sent

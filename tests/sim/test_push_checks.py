"""The simulator holds push websocket clients to the protocol: enter the room, heartbeat, ack.

Raw websocket clients play the part of a client that gets the protocol right or wrong in one
way each; the simulator must close the wrong ones with 1008 (policy violation), count why, and
keep the right one open. (That TikTokLive's loop and tokgate's both pass these checks is held by
tests/live/test_upstream_loops.py.)
"""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator
from typing import Any

import pytest
from tokgate.sim.push import POLICY_VIOLATION, PUSH_PATH
from tokgate.testing import SimulatorHandle
from tokgate.webcast.v1alpha import webcast_pb2
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

ROOM = "sim_live"
TIMEOUT = 0.6  # seconds: the simulator's ack, heartbeat and enter-room timeouts here


@pytest.fixture(scope="module", autouse=True)
def short_timeouts(simulator: SimulatorHandle) -> Iterator[None]:
    before = simulator.control("GET", "config")
    simulator.control(
        "POST",
        "config",
        json={"ack_timeout": TIMEOUT, "heartbeat_timeout": TIMEOUT, "enter_room_timeout": TIMEOUT},
    )
    yield
    simulator.control("POST", "config", json=before)


def _frame(payload_type: str, payload: bytes = b"", log_id: int = 0) -> bytes:
    return webcast_pb2.WebcastPushFrame(
        log_id=log_id, payload_encoding="pb", payload_type=payload_type, payload=payload
    ).SerializeToString()


async def _open(simulator: SimulatorHandle) -> ClientConnection:
    room_id = simulator.control("GET", f"rooms/{ROOM}")["room_id"]
    url = f"wss://127.0.0.1:{simulator.port}{PUSH_PATH}?room_id={room_id}"
    return await connect(url, ssl=simulator.ssl_context(), subprotocols=["echo-protocol"])  # type: ignore[list-item]


async def _read(connection: ClientConnection, *, ack: bytes | None, within: float) -> None:
    """Read frames for at most ``within`` seconds or until the server closes the connection,
    acking each frame that asks for it: with its internal_ext (``ack`` b""), with ``ack``, or not
    at all (None)."""
    try:
        async with asyncio.timeout(within):
            async for data in connection:
                assert isinstance(data, bytes)
                frame = webcast_pb2.WebcastPushFrame.FromString(data)
                if ack is None or frame.payload_type != "msg":
                    continue
                gzipped = any(header.value == "gzip" for header in frame.headers)
                body = gzip.decompress(frame.payload) if gzipped else frame.payload
                result = webcast_pb2.ProtoMessageFetchResult.FromString(body)
                if result.need_ack:
                    payload = ack or result.internal_ext.encode()
                    await connection.send(_frame("ack", payload, frame.log_id))
    except (ConnectionClosed, TimeoutError):
        pass


def _closes(simulator: SimulatorHandle) -> dict[str, Any]:
    counters: dict[str, Any] = simulator.control("GET", "counters")
    return counters


async def _heartbeats(connection: ClientConnection) -> None:
    while True:
        await connection.send(_frame("hb", b"\x08\x01"))
        await asyncio.sleep(TIMEOUT / 4)


async def test_a_client_that_follows_the_protocol_stays_open(simulator: SimulatorHandle) -> None:
    connection = await _open(simulator)
    await connection.send(_frame("im_enter_room"))
    heartbeats = asyncio.create_task(_heartbeats(connection))
    try:
        await _read(connection, ack=b"", within=4 * TIMEOUT)
        assert connection.close_code is None
    finally:
        heartbeats.cancel()
        await connection.close()


@pytest.mark.parametrize(
    ("mistake", "reason"),
    [
        ("never enters the room", "no_enter_room"),
        ("stops sending heartbeats", "heartbeat_missing"),
        ("never acks", "ack_missing"),
        ("acks with the wrong payload", "ack_invalid"),
    ],
)
async def test_a_client_that_misbehaves_is_closed(
    simulator: SimulatorHandle, mistake: str, reason: str
) -> None:
    before = _closes(simulator)["misbehaving_closes"].get(reason, 0)
    connection = await _open(simulator)
    heartbeats = None
    if mistake != "never enters the room":
        await connection.send(_frame("im_enter_room"))
    if mistake != "stops sending heartbeats":
        heartbeats = asyncio.create_task(_heartbeats(connection))
    acks = {"never acks": None, "acks with the wrong payload": b"-"}.get(mistake, b"")
    try:
        await _read(connection, ack=acks, within=10 * TIMEOUT)
    finally:
        if heartbeats is not None:
            heartbeats.cancel()
        await connection.close()
    assert (connection.close_code, connection.close_reason) == (POLICY_VIOLATION, reason)
    assert _closes(simulator)["misbehaving_closes"][reason] == before + 1

"""Both upstream loops, tokgate's own (the default) and TikTokLive's (``upstream_loop =
tiktoklive``), through a real server on the simulator: the same events in the same order, the
same failure scenarios handled alike, and the simulator's protocol checks passed (every frame
acked as it asks, heartbeats, the room entered; no client closed for misbehaving).

The rest of tests/live runs on the default loop; this module holds the fallback to the same
behaviour on the scenarios where the loops differ most: plain events, malformed frames, a
dropped connection (the control API's drop), the LIVE's end.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import live_pb2, live_pb2_grpc

ST = live_pb2.StreamState
LOOPS = ("tokgate", "tiktoklive")


@pytest.fixture(scope="module")
def fallback_server(
    simulator: SimulatorHandle, server_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    with run_server(
        upstream=simulator,
        args=[*server_args, "--upstream-loop", "tiktoklive"],
        workdir=tmp_path_factory.mktemp("fallback"),
    ) as handle:
        yield handle


@pytest.fixture(scope="module")
def servers(server: ServerHandle, fallback_server: ServerHandle) -> dict[str, ServerHandle]:
    return {"tokgate": server, "tiktoklive": fallback_server}


@pytest.fixture(autouse=True)
def protocol_kept(simulator: SimulatorHandle) -> Iterator[None]:
    """Each test ends with no client closed for misbehaving and no invalid ack."""
    before = simulator.control("GET", "counters")
    yield
    after = simulator.control("GET", "counters")
    assert after["misbehaving_closes"] == before["misbehaving_closes"]
    assert after["acks_invalid"] == before["acks_invalid"]


async def read(
    server: ServerHandle,
    unique_id: str,
    until: Callable[[list[live_pb2.LiveEvent]], bool],
    seconds: float = 30.0,
) -> list[live_pb2.LiveEvent]:
    """The events of one stream of ``unique_id``, until ``until`` holds or the stream ends."""
    events: list[live_pb2.LiveEvent] = []
    async with grpc.aio.insecure_channel(server.address) as channel:
        call = live_pb2_grpc.LiveServiceStub(channel).StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=unique_id)
        )
        stream: AsyncIterator[Any] = call.__aiter__()
        async with asyncio.timeout(seconds):
            async for response in stream:
                events.append(response.event)
                if until(events):
                    break
        call.cancel()
    return events


def kinds(events: list[live_pb2.LiveEvent]) -> list[str]:
    return [event.WhichOneof("event") or "" for event in events]


def states(events: list[live_pb2.LiveEvent]) -> list[int]:
    return [event.status.state for event in events if event.HasField("status")]


def dropped_malformed(server: ServerHandle) -> float:
    for line in server.metrics().splitlines():
        if line.startswith('tokgate_live_events_dropped_total{reason="malformed"}'):
            return float(line.split()[-1])
    return 0.0


async def test_both_loops_deliver_the_same_events_in_order(
    servers: dict[str, ServerHandle], simulator: SimulatorHandle
) -> None:
    acks_before = simulator.control("GET", "counters")["acks_received"]
    seen = {
        loop: await read(servers[loop], "sim_live", lambda events: len(events) >= 60)
        for loop in LOOPS
    }
    for events in seen.values():
        sequences = [event.sequence for event in events]
        assert sequences == sorted(set(sequences))
    # Each connection draws the room's events from the same seeded program.
    assert kinds(seen["tokgate"]) == kinds(seen["tiktoklive"])
    assert simulator.control("GET", "counters")["acks_received"] > acks_before


@pytest.mark.parametrize("loop", LOOPS)
async def test_malformed_frames_are_dropped_and_the_stream_goes_on(
    servers: dict[str, ServerHandle], loop: str
) -> None:
    server = servers[loop]
    before = dropped_malformed(server)
    events = await read(server, "sim_malformed", lambda events: len(events) >= 60)
    assert ST.STREAM_STATE_RECONNECTING not in states(events)
    assert dropped_malformed(server) > before


@pytest.mark.parametrize("loop", LOOPS)
async def test_a_dropped_connection_reconnects_and_goes_on(
    servers: dict[str, ServerHandle], simulator: SimulatorHandle, loop: str
) -> None:
    dropped = False

    def resumed_then_more(events: list[live_pb2.LiveEvent]) -> bool:
        nonlocal dropped
        if len(events) == 10 and not dropped:  # the control API drops the room's websockets
            dropped = True
            asyncio.get_running_loop().run_in_executor(
                None, simulator.control, "POST", "rooms/sim_live/drop"
            )
        found = states(events)
        return ST.STREAM_STATE_RESUMED in found and not events[-1].HasField("status")

    events = await read(servers[loop], "sim_live", resumed_then_more)
    found = states(events)
    assert found.index(ST.STREAM_STATE_RECONNECTING) < found.index(ST.STREAM_STATE_RESUMED)


@pytest.mark.parametrize("loop", LOOPS)
async def test_the_live_end_ends_the_stream(
    servers: dict[str, ServerHandle], simulator: SimulatorHandle, loop: str
) -> None:
    simulator.control("POST", "rooms/sim_live_end", json={"live": True})  # ended by the last run
    events = await read(servers[loop], "sim_live_end", lambda events: False)
    assert kinds(events)[-1] == "live_ended"

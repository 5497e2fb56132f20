"""A stalled server must not end healthy streams under ``overflow_policy = disconnect``.

The scenario that ended 20 healthy subscribers with SLOW_CONSUMER: one room at 1,000 events/s,
20 subscribers keeping up, and the machine stalled (there by one client's catch-up burst on 2
cores; here the server is stopped with SIGSTOP for a few seconds, which is the same thing seen
from the server: nothing runs, then everything that piled up at once). With the old headroom
(1,000 events, about a second) the backlog overflowed every queue; the queues' bounds are now
bytes, age and entries (20,000 by default, 10 s), so the backlog fits and the streams go on,
gap-free. Both are run here: the old bounds on one server show the scenario bites, the
defaults on another that it no longer does.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import live_pb2, live_pb2_grpc

RATE = 1000.0
SUBSCRIBERS = 20
STALL_SECONDS = 3.0
STRICT = ["--sessions", "0", "--overflow-policy", "disconnect", "--sign-budget-per-minute", "1000"]
# The headroom before the bounds moved to bytes and age: 1,000 events, a second.
OLD_BOUNDS = ["--subscriber-queue-max-entries", "1000", "--subscriber-queue-max-age", "1"]


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return STRICT


@pytest.fixture(scope="module")
def old_server(simulator: SimulatorHandle) -> Iterator[ServerHandle]:
    with run_server(upstream=simulator, args=[*STRICT, *OLD_BOUNDS]) as server:
        yield server


async def subscriber(
    server: ServerHandle, room: str, started: asyncio.Event, stop: asyncio.Event
) -> tuple[list[int], grpc.StatusCode | None]:
    """Reads batches until ``stop`` (``started`` set at the first); the sequences seen and how
    the stream ended (None: open)."""
    request = live_pb2.StreamEventsRequest(
        unique_id=room,
        batching=live_pb2.StreamBatching(max_events=100, max_delay=Duration(nanos=20_000_000)),
    )
    sequences: list[int] = []
    async with grpc.aio.insecure_channel(server.address) as channel:
        call = live_pb2_grpc.LiveServiceStub(channel).StreamEvents(request)
        reading = asyncio.ensure_future(call.read())
        waiting = asyncio.ensure_future(stop.wait())
        try:
            while True:
                await asyncio.wait({reading, waiting}, return_when=asyncio.FIRST_COMPLETED)
                if waiting.done():
                    return sequences, None
                try:
                    response = reading.result()
                except grpc.aio.AioRpcError as error:
                    return sequences, error.code()
                if response is grpc.aio.EOF:
                    return sequences, grpc.StatusCode.OK
                assert isinstance(response, live_pb2.StreamEventsResponse)
                started.set()
                sequences += [
                    event.sequence
                    for event in response.events
                    if event.WhichOneof("event") not in ("status", "connected")
                ]
                reading = asyncio.ensure_future(call.read())
        finally:
            reading.cancel()
            waiting.cancel()
            call.cancel()


async def stall_scenario(
    server: ServerHandle, simulator: SimulatorHandle, room: str
) -> list[tuple[list[int], grpc.StatusCode | None]]:
    simulator.control("POST", f"rooms/{room}", json={"live": True, "event_rate": RATE})
    stop = asyncio.Event()
    started = [asyncio.Event() for _ in range(SUBSCRIBERS)]
    tasks = [asyncio.create_task(subscriber(server, room, each, stop)) for each in started]
    # The room connected (a server's first room loads TikTokLive first), every stream reading.
    async with asyncio.timeout(60):
        await asyncio.gather(*(each.wait() for each in started))
    await asyncio.sleep(2)  # all keeping up
    os.kill(server.process.pid, signal.SIGSTOP)
    try:
        await asyncio.sleep(STALL_SECONDS)
    finally:
        os.kill(server.process.pid, signal.SIGCONT)
    await asyncio.sleep(3)  # the backlog goes out
    stop.set()
    results = await asyncio.gather(*tasks)
    simulator.control("POST", f"rooms/{room}", json={"event_rate": None})
    return results


async def test_the_old_headroom_ends_healthy_streams_in_a_stall(
    old_server: ServerHandle, simulator: SimulatorHandle
) -> None:
    """The scenario bites: with a second of headroom the stall ends streams that kept up."""
    results = await stall_scenario(old_server, simulator, "stall_old")
    ended = [code for _, code in results if code == grpc.StatusCode.RESOURCE_EXHAUSTED]
    assert ended, "the old bounds survived the stall: the scenario proves nothing"


async def test_a_stall_no_longer_ends_healthy_streams(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    results = await stall_scenario(server, simulator, "stall_now")
    for sequences, code in results:
        assert code is None, f"a healthy stream ended: {code}"
        assert len(sequences) > RATE * 4, len(sequences)
        # Nothing lost across the stall: each stream's sequence is contiguous.
        assert sequences == list(range(sequences[0], sequences[0] + len(sequences)))

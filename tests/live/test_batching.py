"""Opt-in batching: several events per StreamEvents message, built by concatenating the
events' sealed bytes; its bounds, and a real server's batched stream."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import grpc
import pytest
from google.protobuf import duration_pb2
from tokgate.bounds import Bounds
from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.live.batching import Batcher, BatchPolicy, batch_policy, concatenate
from tokgate.live.events import Delivery, status_event
from tokgate.live.fanout import FanOut
from tokgate.live.log import MemoryLog, Replay
from tokgate.live.subscriber import Subscriber
from tokgate.testing import ServerHandle
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client.errors import from_rpc_error

ET = live_pb2.EventType
WIDE = Bounds(max_bytes=1 << 30, max_age=3600.0, max_entries=1_000_000)


async def _room(count: int) -> tuple[MemoryLog, Subscriber, list[Delivery]]:
    """A log with ``count`` comments published to one subscriber."""
    fanout = FanOut("streamer")
    log = MemoryLog("streamer", WIDE, fanout.deliver)
    subscriber = Subscriber("streamer", frozenset(), False, WIDE, "drop_oldest")
    fanout.attach(subscriber)
    subscriber.start(Replay(epoch=log.epoch))
    sealed = [
        log.seal(live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text=f"c{i}")), 1, "7", 0, 1)
        for i in range(count)
    ]
    await log.publish(sealed)
    return log, subscriber, sealed


def test_a_batch_is_the_concatenation_of_its_sealed_events() -> None:
    async def check() -> None:
        _, _, sealed = await _room(3)
        batch = live_pb2.StreamEventsResponse.FromString(concatenate(sealed))
        assert not batch.HasField("event")
        assert list(batch.events) == [delivery.message.event for delivery in sealed]

    asyncio.run(check())


async def test_a_batch_ends_at_max_events_and_after_a_status() -> None:
    log, subscriber, _ = await _room(7)
    status = log.seal(status_event(live_pb2.STREAM_STATE_RESUMED, "back"), 9, "7", 0, 1)
    await log.publish([status])
    after = log.seal(live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text="x")), 1, "7", 0, 1)
    await log.publish([after])
    batcher = Batcher(subscriber, BatchPolicy(max_events=5, max_delay=0.0, max_bytes=1 << 20))
    sizes = [[d.sequence for d in await batcher.next()] for _ in range(3)]
    # 5 events; then 2 and the status, which ends its batch; then the next one.
    assert sizes == [[1, 2, 3, 4, 5], [6, 7, 8], [9]]


async def test_an_event_over_the_bytes_bound_starts_the_next_batch() -> None:
    _, subscriber, sealed = await _room(4)
    two = len(sealed[0].wire) + len(sealed[1].wire)
    batcher = Batcher(subscriber, BatchPolicy(max_events=100, max_delay=0.0, max_bytes=two))
    assert [len(await batcher.next()) for _ in range(2)] == [2, 2]


async def test_a_batch_waits_at_most_max_delay_for_more() -> None:
    fanout = FanOut("streamer")
    log = MemoryLog("streamer", WIDE, fanout.deliver)
    subscriber = Subscriber("streamer", frozenset(), False, WIDE, "drop_oldest")
    fanout.attach(subscriber)
    subscriber.start(Replay(epoch=log.epoch))
    batcher = Batcher(subscriber, BatchPolicy(max_events=10, max_delay=0.2, max_bytes=1 << 20))

    def comment() -> Delivery:
        event = live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text="x"))
        return log.seal(event, 1, "7", time.monotonic(), time.time_ns())

    await log.publish([comment()])
    started = time.monotonic()
    pending = asyncio.ensure_future(batcher.next())
    await asyncio.sleep(0.05)
    await log.publish([comment()])  # joins the batch within its delay
    batch = await pending
    waited = time.monotonic() - started
    assert len(batch) == 2 and 0.1 < waited < 0.5


def test_the_batching_options_are_checked() -> None:
    def request(max_events: int = 0, delay_ms: int = 0) -> live_pb2.StreamEventsRequest:
        delay = duration_pb2.Duration()
        delay.FromMilliseconds(delay_ms)
        batching = live_pb2.StreamBatching(max_events=max_events, max_delay=delay)
        return live_pb2.StreamEventsRequest(unique_id="x", batching=batching)

    assert batch_policy(live_pb2.StreamEventsRequest(unique_id="x"), 1024) is None
    assert batch_policy(request(), 1024) == BatchPolicy(100, 0.0, 1024)
    assert batch_policy(request(7, 250), 1024) == BatchPolicy(7, 0.25, 1024)
    with pytest.raises(InvalidArgumentError) as raised:
        batch_policy(request(1001), 1024)
    assert raised.value.field == "batching.max_events"
    with pytest.raises(InvalidArgumentError) as raised:
        batch_policy(request(10, 1500), 1024)
    assert raised.value.field == "batching.max_delay"


# --- a real server ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def simulator_args(simulator_args: list[str]) -> list[str]:
    return [*simulator_args, "--event-rate", "300"]


@pytest.fixture(scope="module")
async def live(server: ServerHandle) -> AsyncIterator[live_pb2_grpc.LiveServiceAsyncStub]:
    channel = server.aio_channel()
    yield live_pb2_grpc.LiveServiceStub(channel)
    await channel.close()


async def test_a_batched_stream_carries_every_event_in_order(
    live: live_pb2_grpc.LiveServiceAsyncStub, server: ServerHandle
) -> None:
    delay = duration_pb2.Duration()
    delay.FromMilliseconds(200)
    batching = live_pb2.StreamBatching(max_events=50, max_delay=delay)
    call = live.StreamEvents(live_pb2.StreamEventsRequest(unique_id="sim_live", batching=batching))
    messages: list[live_pb2.StreamEventsResponse] = []
    async with asyncio.timeout(20):
        while sum(len(m.events) for m in messages) < 400:
            response = await call.read()
            assert isinstance(response, live_pb2.StreamEventsResponse)
            messages.append(response)
    call.cancel()
    assert all(not m.HasField("event") and 1 <= len(m.events) <= 50 for m in messages)
    events = [event for message in messages for event in message.events]
    numbers = [event.sequence for event in events[1:]]  # after the start state's CONNECTED
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    # Batching batches: far fewer messages than events, and a status always ends its batch.
    assert len(messages) < len(events) / 3
    for message in messages:
        kinds = [event.WhichOneof("event") for event in message.events]
        assert all(kind not in ("status", "connected") for kind in kinds[:-1])
    assert "tokgate_live_batch_events_bucket" in server.metrics()


async def test_batching_out_of_range_is_invalid_argument_naming_the_field(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    batching = live_pb2.StreamBatching(max_events=5000)
    call = live.StreamEvents(live_pb2.StreamEventsRequest(unique_id="sim_live", batching=batching))
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call.read()
    error = from_rpc_error(raised.value)
    assert error.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT
    assert "batching.max_events" in error.detail.message

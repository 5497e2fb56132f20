"""The Python client resumes a broken stream by itself (docs/design/streams.md §5.6).

The streams run through a :class:`CuttingProxy` in front of the module's real server, which
resets every connection mid-stream: the client must reconnect with ``resume_from`` and yield a
sequence with no hole and no duplicate, in one epoch. It must not resume after a failure that
is not retryable, nor when resume is off, and it sends a stored position on its first call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from tokgate.testing import ServerHandle, free_port
from tokgate.v1 import live_pb2
from tokgate_client import AsyncClient, ConnectionOptions, LiveClient, RetryPolicy, errors
from tokgate_client.errors import TokgateError
from tokgate_client.testing import CuttingProxy

STREAMER = "sim_live"
EVENTS_PER_LEG = 15  # events each connection must deliver before the proxy cuts it
FAST = RetryPolicy(initial_backoff=0.05, max_backoff=0.2)


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--event-rate", "100"]  # a leg of EVENTS_PER_LEG events in a fraction of a second


@pytest.fixture
def proxy(server: ServerHandle) -> Iterator[CuttingProxy]:
    with CuttingProxy(server.address) as cutting:
        yield cutting


class RecordingInterceptor(grpc.UnaryStreamClientInterceptor):
    """Keeps every StreamEvents request the client sends, to see what it resumed from."""

    def __init__(self) -> None:
        self.requests: list[live_pb2.StreamEventsRequest] = []

    def intercept_unary_stream(
        self,
        continuation: Callable[[grpc.ClientCallDetails, Any], Any],
        client_call_details: grpc.ClientCallDetails,
        request: Any,
    ) -> Any:
        self.requests.append(request)
        return continuation(client_call_details, request)


@pytest.fixture
def recorded(proxy: CuttingProxy) -> Iterator[tuple[LiveClient, RecordingInterceptor]]:
    """A blocking LiveClient through the proxy, and the requests it sent."""
    recorder = RecordingInterceptor()
    with grpc.insecure_channel(proxy.address) as channel:
        intercepted = grpc.intercept_channel(channel, recorder)
        yield LiveClient(intercepted, ConnectionOptions(proxy.address)), recorder


class Legs:
    """Counts the events each connection delivered and says when to cut the current one."""

    def __init__(self, proxy: CuttingProxy, cuts: int) -> None:
        self.proxy = proxy
        self.cuts = cuts
        self.events: list[live_pb2.LiveEvent] = []
        self.per_connection: Counter[int] = Counter()

    def received(self, event: live_pb2.LiveEvent) -> bool:
        """Note an event; cut the connection after its EVENTS_PER_LEG-th. True: stop reading."""
        self.events.append(event)
        connection = self.proxy.connections
        self.per_connection[connection] += 1
        if self.per_connection[connection] != EVENTS_PER_LEG:
            return False
        if self.proxy.cuts == self.cuts:
            return True
        assert self.proxy.cut() == 1
        return False

    def assert_no_hole(self) -> None:
        """Every connection delivered its events; the sequence is consecutive, in one epoch."""
        assert len(self.per_connection) == self.cuts + 1, self.per_connection
        assert min(self.per_connection.values()) >= EVENTS_PER_LEG, self.per_connection
        assert_consecutive(self.events)


def assert_consecutive(events: list[live_pb2.LiveEvent]) -> None:
    """After the start state's CONNECTED (the room's, numbered when it connected), every
    number follows the one before, and every event carries the same epoch."""
    body = events[1:] if events[0].WhichOneof("event") == "connected" else events
    sequences = [event.sequence for event in body]
    assert sequences == list(range(sequences[0], sequences[0] + len(sequences))), sequences
    epochs = {event.epoch for event in events}
    assert len(epochs) == 1 and "" not in epochs, epochs
    gaps = [e for e in events if e.status.state == live_pb2.STREAM_STATE_RESUME_GAP]
    assert not gaps, gaps


async def test_async_stream_cut_twice_resumes_without_a_hole(proxy: CuttingProxy) -> None:
    legs = Legs(proxy, cuts=2)
    async with AsyncClient(proxy.address) as client:
        stream = client.live.stream_events(STREAMER, deadline=30, resume=FAST)
        async for event in stream:
            if legs.received(event):
                break
        await stream.aclose()
    legs.assert_no_hole()
    assert stream.position == live_pb2.StreamPosition(
        sequence=legs.events[-1].sequence, epoch=legs.events[-1].epoch
    )


def test_blocking_stream_resumes_from_the_last_event_it_yielded(
    recorded: tuple[LiveClient, RecordingInterceptor], proxy: CuttingProxy
) -> None:
    live, recorder = recorded
    legs = Legs(proxy, cuts=1)
    stream = live.stream_events(STREAMER, deadline=30, resume=FAST)
    for event in stream:
        if legs.received(event):
            break
    stream.close()

    legs.assert_no_hole()
    first, *resumed = recorder.requests
    assert not first.HasField("resume_from")
    assert resumed, "the client did not call again after the cut"
    yielded = {(event.sequence, event.epoch) for event in legs.events}
    for request in resumed:
        assert request.unique_id == STREAMER
        assert (request.resume_from.sequence, request.resume_from.epoch) in yielded


def test_a_stored_position_is_sent_on_the_first_call(
    recorded: tuple[LiveClient, RecordingInterceptor],
) -> None:
    live, recorder = recorded
    before = live.stream_events(STREAMER, deadline=30)
    for _event, _ in zip(before, range(5), strict=False):
        pass
    before.close()
    stored = before.position
    assert stored is not None and stored.epoch

    after = live.stream_events(STREAMER, deadline=30, resume_from=stored)
    first = next(after)
    after.close()

    assert recorder.requests[-1].resume_from == stored
    assert (first.sequence, first.epoch) == (stored.sequence + 1, stored.epoch)


def test_no_resume_after_a_failure_that_is_not_retryable(
    recorded: tuple[LiveClient, RecordingInterceptor],
) -> None:
    live, recorder = recorded
    with pytest.raises(errors.UserOfflineError):
        for _event in live.stream_events("sim_offline", deadline=30, resume=FAST):
            pytest.fail("no event expected")
    assert len(recorder.requests) == 1


def test_a_malformed_stored_position_is_refused_once(
    recorded: tuple[LiveClient, RecordingInterceptor],
) -> None:
    live, recorder = recorded
    malformed = live_pb2.StreamPosition(sequence=7, epoch="not an epoch!")
    with pytest.raises(errors.InvalidArgumentError):
        next(live.stream_events(STREAMER, deadline=30, resume=FAST, resume_from=malformed))
    assert len(recorder.requests) == 1


def test_with_resume_off_a_cut_raises_unavailable(
    recorded: tuple[LiveClient, RecordingInterceptor], proxy: CuttingProxy
) -> None:
    live, recorder = recorded
    stream = live.stream_events(STREAMER, deadline=30, resume=False)
    next(stream)
    proxy.cut()
    with pytest.raises(TokgateError) as caught:
        for _event in stream:
            pass
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE
    assert not caught.value.has_detail
    assert len(recorder.requests) == 1


def test_resume_gives_up_after_the_policy_s_attempts() -> None:
    """Nothing listens: every call fails UNAVAILABLE, and the run of failures is bounded."""
    recorder = RecordingInterceptor()
    address = f"127.0.0.1:{free_port()}"
    policy = RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=0.02)
    with grpc.insecure_channel(address) as channel:
        live = LiveClient(grpc.intercept_channel(channel, recorder), ConnectionOptions(address))
        with pytest.raises(TokgateError) as caught:
            next(live.stream_events(STREAMER, deadline=30, resume=policy))
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE
    assert len(recorder.requests) == 3

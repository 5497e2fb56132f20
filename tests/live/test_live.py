"""LiveService against the simulator, with the real TikTokLive inside a real tokgate serve.

One simulator and one server (small timings, see conftest.py) serve most tests; the sign budget
and the disconnect overflow policy get a second and third server on the same simulator.
"""

from __future__ import annotations

import asyncio
import io
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client.errors import TokgateError, from_rpc_error

ET = live_pb2.EventType
ST = live_pb2.StreamState
Kind = errors_pb2.ErrorKind
Response = live_pb2.StreamEventsResponse
ATTEMPTS = 3  # --reconnect-max-attempts in conftest.py


@dataclass
class Stream:
    """One StreamEvents call and what it yielded so far."""

    call: grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse]
    events: list[live_pb2.LiveEvent] = field(default_factory=list)

    async def read_until(
        self, done: Callable[[live_pb2.LiveEvent], bool], seconds: float = 15.0
    ) -> live_pb2.LiveEvent:
        """Read events (keeping them) until one satisfies ``done``; return it."""
        async with asyncio.timeout(seconds):
            while True:
                response = await self.call.read()
                assert isinstance(response, live_pb2.StreamEventsResponse), "the stream ended"
                self.events.append(response.event)
                if done(response.event):
                    return response.event

    async def read_count(self, count: int, seconds: float = 15.0) -> list[live_pb2.LiveEvent]:
        start = len(self.events)
        await self.read_until(lambda _: len(self.events) - start >= count, seconds)
        return self.events[start:]

    async def failure(self, seconds: float = 20.0) -> TokgateError:
        """Read to the end; the stream must fail: its typed error."""
        try:
            async with asyncio.timeout(seconds):
                while isinstance(response := await self.call.read(), Response):
                    self.events.append(response.event)
        except grpc.aio.AioRpcError as err:
            return from_rpc_error(err)
        raise AssertionError(f"the stream ended OK after {len(self.events)} events")

    async def end_ok(self, seconds: float = 20.0) -> None:
        """Read to the end; the stream must end with OK."""
        async with asyncio.timeout(seconds):
            while isinstance(response := await self.call.read(), Response):
                self.events.append(response.event)
        assert await self.call.code() == grpc.StatusCode.OK


def kind_of(event: live_pb2.LiveEvent) -> str | None:
    return event.WhichOneof("event")


def state_of(event: live_pb2.LiveEvent) -> int | None:
    return event.status.state if kind_of(event) == "status" else None


def is_state(state: int) -> Callable[[live_pb2.LiveEvent], bool]:
    return lambda event: state_of(event) == state


def metric_value(text: str, name: str, labels: str = "") -> float:
    """One sample of the /metrics page (0 when absent); ``labels`` like ``type="comment"``."""
    pattern = re.escape(name) + (r"\{[^}]*" + re.escape(labels) + r"[^}]*\}" if labels else "")
    total = 0.0
    for match in re.finditer(rf"^{pattern}(?:\{{[^}}]*\}})? ([0-9.e+-]+)$", text, re.M):
        total += float(match.group(1))
    return total


class Streams:
    """Opens StreamEvents calls on one server; cancels every one still open at the end."""

    def __init__(self, stub: live_pb2_grpc.LiveServiceAsyncStub) -> None:
        self.stub = stub
        self.opened: list[Stream] = []

    def open(
        self,
        unique_id: str,
        event_types: Sequence[live_pb2.EventType.ValueType] = (),
        wait_until_live: bool = False,
    ) -> Stream:
        request = live_pb2.StreamEventsRequest(
            unique_id=unique_id, event_types=event_types, wait_until_live=wait_until_live
        )
        stream = Stream(self.stub.StreamEvents(request))
        self.opened.append(stream)
        return stream

    def cancel_all(self) -> None:
        for stream in self.opened:
            stream.call.cancel()


@pytest.fixture(scope="module")
async def channel(server: ServerHandle) -> AsyncIterator[grpc.aio.Channel]:
    channel = server.aio_channel()
    yield channel
    await channel.close()


@pytest.fixture(scope="module")
def live(channel: grpc.aio.Channel) -> live_pb2_grpc.LiveServiceAsyncStub:
    return live_pb2_grpc.LiveServiceStub(channel)


@pytest.fixture(scope="module")
def admin(channel: grpc.aio.Channel) -> admin_pb2_grpc.AdminServiceAsyncStub:
    return admin_pb2_grpc.AdminServiceStub(channel)


@pytest.fixture
def streams(live: live_pb2_grpc.LiveServiceAsyncStub) -> Iterator[Streams]:
    opened = Streams(live)
    yield opened
    opened.cancel_all()


async def rooms(admin: admin_pb2_grpc.AdminServiceAsyncStub) -> dict[str, admin_pb2.Room]:
    answer = await admin.ListRooms(admin_pb2.ListRoomsRequest())
    return {room.unique_id: room for room in answer.rooms}


def go_live(simulator: SimulatorHandle, unique_id: str, **extra: object) -> None:
    simulator.control("POST", f"rooms/{unique_id}", json={"live": True, **extra})


async def eventually(check: Callable[[], bool], seconds: float = 10.0) -> None:
    """Poll ``check`` until it holds (state that settles asynchronously, e.g. a linger)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


def counters(simulator: SimulatorHandle) -> dict[str, Any]:
    answer: dict[str, Any] = simulator.control("GET", "counters")
    return answer


def by_room(simulator: SimulatorHandle, counter: str, unique_id: str) -> int:
    return int(counters(simulator)[counter].get(unique_id, 0))


def assert_increasing(events: list[live_pb2.LiveEvent]) -> None:
    sequences = [event.sequence for event in events]
    assert sequences == sorted(set(sequences)), sequences


# --- 1. events, order, filters, names -----------------------------------------------------


async def test_events_arrive_typed_in_order_with_sequence(streams: Streams) -> None:
    stream = streams.open("@sim_live")
    wanted = {"comment", "gift", "like", "join", "follow", "share", "viewer_count", "other"}
    seen: set[str] = set()

    def all_seen(event: live_pb2.LiveEvent) -> bool:
        seen.add(kind_of(event) or "")
        return wanted <= seen

    await stream.read_until(all_seen, seconds=30)
    first = stream.events[0]
    assert kind_of(first) == "connected"
    assert first.connected.room_id and first.room_id == first.connected.room_id
    assert {event.unique_id for event in stream.events} == {"sim_live"}
    assert_increasing(stream.events)
    assert all(event.received_at.seconds > 0 for event in stream.events)
    gifts = [event.gift for event in stream.events if kind_of(event) == "gift"]
    assert all(g.streak_state != live_pb2.GIFT_STREAK_STATE_UNSPECIFIED for g in gifts)
    others = [event.other for event in stream.events if kind_of(event) == "other"]
    assert all(other.type_name.startswith("Webcast") and other.payload for other in others)
    # Nothing is delivered twice at connect (the first fetch's history is not replayed), and
    # each gift streak has its own group id: it counts up by one from 1 and ends at most once.
    streaks: dict[str, list[live_pb2.GiftEvent]] = {}
    for gift in gifts:
        streaks.setdefault(gift.group_id, []).append(gift)
    for streak in streaks.values():
        assert [g.repeat_count for g in streak] == list(range(1, len(streak) + 1))
        ends = [g.streak_state != live_pb2.GIFT_STREAK_STATE_IN_PROGRESS for g in streak]
        assert not any(ends[:-1])  # only the last message of a streak can end it


async def test_event_types_filter(streams: Streams) -> None:
    stream = streams.open("sim_live", event_types=(ET.EVENT_TYPE_COMMENT,))
    events = await stream.read_count(12, seconds=30)
    assert {kind_of(event) for event in events} <= {"connected", "comment", "status"}
    assert any(kind_of(event) == "comment" for event in events)
    assert_increasing(events)


@pytest.mark.parametrize("unique_id", ["not a name!", "x", "@" + "a" * 25])
async def test_invalid_name_is_invalid_argument(
    streams: Streams, simulator: SimulatorHandle, unique_id: str
) -> None:
    before = counters(simulator)["http_requests"]
    error = await streams.open(unique_id).failure()
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.detail.kind == Kind.ERROR_KIND_INVALID_ARGUMENT
    assert counters(simulator)["http_requests"] == before


async def test_unknown_event_type_is_invalid_argument(streams: Streams) -> None:
    unknown = live_pb2.EventType.ValueType(99)
    error = await streams.open("sim_live", event_types=(unknown,)).failure()
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.detail.kind == Kind.ERROR_KIND_INVALID_ARGUMENT


async def test_get_live_status(live: live_pb2_grpc.LiveServiceAsyncStub) -> None:
    answer = await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="@sim_live"))
    assert answer.unique_id == "sim_live" and answer.is_live and answer.room_id
    offline = await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_offline"))
    assert not offline.is_live
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_not_found"))
    assert failed.value.code() == grpc.StatusCode.NOT_FOUND
    assert from_rpc_error(failed.value).detail.kind == Kind.ERROR_KIND_USER_NOT_FOUND


# --- 2. fan-out, ListRooms, linger ----------------------------------------------------------


async def test_fifty_subscribers_share_one_upstream(
    streams: Streams,
    simulator: SimulatorHandle,
    server: ServerHandle,
    admin: admin_pb2_grpc.AdminServiceAsyncStub,
) -> None:
    go_live(simulator, "fanout_room")
    subscribers = [streams.open("fanout_room") for _ in range(50)]
    await asyncio.gather(*(s.read_until(lambda e: kind_of(e) == "connected") for s in subscribers))
    starts = await asyncio.gather(*(s.read_count(1) for s in subscribers))
    common_from = max(events[0].sequence for events in starts)
    until = common_from + 25
    await asyncio.gather(*(s.read_until(lambda e: e.sequence >= until) for s in subscribers))
    windows = [
        [e.SerializeToString() for e in s.events if common_from <= e.sequence <= until]
        for s in subscribers
    ]
    assert len(windows[0]) >= 10
    assert all(window == windows[0] for window in windows)

    assert by_room(simulator, "websocket_opens_by_room", "fanout_room") == 1
    assert by_room(simulator, "sign_requests_by_room", "fanout_room") == 1
    room = (await rooms(admin))["fanout_room"]
    assert room.subscriber_count == 50 and room.state == admin_pb2.ROOM_STATE_LIVE
    assert room.last_sequence >= until and room.room_id
    page = server.metrics()
    assert metric_value(page, "tokgate_live_rooms") >= 1
    assert metric_value(page, "tokgate_live_subscribers") >= 50

    # The last one leaves: after the linger the upstream closes and the room's log is all that
    # is left (CLOSED, for resumes); after room_history_max_age nothing is left of it.
    streams.cancel_all()
    listed: dict[str, admin_pb2.Room] = {}

    async def listed_where(condition: Callable[[dict[str, admin_pb2.Room]], bool]) -> None:
        nonlocal listed
        deadline = time.monotonic() + 10
        while not condition(listed := await rooms(admin)):
            assert time.monotonic() < deadline, listed
            await asyncio.sleep(0.1)

    await listed_where(
        lambda now: "fanout_room" in now and now["fanout_room"].state == admin_pb2.ROOM_STATE_CLOSED
    )
    closed = listed["fanout_room"]
    assert closed.epoch == room.epoch and closed.last_sequence >= until
    assert not closed.owner_replica and closed.subscriber_count == 0
    await eventually(lambda: "fanout_room" not in counters(simulator)["open_websockets"])
    await listed_where(lambda now: "fanout_room" not in now)


async def test_no_room_task_or_websocket_left_after_linger(
    simulator: SimulatorHandle, server: ServerHandle, admin: admin_pb2_grpc.AdminServiceAsyncStub
) -> None:
    await eventually(lambda: metric_value(server.metrics(), "tokgate_live_rooms") == 0, 15)
    assert await rooms(admin) == {}
    assert metric_value(server.metrics(), "tokgate_live_subscribers") == 0
    await eventually(lambda: counters(simulator)["open_websockets"] == {}, 15)


# --- 3. slow subscribers --------------------------------------------------------------------


# A small HTTP/2 window (no BDP probing) so a subscriber that stops reading stalls soon.
STALLING_CHANNEL_OPTIONS = [("grpc.http2.bdp_probe", 0)]


async def test_stalled_subscriber_does_not_delay_others_and_loses_oldest(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    go_live(simulator, "busy_room", event_rate=300)
    async with (
        grpc.aio.insecure_channel(server.address, options=STALLING_CHANNEL_OPTIONS) as slow,
        server.aio_channel() as fast,
    ):
        stalled = Streams(live_pb2_grpc.LiveServiceStub(slow)).open("busy_room")
        reader = Streams(live_pb2_grpc.LiveServiceStub(fast)).open("busy_room")
        await stalled.read_until(lambda e: kind_of(e) == "connected")
        await reader.read_until(lambda e: kind_of(e) == "connected")
        # The stalled one stops reading; the other reads on, every event, in order.
        start = len(reader.events)
        await reader.read_count(1500, seconds=30)
        sequences = [event.sequence for event in reader.events[start:]]
        assert sequences == list(range(sequences[0], sequences[0] + len(sequences)))
        assert not any(state_of(e) == ST.STREAM_STATE_EVENTS_DROPPED for e in reader.events)

        notice = await stalled.read_until(is_state(ST.STREAM_STATE_EVENTS_DROPPED), seconds=30)
        status = notice.status
        assert status.dropped_count > 0
        assert status.last_dropped_sequence - status.first_dropped_sequence + 1 == (
            status.dropped_count
        )
        after = await stalled.read_count(1)
        assert after[0].sequence > status.last_dropped_sequence
        assert_increasing(stalled.events)
        stalled.call.cancel()
        reader.call.cancel()
    simulator.control("POST", "rooms/busy_room", json={"event_rate": None})


@pytest.fixture(scope="module")
def strict_server(
    simulator: SimulatorHandle, server_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    """A server whose overflow policy is to disconnect slow subscribers."""
    args = [*server_args, "--overflow-policy", "disconnect"]
    with run_server(
        upstream=simulator, args=args, workdir=tmp_path_factory.mktemp("strict")
    ) as handle:
        yield handle


async def test_disconnect_policy_ends_a_stalled_subscriber_with_slow_consumer(
    strict_server: ServerHandle, simulator: SimulatorHandle
) -> None:
    go_live(simulator, "strict_room", event_rate=500)
    options = STALLING_CHANNEL_OPTIONS
    async with grpc.aio.insecure_channel(strict_server.address, options=options) as channel:
        stub = live_pb2_grpc.LiveServiceStub(channel)
        stalled = Streams(stub).open("strict_room")
        await stalled.read_until(lambda e: kind_of(e) == "connected")
        # It reads nothing more until its queue went over its bound (the HTTP/2 window and
        # the socket's buffers are full by then); reading earlier could let it keep up.
        await eventually(
            lambda: (
                metric_value(
                    strict_server.metrics(),
                    "tokgate_live_events_dropped_total",
                    'reason="slow_consumer"',
                )
                > 0
            ),
            seconds=60,
        )
        error = await stalled.failure(seconds=30)
    assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error.detail.kind == Kind.ERROR_KIND_SLOW_CONSUMER
    simulator.control("POST", "rooms/strict_room", json={"event_rate": None})


# --- 4. failures ----------------------------------------------------------------------------


async def test_offline_is_failed_precondition(streams: Streams) -> None:
    error = await streams.open("sim_offline").failure()
    assert error.code == grpc.StatusCode.FAILED_PRECONDITION
    assert error.detail.kind == Kind.ERROR_KIND_USER_OFFLINE


async def test_wait_until_live_waits_then_streams(
    streams: Streams, simulator: SimulatorHandle
) -> None:
    stream = streams.open("late_starter", wait_until_live=True)
    waiting = await stream.read_until(is_state(ST.STREAM_STATE_WAITING_FOR_LIVE))
    assert waiting.status.error.kind == Kind.ERROR_KIND_USER_OFFLINE
    assert waiting.status.retry_after.ToTimedelta().total_seconds() > 0
    await asyncio.sleep(1)  # polls politely meanwhile, without failing the stream
    go_live(simulator, "late_starter")
    await stream.read_until(lambda e: kind_of(e) == "connected")
    await stream.read_count(3)
    assert_increasing(stream.events)


async def test_not_found_is_not_found(streams: Streams) -> None:
    error = await streams.open("sim_not_found").failure()
    assert error.code == grpc.StatusCode.NOT_FOUND
    assert error.detail.kind == Kind.ERROR_KIND_USER_NOT_FOUND


async def test_age_restricted_is_permission_denied_with_sessionid_advice(
    streams: Streams,
) -> None:
    error = await streams.open("sim_age_restricted").failure()
    assert error.code == grpc.StatusCode.PERMISSION_DENIED
    assert error.detail.kind == Kind.ERROR_KIND_AGE_RESTRICTED
    assert any("sessionid" in tip.lower() for tip in error.detail.suggestions)


async def test_sign_rate_limit_reconnects_after_reset_then_resumes(
    streams: Streams, simulator: SimulatorHandle
) -> None:
    go_live(simulator, "limited_once")
    simulator.control(
        "POST", "rooms/limited_once/fault", json={"fault": "rate_limited", "count": 1}
    )
    stream = streams.open("limited_once")
    reconnecting = await stream.read_until(is_state(ST.STREAM_STATE_RECONNECTING))
    told = time.monotonic()
    status = reconnecting.status
    assert status.error.kind == Kind.ERROR_KIND_RATE_LIMIT and status.attempt == 1
    delay = status.retry_after.ToTimedelta().total_seconds()
    assert delay >= 1.0  # the simulator's RateLimit-Reset is 2 s away (whole seconds)
    assert by_room(simulator, "sign_requests_by_room", "limited_once") == 1
    await eventually(lambda: by_room(simulator, "sign_requests_by_room", "limited_once") == 2)
    assert time.monotonic() - told >= delay - 0.3
    await stream.read_until(lambda e: kind_of(e) == "connected")
    await stream.read_count(3)


async def test_sign_rate_limited_scenario_reports_in_band_then_fails(streams: Streams) -> None:
    stream = streams.open("sim_sign_rate_limited")
    error = await stream.failure(seconds=30)
    statuses = [e.status for e in stream.events if state_of(e) == ST.STREAM_STATE_RECONNECTING]
    assert [s.attempt for s in statuses] == list(range(1, ATTEMPTS + 1))
    assert all(s.error.kind == Kind.ERROR_KIND_RATE_LIMIT for s in statuses)
    # Each wait is the time to the 429's RateLimit-Reset: 2 s ahead (--rate-limit-reset in
    # conftest.py) in whole unix seconds, so more than 1 s and at most 2 s when it was sent.
    delays = [s.retry_after.ToTimedelta().total_seconds() for s in statuses]
    assert all(0 < delay <= 2.0 for delay in delays), delays
    assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_scenario_drop_reconnects_and_goes_on(streams: Streams) -> None:
    stream = streams.open("sim_drop")
    await stream.read_until(lambda e: kind_of(e) == "connected")
    reconnecting = await stream.read_until(is_state(ST.STREAM_STATE_RECONNECTING))
    assert reconnecting.status.error.kind == Kind.ERROR_KIND_NETWORK
    await stream.read_until(is_state(ST.STREAM_STATE_RESUMED))
    await stream.read_count(5)
    assert_increasing(stream.events)


async def test_control_api_drop_reconnects_and_goes_on(
    streams: Streams, simulator: SimulatorHandle
) -> None:
    go_live(simulator, "drop_me")
    stream = streams.open("drop_me")
    await stream.read_until(lambda e: kind_of(e) == "connected")
    await stream.read_count(3)
    simulator.control("POST", "rooms/drop_me/drop")
    await stream.read_until(is_state(ST.STREAM_STATE_RECONNECTING))
    await stream.read_until(is_state(ST.STREAM_STATE_RESUMED))
    await stream.read_count(3)
    assert_increasing(stream.events)
    assert by_room(simulator, "websocket_opens_by_room", "drop_me") == 2


async def test_silent_websocket_is_caught_by_the_watchdog(streams: Streams) -> None:
    stream = streams.open("sim_silent")
    error = await stream.failure(seconds=40)
    statuses = [e.status for e in stream.events if state_of(e) == ST.STREAM_STATE_RECONNECTING]
    assert statuses and all(s.error.kind == Kind.ERROR_KIND_TIMEOUT for s in statuses)
    assert error.code == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_hung_sign_request_times_out(streams: Streams, simulator: SimulatorHandle) -> None:
    simulator.control("POST", "config", json={"slow_delay": 1.3})  # sign timeout is 1 s
    try:
        stream = streams.open("sim_slow")
        reconnecting = await stream.read_until(is_state(ST.STREAM_STATE_RECONNECTING), 30)
    finally:
        simulator.control("POST", "config", json={"slow_delay": 5.0})
    assert reconnecting.status.error.kind == Kind.ERROR_KIND_TIMEOUT
    assert reconnecting.status.error.metadata["operation"] == "sign"


@pytest.mark.parametrize(
    ("unique_id", "kind", "code"),
    [
        ("sim_blocked", Kind.ERROR_KIND_BOT_DETECTION, grpc.StatusCode.UNAVAILABLE),
        ("sim_sign_error", Kind.ERROR_KIND_SIGN_API, grpc.StatusCode.UNAVAILABLE),
        ("sim_no_cookies", Kind.ERROR_KIND_SIGN_API, grpc.StatusCode.UNAVAILABLE),
        ("sim_sign_429_bare", Kind.ERROR_KIND_RATE_LIMIT, grpc.StatusCode.RESOURCE_EXHAUSTED),
    ],
)
async def test_retried_within_budget_then_typed_failure(
    streams: Streams,
    simulator: SimulatorHandle,
    unique_id: str,
    kind: errors_pb2.ErrorKind.ValueType,
    code: grpc.StatusCode,
) -> None:
    stream = streams.open(unique_id)
    error = await stream.failure(seconds=30)
    statuses = [e.status for e in stream.events if state_of(e) == ST.STREAM_STATE_RECONNECTING]
    assert [s.attempt for s in statuses] == list(range(1, ATTEMPTS + 1))
    assert all(s.error.kind == kind for s in statuses)
    assert error.code == code and error.detail.kind == kind
    if unique_id == "sim_sign_429_bare":  # TikTokLive's TypeError, told apart by the context
        assert error.detail.exception_type.endswith("TypeError")
        assert error.detail.metadata["operation"] == "sign"


async def test_malformed_frames_are_counted_and_the_stream_goes_on(
    streams: Streams, server: ServerHandle
) -> None:
    before = metric_value(
        server.metrics(), "tokgate_live_events_dropped_total", 'reason="malformed"'
    )
    stream = streams.open("sim_malformed")
    await stream.read_until(lambda e: kind_of(e) == "connected")
    await stream.read_count(60, seconds=30)
    assert not any(state_of(e) == ST.STREAM_STATE_RECONNECTING for e in stream.events)
    after = metric_value(
        server.metrics(), "tokgate_live_events_dropped_total", 'reason="malformed"'
    )
    assert after > before


async def test_live_end_sends_live_ended_then_ok(streams: Streams) -> None:
    stream = streams.open("sim_live_end")
    await stream.end_ok(seconds=30)
    assert kind_of(stream.events[-1]) == "live_ended"
    assert stream.events[-1].live_ended.reason == "STREAM_ENDED"


# --- 5. the sign budget ---------------------------------------------------------------------

BUDGET, WINDOW = 4, 2.0


@pytest.fixture(scope="module")
def budget_server(
    simulator: SimulatorHandle, server_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    args = [
        *server_args,
        "--sign-budget-per-minute",
        str(BUDGET),
        "--sign-budget-window",
        str(WINDOW),
    ]
    with run_server(
        upstream=simulator, args=args, workdir=tmp_path_factory.mktemp("budget")
    ) as handle:
        yield handle


async def test_twenty_rooms_never_exceed_the_sign_budget(
    budget_server: ServerHandle, simulator: SimulatorHandle
) -> None:
    names = [f"budget_{n:02d}" for n in range(20)]
    for name in names:
        go_live(simulator, name)

    def signed() -> int:
        table = counters(simulator)["sign_requests_by_room"]
        return sum(count for name, count in table.items() if name.startswith("budget_"))

    async with budget_server.aio_channel() as channel:
        opened = Streams(live_pb2_grpc.LiveServiceStub(channel))
        start = time.monotonic()
        for name in names:
            opened.open(name)
        connected = asyncio.gather(
            *(s.read_until(lambda e: kind_of(e) == "connected", seconds=60) for s in opened.opened)
        )
        while not connected.done():
            windows_started = int((time.monotonic() - start) // WINDOW) + 1
            assert signed() <= BUDGET * windows_started
            await asyncio.sleep(0.1)
        await connected
        opened.cancel_all()
    assert signed() == 20
    waited = [
        s
        for s in opened.opened
        if any(state_of(e) == ST.STREAM_STATE_WAITING_FOR_SIGN_BUDGET for e in s.events)
    ]
    assert len(waited) >= 20 - BUDGET
    assert all(
        e.status.retry_after.ToTimedelta().total_seconds() > 0
        for s in waited
        for e in s.events
        if state_of(e) == ST.STREAM_STATE_WAITING_FOR_SIGN_BUDGET
    )


# --- 6. metrics -----------------------------------------------------------------------------


async def test_live_metrics_are_exported(server: ServerHandle) -> None:
    page = server.metrics()
    assert metric_value(page, "tokgate_live_events_total", 'type="comment"') > 0
    assert metric_value(page, "tokgate_live_events_total", 'type="other"') > 0
    assert metric_value(page, "tokgate_live_events_dropped_total", 'reason="slow_consumer"') > 0
    assert metric_value(page, "tokgate_live_reconnects_total", 'kind="network"') > 0
    assert metric_value(page, "tokgate_live_reconnects_total", 'kind="rate_limit"') > 0
    assert metric_value(page, "tokgate_live_event_delay_seconds_count") > 0
    for name in ("tokgate_live_rooms", "tokgate_live_subscribers"):
        assert re.search(rf"^{name} ", page, re.M), name


# --- 7. tokgate watch and secrets -----------------------------------------------------------


async def test_watch_prints_events_then_typed_errors(server: ServerHandle) -> None:
    from tokgate.console.watch import watch

    out = io.StringIO()
    assert await watch(server.address, "@sim_live", duration=3, out=out) == 0
    lines = out.getvalue().splitlines()
    assert "connected to @sim_live" in lines[0]
    assert any(" sent " in line for line in lines) and any("joined" in line for line in lines)
    out = io.StringIO()
    assert await watch(server.address, "sim_offline", out=out) == 1
    shown = out.getvalue()
    assert "User Offline [USER_OFFLINE]" in shown
    assert "Suggestions:" in shown and "wait_until_live" in shown
    assert "\x1b[" not in shown  # no colour when not a terminal


SECRETS = {"sign_api_key": "SIGNKEY-abc123xyz", "sessionid": "SESSIONID-9f8e7d6c5b4a"}


@pytest.fixture(scope="module")
def secret_server(
    simulator: SimulatorHandle, server_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    """A server holding a sign API key and a sessionid (sent to the sign server, which the
    operator names: the simulator's)."""
    args = [
        *server_args,
        "--log-level",
        "DEBUG",
        "--sessionid-sign-host",
        f"127.0.0.1:{simulator.port}",
    ]
    env = {f"TOKGATE_{name.upper()}": value for name, value in SECRETS.items()}
    with run_server(
        upstream=simulator, args=args, env=env, workdir=tmp_path_factory.mktemp("secrets")
    ) as handle:
        yield handle


async def test_credentials_are_used_but_never_shown(
    secret_server: ServerHandle, simulator: SimulatorHandle
) -> None:
    go_live(simulator, "secret_room")
    async with secret_server.aio_channel() as channel:
        opened = Streams(live_pb2_grpc.LiveServiceStub(channel))
        await opened.open("secret_room").read_until(lambda e: kind_of(e) == "connected")
        failing = opened.open("sim_sign_error")
        error = await failing.failure(seconds=30)
        opened.cancel_all()
    assert by_room(simulator, "sign_requests_by_room", "secret_room") == 1
    shown = [
        secret_server.process.logs(),
        error.detail.SerializeToString().decode("latin-1"),
        *(e.SerializeToString().decode("latin-1") for e in failing.events),
    ]
    for secret in SECRETS.values():
        assert not any(secret in text for text in shown), secret

"""Resuming a stream in one process: the room's log answers a position (sequence, epoch) with
exactly the events a client missed, or with a RESUME_GAP saying what it cannot give.

The log's rules are tested on MemoryLog itself; the rest against the simulator's busy room
through a real tokgate serve, whose history is kept small so a gap is seconds away.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence

import grpc
import pytest
from tokgate.bounds import Bounds
from tokgate.errors.exceptions import ClassifiedFailure
from tokgate.live.events import Delivery, status_event
from tokgate.live.fanout import FanOut
from tokgate.live.log import MemoryLog, Replay
from tokgate.live.subscriber import Subscriber
from tokgate.testing import ServerHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client.errors import from_rpc_error

ET = live_pb2.EventType
ST = live_pb2.StreamState
HISTORY_ENTRIES = 400
WIDE = Bounds(max_bytes=1 << 30, max_age=3600.0, max_entries=1_000_000)


# --- the log's rules, on MemoryLog -------------------------------------------------------


def _log(bounds: Bounds = WIDE) -> tuple[MemoryLog, list[Delivery]]:
    delivered: list[Delivery] = []
    return MemoryLog("streamer", bounds, delivered.extend), delivered


async def _append(log: MemoryLog, *events: live_pb2.LiveEvent) -> list[Delivery]:
    sealed = []
    for event in events:
        kind = event.WhichOneof("event")
        event_type = {
            "connected": ET.EVENT_TYPE_CONNECTED,
            "status": ET.EVENT_TYPE_STREAM_STATUS,
            "live_ended": ET.EVENT_TYPE_LIVE_ENDED,
            "like": ET.EVENT_TYPE_LIKE,
        }.get(str(kind), ET.EVENT_TYPE_COMMENT)
        sealed.append(log.seal(event, event_type, "7", time.monotonic(), time.time_ns()))
    await log.publish(sealed)
    return sealed


def _comment(text: str = "hi") -> live_pb2.LiveEvent:
    return live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text=text))


def _sequences(replay: Replay) -> list[int]:
    return [entry.sequence for entry in replay.entries]


def _position(sequence: int, epoch: str) -> live_pb2.StreamPosition:
    return live_pb2.StreamPosition(sequence=sequence, epoch=epoch)


async def test_the_log_numbers_stamps_delivers_and_keeps_every_event() -> None:
    log, delivered = _log()
    connected = live_pb2.LiveEvent(connected=live_pb2.ConnectedEvent(room_id="7"))
    sealed = await _append(log, connected, _comment("a"), _comment("b"))
    assert [d.sequence for d in delivered] == [1, 2, 3] and delivered == sealed
    assert len(log.epoch) == 8 and log.epoch.isalnum() and log.epoch.islower()
    event = live_pb2.StreamEventsResponse.FromString(sealed[1].wire).event
    assert (event.unique_id, event.room_id, event.sequence, event.epoch) == (
        "streamer",
        "7",
        2,
        log.epoch,
    )
    assert list(log.history) == sealed and log.connected is sealed[0]
    assert MemoryLog("streamer", WIDE, delivered.extend).epoch != log.epoch


async def test_a_position_inside_the_history_gets_exactly_the_events_after_it() -> None:
    log, _ = _log()
    await _append(log, *(_comment(str(i)) for i in range(10)))
    assert _sequences(await log.replay(_position(4, log.epoch), "7")) == [5, 6, 7, 8, 9, 10]
    # The last event seen, or the one before the history: nothing missed, nothing twice.
    assert _sequences(await log.replay(_position(10, log.epoch), "7")) == []
    assert _sequences(await log.replay(_position(0, log.epoch), "7")) == list(range(1, 11))


async def test_a_position_older_than_the_history_gets_a_counted_gap_then_what_is_kept() -> None:
    log, _ = _log(Bounds(max_bytes=1 << 30, max_age=3600.0, max_entries=5))
    connected = live_pb2.LiveEvent(connected=live_pb2.ConnectedEvent(room_id="7"))
    await _append(log, connected, *(_comment(str(i)) for i in range(11)))  # 1..12, keeps 8..12
    replay = await log.replay(_position(3, log.epoch), "7")
    gap, *rest = replay.entries
    status = gap.message.event.status
    assert status.state == ST.STREAM_STATE_RESUME_GAP and gap.sequence == 3
    assert gap.message.event.epoch == log.epoch
    assert (status.dropped_count, status.first_dropped_sequence, status.last_dropped_sequence) == (
        4,
        4,
        7,
    )
    # CONNECTED (1) is before the position: the client has it; then the kept events.
    assert [d.sequence for d in rest] == [8, 9, 10, 11, 12] and replay.result == "gap"
    # From before CONNECTED, the start state in the gap comes back first.
    replay = await log.replay(_position(0, log.epoch), "7")
    assert [d.sequence for d in replay.entries[1:]] == [1, 8, 9, 10, 11, 12]


async def test_another_epoch_or_a_sequence_beyond_the_log_starts_afresh_after_a_notice() -> None:
    log, _ = _log()
    connected = live_pb2.LiveEvent(connected=live_pb2.ConnectedEvent(room_id="7"))
    waiting = status_event(ST.STREAM_STATE_RECONNECTING, "reconnecting")
    await _append(log, connected, _comment(), waiting)
    for position in (_position(2, "otherepoch"), _position(99, log.epoch)):
        replay = await log.replay(position, "7")
        gap, *start = replay.entries
        status = gap.message.event.status
        assert status.state == ST.STREAM_STATE_RESUME_GAP and status.dropped_count == 0
        assert gap.sequence == 0 and gap.message.event.epoch == log.epoch
        # The start state: CONNECTED and the current status, as a new subscriber gets them.
        assert [d.sequence for d in start] == [1, 3] and replay.result == "unknown_epoch"


async def test_the_history_keeps_within_its_bytes_and_age() -> None:
    log, _ = _log(Bounds(max_bytes=2_000, max_age=3600.0, max_entries=1_000_000))
    await _append(log, *(_comment("x" * 100) for _ in range(100)))
    assert log.history.nbytes <= 2_000 and 10 < len(log.history) < 20
    aged, _ = _log(Bounds(max_bytes=1 << 30, max_age=0.05, max_entries=1_000_000))
    await _append(aged, *(_comment() for _ in range(5)))
    await asyncio.sleep(0.1)
    replay = await aged.replay(_position(1, aged.epoch), "7")
    assert replay.result == "gap" and replay.entries[0].message.event.status.dropped_count == 4


async def test_a_replay_ends_at_a_live_end() -> None:
    log, _ = _log()
    await _append(log, _comment(), live_pb2.LiveEvent(live_ended=live_pb2.LiveEndedEvent()))
    await _append(log, _comment())
    replay = await log.replay(_position(0, log.epoch), "7")
    assert _sequences(replay) == [1, 2] and replay.ends


async def test_a_subscriber_gets_its_replay_filtered_and_never_an_event_twice() -> None:
    fanout = FanOut("streamer")
    log = MemoryLog("streamer", WIDE, fanout.deliver)
    bounds = Bounds(max_bytes=1 << 20, max_age=60.0, max_entries=100)
    likes = Subscriber("streamer", {ET.EVENT_TYPE_LIKE}, False, bounds, "drop_oldest")
    # As in cluster mode: registered first, live events queue up while the replay is read.
    fanout.attach(likes)
    like = live_pb2.LiveEvent(like=live_pb2.LikeEvent(count=1))
    await _append(log, _comment(), like, _comment(), like)
    likes.start(await log.replay(_position(0, log.epoch), "7"))
    await _append(log, like)  # live, after the replay
    received = [await likes.next() for _ in range(3)]
    assert [d.sequence for d in received if d is not None] == [2, 4, 5]


async def test_a_failure_ends_the_stream_after_its_replay() -> None:
    log, _ = _log()
    await _append(log, _comment(), _comment())
    subscriber = Subscriber("streamer", frozenset(), False, WIDE, "drop_oldest")
    subscriber.start(await log.replay(_position(0, log.epoch), "7"))
    detail = errors_pb2.ErrorDetail(kind=errors_pb2.ERROR_KIND_USER_OFFLINE)
    subscriber.end(ClassifiedFailure(detail))
    assert [(await subscriber.next()).sequence for _ in range(2)] == [1, 2]  # type: ignore[union-attr]
    with pytest.raises(ClassifiedFailure):
        await subscriber.next()


# --- against a real server ---------------------------------------------------------------


@pytest.fixture(scope="module")
def simulator_args(simulator_args: list[str]) -> list[str]:
    return [*simulator_args, "--event-rate", "200"]


@pytest.fixture(scope="module")
def server_args(server_args: list[str]) -> list[str]:
    watch = ["--watch", "sim_every_type,watched_offline", "--cluster-replica", "solo"]
    return [*server_args, "--room-history-max-entries", str(HISTORY_ENTRIES), *watch]


@pytest.fixture(scope="module")
async def live(server: ServerHandle) -> AsyncIterator[live_pb2_grpc.LiveServiceAsyncStub]:
    channel = server.aio_channel()
    yield live_pb2_grpc.LiveServiceStub(channel)
    await channel.close()


@pytest.fixture(scope="module")
async def admin(server: ServerHandle) -> AsyncIterator[admin_pb2_grpc.AdminServiceAsyncStub]:
    channel = server.aio_channel()
    yield admin_pb2_grpc.AdminServiceStub(channel)
    await channel.close()


Call = grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse]


def _open(
    live: live_pb2_grpc.LiveServiceAsyncStub,
    position: live_pb2.StreamPosition | None = None,
    *,
    unique_id: str = "sim_live",
    event_types: Sequence[live_pb2.EventType.ValueType] = (),
) -> Call:
    request = live_pb2.StreamEventsRequest(unique_id=unique_id, event_types=event_types)
    if position is not None:
        request.resume_from.CopyFrom(position)
    return live.StreamEvents(request)


async def _read(call: Call, count: int, seconds: float = 15.0) -> list[live_pb2.LiveEvent]:
    events: list[live_pb2.LiveEvent] = []
    async with asyncio.timeout(seconds):
        while len(events) < count:
            response = await call.read()
            assert isinstance(response, live_pb2.StreamEventsResponse), "the stream ended"
            events.append(response.event)
    return events


def _last(events: list[live_pb2.LiveEvent]) -> live_pb2.StreamPosition:
    return _position(events[-1].sequence, events[-1].epoch)


def _consecutive(events: list[live_pb2.LiveEvent]) -> bool:
    numbers = [event.sequence for event in events]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


async def test_a_dropped_stream_resumes_with_no_hole_and_no_duplicate(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    first = _open(live)
    seen = await _read(first, 50)
    first.cancel()
    await asyncio.sleep(0.2)  # the room goes on (lingering) without the client
    second = _open(live, _last(seen))
    seen += await _read(second, 100)
    second.cancel()
    # A new stream starts with the room's CONNECTED, then live events: none lost, none twice.
    assert seen[0].WhichOneof("event") == "connected"
    assert _consecutive(seen[1:]) and len({event.epoch for event in seen}) == 1
    assert all(event.WhichOneof("event") != "status" for event in seen[50:])


async def test_a_resume_respects_the_new_filter(live: live_pb2_grpc.LiveServiceAsyncStub) -> None:
    keeper = _open(live)
    seen = await _read(keeper, 20)
    await _read(keeper, 100)  # events the resumed client missed
    comments = _open(live, _last(seen), event_types=[ET.EVENT_TYPE_COMMENT])
    resumed = await _read(comments, 20)
    keeper.cancel()
    comments.cancel()
    assert all(event.WhichOneof("event") == "comment" for event in resumed)
    assert resumed[0].sequence > seen[-1].sequence and resumed[0].epoch == seen[-1].epoch


async def test_a_sole_subscriber_resumes_after_its_room_closed(
    live: live_pb2_grpc.LiveServiceAsyncStub, admin: admin_pb2_grpc.AdminServiceAsyncStub
) -> None:
    call = _open(live)
    seen = await _read(call, 30)
    call.cancel()

    async def closed() -> admin_pb2.Room | None:
        listed = await admin.ListRooms(admin_pb2.ListRoomsRequest())
        found = [room for room in listed.rooms if room.unique_id == "sim_live"]
        return found[0] if found and found[0].state == admin_pb2.ROOM_STATE_CLOSED else None

    async with asyncio.timeout(10):
        while (room := await closed()) is None:  # noqa: ASYNC110 (polling a server)
            await asyncio.sleep(0.1)
    assert room.epoch == seen[-1].epoch
    resumed = _open(live, _last(seen))
    seen += await _read(resumed, 300)  # ~100 the room got while it lingered, then live
    resumed.cancel()
    # What the room got before it closed, then its next connection's CONNECTED, then live.
    assert _consecutive(seen[1:]) and len({event.epoch for event in seen}) == 1
    assert [e.WhichOneof("event") for e in seen[30:]].count("connected") == 1


async def test_a_position_older_than_the_history_is_a_counted_gap(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    keeper = _open(live)
    seen = await _read(keeper, 10)
    await _read(keeper, HISTORY_ENTRIES + 100, seconds=30)  # the history moved past it
    resumed = _open(live, _last(seen))
    gap, *after = await _read(resumed, 20)
    keeper.cancel()
    resumed.cancel()
    status = gap.status
    assert status.state == ST.STREAM_STATE_RESUME_GAP and gap.sequence == seen[-1].sequence
    assert status.first_dropped_sequence == seen[-1].sequence + 1
    assert status.dropped_count == status.last_dropped_sequence - seen[-1].sequence >= 100
    assert after[0].sequence == status.last_dropped_sequence + 1 and _consecutive(after)


async def test_an_unknown_epoch_or_room_gets_a_gap_then_a_fresh_start(
    live: live_pb2_grpc.LiveServiceAsyncStub, server: ServerHandle
) -> None:
    # An epoch from elsewhere (another room, a restarted server), and a room with no log yet.
    for unique_id in ("sim_live", "sim_battle"):
        call = _open(live, _position(1234, "notaroomsepoch"), unique_id=unique_id)
        gap, connected, *_ = await _read(call, 3)
        call.cancel()
        assert gap.status.state == ST.STREAM_STATE_RESUME_GAP and gap.status.dropped_count == 0
        assert gap.sequence == 0 and gap.epoch != "notaroomsepoch"
        assert connected.WhichOneof("event") == "connected" and connected.epoch == gap.epoch
    page = server.metrics()
    assert 'tokgate_live_resumes_total{result="unknown_epoch"}' in page
    assert 'tokgate_live_resumes_total{result="recovered"}' in page


async def test_a_resume_for_an_offline_streamer_gets_its_gap_then_the_typed_failure(
    live: live_pb2_grpc.LiveServiceAsyncStub,
) -> None:
    call = _open(live, _position(7, "notaroomsepoch"), unique_id="sim_offline")
    (gap,) = await _read(call, 1)
    assert gap.status.state == ST.STREAM_STATE_RESUME_GAP
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call.read()
    assert from_rpc_error(raised.value).kind == errors_pb2.ERROR_KIND_USER_OFFLINE


@pytest.mark.parametrize("epoch", ["", "has space", "x" * 33, "é"])
async def test_a_malformed_position_is_invalid_argument_naming_the_field(
    live: live_pb2_grpc.LiveServiceAsyncStub, epoch: str
) -> None:
    call = _open(live, _position(5, epoch))
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call.read()
    error = from_rpc_error(raised.value)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT
    assert "resume_from.epoch" in error.detail.message


async def test_watched_streamers_are_captured_with_no_subscriber(
    live: live_pb2_grpc.LiveServiceAsyncStub, admin: admin_pb2_grpc.AdminServiceAsyncStub
) -> None:
    async def listed() -> dict[str, admin_pb2.Room]:
        rooms = await admin.ListRooms(admin_pb2.ListRoomsRequest())
        return {room.unique_id: room for room in rooms.rooms}

    async with asyncio.timeout(15):
        while (await listed()).get("sim_every_type", admin_pb2.Room()).last_sequence < 20:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    rooms = await listed()
    captured, offline = rooms["sim_every_type"], rooms["watched_offline"]
    assert captured.watched and captured.state == admin_pb2.ROOM_STATE_LIVE
    assert captured.owner_replica == "solo" and captured.subscriber_count == 0
    assert [(r.replica, r.subscriber_count) for r in captured.replicas] == [("solo", 0)]
    # An offline streamer that is watched waits for its LIVE instead of failing.
    assert offline.watched and offline.state == admin_pb2.ROOM_STATE_WAITING_FOR_LIVE
    # A client that comes later gets all the room kept: its CONNECTED and its history, from
    # the first event (after a counted gap once the room outgrew its history).
    call = _open(live, _position(0, captured.epoch), unique_id="sim_every_type")
    events = await _read(call, 30)
    call.cancel()
    if events[0].status.state == ST.STREAM_STATE_RESUME_GAP:
        gap, *events = events
        assert gap.status.first_dropped_sequence == 1 and gap.status.dropped_count > 0
    assert events[0].WhichOneof("event") == "connected" and events[0].epoch == captured.epoch
    assert events[0].sequence == 1 and _consecutive(events[1:])


async def test_a_replay_read_page_by_page_comes_whole_before_live_events() -> None:
    # As cluster mode pages a long history: the subscriber waits for every page before any
    # live event, and a live event a page also holds comes once.
    fanout = FanOut("streamer")
    log = MemoryLog("streamer", WIDE, fanout.deliver)
    sealed = await _append(log, *(_comment(str(i)) for i in range(10)))  # history 1..10
    subscriber = Subscriber("streamer", frozenset(), False, WIDE, "drop_oldest")
    fanout.attach(subscriber)
    subscriber.start(Replay(sealed[:3], log.epoch, continues_after=3))  # first page: 1..3
    live = await _append(log, _comment("live"))  # 11, queued while pages are read
    first = [await subscriber.next() for _ in range(3)]
    waiting = asyncio.ensure_future(subscriber.next())
    await asyncio.sleep(0.05)
    assert not waiting.done()  # the live event waits for the rest of the replay
    subscriber.continue_replay(sealed[3:7], last=False)
    subscriber.continue_replay([*sealed[7:], *live], last=True)  # the last page reaches 11
    rest = [await waiting, *[await subscriber.next() for _ in range(7)]]
    numbers = [d.sequence for d in [*first, *rest] if d is not None]
    assert numbers == list(range(1, 12))
    await _append(log, _comment("after"))
    after = await subscriber.next()
    assert after is not None and after.sequence == 12

"""A room's log on a real redis-server, one stream entry per upstream frame: resumes from
inside a frame, pages across frames, trims by events, bytes and age, and the start state.

RedisLog is driven directly (as the owner's connection drives it), against the module's own
redis-server; each test has its own room, with the lease taken as an owner takes it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence

import pytest
from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.live.cluster import Cluster
from tokgate.live.cluster_room import FIRST_PAGE, READ_COUNT, RedisLog
from tokgate.live.events import Delivery, status_event
from tokgate.live.log import new_epoch
from tokgate.live.subscriber import Subscriber
from tokgate.testing import RedisHandle
from tokgate.v1 import live_pb2

ET = live_pb2.EventType
ST = live_pb2.StreamState
COMMENT, LIKE = ET.EVENT_TYPE_COMMENT, ET.EVENT_TYPE_LIKE
WIDE = Bounds(max_bytes=1 << 30, max_age=3600.0, max_entries=1_000_000)


def _settings(url: str, **history: float) -> Settings:
    return Settings(cluster_url=url, **{f"room_history_max_{k}": v for k, v in history.items()})  # type: ignore[arg-type]


@pytest.fixture
async def cluster(redis_server: RedisHandle) -> AsyncIterator[Cluster]:
    cluster = Cluster(_settings(redis_server.url))
    yield cluster
    await cluster.close()


async def _owned(
    cluster: Cluster, request: pytest.FixtureRequest, settings: Settings | None = None
) -> RedisLog:
    """The test's room's log, its lease held (for a minute) as an owner holds it."""
    log = RedisLog(request.node.name, cluster, settings or _settings(""))
    token = cluster.new_token()
    got = await cluster.run("acquire", list(log.keys[:2]), [token, 60_000, new_epoch()])
    log.own(token, got[0].decode(), int(got[1]), None)
    return log


def _event(event_type: int) -> live_pb2.LiveEvent:
    if event_type == LIKE:
        return live_pb2.LiveEvent(like=live_pb2.LikeEvent(count=1))
    return live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text="hi"))


async def _frame(log: RedisLog, *events: tuple[live_pb2.LiveEvent, int]) -> list[Delivery]:
    """Seal and publish one upstream frame; its deliveries."""
    wall = time.time_ns()
    sealed = [log.seal(event, kind, "7", time.monotonic(), wall) for event, kind in events]
    await log.publish(sealed)
    assert log.last_sequence == sealed[-1].sequence, "the append was refused"
    return sealed


async def _typed(log: RedisLog, *kinds: int) -> list[Delivery]:
    return await _frame(log, *((_event(kind), kind) for kind in kinds))


def _position(sequence: int, log: RedisLog) -> live_pb2.StreamPosition:
    return live_pb2.StreamPosition(sequence=sequence, epoch=log.epoch)


def _numbers(deliveries: Sequence[Delivery]) -> list[int]:
    return [delivery.sequence for delivery in deliveries]


async def test_one_entry_per_frame_and_a_resume_from_inside_one_gets_the_rest_once(
    cluster: Cluster, request: pytest.FixtureRequest
) -> None:
    log = await _owned(cluster, request)
    frames = [
        await _typed(log, COMMENT, LIKE, COMMENT, LIKE),
        await _typed(log, COMMENT, LIKE, COMMENT),
        await _typed(log, LIKE, LIKE),
    ]
    ids = await cluster.call(cluster.redis.xrange(log.keys[2], "-", "+"))
    assert [entry_id for entry_id, _ in ids] == [b"4-0", b"7-0", b"9-0"]
    sealed = [delivery for frame in frames for delivery in frame]
    for position in range(10):
        replay = await log.replay(_position(position, log), "7")
        assert replay.result == "recovered" and not replay.continues_after
        assert _numbers(replay.entries) == list(range(position + 1, 10))
        # The very bytes sealed, sliced back out of their frame's entry.
        assert [(d.event_type, d.wire) for d in replay.entries] == [
            (d.event_type, d.wire) for d in sealed[position:]
        ]
    # A subscriber's filter applies to a replay cut from inside a frame.
    likes = Subscriber(log.key, {LIKE}, False, WIDE, "drop_oldest")
    likes.start(await log.replay(_position(5, log), "7"))
    assert [likes.take().sequence for _ in range(3)] == [6, 8, 9]  # type: ignore[union-attr]
    assert likes.take() is None


async def test_a_long_replay_pages_across_frames_and_control_entries(
    cluster: Cluster, request: pytest.FixtureRequest
) -> None:
    log = await _owned(cluster, request)
    for _ in range(10):
        await _typed(log, COMMENT, LIKE, COMMENT)
    assert await log.control("offline", None)  # 30-1, between two frames
    for _ in range(READ_COUNT + 40):
        await _typed(log, COMMENT, LIKE, COMMENT)
    last = log.last_sequence
    assert last == 3 * (READ_COUNT + 50)
    replay = await log.replay(_position(1, log), "7")
    # The first page: FIRST_PAGE entries (the control entry one of them), from inside a frame.
    through = 3 * (FIRST_PAGE - 1)
    assert _numbers(replay.entries) == list(range(2, through + 1))
    assert replay.continues_after == through
    # Then pages of READ_COUNT entries, up to the end.
    seen, after, pages = _numbers(replay.entries), replay.continues_after, []
    while True:
        page = await log.read_page(after)
        seen += _numbers(page.entries)
        pages.append(page.read_through)
        if not page.more:
            break
        after = page.read_through
    assert pages == [3 * (FIRST_PAGE - 1 + READ_COUNT), last]
    assert seen == list(range(2, last + 1))
    # Ending exactly at a frame's end, a page starts with the next frame.
    page = await log.read_page(30)
    assert _numbers(page.entries)[:2] == [31, 32]


async def test_the_history_drops_whole_frames_past_its_events_bytes_and_age(
    cluster: Cluster, request: pytest.FixtureRequest, redis_server: RedisHandle
) -> None:
    log = await _owned(cluster, request, _settings(redis_server.url, entries=10))
    for _ in range(5):
        await _typed(log, COMMENT, COMMENT, COMMENT, COMMENT)
    # 10 events at most, in whole frames: the last two (13..20); 12 events are gone.
    replay = await log.replay(_position(0, log), "7")
    assert replay.result == "gap" and _numbers(replay.entries) == [0, *range(13, 21)]
    gap = replay.entries[0].message.event.status
    assert (gap.dropped_count, gap.first_dropped_sequence, gap.last_dropped_sequence) == (12, 1, 12)
    assert await cluster.call(cluster.redis.hget(log.keys[1], "events")) == b"8"

    frame_bytes = sum(len(d.wire) for d in await _typed(log, LIKE, LIKE))
    log.reconfigure(_settings(redis_server.url, bytes=frame_bytes * 5 // 2))
    for _ in range(4):
        await _typed(log, LIKE, LIKE)
    replay = await log.replay(_position(20, log), "7")
    assert _numbers(replay.entries)[1:] == [27, 28, 29, 30]  # two frames of likes, no more
    assert (
        int(await cluster.call(cluster.redis.hget(log.keys[1], "bytes")) or 0)
        <= frame_bytes * 5 // 2
    )

    # (The keys themselves live max_age after the last append: appends come faster here.)
    log.reconfigure(_settings(redis_server.url, age=1.0))
    await asyncio.sleep(0.6)
    await _typed(log, COMMENT, COMMENT, COMMENT)
    await asyncio.sleep(0.6)
    await _typed(log, COMMENT, COMMENT, COMMENT)
    replay = await log.replay(_position(28, log), "7")
    assert replay.result == "gap" and _numbers(replay.entries) == [28, *range(31, 37)]
    assert await cluster.call(cluster.redis.hget(log.keys[1], "events")) == b"6"


async def test_a_frame_sets_the_start_state_as_its_events_do_in_order(
    cluster: Cluster, request: pytest.FixtureRequest
) -> None:
    log = await _owned(cluster, request)
    connected = live_pb2.LiveEvent(connected=live_pb2.ConnectedEvent(room_id="7"))
    waiting = status_event(ST.STREAM_STATE_RECONNECTING, "reconnecting")
    resumed = status_event(ST.STREAM_STATE_RESUMED, "back")
    status = ET.EVENT_TYPE_STREAM_STATUS
    # A status before CONNECTED in one frame is over; one after it holds.
    await _frame(log, (waiting, status), (connected, ET.EVENT_TYPE_CONNECTED), (_event(LIKE), LIKE))
    assert _numbers((await log.replay(None, "7")).entries) == [2]
    await _frame(log, (_event(LIKE), LIKE), (waiting, status))
    assert _numbers((await log.replay(None, "7")).entries) == [2, 5]
    await _frame(log, (resumed, status), (_event(LIKE), LIKE))
    assert _numbers((await log.replay(None, "7")).entries) == [2]

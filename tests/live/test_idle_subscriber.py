"""What keeps an idle subscriber small (bench/bench_memory.py measures it): its queue shares one
empty deque until its first event, and its reader waits on one future, not an asyncio.Event."""

from __future__ import annotations

import asyncio
import time

import pytest
from tokgate.bounds import BoundedQueue, Bounds
from tokgate.live.events import Delivery, Stamp, header, seal
from tokgate.live.log import Replay
from tokgate.live.subscriber import Subscriber
from tokgate.v1 import live_pb2

BOUNDS = Bounds(1 << 20, 60.0, 100)
WHERE = header(Stamp("streamer", "7", "abcdefgh"), 1_700_000_000_000_000_000)


def comment(sequence: int) -> Delivery:
    event = live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text=f"comment {sequence}"))
    return seal(event, live_pb2.EVENT_TYPE_COMMENT, WHERE, sequence, time.monotonic())


def test_empty_queues_share_nothing_once_one_is_filled() -> None:
    first: BoundedQueue[int] = BoundedQueue("idle_test", BOUNDS)
    second: BoundedQueue[int] = BoundedQueue("idle_test", BOUNDS)
    first.push(1, 10)
    first.push(2, 10)
    assert list(first) == [1, 2] and first.nbytes == 20
    assert list(second) == [] and len(second) == 0 and not second
    with pytest.raises(IndexError):
        second.pop()
    first.clear()
    second.push(3, 10)
    assert list(first) == [] and list(second) == [3]
    first.push(4, 10)
    assert list(first) == [4] and list(second) == [3]


def test_a_subscriber_keeps_no_attribute_dictionary() -> None:
    subscriber = Subscriber("streamer", frozenset(), False, BOUNDS, "drop_oldest")
    assert not hasattr(subscriber, "__dict__")


async def test_a_waiting_reader_wakes_for_an_event_and_for_the_end() -> None:
    subscriber = Subscriber("streamer", frozenset(), False, BOUNDS, "drop_oldest")
    subscriber.start(Replay([comment(1)], "abcdefgh"))
    assert (await subscriber.next()) is not None  # the replay
    waiting = asyncio.ensure_future(subscriber.next())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    subscriber.offer([comment(2)])
    delivered = await asyncio.wait_for(waiting, 1.0)
    assert delivered is not None and delivered.sequence == 2
    ending = asyncio.ensure_future(subscriber.next())
    await asyncio.sleep(0.01)
    subscriber.end()
    assert await asyncio.wait_for(ending, 1.0) is None


async def test_a_timed_out_wait_leaves_the_subscriber_usable() -> None:
    # As batching bounds its wait for more events with a timeout.
    subscriber = Subscriber("streamer", frozenset(), False, BOUNDS, "drop_oldest")
    subscriber.start(Replay([], "abcdefgh"))
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.01):
            await subscriber.wait_ready()
    subscriber.offer([comment(1)])
    await asyncio.wait_for(subscriber.wait_ready(), 1.0)
    waiting = asyncio.ensure_future(subscriber.next())
    delivered = await asyncio.wait_for(waiting, 1.0)
    assert delivered is not None and delivered.sequence == 1
    later = asyncio.ensure_future(subscriber.wait_ready())
    await asyncio.sleep(0.01)
    subscriber.tell(live_pb2.STREAM_STATE_RESUMED, "again")
    await asyncio.wait_for(later, 1.0)

"""The bounds model: a BoundedQueue's measures, and the subscriber queue built on it."""

from __future__ import annotations

import asyncio
import time

import pytest
from tokgate import metrics
from tokgate.bounds import BoundedQueue, Bounds
from tokgate.config import OverflowPolicy, Settings
from tokgate.errors.exceptions import SlowConsumerError
from tokgate.live.events import Delivery, Stamp, header, seal
from tokgate.live.subscriber import Subscriber
from tokgate.v1 import live_pb2

# A chat comment of a typical size (TikTok's are 100-300 bytes once converted).
TEXT = "a comment of a usual length, with an emoji 👋 and a name " * 3


def comment(sequence: int) -> Delivery:
    event = live_pb2.LiveEvent(comment=live_pb2.CommentEvent(text=TEXT))
    # A fixed receipt time: every comment of a test has the same size (nanos vary in length).
    where = header(Stamp("streamer", "7", "abcdefgh"), 1_700_000_000_123_456_789)
    return seal(event, live_pb2.EVENT_TYPE_COMMENT, where, sequence, time.monotonic())


def subscriber(settings: Settings, policy: OverflowPolicy) -> Subscriber:
    bounds = Bounds.from_settings(settings, "subscriber_queue")
    return Subscriber("streamer", frozenset(), False, bounds, policy)


def drain(sub: Subscriber) -> list[Delivery]:
    """Everything queued, as the RPC would take it, without waiting for more."""

    async def take() -> list[Delivery]:
        taken: list[Delivery] = []
        while sub._queue or sub._dropped or sub.ended:
            delivery = await sub.next()  # raises the failure of an ended subscriber
            if delivery is None:
                break
            taken.append(delivery)
        return taken

    return asyncio.run(take())


def test_a_queue_measures_bytes_entries_and_age() -> None:
    queue: BoundedQueue[str] = BoundedQueue("test", Bounds(100, 5.0, 3))
    queue.push("a", 40, now=0.0)
    queue.push("b", 40, now=1.0)
    assert (len(queue), queue.nbytes, queue.oldest_age(now=2.0)) == (2, 80, 2.0)
    assert not queue.over_bounds(now=2.0)
    assert queue.over_bounds(now=5.5)  # "a" is 5.5 s old
    assert queue.trim(now=5.5) == ["a"]
    assert queue.would_fit(60) and not queue.would_fit(61)  # 40 + 60 = 100 bytes
    queue.push("c", 70, now=6.0)
    assert queue.over_bounds(now=6.0)  # 110 bytes
    assert queue.trim(now=6.0) == ["b"]
    queue.push("d", 1, now=6.0)
    queue.push("e", 1, now=6.0)
    queue.push("f", 1, now=6.0)
    assert queue.over_bounds(now=6.0)  # 4 entries
    assert queue.pop() == "c" and len(queue) == 3 and queue.nbytes == 3


def test_buffer_sizes_are_reported_per_buffer_kind() -> None:
    def sample(name: str) -> float:
        return metrics.REGISTRY.get_sample_value(name, {"buffer": "metric_test"}) or 0.0

    first: BoundedQueue[int] = BoundedQueue("metric_test", Bounds(1000, 60.0, 100))
    second: BoundedQueue[int] = BoundedQueue("metric_test", Bounds(1000, 60.0, 100))
    first.push(1, 10)
    second.push(2, 20, now=time.monotonic() - 5.0)  # queued 5 s ago
    second.push(3, 30)
    assert sample("tokgate_buffer_bytes") == 60
    assert sample("tokgate_buffer_entries") == 3
    assert 5.0 <= sample("tokgate_buffer_oldest_age_seconds") < 60.0
    del first, second
    assert sample("tokgate_buffer_entries") == 0  # a queue that is gone no longer counts


def test_the_default_queue_survives_a_one_second_stall_at_1000_events_per_second() -> None:
    """A healthy subscriber whose connection stalls for 1 s at 1,000 events/s keeps its
    stream under ``disconnect`` and loses nothing (the old 1,000-event queue ended it)."""
    sub = subscriber(Settings(), "disconnect")
    start = time.monotonic()
    for sequence in range(1, 1001):
        # Arrivals spread over one second, as a 1,000 events/s room delivers them.
        while time.monotonic() < start + sequence / 1000:
            time.sleep(0.0005)
        sub.offer([comment(sequence)])
    assert not sub.ended
    stalled = metrics.REGISTRY.get_sample_value(
        "tokgate_buffer_entries", {"buffer": "subscriber_queue"}
    )
    assert stalled is not None and stalled >= 1000
    delivered = drain(sub)
    assert [d.sequence for d in delivered] == list(range(1, 1001))


@pytest.mark.parametrize(
    ("bound", "settings"),
    [
        ("entries", Settings(subscriber_queue_max_entries=10)),
        ("bytes", Settings(subscriber_queue_max_bytes=len(comment(1).wire) * 10)),
    ],
)
def test_disconnect_ends_a_subscriber_over_a_bound(bound: str, settings: Settings) -> None:
    sub = subscriber(settings, "disconnect")
    for sequence in range(1, 11):
        sub.offer([comment(sequence)])
    assert not sub.ended, bound
    sub.offer([comment(11)])
    assert sub.ended
    with pytest.raises(SlowConsumerError, match="fell 11 events behind"):
        drain(sub)


def test_disconnect_ends_a_subscriber_whose_oldest_event_is_too_old() -> None:
    sub = subscriber(Settings(subscriber_queue_max_age=0.05), "disconnect")
    sub.offer([comment(1)])
    time.sleep(0.1)
    sub.offer([comment(2)])
    assert sub.ended


def test_drop_oldest_keeps_the_newest_and_says_what_it_lost() -> None:
    sub = subscriber(Settings(subscriber_queue_max_entries=5), "drop_oldest")
    for sequence in range(1, 9):
        sub.offer([comment(sequence)])
    delivered = drain(sub)
    notice = delivered[0].message.event.status
    assert notice.state == live_pb2.STREAM_STATE_EVENTS_DROPPED
    assert (notice.dropped_count, notice.first_dropped_sequence) == (3, 1)
    assert notice.last_dropped_sequence == 3
    assert [d.sequence for d in delivered[1:]] == [4, 5, 6, 7, 8]


def test_drop_oldest_drops_events_older_than_the_age_bound() -> None:
    sub = subscriber(Settings(subscriber_queue_max_age=0.05), "drop_oldest")
    sub.offer([comment(1)])
    sub.offer([comment(2)])
    time.sleep(0.1)
    sub.offer([comment(3)])
    delivered = drain(sub)
    assert delivered[0].message.event.status.dropped_count == 2
    assert [d.sequence for d in delivered[1:]] == [3]


def test_a_frame_is_offered_at_once_filtered_and_bounded_as_a_whole() -> None:
    """One upstream frame reaches a subscriber in one offer: only the types its filter wants
    are queued, and a frame bigger than the queue keeps its newest events."""
    like = live_pb2.LiveEvent(like=live_pb2.LikeEvent(count=1))
    where = header(Stamp("streamer", "7", "abcdefgh"), 1_700_000_000_123_456_789)
    frame = [
        comment(sequence)
        if sequence % 2
        else seal(like, live_pb2.EVENT_TYPE_LIKE, where, sequence, time.monotonic())
        for sequence in range(1, 21)
    ]
    bounds = Bounds.from_settings(Settings(subscriber_queue_max_entries=4), "subscriber_queue")
    comments_only = Subscriber(
        "streamer", frozenset({live_pb2.EVENT_TYPE_COMMENT}), False, bounds, "drop_oldest"
    )
    comments_only.offer(frame)
    delivered = drain(comments_only)
    lost = delivered[0].message.event.status
    assert (lost.dropped_count, lost.first_dropped_sequence, lost.last_dropped_sequence) == (
        6,
        1,
        11,
    )
    assert [d.sequence for d in delivered[1:]] == [13, 15, 17, 19]

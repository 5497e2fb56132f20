"""The sign budget (fair between callers, with a reserve, over several keys, telling places)
and the reconnect delays, on their own (no processes needed)."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable

from google.protobuf import duration_pb2, timestamp_pb2
from tokgate.live.backoff import backoff_delay, reconnect_delay
from tokgate.live.sign_budget import TELL_INTERVAL, SignBudget
from tokgate.v1 import errors_pb2


def held_by(caller: str) -> Callable[[], frozenset[str]]:
    return lambda: frozenset({caller})


async def test_budget_grants_at_most_n_per_window_one_callers_rooms_in_order() -> None:
    budget = SignBudget(per_window=3, window=0.5, reserve=0)
    granted: list[tuple[int, float]] = []
    told: list[tuple[int, float]] = []
    start = time.monotonic()

    async def waited(place: int, delay: float) -> None:
        told.append((place, delay))

    async def room(index: int) -> None:
        await budget.acquire(held_by("key:a"), waited)
        granted.append((index, time.monotonic() - start))

    await asyncio.gather(*(room(i) for i in range(7)))
    assert [index for index, _ in granted] == list(range(7))
    times = [at for _, at in granted]
    for i in range(len(times) - 3):
        assert times[i + 3] - times[i] >= 0.5 - 0.01
    assert len(told) >= 4 and all(place >= 1 and delay > 0 for place, delay in told)


async def test_a_new_callers_room_goes_before_a_busy_callers_queue() -> None:
    """Round-robin between callers: B's one room is next, not behind A's five waiting ones."""
    budget = SignBudget(per_window=2, window=0.4, reserve=0)
    order: list[str] = []

    async def room(caller: str) -> None:
        await budget.acquire(held_by(caller))
        order.append(caller)

    rooms = [asyncio.create_task(room("a")) for _ in range(7)]
    await asyncio.sleep(0.05)  # A's first two are granted, five wait
    rooms.append(asyncio.create_task(room("b")))
    async with asyncio.timeout(2):
        while len(order) < 3:  # noqa: ASYNC110 (a grant has no event of its own)
            await asyncio.sleep(0.01)
    for task in rooms:
        task.cancel()
    await asyncio.gather(*rooms, return_exceptions=True)
    assert order[:3] == ["a", "a", "b"]


async def test_the_reserve_keeps_a_grant_for_a_caller_without_one() -> None:
    budget = SignBudget(per_window=3, window=30, reserve=1)
    for _ in range(2):
        await budget.acquire(held_by("a"))
    held_back = asyncio.create_task(budget.acquire(held_by("a")))
    await asyncio.sleep(0.1)
    assert not held_back.done()  # the last grant of the window is the reserve's
    async with asyncio.timeout(0.5):
        await budget.acquire(held_by("b"))
    held_back.cancel()


async def test_waiting_rooms_hear_their_place_and_wait_as_it_changes() -> None:
    budget = SignBudget(per_window=1, window=0.6, reserve=0)
    told: dict[int, list[tuple[int, float, float]]] = {i: [] for i in range(4)}
    start = time.monotonic()

    def waited(index: int) -> Callable[[int, float], Awaitable[None]]:
        async def tell(place: int, delay: float) -> None:
            told[index].append((place, delay, time.monotonic() - start))

        return tell

    await asyncio.gather(*(budget.acquire(held_by("a"), waited(i)) for i in range(4)))
    assert told[0] == []  # granted at once
    # The last room moved up twice in 1.2 s (grants at 0.6 and 1.2): told at most once a
    # second, it heard of place 2 at 1 s, and was granted before it could hear of place 1.
    assert [place for place, _, _ in told[3]] == [3, 2]
    firsts = [told[i][0] for i in (1, 2, 3)]
    assert [place for place, _, _ in firsts] == [1, 2, 3]
    assert firsts[0][1] < firsts[1][1] < firsts[2][1]  # a later place: a longer wait
    assert abs(firsts[2][1] - 1.8) < 0.15
    moments = [at for _, _, at in told[3]]
    assert all(b - a >= TELL_INTERVAL - 0.05 for a, b in itertools.pairwise(moments))


async def test_rooms_are_spread_over_the_keys_each_with_its_budget() -> None:
    budget = SignBudget(per_window=1, window=0.5, keys=2, reserve=0)
    start = time.monotonic()
    keys = [await budget.acquire(held_by("a")) for _ in range(4)]
    assert sorted(keys[:2]) == [0, 1] and sorted(keys[2:]) == [0, 1]
    assert 0.45 < time.monotonic() - start < 0.8  # two grants a window, not one


async def test_budget_defers_every_caller_until_a_reset() -> None:
    budget = SignBudget(per_window=100, window=60)
    budget.defer_until(time.monotonic() + 0.3)
    start = time.monotonic()
    await budget.acquire(held_by("a"))
    assert time.monotonic() - start >= 0.29


def test_backoff_is_full_jitter_under_an_exponential_cap() -> None:
    for attempt in range(1, 10):
        ceiling = min(5.0, 0.1 * 2 ** (attempt - 1))
        delays = [backoff_delay(attempt, 0.1, 5.0) for _ in range(200)]
        assert all(0 <= delay <= ceiling for delay in delays)
        assert max(delays) > ceiling / 2  # spread over the range, not a constant


def test_reconnect_delay_is_never_sooner_than_the_upstream_asked() -> None:
    detail = errors_pb2.ErrorDetail(retry_after=duration_pb2.Duration(seconds=3))
    assert all(reconnect_delay(detail, 1, 0.1, 1.0) >= 3.0 for _ in range(50))
    reset = timestamp_pb2.Timestamp()
    reset.FromNanoseconds(time.time_ns() + 2_000_000_000)
    detail = errors_pb2.ErrorDetail(reset_time=reset)
    assert all(reconnect_delay(detail, 1, 0.1, 1.0) >= 1.9 for _ in range(50))

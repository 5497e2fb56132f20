"""The sign budget and the reconnect delays, on their own (no processes needed)."""

from __future__ import annotations

import asyncio
import time

from google.protobuf import duration_pb2, timestamp_pb2
from tokgate.live.backoff import backoff_delay, reconnect_delay
from tokgate.live.sign_budget import SignBudget
from tokgate.v1 import errors_pb2


async def test_budget_grants_at_most_n_per_window_first_come_first_served() -> None:
    budget = SignBudget(per_window=3, window=0.5)
    granted: list[tuple[int, float]] = []
    waits: list[float] = []
    start = time.monotonic()

    async def waited(delay: float) -> None:
        waits.append(delay)

    async def caller(index: int) -> None:
        await budget.acquire(waited)
        granted.append((index, time.monotonic() - start))

    await asyncio.gather(*(caller(i) for i in range(7)))
    assert [index for index, _ in granted] == list(range(7))
    times = [at for _, at in granted]
    for i in range(len(times) - 3):
        assert times[i + 3] - times[i] >= 0.5 - 0.01
    assert len(waits) >= 4 and all(wait > 0 for wait in waits)


async def test_budget_defers_every_caller_until_a_reset() -> None:
    budget = SignBudget(per_window=100, window=60)
    budget.defer_until(time.monotonic() + 0.3)
    start = time.monotonic()
    await budget.acquire()
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

"""Retry tokgate calls the way the server asks: only retryable kinds, never before retry_after.

Each failed attempt waits ``max(retry_after, jitter)`` where the jitter is "full jitter"
exponential backoff (uniform in ``[0, min(max_backoff, initial_backoff * multiplier**n)]``),
and gives up when the error is not retryable, after ``max_attempts`` attempts, or when the next
wait would pass ``max_total`` seconds since the first attempt. The last error is raised.

Example::

    from tokgate_client import AsyncClient, RetryPolicy, retry_async

    policy = RetryPolicy(max_attempts=4, max_total=60)
    async with AsyncClient() as client:
        user = await retry_async(lambda: client.users.get_user(unique_id="someone"), policy)

and the blocking twin, ``retry_call(lambda: client.users.get_user(unique_id="someone"))``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import grpc

from tokgate_client.errors import TokgateError, from_rpc_error

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry (all times in seconds)."""

    max_attempts: int = 5
    initial_backoff: float = 0.5
    max_backoff: float = 30.0
    multiplier: float = 2.0
    max_total: float = 120.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff(self, failures: int) -> float:
        """The full-jitter backoff after ``failures`` failed attempts (1 for the first)."""
        ceiling = min(self.max_backoff, self.initial_backoff * self.multiplier ** (failures - 1))
        return self.rng.uniform(0.0, ceiling)


class _Schedule:
    """The decision after each failure, shared by the blocking and the async loop."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.policy = policy
        self.started = time.monotonic()
        self.failures = 0

    def next_delay(self, error: TokgateError | grpc.RpcError) -> float:
        """The wait before the next attempt; raises the typed error when it is time to stop."""
        typed = from_rpc_error(error) if isinstance(error, grpc.RpcError) else error
        self.failures += 1
        delay = self.policy.backoff(self.failures)
        if typed.retry_after is not None:
            delay = max(delay, typed.retry_after.total_seconds())
        if (
            not typed.retryable
            or self.failures >= self.policy.max_attempts
            or time.monotonic() - self.started + delay > self.policy.max_total
        ):
            if typed is error:
                raise typed
            raise typed from error
        return delay


def retry_call(call: Callable[[], T], policy: RetryPolicy | None = None) -> T:
    """Call ``call()`` until it succeeds or ``policy`` gives up; raises the last typed error."""
    schedule = _Schedule(policy or RetryPolicy())
    while True:
        try:
            return call()
        except (TokgateError, grpc.RpcError) as error:
            delay = schedule.next_delay(error)
        time.sleep(delay)


async def retry_async(call: Callable[[], Awaitable[T]], policy: RetryPolicy | None = None) -> T:
    """Await ``call()`` until it succeeds or ``policy`` gives up; raises the last typed error."""
    schedule = _Schedule(policy or RetryPolicy())
    while True:
        try:
            return await call()
        except (TokgateError, grpc.RpcError) as error:
            delay = schedule.next_delay(error)
        await asyncio.sleep(delay)

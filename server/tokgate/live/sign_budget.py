"""The process-wide sign-server budget: at most N sign requests per window, for every room.

The free sign tier allows 5 requests per minute per IP; tokgate keeps under that itself
instead of learning it from 429s. A 429's ``RateLimit-Reset`` also holds every caller back
until that moment (``defer_until``), so no sign request leaves before the server said it may.
"""

from __future__ import annotations

import asyncio
import collections
import time
from collections.abc import Awaitable, Callable
from typing import Protocol


class Budget(Protocol):
    """A sign-server budget: this process's (SignBudget) or the cluster's."""

    async def acquire(self, on_wait: Callable[[float], Awaitable[None]] | None = None) -> None:
        """Wait for a grant; ``on_wait(expected seconds)`` is told once if the caller waits."""

    def defer_until(self, monotonic_time: float) -> None:
        """Grant nothing before ``monotonic_time`` (e.g. a 429's RateLimit-Reset)."""


class SignBudget:
    """A sliding-window limiter shared by all rooms; callers are served first come, first served."""

    def __init__(self, per_window: int, window: float) -> None:
        if per_window < 1:
            raise ValueError("sign_budget_per_minute must be at least 1")
        self._per_window = per_window
        self._window = window
        self._grants: collections.deque[float] = collections.deque()
        self._not_before = 0.0
        self._waiting = 0
        self._lock = asyncio.Lock()

    def defer_until(self, monotonic_time: float) -> None:
        """Grant nothing before ``monotonic_time`` (e.g. a 429's RateLimit-Reset)."""
        self._not_before = max(self._not_before, monotonic_time)

    def delay(self) -> float:
        """Seconds until the next grant could be made (0 when one is free now)."""
        now = time.monotonic()
        self._forget_before(now - self._window)
        wait = self._not_before - now
        if len(self._grants) >= self._per_window:
            wait = max(wait, self._grants[0] + self._window - now)
        return max(wait, 0.0)

    def estimate(self, ahead: int) -> float:
        """Seconds a caller with ``ahead`` callers before it should expect to wait."""
        now = time.monotonic()
        self._forget_before(now - self._window)
        wait = self._not_before - now
        slot = len(self._grants) + ahead - self._per_window
        if 0 <= slot < len(self._grants):
            wait = max(wait, self._grants[slot] + self._window - now)
        elif slot >= 0:
            wait = max(wait, (slot // self._per_window + 1) * self._window)
        return max(wait, 0.0)

    async def acquire(self, on_wait: Callable[[float], Awaitable[None]] | None = None) -> None:
        """Wait for a grant; ``on_wait(expected seconds)`` is told once if the caller waits."""
        ahead = self._waiting
        self._waiting += 1
        try:
            expected = self.estimate(ahead)
            if expected > 0 and on_wait is not None:
                await on_wait(expected)
            async with self._lock:
                wait = self.delay()
                while wait > 0:  # a deferral may arrive while sleeping: look again
                    await asyncio.sleep(wait)
                    wait = self.delay()
                self._grants.append(time.monotonic())
        finally:
            self._waiting -= 1

    def _forget_before(self, moment: float) -> None:
        while self._grants and self._grants[0] <= moment:
            self._grants.popleft()

"""Reconnect delays: exponential backoff with full jitter, never sooner than the upstream said."""

from __future__ import annotations

import random
import time

from tokgate.v1 import errors_pb2


def backoff_delay(attempt: int, initial: float, maximum: float) -> float:
    """Full jitter: uniform in [0, min(maximum, initial * 2 ** (attempt - 1))]."""
    ceiling = min(maximum, initial * 2 ** max(attempt - 1, 0))
    return random.uniform(0.0, ceiling)


def upstream_floor(detail: errors_pb2.ErrorDetail) -> float:
    """The delay the upstream asked for: ``retry_after``, or until ``reset_time``."""
    floor = 0.0
    if detail.HasField("retry_after"):
        floor = detail.retry_after.ToTimedelta().total_seconds()
    if detail.HasField("reset_time"):
        floor = max(floor, detail.reset_time.ToNanoseconds() / 1e9 - time.time())
    return max(floor, 0.0)


def reconnect_delay(
    detail: errors_pb2.ErrorDetail, attempt: int, initial: float, maximum: float
) -> float:
    """The jittered backoff for ``attempt``, raised to the upstream's floor if it set one."""
    return max(backoff_delay(attempt, initial, maximum), upstream_floor(detail))

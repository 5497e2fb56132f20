"""The retry helper: retryable kinds only, never sooner than retry_after, bounded in total."""

from __future__ import annotations

import time
from collections.abc import Callable

import grpc
import pytest
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from tokgate.v1 import errors_pb2
from tokgate_client import RetryPolicy, TokgateError, errors, retry_async, retry_call
from tokgate_client.errors import from_status_details

ErrorKind = errors_pb2.ErrorKind


def _error(
    kind: errors_pb2.ErrorKind.ValueType, retryable: bool, delay_ms: int = 0
) -> TokgateError:
    detail = errors_pb2.ErrorDetail(kind=kind, retryable=retryable, message="failed")
    parts: list[object] = [detail]
    if delay_ms:
        delay = duration_pb2.Duration()
        delay.FromMilliseconds(delay_ms)
        parts.append(error_details_pb2.RetryInfo(retry_delay=delay))
    packed = []
    for part in parts:
        holder = any_pb2.Any()
        holder.Pack(part)  # type: ignore[arg-type]
        packed.append(holder)
    status = status_pb2.Status(code=14, message="failed", details=packed)
    return from_status_details(grpc.StatusCode.UNAVAILABLE, "failed", status.SerializeToString())


def _failing(times: int, error: TokgateError) -> Callable[[], str]:
    calls = {"n": 0}

    def call() -> str:
        calls["n"] += 1
        if calls["n"] <= times:
            raise error
        return f"ok after {calls['n']}"

    return call


FAST = RetryPolicy(initial_backoff=0.001, max_backoff=0.01)


def test_retries_a_retryable_error_until_success() -> None:
    call = _failing(2, _error(ErrorKind.ERROR_KIND_NETWORK, retryable=True))
    assert retry_call(call, FAST) == "ok after 3"


def test_waits_at_least_retry_after() -> None:
    call = _failing(1, _error(ErrorKind.ERROR_KIND_RATE_LIMIT, retryable=True, delay_ms=200))
    started = time.monotonic()
    assert retry_call(call, FAST) == "ok after 2"
    assert time.monotonic() - started >= 0.2


def test_does_not_retry_a_non_retryable_kind() -> None:
    call = _failing(1, _error(ErrorKind.ERROR_KIND_USER_NOT_FOUND, retryable=False))
    with pytest.raises(errors.UserNotFoundError):
        retry_call(call, FAST)


def test_gives_up_after_max_attempts_with_the_last_error() -> None:
    call = _failing(10, _error(ErrorKind.ERROR_KIND_SESSION, retryable=True))
    with pytest.raises(errors.SessionError):
        retry_call(call, RetryPolicy(max_attempts=3, initial_backoff=0.001))


def test_gives_up_when_retry_after_passes_max_total() -> None:
    call = _failing(1, _error(ErrorKind.ERROR_KIND_RATE_LIMIT, retryable=True, delay_ms=5000))
    started = time.monotonic()
    with pytest.raises(errors.RateLimitError):
        retry_call(call, RetryPolicy(max_total=1.0))
    assert time.monotonic() - started < 1.0  # did not sleep into a wait it could not finish


def test_backoff_is_full_jitter_under_an_exponential_ceiling() -> None:
    policy = RetryPolicy(initial_backoff=1.0, max_backoff=5.0)
    for failures, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 5.0), (10, 5.0)]:
        samples = [policy.backoff(failures) for _ in range(200)]
        assert all(0.0 <= s <= ceiling for s in samples)
        assert max(samples) > ceiling / 2  # spread over the range, not pinned to 0


async def test_async_twin_retries_the_same_way() -> None:
    error = _error(ErrorKind.ERROR_KIND_BOT_DETECTION, retryable=True)
    sync_call = _failing(2, error)

    async def call() -> str:
        return sync_call()

    assert await retry_async(call, FAST) == "ok after 3"

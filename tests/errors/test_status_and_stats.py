"""Rich gRPC status (trailer contents, over a real grpc.aio server) and error statistics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from tokgate.errors.context import ErrorContext
from tokgate.errors.detail import new_detail
from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.kinds import KIND_TABLE
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.errors.stats import ErrorStats
from tokgate.errors.status import (
    DETAILS_KEY,
    abort_with,
    rich_status,
    status_proto,
)
from tokgate.v1 import errors_pb2
from tokgate_client import error_detail_from

K = errors_pb2.ErrorKind
RATE_LIMITED = new_detail(
    K.ERROR_KIND_RATE_LIMIT,
    "Too many requests to TikTok API",
    status_code=429,
    retry_after=42.5,
    metadata={"unique_id": "someone", "sign_reason": "RATE_LIMIT"},
    classifier="tokgate.tiktok_status",
)


def test_status_details() -> None:
    status = status_proto(RATE_LIMITED)
    assert status.code == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
    assert status.message == "Rate Limit Error: Too many requests to TikTok API"
    detail, info, retry = (
        errors_pb2.ErrorDetail(),
        error_details_pb2.ErrorInfo(),
        error_details_pb2.RetryInfo(),
    )
    assert [
        status.details[0].Unpack(detail),
        status.details[1].Unpack(info),
        status.details[2].Unpack(retry),
    ] == [True, True, True]
    assert detail == RATE_LIMITED
    assert (info.reason, info.domain) == ("RATE_LIMIT", "tokgate")
    assert dict(info.metadata) == {"unique_id": "someone", "sign_reason": "RATE_LIMIT"}
    assert retry.retry_delay.ToMilliseconds() == 42500


def test_no_retry_info_without_a_delay_and_every_kind_has_a_code() -> None:
    for kind, info in KIND_TABLE.items():
        status = rich_status(new_detail(kind, "x"))
        assert status.code == info.code
        decoded = status_pb2.Status.FromString(dict(status.trailing_metadata)[DETAILS_KEY])
        assert len(decoded.details) == 2
        reason = error_details_pb2.ErrorInfo()
        decoded.details[1].Unpack(reason)
        assert reason.reason == info.name and info.label == info.name.lower()


@pytest.fixture
async def failing_server() -> AsyncIterator[str]:
    """A real loopback grpc.aio server whose one method aborts with RATE_LIMITED."""

    async def fail(request: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
        await abort_with(context, RATE_LIMITED)

    handler = grpc.method_handlers_generic_handler(
        "test.Failing", {"Fail": grpc.unary_unary_rpc_method_handler(fail)}
    )
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((handler,))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await server.stop(None)


async def test_abort_with_over_a_real_server(failing_server: str) -> None:
    async with grpc.aio.insecure_channel(failing_server) as channel:
        call: grpc.aio.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(
            "/test.Failing/Fail"
        )
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await call(b"")
    error = raised.value
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error.details() == "Rate Limit Error: Too many requests to TikTok API"
    assert error_detail_from(error) == RATE_LIMITED


async def test_error_stats(pipeline: ErrorPipeline) -> None:
    for user, code in [("a", -1), ("@a", -1), ("b", 404), ("a", None), ("c", 429)]:
        body = "{}" if code is None else f'{{"statusCode": {code}}}'
        await pipeline.report(
            UpstreamStatusError(code, body, "user_detail"),
            ErrorContext("users", "GetUser", unique_id=user),
        )
    stats = pipeline.error_stats(2)
    assert stats.total == 5
    assert {errors_pb2.ErrorKind.Name(c.kind): c.count for c in stats.by_kind} == {
        "ERROR_KIND_TIKTOK_API": 3,
        "ERROR_KIND_DATA": 1,
        "ERROR_KIND_RATE_LIMIT": 1,
    }
    by_status = {
        (c.status_code if c.HasField("status_code") else None): c.count
        for c in stats.by_status_code
    }
    assert by_status == {-1: 2, 404: 1, None: 1, 429: 1}
    assert [(u.unique_id, u.count) for u in stats.top_failed_users] == [("a", 3), ("b", 1)]
    assert stats.top_failed_users[0].last_error_kind == K.ERROR_KIND_TIKTOK_API
    assert stats.since.seconds > 0
    assert len(pipeline.error_stats(0).top_failed_users) == 3  # default 10, only 3 known


def test_top_users_are_bounded() -> None:
    stats = ErrorStats(since=0.0, capacity=3)
    detail = new_detail(K.ERROR_KIND_NETWORK, "x")
    for n in range(60):
        stats.add(detail, "heavy")
        stats.add(detail, f"once{n}")
    top = stats.to_proto(100).top_failed_users
    assert len(top) == 3  # memory stays bounded
    # More than total/capacity failures: kept, with its exact count; the rest count 1.
    assert (top[0].unique_id, top[0].count) == ("heavy", 60)
    assert [user.count for user in top[1:]] == [1, 1]
    assert stats.to_proto(100).total == 120

"""Network failures and tokgate's own exceptions; the catch-all; cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tokgate import metrics
from tokgate.errors import exceptions as own
from tokgate.errors import texts
from tokgate.errors.exceptions import ClassifiedFailure
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.v1 import errors_pb2
from websockets import exceptions as ws
from websockets.datastructures import Headers
from websockets.frames import Close
from websockets.legacy.exceptions import InvalidStatusCode

K = errors_pb2.ErrorKind
Check = Callable[..., None]
NET = "tokgate.network"
OWN = "tokgate.tokgate_own"


def meta(operation: str = "connect", **extra: str) -> dict[str, str]:
    return {"source": "live", "operation": operation, **extra}


async def test_connection_refused(report: Any, check: Check) -> None:
    try:
        async with httpx.AsyncClient() as client:
            await client.get("http://127.0.0.1:9/")  # discard port: nothing listens
    except httpx.ConnectError as exc:
        error = exc
    check(
        await report(error, "fetch_room_id"),
        kind=K.ERROR_KIND_NETWORK,
        message="Network error during fetch_room_id: ConnectError",
        causes=list(texts.NETWORK.causes),
        suggestions=list(texts.NETWORK.suggestions),
        raw_error=f"ConnectError: {error}",
        classifier=NET,
        exception_type="httpx.ConnectError",
        metadata=meta("fetch_room_id"),
    )
    refused = await report(ConnectionRefusedError(111, "Connection refused"))
    assert (
        refused.kind == K.ERROR_KIND_NETWORK and refused.exception_type == "ConnectionRefusedError"
    )


@pytest.mark.parametrize(
    "error",
    [httpx.ReadTimeout("read timed out"), TimeoutError(), TimeoutError("deadline")],
    ids=type,
)
async def test_timeouts(error: BaseException, report: Any, check: Check) -> None:
    cls = type(error)
    check(
        await report(error, "sign"),
        kind=K.ERROR_KIND_TIMEOUT,
        message="sign timed out",
        causes=list(texts.TIMEOUT.causes),
        suggestions=list(texts.TIMEOUT.suggestions),
        raw_error=f"{cls.__name__}: {error}",
        classifier=NET,
        exception_type=cls.__name__ if cls.__module__ == "builtins" else f"httpx.{cls.__name__}",
        metadata=meta("sign"),
    )


async def test_websocket_closed_abnormally(report: Any, check: Check) -> None:
    error = ws.ConnectionClosedError(Close(1011, "internal error"), None)
    check(
        await report(error, "websocket", room_id="7"),
        kind=K.ERROR_KIND_NETWORK,
        message="The LIVE websocket closed (code 1011, internal error)",
        causes=list(texts.WEBSOCKET_CLOSED.causes),
        suggestions=["Reconnect with backoff"],
        raw_error=f"ConnectionClosedError: {error}",
        classifier=NET,
        exception_type="websockets.exceptions.ConnectionClosedError",
        metadata=meta("websocket", room_id="7", close_code="1011"),
    )
    no_frame = await report(ws.ConnectionClosedError(None, None), "websocket")
    assert no_frame.metadata["close_code"] == "1006"


async def test_websocket_handshake(report: Any) -> None:
    refused = await report(InvalidStatusCode(403, Headers()), "websocket")
    assert refused.kind == K.ERROR_KIND_BOT_DETECTION
    assert refused.message == "TikTok rejected the LIVE websocket handshake with HTTP 403"
    failing = await report(InvalidStatusCode(502, Headers()), "websocket")
    assert failing.kind == K.ERROR_KIND_NETWORK


async def test_invalid_argument(report: Any, check: Check) -> None:
    error = own.InvalidArgumentError("unique_id", "must match ^@?[A-Za-z0-9_.]{2,24}$")
    check(
        await report(error, "StreamEvents", "server"),
        kind=K.ERROR_KIND_INVALID_ARGUMENT,
        message="Invalid unique_id: must match ^@?[A-Za-z0-9_.]{2,24}$",
        causes=["A request field is invalid"],
        suggestions=["Check request parameters"],
        raw_error=f"InvalidArgumentError: {error}",
        classifier=OWN,
        exception_type="tokgate.errors.exceptions.InvalidArgumentError",
        metadata={"source": "server", "operation": "StreamEvents", "field": "unique_id"},
    )


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (own.UnimplementedError("GetHashtag"), K.ERROR_KIND_UNIMPLEMENTED),
        (own.UnauthenticatedError("missing API key"), K.ERROR_KIND_UNAUTHENTICATED),
        (own.PermissionDeniedError("not an admin key"), K.ERROR_KIND_PERMISSION_DENIED),
        (own.SlowConsumerError(1000, 1000, 8_388_608, 10.0), K.ERROR_KIND_SLOW_CONSUMER),
        (own.SessionUnavailableError("no healthy session within 30 s"), K.ERROR_KIND_SESSION),
        (own.MalformedUpstreamError("a corrupt push frame"), K.ERROR_KIND_TIKTOK_API),
        (own.ServerShuttingDownError(), K.ERROR_KIND_NETWORK),
        (own.ClusterUnavailableError("Redis unreachable for 30 s"), K.ERROR_KIND_NETWORK),
        (own.TokgateError("something"), K.ERROR_KIND_INTERNAL),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
async def test_tokgate_own(error: Exception, kind: int, report: Any) -> None:
    detail = await report(error, "GetUser", "server")
    assert detail.kind == kind
    expected = "tokgate.catch_all" if kind == K.ERROR_KIND_INTERNAL else OWN
    assert detail.classifier == expected
    assert detail.possible_causes and detail.suggestions


async def test_catch_all(report: Any, check: Check) -> None:
    error = ZeroDivisionError("division by zero")
    check(
        await report(error, "GetUser", "server"),
        kind=K.ERROR_KIND_INTERNAL,
        message="Unexpected error during GetUser: ZeroDivisionError",
        causes=["A bug in tokgate or an unforeseen upstream failure"],
        suggestions=["Retry later", "If it persists, report it with the raw_error"],
        raw_error="ZeroDivisionError: division by zero",
        classifier="tokgate.catch_all",
        exception_type="ZeroDivisionError",
        metadata={"source": "server", "operation": "GetUser"},
    )


def errors_count(**labels: str) -> float:
    value = metrics.REGISTRY.get_sample_value("tokgate_errors_total", labels)
    return value or 0.0


async def test_counted_once_never_for_cancellation(pipeline: ErrorPipeline, report: Any) -> None:
    labels = {"kind": "network", "status_code": "none", "source": "live", "classifier": NET}
    before = errors_count(**labels)
    detail = await report(ConnectionResetError("reset"))
    assert errors_count(**labels) == before + 1
    # A failure already classified where it originated is not counted again.
    assert await report(ClassifiedFailure(detail)) is detail
    assert errors_count(**labels) == before + 1

    total = pipeline.error_stats(10).total
    cancelled = await report(asyncio.CancelledError())
    assert cancelled.kind == K.ERROR_KIND_INTERNAL
    assert pipeline.error_stats(10).total == total
    status = {
        "kind": "user_not_found",
        "status_code": "-1",
        "source": "users",
        "classifier": "tokgate.tiktok_status",
    }
    before = errors_count(**status)
    await report(own.UpstreamStatusError(-1, '{"userInfo": {}}', "x"), "GetUser", "users")
    assert errors_count(**status) == before + 1


async def test_live_decode_failures_are_invalid_responses(report: Any) -> None:
    """The live path's corrupt-frame and corrupt-payload errors are TikTok's, not tokgate's."""
    from google.protobuf.message import DecodeError
    from tokgate.live.decode import MalformedWebcastMessageError
    from tokgate.live.frames import MalformedFrameError

    for error in (
        MalformedFrameError(12, ValueError("truncated gzip")),
        MalformedWebcastMessageError("WebcastChatMessage", 7, DecodeError("bad varint")),
    ):
        detail = await report(error, "decode", "live")
        assert detail.kind == K.ERROR_KIND_TIKTOK_API and detail.retryable
        assert detail.message.startswith("TikTok sent ")


async def test_shutdown_tells_the_caller_to_reconnect(report: Any) -> None:
    detail = await report(own.ServerShuttingDownError(), "shutdown", "live")
    assert detail.message.startswith("tokgate is shutting down")
    assert detail.retryable and detail.retry_after.ToTimedelta().total_seconds() == 1.0
    assert detail.raw_error == "ServerShuttingDownError: tokgate is shutting down"


async def test_slow_consumer_message_reads_once(report: Any) -> None:
    detail = await report(
        own.SlowConsumerError(1000, 1000, 8_388_608, 10.0), "StreamEvents", "live"
    )
    assert detail.message == (
        "The subscriber fell 1000 events behind (its queue holds at most 1000 events, "
        "8388608 bytes, 10 s)"
    )

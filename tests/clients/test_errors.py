"""Decoding a google.rpc.Status into tokgate_client's typed exceptions (no server needed)."""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from tokgate.errors.kinds import KIND_TABLE
from tokgate.errors.status import status_proto
from tokgate.v1 import errors_pb2
from tokgate_client import errors
from tokgate_client.errors import TokgateError, error_class, from_status_details

ErrorKind = errors_pb2.ErrorKind


def _packed(*messages: object) -> list[any_pb2.Any]:
    packed = []
    for message in messages:
        holder = any_pb2.Any()
        holder.Pack(message)  # type: ignore[arg-type]
        packed.append(holder)
    return packed


def _rate_limit_status() -> bytes:
    detail = errors_pb2.ErrorDetail(
        kind=ErrorKind.ERROR_KIND_RATE_LIMIT,
        error="Rate Limit Error",
        message="The sign server said 429.",
        status_code=429,
        retryable=True,
        retry_after=duration_pb2.Duration(seconds=12),
        suggestions=["Wait for the reset."],
        metadata={"unique_id": "someone"},
    )
    status = status_pb2.Status(
        code=grpc.StatusCode.RESOURCE_EXHAUSTED.value[0],
        message="Rate Limit Error: The sign server said 429.",
        details=_packed(
            detail,
            error_details_pb2.ErrorInfo(reason="RATE_LIMIT", domain="tokgate"),
            error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=30)),
        ),
    )
    encoded: bytes = status.SerializeToString()
    return encoded


def test_status_decodes_into_the_kinds_class_with_every_field() -> None:
    exc = from_status_details(grpc.StatusCode.RESOURCE_EXHAUSTED, "ignored", _rate_limit_status())

    assert type(exc).__name__ == "RateLimitError"
    assert isinstance(exc, errors.RateLimitError)
    assert isinstance(exc, TokgateError)
    assert exc.kind == ErrorKind.ERROR_KIND_RATE_LIMIT
    assert exc.kind_name == "RATE_LIMIT"
    assert exc.code is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert exc.message == "Rate Limit Error: The sign server said 429."
    assert exc.retryable is True
    assert exc.retry_after == timedelta(seconds=30)  # RetryInfo wins over the detail's own
    assert exc.detail.status_code == 429
    assert list(exc.detail.suggestions) == ["Wait for the reset."]
    assert exc.error_info is not None
    assert exc.error_info.reason == "RATE_LIMIT"
    assert exc.error_info.domain == "tokgate"
    assert "RATE_LIMIT" in str(exc)
    assert "RESOURCE_EXHAUSTED" in str(exc)


def test_retry_after_falls_back_to_the_detail() -> None:
    detail = errors_pb2.ErrorDetail(
        kind=ErrorKind.ERROR_KIND_NETWORK,
        retryable=True,
        retry_after=duration_pb2.Duration(seconds=1, nanos=500_000_000),
    )
    status = status_pb2.Status(code=14, message="down", details=_packed(detail))
    exc = from_status_details(grpc.StatusCode.UNAVAILABLE, "down", status.SerializeToString())

    assert isinstance(exc, errors.NetworkError)
    assert exc.retry_after == timedelta(seconds=1.5)
    assert exc.retry_info is None


def test_every_kind_of_the_server_table_round_trips_to_its_class() -> None:
    """The server's own encoder (status_proto) and this decoder agree on every kind."""
    for kind, info in KIND_TABLE.items():
        detail = errors_pb2.ErrorDetail(kind=kind, error=info.title, message="m")
        exc = from_status_details(info.code, "", status_proto(detail).SerializeToString())

        assert type(exc) is error_class(kind)
        assert type(exc) is not TokgateError
        assert exc.kind_name == info.name
        assert exc.error_info is not None
        assert exc.error_info.reason == info.name
        assert exc.detail == detail


def test_one_class_per_kind_named_after_it() -> None:
    kinds = [v for v in ErrorKind.values() if v != ErrorKind.ERROR_KIND_UNSPECIFIED]
    classes = {error_class(kind) for kind in kinds}

    assert len(classes) == len(kinds)
    assert error_class("USER_NOT_FOUND") is errors.UserNotFoundError
    assert error_class("ERROR_KIND_USER_OFFLINE") is errors.UserOfflineError
    assert error_class("timeout").__name__ == "TokgateTimeoutError"  # not the builtin's name
    assert error_class(ErrorKind.ERROR_KIND_UNSPECIFIED) is TokgateError
    with pytest.raises(AttributeError):
        _ = errors.NoSuchKindError


def test_no_details_gives_a_plain_error() -> None:
    exc = from_status_details(grpc.StatusCode.UNAVAILABLE, "connection refused", None)

    assert type(exc) is TokgateError
    assert exc.has_detail is False
    assert exc.kind == ErrorKind.ERROR_KIND_UNSPECIFIED
    assert exc.message == "connection refused"
    assert exc.retryable is True  # UNAVAILABLE without a detail: transport trouble
    assert exc.retry_after is None
    assert from_status_details(grpc.StatusCode.INTERNAL, "x", None).retryable is False


def test_foreign_or_broken_details_are_ignored() -> None:
    foreign = status_pb2.Status(
        code=5, message="nope", details=_packed(error_details_pb2.DebugInfo(detail="x"))
    )
    exc = from_status_details(grpc.StatusCode.NOT_FOUND, "nope", foreign.SerializeToString())
    assert type(exc) is TokgateError

    broken = from_status_details(grpc.StatusCode.NOT_FOUND, "nope", b"\xff\xff not protobuf")
    assert type(broken) is TokgateError
    assert broken.message == "nope"


def test_unknown_kind_from_a_newer_server_is_still_a_tokgate_error() -> None:
    detail = errors_pb2.ErrorDetail(kind=999, message="new")  # type: ignore[arg-type]
    status = status_pb2.Status(code=13, message="new", details=_packed(detail))
    exc = from_status_details(grpc.StatusCode.INTERNAL, "new", status.SerializeToString())

    assert type(exc) is TokgateError
    assert exc.kind_name == "UNKNOWN_999"
    assert exc.detail.message == "new"


def test_an_rpc_error_without_a_status_is_a_plain_unknown_error() -> None:
    exc = errors.from_rpc_error(grpc.RpcError("channel closed"))

    assert type(exc) is TokgateError
    assert exc.code is grpc.StatusCode.UNKNOWN
    assert exc.message == "channel closed"


def test_error_detail_from_is_the_detail_or_none() -> None:
    assert errors.error_detail_from(grpc.RpcError("channel closed")) is None
    failed = grpc.aio.AioRpcError(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        grpc.aio.Metadata(),
        grpc.aio.Metadata((errors.STATUS_DETAILS_KEY, _rate_limit_status())),
    )
    detail = errors.error_detail_from(failed)
    assert detail is not None and detail.kind == ErrorKind.ERROR_KIND_RATE_LIMIT
    assert detail.retry_after.seconds == 12

"""The kind table: one row per ErrorKind, the single source of titles, gRPC codes and retry.

Everything that maps a kind to something else (the ErrorDetail title, the gRPC status code,
the ErrorInfo reason, the Prometheus label, the Python client's exception classes) reads it
from here; docs/errors.md, "The kinds", documents it.
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc

from tokgate.v1 import errors_pb2

ErrorKind = errors_pb2.ErrorKind


@dataclass(frozen=True)
class KindInfo:
    """What a kind means to a caller."""

    kind: errors_pb2.ErrorKind.ValueType
    title: str
    code: grpc.StatusCode
    retryable: bool

    @property
    def name(self) -> str:
        """The kind's name, e.g. ``RATE_LIMIT``: the ErrorInfo reason."""
        return ErrorKind.Name(self.kind).removeprefix("ERROR_KIND_")

    @property
    def label(self) -> str:
        """The Prometheus label value, e.g. ``rate_limit``."""
        return self.name.lower()


_S = grpc.StatusCode

KIND_TABLE: dict[errors_pb2.ErrorKind.ValueType, KindInfo] = {
    info.kind: info
    for info in (
        KindInfo(ErrorKind.ERROR_KIND_TIKTOK_API, "TikTok API Error", _S.UNAVAILABLE, True),
        KindInfo(
            ErrorKind.ERROR_KIND_AUTHENTICATION,
            "Authentication Error",
            _S.FAILED_PRECONDITION,
            False,
        ),
        KindInfo(ErrorKind.ERROR_KIND_RATE_LIMIT, "Rate Limit Error", _S.RESOURCE_EXHAUSTED, True),
        KindInfo(ErrorKind.ERROR_KIND_BOT_DETECTION, "Bot Detection Error", _S.UNAVAILABLE, True),
        KindInfo(ErrorKind.ERROR_KIND_SESSION, "Session Error", _S.UNAVAILABLE, True),
        KindInfo(ErrorKind.ERROR_KIND_DATA, "Data Error", _S.NOT_FOUND, False),
        KindInfo(ErrorKind.ERROR_KIND_USER_NOT_FOUND, "User Not Found", _S.NOT_FOUND, False),
        KindInfo(
            ErrorKind.ERROR_KIND_PRIVATE_ACCOUNT, "Private Account", _S.PERMISSION_DENIED, False
        ),
        KindInfo(ErrorKind.ERROR_KIND_USER_OFFLINE, "User Offline", _S.FAILED_PRECONDITION, False),
        KindInfo(
            ErrorKind.ERROR_KIND_AGE_RESTRICTED, "Age Restricted", _S.PERMISSION_DENIED, False
        ),
        KindInfo(ErrorKind.ERROR_KIND_SIGN_API, "Sign API Error", _S.UNAVAILABLE, True),
        KindInfo(
            ErrorKind.ERROR_KIND_ALREADY_CONNECTED, "Already Connected", _S.ALREADY_EXISTS, False
        ),
        KindInfo(ErrorKind.ERROR_KIND_NETWORK, "Network Error", _S.UNAVAILABLE, True),
        KindInfo(ErrorKind.ERROR_KIND_TIMEOUT, "Timeout", _S.DEADLINE_EXCEEDED, True),
        KindInfo(ErrorKind.ERROR_KIND_SLOW_CONSUMER, "Slow Consumer", _S.RESOURCE_EXHAUSTED, True),
        KindInfo(
            ErrorKind.ERROR_KIND_INVALID_ARGUMENT, "Invalid Argument", _S.INVALID_ARGUMENT, False
        ),
        KindInfo(
            ErrorKind.ERROR_KIND_UNAUTHENTICATED, "Unauthenticated", _S.UNAUTHENTICATED, False
        ),
        KindInfo(
            ErrorKind.ERROR_KIND_PERMISSION_DENIED,
            "Permission Denied",
            _S.PERMISSION_DENIED,
            False,
        ),
        KindInfo(ErrorKind.ERROR_KIND_UNIMPLEMENTED, "Not Implemented", _S.UNIMPLEMENTED, False),
        KindInfo(ErrorKind.ERROR_KIND_INTERNAL, "Internal Error", _S.INTERNAL, False),
    )
}


def kind_info(kind: errors_pb2.ErrorKind.ValueType) -> KindInfo:
    """The row of ``kind``; UNSPECIFIED reads as INTERNAL (a classifier forgot to set it)."""
    return KIND_TABLE.get(kind, KIND_TABLE[ErrorKind.ERROR_KIND_INTERNAL])

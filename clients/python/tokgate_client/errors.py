"""Typed exceptions for tokgate's failures, decoded from the gRPC status details.

A failed tokgate call ends with a ``google.rpc.Status`` in its ``grpc-status-details-bin``
trailer. Its details hold tokgate's ``ErrorDetail``, a ``google.rpc.ErrorInfo`` (reason = the
kind's name, domain ``tokgate``) and, where a delay is known, a ``google.rpc.RetryInfo``.
:func:`from_rpc_error` turns such an error into a :class:`TokgateError` subclass chosen by the
kind, so callers catch what they can act on::

    from tokgate_client import errors

    try:
        user = client.users.get_user(unique_id="someone")
    except errors.UserNotFoundError as exc:
        print(exc.detail.suggestions)
    except errors.TokgateError as exc:
        if exc.retryable:
            time.sleep(exc.retry_after.total_seconds() if exc.retry_after else 1)

There is one subclass per ``ErrorKind`` of the contract, named after the kind
(``ERROR_KIND_RATE_LIMIT`` -> ``RateLimitError``, ``ERROR_KIND_USER_OFFLINE`` ->
``UserOfflineError``; a name that would shadow a Python builtin gets a ``Tokgate`` prefix:
``TokgateTimeoutError``). They are generated from the enum, so a kind added to the contract has
its class without a client change; :func:`error_class` looks one up by kind.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import ClassVar

import grpc
from google.protobuf import duration_pb2
from google.rpc import error_details_pb2, status_pb2
from tokgate.v1 import errors_pb2

STATUS_DETAILS_KEY = "grpc-status-details-bin"
"""The trailing-metadata key of the binary ``google.rpc.Status``."""

ERROR_DOMAIN = "tokgate"
"""``google.rpc.ErrorInfo.domain`` of tokgate's errors."""

ErrorKind = errors_pb2.ErrorKind
_KIND_PREFIX = "ERROR_KIND_"


class TokgateError(Exception):
    """A failed tokgate call.

    Carries the gRPC ``code`` and ``message``, tokgate's :attr:`detail` (an ``ErrorDetail``;
    empty when the server attached none, e.g. when it could not be reached) and the
    ``ErrorInfo`` / ``RetryInfo`` of the status. Catch a subclass for one kind, or this class
    for all of them.
    """

    kind_value: ClassVar[errors_pb2.ErrorKind.ValueType] = ErrorKind.ERROR_KIND_UNSPECIFIED

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        detail: errors_pb2.ErrorDetail | None = None,
        error_info: error_details_pb2.ErrorInfo | None = None,
        retry_info: error_details_pb2.RetryInfo | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.has_detail = detail is not None
        self.detail = detail if detail is not None else errors_pb2.ErrorDetail()
        self.error_info = error_info
        self.retry_info = retry_info

    @property
    def kind(self) -> errors_pb2.ErrorKind.ValueType:
        """The ErrorKind value (``ERROR_KIND_UNSPECIFIED`` when no detail came back)."""
        return self.detail.kind if self.has_detail else self.kind_value

    @property
    def kind_name(self) -> str:
        """The kind without its prefix, e.g. ``RATE_LIMIT`` (the ErrorInfo reason)."""
        return kind_name(self.kind)

    @property
    def retryable(self) -> bool:
        """Whether retrying can succeed: the detail's flag; without a detail, UNAVAILABLE."""
        if self.has_detail:
            return self.detail.retryable
        return self.code == grpc.StatusCode.UNAVAILABLE

    @property
    def retry_after(self) -> timedelta | None:
        """How long to wait before retrying, from RetryInfo or the detail; None if unknown."""
        if self.retry_info is not None and self.retry_info.HasField("retry_delay"):
            return _timedelta(self.retry_info.retry_delay)
        if self.detail.HasField("retry_after"):
            return _timedelta(self.detail.retry_after)
        return None

    def __str__(self) -> str:
        if self.has_detail:
            title = self.detail.error or self.kind_name
            return f"{title} ({self.kind_name}, {self.code.name}): {self.detail.message}"
        return f"{self.code.name}: {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code.name}, message={self.message!r})"


def kind_name(kind: errors_pb2.ErrorKind.ValueType) -> str:
    """``ERROR_KIND_RATE_LIMIT`` -> ``RATE_LIMIT``; an unknown number reads ``UNKNOWN_<n>``."""
    try:
        return ErrorKind.Name(kind).removeprefix(_KIND_PREFIX)
    except ValueError:
        return f"UNKNOWN_{int(kind)}"


def _class_name(kind_name: str) -> str:
    name = "".join(part.capitalize() for part in kind_name.split("_")) + "Error"
    return "Tokgate" + name if hasattr(builtins, name) else name


def _generate_classes() -> dict[errors_pb2.ErrorKind.ValueType, type[TokgateError]]:
    classes: dict[errors_pb2.ErrorKind.ValueType, type[TokgateError]] = {}
    for name, value in ErrorKind.items():
        if value == ErrorKind.ERROR_KIND_UNSPECIFIED:
            continue
        short = name.removeprefix(_KIND_PREFIX)
        doc = f"A tokgate failure of kind {short} (``{name}``)."
        classes[value] = type(
            _class_name(short),
            (TokgateError,),
            {"kind_value": value, "__doc__": doc, "__module__": __name__},
        )
    return classes


ERROR_CLASSES: Mapping[errors_pb2.ErrorKind.ValueType, type[TokgateError]] = _generate_classes()
"""The exception class of each ErrorKind (UNSPECIFIED has none: it is :class:`TokgateError`)."""

_CLASSES_BY_NAME = {cls.__name__: cls for cls in ERROR_CLASSES.values()}


def __getattr__(name: str) -> type[TokgateError]:
    """The generated classes, e.g. ``errors.RateLimitError`` (PEP 562)."""
    try:
        return _CLASSES_BY_NAME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted([*globals(), *_CLASSES_BY_NAME])


def error_class(kind: errors_pb2.ErrorKind.ValueType | str) -> type[TokgateError]:
    """The exception class of a kind: a value, ``RATE_LIMIT`` or ``ERROR_KIND_RATE_LIMIT``.

    >>> error_class("RATE_LIMIT").__name__
    'RateLimitError'
    """
    if isinstance(kind, str):
        full = kind.upper()
        kind = ErrorKind.Value(full if full.startswith(_KIND_PREFIX) else _KIND_PREFIX + full)
    return ERROR_CLASSES.get(kind, TokgateError)


def from_status_details(
    code: grpc.StatusCode, message: str, status_details: bytes | None
) -> TokgateError:
    """Build the typed exception from a status and its serialized ``google.rpc.Status``.

    Details this client does not know are ignored; a missing or unparsable status gives a
    plain :class:`TokgateError` with an empty detail.
    """
    detail: errors_pb2.ErrorDetail | None = None
    error_info: error_details_pb2.ErrorInfo | None = None
    retry_info: error_details_pb2.RetryInfo | None = None
    if status_details:
        status = status_pb2.Status()
        try:
            status.ParseFromString(status_details)
        except Exception:  # a peer that is not tokgate; keep the plain status
            status.Clear()
        message = status.message or message
        for item in status.details:
            if item.Is(errors_pb2.ErrorDetail.DESCRIPTOR):
                detail = errors_pb2.ErrorDetail()
                item.Unpack(detail)
            elif item.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                error_info = error_details_pb2.ErrorInfo()
                item.Unpack(error_info)
            elif item.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                retry_info = error_details_pb2.RetryInfo()
                item.Unpack(retry_info)
    cls = error_class(detail.kind) if detail is not None else TokgateError
    return cls(code, message, detail, error_info, retry_info)


def status_details_from_metadata(
    metadata: Iterable[tuple[str, str | bytes]] | None,
) -> bytes | None:
    """The ``grpc-status-details-bin`` value of trailing metadata, if present."""
    for key, value in metadata or ():
        if key == STATUS_DETAILS_KEY:
            return value if isinstance(value, bytes) else value.encode("latin-1")
    return None


def from_rpc_error(error: grpc.RpcError) -> TokgateError:
    """The typed exception of a failed call (``grpc.RpcError`` or ``grpc.aio.AioRpcError``).

    Example, with a raw stub of your own::

        try:
            stub.GetUser(users_pb2.GetUserRequest(unique_id="x"))
        except grpc.RpcError as err:
            raise from_rpc_error(err) from err

    An ``RpcError`` that is not a call (no status) gives a plain UNKNOWN :class:`TokgateError`.
    """
    if not isinstance(error, grpc.Call | grpc.aio.AioRpcError):
        return TokgateError(grpc.StatusCode.UNKNOWN, str(error))
    code = error.code()
    message = error.details() or ""
    details = status_details_from_metadata(error.trailing_metadata())
    return from_status_details(
        code if code is not None else grpc.StatusCode.UNKNOWN, message, details
    )


def error_detail_from(error: grpc.RpcError) -> errors_pb2.ErrorDetail | None:
    """The ErrorDetail a failed call carries, or ``None`` (as Go's ``ErrorDetailFrom`` and
    Node's ``errorDetailFrom``)."""
    typed = from_rpc_error(error)
    return typed.detail if typed.has_detail else None


def _timedelta(duration: duration_pb2.Duration) -> timedelta:
    return timedelta(seconds=duration.seconds, microseconds=duration.nanos / 1000)

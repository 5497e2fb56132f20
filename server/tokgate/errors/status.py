"""ErrorDetail <-> rich gRPC status (``google.rpc.Status`` in ``grpc-status-details-bin``).

A failed call carries, in its trailers, a ``google.rpc.Status`` whose details hold the
ErrorDetail, a ``google.rpc.ErrorInfo`` (reason = the kind's name, domain ``tokgate``,
the detail's metadata) and, where a retry delay is known, a ``google.rpc.RetryInfo``. Any
gRPC client can read the standard parts; tokgate's clients decode the ErrorDetail.
"""

from __future__ import annotations

from typing import Any, NoReturn

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from tokgate.errors.kinds import kind_info
from tokgate.v1 import errors_pb2

DOMAIN = "tokgate"
DETAILS_KEY = "grpc-status-details-bin"


def status_message(detail: errors_pb2.ErrorDetail) -> str:
    """The status message a plain gRPC client shows: ``"<title>: <message>"``."""
    return f"{detail.error}: {detail.message}" if detail.error else detail.message


def status_proto(detail: errors_pb2.ErrorDetail) -> status_pb2.Status:
    """The ``google.rpc.Status`` for ``detail``; its code comes from the kind table."""
    info = kind_info(detail.kind)
    parts: list[Any] = [
        detail,
        error_details_pb2.ErrorInfo(reason=info.name, domain=DOMAIN, metadata=detail.metadata),
    ]
    if detail.HasField("retry_after"):
        parts.append(error_details_pb2.RetryInfo(retry_delay=detail.retry_after))
    packed = []
    for part in parts:
        holder = any_pb2.Any()
        holder.Pack(part)
        packed.append(holder)
    return status_pb2.Status(
        code=info.code.value[0], message=status_message(detail), details=packed
    )


def rich_status(detail: errors_pb2.ErrorDetail) -> grpc.Status:
    """A ``grpc.Status`` to end a call with: code, message and the details trailer."""
    status: grpc.Status = rpc_status.to_status(status_proto(detail))
    return status


async def abort_with(
    context: grpc.aio.ServicerContext[Any, Any], detail: errors_pb2.ErrorDetail
) -> NoReturn:
    """End the current RPC with ``detail`` as its rich status."""
    status = rich_status(detail)
    await context.abort(status.code, status.details, status.trailing_metadata)
    raise AssertionError("grpc.aio context.abort returned")  # abort always raises

"""tokgate's own exceptions (``tokgate.errors.exceptions``), except UpstreamStatusError
(see ``tiktok_status``)."""

from __future__ import annotations

from tokgate.errors import exceptions as own
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl

from tokgate_plugins import texts

# Long enough for a restarting server to listen again.
SHUTDOWN_RETRY_AFTER = 1.0


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    if isinstance(error, own.InvalidArgumentError):
        return texts.INVALID_ARGUMENT.detail(
            error,
            message=f"Invalid {error.field}: {error.reason}",
            metadata={"field": error.field},
        )
    if isinstance(error, own.UnimplementedError):
        return texts.UNIMPLEMENTED.detail(
            error, message=str(error), metadata={"method": error.method}
        )
    if isinstance(error, own.UnauthenticatedError):
        return texts.UNAUTHENTICATED.detail(error, message=str(error) or None)
    if isinstance(error, own.PermissionDeniedError):
        return texts.PERMISSION_DENIED.detail(error, message=str(error) or None)
    if isinstance(error, own.SlowConsumerError):
        return texts.SLOW_CONSUMER.detail(
            error,
            message=str(error),
            metadata={
                "dropped": str(error.dropped),
                "queue_max_entries": str(error.max_entries),
                "queue_max_bytes": str(error.max_bytes),
                "queue_max_age": f"{error.max_age:g}",
            },
        )
    if isinstance(error, own.QuotaExceededError):
        return texts.QUOTA_EXCEEDED.detail(
            error,
            message=str(error),
            retry_after=error.retry_after,
            metadata={"quota": error.quota, "limit": f"{error.limit:g}"},
        )
    if isinstance(error, own.RoomNotFoundError):
        return texts.ROOM_NOT_FOUND.detail(
            error,
            message=f"Room {error.room_id}: {texts.ROOM_NOT_FOUND.message}",
            metadata={"room_id": error.room_id},
        )
    if isinstance(error, own.SessionUnavailableError):
        return texts.SESSION.detail(error)
    if isinstance(error, own.MalformedUpstreamError):
        return texts.INVALID_RESPONSE.detail(error, message=f"TikTok sent {error}")
    if isinstance(error, own.ClusterUnavailableError):
        return texts.CLUSTER_UNAVAILABLE.detail(error, retry_after=SHUTDOWN_RETRY_AFTER)
    if isinstance(error, own.ServerShuttingDownError):
        return texts.SHUTTING_DOWN.detail(error, retry_after=SHUTDOWN_RETRY_AFTER)
    return None

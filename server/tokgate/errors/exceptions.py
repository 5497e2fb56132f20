"""tokgate's own exceptions: failures tokgate itself detects, each carrying its evidence.

They go through the same classifiers as upstream exceptions (the built-ins know them), so a
third-party plugin can re-classify them too.
"""

from __future__ import annotations

from tokgate.v1 import errors_pb2


class TokgateError(Exception):
    """Base of tokgate's own exceptions."""


class InvalidArgumentError(TokgateError):
    """A request field is invalid; raised before any upstream request."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class UnimplementedError(TokgateError):
    """An RPC this server does not implement."""

    def __init__(self, method: str) -> None:
        super().__init__(f"{method} is not implemented by this server")
        self.method = method


class UnauthenticatedError(TokgateError):
    """The caller's API key is missing or unknown."""


class PermissionDeniedError(TokgateError):
    """The caller's API key may not call this method."""


class SlowConsumerError(TokgateError):
    """A subscriber's queue overflowed and the policy is to disconnect it."""

    def __init__(self, dropped: int, max_entries: int, max_bytes: int, max_age: float) -> None:
        super().__init__(
            f"The subscriber fell {dropped} events behind (its queue holds at most {max_entries} "
            f"events, {max_bytes} bytes, {max_age:g} s)"
        )
        self.dropped = dropped
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_age = max_age


class QuotaExceededError(TokgateError):
    """A caller asked for more than one of its quotas allows (tokgate.quotas). ``quota`` is
    the setting's name, ``limit`` its value; ``retry_after`` when to try again, seconds."""

    def __init__(self, quota: str, limit: float, retry_after: float, message: str) -> None:
        super().__init__(message)
        self.quota = quota
        self.limit = limit
        self.retry_after = retry_after


class RoomNotFoundError(TokgateError):
    """TikTok's room info names no room for a room id the caller gave."""

    def __init__(self, room_id: str) -> None:
        super().__init__(f"TikTok has no LIVE room {room_id}")
        self.room_id = room_id


class UpstreamStatusError(TokgateError):
    """TikTok answered with a non-zero ``statusCode`` (or none where one was due).

    TikTokApi checks the wrong key (``status_code``) and its in-page fetch hides the HTTP
    status, so tokgate checks every body at one place and raises this with the body as
    evidence. ``body`` must already be redacted.
    """

    def __init__(
        self,
        status_code: int | None,
        body: str,
        operation: str,
        http_status: int | None = None,
        status_msg: str = "",
    ) -> None:
        shown = "missing" if status_code is None else str(status_code)
        super().__init__(
            f"TikTok answered {operation} with statusCode: {shown}"
            + (f" ({status_msg})" if status_msg else "")
        )
        self.status_code = status_code
        self.body = body
        self.operation = operation
        self.http_status = http_status
        self.status_msg = status_msg


class MalformedUpstreamError(TokgateError, ValueError):
    """TikTok sent bytes that do not decode (a corrupt push frame or message payload)."""


class ServerShuttingDownError(TokgateError):
    """tokgate is stopping: open streams end, and the caller should reconnect."""

    def __init__(self) -> None:
        super().__init__("tokgate is shutting down")


class ClusterUnavailableError(TokgateError):
    """Cluster mode: this replica cannot reach Redis (for longer than its grace), so it can
    neither read its rooms' logs nor prove it owns an upstream."""


class SessionUnavailableError(TokgateError):
    """No healthy browser session could take the call before its deadline."""


class ClassifiedFailure(TokgateError):
    """A failure already classified (and counted) where it originated.

    Raised to end an RPC with ``detail``, for example by every subscriber of a failed room;
    the server turns it into the rich status without classifying or counting it again.
    """

    def __init__(self, detail: errors_pb2.ErrorDetail) -> None:
        super().__init__(detail.message)
        self.detail = detail

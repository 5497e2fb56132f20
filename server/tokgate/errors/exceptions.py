"""tokgate's own exceptions: failures tokgate itself detects, each carrying its shape.

Each class declares what its ErrorDetail says: ``advice`` (kind, message, causes and
suggestions, from ``tokgate.errors.texts``), and where it knows more, ``detail_message``,
``detail_metadata`` and ``retry_delay``. The built-in classifier ``tokgate.tokgate_own`` only
reads them; they still go through the hooks like any failure, so a third-party plugin can
re-classify them too. A class without advice (``UpstreamStatusError``: TikTok's statusCode
rules decide) is left to the other classifiers.
"""

from __future__ import annotations

from typing import ClassVar

from tokgate.errors import texts
from tokgate.v1 import errors_pb2

# Long enough for a restarting server, or another replica, to take the stream.
RECONNECT_DELAY = 1.0


class TokgateError(Exception):
    """Base of tokgate's own exceptions."""

    #: What a caller reads; None: not for tokgate_own to explain (the catch-all answers).
    advice: ClassVar[texts.Advice | None] = None

    @property
    def detail_message(self) -> str:
        """The ErrorDetail's message: by default the advice's own."""
        return self.advice.message if self.advice is not None else str(self)

    @property
    def detail_metadata(self) -> dict[str, str]:
        """Evidence for the ErrorDetail's metadata."""
        return {}

    @property
    def retry_delay(self) -> float | None:
        """Seconds a caller should wait before retrying, where known."""
        return None


class InvalidArgumentError(TokgateError):
    """A request field is invalid; raised before any upstream request."""

    advice = texts.INVALID_ARGUMENT

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason

    @property
    def detail_message(self) -> str:
        return f"Invalid {self.field}: {self.reason}"

    @property
    def detail_metadata(self) -> dict[str, str]:
        return {"field": self.field}


class UnimplementedError(TokgateError):
    """An RPC this server does not implement."""

    advice = texts.UNIMPLEMENTED

    def __init__(self, method: str) -> None:
        super().__init__(f"{method} is not implemented by this server")
        self.method = method

    @property
    def detail_message(self) -> str:
        return str(self)

    @property
    def detail_metadata(self) -> dict[str, str]:
        return {"method": self.method}


class UnauthenticatedError(TokgateError):
    """The caller's API key is missing or unknown."""

    advice = texts.UNAUTHENTICATED

    @property
    def detail_message(self) -> str:
        return str(self) or texts.UNAUTHENTICATED.message


class PermissionDeniedError(TokgateError):
    """The caller's API key may not call this method."""

    advice = texts.PERMISSION_DENIED

    @property
    def detail_message(self) -> str:
        return str(self) or texts.PERMISSION_DENIED.message


class SlowConsumerError(TokgateError):
    """A subscriber's queue overflowed and the policy is to disconnect it."""

    advice = texts.SLOW_CONSUMER

    def __init__(self, dropped: int, max_entries: int, max_bytes: int, max_age: float) -> None:
        super().__init__(
            f"The subscriber fell {dropped} events behind (its queue holds at most {max_entries} "
            f"events, {max_bytes} bytes, {max_age:g} s)"
        )
        self.dropped = dropped
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_age = max_age

    @property
    def detail_message(self) -> str:
        return str(self)

    @property
    def detail_metadata(self) -> dict[str, str]:
        return {
            "dropped": str(self.dropped),
            "queue_max_entries": str(self.max_entries),
            "queue_max_bytes": str(self.max_bytes),
            "queue_max_age": f"{self.max_age:g}",
        }


class QuotaExceededError(TokgateError):
    """A caller asked for more than one of its quotas allows (tokgate.quotas). ``quota`` is
    the setting's name, ``limit`` its value; ``retry_after`` when to try again, seconds."""

    advice = texts.QUOTA_EXCEEDED

    def __init__(self, quota: str, limit: float, retry_after: float, message: str) -> None:
        super().__init__(message)
        self.quota = quota
        self.limit = limit
        self.retry_after = retry_after

    @property
    def detail_message(self) -> str:
        return str(self)

    @property
    def detail_metadata(self) -> dict[str, str]:
        return {"quota": self.quota, "limit": f"{self.limit:g}"}

    @property
    def retry_delay(self) -> float | None:
        return self.retry_after


class RoomNotFoundError(TokgateError):
    """TikTok's room info names no room for a room id the caller gave."""

    advice = texts.ROOM_NOT_FOUND

    def __init__(self, room_id: str) -> None:
        super().__init__(f"TikTok has no LIVE room {room_id}")
        self.room_id = room_id

    @property
    def detail_message(self) -> str:
        return f"Room {self.room_id}: {texts.ROOM_NOT_FOUND.message}"

    @property
    def detail_metadata(self) -> dict[str, str]:
        return {"room_id": self.room_id}


class UpstreamStatusError(TokgateError):
    """TikTok answered with a non-zero ``statusCode`` (or none where one was due).

    TikTokApi checks the wrong key (``status_code``) and its in-page fetch hides the HTTP
    status, so tokgate checks every answer at one place (``tokgate.errors.tiktok_body``) and
    raises this with the body as evidence, raw: the error pipeline redacts it before any
    plugin reads it.
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

    advice = texts.INVALID_RESPONSE

    @property
    def detail_message(self) -> str:
        return f"TikTok sent {self}"


class ServerShuttingDownError(TokgateError):
    """tokgate is stopping: open streams end, and the caller should reconnect."""

    advice = texts.SHUTTING_DOWN

    def __init__(self) -> None:
        super().__init__("tokgate is shutting down")

    @property
    def retry_delay(self) -> float | None:
        return RECONNECT_DELAY


class ClusterUnavailableError(TokgateError):
    """Cluster mode: this replica cannot reach Redis (for longer than its grace), so it can
    neither read its rooms' logs nor prove it owns an upstream."""

    advice = texts.CLUSTER_UNAVAILABLE

    @property
    def retry_delay(self) -> float | None:
        return RECONNECT_DELAY


class SessionUnavailableError(TokgateError):
    """No healthy browser session could take the call before its deadline."""

    advice = texts.SESSION


class ClassifiedFailure(TokgateError):
    """A failure already classified (and counted) where it originated.

    Raised to end an RPC with ``detail``, for example by every subscriber of a failed room;
    the server turns it into the rich status without classifying or counting it again.
    """

    def __init__(self, detail: errors_pb2.ErrorDetail) -> None:
        super().__init__(detail.message)
        self.detail = detail

"""TikTokLive (7.0.1): every exception of its error hierarchy and of its web routes, told
apart (``tokgate_plugins.tiktoklive`` calls ``classify`` once TikTokLive is loaded).

``SignAPIError`` is classified by ``reason`` first (the library raises bare SignAPIErrors
for sign 5xx and empty payloads): RATE_LIMIT -> RATE_LIMIT; PREMIUM_ENDPOINT and
AUTHENTICATED_WS -> AUTHENTICATION (the operator must act); the rest -> SIGN_API. ``log_id``
and ``agent_id`` go into metadata. The rate-limit delay is computed from ``RateLimit-Reset``
(the library's ``retry_after`` reads ``RateLimit-Remaining`` and its ``reset_time`` raises
when the header is missing). A sign 429 without ``RateLimit-Remaining`` makes the
library's constructor raise a plain ``TypeError``: recognised from the context
(``operation == "sign"``, ``http_status == 429``).
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from TikTokLive.client import errors as live
from TikTokLive.client.web.routes.fetch_gift_list import FailedFetchGiftListError
from TikTokLive.client.web.routes.fetch_is_live import (
    InvalidFetchIsLiveRequest,
    MissingRoomIdInResponse,
)
from TikTokLive.client.web.routes.fetch_room_id_live_html import FailedParseRoomIdError
from TikTokLive.client.web.routes.fetch_room_info import (
    FailedFetchRoomInfoError,
    InvalidFetchRoomInfoPayload,
)
from TikTokLive.client.web.routes.fetch_user_unique_id import (
    FailedParseAppInfo,
)
from TikTokLive.client.web.routes.fetch_video_data import DuplicateDownloadError
from tokgate.errors import texts
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, raw_error

from tokgate_plugins.evidence import header, seconds_until_reset

Reason = live.SignAPIError.ErrorReason
SIGN_OPERATION = "sign"

_SIGN_ADVICE = {
    Reason.PREMIUM_ENDPOINT: texts.SIGN_PREMIUM,
    Reason.AUTHENTICATED_WS: texts.SIGN_AUTHENTICATED_WS,
}
_BLOCKED = (
    live.InitialCursorMissingError,
    live.WebsocketURLMissingError,
    live.WebcastBlockedError,
)
_ROOM_LOOKUP = (FailedParseRoomIdError, MissingRoomIdInResponse, FailedParseAppInfo)
_MISUSE = (InvalidFetchRoomInfoPayload, InvalidFetchIsLiveRequest)


def classify(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    """The ErrorDetail of a TikTokLive failure; None for any other error."""
    if isinstance(error, live.SignAPIError):
        return _sign_error(error, context)
    if isinstance(error, TypeError) and _is_sign_429(context):
        return _sign_rate_limit(error, context.headers, {})
    if not isinstance(error, live.TikTokLiveError):
        return None
    message = _library_message(error)
    if isinstance(error, live.AlreadyConnectedError | DuplicateDownloadError):
        return texts.ALREADY_CONNECTED.detail(error)
    if isinstance(error, live.UserOfflineError):
        return texts.USER_OFFLINE.detail(
            error, message=texts.USER_OFFLINE.for_user(context.unique_id)
        )
    if isinstance(error, live.UserNotFoundError):
        return _user_not_found(error, context)
    if isinstance(error, live.AgeRestrictedError):
        return texts.AGE_RESTRICTED.detail(
            error, message=texts.AGE_RESTRICTED.for_user(context.unique_id)
        )
    if isinstance(error, _BLOCKED):
        return texts.LIVE_BLOCKED.detail(error, message=f"{texts.LIVE_BLOCKED.message}: {message}")
    if isinstance(error, _ROOM_LOOKUP):
        return texts.ROOM_ID_BLOCKED.detail(
            error, message=f"{texts.ROOM_ID_BLOCKED.message}: {message}"
        )
    if isinstance(error, FailedFetchRoomInfoError | FailedFetchGiftListError):
        cause = error.__cause__
        raw = raw_error(error, f"caused by {raw_error(cause)}" if cause else "")
        return texts.ROOM_INFO.detail(error, raw=raw)
    if isinstance(error, _MISUSE):
        return texts.LIBRARY_MISUSE.detail(error)
    return texts.TIKTOKLIVE_OTHER.detail(error, message=message or None)


def _library_message(error: live.TikTokLiveError) -> str:
    """The message without the library's ``"TikTokLive vX.Y.Z ->"`` prefix."""
    return str(error).split("->", 1)[-1].strip()


def _user_not_found(error: live.UserNotFoundError, context: ErrorContext) -> ErrorDetail:
    # The HTML route passes its message where the unique_id belongs; trust only a name.
    named = error.unique_id if " " not in error.unique_id else None
    user = named or context.unique_id
    metadata = {"unique_id": user.removeprefix("@")} if user else {}
    return texts.LIVE_USER_NOT_FOUND.detail(
        error, message=texts.LIVE_USER_NOT_FOUND.for_user(context.unique_id), metadata=metadata
    )


def _is_sign_429(context: ErrorContext) -> bool:
    return context.operation == SIGN_OPERATION and context.http_status == 429


def _sign_metadata(error: live.SignAPIError) -> dict[str, str]:
    metadata = {"sign_reason": error.reason.name}
    if error.log_id:
        metadata["log_id"] = error.log_id
    if error.agent_id:
        metadata["agent_id"] = error.agent_id
    return metadata


def _sign_error(error: live.SignAPIError, context: ErrorContext) -> ErrorDetail:
    metadata = _sign_metadata(error)
    if error.reason is Reason.RATE_LIMIT:
        response = error.response
        headers: Mapping[str, str] = response.headers if response is not None else context.headers
        return _sign_rate_limit(error, headers, metadata)
    message = f"{_library_message(error)}".split("\n", 1)[0]
    advice = _SIGN_ADVICE.get(error.reason, texts.SIGN_API)
    return advice.detail(error, message=f"{advice.message}: {message}", metadata=metadata)


def _sign_rate_limit(
    error: BaseException, headers: Mapping[str, str] | httpx.Headers, metadata: dict[str, str]
) -> ErrorDetail:
    timing = seconds_until_reset(header(headers, "RateLimit-Reset"))
    delay, reset = timing if timing else (None, None)
    if timing is None:
        message = texts.SIGN_RATE_LIMIT.message
    else:
        message = f"{texts.SIGN_RATE_LIMIT.message}; retry in {delay:.0f} s"
    metadata = {**metadata, "sign_reason": Reason.RATE_LIMIT.name}
    return texts.SIGN_RATE_LIMIT.detail(
        error,
        message=message,
        status_code=429,
        retry_after=delay,
        reset_time=reset,
        metadata=metadata,
    )

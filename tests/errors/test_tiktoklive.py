"""Every TikTokLive exception (its hierarchy and its route errors), as the library raises it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from TikTokLive.client import errors as live
from TikTokLive.client.web.routes.fetch_gift_list import FailedFetchGiftListError
from TikTokLive.client.web.routes.fetch_is_live import (
    InvalidFetchIsLiveRequest,
    MissingRoomIdInResponse,
)
from TikTokLive.client.web.routes.fetch_room_id_api import FetchRoomIdAPIRoute
from TikTokLive.client.web.routes.fetch_room_id_live_html import (
    FailedParseRoomIdError,
    FetchRoomIdLiveHTMLRoute,
)
from TikTokLive.client.web.routes.fetch_room_info import (
    FailedFetchRoomInfoError,
    InvalidFetchRoomInfoPayload,
)
from TikTokLive.client.web.routes.fetch_user_unique_id import (
    FailedParseAppInfo,
    FailedResolveUserId,
)
from TikTokLive.client.web.routes.fetch_video_data import DuplicateDownloadError
from TikTokLive.client.web.web_utils import check_authenticated_session
from TikTokLive.client.ws.ws_utils import build_webcast_uri
from TikTokLive.proto import ProtoMessageFetchResult
from tokgate.errors import texts
from tokgate.v1 import errors_pb2

K = errors_pb2.ErrorKind
Check = Callable[..., None]
PREFIX = "TikTokLive v7.0.1 -> "
CLASSIFIER = "tokgate.tiktoklive"


def raised(call: Callable[[], Any]) -> BaseException:
    """The exception ``call`` raises (the library's own code path)."""
    try:
        call()
    except BaseException as exc:
        return exc
    raise AssertionError("expected the library to raise")


def sigi(state: dict[str, Any]) -> str:
    return f'<script id="SIGI_STATE" type="application/json">{json.dumps(state)}</script>'


def sign_response(status: int, headers: dict[str, str], body: bytes = b"") -> httpx.Response:
    request = httpx.Request("GET", "https://sign.example/webcast/fetch")
    return httpx.Response(status, headers=headers, content=body, request=request)


def meta(**extra: str) -> dict[str, str]:
    return {"source": "live", "operation": "connect", "unique_id": "streamer", **extra}


async def test_user_offline_from_the_live_page(report: Any, check: Check) -> None:
    html = sigi({"LiveRoom": {"liveRoomUserInfo": {"user": {"status": 4, "uniqueId": "x"}}}})
    error = raised(lambda: FetchRoomIdLiveHTMLRoute.parse_room_id(html))
    assert type(error) is live.UserOfflineError
    detail = await report(error, unique_id="streamer")
    check(
        detail,
        kind=K.ERROR_KIND_USER_OFFLINE,
        message="@streamer: The streamer is not live",
        causes=["The user is offline"],
        suggestions=[
            "Retry when the user is live",
            "Subscribe with wait_until_live to wait for the LIVE",
        ],
        raw_error=f"UserOfflineError: {PREFIX}The requested TikTok LIVE user '@x' is offline.",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.errors.UserOfflineError",
        metadata=meta(),
    )


async def test_user_not_found_names_the_user_not_the_message(report: Any, check: Check) -> None:
    # The HTML route passes its message where the unique_id belongs (a library slip).
    error = raised(lambda: FetchRoomIdLiveHTMLRoute.parse_room_id(sigi({"LiveRoom": None})))
    assert isinstance(error, live.UserNotFoundError) and " " in error.unique_id
    detail = await report(error, unique_id="@streamer")
    check(
        detail,
        kind=K.ERROR_KIND_USER_NOT_FOUND,
        message="@streamer: User not found or cannot go LIVE",
        causes=list(texts.LIVE_USER_NOT_FOUND.causes),
        suggestions=["Verify the username", "Try a different user"],
        raw_error=f"UserNotFoundError: {PREFIX}UserNotFoundError",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.errors.UserNotFoundError",
        metadata={**meta(), "unique_id": "streamer"},
    )
    named = live.UserNotFoundError("other", "The requested user 'other' ... does not exist.")
    assert (await report(named)).metadata["unique_id"] == "other"


async def test_age_restricted(report: Any, check: Check) -> None:
    error = live.AgeRestrictedError(
        "Age restricted stream. Cannot fetch room info. "
        "Pass sessionid to log in & bypass age restriction."
    )
    check(
        await report(error, unique_id="streamer"),
        kind=K.ERROR_KIND_AGE_RESTRICTED,
        message="@streamer: This LIVE is age-restricted",
        causes=["The LIVE is age-restricted and tokgate is not logged in"],
        suggestions=["Configure a sessionid (TOKGATE_SESSIONID) of an adult account"],
        raw_error=f"AgeRestrictedError: {PREFIX}{error.args[0].removeprefix(PREFIX)}",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.errors.AgeRestrictedError",
        metadata=meta(),
    )


@pytest.mark.parametrize(
    "error",
    [
        live.AlreadyConnectedError("You can only make one connection per client!"),
        DuplicateDownloadError("You are already downloading this stream!"),
    ],
    ids=type,
)
async def test_already_connected(error: BaseException, report: Any, check: Check) -> None:
    cls = type(error)
    check(
        await report(error, unique_id="streamer"),
        kind=K.ERROR_KIND_ALREADY_CONNECTED,
        message="Already connected to this LIVE",
        causes=["A second upstream connection was opened for one room"],
        suggestions=["Report this: tokgate shares one connection per room"],
        raw_error=f"{cls.__name__}: {error}",
        classifier=CLASSIFIER,
        exception_type=f"{cls.__module__}.{cls.__name__}",
        metadata=meta(),
    )


@pytest.mark.parametrize(
    ("fetch_result", "expected", "text"),
    [
        (
            ProtoMessageFetchResult(),
            live.InitialCursorMissingError,
            "Missing cursor in initial fetch response.",
        ),
        (
            ProtoMessageFetchResult(cursor="1"),
            live.WebsocketURLMissingError,
            "No websocket URL received from TikTok.",
        ),
    ],
)
async def test_blocked_connection(
    fetch_result: ProtoMessageFetchResult, expected: type, text: str, report: Any, check: Check
) -> None:
    error = raised(lambda: build_webcast_uri(fetch_result, {}, ""))
    assert type(error) is expected
    check(
        await report(error, unique_id="streamer"),
        kind=K.ERROR_KIND_BOT_DETECTION,
        message=f"TikTok blocked the LIVE connection: {text}",
        causes=["Bot detection triggered", "The websocket handshake was rejected"],
        suggestions=[
            "Wait a few minutes before retrying",
            "Change the proxy (TOKGATE_PROXIES)",
            "Use a sign API key (TOKGATE_SIGN_API_KEY)",
        ],
        raw_error=f"{expected.__name__}: {PREFIX}{text}",
        classifier=CLASSIFIER,
        exception_type=f"TikTokLive.client.errors.{expected.__name__}",
        metadata=meta(),
    )


async def test_webcast_blocked_200(report: Any) -> None:
    error = live.WebcastBlocked200Error('WebSocket rejected by TikTok due to "illegal secret key".')
    detail = await report(error)
    assert detail.kind == K.ERROR_KIND_BOT_DETECTION
    assert detail.exception_type == "TikTokLive.client.errors.WebcastBlockedError"


async def test_sign_rate_limit_delay_from_ratelimit_reset(report: Any, check: Check) -> None:
    response = sign_response(
        429,
        {
            "RateLimit-Limit": "5",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": "42",
            "X-Request-Id": "log-1",
            "X-Agent-Id": "agent-7",
        },
        b'{"message": "slow down"}',
    )
    error = live.SignatureRateLimitError(
        "slow down", "Too many connections started, try again in %s seconds.", response=response
    )
    assert error.retry_after == 0  # the library reads RateLimit-Remaining
    detail = await report(error, operation="sign", http_status=429, unique_id="streamer")
    check(
        detail,
        kind=K.ERROR_KIND_RATE_LIMIT,
        message="The sign server's rate limit is reached; retry in 42 s",
        causes=["Sign API rate limit exceeded"],
        suggestions=list(texts.SIGN_RATE_LIMIT.suggestions),
        raw_error=f"SignatureRateLimitError: {error}",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.errors.SignatureRateLimitError",
        metadata={
            **meta(operation="sign"),
            "sign_reason": "RATE_LIMIT",
            "log_id": "log-1",
            "agent_id": "agent-7",
        },
        status_code=429,
        retry_after=42,
    )
    assert detail.reset_time.ToSeconds() == pytest.approx(time.time() + 42, abs=2)


async def test_sign_rate_limit_reset_as_timestamp_and_missing(report: Any) -> None:
    reset = int(time.time()) + 100
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": str(reset)}
    error = live.SignatureRateLimitError(
        None, "again in %s s", response=sign_response(429, headers)
    )
    detail = await report(error, operation="sign")
    assert detail.retry_after.ToSeconds() == pytest.approx(100, abs=2)
    assert detail.reset_time.ToSeconds() == reset
    no_reset = live.SignatureRateLimitError(
        None, "again in %s s", response=sign_response(429, {"RateLimit-Remaining": "0"})
    )
    with pytest.raises(KeyError):
        _ = no_reset.reset_time  # the library's property raises
    detail = await report(no_reset, operation="sign")
    assert detail.kind == K.ERROR_KIND_RATE_LIMIT
    assert not detail.HasField("retry_after")


async def test_sign_429_without_headers_is_a_type_error(report: Any, check: Check) -> None:
    error = raised(
        lambda: live.SignatureRateLimitError(
            None,
            "Too many connections started, try again in %s seconds.",
            response=sign_response(429, {}),
        )
    )
    assert type(error) is TypeError
    detail = await report(error, operation="sign", http_status=429, unique_id="streamer")
    check(
        detail,
        kind=K.ERROR_KIND_RATE_LIMIT,
        message="The sign server's rate limit is reached",
        causes=["Sign API rate limit exceeded"],
        suggestions=list(texts.SIGN_RATE_LIMIT.suggestions),
        raw_error=f"TypeError: {error}",
        classifier=CLASSIFIER,
        exception_type="TypeError",
        metadata={**meta(operation="sign"), "sign_reason": "RATE_LIMIT"},
        status_code=429,
    )
    # Without the context's evidence a TypeError is just a bug.
    assert (await report(error, operation="fetch_room_info")).kind == K.ERROR_KIND_INTERNAL


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("CONNECT_ERROR", K.ERROR_KIND_SIGN_API),
        ("EMPTY_PAYLOAD", K.ERROR_KIND_SIGN_API),
        ("SIGN_NOT_200", K.ERROR_KIND_SIGN_API),
        ("EMPTY_COOKIES", K.ERROR_KIND_SIGN_API),
        ("PREMIUM_ENDPOINT", K.ERROR_KIND_AUTHENTICATION),
        ("AUTHENTICATED_WS", K.ERROR_KIND_AUTHENTICATION),
        ("RATE_LIMIT", K.ERROR_KIND_RATE_LIMIT),
    ],
)
async def test_bare_sign_api_error_by_reason(reason: str, kind: int, report: Any) -> None:
    headers = {"X-Request-Id": "log-9", "X-Agent-Id": "agent-3", "RateLimit-Reset": "5"}
    error = live.SignAPIError(
        live.SignAPIError.ErrorReason[reason],
        "Sign API failed",
        response=sign_response(500, headers),
    )
    detail = await report(error, operation="sign")
    assert detail.kind == kind
    assert detail.metadata["sign_reason"] == reason
    assert detail.metadata["log_id"] == "log-9" and detail.metadata["agent_id"] == "agent-3"
    assert detail.exception_type == "TikTokLive.client.errors.SignAPIError"


async def test_sign_not_200(report: Any, check: Check) -> None:
    error = live.SignAPIError(
        live.SignAPIError.ErrorReason.SIGN_NOT_200,
        'Failed request to Sign API with status code 500 and the following payload:\n"x"',
        response=sign_response(500, {"X-Request-Id": "log-2"}),
    )
    check(
        await report(error, operation="sign", unique_id="streamer"),
        kind=K.ERROR_KIND_SIGN_API,
        message="The sign server failed: [SIGN_NOT_200] Failed request to Sign API with status "
        "code 500 and the following payload:",
        causes=list(texts.SIGN_API.causes),
        suggestions=list(texts.SIGN_API.suggestions),
        raw_error=f"SignAPIError: {error}",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.errors.SignAPIError",
        metadata={**meta(operation="sign"), "sign_reason": "SIGN_NOT_200", "log_id": "log-2"},
    )


@pytest.mark.parametrize(
    ("error", "kind", "reason"),
    [
        (
            live.UnexpectedSignatureError("Failed to sign a request due to an error."),
            K.ERROR_KIND_SIGN_API,
            "SIGN_NOT_200",
        ),
        (
            live.SignatureMissingTokensError("Missing signed_url in response data!"),
            K.ERROR_KIND_SIGN_API,
            "EMPTY_PAYLOAD",
        ),
        (
            live.PremiumEndpointError("No permission to sign this URL.", api_message="Upgrade"),
            K.ERROR_KIND_AUTHENTICATION,
            "PREMIUM_ENDPOINT",
        ),
    ],
    ids=type,
)
async def test_sign_error_subclasses(
    error: live.SignAPIError, kind: int, reason: str, report: Any
) -> None:
    detail = await report(error, operation="sign")
    assert detail.kind == kind
    assert detail.metadata["sign_reason"] == reason
    assert detail.exception_type == f"TikTokLive.client.errors.{type(error).__name__}"
    assert detail.raw_error == f"{type(error).__name__}: {error}"


async def test_authenticated_websocket(
    report: Any, check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WHITELIST_AUTHENTICATED_SESSION_ID_HOST", raising=False)
    error = raised(lambda: check_authenticated_session("sid", "useast5", session_required=False))
    assert type(error) is live.AuthenticatedWebSocketConnectionError
    detail = await report(error, operation="sign", unique_id="streamer")
    check(
        detail,
        kind=K.ERROR_KIND_AUTHENTICATION,
        message="The sessionid may not be sent to this sign server: [AUTHENTICATED_WS] For "
        "your safety, this request has been BLOCKED. To understand why, see the reason below:",
        causes=list(texts.SIGN_AUTHENTICATED_WS.causes),
        suggestions=list(texts.SIGN_AUTHENTICATED_WS.suggestions),
        raw_error=f"AuthenticatedWebSocketConnectionError: {error}",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.errors.AuthenticatedWebSocketConnectionError",
        metadata={**meta(operation="sign"), "sign_reason": "AUTHENTICATED_WS"},
    )


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (
            lambda: FetchRoomIdLiveHTMLRoute.parse_room_id("<html>captcha</html>"),
            "Failed to extract the SIGI_STATE HTML tag, you might be blocked by TikTok.",
        ),
        (
            lambda: FetchRoomIdAPIRoute.parse_room_id({}),
            "That user can't stream, or you might be blocked by TikTok.",
        ),
    ],
)
async def test_room_id_lookup_blocked(
    make: Callable[[], Any], text: str, report: Any, check: Check
) -> None:
    error = raised(make)
    assert type(error) is FailedParseRoomIdError
    check(
        await report(error, operation="fetch_room_id", unique_id="streamer"),
        kind=K.ERROR_KIND_BOT_DETECTION,
        message=f"Could not read the user's LIVE room: {text}",
        causes=["Bot detection triggered", "Captcha required", "The user cannot go LIVE"],
        suggestions=[
            "Wait a few minutes before retrying",
            "Change the proxy (TOKGATE_PROXIES)",
            "Verify the username",
        ],
        raw_error=f"FailedParseRoomIdError: {PREFIX}{text}",
        classifier=CLASSIFIER,
        exception_type=(
            "TikTokLive.client.web.routes.fetch_room_id_live_html.FailedParseRoomIdError"
        ),
        metadata=meta(operation="fetch_room_id"),
    )


async def test_room_info_failure_names_its_cause(report: Any, check: Check) -> None:
    try:
        try:
            raise httpx.ConnectError("connection refused")
        except httpx.ConnectError as cause:
            raise FailedFetchRoomInfoError from cause
    except FailedFetchRoomInfoError as exc:
        error = exc
    check(
        await report(error, operation="fetch_room_info", unique_id="streamer"),
        kind=K.ERROR_KIND_TIKTOK_API,
        message="Could not fetch the LIVE room's information",
        causes=list(texts.ROOM_INFO.causes),
        suggestions=["Wait a few minutes before retrying", "Change the proxy (TOKGATE_PROXIES)"],
        raw_error=f"FailedFetchRoomInfoError: {PREFIX}FailedFetchRoomInfoError "
        "(caused by ConnectError: connection refused)",
        classifier=CLASSIFIER,
        exception_type="TikTokLive.client.web.routes.fetch_room_info.FailedFetchRoomInfoError",
        metadata=meta(operation="fetch_room_info"),
    )


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (
            MissingRoomIdInResponse("Room ID 1 did not return any entries."),
            K.ERROR_KIND_BOT_DETECTION,
        ),
        (
            FailedParseAppInfo("Failed to extract data, you might be blocked by TikTok."),
            K.ERROR_KIND_BOT_DETECTION,
        ),
        (FailedResolveUserId("Failed to resolve User ID to unique_id"), K.ERROR_KIND_TIKTOK_API),
        (FailedFetchGiftListError(), K.ERROR_KIND_TIKTOK_API),
        (
            InvalidFetchRoomInfoPayload("Only one of room_id or unique_id may be specified"),
            K.ERROR_KIND_INTERNAL,
        ),
        (
            InvalidFetchIsLiveRequest("One of 'unique_id' or 'room_id' must be specified."),
            K.ERROR_KIND_INTERNAL,
        ),
        (live.TikTokLiveError("something new"), K.ERROR_KIND_TIKTOK_API),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
async def test_other_route_errors(error: Exception, kind: int, report: Any) -> None:
    detail = await report(error)
    assert detail.kind == kind
    assert detail.classifier == CLASSIFIER
    assert detail.exception_type == f"{type(error).__module__}.{type(error).__name__}"
    assert detail.raw_error.startswith(f"{type(error).__name__}: {PREFIX}")
    assert detail.possible_causes and detail.suggestions

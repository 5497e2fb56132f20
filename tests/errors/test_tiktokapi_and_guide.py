"""The error-handling guide word for word, and what TikTokApi really raises."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from playwright._impl._errors import Error as PlaywrightError
from playwright._impl._errors import TimeoutError as PlaywrightTimeoutError
from TikTokApi import exceptions as api
from TikTokApi.api.user import User
from tokgate.errors import texts
from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.kinds import kind_info
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.v1 import errors_pb2
from tokgate_plugins.evidence import body_facts

K = errors_pb2.ErrorKind
Check = Callable[..., None]

# The guide's six classifications, copied from docs/errors.md (not from tokgate's texts): its
# messages and causes word for word, its suggestions where they can be followed here.
FRESH_TOKEN = "Get a fresh MS token from TikTok and put it in TOKGATE_MS_TOKENS"
RECREATE = (
    "Retry: the retry goes to another browser session, and tokgate recreates a failing one "
    "(GetSessionStats shows each session's state)"
)
PROXY = "Change the proxy (TOKGATE_PROXIES)"
SLOW_DOWN = (
    "Slow down: lower TOKGATE_SESSION_CONCURRENCY, or the callers' TOKGATE_CALLER_UNARY_RATE"
)
SEED_TIKTOK_API = (
    "TikTok API request failed with statusCode: -1",
    [
        "MS token may be invalid or expired",
        "Bot detection triggered",
        "Network connectivity issues",
        "TikTok API temporary failure",
    ],
    [FRESH_TOKEN, RECREATE, PROXY, "Wait a few minutes before retrying"],
)
SEED_AUTHENTICATION = (
    "MS token is invalid or missing",
    ["MS token is missing or invalid"],
    ["Configure a valid TikTok MS token (TOKGATE_MS_TOKENS)"],
)
SEED_RATE_LIMIT = (
    "Too many requests to TikTok API",
    ["API rate limit exceeded"],
    ["Wait 5-10 minutes before retrying", "Reduce request frequency"],
)
SEED_BOT_DETECTION = (
    "TikTok detected automated access",
    ["Bot detection triggered", "Captcha required"],
    [SLOW_DOWN, RECREATE, PROXY, FRESH_TOKEN],
)
SEED_SESSION = (
    "Session limit reached or expired",
    ["Session limit reached", "Session expired"],
    [
        "Wait a moment and retry",
        "If the issue persists, see each session's state and last error with GetSessionStats",
        SLOW_DOWN,
    ],
)
SEED_DATA = (
    "Requested data not available",
    ["Content not available", "Invalid request parameters"],
    ["Verify the requested data exists", "Check request parameters"],
)
STATUS = "tokgate.tiktok_status"
API = "tokgate.tiktokapi"
UPSTREAM = "tokgate.errors.exceptions.UpstreamStatusError"


def seed(texts_: tuple[str, list[str], list[str]]) -> dict[str, Any]:
    message, causes, suggestions = texts_
    return {"message": message, "causes": causes, "suggestions": suggestions}


def meta(operation: str = "GetUser", **extra: str) -> dict[str, str]:
    return {"source": "users", "operation": operation, "unique_id": "someone", **extra}


def upstream(code: int | None, body: dict[str, Any], http_status: int | None = None) -> Any:
    return UpstreamStatusError(code, json.dumps(body), "user_detail", http_status=http_status)


async def users(report: Any, error: BaseException, **context: Any) -> errors_pb2.ErrorDetail:
    context.setdefault("unique_id", "someone")
    detail: errors_pb2.ErrorDetail = await report(
        error, context.pop("operation", "GetUser"), "users", **context
    )
    return detail


async def test_status_minus_one_is_the_tiktok_api_error(report: Any, check: Check) -> None:
    error = upstream(-1, {"statusCode": -1, "statusMsg": ""})
    check(
        await users(report, error),
        kind=K.ERROR_KIND_TIKTOK_API,
        **seed(SEED_TIKTOK_API),
        raw_error=f"UpstreamStatusError: {error} (statusCode: -1)",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta(),
        status_code=-1,
    )


async def test_user_info_empty_is_user_not_found_not_auth(report: Any, check: Check) -> None:
    error = upstream(-1, {"statusCode": -1, "userInfo": {}})
    detail = await users(report, error)
    check(
        detail,
        kind=K.ERROR_KIND_USER_NOT_FOUND,
        message="@someone: User not found: TikTok returned no user information",
        causes=list(texts.USER_NOT_FOUND.causes),
        suggestions=list(texts.USER_NOT_FOUND.suggestions),
        raw_error=f"UpstreamStatusError: {error} (statusCode: -1, userInfo: {{}})",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta(),
        status_code=-1,
    )
    # The guide's own recovery check works on it.
    assert detail.status_code == -1 and "userInfo: {}" in detail.raw_error


@pytest.mark.parametrize("code", [-1, 10221])
async def test_tiktokapi_bare_key_error_user(code: int, report: Any, check: Check) -> None:
    body = {"statusCode": code, "userInfo": {}}
    try:
        User(data=body)  # TikTokApi's own extraction raises the bare KeyError
    except KeyError as exc:
        error = exc
    check(
        await users(report, error, body=json.dumps(body)),
        kind=K.ERROR_KIND_USER_NOT_FOUND,
        message="@someone: User not found: TikTok returned no user information",
        causes=list(texts.USER_NOT_FOUND.causes),
        suggestions=list(texts.USER_NOT_FOUND.suggestions),
        raw_error=f"KeyError: 'user' (statusCode: {code}, userInfo: {{}})",
        classifier=API,
        exception_type="KeyError",
        metadata=meta(),
        status_code=code,
    )


async def test_not_found_status_codes(report: Any) -> None:
    for code in (10201, 10202, 10221):
        detail = await users(report, upstream(code, {"statusCode": code}))
        assert detail.kind == K.ERROR_KIND_USER_NOT_FOUND and detail.status_code == code


# Every statusCode the simulator answers (as TikTok does), and what it must read as. Only a
# code with no known meaning is the guide's retryable TikTok API Error.
KNOWN_STATUS_CODES = [
    (10000, K.ERROR_KIND_BOT_DETECTION, "GetUser"),
    (10204, K.ERROR_KIND_DATA, "GetVideo"),
    (10205, K.ERROR_KIND_DATA, "GetHashtag"),
    (10219, K.ERROR_KIND_DATA, "GetVideo"),
    (10222, K.ERROR_KIND_PRIVATE_ACCOUNT, "GetUserVideos"),
    (10201, K.ERROR_KIND_USER_NOT_FOUND, "GetUser"),
    (10202, K.ERROR_KIND_USER_NOT_FOUND, "GetUser"),
    (10221, K.ERROR_KIND_USER_NOT_FOUND, "GetUser"),
    (403, K.ERROR_KIND_AUTHENTICATION, "GetUser"),
    (404, K.ERROR_KIND_DATA, "GetVideo"),
    (429, K.ERROR_KIND_RATE_LIMIT, "GetUser"),
]


@pytest.mark.parametrize(("code", "kind", "operation"), KNOWN_STATUS_CODES)
async def test_known_status_codes_against_the_kind_table(
    code: int, kind: int, operation: str, report: Any
) -> None:
    detail = await users(report, upstream(code, {"statusCode": code}), operation=operation)
    assert (detail.kind, detail.status_code) == (kind, code)


async def test_missing_content_is_not_found_and_final(report: Any) -> None:
    """A video that does not exist (10204, "item doesn't exist") was UNAVAILABLE and retryable:
    asking again never makes it exist."""
    body = {"statusCode": 10204, "statusMsg": "item doesn't exist"}
    detail = await users(report, upstream(10204, body), operation="GetVideo")
    assert detail.kind == K.ERROR_KIND_DATA
    assert kind_info(detail.kind).code == grpc.StatusCode.NOT_FOUND
    assert not detail.retryable
    assert detail.message == texts.VIDEO_NOT_FOUND.message
    assert detail.metadata["status_msg"] == "item doesn't exist"
    hashtag = await users(report, upstream(10205, {"statusCode": 10205}), operation="GetHashtag")
    assert hashtag.message == texts.HASHTAG_NOT_FOUND.message and not hashtag.retryable


async def test_status_429_is_the_rate_limit_error(report: Any, check: Check) -> None:
    error = upstream(429, {"statusCode": 429}, http_status=429)
    check(
        await users(report, error),
        kind=K.ERROR_KIND_RATE_LIMIT,
        **seed(SEED_RATE_LIMIT),
        raw_error=f"UpstreamStatusError: {error} (statusCode: 429)",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta(),
        status_code=429,
        retry_after=300,
    )
    with_header = await users(report, error, headers={"retry-after": "30"})
    assert with_header.retry_after.ToSeconds() == 30


async def test_status_404_and_0_are_data_errors(report: Any, check: Check) -> None:
    error = upstream(404, {"statusCode": 404})
    check(
        await users(report, error, operation="GetVideo"),
        kind=K.ERROR_KIND_DATA,
        **seed(SEED_DATA),
        raw_error=f"UpstreamStatusError: {error} (statusCode: 404)",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta("GetVideo"),
        status_code=404,
    )
    zero = await users(report, upstream(0, {"statusCode": 0, "itemInfo": {}}))
    assert zero.kind == K.ERROR_KIND_DATA and zero.status_code == 0


async def test_status_403(report: Any, check: Check) -> None:
    error = upstream(403, {"statusCode": 403}, http_status=403)
    check(
        await users(report, error),
        kind=K.ERROR_KIND_AUTHENTICATION,
        message="Access forbidden: TikTok refused the request (statusCode: 403)",
        causes=["MS token is missing or invalid", "The proxy or IP address is blocked"],
        suggestions=["Configure a valid TikTok MS token (TOKGATE_MS_TOKENS)", PROXY],
        raw_error=f"UpstreamStatusError: {error} (statusCode: 403)",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta(),
        status_code=403,
    )
    private = upstream(10222, {"statusCode": 10222, "statusMsg": "This account is private"})
    detail = await users(report, private, operation="ListUserVideos")
    assert detail.kind == K.ERROR_KIND_PRIVATE_ACCOUNT
    assert detail.metadata["status_msg"] == "This account is private"


async def test_captcha_is_bot_detection(report: Any, check: Check) -> None:
    body = {"statusCode": 10000, "verifyConfig": {"type": "captcha", "subtype": "slide"}}
    error = upstream(10000, body)
    check(
        await users(report, error),
        kind=K.ERROR_KIND_BOT_DETECTION,
        **seed(SEED_BOT_DETECTION),
        raw_error=f"UpstreamStatusError: {error} (statusCode: 10000, captcha)",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta(),
        status_code=10000,
    )


async def test_empty_response_is_bot_detection(report: Any, check: Check) -> None:
    error = api.EmptyResponseException(
        "",
        "TikTok returned an empty response. They are detecting you're a bot, try some of "
        "these: headless=False, browser='webkit', consider using a proxy",
    )
    check(
        await users(report, error),
        kind=K.ERROR_KIND_BOT_DETECTION,
        **seed(SEED_BOT_DETECTION),
        raw_error=f"EmptyResponseException: {error}",
        classifier=API,
        exception_type="TikTokApi.exceptions.EmptyResponseException",
        metadata=meta(),
    )
    # On item lists TikTok's X-Gnarly requirement is named as a cause.
    listing = await users(report, error, operation="ListUserVideos")
    assert list(listing.possible_causes) == [*SEED_BOT_DETECTION[1], texts.X_GNARLY_CAUSE]


@pytest.mark.parametrize("problem", ["missing", "refused"])
async def test_ms_token_missing_or_refused(problem: str, report: Any, check: Check) -> None:
    error = upstream(-1, {"statusCode": -1})
    check(
        await users(report, error, ms_token=problem),
        kind=K.ERROR_KIND_AUTHENTICATION,
        **seed(SEED_AUTHENTICATION),
        raw_error=f"UpstreamStatusError: {error} (statusCode: -1)",
        classifier=STATUS,
        exception_type=UPSTREAM,
        metadata=meta(ms_token=problem),
        status_code=-1,
    )
    empty = api.EmptyResponseException("", "TikTok returned an empty response.")
    detail = await users(report, empty, ms_token=problem)
    assert detail.kind == K.ERROR_KIND_AUTHENTICATION


@pytest.mark.parametrize(
    "text",
    [
        "No valid sessions available. All sessions appear to be dead. Please call "
        "create_sessions() again or restart the API.",
        "No sessions created, please create sessions first",
    ],
)
async def test_dead_sessions_are_the_session_error(text: str, report: Any, check: Check) -> None:
    error = Exception(text)  # TikTokApi raises plain Exceptions with these texts
    check(
        await users(report, error),
        kind=K.ERROR_KIND_SESSION,
        **seed(SEED_SESSION),
        raw_error=f"Exception: {text}",
        classifier=API,
        exception_type="Exception",
        metadata=meta(),
    )


async def test_broken_invalid_json_exception(report: Any, check: Check) -> None:
    try:
        raise api.InvalidJSONException()  # what TikTokApi does; the constructor needs 2 args
    except TypeError as exc:
        error = exc
    check(
        await users(report, error),
        kind=K.ERROR_KIND_TIKTOK_API,
        message="TikTok returned invalid JSON",
        **{k: v for k, v in seed(SEED_TIKTOK_API).items() if k != "message"},
        raw_error=f"TypeError: {error}",
        classifier=API,
        exception_type="TypeError",
        metadata=meta(),
    )


async def test_invalid_response(report: Any, check: Check) -> None:
    error = api.InvalidResponseException("{}", "TikTok returned an invalid response.")
    check(
        await users(report, error, body='{"statusCode": 10100}'),
        kind=K.ERROR_KIND_TIKTOK_API,
        message="TikTok returned an invalid response",
        **{k: v for k, v in seed(SEED_TIKTOK_API).items() if k != "message"},
        raw_error="InvalidResponseException: None -> TikTok returned an invalid response. "
        "(statusCode: 10100)",
        classifier=API,
        exception_type="TikTokApi.exceptions.InvalidResponseException",
        metadata=meta(),
        status_code=10100,
    )


async def test_playwright_errors(report: Any, check: Check) -> None:
    timeout = PlaywrightTimeoutError("Timeout 30000ms exceeded.")
    check(
        await users(report, timeout),
        kind=K.ERROR_KIND_TIMEOUT,
        message="The browser timed out in GetUser",
        causes=list(texts.TIMEOUT.causes),
        suggestions=list(texts.TIMEOUT.suggestions),
        raw_error="TimeoutError: Timeout 30000ms exceeded.",
        classifier=API,
        exception_type="playwright._impl._errors.TimeoutError",
        metadata=meta(),
    )
    closed = PlaywrightError("Target page, context or browser has been closed")
    detail = await users(report, closed)
    assert detail.kind == K.ERROR_KIND_SESSION
    assert detail.message == "The browser session died in GetUser"
    unreachable = PlaywrightError("net::ERR_CONNECTION_REFUSED at https://www.tiktok.com/")
    assert (await users(report, unreachable)).kind == K.ERROR_KIND_NETWORK


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (api.CaptchaException(None, "captcha"), K.ERROR_KIND_BOT_DETECTION),
        (api.NotFoundException(None, "no such video"), K.ERROR_KIND_DATA),
        (api.SoundRemovedException(None, "sound removed"), K.ERROR_KIND_DATA),
        (api.InvalidJSONException(None, "bad json"), K.ERROR_KIND_TIKTOK_API),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
async def test_other_library_exceptions(error: Exception, kind: int, report: Any) -> None:
    detail = await users(report, error)
    assert detail.kind == kind and detail.classifier == API


async def test_error_patterns(pipeline: ErrorPipeline, report: Any) -> None:
    """-1 across users -> the ms token; one user -> that user; mixed -> bot detection."""
    minus_one = upstream(-1, {"statusCode": -1})
    first = await users(report, minus_one, unique_id="alice")
    assert first.kind == K.ERROR_KIND_TIKTOK_API and "error_pattern" not in first.metadata
    await users(report, minus_one, unique_id="bob")
    consistent = await users(report, minus_one, unique_id="carol")
    assert consistent.kind == K.ERROR_KIND_AUTHENTICATION
    assert consistent.message == (
        "TikTok answered statusCode: -1 for 3 different users in a row: the MS token is most "
        "likely invalid or expired"
    )
    assert list(consistent.possible_causes) == SEED_AUTHENTICATION[1]
    assert consistent.metadata["error_pattern"] == "consistent"

    # Another source's history is separate.
    other = await report(minus_one, "GetUser", "admin", unique_id="dave")
    assert other.kind == K.ERROR_KIND_TIKTOK_API


async def test_minus_one_among_mostly_successes_is_no_token_problem(
    pipeline: ErrorPipeline, report: Any
) -> None:
    """-1 for three users while most requests succeed: not "the ms token" (seed: random
    failures point at bot detection)."""
    minus_one = upstream(-1, {"statusCode": -1})
    for user in ("alice", "bob"):
        await users(report, minus_one, unique_id=user)
        for _ in range(3):
            pipeline.record_success("users")
    mixed = await users(report, minus_one, unique_id="carol")
    assert mixed.kind == K.ERROR_KIND_BOT_DETECTION
    assert mixed.metadata["error_pattern"] == "random"


async def test_error_pattern_specific_user_and_random(report: Any) -> None:
    minus_one = upstream(-1, {"statusCode": -1})
    for _ in range(2):
        await users(report, minus_one, unique_id="ghost")
    specific = await users(report, minus_one, unique_id="@ghost")
    assert specific.kind == K.ERROR_KIND_TIKTOK_API
    assert specific.metadata["error_pattern"] == "specific_user"
    assert specific.message.startswith("TikTok answered statusCode: -1 only for @ghost (3 times)")
    assert list(specific.possible_causes) == [
        *SEED_TIKTOK_API[1],
        "User doesn't exist or is private",
    ]
    for _ in range(4):
        await users(report, ConnectionResetError("reset"), unique_id="x")
    mixed = await users(report, minus_one, unique_id="zed")
    assert mixed.kind == K.ERROR_KIND_BOT_DETECTION
    assert mixed.metadata["error_pattern"] == "random"
    assert list(mixed.suggestions) == SEED_BOT_DETECTION[2]


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ('{"statusCode": -1, "statusMsg": "x"}', -1, "x"),
        ('{"statusCode": "10221"}', 10221, ""),  # some endpoints send a string
        ('{"statusCode": null, "status_code": 429, "status_msg": "slow"}', 429, "slow"),
        ('{"statusCode": true}', None, ""),  # not a code
    ],
)
def test_body_facts_read_the_status_code_as_the_body_check_does(
    body: str, code: int | None, message: str
) -> None:
    facts = body_facts(body)
    assert (facts.status_code, facts.status_msg) == (code, message)

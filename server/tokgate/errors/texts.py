"""Every message, cause and suggestion a caller reads in an ErrorDetail, in one place.

The built-in classifiers (``plugins/tokgate_plugins/``) answer with them, and tokgate's own
exceptions (``tokgate.errors.exceptions``) carry theirs as the class attribute ``advice``.
The six classifications of the error-handling guide (docs/errors.md) keep its messages and
causes word for word (``TIKTOK_API`` ... ``DATA``); its suggestions are kept where they can be
followed here, and the others replaced by what an operator can do (``OPERATOR_*``): every
suggestion names a setting, command, RPC, field or metric that exists, or is a caller's plain
action (tests/errors/test_advice.py checks it). The rest follow the same voice for what the
guide does not cover (TikTokLive, the network, tokgate itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tokgate.errors.detail import new_detail
from tokgate.errors.kinds import ErrorKind
from tokgate.v1.errors_pb2 import ErrorDetail

K = ErrorKind


@dataclass(frozen=True)
class Advice:
    """What a caller reads for one classification."""

    kind: ErrorKind.ValueType
    message: str
    causes: tuple[str, ...]
    suggestions: tuple[str, ...]

    def for_user(self, unique_id: str | None) -> str:
        """The message, naming the user when known: ``"@someone: <message>"``."""
        return f"@{unique_id.removeprefix('@')}: {self.message}" if unique_id else self.message

    def detail(
        self,
        error: BaseException,
        *,
        message: str | None = None,
        raw: str | None = None,
        status_code: int | None = None,
        extra_causes: Iterable[str] = (),
        retry_after: float | None = None,
        reset_time: float | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> ErrorDetail:
        """An ErrorDetail with this advice; ``message`` overrides the standard one."""
        return new_detail(
            self.kind,
            message or self.message,
            error=error,
            raw=raw,
            status_code=status_code,
            causes=(*self.causes, *extra_causes),
            suggestions=self.suggestions,
            retry_after=retry_after,
            reset_time=reset_time,
            metadata=metadata,
        )


# --- what an operator can do here ------------------------------------------------------

# The guide's "Enable stealth mode" (always on) and "Use a different browser type" (the other
# browsers need Playwright's own patched builds, which no package registry serves) become these.
OPERATOR_FRESH_TOKEN = "Get a fresh MS token from TikTok and put it in TOKGATE_MS_TOKENS"
OPERATOR_SLOW_DOWN = (
    "Slow down: lower TOKGATE_SESSION_CONCURRENCY, or the callers' TOKGATE_CALLER_UNARY_RATE"
)
OPERATOR_PROXY = "Change the proxy (TOKGATE_PROXIES)"
OPERATOR_RECREATE = (
    "Retry: the retry goes to another browser session, and tokgate recreates a failing one "
    "(GetSessionStats shows each session's state)"
)

# --- the error-handling guide ---------------------------------------------------------

#: "TikTok API request failed with statusCode: -1" (the code is filled in).
TIKTOK_API_STATUS_MESSAGE = "TikTok API request failed with statusCode: {status_code}"
TIKTOK_API = Advice(
    K.ERROR_KIND_TIKTOK_API,
    TIKTOK_API_STATUS_MESSAGE.format(status_code=-1),
    (
        "MS token may be invalid or expired",
        "Bot detection triggered",
        "Network connectivity issues",
        "TikTok API temporary failure",
    ),
    (
        OPERATOR_FRESH_TOKEN,
        OPERATOR_RECREATE,
        OPERATOR_PROXY,
        "Wait a few minutes before retrying",
    ),
)
AUTHENTICATION = Advice(
    K.ERROR_KIND_AUTHENTICATION,
    "MS token is invalid or missing",
    ("MS token is missing or invalid",),
    ("Configure a valid TikTok MS token (TOKGATE_MS_TOKENS)",),
)
RATE_LIMIT = Advice(
    K.ERROR_KIND_RATE_LIMIT,
    "Too many requests to TikTok API",
    ("API rate limit exceeded",),
    ("Wait 5-10 minutes before retrying", "Reduce request frequency"),
)
#: The guide's "Wait 5-10 minutes": the retry delay given when TikTok names none.
RATE_LIMIT_DEFAULT_DELAY = 300.0
BOT_DETECTION = Advice(
    K.ERROR_KIND_BOT_DETECTION,
    "TikTok detected automated access",
    ("Bot detection triggered", "Captcha required"),
    (
        OPERATOR_SLOW_DOWN,
        OPERATOR_RECREATE,
        OPERATOR_PROXY,
        OPERATOR_FRESH_TOKEN,
    ),
)
SESSION = Advice(
    K.ERROR_KIND_SESSION,
    "Session limit reached or expired",
    ("Session limit reached", "Session expired"),
    (
        "Wait a moment and retry",
        "If the issue persists, see each session's state and last error with GetSessionStats",
        OPERATOR_SLOW_DOWN,
    ),
)
DATA = Advice(
    K.ERROR_KIND_DATA,
    "Requested data not available",
    ("Content not available", "Invalid request parameters"),
    ("Verify the requested data exists", "Check request parameters"),
)

# TikTok's statusCodes for content that is not there (tiktok_status.CONTENT_CODES): Data Errors
# in the guide's sense, named for what is missing.
VIDEO_NOT_FOUND = Advice(
    K.ERROR_KIND_DATA,
    "Video not found: TikTok says the item doesn't exist",
    ("The video id is wrong", "The video was deleted"),
    ("Verify the video id", "Check that the video is still online"),
)
HASHTAG_NOT_FOUND = Advice(
    K.ERROR_KIND_DATA,
    "Hashtag not found: TikTok has no challenge by this name",
    ("The hashtag name is misspelt", "TikTok has no hashtag by this name"),
    ("Verify the hashtag name",),
)
REGION_UNAVAILABLE = Advice(
    K.ERROR_KIND_DATA,
    "Not available in this region: TikTok withholds this content from tokgate's location",
    ("The content is geo-restricted", "The proxy or IP address is in a restricted region"),
    ("Use a proxy in another region (TOKGATE_PROXIES)",),
)

# --- the guide's error patterns and statusCode rules ------------------------------------

PATTERN_CONSISTENT_MESSAGE = (
    "TikTok answered statusCode: -1 for {users} different users in a row: the MS token is "
    "most likely invalid or expired"
)
PATTERN_SPECIFIC_USER_MESSAGE = (
    "TikTok answered statusCode: -1 only for @{user} ({count} times): this user most likely "
    "does not exist or is private"
)
PATTERN_SPECIFIC_USER_CAUSE = "User doesn't exist or is private"
PATTERN_RANDOM_MESSAGE = (
    "TikTok answered statusCode: -1 intermittently, mixed with other failures: most likely "
    "bot detection"
)
USER_NOT_FOUND = Advice(
    K.ERROR_KIND_USER_NOT_FOUND,
    "User not found: TikTok returned no user information",
    ("The user doesn't exist", "The username is misspelt or was changed"),
    ("Verify the username", "Try a different user"),
)
PRIVATE_ACCOUNT = Advice(
    K.ERROR_KIND_PRIVATE_ACCOUNT,
    "This account is private",
    ("The user's account is private",),
    ("Only public accounts can be read", "Try a different user"),
)
FORBIDDEN = Advice(
    K.ERROR_KIND_AUTHENTICATION,
    "Access forbidden: TikTok refused the request (statusCode: 403)",
    ("MS token is missing or invalid", "The proxy or IP address is blocked"),
    ("Configure a valid TikTok MS token (TOKGATE_MS_TOKENS)", OPERATOR_PROXY),
)
INVALID_RESPONSE = Advice(
    K.ERROR_KIND_TIKTOK_API,
    "TikTok returned an invalid response",
    TIKTOK_API.causes,
    TIKTOK_API.suggestions,
)
INVALID_JSON = Advice(
    K.ERROR_KIND_TIKTOK_API,
    "TikTok returned invalid JSON",
    TIKTOK_API.causes,
    TIKTOK_API.suggestions,
)
X_GNARLY_CAUSE = (
    "TikTok now requires an X-Gnarly signature on item lists, which TikTokApi does not send "
    "yet (TikTokApi issue 1311)"
)

# --- TikTokLive --------------------------------------------------------------------------

ALREADY_CONNECTED = Advice(
    K.ERROR_KIND_ALREADY_CONNECTED,
    "Already connected to this LIVE",
    ("A second upstream connection was opened for one room",),
    ("Report this: tokgate shares one connection per room",),
)
USER_OFFLINE = Advice(
    K.ERROR_KIND_USER_OFFLINE,
    "The streamer is not live",
    ("The user is offline",),
    ("Retry when the user is live", "Subscribe with wait_until_live to wait for the LIVE"),
)
LIVE_USER_NOT_FOUND = Advice(
    K.ERROR_KIND_USER_NOT_FOUND,
    "User not found or cannot go LIVE",
    (
        "The user doesn't exist",
        "The user has no LIVE access (for example fewer than 1,000 followers)",
        "A captcha hid the user's page",
    ),
    ("Verify the username", "Try a different user"),
)
AGE_RESTRICTED = Advice(
    K.ERROR_KIND_AGE_RESTRICTED,
    "This LIVE is age-restricted",
    ("The LIVE is age-restricted and tokgate is not logged in",),
    ("Configure a sessionid (TOKGATE_SESSIONID) of an adult account",),
)
LIVE_BLOCKED = Advice(
    K.ERROR_KIND_BOT_DETECTION,
    "TikTok blocked the LIVE connection",
    ("Bot detection triggered", "The websocket handshake was rejected"),
    (
        "Wait a few minutes before retrying",
        OPERATOR_PROXY,
        "Use a sign API key (TOKGATE_SIGN_API_KEY)",
    ),
)
ROOM_ID_BLOCKED = Advice(
    K.ERROR_KIND_BOT_DETECTION,
    "Could not read the user's LIVE room",
    (
        "Bot detection triggered",
        "Captcha required",
        "The user cannot go LIVE",
    ),
    ("Wait a few minutes before retrying", OPERATOR_PROXY, "Verify the username"),
)
SIGN_RATE_LIMIT = Advice(
    K.ERROR_KIND_RATE_LIMIT,
    "The sign server's rate limit is reached",
    ("Sign API rate limit exceeded",),
    (
        "Wait until the rate limit resets",
        "Lower TOKGATE_SIGN_BUDGET_PER_MINUTE",
        "Use a sign API key with a higher limit (TOKGATE_SIGN_API_KEY)",
    ),
)
SIGN_PREMIUM = Advice(
    K.ERROR_KIND_AUTHENTICATION,
    "The sign server refused: this endpoint needs a premium sign API key",
    ("The sign API key is missing or lacks permission for this endpoint",),
    ("Configure a sign API key with access (TOKGATE_SIGN_API_KEY)",),
)
SIGN_AUTHENTICATED_WS = Advice(
    K.ERROR_KIND_AUTHENTICATION,
    "The sessionid may not be sent to this sign server",
    (
        "A sessionid is configured but the sign server's host is not whitelisted "
        "(WHITELIST_AUTHENTICATED_SESSION_ID_HOST)",
    ),
    (
        "Name the sign server's host in TOKGATE_SESSIONID_SIGN_HOST if you trust it",
        "Or remove the sessionid (TOKGATE_SESSIONID)",
    ),
)
SIGN_API = Advice(
    K.ERROR_KIND_SIGN_API,
    "The sign server failed",
    ("The sign server is unreachable or failing", "Bot detection triggered"),
    ("Wait a few minutes before retrying", "Check the sign server's status"),
)
ROOM_NOT_FOUND = Advice(
    K.ERROR_KIND_DATA,
    "No LIVE room has this id",
    ("The room id is misspelt", "The room id is not a TikTok LIVE room's"),
    ("Verify the room id", "Ask by the streamer's username (unique_id) instead"),
)
ROOM_INFO = Advice(
    K.ERROR_KIND_TIKTOK_API,
    "Could not fetch the LIVE room's information",
    ("TikTok API temporary failure", "Network connectivity issues", "Bot detection triggered"),
    ("Wait a few minutes before retrying", OPERATOR_PROXY),
)
TIKTOKLIVE_OTHER = Advice(
    K.ERROR_KIND_TIKTOK_API,
    "TikTok LIVE request failed",
    ("TikTok API temporary failure", "Bot detection triggered"),
    ("Wait a few minutes before retrying", OPERATOR_PROXY),
)
LIBRARY_MISUSE = Advice(
    K.ERROR_KIND_INTERNAL,
    "tokgate called TikTokLive incorrectly",
    ("A bug in tokgate",),
    ("Report this with the raw_error",),
)

# --- network -----------------------------------------------------------------------------

NETWORK = Advice(
    K.ERROR_KIND_NETWORK,
    "Network error talking to TikTok",
    ("Network connectivity issues", "The connection was refused or reset"),
    ("Retry with backoff", "Check the network and the proxies (TOKGATE_PROXIES)"),
)
UPSTREAM_UNTRUSTED = Advice(
    K.ERROR_KIND_AUTHENTICATION,
    "TikTok's TLS certificate is not trusted: tokgate refused the connection",
    (
        "The upstream presents a certificate that upstream_ca_file (or the system's CAs) "
        "does not trust",
        "The upstream was restarted with a new certificate",
        "A TLS-intercepting proxy between tokgate and TikTok",
    ),
    (
        "Point upstream_ca_file at the CA that signed the upstream's certificate: tokgate "
        "reloads it when the file changes",
        "Check the certificate of the proxy (TOKGATE_PROXIES)",
    ),
)
WEBSOCKET_CLOSED = Advice(
    K.ERROR_KIND_NETWORK,
    "The LIVE websocket closed unexpectedly",
    ("Network connectivity issues", "TikTok closed the connection"),
    ("Reconnect with backoff",),
)
SHUTTING_DOWN = Advice(
    K.ERROR_KIND_NETWORK,
    "tokgate is shutting down; the stream was closed by the server",
    ("The tokgate server is stopping or restarting",),
    ("Reconnect with backoff: the restarted server, or another instance, will take the stream",),
)
CLUSTER_UNAVAILABLE = Advice(
    K.ERROR_KIND_NETWORK,
    "This tokgate replica cannot reach the cluster's Redis; its streams were ended",
    (
        "Redis is down, restarting or unreachable from this replica",
        "A network partition between this replica and Redis",
    ),
    (
        "Reconnect with backoff and your last position: another replica that reaches Redis "
        "resumes the stream from the room's history",
        "Check Redis (tokgate_cluster_redis_up) and the replica's network",
    ),
)
TIMEOUT = Advice(
    K.ERROR_KIND_TIMEOUT,
    "The upstream call did not finish in time",
    ("TikTok or the sign server is slow", "Network connectivity issues"),
    ("Retry later", "Raise the call's deadline (unset, user queries get TOKGATE_CALL_DEADLINE)"),
)

# --- tokgate's own -----------------------------------------------------------------------

INVALID_ARGUMENT = Advice(
    K.ERROR_KIND_INVALID_ARGUMENT,
    "Invalid request",
    ("A request field is invalid",),
    ("Check request parameters",),
)
UNIMPLEMENTED = Advice(
    K.ERROR_KIND_UNIMPLEMENTED,
    "Not implemented",
    ("This server does not implement the RPC",),
    ("Upgrade the server",),
)
UNAUTHENTICATED = Advice(
    K.ERROR_KIND_UNAUTHENTICATED,
    "Missing or unknown API key",
    ("No API key was sent, or it is unknown",),
    ("Send 'authorization: Bearer <key>' metadata with a valid key",),
)
PERMISSION_DENIED = Advice(
    K.ERROR_KIND_PERMISSION_DENIED,
    "This API key may not call this method",
    ("The API key lacks the needed permission",),
    ("Use an admin key",),
)
SLOW_CONSUMER = Advice(
    K.ERROR_KIND_SLOW_CONSUMER,
    "The subscriber could not keep up with the stream",
    ("The client reads events slower than they arrive",),
    ("Read faster, or filter with event_types", "Reconnect to continue"),
)
# A caller's own quota (tokgate.quotas): RATE_LIMIT, the kind that says "too much, wait and
# send less", is the one a client already backs off on.
QUOTA_EXCEEDED = Advice(
    K.ERROR_KIND_RATE_LIMIT,
    "This caller is over one of its quotas",
    ("The caller (its API key, or its host without one) uses more than its quota allows",),
    (
        "Wait retry_after seconds before retrying",
        "Close streams you no longer read, or ask the operator for a larger quota",
    ),
)
INTERNAL = Advice(
    K.ERROR_KIND_INTERNAL,
    "An unexpected error occurred",
    ("A bug in tokgate or an unforeseen upstream failure",),
    ("Retry later", "If it persists, report it with the raw_error"),
)

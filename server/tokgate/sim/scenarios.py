"""The scenario table: which username makes the simulator misbehave, and how.

A scenario is chosen by the username a request names (``uniqueId``, the owner of a ``secUid``,
room or video, a hashtag name or a search keyword). Every other valid username is a healthy
public profile that is offline for LIVE until the control API puts it live. ``raises`` records
what the real, unmodified library (TikTokLive 7.0.1, TikTokApi 7.3.3) raises against it, as
measured by ``tests/sim``.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

from tokgate.username import UNIQUE_ID_PATTERN


class LivePage(enum.Enum):
    """What ``/@user/live`` and ``/api-live/user/room/`` say about the streamer."""

    LIVE = "live"
    OFFLINE = "offline"
    NOT_FOUND = "not_found"


class SignFault(enum.Enum):
    """How the sign endpoint (``/webcast/fetch``) fails for a room."""

    RATE_LIMITED = "rate_limited"  # 429 with RateLimit-* headers and a JSON body
    RATE_LIMITED_BARE = "rate_limited_bare"  # 429, no headers, no body
    SERVER_ERROR = "server_error"  # 500 with a JSON body
    EMPTY_PAYLOAD = "empty_payload"  # 200, empty body
    NO_COOKIES = "no_cookies"  # 200, no X-Set-TT-Cookie header
    NO_CURSOR = "no_cursor"  # fetch result without a cursor
    NO_WS_URL = "no_ws_url"  # fetch result without a push server


class StreamFault(enum.Enum):
    """How the push websocket of a live room misbehaves."""

    BLOCKED = "blocked"  # handshake answered 200 with a Handshake-Msg header
    DROP = "drop"  # closed 1011 mid-stream (first connection only; then live again)
    SILENT = "silent"  # open, never sends a frame
    MALFORMED = "malformed"  # a corrupt frame among good ones
    LIVE_END = "live_end"  # a control message ends the LIVE; the room goes offline


class EventProgram(enum.Enum):
    """What a live room's stream plays (``programs``)."""

    MIX = "mix"  # weighted draws from the mix of a busy room
    EVERY_TYPE = "every_type"  # the 62 types TikTokLive maps to events, in turn, on a loop
    EVERY_EVENT = "every_event"  # EVERY_TYPE's 62, then every content-dependent variant
    BATTLE = "battle"  # a battle the streamer wins, then one the rival wins, on a loop


class ApiFault(enum.Enum):
    """How the ``/api/*`` JSON routes answer for a user."""

    USER_NOT_FOUND = "user_not_found"  # statusCode -1 with userInfo {}
    INVALID_PROFILE = "invalid_profile"  # statusCode 10221 with userInfo {}
    STATUS_MINUS_ONE = "status_minus_one"  # statusCode -1, no user-not-found sign
    EMPTY_BODY = "empty_body"  # 200 with an empty body (bot detection)
    CAPTCHA = "captcha"  # a "verify" answer
    RATE_LIMITED = "rate_limited"  # HTTP 429, statusCode 429
    FORBIDDEN = "forbidden"  # HTTP 403, statusCode 403
    INVALID_JSON = "invalid_json"  # a truncated JSON document
    PRIVATE = "private"  # a private account: profile ok, lists refused with 10222
    PRIVATE_LIKES = "private_likes"  # a public account whose liked list is private (10222)
    DELETED_VIDEOS = "deleted_videos"  # videos listed, each video page answers 10204
    SLOW = "slow"  # healthy, after the configured delay


@dataclass(frozen=True)
class Scenario:
    """One named misbehaviour and what the real library does about it."""

    name: str
    library: str  # "TikTokLive" or "TikTokApi"
    behaviour: str
    raises: str  # exception class (and reason) the real library raises, or its outcome
    live_page: LivePage = LivePage.OFFLINE
    age_restricted: bool = False
    sign_fault: SignFault | None = None
    stream_fault: StreamFault | None = None
    api_fault: ApiFault | None = None
    program: EventProgram = EventProgram.MIX

    def as_json(self) -> dict[str, Any]:
        """The row ``--list-scenarios --json`` and ``GET /_sim/scenarios`` print."""
        row = asdict(self)
        for key, value in row.items():
            if isinstance(value, enum.Enum):
                row[key] = value.value
        return row


_LIVE = "TikTokLive"
_API = "TikTokApi"

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "sim_live",
        _LIVE,
        "live; a busy room's mix at the configured rate: comments, likes, joins, gift "
        "streaks, follows, shares, viewer counts, unknown message types, and more rarely "
        "emotes, subscriptions, questions, barrages, polls, goals, ranks, treasure chests, "
        "pins, captions, battles, pauses",
        "nothing: events flow",
        live_page=LivePage.LIVE,
    ),
    Scenario(
        "sim_every_type",
        _LIVE,
        "live; one message of each of the 62 types TikTokLive maps to events, in turn "
        "(sorted by type name), on a loop from the start of every connection",
        "nothing: every event class arrives",
        live_page=LivePage.LIVE,
        program=EventProgram.EVERY_TYPE,
    ),
    Scenario(
        "sim_every_event",
        _LIVE,
        "live; sim_every_type's 62 messages, then one of each message whose event depends "
        "on its content (a plain and two super-fan barrages, a subscription and another sub "
        "notice, a member subscription, a follow, a share and another social action, a "
        "treasure chest and a super-fan box, a pause and an unpause), on a loop from the "
        "start of every connection",
        "nothing: every event class arrives (and LivePauseEvent, LiveUnpauseEvent, "
        "FollowEvent, ShareEvent, SuperFanBoxEvent)",
        live_page=LivePage.LIVE,
        program=EventProgram.EVERY_EVENT,
    ),
    Scenario(
        "sim_battle",
        _LIVE,
        "live; a link-mic battle on a loop from the start of every connection: start, "
        "gifts with score updates, final armies, end (the streamer wins), punishment over; "
        "then a second battle the rival wins",
        "nothing: LinkMicBattleEvent, GiftEvent, LinkMicArmiesEvent, ... arrive in order",
        live_page=LivePage.LIVE,
        program=EventProgram.BATTLE,
    ),
    Scenario(
        "sim_offline",
        _LIVE,
        "the live page says status 4 (offline)",
        "UserOfflineError",
        live_page=LivePage.OFFLINE,
    ),
    Scenario(
        "sim_not_found",
        _LIVE,
        "the live page has no LiveRoom; api-live/user/room answers user_not_found",
        "UserNotFoundError (from the API fallback, chained to the HTML one)",
        live_page=LivePage.NOT_FOUND,
    ),
    Scenario(
        "sim_age_restricted",
        _LIVE,
        "live, but room info answers only a 'prompts' entry",
        "AgeRestrictedError (only with start(fetch_room_info=True); without it the room streams)",
        live_page=LivePage.LIVE,
        age_restricted=True,
    ),
    Scenario(
        "sim_sign_rate_limited",
        _LIVE,
        "sign 429 with RateLimit-Limit/-Remaining/-Reset, Retry-After, X-Request-Id, "
        "X-Agent-Id and a JSON message",
        "SignatureRateLimitError reason RATE_LIMIT (retry_after reads RateLimit-Remaining, i.e. 0)",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.RATE_LIMITED,
    ),
    Scenario(
        "sim_sign_429_bare",
        _LIVE,
        "sign 429 without headers or body",
        "TypeError from SignatureRateLimitError's constructor (int(None))",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.RATE_LIMITED_BARE,
    ),
    Scenario(
        "sim_sign_error",
        _LIVE,
        "sign 500 with a JSON body",
        "bare SignAPIError reason SIGN_NOT_200",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.SERVER_ERROR,
    ),
    Scenario(
        "sim_sign_empty",
        _LIVE,
        "sign 200 with an empty body",
        "bare SignAPIError reason EMPTY_PAYLOAD",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.EMPTY_PAYLOAD,
    ),
    Scenario(
        "sim_no_cookies",
        _LIVE,
        "sign 200 without X-Set-TT-Cookie",
        "SignAPIError reason EMPTY_COOKIES",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.NO_COOKIES,
    ),
    Scenario(
        "sim_no_cursor",
        _LIVE,
        "sign result without a cursor",
        "InitialCursorMissingError (from the task start() returns)",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.NO_CURSOR,
    ),
    Scenario(
        "sim_no_ws_url",
        _LIVE,
        "sign result without a push server",
        "WebsocketURLMissingError (from the task start() returns)",
        live_page=LivePage.LIVE,
        sign_fault=SignFault.NO_WS_URL,
    ),
    Scenario(
        "sim_blocked",
        _LIVE,
        "websocket handshake answered 200 with a Handshake-Msg",
        "WebcastBlockedError (alias WebcastBlocked200Error; from the task)",
        live_page=LivePage.LIVE,
        stream_fault=StreamFault.BLOCKED,
    ),
    Scenario(
        "sim_drop",
        _LIVE,
        "live; the first websocket goes quiet and is closed 1011 after --drop-after "
        "seconds, later ones stream normally",
        "websockets ConnectionClosedError (code 1011, from the task); a reconnect works",
        live_page=LivePage.LIVE,
        stream_fault=StreamFault.DROP,
    ),
    Scenario(
        "sim_silent",
        _LIVE,
        "websocket open, no frame ever (not even heartbeats)",
        "nothing: the client waits forever (no ping, no read timeout)",
        live_page=LivePage.LIVE,
        stream_fault=StreamFault.SILENT,
    ),
    Scenario(
        "sim_malformed",
        _LIVE,
        "live; every 5th frame carries a truncated gzip payload",
        "EOFError (truncated gzip) from the task; the frames before it are delivered",
        live_page=LivePage.LIVE,
        stream_fault=StreamFault.MALFORMED,
    ),
    Scenario(
        "sim_live_end",
        _LIVE,
        "live for --end-after seconds, then a WebcastControlMessage STREAM_ENDED; the "
        "room is offline afterwards",
        "LiveEndEvent, then the client disconnects itself (DisconnectEvent); the task ends "
        "cleanly and the next start() raises UserOfflineError",
        live_page=LivePage.LIVE,
        stream_fault=StreamFault.LIVE_END,
    ),
    Scenario(
        "sim_user_not_found",
        _API,
        "statusCode -1 with userInfo {}",
        "KeyError: 'user' (user.info)",
        api_fault=ApiFault.USER_NOT_FOUND,
    ),
    Scenario(
        # The error-handling guide's example of a user that does not exist, so that its
        # testing tip works against the simulator as it does against TikTok.
        "thisisnotarealuser12345",
        _API,
        "the error-handling guide's non-existent user: statusCode -1 with userInfo {}; the "
        "live page has no LiveRoom",
        "KeyError: 'user' (user.info); TikTokLive: UserNotFoundError",
        live_page=LivePage.NOT_FOUND,
        api_fault=ApiFault.USER_NOT_FOUND,
    ),
    Scenario(
        "sim_invalid_profile",
        _API,
        "statusCode 10221 with userInfo {}",
        "KeyError: 'user' (user.info)",
        api_fault=ApiFault.INVALID_PROFILE,
    ),
    Scenario(
        "sim_status_minus_one",
        _API,
        "statusCode -1 without userInfo",
        "KeyError: 'id' (user.info); lists come back empty",
        api_fault=ApiFault.STATUS_MINUS_ONE,
    ),
    Scenario(
        "sim_bot_detected",
        _API,
        "HTTP 200 with an empty body",
        "EmptyResponseException",
        api_fault=ApiFault.EMPTY_BODY,
    ),
    Scenario(
        "sim_captcha",
        _API,
        "a verify (captcha) JSON answer, HTTP 200",
        "KeyError: 'id' (user.info); lists come back empty",
        api_fault=ApiFault.CAPTCHA,
    ),
    Scenario(
        "sim_api_rate_limited",
        _API,
        "HTTP 429 with statusCode 429 and Retry-After",
        "KeyError: 'id' (user.info; the in-page fetch drops the HTTP status); lists "
        "come back empty",
        api_fault=ApiFault.RATE_LIMITED,
    ),
    Scenario(
        "sim_forbidden",
        _API,
        "HTTP 403 with statusCode 403",
        "KeyError: 'id' (user.info); lists come back empty",
        api_fault=ApiFault.FORBIDDEN,
    ),
    Scenario(
        "sim_invalid_json",
        _API,
        "a truncated JSON document",
        "TypeError from InvalidJSONException() (after ~6 s of retries)",
        api_fault=ApiFault.INVALID_JSON,
    ),
    Scenario(
        "sim_slow",
        _API,
        "healthy (and live), every HTTP answer about it after --slow-delay seconds",
        "nothing, late (the library sets no timeout)",
        live_page=LivePage.LIVE,
        api_fault=ApiFault.SLOW,
    ),
    Scenario(
        "sim_private",
        _API,
        "user detail with privateAccount true; videos, liked videos and playlists answer "
        "statusCode 10222",
        "user.info succeeds; videos() yields nothing",
        api_fault=ApiFault.PRIVATE,
    ),
    Scenario(
        "sim_private_likes",
        _API,
        "a public profile whose liked videos are private: favorite/item_list answers "
        "statusCode 10222",
        "user.info and videos() succeed; liked() yields nothing",
        api_fault=ApiFault.PRIVATE_LIKES,
    ),
    Scenario(
        "sim_deleted_video",
        _API,
        "a public profile whose videos are listed but deleted: each video page answers "
        "statusCode 10204 (item doesn't exist)",
        "not measured: video.info() reads pages with requests, outside the browser and its "
        "host mapping (tokgate reads them in the browser: statusCode 10204)",
        api_fault=ApiFault.DELETED_VIDEOS,
    ),
)

BY_NAME: dict[str, Scenario] = {scenario.name: scenario for scenario in SCENARIOS}


def scenario_for(name: str) -> Scenario | None:
    """The scenario a username selects (case-insensitive, ``@`` optional), if any."""
    return BY_NAME.get(name.lstrip("@").lower())


def is_valid_username(name: str) -> bool:
    """TikTok's username shape; anything else is a 'not found' answer."""
    return bool(UNIQUE_ID_PATTERN.match(name))

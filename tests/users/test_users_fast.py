"""Fast tier: the real TikTokApi request logic (make_request, sign_url, X-Bogus, the endpoint
classes) and tokgate's supervisor, with only the browser replaced: session creation returns a
fake page whose in-page fetch answers like the simulator for each scenario."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from google.rpc import error_details_pb2
from playwright.async_api import Error as PlaywrightError
from pydantic import SecretStr
from TikTokApi import TikTokApi
from TikTokApi.tiktok import TikTokPlaywrightSession
from tokgate import metrics
from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure, InvalidArgumentError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.errors.status import status_proto
from tokgate.sim.scenarios import scenario_for
from tokgate.sim.server import REFUSED_TOKEN_BODY
from tokgate.sim.web import fault_response
from tokgate.users.browser import BrowserOptions
from tokgate.users.component import UsersComponent
from tokgate.users.paging import PageCursor, encode_page_token
from tokgate.users.tiktok_api import KEPT_HEADERS, SupervisedTikTokApi
from tokgate.v1 import admin_pb2, errors_pb2, users_pb2

Answer = tuple[int, str, dict[str, str]]  # status, body, the headers the fetch keeps
VIDEOS_PER_USER = 5


def _user(unique_id: str, private: bool = False) -> dict[str, Any]:
    return {
        "id": str(abs(hash(unique_id)) % 10**18),
        "uniqueId": unique_id,
        "secUid": f"MS4w.{unique_id}",
        "nickname": unique_id.title(),
        "signature": "hi",
        "avatarLarger": f"https://p16.example/{unique_id}.jpg",
        "verified": False,
        "privateAccount": private,
    }


def _video(unique_id: str, number: int) -> dict[str, Any]:
    return {
        "id": f"7{number:018d}",
        "desc": f"video {number} #fun",
        "createTime": 1_700_000_000 + number,
        "author": _user(unique_id),
        "stats": {
            "playCount": 100 * number,
            "diggCount": number,
            "commentCount": 2,
            "shareCount": 1,
            "collectCount": 0,
        },
        "video": {
            "duration": 15,
            "cover": "https://p16.example/c.jpg",
            "playAddr": "https://v16.example/v.mp4",
        },
        "music": {"id": "1", "title": "song", "authorName": "band"},
        "challenges": [{"id": "9", "title": "fun"}],
    }


class FakeTikTok:
    """Answers TikTok's web API the way the simulator does, chosen by username: its faults
    are the simulator's own answers (``tokgate.sim.web.fault_response``)."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        # Event-loop time of each request, by username.
        self.times: dict[str, list[float]] = {}
        # ms tokens answered as TikTok answers an expired one (the simulator's ms_tokens/refuse).
        self.refused_tokens: set[str] = set()
        self.slow_seconds = 5.0
        self.running = 0
        self.most_running = 0

    async def answer(self, url: str) -> Answer:
        parts = urlsplit(url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        name = query.get("uniqueId") or query.get("secUid", "").removeprefix("MS4w.")
        self.requests[name] += 1
        self.times.setdefault(name, []).append(asyncio.get_running_loop().time())
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            if name in ("sim_slow", "sim_busy"):
                await asyncio.sleep(self.slow_seconds if name == "sim_slow" else 0.2)
        finally:
            self.running -= 1
        if query.get("msToken") in self.refused_tokens:
            return 200, json.dumps(REFUSED_TOKEN_BODY), {}
        scenario = scenario_for(name)
        fault = None
        if scenario is not None and scenario.api_fault is not None:
            fault = fault_response(scenario.api_fault, parts.path)
        if fault is not None:
            kept = {k.lower(): v for k, v in fault.headers.items() if k.lower() in KEPT_HEADERS}
            return fault.status, fault.text or "", kept
        if parts.path == "/api/user/detail/":
            info = {
                "user": _user(name, name == "sim_private"),
                "stats": {
                    "followerCount": 10,
                    "followingCount": 2,
                    "heartCount": 30,
                    "videoCount": VIDEOS_PER_USER,
                    "diggCount": 4,
                },
            }
            return 200, json.dumps({"statusCode": 0, "userInfo": info}), {}
        if parts.path == "/api/post/item_list/":
            if name == "sim_no_gnarly":
                return 200, "", {}  # what real TikTok sends without an X-Gnarly signature
            cursor, count = int(query["cursor"]), int(query["count"])
            end = min(cursor + count, VIDEOS_PER_USER)
            items = [_video(name, n) for n in range(cursor, end)]
            return (
                200,
                json.dumps(
                    {
                        "statusCode": 0,
                        "itemList": items,
                        "cursor": str(end),
                        "hasMore": end < VIDEOS_PER_USER,
                    }
                ),
                {},
            )
        return 404, '{"statusCode": 404}', {}


class FakePage:
    """The browser page: TikTokApi's X-Bogus and fetch scripts, answered by FakeTikTok."""

    def __init__(self, tiktok: FakeTikTok) -> None:
        self.tiktok = tiktok
        self.closed = False
        self.url = "https://www.tiktok.com/"
        self.crash_next = False

    async def wait_for_function(self, script: str, **options: Any) -> None:
        return None

    async def evaluate(self, script: str, arg: Any = None) -> Any:
        if self.closed:
            raise PlaywrightError("Target page, context or browser has been closed")
        if "frontierSign" in script:
            return {"X-Bogus": "DFSzswVfake"}
        if self.crash_next:
            self.closed = True
            raise PlaywrightError("Target crashed")
        if arg is None:  # TikTokApi's own fetch script: the URL is inside the script
            url = script.split("fetch('", 1)[1].split("'", 1)[0]
            status, body, _ = await self.tiktok.answer(url)
            if name_of(url) == "sim_reset":
                raise PlaywrightError("TypeError: Failed to fetch")
            return body
        url = arg[0]
        if name_of(url) == "sim_reset":
            return {"status": None, "body": "", "headers": {}, "error": "Failed to fetch"}
        status, body, headers = await self.tiktok.answer(url)
        return {"status": status, "body": body, "headers": headers, "error": None}

    def is_closed(self) -> bool:
        return self.closed

    async def close(self) -> None:
        self.closed = True


def name_of(url: str) -> str:
    query = parse_qs(urlsplit(url).query)
    return (query.get("uniqueId") or [""])[0]


class FakeContext:
    def __init__(self, ms_token: str | None) -> None:
        self.ms_token = ms_token

    async def cookies(self) -> list[dict[str, str]]:
        return [{"name": "msToken", "value": self.ms_token}] if self.ms_token else []

    async def add_cookies(self, cookies: list[dict[str, Any]]) -> None:
        return None

    async def close(self) -> None:
        return None


def fake_session(tiktok: FakeTikTok, ms_token: str | None) -> Any:
    return TikTokPlaywrightSession(
        FakeContext(ms_token),
        FakePage(tiktok),
        ms_token=ms_token,
        headers={},
        params={"aid": "1988", "device_platform": "web_pc"},
    )


class FakeBrowserApi(SupervisedTikTokApi):
    """SupervisedTikTokApi with session creation replaced (no Chromium)."""

    tiktok = FakeTikTok()
    opened: ClassVar[list[str | None]] = []
    fail_opening = False

    async def launch_browser(self) -> None:
        return None

    async def open_session(
        self, ms_token: str | None, proxy: dict[str, Any] | None, within: float
    ) -> Any:
        if self.fail_opening:
            raise PlaywrightError("Failed to launch chromium: executable doesn't exist")
        self.opened.append(ms_token)
        session = fake_session(self.tiktok, ms_token)
        self.sessions.append(session)
        return session


class _FakeContext:
    """The bits of a grpc.aio servicer context the service reads."""

    def __init__(self, deadline: float | None, metadata: tuple[tuple[str, str], ...]) -> None:
        self.deadline = deadline
        self.metadata = metadata

    def time_remaining(self) -> float | None:
        return self.deadline

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self.metadata


def Context(deadline: float | None = None, metadata: tuple[tuple[str, str], ...] = ()) -> Any:
    return _FakeContext(deadline, metadata)


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "sessions": 2,
        "call_deadline": 5.0,
        "session_recreate_backoff": 0.05,
        "retry_delay": 0.05,
        "ms_tokens": (SecretStr("tok-a"), SecretStr("tok-b")),
    }
    values.update(overrides)
    return Settings(**values)


@contextlib.asynccontextmanager
async def started(configured: Settings) -> AsyncIterator[UsersComponent]:
    """A users component on FakeBrowserApi, its sessions healthy."""
    FakeBrowserApi.tiktok = FakeTikTok()
    FakeBrowserApi.opened = []
    FakeBrowserApi.fail_opening = False
    component = UsersComponent(configured, ErrorPipeline.from_settings(configured), FakeBrowserApi)
    await component.start()
    try:
        await wait_for(lambda: component.session_stats().healthy_sessions == 2)
        yield component
    finally:
        await component.stop()


@pytest.fixture
async def users() -> AsyncIterator[UsersComponent]:
    async with started(settings()) as component:
        yield component


async def wait_for(condition: Callable[[], bool], within: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + within
    while not condition():
        assert loop.time() < end, "condition not met in time"
        await asyncio.sleep(0.01)


async def failure(call: Any) -> errors_pb2.ErrorDetail:
    with pytest.raises(ClassifiedFailure) as caught:
        await call
    return caught.value.detail


def tiktok_of(users: UsersComponent) -> FakeTikTok:
    api = users.supervisor.api
    assert isinstance(api, FakeBrowserApi)
    return api.tiktok


async def test_get_user_is_typed(users: UsersComponent) -> None:
    answer = await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="@alice"), Context())
    assert isinstance(answer, users_pb2.GetUserResponse)
    assert answer.user.unique_id == "alice"
    assert answer.user.sec_uid == "MS4w.alice"
    assert answer.user.url == "https://www.tiktok.com/@alice"
    assert answer.user.stats.follower_count == 10
    assert answer.user.stats.heart_count == 30


async def test_ms_tokens_rotate_across_sessions(users: UsersComponent) -> None:
    assert sorted(t for t in FakeBrowserApi.opened if t) == ["tok-a", "tok-b"]


async def test_user_videos_page_through_opaque_tokens(users: UsersComponent) -> None:
    first = await users.servicer.ListUserVideos(
        users_pb2.ListUserVideosRequest(unique_id="bob", page_size=3), Context()
    )
    assert isinstance(first, users_pb2.ListUserVideosResponse)
    assert len(first.videos) == 3 and first.next_page_token
    assert first.videos[0].create_time.seconds == 1_700_000_000
    assert first.videos[0].url.startswith("https://www.tiktok.com/@bob/video/")
    assert first.videos[0].hashtags == ["fun"]
    second = await users.servicer.ListUserVideos(
        users_pb2.ListUserVideosRequest(
            unique_id="bob", page_size=3, page_token=first.next_page_token
        ),
        Context(),
    )
    assert isinstance(second, users_pb2.ListUserVideosResponse)
    assert len(second.videos) == VIDEOS_PER_USER - 3 and not second.next_page_token
    assert {v.id for v in first.videos}.isdisjoint({v.id for v in second.videos})


async def test_a_token_from_another_list_is_refused(users: UsersComponent) -> None:
    token = encode_page_token(PageCursor("ListUserVideos", "bob", 3))
    with pytest.raises(InvalidArgumentError):
        await users.servicer.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id="carol", page_token=token), Context()
        )
    with pytest.raises(InvalidArgumentError):
        await users.servicer.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id="carol", page_token="garbage!"), Context()
        )


async def test_a_blamed_token_is_refused_and_its_session_recreated_on_another() -> None:
    """The guide: a refused ms token (statusCode -1 for user after user) needs a fresh one. Its
    session is recreated on the next token not refused, the calls go on, and the refused token
    is counted (tokgate_api_ms_tokens{state="refused"}), never shown by its value."""
    async with started(settings()) as users:
        tiktok = tiktok_of(users)
        tiktok.refused_tokens.add("tok-a")
        for name in ("u1", "u2", "u3", "u4", "u5", "u6"):
            answer = await users.servicer.GetUser(
                users_pb2.GetUserRequest(unique_id=name), Context()
            )
            assert answer.user.unique_id == name  # retried on tok-b's session
        await wait_for(lambda: users.session_stats().healthy_sessions == 2)
        assert FakeBrowserApi.opened[:2] == ["tok-a", "tok-b"]
        assert FakeBrowserApi.opened[2:] == ["tok-b"]
        assert metrics.REGISTRY.get_sample_value("tokgate_api_ms_tokens", {"state": "refused"}) == 1
        assert metrics.REGISTRY.get_sample_value("tokgate_api_ms_tokens", {"state": "usable"}) == 1
        before = sum(tiktok.requests.values())
        await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="u7"), Context())
        await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="u8"), Context())
        assert sum(tiktok.requests.values()) - before == 2  # no token refused any more


async def test_invalid_username_fails_before_any_request(users: UsersComponent) -> None:
    with pytest.raises(InvalidArgumentError):
        await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="no spaces"), Context())
    assert sum(tiktok_of(users).requests.values()) == 0


@pytest.mark.parametrize(
    ("name", "kind", "status_code"),
    [
        ("sim_user_not_found", errors_pb2.ERROR_KIND_USER_NOT_FOUND, -1),
        ("thisisnotarealuser12345", errors_pb2.ERROR_KIND_USER_NOT_FOUND, -1),
        ("sim_invalid_profile", errors_pb2.ERROR_KIND_USER_NOT_FOUND, 10221),
        ("sim_api_rate_limited", errors_pb2.ERROR_KIND_RATE_LIMIT, 429),
    ],
)
async def test_status_codes_become_typed_errors_without_retry(
    users: UsersComponent, name: str, kind: int, status_code: int
) -> None:
    detail = await failure(
        users.servicer.GetUser(users_pb2.GetUserRequest(unique_id=name), Context())
    )
    assert detail.kind == kind
    assert detail.status_code == status_code
    if detail.status_code == -1:
        assert "userInfo: {}" in detail.raw_error
    # Not retried: the kind is not retryable, or (a rate limit) its retry_after is longer
    # than the call's deadline.
    assert tiktok_of(users).requests[name] == 1
    if detail.retryable:
        assert detail.retry_after.ToTimedelta().total_seconds() > settings().call_deadline


async def test_retryable_kind_is_retried_on_the_other_session(users: UsersComponent) -> None:
    detail = await failure(
        users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="sim_bot_detected"), Context())
    )
    assert detail.kind == errors_pb2.ERROR_KIND_BOT_DETECTION
    assert detail.retryable
    assert tiktok_of(users).requests["sim_bot_detected"] == 2
    stats = users.session_stats()
    assert [s.failure_count for s in stats.sessions] == [1, 1]


@pytest.mark.parametrize("name", ["sim_bot_detected", "sim_status_minus_one"])
async def test_a_retry_waits_with_jitter_and_the_caller_is_told_the_delay(name: str) -> None:
    """The guide: add delays. A TIKTOK_API or BOT_DETECTION retry on another session waits
    retry_delay with jitter (half to one and a half times it), and the detail (the RetryInfo
    a caller reads) suggests such a delay."""
    async with started(settings(retry_delay=0.4)) as users:
        detail = await failure(
            users.servicer.GetUser(users_pb2.GetUserRequest(unique_id=name), Context())
        )
        first, second = tiktok_of(users).times[name]
    assert second - first >= 0.2
    assert 0.2 <= detail.retry_after.ToTimedelta().total_seconds() <= 0.6
    retry_info = error_details_pb2.RetryInfo()
    assert any(part.Unpack(retry_info) for part in status_proto(detail).details)
    assert retry_info.retry_delay == detail.retry_after


async def test_a_retry_wait_stays_within_the_deadline() -> None:
    """A delay longer than the call's deadline is shortened so the retry still runs in time;
    the caller is still told the full delay."""
    async with started(settings(retry_delay=4.0)) as users:
        loop = asyncio.get_running_loop()
        started_at = loop.time()
        detail = await failure(
            users.servicer.GetUser(
                users_pb2.GetUserRequest(unique_id="sim_bot_detected"), Context(deadline=1.0)
            )
        )
        assert loop.time() - started_at < 1.0
        assert tiktok_of(users).requests["sim_bot_detected"] == 2
    assert detail.retry_after.ToTimedelta().total_seconds() >= 2.0


async def test_invalid_json_is_an_error_with_its_body_not_a_broken_constructor(
    users: UsersComponent,
) -> None:
    detail = await failure(
        users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="sim_invalid_json"), Context())
    )
    assert detail.kind == errors_pb2.ERROR_KIND_TIKTOK_API
    assert detail.exception_type.endswith("UpstreamStatusError")


async def test_private_account_lists_are_refused(users: UsersComponent) -> None:
    profile = await users.servicer.GetUser(
        users_pb2.GetUserRequest(unique_id="sim_private"), Context()
    )
    assert isinstance(profile, users_pb2.GetUserResponse)
    assert profile.user.private_account
    detail = await failure(
        users.servicer.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id="sim_private"), Context()
        )
    )
    assert detail.kind == errors_pb2.ERROR_KIND_PRIVATE_ACCOUNT
    assert detail.status_code == 10222


async def test_slow_answer_times_out_and_the_session_survives(users: UsersComponent) -> None:
    detail = await failure(
        users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="sim_slow"), Context(0.5))
    )
    assert detail.kind == errors_pb2.ERROR_KIND_TIMEOUT
    stats = users.session_stats()
    assert stats.healthy_sessions == 2 and stats.recreations == 0
    answer = await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="dave"), Context())
    assert isinstance(answer, users_pb2.GetUserResponse)


async def test_bare_tiktokapi_loses_its_pool_where_tokgate_keeps_answering(
    users: UsersComponent,
) -> None:
    bare = TikTokApi()
    tiktok = FakeTikTok()
    bare.sessions = [fake_session(tiktok, "t1"), fake_session(tiktok, "t2")]
    with pytest.raises(Exception, match="No valid sessions available"):
        await bare.user(username="sim_reset").info()
    assert bare.sessions == []  # one failed fetch per session emptied its pool of two
    with pytest.raises(Exception, match="No sessions created"):
        await bare.user(username="alice").info()
    # Building it also re-pointed User.parent (a class attribute) at itself; tokgate claims
    # the endpoint classes back on every call.

    detail = await failure(
        users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="sim_reset"), Context())
    )
    assert detail.kind == errors_pb2.ERROR_KIND_NETWORK
    assert users.session_stats().healthy_sessions == 2
    answer = await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="alice"), Context())
    assert isinstance(answer, users_pb2.GetUserResponse)
    assert answer.user.unique_id == "alice"


async def test_dead_sessions_are_recreated_within_the_call(users: UsersComponent) -> None:
    before = metrics.API_SESSION_RECREATIONS._value.get()
    for slot in users.supervisor.slots:
        slot.session.page.crash_next = True
    # Both sessions die under the call; it waits for a recreated one and answers.
    answer = await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="erin"), Context())
    assert isinstance(answer, users_pb2.GetUserResponse)
    assert answer.user.unique_id == "erin"
    await wait_for(lambda: users.session_stats().healthy_sessions == 2)
    stats = users.session_stats()
    assert stats.recreations == 2
    assert metrics.API_SESSION_RECREATIONS._value.get() - before == 2
    assert all(s.last_error_kind == errors_pb2.ERROR_KIND_SESSION for s in stats.sessions)


async def test_session_stats_report_each_session(users: UsersComponent) -> None:
    await users.servicer.GetUser(users_pb2.GetUserRequest(unique_id="frank"), Context())
    stats = users.session_stats()
    assert stats.configured_sessions == 2 and stats.healthy_sessions == 2
    assert [s.id for s in stats.sessions] == ["s1", "s2"]
    assert stats.total_requests == 1
    used = [s for s in stats.sessions if s.request_count]
    assert used[0].state == admin_pb2.SESSION_STATE_HEALTHY
    assert used[0].browser == "chromium"
    assert used[0].HasField("last_used_time") and used[0].HasField("age")


async def test_no_session_at_all_is_a_session_error(caplog: pytest.LogCaptureFixture) -> None:
    FakeBrowserApi.fail_opening = True
    quick = settings(session_recreate_backoff=10.0)
    component = UsersComponent(quick, ErrorPipeline.from_settings(quick), FakeBrowserApi)
    await component.start()
    try:
        await wait_for(
            lambda: component.session_stats().sessions[1].state == admin_pb2.SESSION_STATE_FAILED
        )
        # A session fault is a server-side one: logged at ERROR (docs/operations.md).
        opening = [r for r in caplog.records if "could not be opened" in r.getMessage()]
        assert opening and all(r.levelno == logging.ERROR for r in opening)
        assert all(vars(r)["error_kind"] == "session" for r in opening)
        detail = await failure(
            component.servicer.GetUser(users_pb2.GetUserRequest(unique_id="gina"), Context(1))
        )
        assert detail.kind == errors_pb2.ERROR_KIND_SESSION
        assert detail.retryable
    finally:
        FakeBrowserApi.fail_opening = False
        await component.stop()


def test_browser_arguments_route_to_the_upstream() -> None:
    options = BrowserOptions.from_settings(
        Settings(tiktok_upstream="https://127.0.0.1:8443", headless=True)
    )
    assert "--headless=new" in options.args
    assert "--host-resolver-rules=MAP www.tiktok.com 127.0.0.1:8443" in options.args
    assert "--ignore-certificate-errors" in options.args
    assert "--no-sandbox" in options.args
    assert options.executable == "/usr/lib/chromium/chromium"


async def test_a_missing_ms_token_is_named_where_tokgate_can_tell() -> None:
    no_tokens = settings(ms_tokens=())
    component = UsersComponent(no_tokens, ErrorPipeline.from_settings(no_tokens), FakeBrowserApi)
    await component.start()
    try:
        await wait_for(lambda: component.session_stats().healthy_sessions == 2)
        detail = await failure(
            component.servicer.GetUser(
                users_pb2.GetUserRequest(unique_id="sim_status_minus_one"), Context()
            )
        )
        assert detail.kind == errors_pb2.ERROR_KIND_AUTHENTICATION
        assert detail.metadata["ms_token"] == "missing"
        assert not detail.retryable
    finally:
        await component.stop()


async def test_an_empty_item_list_names_the_missing_x_gnarly_signature(
    users: UsersComponent,
) -> None:
    detail = await failure(
        users.servicer.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id="sim_no_gnarly"), Context()
        )
    )
    assert detail.kind == errors_pb2.ERROR_KIND_BOT_DETECTION
    assert any("X-Gnarly" in cause for cause in detail.possible_causes)


async def test_calls_per_session_are_limited() -> None:
    FakeBrowserApi.tiktok = FakeTikTok()
    one = settings(sessions=1, session_concurrency=1)
    component = UsersComponent(one, ErrorPipeline.from_settings(one), FakeBrowserApi)
    await component.start()
    try:
        await wait_for(lambda: component.session_stats().healthy_sessions == 1)
        # Each its own query: identical calls would share one (tokgate.query_cache).
        no_cache = Context(metadata=(("cache-control", "no-cache"),))
        calls = [
            component.servicer.GetUser(users_pb2.GetUserRequest(unique_id="sim_busy"), no_cache)
            for _ in range(3)
        ]
        answers = await asyncio.gather(*calls)
        assert all(isinstance(a, users_pb2.GetUserResponse) for a in answers)
        assert tiktok_of(component).most_running == 1
        assert component.session_stats().sessions[0].request_count == 3
    finally:
        await component.stop()


async def test_a_session_that_keeps_timing_out_is_recreated() -> None:
    FakeBrowserApi.tiktok = FakeTikTok()
    one = settings(sessions=1)
    component = UsersComponent(one, ErrorPipeline.from_settings(one), FakeBrowserApi)
    await component.start()
    try:
        await wait_for(lambda: component.session_stats().healthy_sessions == 1)
        for _ in range(3):
            detail = await failure(
                component.servicer.GetUser(
                    users_pb2.GetUserRequest(unique_id="sim_slow"), Context(0.3)
                )
            )
            assert detail.kind == errors_pb2.ERROR_KIND_TIMEOUT
        await wait_for(lambda: component.session_stats().recreations == 1)
        await wait_for(lambda: component.session_stats().healthy_sessions == 1)
    finally:
        await component.stop()


async def test_a_full_pool_is_a_session_error_when_the_deadline_comes() -> None:
    FakeBrowserApi.tiktok = FakeTikTok()
    FakeBrowserApi.tiktok.slow_seconds = 1.0
    one = settings(sessions=1, session_concurrency=1)
    component = UsersComponent(one, ErrorPipeline.from_settings(one), FakeBrowserApi)
    await component.start()
    try:
        await wait_for(lambda: component.session_stats().healthy_sessions == 1)
        busy = asyncio.create_task(
            component.servicer.GetUser(users_pb2.GetUserRequest(unique_id="sim_slow"), Context())
        )
        await wait_for(lambda: component.session_stats().sessions[0].in_flight == 1)
        detail = await failure(
            component.servicer.GetUser(users_pb2.GetUserRequest(unique_id="hana"), Context(0.3))
        )
        assert detail.kind == errors_pb2.ERROR_KIND_SESSION
        assert "s1: HEALTHY 1/1 busy" in detail.raw_error
        assert isinstance(await busy, users_pb2.GetUserResponse)
    finally:
        await component.stop()

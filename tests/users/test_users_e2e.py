"""End to end: the real TikTokApi in Debian's Chromium against the simulator, over gRPC.

One simulator and one ``tokgate serve`` (two browser sessions) for the module. Every endpoint
returns typed data; every simulator error comes back with its ErrorDetail and the gRPC code
of the kind table; the supervisor keeps answering where bare TikTokApi stops.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import os
import re
import signal
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc
import pytest
from google.protobuf import json_format
from TikTokApi import TikTokApi
from tokgate.config import Settings
from tokgate.errors.kinds import kind_info
from tokgate.testing import ServerHandle, SimulatorHandle, wait_until
from tokgate.users.browser import BrowserOptions
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, users_pb2, users_pb2_grpc
from tokgate_client import from_rpc_error

if TYPE_CHECKING:
    from tests.conftest import Failure
    from tests.users.conftest import TokgateUser

pytestmark = pytest.mark.browser

SLOW_DELAY = 3.0
DEADLINE = 15.0
K = errors_pb2.ErrorKind


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--slow-delay", str(SLOW_DELAY)]


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions", "2", "--call-deadline", "10", "--session-recreate-backoff", "0.5",
        "--retry-delay", "0.2",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def admin(server: ServerHandle) -> admin_pb2_grpc.AdminServiceStub:
    return admin_pb2_grpc.AdminServiceStub(server.channel())


@pytest.fixture(scope="module")
def users(server: ServerHandle) -> users_pb2_grpc.UserServiceStub:
    wait_until(lambda: server.session_stats().healthy_sessions == 2)
    return users_pb2_grpc.UserServiceStub(server.channel())


def route_count(simulator: SimulatorHandle, route: str) -> int:
    counters = simulator.control("GET", "counters")
    return int(counters["http_requests"].get(f"GET {route}", 0))


def test_every_endpoint_returns_typed_data(users: users_pb2_grpc.UserServiceStub) -> None:
    user = users.GetUser(users_pb2.GetUserRequest(unique_id="@alice"), timeout=DEADLINE).user
    assert (user.unique_id, user.url) == ("alice", "https://www.tiktok.com/@alice")
    assert user.id and user.sec_uid and user.nickname and user.avatar_url
    assert user.stats.follower_count > 0 and user.stats.video_count > 0

    first = users.ListUserVideos(
        users_pb2.ListUserVideosRequest(unique_id="alice", page_size=5), timeout=DEADLINE
    )
    assert len(first.videos) == 5 and first.next_page_token
    second = users.ListUserVideos(
        users_pb2.ListUserVideosRequest(
            unique_id="alice", page_size=5, page_token=first.next_page_token
        ),
        timeout=DEADLINE,
    )
    assert len(second.videos) == 5
    assert {v.id for v in first.videos}.isdisjoint({v.id for v in second.videos})
    assert first.videos[-1].create_time.seconds > second.videos[0].create_time.seconds
    video = first.videos[0]
    assert video.author.unique_id == "alice" and video.stats.play_count > 0
    assert video.url == f"https://www.tiktok.com/@alice/video/{video.id}"
    assert video.duration.seconds > 0 and video.cover_url and video.music.id

    detail = users.GetVideo(
        users_pb2.GetVideoRequest(video_id=video.id, unique_id="alice"), timeout=DEADLINE
    ).video
    assert (detail.id, detail.description) == (video.id, video.description)
    # Without the author TikTok's /@/video/ID page sends the browser on to the video's page.
    anonymous = users.GetVideo(users_pb2.GetVideoRequest(video_id=video.id), timeout=DEADLINE)
    assert (anonymous.video.id, anonymous.video.author.unique_id) == (video.id, "alice")
    # A video that does not exist (TikTok: statusCode 10204, "item doesn't exist") is NOT_FOUND,
    # and final: asking again never makes it exist.
    with pytest.raises(grpc.RpcError) as missing:
        users.GetVideo(
            users_pb2.GetVideoRequest(video_id="7000000000000000009", unique_id="alice"),
            timeout=DEADLINE,
        )
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    gone = from_rpc_error(missing.value).detail
    assert (gone.kind, gone.status_code, gone.retryable) == (K.ERROR_KIND_DATA, 10204, False)

    comments = users.ListVideoComments(
        users_pb2.ListVideoCommentsRequest(video_id=video.id, page_size=5), timeout=DEADLINE
    )
    assert len(comments.comments) == 5 and comments.next_page_token
    assert comments.comments[0].author.unique_id and comments.comments[0].create_time.seconds

    found = users.SearchUsers(users_pb2.SearchUsersRequest(query="dance"), timeout=DEADLINE)
    assert found.users and all(u.unique_id and u.sec_uid for u in found.users)

    trending = users.ListTrendingVideos(
        users_pb2.ListTrendingVideosRequest(page_size=4), timeout=DEADLINE
    )
    assert len(trending.videos) == 4 and all(v.id and v.author.unique_id for v in trending.videos)

    hashtag = users.GetHashtag(users_pb2.GetHashtagRequest(name="#fun"), timeout=DEADLINE)
    assert hashtag.hashtag.name == "fun" and hashtag.hashtag.id
    assert hashtag.hashtag.video_count > 0 and hashtag.hashtag.url.endswith("/tag/fun")
    tagged = users.ListHashtagVideos(
        users_pb2.ListHashtagVideosRequest(name="fun", page_size=5), timeout=DEADLINE
    )
    assert len(tagged.videos) == 5 and tagged.next_page_token
    more = users.ListHashtagVideos(
        users_pb2.ListHashtagVideosRequest(
            name="fun", page_size=5, page_token=tagged.next_page_token
        ),
        timeout=DEADLINE,
    )
    assert {v.id for v in tagged.videos}.isdisjoint({v.id for v in more.videos})


@pytest.mark.parametrize(
    ("name", "kind", "status_code"),
    [
        ("sim_user_not_found", K.ERROR_KIND_USER_NOT_FOUND, -1),
        ("sim_invalid_profile", K.ERROR_KIND_USER_NOT_FOUND, 10221),
        ("sim_status_minus_one", K.ERROR_KIND_TIKTOK_API, -1),
        ("sim_bot_detected", K.ERROR_KIND_BOT_DETECTION, None),
        ("sim_captcha", K.ERROR_KIND_BOT_DETECTION, None),
        ("sim_api_rate_limited", K.ERROR_KIND_RATE_LIMIT, 429),
        ("sim_forbidden", K.ERROR_KIND_AUTHENTICATION, 403),
        ("sim_invalid_json", K.ERROR_KIND_TIKTOK_API, None),
    ],
)
def test_simulator_errors_are_typed(
    users: users_pb2_grpc.UserServiceStub,
    simulator: SimulatorHandle,
    name: str,
    kind: int,
    status_code: int | None,
    *,
    failure: Failure,
) -> None:
    before = route_count(simulator, "/api/user/detail/")
    code, detail = failure(
        lambda: users.GetUser(users_pb2.GetUserRequest(unique_id=name), timeout=DEADLINE)
    )
    info = kind_info(kind)  # type: ignore[arg-type]
    assert (detail.kind, code, detail.error) == (kind, info.code, info.title)
    assert detail.retryable == info.retryable
    if status_code is None:
        assert not detail.HasField("status_code") or detail.status_code != 0
    else:
        assert detail.status_code == status_code
    assert detail.possible_causes and detail.suggestions and detail.classifier
    assert detail.metadata["unique_id"] == name
    if name == "sim_user_not_found":
        assert "userInfo: {}" in detail.raw_error
    attempts = route_count(simulator, "/api/user/detail/") - before
    # Retryable kinds went to the other session too, unless TikTok's retry_after outlasts the
    # call (the rate limit); TIKTOK_API and BOT_DETECTION waited first, and say how long.
    expected = 2 if info.retryable and kind != K.ERROR_KIND_RATE_LIMIT else 1
    assert attempts == expected
    if kind in (K.ERROR_KIND_TIKTOK_API, K.ERROR_KIND_BOT_DETECTION):
        assert 0.1 <= detail.retry_after.ToTimedelta().total_seconds() <= 0.3


def test_private_account(users: users_pb2_grpc.UserServiceStub, failure: Failure) -> None:
    profile = users.GetUser(users_pb2.GetUserRequest(unique_id="sim_private"), timeout=DEADLINE)
    assert profile.user.private_account
    code, detail = failure(
        lambda: users.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id="sim_private"), timeout=DEADLINE
        )
    )
    assert detail.kind == K.ERROR_KIND_PRIVATE_ACCOUNT
    assert code == grpc.StatusCode.PERMISSION_DENIED
    assert detail.status_code == 10222


def test_slow_answer_past_the_deadline_times_out_and_the_session_survives(
    users: users_pb2_grpc.UserServiceStub, server: ServerHandle, failure: Failure
) -> None:
    before = server.session_stats().recreations
    code, detail = failure(
        lambda: users.GetUser(users_pb2.GetUserRequest(unique_id="sim_slow"), timeout=1.5)
    )
    assert code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert detail.kind == K.ERROR_KIND_TIMEOUT
    after = server.session_stats()
    assert after.healthy_sessions == 2 and after.recreations == before
    answer = users.GetUser(users_pb2.GetUserRequest(unique_id="bob"), timeout=DEADLINE)
    assert answer.user.unique_id == "bob"


def test_invalid_arguments_never_reach_tiktok(
    users: users_pb2_grpc.UserServiceStub, simulator: SimulatorHandle, failure: Failure
) -> None:
    before = route_count(simulator, "/api/user/detail/")
    code, detail = failure(
        lambda: users.GetUser(users_pb2.GetUserRequest(unique_id="not a name"), timeout=5)
    )
    assert (code, detail.kind) == (grpc.StatusCode.INVALID_ARGUMENT, K.ERROR_KIND_INVALID_ARGUMENT)
    code, _ = failure(
        lambda: users.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id="alice", page_token="forged"), timeout=5
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert route_count(simulator, "/api/user/detail/") == before


def test_session_stats(server: ServerHandle, users: users_pb2_grpc.UserServiceStub) -> None:
    answer = server.session_stats()
    assert answer.configured_sessions == 2 and answer.healthy_sessions == 2
    assert [s.id for s in answer.sessions] == ["s1", "s2"]
    assert answer.total_requests >= 10 and answer.total_failures >= 8
    for session in answer.sessions:
        assert session.state == admin_pb2.SESSION_STATE_HEALTHY
        assert session.browser == "chromium"
        assert session.request_count > 0 and session.HasField("last_used_time")
        # The age is the time since create_time, as of the answer (the same clock here).
        age = session.age.ToTimedelta().total_seconds()
        created = session.create_time.ToDatetime(tzinfo=datetime.UTC).timestamp()
        assert age > 0 and created + age == pytest.approx(time.time(), abs=5)
        assert session.in_flight == 0
    assert any(s.last_error_kind != K.ERROR_KIND_UNSPECIFIED for s in answer.sessions)


def test_error_stats(
    admin: admin_pb2_grpc.AdminServiceStub, users: users_pb2_grpc.UserServiceStub
) -> None:
    answer = admin.GetErrorStats(admin_pb2.GetErrorStatsRequest(top_users=3), timeout=5)
    by_kind = {entry.kind: entry.count for entry in answer.by_kind}
    assert by_kind[K.ERROR_KIND_USER_NOT_FOUND] >= 2
    assert by_kind[K.ERROR_KIND_BOT_DETECTION] >= 4  # two scenarios, two sessions each
    by_code = {
        entry.status_code if entry.HasField("status_code") else None: entry.count
        for entry in answer.by_status_code
    }
    assert by_code[-1] >= 2 and by_code[10221] >= 1 and by_code[429] >= 1
    assert len(answer.top_failed_users) == 3
    counts = [user.count for user in answer.top_failed_users]
    assert counts == sorted(counts, reverse=True)
    assert answer.total == sum(by_kind.values()) == sum(by_code.values())


def test_metrics(server: ServerHandle, users: users_pb2_grpc.UserServiceStub) -> None:
    page = server.metrics()
    assert re.search(r'^tokgate_api_sessions\{state="healthy"\} 2\.0$', page, re.M)
    assert "tokgate_api_session_recreations_total" in page
    assert re.search(r'tokgate_errors_total\{[^}]*kind="user_not_found"[^}]*source="users"', page)
    assert "unique_id" not in page and "sim_user_not_found" not in page


# --- the pool's edges with real Chromium: full, hung, crashed ----------------------------------

# Calls the query cache cannot share (it shares identical GetUser/GetVideo/GetHashtag calls):
# each page size is another request, and each waits --slow-delay for the simulator.
SLOW_PAGE_SIZES = iter(range(1, 50))


def slow_search(users: users_pb2_grpc.UserServiceStub, timeout: float) -> Callable[[], Any]:
    request = users_pb2.SearchUsersRequest(query="sim_slow", page_size=next(SLOW_PAGE_SIZES))
    return lambda: users.SearchUsers(request, timeout=timeout)


def test_a_full_pool_is_a_session_error_when_the_deadline_comes(
    users: users_pb2_grpc.UserServiceStub, server: ServerHandle, failure: Failure
) -> None:
    concurrency = 2  # --session-concurrency's default, on each of the two sessions
    with ThreadPoolExecutor(2 * concurrency) as pool:
        busy = [pool.submit(slow_search(users, DEADLINE)) for _ in range(2 * concurrency)]
        wait_until(
            lambda: [s.in_flight for s in server.session_stats().sessions] == [concurrency] * 2, 10
        )
        code, detail = failure(
            lambda: users.GetUser(users_pb2.GetUserRequest(unique_id="hana"), timeout=2)
        )
        assert (code, detail.kind) == (grpc.StatusCode.UNAVAILABLE, K.ERROR_KIND_SESSION)
        assert "s1: HEALTHY 2/2 busy, s2: HEALTHY 2/2 busy" in detail.raw_error
        assert all(call.result().users for call in busy)  # the pool's calls all answer


def test_a_session_that_keeps_timing_out_is_recreated(
    users: users_pb2_grpc.UserServiceStub, server: ServerHandle, failure: Failure
) -> None:
    before = server.session_stats().recreations
    kinds = []
    # Each round times out twice on each session (the pool's four places): the third timeout
    # in a row makes a session hung, and it is recreated.
    for _ in range(3):
        if server.session_stats().recreations >= before + 2:
            break
        with ThreadPoolExecutor(4) as pool:
            calls = [pool.submit(failure, slow_search(users, 1.5)) for _ in range(4)]
            kinds += [call.result()[1].kind for call in calls]
    assert K.ERROR_KIND_TIMEOUT in kinds
    assert set(kinds) <= {K.ERROR_KIND_TIMEOUT, K.ERROR_KIND_SESSION}
    wait_until(lambda: server.session_stats().healthy_sessions == 2)
    assert server.session_stats().recreations == before + 2
    answer = users.GetUser(users_pb2.GetUserRequest(unique_id="ivan"), timeout=DEADLINE)
    assert answer.user.unique_id == "ivan"


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def chromium_mains(root: int) -> set[int]:
    """Chromium main processes (not their helpers) started under ``root``."""
    found = set()
    for pid in _descendants(root):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (
            argv
            and argv[0].endswith(b"chromium")
            and not any(arg.startswith(b"--type=") for arg in argv)
        ):
            found.add(pid)
    return found


def chromium_renderers(root: int) -> set[int]:
    """Chromium's page (renderer) processes started under ``root``."""
    found = set()
    for pid in _descendants(root):
        try:
            command_line = Path(f"/proc/{pid}/cmdline").read_bytes()  # one string, rewritten
        except OSError:
            continue
        if b"--type=renderer" in command_line:
            found.add(pid)
    return found


def kill(pids: set[int]) -> int:
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    return len(pids)


async def _bare_tiktokapi_after_a_browser_crash(
    simulator: SimulatorHandle,
) -> tuple[list[str], list[str]]:
    """What three GetUser-like calls of a bare TikTokApi get once its browser died, and the
    order in which Playwright told that the pages closed and the browser disconnected."""
    options = BrowserOptions.from_settings(Settings(tiktok_upstream=simulator.url))
    api = TikTokApi()
    others = chromium_mains(os.getpid())
    outcomes: list[str] = []
    told: list[str] = []
    try:
        await api.create_sessions(
            num_sessions=2,
            headless=True,
            executable_path=options.executable,
            override_browser_args=list(options.args),
        )
        await api.user(username="alice").info()
        api.browser.on("disconnected", lambda _: told.append("browser disconnected"))
        for session in api.sessions:
            session.page.on("close", lambda _: told.append("page closed"))
        assert kill(chromium_mains(os.getpid()) - others) == 1
        for _ in range(3):
            try:
                await asyncio.wait_for(api.user(username="alice").info(), 10)
                outcomes.append("answered")
            except Exception as exc:
                outcomes.append(f"{type(exc).__name__}: {exc} (sessions: {len(api.sessions)})")
        return outcomes, told
    finally:
        await api.close_sessions()


def test_after_the_browser_dies_bare_tiktokapi_stops_and_tokgate_answers(
    server: ServerHandle,
    simulator: SimulatorHandle,
    users: users_pb2_grpc.UserServiceStub,
) -> None:
    bare, told = asyncio.run(_bare_tiktokapi_after_a_browser_crash(simulator))
    assert "answered" not in bare and bare[-1].endswith("(sessions: 0)"), bare
    # The supervisor tells a dead browser by its sessions' closed pages: Playwright closes
    # every page before it reports the browser gone.
    assert told == ["page closed", "page closed", "browser disconnected"]

    before = server.session_stats().recreations
    assert kill(chromium_mains(server.process.pid)) == 1
    answer = users.GetUser(users_pb2.GetUserRequest(unique_id="carol"), timeout=60)
    assert answer.user.unique_id == "carol"
    wait_until(lambda: server.session_stats().healthy_sessions == 2)
    assert server.session_stats().recreations >= before + 2
    recreated = re.search(r"^tokgate_api_session_recreations_total (\d+)", server.metrics(), re.M)
    assert recreated is not None and int(recreated.group(1)) >= 2


def test_sessions_whose_pages_crashed_are_recreated_within_the_call(
    server: ServerHandle,
    users: users_pb2_grpc.UserServiceStub,
) -> None:
    """The browser lives on, but both sessions' pages crashed (their renderers killed): the
    next call finds each dead in turn, waits for a recreated one and answers."""
    before = server.session_stats().recreations
    assert kill(chromium_renderers(server.process.pid)) >= 2
    answer = users.GetUser(users_pb2.GetUserRequest(unique_id="judy"), timeout=60)
    assert answer.user.unique_id == "judy"
    wait_until(lambda: server.session_stats().healthy_sessions == 2)
    after = server.session_stats()
    assert after.recreations == before + 2
    assert all(s.last_error_kind == K.ERROR_KIND_SESSION for s in after.sessions)


def test_tokgate_user_prints_a_profile_or_the_typed_error(
    server: ServerHandle, users: users_pb2_grpc.UserServiceStub, tokgate_user: TokgateUser
) -> None:
    shown = tokgate_user("@alice")
    assert shown.returncode == 0, shown.stderr
    assert "@alice" in shown.stdout and "followers" in shown.stdout
    failed = tokgate_user("@sim_user_not_found")
    assert failed.returncode == 1
    assert "User Not Found [USER_NOT_FOUND]" in failed.stdout
    assert "Possible causes:" in failed.stdout and "Suggestions:" in failed.stdout


# --- docs/errors.md's example is this run's answer ---------------------------------------------

ERRORS_DOC = Path(__file__).parents[2] / "docs" / "errors.md"
_EXAMPLE_BLOCK = re.compile(
    r"(<!-- example: GetUser thisisnotarealuser12345 -->\n```json\n)(.*?)(```)", re.S
)


def test_the_docs_example_is_what_a_real_run_answers(
    users: users_pb2_grpc.UserServiceStub, failure: Failure
) -> None:
    """docs/errors.md shows the ErrorDetail of GetUser for the guide's user that does not exist
    as this server really answers it (the session id aside, which depends on the lease)."""
    _, detail = failure(
        lambda: users.GetUser(
            users_pb2.GetUserRequest(unique_id="@thisisnotarealuser12345"), timeout=DEADLINE
        )
    )
    detail.metadata["session_id"] = "s1"
    answer = json_format.MessageToDict(detail, preserving_proto_field_name=True)
    answer["metadata"] = dict(sorted(answer["metadata"].items()))
    shown = json.dumps(answer, indent=2)
    found = _EXAMPLE_BLOCK.search(ERRORS_DOC.read_text())
    assert found is not None, "docs/errors.md lost its example block"
    assert found.group(2) == shown + "\n", (
        f"docs/errors.md's example is out of date; it is:\n{shown}"
    )

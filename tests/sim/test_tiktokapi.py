"""The real, unmodified TikTokApi 7.3.3, driving Debian's Chromium, against the simulator.

One browser session for the whole module; Chromium reaches the simulator as www.tiktok.com
through ``--host-resolver-rules`` and accepts its certificate with
``--ignore-certificate-errors``.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from TikTokApi import TikTokApi
from TikTokApi.exceptions import EmptyResponseException
from tokgate.testing import SimulatorHandle

CHROMIUM = "/usr/lib/chromium/chromium"
pytestmark = pytest.mark.browser  # needs Debian's Chromium: `make system-deps` installs it
MS_TOKEN = "simTestToken_" + "x" * 100
REHYDRATION = '<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'


def browser_args(port: int) -> list[str]:
    return [
        "--headless=new",
        f"--host-resolver-rules=MAP www.tiktok.com 127.0.0.1:{port}",
        "--ignore-certificate-errors",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def api(simulator: SimulatorHandle) -> AsyncIterator[TikTokApi]:
    tiktok = TikTokApi(logging_level=logging.CRITICAL)
    try:
        await tiktok.create_sessions(
            num_sessions=1,
            ms_tokens=[MS_TOKEN],
            sleep_after=0,
            headless=False,  # --headless=new is in the arguments
            executable_path=CHROMIUM,
            override_browser_args=browser_args(simulator.port),
        )
        yield tiktok
    finally:
        await tiktok.close_sessions()


async def test_session_is_created_from_the_simulated_page(api: TikTokApi) -> None:
    session = api.sessions[0]
    assert session.headers, "the page made a request after load"
    assert "tiktok" in session.page.url
    cookies = await api.get_session_cookies(session)
    assert cookies["msToken"] == MS_TOKEN


async def test_user_and_two_pages_of_videos_and_comments(
    api: TikTokApi, simulator: SimulatorHandle
) -> None:
    user = api.user(username="sim_fan_club")
    info = await user.info()
    assert info["statusCode"] == 0
    assert info["userInfo"]["user"]["uniqueId"] == "sim_fan_club"
    assert user.sec_uid and user.user_id
    videos = [video async for video in user.videos(count=35)]
    assert len(videos) >= 35  # whole pages of 30
    assert len({video.id for video in videos}) == len(videos)
    assert all(video.author.username == "sim_fan_club" for video in videos)
    counters = simulator.control("GET", "counters")
    assert counters["http_requests"]["GET /api/post/item_list/"] >= 2, "two pages"
    comments = [comment async for comment in videos[0].comments(count=25)]
    assert len(comments) >= 25
    assert comments[0].text and comments[0].author.username


async def test_search_trending_and_hashtag(api: TikTokApi) -> None:
    users = [user async for user in api.search.users("dance", count=12)]
    assert len(users) >= 12
    assert users[0].username == "dance"
    trending = [video async for video in api.trending.videos(count=10)]
    assert len(trending) == 10
    hashtag = api.hashtag(name="funny")
    info = await hashtag.info()
    assert info["challengeInfo"]["challenge"]["title"] == "funny"
    assert hashtag.id
    videos = [video async for video in hashtag.videos(count=35)]
    assert len(videos) >= 35
    assert all(tag.name == "funny" for video in videos for tag in video.hashtags)


async def test_video_page_through_the_browser(api: TikTokApi) -> None:
    user = api.user(username="sim_fan_club")
    video = await anext(aiter(user.videos(count=1)))
    html = await api.run_fetch_script(
        f"https://www.tiktok.com/@sim_fan_club/video/{video.id}", headers={}
    )
    start = html.index(REHYDRATION) + len(REHYDRATION)
    data = json.loads(html[start : html.index("</script>", start)])
    item = data["__DEFAULT_SCOPE__"]["webapp.video-detail"]["itemInfo"]["itemStruct"]
    assert api.video(data=item).id == video.id


@pytest.mark.parametrize(
    ("unique_id", "error", "message"),
    [
        ("sim_user_not_found", KeyError, "'user'"),
        # The error-handling guide's own example of a user that does not exist.
        ("thisisnotarealuser12345", KeyError, "'user'"),
        ("sim_invalid_profile", KeyError, "'user'"),
        ("sim_status_minus_one", KeyError, "'id'"),
        ("sim_bot_detected", EmptyResponseException, "empty response"),
        ("sim_captcha", KeyError, "'id'"),
        ("sim_api_rate_limited", KeyError, "'id'"),
        ("sim_forbidden", KeyError, "'id'"),
        ("sim_invalid_json", TypeError, "raw_response"),
    ],
)
async def test_user_info_fails_as_against_tiktok(
    api: TikTokApi, unique_id: str, error: type[BaseException], message: str
) -> None:
    with pytest.raises(error) as raised:
        await api.user(username=unique_id).info()
    assert type(raised.value) is error
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "unique_id",
    ["sim_user_not_found", "sim_status_minus_one", "sim_api_rate_limited", "sim_private"],
)
async def test_failed_lists_look_like_empty_successes(api: TikTokApi, unique_id: str) -> None:
    """TikTokApi reads no statusCode on lists: a refused page yields nothing."""
    from tokgate.sim.state import sec_uid_of

    user = api.user(username=unique_id, sec_uid=sec_uid_of(unique_id), user_id="1")
    assert [video async for video in user.videos(count=5)] == []


async def test_a_private_liked_list_looks_like_an_empty_success(api: TikTokApi) -> None:
    from tokgate.sim.state import sec_uid_of

    name = "sim_private_likes"
    user = api.user(username=name, sec_uid=sec_uid_of(name), user_id="1")
    assert [video async for video in user.liked(count=5)] == []
    assert [video async for video in user.videos(count=1)] != []


async def test_private_profile_answers(api: TikTokApi) -> None:
    info = await api.user(username="sim_private").info()
    assert info["userInfo"]["user"]["privateAccount"] is True


async def test_scenario_names_also_select_hashtags_and_searches(api: TikTokApi) -> None:
    with pytest.raises(EmptyResponseException):
        await api.hashtag(name="sim_bot_detected").info()
    assert [user async for user in api.search.users("sim_captcha", count=5)] == []


async def test_slow_answers_late(api: TikTokApi) -> None:
    started = time.monotonic()
    info = await api.user(username="sim_slow").info()
    assert info["userInfo"]["user"]["uniqueId"] == "sim_slow"
    assert time.monotonic() - started >= 0.5  # --slow-delay 0.5


async def test_refused_ms_token(api: TikTokApi, simulator: SimulatorHandle) -> None:
    async with httpx.AsyncClient(verify=simulator.ssl_context()) as client:
        refuse = await client.post(
            f"{simulator.url}/_sim/ms_tokens/refuse", json={"tokens": [MS_TOKEN]}
        )
        refuse.raise_for_status()
        try:
            with pytest.raises(KeyError, match="'id'"):
                await api.user(username="sim_fan_club").info()
        finally:
            accept = await client.post(
                f"{simulator.url}/_sim/ms_tokens/accept", json={"tokens": [MS_TOKEN]}
            )
            accept.raise_for_status()
    assert simulator.control("GET", "counters")["refused_ms_token_requests"] >= 1
    assert (await api.user(username="sim_fan_club").info())["statusCode"] == 0

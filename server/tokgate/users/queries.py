"""The TikTok requests behind each RPC, each one bounded: one upstream page per call.

They run inside a supervised call (a session bound, a deadline set) and use TikTokApi's own
request logic (``make_request``: session parameters, msToken, X-Bogus signing, the in-page
fetch). The library's list iterators are not used: they loop ``while found < count`` (for
``related_videos`` forever when fewer items come back) and hide TikTok's cursor, which a
paged RPC must hand back.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.tiktok_body import check_answer, evidence, status_msg
from tokgate.users.browser import TIKTOK_URL
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.users.video_page import video_detail_of

Json = dict[str, Any]

VIDEO_PAGE = "video_page"
# Where the endless trending feed stops offering a next page.
TRENDING_PAGES = 50


@dataclass(frozen=True)
class Page:
    """One upstream page: its items and where the next one starts (None: the last page)."""

    items: list[Json]
    next_cursor: int | None
    search_id: str = ""


def _list(body: Json, key: str) -> list[Json]:
    items = body.get(key)
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _next(body: Json, has_more_key: str, cursor: int, fetched: int) -> int | None:
    """The next cursor, or None when TikTok says there is no more (or gives no cursor)."""
    if not body.get(has_more_key):
        return None
    raw = body.get("cursor")
    try:
        value = int(raw) if raw is not None else cursor + fetched
    except (TypeError, ValueError):
        return None
    return value if value != cursor or fetched else None


def _offset_page(body: Json, key: str, has_more_key: str, cursor: int, count: int) -> Page:
    """A page of an offset-cursor list (comments, search); a longer answer than asked for is
    cut, and the next page starts right after the last item kept."""
    items = _list(body, key)
    if len(items) > count:
        return Page(items[:count], cursor + count)
    return Page(items, _next(body, has_more_key, cursor, len(items)))


def _time_page(body: Json, cursor: int, count: int) -> Page:
    """A page of a time-cursor item list (a user's videos: the cursor is the createTime, in
    ms, below which the next page starts); a longer answer than asked for is cut there."""
    items = _list(body, "itemList")
    if len(items) > count:
        last = items[count - 1].get("createTime")
        if isinstance(last, int | str) and str(last).isdigit():
            return Page(items[:count], int(last) * 1000)
        items = items[:count]
    return Page(items, _next(body, "hasMore", cursor, len(items)))


async def _get(api: SupervisedTikTokApi, path: str, params: Json) -> Json:
    body = await api.make_request(url=f"{TIKTOK_URL}{path}", params=params, retries=1)
    return body if isinstance(body, dict) else {}


async def user_detail(api: SupervisedTikTokApi, unique_id: str) -> Json:
    """``/api/user/detail/`` through TikTokApi's ``User.info``."""
    body: Json = await api.user(username=unique_id).info()
    return body


async def user_videos(api: SupervisedTikTokApi, sec_uid: str, cursor: int, count: int) -> Page:
    body = await _get(
        api, "/api/post/item_list/", {"secUid": sec_uid, "count": count, "cursor": cursor}
    )
    return _time_page(body, cursor, count)


async def video_comments(api: SupervisedTikTokApi, video_id: str, cursor: int, count: int) -> Page:
    body = await _get(
        api, "/api/comment/list/", {"aweme_id": video_id, "count": count, "cursor": cursor}
    )
    return _offset_page(body, "comments", "has_more", cursor, count)


async def search_users(
    api: SupervisedTikTokApi, query: str, cursor: int, count: int, search_id: str
) -> Page:
    params: Json = {"keyword": query, "cursor": cursor, "count": count, "from_page": "search"}
    if search_id:
        params["search_id"] = search_id
    body = await _get(api, "/api/search/user/full/", params)
    page = _offset_page(body, "user_list", "has_more", cursor, count)
    return Page(page.items, page.next_cursor, str(body.get("rid") or ""))


async def trending_videos(api: SupervisedTikTokApi, page: int, count: int) -> Page:
    """The recommended feed has no cursor and never ends (``hasMore`` is always true): each
    page is a fresh batch; ``page`` counts them, up to ``TRENDING_PAGES``."""
    body = await _get(api, "/api/recommend/item_list/", {"from_page": "fyp", "count": count})
    items = _list(body, "itemList")
    more = bool(body.get("hasMore")) and bool(items) and page + 1 < TRENDING_PAGES
    return Page(items[:count], page + 1 if more else None)


async def hashtag_detail(api: SupervisedTikTokApi, name: str) -> Json:
    """``/api/challenge/detail/`` through TikTokApi's ``Hashtag.info``."""
    body: Json = await api.hashtag(name=name).info()
    return body


async def hashtag_videos(
    api: SupervisedTikTokApi, challenge_id: str, cursor: int, count: int
) -> Page:
    body = await _get(
        api,
        "/api/challenge/item_list/",
        {"challengeID": challenge_id, "count": count, "cursor": cursor},
    )
    return _offset_page(body, "itemList", "hasMore", cursor, count)


async def video_detail(api: SupervisedTikTokApi, video_id: str, unique_id: str) -> Json:
    """The video page, fetched inside the browser (TikTokApi's ``Video.info`` uses blocking
    ``requests`` with no timeout, outside the browser and its host mapping)."""
    url = f"{TIKTOK_URL}/@{unique_id}/video/{video_id}"
    page = await api.fetch_in_page(url, None)
    # A real video page is about a megabyte: parse it off the event loop.
    detail = await asyncio.to_thread(video_detail_of, page.body, video_id)
    data = json.dumps(detail) if detail is not None else page.body
    found = check_answer(
        detail,
        page.http_status,
        VIDEO_PAGE,
        data,
        code_required=False,  # the page leaves it out when all is well
        why="the video page holds no video data",
    )
    item = _obj(_obj(found.get("itemInfo")).get("itemStruct"))
    if not item:  # statusCode 0 without the video: TikTok has no data for it
        raise UpstreamStatusError(
            0, evidence(data), VIDEO_PAGE, page.http_status, status_msg(found)
        )
    return item


def _obj(value: Any) -> Json:
    return value if isinstance(value, dict) else {}

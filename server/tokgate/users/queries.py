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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.tiktok_body import check_answer, evidence, status_msg
from tokgate.users.browser import TIKTOK_URL
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.users.video_page import user_detail_of, video_detail_of

Json = dict[str, Any]

VIDEO_PAGE = "video_page"
PROFILE_PAGE = "profile_page"
# Where the endless trending feed stops offering a next page.
TRENDING_PAGES = 50
# Where a video's related feed stops: TikTok's web shows a few batches, then repeats itself.
RELATED_PAGES = 5


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


# Comment lists' keys (snake_case, as the comment rows).
_COMMENTS = {"key": "comments", "has_more_key": "has_more"}


async def _offset_list(
    api: SupervisedTikTokApi,
    path: str,
    params: Json,
    page: tuple[int, int],
    *,
    key: str = "itemList",
    has_more_key: str = "hasMore",
) -> Page:
    """One ``page`` (cursor, count) of the offset-cursor list at ``path``."""
    cursor, count = page
    body = await _get(api, path, {**params, "count": count, "cursor": cursor})
    return _offset_page(body, key, has_more_key, cursor, count)


async def user_detail(api: SupervisedTikTokApi, unique_id: str) -> Json:
    """``/api/user/detail/`` through TikTokApi's ``User.info``."""
    body: Json = await api.user(username=unique_id).info()
    return body


async def user_detail_by_sec_uid(api: SupervisedTikTokApi, sec_uid: str) -> Json:
    """``/api/user/detail/`` by secUid, with the parameters ``User.info`` sends (which itself
    insists on a username)."""
    return await _get(api, "/api/user/detail/", {"secUid": sec_uid, "uniqueId": ""})


async def user_detail_by_id(api: SupervisedTikTokApi, user_id: str) -> Json:
    """The profile page behind TikTok's share link ``/share/user/ID``, which redirects to
    ``/@name`` (the browser follows it): TikTokApi has no request by numeric id, and TikTok's
    API takes a username or a secUid. Its user-detail scope has ``/api/user/detail/``'s
    shape and codes."""
    url = f"{TIKTOK_URL}/share/user/{user_id}"
    found = await _page_data(api, url, user_detail_of, PROFILE_PAGE, ("userInfo", "user"))
    return dict(found)


async def user_videos(api: SupervisedTikTokApi, sec_uid: str, cursor: int, count: int) -> Page:
    body = await _get(
        api, "/api/post/item_list/", {"secUid": sec_uid, "count": count, "cursor": cursor}
    )
    return _time_page(body, cursor, count)


async def user_liked_videos(
    api: SupervisedTikTokApi, sec_uid: str, cursor: int, count: int
) -> Page:
    """``/api/favorite/item_list`` (``User.liked``)."""
    return await _offset_list(api, "/api/favorite/item_list", {"secUid": sec_uid}, (cursor, count))


async def user_playlists(api: SupervisedTikTokApi, sec_uid: str, cursor: int, count: int) -> Page:
    """``/api/user/playlist`` (``User.playlists``)."""
    params = {"secUid": sec_uid}
    return await _offset_list(api, "/api/user/playlist", params, (cursor, count), key="playList")


async def playlist_videos(
    api: SupervisedTikTokApi, playlist_id: str, cursor: int, count: int
) -> Page:
    """``/api/mix/item_list/`` (``Playlist.videos``)."""
    return await _offset_list(api, "/api/mix/item_list/", {"mixId": playlist_id}, (cursor, count))


async def video_comments(api: SupervisedTikTokApi, video_id: str, cursor: int, count: int) -> Page:
    params = {"aweme_id": video_id}
    page = (cursor, count)
    return await _offset_list(api, "/api/comment/list/", params, page, **_COMMENTS)


async def comment_replies(
    api: SupervisedTikTokApi, video_id: str, comment_id: str, cursor: int, count: int
) -> Page:
    """``/api/comment/list/reply/`` (``Comment.replies``, which sends the comment author's id
    as ``item_id``; TikTok's web sends the video's, as here)."""
    params = {"item_id": video_id, "comment_id": comment_id}
    page = (cursor, count)
    return await _offset_list(api, "/api/comment/list/reply/", params, page, **_COMMENTS)


async def search_users(
    api: SupervisedTikTokApi, query: str, cursor: int, count: int, search_id: str
) -> Page:
    params: Json = {"keyword": query, "cursor": cursor, "count": count, "from_page": "search"}
    if search_id:
        params["search_id"] = search_id
    body = await _get(api, "/api/search/user/full/", params)
    page = _offset_page(body, "user_list", "has_more", cursor, count)
    return Page(page.items, page.next_cursor, str(body.get("rid") or ""))


def _batch_page(body: Json, page: int, count: int, pages: int) -> Page:
    """A page of a feed with no cursor (each page a fresh batch): ``page`` counts them, up
    to ``pages``."""
    items = _list(body, "itemList")
    more = bool(body.get("hasMore", True)) and bool(items) and page + 1 < pages
    return Page(items[:count], page + 1 if more else None)


async def trending_videos(api: SupervisedTikTokApi, page: int, count: int) -> Page:
    """The recommended feed never ends (``hasMore`` is always true)."""
    body = await _get(api, "/api/recommend/item_list/", {"from_page": "fyp", "count": count})
    return _batch_page(body, page, count, TRENDING_PAGES)


async def related_videos(api: SupervisedTikTokApi, video_id: str, page: int, count: int) -> Page:
    """``/api/related/item_list/`` (``Video.related_videos``, which loops forever when fewer
    come back): TikTok recommends afresh each time, without a cursor."""
    body = await _get(api, "/api/related/item_list/", {"itemID": video_id, "count": count})
    return _batch_page(body, page, count, RELATED_PAGES)


async def hashtag_detail(api: SupervisedTikTokApi, name: str) -> Json:
    """``/api/challenge/detail/`` through TikTokApi's ``Hashtag.info``."""
    body: Json = await api.hashtag(name=name).info()
    return body


async def hashtag_videos(
    api: SupervisedTikTokApi, challenge_id: str, cursor: int, count: int
) -> Page:
    params = {"challengeID": challenge_id}
    return await _offset_list(api, "/api/challenge/item_list/", params, (cursor, count))


async def sound_detail(api: SupervisedTikTokApi, sound_id: str) -> Json:
    """``/api/music/detail/`` with ``Sound.info``'s parameters (not ``Sound.info`` itself: it
    logs an ERROR line, body included, for a sound TikTok does not know, a caller-side
    outcome). An answer without the sound (code 0, no music: what the simulator answers for
    an unknown id) is a DATA error, as a video page without its video is."""
    body = await _get(api, "/api/music/detail/", {"musicId": sound_id})
    if not _obj(_obj(body.get("musicInfo")).get("music")):
        raise UpstreamStatusError(
            0, evidence(json.dumps(body)), "music_detail", status_msg="no sound with this id"
        )
    return body


async def sound_videos(api: SupervisedTikTokApi, sound_id: str, cursor: int, count: int) -> Page:
    """``/api/music/item_list/`` (``Sound.videos``)."""
    return await _offset_list(api, "/api/music/item_list/", {"musicID": sound_id}, (cursor, count))


async def video_detail(api: SupervisedTikTokApi, video_id: str, unique_id: str) -> Json:
    """The video page, fetched inside the browser (TikTokApi's ``Video.info`` uses blocking
    ``requests`` with no timeout, outside the browser and its host mapping)."""
    return await video_page(api, f"{TIKTOK_URL}/@{unique_id}/video/{video_id}", video_id)


async def video_page(api: SupervisedTikTokApi, url: str, video_id: str = "") -> Json:
    """The ``itemStruct`` of the video page at ``url``, redirects followed by the browser (a
    short link's page is the video's); ``video_id`` finds it in an older SIGI_STATE page."""
    item_path = ("itemInfo", "itemStruct")
    found = await _page_data(
        api, url, lambda html: video_detail_of(html, video_id), VIDEO_PAGE, item_path
    )
    return _obj(_obj(found.get("itemInfo")).get("itemStruct"))


async def _page_data(
    api: SupervisedTikTokApi,
    url: str,
    parse: Callable[[str], dict[str, Any] | None],
    operation: str,
    needed: tuple[str, str],
) -> Mapping[str, Any]:
    """The data a TikTok page at ``url`` embeds (``parse`` finds it), checked as an API
    answer; statusCode 0 without ``needed`` (an object in an object) means TikTok has no
    data for it."""
    page = await api.fetch_in_page(url, None)
    # A real page is about a megabyte: parse it off the event loop.
    detail = await asyncio.to_thread(parse, page.body)
    data = json.dumps(detail) if detail is not None else page.body
    found = check_answer(
        detail,
        page.http_status,
        operation,
        data,
        code_required=False,  # a page leaves it out when all is well
        why=f"the {operation.replace('_', ' ')} holds no data",
    )
    outer, inner = needed
    if not _obj(_obj(found.get(outer)).get(inner)):
        raise UpstreamStatusError(0, evidence(data), operation, page.http_status, status_msg(found))
    return found


def _obj(value: Any) -> Json:
    return value if isinstance(value, dict) else {}

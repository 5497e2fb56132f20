"""The TikTok web pages and ``/api/*`` JSON that TikTokApi drives through Chromium.

Every page defines ``window.byted_acrawler.frontierSign`` (TikTokApi signs URLs with it), sets an
``msToken`` cookie when the browser has none, and makes one request after load (TikTokApi takes
its session's headers from the first request it sees). The JSON routes answer in the shapes
TikTokApi 7.3.3 reads (``TikTokApi/api/*.py``); the API faults of the scenario table apply to
the user (or hashtag, or search keyword) a request is about.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from typing import Any

from aiohttp import web

from tokgate.sim import profiles
from tokgate.sim.paging import (
    COMMENT_PAGE,
    COMMENT_PAGE_LIMIT,
    PAGE_SIZE_LIMIT,
    VIDEO_PAGE,
    OffsetPage,
    query_int,
)
from tokgate.sim.scenarios import ApiFault, is_valid_username, scenario_for
from tokgate.sim.state import SimState, unique_id_of_sec_uid, user_id_of

TRENDING_AUTHORS = ("sim_creator", "daily_dance", "chef_nina", "travel.tom", "petsofsim")
PRIVATE_ACCOUNT_CODE = 10222
LIKED_ROUTE = "/api/favorite/item_list"
# The lists a private account refuses.
PRIVATE_LISTS = frozenset({"/api/post/item_list/", LIKED_ROUTE, "/api/user/playlist"})
LIKED_TOTAL = 33
SOUND_VIDEOS = 40
HASHTAG_VIDEOS = 45
VIDEO_NOT_FOUND = {"statusCode": 10204, "statusMsg": "item doesn't exist"}

_PAGE_SCRIPT = """
<script>
(function () {
  function hash(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0).toString(16);
  }
  window.byted_acrawler = {
    init: function () {},
    frontierSign: function (url) { return {"X-Bogus": "DFSzsim" + hash(String(url))}; }
  };
  // Like TikTok's own pages, keep requesting for a while after load: TikTokApi takes its
  // session headers from the first request it sees after page.goto() returns.
  window.addEventListener("load", function () {
    var pings = 0;
    var timer = setInterval(function () {
      fetch("/api/ping/?aid=1988", {credentials: "include"}).catch(function () {});
      if (++pings >= 8) { clearInterval(timer); }
    }, 250);
  });
})();
</script>
"""


def _log_pb() -> dict[str, Any]:
    return {"impr_id": f"{int(time.time() * 1e6):x}sim"}


def _ok(body: dict[str, Any]) -> dict[str, Any]:
    return {
        **body,
        "extra": {"now": int(time.time() * 1000)},
        "log_pb": _log_pb(),
        "statusCode": 0,
        "status_code": 0,
        "status_msg": "",
    }


def _page(title: str, data_id: str = "", data: dict[str, Any] | None = None) -> str:
    script = ""
    if data is not None:
        payload = json.dumps(data).replace("</", "<\\/")
        script = f'<script id="{data_id}" type="application/json">{payload}</script>'
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"{_PAGE_SCRIPT}</head><body><div id='app'>{title}</div>{script}</body></html>"
    )


def fault_response(fault: ApiFault, route: str) -> web.Response | None:
    """What TikTok answers for ``fault`` on the ``/api/`` path ``route`` (None: answer
    normally)."""
    user_detail = route == "/api/user/detail/"
    if fault is ApiFault.USER_NOT_FOUND:
        body: dict[str, Any] = {"statusCode": -1, "statusMsg": "", "log_pb": _log_pb()}
        return web.json_response({**body, "userInfo": {}} if user_detail else body)
    if fault is ApiFault.INVALID_PROFILE:
        body = {"statusCode": 10221, "statusMsg": "", "log_pb": _log_pb()}
        return web.json_response({**body, "userInfo": {}} if user_detail else body)
    if fault is ApiFault.STATUS_MINUS_ONE:
        return web.json_response({"statusCode": -1, "statusMsg": "", "log_pb": _log_pb()})
    if fault is ApiFault.EMPTY_BODY:
        return web.Response(status=200, body=b"", content_type="application/json")
    if fault is ApiFault.CAPTCHA:
        return web.json_response(
            {
                "code": "10000",
                "from": "",
                "type": "verify",
                "version": "",
                "region": "va",
                "subtype": "slide",
                "detail": "sim-captcha-" + secrets.token_hex(8),
                "verify_event": "",
                "fp": "verify_sim",
            }
        )
    if fault is ApiFault.RATE_LIMITED:
        return web.json_response(
            {"statusCode": 429, "statusMsg": "Too many requests"},
            status=429,
            headers={"Retry-After": "30"},
        )
    if fault is ApiFault.FORBIDDEN:
        return web.json_response({"statusCode": 403, "statusMsg": "Forbidden"}, status=403)
    if fault is ApiFault.INVALID_JSON:
        return web.Response(
            status=200,
            text='{"statusCode": 0, "userInfo": {"user": {"id": "',
            content_type="application/json",
        )
    refused = (fault is ApiFault.PRIVATE and route in PRIVATE_LISTS) or (
        fault is ApiFault.PRIVATE_LIKES and route == LIKED_ROUTE
    )
    if refused:
        return web.json_response(
            {
                "statusCode": PRIVATE_ACCOUNT_CODE,
                "statusMsg": "author_secret",
                "hasMore": False,
                "log_pb": _log_pb(),
            }
        )
    return None


class WebRoutes:
    """TikTok's web pages and JSON API."""

    def __init__(self, state: SimState) -> None:
        self._state = state

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/", self.home),
            web.get("/foryou", self.home),
            web.get("/explore", self.home),
            web.get("/@{unique_id}", self.profile_page),
            web.get("/@{unique_id}/video/{video_id}", self.video_page),
            web.get("/@/video/{video_id}", self.video_page_without_author),
            web.get("/t/{code}/", self.short_link),
            web.get("/share/user/{user_id}", self.share_user),
            web.get("/api/ping/", self.ping),
            web.get("/api/user/detail/", self.user_detail),
            web.get("/api/post/item_list/", self.user_videos),
            web.get("/api/comment/list/", self.comments),
            web.get("/api/comment/list/reply/", self.replies),
            web.get("/api/search/{kind}/full/", self.search),
            web.get("/api/recommend/item_list/", self.trending),
            web.get("/api/related/item_list/", self.trending),
            web.get("/api/challenge/detail/", self.hashtag_detail),
            web.get("/api/challenge/item_list/", self.hashtag_videos),
            web.get(LIKED_ROUTE, self.liked_videos),
            web.get("/api/user/playlist", self.playlists),
            web.get("/api/mix/item_list/", self.playlist_videos),
            web.get("/api/music/detail/", self.sound_detail),
            web.get("/api/music/item_list/", self.sound_videos),
        ]

    # --- pages -------------------------------------------------------------------------

    def _with_ms_token(self, request: web.Request, response: web.Response) -> web.Response:
        if "msToken" not in request.cookies:
            token = secrets.token_urlsafe(96)
            response.set_cookie("msToken", token, path="/", secure=True, samesite="None")
        return response

    async def home(self, request: web.Request) -> web.Response:
        return self._with_ms_token(
            request, web.Response(text=_page("TikTok - Make Your Day"), content_type="text/html")
        )

    async def share_user(self, request: web.Request) -> web.Response:
        """``/share/user/ID`` sends the browser on to the profile of a user the simulator has
        served; for any other id it answers the profile page of no user (10221)."""
        unique_id = self._state.users_by_id.get(request.match_info["user_id"])
        if unique_id is not None:
            raise web.HTTPFound(f"/@{unique_id}")
        return self._profile_page(request, "")

    async def profile_page(self, request: web.Request) -> web.Response:
        return self._profile_page(request, request.match_info["unique_id"])

    def _profile_page(self, request: web.Request, unique_id: str) -> web.Response:
        scope: dict[str, Any] = {}
        if is_valid_username(unique_id):
            scope["webapp.user-detail"] = {
                "statusCode": 0,
                "userInfo": {
                    "user": profiles.user_struct(unique_id),
                    "stats": profiles.user_stats(unique_id),
                },
            }
        else:
            scope["webapp.user-detail"] = {"statusCode": 10221, "userInfo": {}}
        data = {"__DEFAULT_SCOPE__": scope}
        return self._with_ms_token(
            request,
            web.Response(
                text=_page(f"@{unique_id} | TikTok", "__UNIVERSAL_DATA_FOR_REHYDRATION__", data),
                content_type="text/html",
            ),
        )

    async def video_page_without_author(self, request: web.Request) -> web.Response:
        """TikTok sends ``/@/video/ID`` on to the video's own page, when it knows the video."""
        video_id = request.match_info["video_id"]
        owner = self._state.video_owners.get(video_id)
        if owner is not None:
            raise web.HTTPFound(f"/@{owner}/video/{video_id}")
        return self._video_page(request, "", video_id)

    async def short_link(self, request: web.Request) -> web.Response:
        """``/t/CODE/`` sends the browser on to the video's page, as TikTok's short links do."""
        video_id = profiles.video_of_share_code(request.match_info["code"]) or "0"
        owner = self._state.video_owners.get(video_id, "")
        raise web.HTTPFound(f"/@{owner}/video/{video_id}")

    async def video_page(self, request: web.Request) -> web.Response:
        return self._video_page(
            request, request.match_info["unique_id"], request.match_info["video_id"]
        )

    def _video_page(self, request: web.Request, unique_id: str, video_id: str) -> web.Response:
        item = self._find_video(unique_id, video_id)
        scenario = scenario_for(unique_id)
        if scenario is not None and scenario.api_fault is ApiFault.DELETED_VIDEOS:
            item = None
        detail: dict[str, Any] = (
            {"statusCode": 0, "itemInfo": {"itemStruct": item}} if item else VIDEO_NOT_FOUND
        )
        data = {"__DEFAULT_SCOPE__": {"webapp.video-detail": detail}}
        return self._with_ms_token(
            request,
            web.Response(
                text=_page(
                    f"Video by @{unique_id} | TikTok", "__UNIVERSAL_DATA_FOR_REHYDRATION__", data
                ),
                content_type="text/html",
            ),
        )

    def _find_video(self, unique_id: str, video_id: str) -> dict[str, Any] | None:
        if not is_valid_username(unique_id):
            return None
        for index in range(profiles.video_count(unique_id)):
            if profiles.video_id(unique_id, index) == video_id:
                return self._video(unique_id, index)
        return None

    # --- JSON --------------------------------------------------------------------------

    def _video(self, unique_id: str, index: int) -> dict[str, Any]:
        item = profiles.video_struct(unique_id, index)
        self._state.video_owners[item["id"]] = unique_id.lower()
        self._state.users_by_id[item["author"]["id"]] = unique_id.lower()
        self._state.sounds_by_id[item["music"]["id"]] = item["music"]
        for challenge in item["challenges"]:
            self._state.hashtags_by_id[challenge["id"]] = challenge["title"]
        return item

    async def ping(self, request: web.Request) -> web.Response:
        return web.json_response(_ok({}))

    async def user_detail(self, request: web.Request) -> web.Response:
        """By ``uniqueId``, or by ``secUid`` alone; an impossible name is 10221."""
        unique_id = (
            request.query.get("uniqueId")
            or unique_id_of_sec_uid(request.query.get("secUid", ""))
            or ""
        )
        if not is_valid_username(unique_id):
            return web.json_response(
                {"statusCode": 10221, "statusMsg": "", "userInfo": {}, "log_pb": _log_pb()}
            )
        scenario = scenario_for(unique_id)
        private = scenario is not None and scenario.api_fault is ApiFault.PRIVATE
        self._state.users_by_id[str(user_id_of(unique_id))] = unique_id.lower()
        return web.json_response(
            _ok(
                {
                    "userInfo": {
                        "user": profiles.user_struct(unique_id, private=private),
                        "stats": profiles.user_stats(unique_id),
                    }
                }
            )
        )

    async def user_videos(self, request: web.Request) -> web.Response:
        """Newest first; ``cursor`` is the createTime (ms) below which the page starts."""
        unique_id = unique_id_of_sec_uid(request.query.get("secUid", ""))
        if unique_id is None or not is_valid_username(unique_id):
            return web.json_response(_ok({"itemList": [], "hasMore": False, "cursor": "0"}))
        count = query_int(request.query.get("count"), VIDEO_PAGE, 1, PAGE_SIZE_LIMIT)
        cursor = query_int(request.query.get("cursor"), 0, 0, 1 << 62)
        videos = [self._video(unique_id, index) for index in range(profiles.video_count(unique_id))]
        if cursor:
            videos = [video for video in videos if video["createTime"] * 1000 < cursor]
        page, rest = videos[:count], videos[count:]
        next_cursor = str(page[-1]["createTime"] * 1000) if page else "0"
        return web.json_response(
            _ok({"itemList": page, "hasMore": bool(rest), "cursor": next_cursor})
        )

    async def comments(self, request: web.Request) -> web.Response:
        video = request.query.get("aweme_id", "")
        if not video.isdigit():
            return web.json_response(_ok({"comments": [], "has_more": 0, "cursor": 0, "total": 0}))
        page = _comment_page(request, profiles.comment_total(video))
        rows = [profiles.comment_struct(video, index) for index in page.indexes]
        return web.json_response(_ok(page.comment_list(rows)))

    async def replies(self, request: web.Request) -> web.Response:
        """The replies of comment ``comment_id`` on video ``item_id`` (as many as the comment's
        ``reply_comment_total``); none for a comment the video does not have."""
        video, comment = request.query.get("item_id", ""), request.query.get("comment_id", "")
        total = 0
        if video.isdigit():
            for index in range(profiles.comment_total(video)):
                row = profiles.comment_struct(video, index)
                if row["cid"] == comment:
                    total = row["reply_comment_total"]
        page = _comment_page(request, total)
        rows = [
            {**profiles.comment_struct(comment, index), "aweme_id": video, "reply_id": comment}
            for index in page.indexes
        ]
        return web.json_response(_ok(page.comment_list(rows)))

    async def liked_videos(self, request: web.Request) -> web.Response:
        """Videos of the trending authors, ``LIKED_TOTAL`` of them, offset cursor."""
        unique_id = unique_id_of_sec_uid(request.query.get("secUid", ""))
        total = LIKED_TOTAL if unique_id is not None and is_valid_username(unique_id) else 0
        page = OffsetPage.of(request.query, total)
        items = [self._trending_video(index) for index in page.indexes]
        return web.json_response(_ok(page.item_list(items)))

    async def playlists(self, request: web.Request) -> web.Response:
        unique_id = unique_id_of_sec_uid(request.query.get("secUid", "")) or ""
        known = is_valid_username(unique_id)
        count = profiles.PLAYLISTS_PER_USER if known else 0
        rows = [profiles.playlist_struct(unique_id, index) for index in range(count)]
        for index, row in enumerate(rows):
            self._state.playlist_places[row["id"]] = (unique_id.lower(), index)
        return web.json_response(_ok({"playList": rows, "hasMore": False, "cursor": str(count)}))

    async def playlist_videos(self, request: web.Request) -> web.Response:
        """A playlist's videos: its owner's, ``VIDEOS_PER_PLAYLIST`` from its place on."""
        owner, place = self._state.playlist_places.get(request.query.get("mixId", ""), ("", -1))
        total = profiles.VIDEOS_PER_PLAYLIST if owner else 0
        first = place * profiles.VIDEOS_PER_PLAYLIST
        page = OffsetPage.of(request.query, total)
        items = [self._video(owner, first + index) for index in page.indexes]
        return web.json_response(_ok(page.item_list(items)))

    async def sound_detail(self, request: web.Request) -> web.Response:
        """A sound the simulator served in a video; any other id: code 0 without music."""
        music = self._state.sounds_by_id.get(request.query.get("musicId", ""))
        if music is None:
            return web.json_response(_ok({"musicInfo": {}}))
        info = {
            "music": music,
            "author": profiles.user_struct(music["authorName"]),
            "stats": {"videoCount": SOUND_VIDEOS},
        }
        return web.json_response(_ok({"musicInfo": info}))

    async def sound_videos(self, request: web.Request) -> web.Response:
        """``SOUND_VIDEOS`` videos of the trending authors with this sound (none for an id the
        simulator did not serve)."""
        music = self._state.sounds_by_id.get(request.query.get("musicID", ""))
        page = OffsetPage.of(request.query, SOUND_VIDEOS if music is not None else 0)
        items = [{**self._trending_video(index), "music": music} for index in page.indexes]
        return web.json_response(_ok(page.item_list(items)))

    async def search(self, request: web.Request) -> web.Response:
        keyword = request.query.get("keyword", "")
        cursor = query_int(request.query.get("cursor"), 0, 0, 1000)
        names = profiles.search_names(keyword, 25)
        page = names[cursor : cursor + 10]
        if request.match_info["kind"] == "user":
            results: dict[str, Any] = {"user_list": [_search_user(name) for name in page]}
        else:
            results = {"item_list": [self._video(name, 0) for name in page]}
        end = cursor + len(page)
        rid = hashlib.sha256(keyword.encode()).hexdigest()[:24]
        return web.json_response(
            _ok({**results, "has_more": int(end < len(names)), "cursor": end, "rid": rid})
        )

    async def trending(self, request: web.Request) -> web.Response:
        """Trending (and related) videos: ``count`` of them, always ``hasMore``."""
        count = query_int(request.query.get("count"), VIDEO_PAGE, 1, PAGE_SIZE_LIMIT)
        items = [self._trending_video(index) for index in range(count)]
        return web.json_response(_ok({"itemList": items, "hasMore": True}))

    def _trending_video(self, index: int) -> dict[str, Any]:
        authors = len(TRENDING_AUTHORS)
        return self._video(TRENDING_AUTHORS[index % authors], index // authors)

    async def hashtag_detail(self, request: web.Request) -> web.Response:
        name = request.query.get("challengeName", "").strip().lstrip("#").lower()
        if not name:
            return web.json_response(
                {
                    "statusCode": 10205,
                    "statusMsg": "challenge not found",
                    "challengeInfo": {},
                    "log_pb": _log_pb(),
                }
            )
        challenge = profiles.hashtag_struct(name)
        self._state.hashtags_by_id[challenge["id"]] = name
        return web.json_response(
            _ok(
                {
                    "challengeInfo": {
                        "challenge": {**challenge, "splitTitle": name},
                        "stats": profiles.hashtag_stats(name),
                    }
                }
            )
        )

    async def hashtag_videos(self, request: web.Request) -> web.Response:
        name = self._state.hashtags_by_id.get(request.query.get("challengeID", ""), "fyp")
        page = OffsetPage.of(request.query, HASHTAG_VIDEOS)
        items = []
        for index in page.indexes:
            item = self._video(f"{name[:18]}_fan{index % 7}", index)
            item["challenges"] = [profiles.hashtag_struct(name)]
            items.append(item)
        return web.json_response(_ok(page.item_list(items)))


def _search_user(unique_id: str) -> dict[str, Any]:
    user = profiles.user_struct(unique_id)
    return {"user_info": {
        "uid": user["id"], "user_id": user["id"], "unique_id": user["uniqueId"],
        "sec_uid": user["secUid"], "nickname": user["nickname"],
        "follower_count": profiles.user_stats(unique_id)["followerCount"],
    }}  # fmt: skip


def _comment_page(request: web.Request, total: int) -> OffsetPage:
    return OffsetPage.of(request.query, total, size=COMMENT_PAGE, limit=COMMENT_PAGE_LIMIT)

"""UserService: each RPC validates its request, runs one bounded query on a supervised
session and converts TikTok's answer into typed messages.

GetUser, GetVideo and GetHashtag go through the query cache (tokgate.query_cache): identical
calls share one query and, for the RPC's TTL, its answer. The list RPCs' pages are not cached
(docs/caching.md says why)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import grpc

from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.query_cache import QueryCache
from tokgate.users import convert, queries, request_fields
from tokgate.users.calls import CallRunner
from tokgate.users.paging import decode_page_token, next_token
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.v1 import users_pb2, users_pb2_grpc
from tokgate.validation import normalize_unique_id

Context = grpc.aio.ServicerContext[Any, Any]

# (default, maximum) page sizes, as the contract documents them.
VIDEO_PAGE = (30, 100)
COMMENT_PAGE = (20, 100)
SEARCH_PAGE = (10, 50)


RELATED_PAGE = (16, 30)
PLAYLIST_PAGE = (20, 30)

UserList = Callable[[SupervisedTikTokApi, str, int, int], Awaitable[queries.Page]]
#: One page of a list: (api, cursor, size) -> the page.
PageFetch = Callable[[SupervisedTikTokApi, int, int], Awaitable[queries.Page]]


def _sec_uid(detail: queries.Json) -> str:
    return str(detail.get("userInfo", {}).get("user", {}).get("secUid") or "")


class PagedRequest(Protocol):
    """The paging fields every list request has."""

    page_size: int
    page_token: str


class UserListRequest(PagedRequest, Protocol):
    """The request of a user's list (videos, liked videos, playlists)."""

    unique_id: str


class UserServicer(users_pb2_grpc.UserServiceServicer):
    """Answers user, video and hashtag queries through the session supervisor."""

    def __init__(self, runner: CallRunner, cache: QueryCache) -> None:
        self._runner = runner
        self._cache = cache

    async def GetUser(
        self, request: users_pb2.GetUserRequest, context: Context
    ) -> users_pb2.GetUserResponse:
        named = [field for field in ("unique_id", "sec_uid", "user_id") if getattr(request, field)]
        if len(named) > 1:
            raise InvalidArgumentError(named[-1], "set one of unique_id, sec_uid and user_id")
        if request.sec_uid:
            sec_uid = request_fields.sec_uid(request.sec_uid)
            return await self._user_by("sec_uid", sec_uid, queries.user_detail_by_sec_uid, context)
        if request.user_id:
            user_id = request_fields.video_id(request.user_id, "user_id")
            return await self._user_by("user_id", user_id, queries.user_detail_by_id, context)
        unique_id = normalize_unique_id(request.unique_id)

        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await queries.user_detail(api, unique_id)

        async def load() -> users_pb2.GetUserResponse:
            body = await self._runner.run("GetUser", query, context, unique_id)
            return users_pb2.GetUserResponse(user=convert.user_detail(body))

        return await self._cache.answer("GetUser", (unique_id.lower(),), load, context)

    async def _user_by(
        self,
        field: str,
        value: str,
        lookup: Callable[[SupervisedTikTokApi, str], Awaitable[queries.Json]],
        context: Context,
    ) -> users_pb2.GetUserResponse:
        """GetUser by ``sec_uid`` or ``user_id``."""

        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await lookup(api, value)

        async def load() -> users_pb2.GetUserResponse:
            body = await self._runner.run("GetUser", query, context)
            return users_pb2.GetUserResponse(user=convert.user_detail(body))

        # A key of two parts never meets a username's (one part).
        return await self._cache.answer("GetUser", (field, value), load, context)

    async def ListUserVideos(
        self, request: users_pb2.ListUserVideosRequest, context: Context
    ) -> users_pb2.ListUserVideosResponse:
        items, token = await self._user_list(
            "ListUserVideos", request, VIDEO_PAGE, queries.user_videos, context
        )
        return users_pb2.ListUserVideosResponse(
            videos=[convert.video(item) for item in items], next_page_token=token
        )

    async def _user_list(
        self,
        method: str,
        request: UserListRequest,
        sizes: tuple[int, int],
        lister: UserList,
        context: Context,
    ) -> tuple[list[queries.Json], str]:
        """One page of a user's list and the next page's token: the secUid comes from the
        page token, or (first page) from the user's detail, and the next token carries it on."""
        unique_id = normalize_unique_id(request.unique_id)
        size = request_fields.page_size(request.page_size, *sizes)
        page = decode_page_token(request.page_token, method, unique_id)

        async def query(api: SupervisedTikTokApi) -> tuple[str, queries.Page]:
            sec_uid = page.extra or _sec_uid(await queries.user_detail(api, unique_id))
            return sec_uid, await lister(api, sec_uid, page.cursor, size)

        sec_uid, result = await self._runner.run(method, query, context, unique_id)
        return result.items, next_token(page, result.next_cursor, sec_uid)

    async def _page(
        self,
        method: str,
        subject: str,
        request: PagedRequest,
        fetch: PageFetch,
        context: Context,
        *,
        sizes: tuple[int, int],
    ) -> tuple[list[queries.Json], str]:
        """One page of the list of ``subject`` (a video, a sound, ...) and the next page's
        token, which only this method and subject accept."""
        size = request_fields.page_size(request.page_size, *sizes)
        page = decode_page_token(request.page_token, method, subject)

        async def query(api: SupervisedTikTokApi) -> queries.Page:
            return await fetch(api, page.cursor, size)

        result = await self._runner.run(method, query, context)
        return result.items, next_token(page, result.next_cursor)

    async def GetVideo(
        self, request: users_pb2.GetVideoRequest, context: Context
    ) -> users_pb2.GetVideoResponse:
        if request.url:
            if request.video_id or request.unique_id:
                raise InvalidArgumentError("url", "set url alone, or video_id (and unique_id)")
            return await self._video_by_url(request_fields.video_url(request.url), context)
        video_id = request_fields.video_id(request.video_id)
        unique_id = normalize_unique_id(request.unique_id) if request.unique_id else None
        return await self._video(video_id, unique_id, context)

    async def _video_by_url(
        self, url: request_fields.VideoUrl, context: Context
    ) -> users_pb2.GetVideoResponse:
        """A video URL names the video and its author; a short link is followed by the
        browser to the video's page (not cached: the link may be re-pointed)."""
        if not url.short_link:
            return await self._video(url.video_id, url.unique_id, context)

        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await queries.video_page(api, url.short_link)

        item = await self._runner.run("GetVideo", query, context)
        return users_pb2.GetVideoResponse(video=convert.video(item))

    async def _video(
        self, video_id: str, unique_id: str | None, context: Context
    ) -> users_pb2.GetVideoResponse:
        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await queries.video_detail(api, video_id, unique_id or "")

        async def load() -> users_pb2.GetVideoResponse:
            item = await self._runner.run("GetVideo", query, context, unique_id)
            return users_pb2.GetVideoResponse(video=convert.video(item))

        key = (video_id, (unique_id or "").lower())
        return await self._cache.answer("GetVideo", key, load, context)

    async def ListVideoComments(
        self, request: users_pb2.ListVideoCommentsRequest, context: Context
    ) -> users_pb2.ListVideoCommentsResponse:
        video_id = request_fields.video_id(request.video_id)

        def fetch(api: SupervisedTikTokApi, cursor: int, size: int) -> Awaitable[queries.Page]:
            return queries.video_comments(api, video_id, cursor, size)

        items, token = await self._page(
            "ListVideoComments", video_id, request, fetch, context, sizes=COMMENT_PAGE
        )
        return users_pb2.ListVideoCommentsResponse(
            comments=[convert.comment(item, video_id) for item in items], next_page_token=token
        )

    async def SearchUsers(
        self, request: users_pb2.SearchUsersRequest, context: Context
    ) -> users_pb2.SearchUsersResponse:
        query_text = request_fields.search_query(request.query)
        size = request_fields.page_size(request.page_size, *SEARCH_PAGE)
        page = decode_page_token(request.page_token, "SearchUsers", query_text)

        async def query(api: SupervisedTikTokApi) -> queries.Page:
            return await queries.search_users(api, query_text, page.cursor, size, page.extra)

        result = await self._runner.run("SearchUsers", query, context)
        return users_pb2.SearchUsersResponse(
            users=[convert.search_user(item) for item in result.items],
            next_page_token=next_token(page, result.next_cursor, result.search_id),
        )

    async def ListTrendingVideos(
        self, request: users_pb2.ListTrendingVideosRequest, context: Context
    ) -> users_pb2.ListTrendingVideosResponse:
        items, token = await self._page(
            "ListTrendingVideos", "", request, queries.trending_videos, context, sizes=VIDEO_PAGE
        )
        return users_pb2.ListTrendingVideosResponse(
            videos=[convert.video(item) for item in items], next_page_token=token
        )

    async def GetHashtag(
        self, request: users_pb2.GetHashtagRequest, context: Context
    ) -> users_pb2.GetHashtagResponse:
        name = request_fields.hashtag_name(request.name)

        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await queries.hashtag_detail(api, name)

        async def load() -> users_pb2.GetHashtagResponse:
            body = await self._runner.run("GetHashtag", query, context)
            return users_pb2.GetHashtagResponse(hashtag=convert.hashtag(body))

        return await self._cache.answer("GetHashtag", (name.lower(),), load, context)

    async def ListHashtagVideos(
        self, request: users_pb2.ListHashtagVideosRequest, context: Context
    ) -> users_pb2.ListHashtagVideosResponse:
        name = request_fields.hashtag_name(request.name)
        size = request_fields.page_size(request.page_size, *VIDEO_PAGE)
        page = decode_page_token(request.page_token, "ListHashtagVideos", name)

        async def query(api: SupervisedTikTokApi) -> tuple[str, queries.Page]:
            challenge_id = page.extra or convert.hashtag(await queries.hashtag_detail(api, name)).id
            return challenge_id, await queries.hashtag_videos(api, challenge_id, page.cursor, size)

        challenge_id, result = await self._runner.run("ListHashtagVideos", query, context)
        return users_pb2.ListHashtagVideosResponse(
            videos=[convert.video(item) for item in result.items],
            next_page_token=next_token(page, result.next_cursor, challenge_id),
        )

    async def ListUserLikedVideos(
        self, request: users_pb2.ListUserLikedVideosRequest, context: Context
    ) -> users_pb2.ListUserLikedVideosResponse:
        items, token = await self._user_list(
            "ListUserLikedVideos", request, VIDEO_PAGE, queries.user_liked_videos, context
        )
        return users_pb2.ListUserLikedVideosResponse(
            videos=[convert.video(item) for item in items], next_page_token=token
        )

    async def ListUserPlaylists(
        self, request: users_pb2.ListUserPlaylistsRequest, context: Context
    ) -> users_pb2.ListUserPlaylistsResponse:
        items, token = await self._user_list(
            "ListUserPlaylists", request, PLAYLIST_PAGE, queries.user_playlists, context
        )
        return users_pb2.ListUserPlaylistsResponse(
            playlists=[convert.playlist(item) for item in items], next_page_token=token
        )

    async def ListPlaylistVideos(
        self, request: users_pb2.ListPlaylistVideosRequest, context: Context
    ) -> users_pb2.ListPlaylistVideosResponse:
        playlist_id = request_fields.video_id(request.playlist_id, "playlist_id")

        def fetch(api: SupervisedTikTokApi, cursor: int, size: int) -> Awaitable[queries.Page]:
            return queries.playlist_videos(api, playlist_id, cursor, size)

        items, token = await self._page(
            "ListPlaylistVideos", playlist_id, request, fetch, context, sizes=VIDEO_PAGE
        )
        return users_pb2.ListPlaylistVideosResponse(
            videos=[convert.video(item) for item in items], next_page_token=token
        )

    async def ListRelatedVideos(
        self, request: users_pb2.ListRelatedVideosRequest, context: Context
    ) -> users_pb2.ListRelatedVideosResponse:
        video_id = request_fields.video_id(request.video_id)

        def fetch(api: SupervisedTikTokApi, cursor: int, size: int) -> Awaitable[queries.Page]:
            return queries.related_videos(api, video_id, cursor, size)

        items, token = await self._page(
            "ListRelatedVideos", video_id, request, fetch, context, sizes=RELATED_PAGE
        )
        return users_pb2.ListRelatedVideosResponse(
            videos=[convert.video(item) for item in items], next_page_token=token
        )

    async def ListCommentReplies(
        self, request: users_pb2.ListCommentRepliesRequest, context: Context
    ) -> users_pb2.ListCommentRepliesResponse:
        video_id = request_fields.video_id(request.video_id)
        comment_id = request_fields.video_id(request.comment_id, "comment_id")

        def fetch(api: SupervisedTikTokApi, cursor: int, size: int) -> Awaitable[queries.Page]:
            return queries.comment_replies(api, video_id, comment_id, cursor, size)

        items, token = await self._page(
            "ListCommentReplies", comment_id, request, fetch, context, sizes=COMMENT_PAGE
        )
        return users_pb2.ListCommentRepliesResponse(
            replies=[convert.comment(item, video_id) for item in items], next_page_token=token
        )

    async def GetSound(
        self, request: users_pb2.GetSoundRequest, context: Context
    ) -> users_pb2.GetSoundResponse:
        sound_id = request_fields.video_id(request.sound_id, "sound_id")

        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await queries.sound_detail(api, sound_id)

        body = await self._runner.run("GetSound", query, context)
        return users_pb2.GetSoundResponse(sound=convert.sound(body))

    async def ListSoundVideos(
        self, request: users_pb2.ListSoundVideosRequest, context: Context
    ) -> users_pb2.ListSoundVideosResponse:
        """The first page asks for the sound first, so an unknown one is NOT_FOUND, not an
        empty list."""
        sound_id = request_fields.video_id(request.sound_id, "sound_id")

        async def fetch(api: SupervisedTikTokApi, cursor: int, size: int) -> queries.Page:
            if not cursor:
                await queries.sound_detail(api, sound_id)
            return await queries.sound_videos(api, sound_id, cursor, size)

        items, token = await self._page(
            "ListSoundVideos", sound_id, request, fetch, context, sizes=VIDEO_PAGE
        )
        return users_pb2.ListSoundVideosResponse(
            videos=[convert.video(item) for item in items], next_page_token=token
        )

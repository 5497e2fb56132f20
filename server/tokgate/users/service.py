"""UserService: each RPC validates its request, runs one bounded query on a supervised
session and converts TikTok's answer into typed messages.

GetUser, GetVideo and GetHashtag go through the query cache (tokgate.query_cache): identical
calls share one query and, for the RPC's TTL, its answer. The list RPCs' pages are not cached
(docs/caching.md says why)."""

from __future__ import annotations

from typing import Any

import grpc

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


def _sec_uid(detail: queries.Json) -> str:
    return str(detail.get("userInfo", {}).get("user", {}).get("secUid") or "")


class UserServicer(users_pb2_grpc.UserServiceServicer):
    """Answers user, video and hashtag queries through the session supervisor."""

    def __init__(self, runner: CallRunner, cache: QueryCache) -> None:
        self._runner = runner
        self._cache = cache

    async def GetUser(
        self, request: users_pb2.GetUserRequest, context: Context
    ) -> users_pb2.GetUserResponse:
        unique_id = normalize_unique_id(request.unique_id)

        async def query(api: SupervisedTikTokApi) -> queries.Json:
            return await queries.user_detail(api, unique_id)

        async def load() -> users_pb2.GetUserResponse:
            body = await self._runner.run("GetUser", query, context, unique_id)
            return users_pb2.GetUserResponse(user=convert.user_detail(body))

        return await self._cache.answer("GetUser", (unique_id.lower(),), load, context)

    async def ListUserVideos(
        self, request: users_pb2.ListUserVideosRequest, context: Context
    ) -> users_pb2.ListUserVideosResponse:
        unique_id = normalize_unique_id(request.unique_id)
        size = request_fields.page_size(request.page_size, *VIDEO_PAGE)
        page = decode_page_token(request.page_token, "ListUserVideos", unique_id)

        async def query(api: SupervisedTikTokApi) -> tuple[str, queries.Page]:
            sec_uid = page.extra or _sec_uid(await queries.user_detail(api, unique_id))
            return sec_uid, await queries.user_videos(api, sec_uid, page.cursor, size)

        sec_uid, result = await self._runner.run("ListUserVideos", query, context, unique_id)
        return users_pb2.ListUserVideosResponse(
            videos=[convert.video(item) for item in result.items],
            next_page_token=next_token(page, result.next_cursor, sec_uid),
        )

    async def GetVideo(
        self, request: users_pb2.GetVideoRequest, context: Context
    ) -> users_pb2.GetVideoResponse:
        video_id = request_fields.video_id(request.video_id)
        unique_id = normalize_unique_id(request.unique_id) if request.unique_id else None

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
        size = request_fields.page_size(request.page_size, *COMMENT_PAGE)
        page = decode_page_token(request.page_token, "ListVideoComments", video_id)

        async def query(api: SupervisedTikTokApi) -> queries.Page:
            return await queries.video_comments(api, video_id, page.cursor, size)

        result = await self._runner.run("ListVideoComments", query, context)
        return users_pb2.ListVideoCommentsResponse(
            comments=[convert.comment(item, video_id) for item in result.items],
            next_page_token=next_token(page, result.next_cursor),
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
        size = request_fields.page_size(request.page_size, *VIDEO_PAGE)
        page = decode_page_token(request.page_token, "ListTrendingVideos", "")

        async def query(api: SupervisedTikTokApi) -> queries.Page:
            return await queries.trending_videos(api, page.cursor, size)

        result = await self._runner.run("ListTrendingVideos", query, context)
        return users_pb2.ListTrendingVideosResponse(
            videos=[convert.video(item) for item in result.items],
            next_page_token=next_token(page, result.next_cursor),
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

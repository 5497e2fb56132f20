"""UserService: validates every request, then (not built yet) answers it."""

from __future__ import annotations

import grpc

from tokgate.errors.exceptions import UnimplementedError
from tokgate.users import requests
from tokgate.users.paging import decode_page_token
from tokgate.v1 import users_pb2, users_pb2_grpc
from tokgate.validation import normalize_unique_id

Context = grpc.aio.ServicerContext[object, object]


class UserServicer(users_pb2_grpc.UserServiceServicer):
    """Checks the request fields (InvalidArgumentError before any upstream call)."""

    async def GetUser(
        self, request: users_pb2.GetUserRequest, context: Context
    ) -> users_pb2.GetUserResponse:
        normalize_unique_id(request.unique_id)
        raise UnimplementedError("GetUser")

    async def ListUserVideos(
        self, request: users_pb2.ListUserVideosRequest, context: Context
    ) -> users_pb2.ListUserVideosResponse:
        unique_id = normalize_unique_id(request.unique_id)
        requests.page_size(request.page_size, 30, 100)
        decode_page_token(request.page_token, "ListUserVideos", unique_id)
        raise UnimplementedError("ListUserVideos")

    async def GetVideo(
        self, request: users_pb2.GetVideoRequest, context: Context
    ) -> users_pb2.GetVideoResponse:
        requests.video_id(request.video_id)
        if request.unique_id:
            normalize_unique_id(request.unique_id)
        raise UnimplementedError("GetVideo")

    async def ListVideoComments(
        self, request: users_pb2.ListVideoCommentsRequest, context: Context
    ) -> users_pb2.ListVideoCommentsResponse:
        video = requests.video_id(request.video_id)
        requests.page_size(request.page_size, 20, 100)
        decode_page_token(request.page_token, "ListVideoComments", video)
        raise UnimplementedError("ListVideoComments")

    async def SearchUsers(
        self, request: users_pb2.SearchUsersRequest, context: Context
    ) -> users_pb2.SearchUsersResponse:
        query = requests.search_query(request.query)
        requests.page_size(request.page_size, 10, 50)
        decode_page_token(request.page_token, "SearchUsers", query)
        raise UnimplementedError("SearchUsers")

    async def ListTrendingVideos(
        self, request: users_pb2.ListTrendingVideosRequest, context: Context
    ) -> users_pb2.ListTrendingVideosResponse:
        requests.page_size(request.page_size, 30, 100)
        decode_page_token(request.page_token, "ListTrendingVideos", "")
        raise UnimplementedError("ListTrendingVideos")

    async def GetHashtag(
        self, request: users_pb2.GetHashtagRequest, context: Context
    ) -> users_pb2.GetHashtagResponse:
        requests.hashtag_name(request.name)
        raise UnimplementedError("GetHashtag")

    async def ListHashtagVideos(
        self, request: users_pb2.ListHashtagVideosRequest, context: Context
    ) -> users_pb2.ListHashtagVideosResponse:
        name = requests.hashtag_name(request.name)
        requests.page_size(request.page_size, 30, 100)
        decode_page_token(request.page_token, "ListHashtagVideos", name)
        raise UnimplementedError("ListHashtagVideos")

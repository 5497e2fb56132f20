"""The asyncio client: every tokgate service, with keyword methods and typed exceptions.

Example::

    import asyncio
    from tokgate_client import AsyncClient, UserOfflineError

    async def main() -> None:
        async with AsyncClient("127.0.0.1:50051", api_key="...") as client:
            user = (await client.users.get_user(unique_id="@someone")).user
            print(user.nickname, user.stats.follower_count)
            try:
                async for event in client.live.stream_events("someone", event_types=["comment"]):
                    print(event.sequence, event.comment.text)
            except UserOfflineError as exc:
                print(exc.detail.message, list(exc.detail.suggestions))

    asyncio.run(main())

Every method raises a :class:`~tokgate_client.errors.TokgateError` subclass on failure; unary
calls get the client's default deadline unless given ``deadline=`` (seconds the call may
take; streams have none unless given one).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from types import TracebackType
from typing import Any, TypeVar

import grpc
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc, users_pb2, users_pb2_grpc

from tokgate_client.connection import (
    ConnectionOptions,
    EventTypeLike,
    resolve_options,
    stream_events_request,
)
from tokgate_client.errors import from_rpc_error
from tokgate_client.resume import StreamResume
from tokgate_client.retry import RetryPolicy

Request = TypeVar("Request")
Response = TypeVar("Response")


class _AsyncService:
    """The call plumbing shared by the service clients: deadline, API key, typed errors."""

    def __init__(self, options: ConnectionOptions) -> None:
        self._options = options

    async def _unary(
        self,
        method: grpc.aio.UnaryUnaryMultiCallable[Request, Response],
        request: Request,
        deadline: float | None,
    ) -> Response:
        try:
            return await method(
                request,
                timeout=self._options.unary_deadline(deadline),
                metadata=self._options.metadata(),
            )
        except grpc.RpcError as err:
            raise from_rpc_error(err) from err


class AsyncEventStream(AsyncIterator[live_pb2.LiveEvent]):
    """A stream's LiveEvents, and :attr:`position`: where it would resume from (to store)."""

    def __init__(
        self, events: AsyncGenerator[live_pb2.LiveEvent, None], resume: StreamResume
    ) -> None:
        self._events = events
        self._resume = resume

    async def __anext__(self) -> live_pb2.LiveEvent:
        return await anext(self._events)

    async def aclose(self) -> None:
        """Cancel the call."""
        await self._events.aclose()

    @property
    def position(self) -> live_pb2.StreamPosition | None:
        """The sequence and epoch of the last event, or the ``resume_from`` given; else None."""
        return self._resume.position


class AsyncLiveClient(_AsyncService):
    """``tokgate.v1.LiveService``: live events and live status."""

    def __init__(self, channel: grpc.aio.Channel, options: ConnectionOptions) -> None:
        super().__init__(options)
        self._stub = live_pb2_grpc.LiveServiceStub(channel)

    def stream_events(
        self,
        unique_id: str = "",
        *,
        room_id: str = "",
        event_types: Iterable[EventTypeLike] = (),
        wait_until_live: bool = False,
        deadline: float | None = None,
        resume: bool | RetryPolicy = True,
        resume_from: live_pb2.StreamPosition | None = None,
        batching: live_pb2.StreamBatching | None = None,
    ) -> AsyncEventStream:
        """Yield the LiveEvents of one streamer until the LIVE ends.

        Name the streamer by ``unique_id`` or by a broadcast's ``room_id`` (one of the two).

        ``event_types`` filters (``["comment", "gift"]`` or ``EventType`` values; connected,
        live-ended and stream-status events always come). The iterator ends when the LIVE
        ends; a failure raises the typed exception (``UserOfflineError``, ``RateLimitError``,
        ...). Leaving the loop early cancels the call::

            async for event in client.live.stream_events("@someone", wait_until_live=True):
                if event.WhichOneof("event") == "gift":
                    print(event.gift.user.nickname, event.gift.gift_name)

        A broken stream resumes by itself from its last event (:mod:`tokgate_client.resume`):
        ``resume`` is the backoff's policy, or False to raise the first failure;
        ``resume_from`` starts from a stored position; ``stream.position`` is the last one.
        ``deadline`` bounds the whole stream, resumes included. ``batching`` asks for several
        events per message (fewer messages at a high rate); they are still yielded one by one.
        """
        request = stream_events_request(
            unique_id,
            room_id,
            event_types,
            wait_until_live,
            resume_from=resume_from,
            batching=batching,
        )
        resume_state = StreamResume(request, resume, deadline)
        return AsyncEventStream(self._resumed_events(resume_state), resume_state)

    async def _resumed_events(
        self, resume: StreamResume
    ) -> AsyncGenerator[live_pb2.LiveEvent, None]:
        """Call StreamEvents until it ends OK, again with the last position while it breaks."""
        while True:
            call = self._stub.StreamEvents(
                resume.request(), timeout=resume.timeout(), metadata=self._options.metadata()
            )
            try:
                async for response in call:
                    for event in resume.events(response):
                        yield event
                return
            except grpc.RpcError as err:
                delay = resume.after_failure(err)
            finally:
                call.cancel()
            await asyncio.sleep(delay)

    async def get_live_status(
        self, unique_id: str, *, deadline: float | None = None
    ) -> live_pb2.GetLiveStatusResponse:
        """Is ``unique_id`` live now, and in which room."""
        request = live_pb2.GetLiveStatusRequest(unique_id=unique_id)
        return await self._unary(self._stub.GetLiveStatus, request, deadline)

    async def get_room_info(
        self, unique_id: str = "", *, room_id: str = "", deadline: float | None = None
    ) -> live_pb2.GetRoomInfoResponse:
        """A broadcast's title, owner, counts, start, cover and stream URLs: the streamer's
        current (or last) one by ``unique_id``, or the one ``room_id`` names (one of the two)."""
        request = live_pb2.GetRoomInfoRequest(unique_id=unique_id, room_id=room_id)
        return await self._unary(self._stub.GetRoomInfo, request, deadline)

    async def list_gifts(
        self, unique_id: str = "", *, room_id: str = "", deadline: float | None = None
    ) -> live_pb2.ListGiftsResponse:
        """The gift catalogue of a streamer's room (by ``unique_id`` or ``room_id``)."""
        request = live_pb2.ListGiftsRequest(unique_id=unique_id, room_id=room_id)
        return await self._unary(self._stub.ListGifts, request, deadline)


class AsyncUserClient(_AsyncService):
    """``tokgate.v1.UserService``: users, videos, comments, hashtags (paged lists)."""

    def __init__(self, channel: grpc.aio.Channel, options: ConnectionOptions) -> None:
        super().__init__(options)
        self._stub = users_pb2_grpc.UserServiceStub(channel)

    async def get_user(
        self,
        unique_id: str = "",
        *,
        sec_uid: str = "",
        user_id: str = "",
        deadline: float | None = None,
    ) -> users_pb2.GetUserResponse:
        """A profile by ``unique_id`` (with or without ``@``), ``sec_uid`` or numeric
        ``user_id`` (exactly one; the last two stay when the username changes)."""
        request = users_pb2.GetUserRequest(unique_id=unique_id, sec_uid=sec_uid, user_id=user_id)
        return await self._unary(self._stub.GetUser, request, deadline)

    async def list_user_videos(
        self,
        unique_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListUserVideosResponse:
        """One page of ``unique_id``'s videos; pass ``next_page_token`` back for the next."""
        request = users_pb2.ListUserVideosRequest(
            unique_id=unique_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListUserVideos, request, deadline)

    async def get_video(
        self,
        video_id: str = "",
        *,
        unique_id: str = "",
        url: str = "",
        deadline: float | None = None,
    ) -> users_pb2.GetVideoResponse:
        """One video by id (``unique_id`` of the author optional) or by its ``url`` (a page
        URL or a short link); exactly one of ``video_id`` and ``url``."""
        request = users_pb2.GetVideoRequest(video_id=video_id, unique_id=unique_id, url=url)
        return await self._unary(self._stub.GetVideo, request, deadline)

    async def list_video_comments(
        self,
        video_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListVideoCommentsResponse:
        """One page of a video's comments."""
        request = users_pb2.ListVideoCommentsRequest(
            video_id=video_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListVideoComments, request, deadline)

    async def search_users(
        self,
        query: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.SearchUsersResponse:
        """One page of users matching ``query``."""
        request = users_pb2.SearchUsersRequest(
            query=query, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.SearchUsers, request, deadline)

    async def list_trending_videos(
        self, *, page_size: int = 0, page_token: str = "", deadline: float | None = None
    ) -> users_pb2.ListTrendingVideosResponse:
        """One page of trending videos."""
        request = users_pb2.ListTrendingVideosRequest(page_size=page_size, page_token=page_token)
        return await self._unary(self._stub.ListTrendingVideos, request, deadline)

    async def get_hashtag(
        self, name: str, *, deadline: float | None = None
    ) -> users_pb2.GetHashtagResponse:
        """A hashtag (with or without ``#``)."""
        request = users_pb2.GetHashtagRequest(name=name)
        return await self._unary(self._stub.GetHashtag, request, deadline)

    async def list_hashtag_videos(
        self,
        name: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListHashtagVideosResponse:
        """One page of a hashtag's videos."""
        request = users_pb2.ListHashtagVideosRequest(
            name=name, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListHashtagVideos, request, deadline)

    async def list_user_liked_videos(
        self,
        unique_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListUserLikedVideosResponse:
        """One page of the videos ``unique_id`` liked (PrivateAccountError when private)."""
        request = users_pb2.ListUserLikedVideosRequest(
            unique_id=unique_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListUserLikedVideos, request, deadline)

    async def list_user_playlists(
        self,
        unique_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListUserPlaylistsResponse:
        """One page of ``unique_id``'s playlists."""
        request = users_pb2.ListUserPlaylistsRequest(
            unique_id=unique_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListUserPlaylists, request, deadline)

    async def list_playlist_videos(
        self,
        playlist_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListPlaylistVideosResponse:
        """One page of a playlist's videos."""
        request = users_pb2.ListPlaylistVideosRequest(
            playlist_id=playlist_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListPlaylistVideos, request, deadline)

    async def list_related_videos(
        self,
        video_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListRelatedVideosResponse:
        """One page of the videos TikTok recommends next to ``video_id`` (pages may repeat)."""
        request = users_pb2.ListRelatedVideosRequest(
            video_id=video_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListRelatedVideos, request, deadline)

    async def list_comment_replies(
        self,
        video_id: str,
        comment_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListCommentRepliesResponse:
        """One page of the replies to a comment on ``video_id``."""
        request = users_pb2.ListCommentRepliesRequest(
            video_id=video_id, comment_id=comment_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListCommentReplies, request, deadline)

    async def get_sound(
        self, sound_id: str, *, deadline: float | None = None
    ) -> users_pb2.GetSoundResponse:
        """A sound (TikTok's "music"); DataError when TikTok has none by this id."""
        request = users_pb2.GetSoundRequest(sound_id=sound_id)
        return await self._unary(self._stub.GetSound, request, deadline)

    async def list_sound_videos(
        self,
        sound_id: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        deadline: float | None = None,
    ) -> users_pb2.ListSoundVideosResponse:
        """One page of the videos that use a sound."""
        request = users_pb2.ListSoundVideosRequest(
            sound_id=sound_id, page_size=page_size, page_token=page_token
        )
        return await self._unary(self._stub.ListSoundVideos, request, deadline)


class AsyncAdminClient(_AsyncService):
    """``tokgate.v1.AdminService``: sessions, error statistics, rooms, plugins."""

    def __init__(self, channel: grpc.aio.Channel, options: ConnectionOptions) -> None:
        super().__init__(options)
        self._stub = admin_pb2_grpc.AdminServiceStub(channel)

    async def get_session_stats(
        self, *, deadline: float | None = None
    ) -> admin_pb2.GetSessionStatsResponse:
        """The TikTokApi browser sessions and their health."""
        request = admin_pb2.GetSessionStatsRequest()
        return await self._unary(self._stub.GetSessionStats, request, deadline)

    async def get_error_stats(
        self, *, top_users: int = 0, deadline: float | None = None
    ) -> admin_pb2.GetErrorStatsResponse:
        """Failures since start by kind and status code, and the most-failed users."""
        request = admin_pb2.GetErrorStatsRequest(top_users=top_users)
        return await self._unary(self._stub.GetErrorStats, request, deadline)

    async def list_rooms(self, *, deadline: float | None = None) -> admin_pb2.ListRoomsResponse:
        """The live rooms tokgate holds and their subscribers."""
        return await self._unary(self._stub.ListRooms, admin_pb2.ListRoomsRequest(), deadline)

    async def list_plugins(self, *, deadline: float | None = None) -> admin_pb2.ListPluginsResponse:
        """The error-classifier plugins, their versions, hooks and state."""
        return await self._unary(self._stub.ListPlugins, admin_pb2.ListPluginsRequest(), deadline)


class AsyncClient:
    """One channel to tokgate and a client per service: ``live``, ``users``, ``admin``.

    Pass a target (``host:port``) and keywords of
    :class:`~tokgate_client.connection.ConnectionOptions` (``api_key``, ``tls``,
    ``root_certificates``, ``timeout``, ...), or a ready ``options`` object. Use it as an
    async context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        target: str | None = None,
        *,
        options: ConnectionOptions | None = None,
        **option_fields: Any,
    ) -> None:
        self.options = options = resolve_options(target, options, option_fields)
        credentials = options.credentials()
        self.channel = (
            grpc.aio.secure_channel(options.target, credentials, options.channel_options)
            if credentials is not None
            else grpc.aio.insecure_channel(options.target, options.channel_options)
        )
        self.live = AsyncLiveClient(self.channel, options)
        self.users = AsyncUserClient(self.channel, options)
        self.admin = AsyncAdminClient(self.channel, options)

    async def close(self) -> None:
        """Close the channel (running calls are cancelled)."""
        await self.channel.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

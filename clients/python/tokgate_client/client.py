"""The blocking client: the same services and methods as :mod:`tokgate_client.aio`.

Example::

    from tokgate_client import Client, TokgateError

    with Client("127.0.0.1:50051") as client:
        print(client.live.get_live_status(unique_id="someone").is_live)
        try:
            for event in client.live.stream_events("someone", event_types=["gift"]):
                print(event.gift.gift_name, event.gift.repeat_count)
        except TokgateError as exc:
            print(exc.kind_name, exc.detail.message)

Method names, keywords, defaults and exceptions match the async client; only ``await`` and
``async for`` go away.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterable, Iterator
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


class _Service:
    """The call plumbing shared by the service clients: deadline, API key, typed errors."""

    def __init__(self, options: ConnectionOptions) -> None:
        self._options = options

    def _unary(
        self,
        method: grpc.UnaryUnaryMultiCallable[Request, Response],
        request: Request,
        deadline: float | None,
    ) -> Response:
        try:
            return method(
                request,
                timeout=self._options.unary_deadline(deadline),
                metadata=self._options.metadata(),
            )
        except grpc.RpcError as err:
            raise from_rpc_error(err) from err


class EventStream(Iterator[live_pb2.LiveEvent]):
    """A stream's LiveEvents, and :attr:`position`: where it would resume from (to store)."""

    def __init__(
        self, events: Generator[live_pb2.LiveEvent, None, None], resume: StreamResume
    ) -> None:
        self._events = events
        self._resume = resume

    def __next__(self) -> live_pb2.LiveEvent:
        return next(self._events)

    def close(self) -> None:
        """Cancel the call."""
        self._events.close()

    @property
    def position(self) -> live_pb2.StreamPosition | None:
        """The sequence and epoch of the last event, or the ``resume_from`` given; else None."""
        return self._resume.position


class LiveClient(_Service):
    """``tokgate.v1.LiveService``; see :class:`tokgate_client.aio.AsyncLiveClient`."""

    def __init__(self, channel: grpc.Channel, options: ConnectionOptions) -> None:
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
    ) -> EventStream:
        """Yield one streamer's LiveEvents until the LIVE ends; failures raise typed errors.

        A broken stream resumes by itself from its last event (:mod:`tokgate_client.resume`):
        ``resume`` is the backoff's policy, or False to raise the first failure;
        ``resume_from`` starts from a stored position; ``stream.position`` is the last one.
        ``deadline`` bounds the whole stream, resumes included. ``batching`` asks for several
        events per message (fewer messages at a high rate); they are still yielded one by one.
        Closing the stream (or leaving the ``for`` loop and dropping it) cancels the call.
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
        return EventStream(self._resumed_events(resume_state), resume_state)

    def _resumed_events(self, resume: StreamResume) -> Generator[live_pb2.LiveEvent, None, None]:
        """Call StreamEvents until it ends OK, again with the last position while it breaks."""
        while True:
            call = self._stub.StreamEvents(
                resume.request(), timeout=resume.timeout(), metadata=self._options.metadata()
            )
            try:
                for response in call:
                    yield from resume.events(response)
                return
            except grpc.RpcError as err:
                delay = resume.after_failure(err)
            finally:
                call.cancel()
            time.sleep(delay)

    def get_live_status(
        self, unique_id: str, *, deadline: float | None = None
    ) -> live_pb2.GetLiveStatusResponse:
        """Is ``unique_id`` live now, and in which room."""
        request = live_pb2.GetLiveStatusRequest(unique_id=unique_id)
        return self._unary(self._stub.GetLiveStatus, request, deadline)

    def get_room_info(
        self, unique_id: str = "", *, room_id: str = "", deadline: float | None = None
    ) -> live_pb2.GetRoomInfoResponse:
        """A broadcast's title, owner, counts, start, cover and stream URLs: the streamer's
        current (or last) one by ``unique_id``, or the one ``room_id`` names (one of the two)."""
        request = live_pb2.GetRoomInfoRequest(unique_id=unique_id, room_id=room_id)
        return self._unary(self._stub.GetRoomInfo, request, deadline)

    def list_gifts(
        self, unique_id: str = "", *, room_id: str = "", deadline: float | None = None
    ) -> live_pb2.ListGiftsResponse:
        """The gift catalogue of a streamer's room (by ``unique_id`` or ``room_id``)."""
        request = live_pb2.ListGiftsRequest(unique_id=unique_id, room_id=room_id)
        return self._unary(self._stub.ListGifts, request, deadline)


class UserClient(_Service):
    """``tokgate.v1.UserService``; see :class:`tokgate_client.aio.AsyncUserClient`."""

    def __init__(self, channel: grpc.Channel, options: ConnectionOptions) -> None:
        super().__init__(options)
        self._stub = users_pb2_grpc.UserServiceStub(channel)

    def get_user(
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
        return self._unary(self._stub.GetUser, request, deadline)

    def list_user_videos(
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
        return self._unary(self._stub.ListUserVideos, request, deadline)

    def get_video(
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
        return self._unary(self._stub.GetVideo, request, deadline)

    def list_video_comments(
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
        return self._unary(self._stub.ListVideoComments, request, deadline)

    def search_users(
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
        return self._unary(self._stub.SearchUsers, request, deadline)

    def list_trending_videos(
        self, *, page_size: int = 0, page_token: str = "", deadline: float | None = None
    ) -> users_pb2.ListTrendingVideosResponse:
        """One page of trending videos."""
        request = users_pb2.ListTrendingVideosRequest(page_size=page_size, page_token=page_token)
        return self._unary(self._stub.ListTrendingVideos, request, deadline)

    def get_hashtag(
        self, name: str, *, deadline: float | None = None
    ) -> users_pb2.GetHashtagResponse:
        """A hashtag (with or without ``#``)."""
        request = users_pb2.GetHashtagRequest(name=name)
        return self._unary(self._stub.GetHashtag, request, deadline)

    def list_hashtag_videos(
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
        return self._unary(self._stub.ListHashtagVideos, request, deadline)

    def list_user_liked_videos(
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
        return self._unary(self._stub.ListUserLikedVideos, request, deadline)

    def list_user_playlists(
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
        return self._unary(self._stub.ListUserPlaylists, request, deadline)

    def list_playlist_videos(
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
        return self._unary(self._stub.ListPlaylistVideos, request, deadline)

    def list_related_videos(
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
        return self._unary(self._stub.ListRelatedVideos, request, deadline)

    def list_comment_replies(
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
        return self._unary(self._stub.ListCommentReplies, request, deadline)

    def get_sound(
        self, sound_id: str, *, deadline: float | None = None
    ) -> users_pb2.GetSoundResponse:
        """A sound (TikTok's "music"); DataError when TikTok has none by this id."""
        request = users_pb2.GetSoundRequest(sound_id=sound_id)
        return self._unary(self._stub.GetSound, request, deadline)

    def list_sound_videos(
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
        return self._unary(self._stub.ListSoundVideos, request, deadline)


class AdminClient(_Service):
    """``tokgate.v1.AdminService``; see :class:`tokgate_client.aio.AsyncAdminClient`."""

    def __init__(self, channel: grpc.Channel, options: ConnectionOptions) -> None:
        super().__init__(options)
        self._stub = admin_pb2_grpc.AdminServiceStub(channel)

    def get_session_stats(
        self, *, deadline: float | None = None
    ) -> admin_pb2.GetSessionStatsResponse:
        """The TikTokApi browser sessions and their health."""
        request = admin_pb2.GetSessionStatsRequest()
        return self._unary(self._stub.GetSessionStats, request, deadline)

    def get_error_stats(
        self, *, top_users: int = 0, deadline: float | None = None
    ) -> admin_pb2.GetErrorStatsResponse:
        """Failures since start by kind and status code, and the most-failed users."""
        request = admin_pb2.GetErrorStatsRequest(top_users=top_users)
        return self._unary(self._stub.GetErrorStats, request, deadline)

    def list_rooms(self, *, deadline: float | None = None) -> admin_pb2.ListRoomsResponse:
        """The live rooms tokgate holds and their subscribers."""
        return self._unary(self._stub.ListRooms, admin_pb2.ListRoomsRequest(), deadline)

    def list_plugins(self, *, deadline: float | None = None) -> admin_pb2.ListPluginsResponse:
        """The error-classifier plugins, their versions, hooks and state."""
        return self._unary(self._stub.ListPlugins, admin_pb2.ListPluginsRequest(), deadline)


class Client:
    """One blocking channel to tokgate and a client per service: ``live``, ``users``, ``admin``.

    Takes the same arguments as :class:`tokgate_client.aio.AsyncClient`; use it as a context
    manager, or call :meth:`close`.
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
            grpc.secure_channel(options.target, credentials, options.channel_options)
            if credentials is not None
            else grpc.insecure_channel(options.target, options.channel_options)
        )
        self.live = LiveClient(self.channel, options)
        self.users = UserClient(self.channel, options)
        self.admin = AdminClient(self.channel, options)

    def close(self) -> None:
        """Close the channel (running calls are cancelled)."""
        self.channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

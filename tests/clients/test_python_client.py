"""The Python client against a real tokgate server routed to the simulator (loopback).

Failures arrive as the typed exception of their kind, carrying the server's ErrorDetail: for a
unary call, for a stream that fails before any event, and for a stream that fails after events.
"""

from __future__ import annotations

import threading

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import errors_pb2, live_pb2
from tokgate_client import AsyncClient, Client, RetryPolicy, TokgateError, errors, retry_call
from tokgate_client.errors import error_class

ErrorKind = errors_pb2.ErrorKind
INVALID_NAME = "not a user!"


def test_unary_failure_raises_the_typed_exception_with_its_detail(server: ServerHandle) -> None:
    with Client(server.address) as client, pytest.raises(errors.InvalidArgumentError) as caught:
        client.live.get_live_status(unique_id=INVALID_NAME)

    exc = caught.value
    assert exc.code is grpc.StatusCode.INVALID_ARGUMENT
    assert exc.kind == ErrorKind.ERROR_KIND_INVALID_ARGUMENT
    assert exc.detail.error == "Invalid Argument"
    assert exc.detail.message
    assert exc.retryable is False
    assert exc.error_info is not None
    assert exc.error_info.reason == "INVALID_ARGUMENT"
    assert exc.error_info.domain == "tokgate"
    assert isinstance(exc.__cause__, grpc.RpcError)


async def test_async_unary_failure_raises_the_same_exception(server: ServerHandle) -> None:
    async with AsyncClient(server.address) as client:
        with pytest.raises(errors.InvalidArgumentError) as caught:
            await client.users.get_user(unique_id=INVALID_NAME)
    assert caught.value.detail.kind == ErrorKind.ERROR_KIND_INVALID_ARGUMENT


async def test_stream_of_an_invalid_name_raises_before_any_event(server: ServerHandle) -> None:
    async with AsyncClient(server.address) as client:
        with pytest.raises(errors.InvalidArgumentError):
            async for _event in client.live.stream_events(INVALID_NAME):
                pytest.fail("no event expected")


async def test_stream_events_yields_live_events_in_sequence(server: ServerHandle) -> None:
    async with AsyncClient(server.address) as client:
        events: list[live_pb2.LiveEvent] = []
        async for event in client.live.stream_events("@sim_live", deadline=60):
            events.append(event)
            if len(events) == 5:
                break

    assert {event.unique_id for event in events} == {"sim_live"}
    sequences = [event.sequence for event in events]
    assert sequences == sorted(set(sequences))
    assert events[0].WhichOneof("event") == "connected"


def test_offline_streamer_raises_user_offline(server: ServerHandle) -> None:
    with Client(server.address) as client, pytest.raises(errors.UserOfflineError) as caught:
        for _event in client.live.stream_events("sim_offline", deadline=60):
            pytest.fail("no event expected")

    assert caught.value.code is grpc.StatusCode.FAILED_PRECONDITION
    assert caught.value.detail.suggestions


def test_stream_failing_after_events_raises_the_typed_exception(
    simulator: SimulatorHandle,
) -> None:
    """A server shutting down ends its streams with a rich UNAVAILABLE status, after events
    (seen with resume off: on, the client would try to resume from the server that is gone)."""
    with run_server(upstream=simulator, args=["--grace-period", "1"]) as own_server:
        received = 0
        with Client(own_server.address) as client, pytest.raises(TokgateError) as caught:
            for _event in client.live.stream_events("sim_live", deadline=60, resume=False):
                received += 1
                if received == 3:
                    threading.Thread(target=own_server.process.stop, daemon=True).start()

    exc = caught.value
    assert received >= 3
    assert exc.code is grpc.StatusCode.UNAVAILABLE
    assert exc.has_detail, f"no ErrorDetail in {exc!r}"
    assert type(exc) is error_class(exc.detail.kind)
    assert exc.detail.message


@pytest.mark.browser
def test_user_queries_answer_and_fail_typed(server: ServerHandle) -> None:
    with Client(server.address, timeout=60) as client:
        user = client.users.get_user(unique_id="@sim_creator").user
        assert user.unique_id == "sim_creator"

        with pytest.raises(errors.UserNotFoundError) as caught:
            client.users.get_user(unique_id="sim_user_not_found")
    assert caught.value.code is grpc.StatusCode.NOT_FOUND
    assert caught.value.detail.status_code == -1
    assert "userInfo: {}" in caught.value.detail.raw_error


@pytest.mark.browser
async def test_async_user_client_answers_every_user_rpc(server: ServerHandle) -> None:
    """The async twins of the methods tests/users/test_users_more_e2e.py checks through the
    blocking client: each calls its RPC and reads the answer, or raises the typed error."""
    async with AsyncClient(server.address, timeout=60) as client:
        users = client.users
        video = (await users.list_user_videos("alice", page_size=1)).videos[0]
        assert (await users.get_video(url=video.url)).video.id == video.id
        author = (await users.get_user(sec_uid=video.author.sec_uid)).user
        assert author.unique_id == "alice"
        assert (await users.get_user(user_id=author.id)).user.sec_uid == author.sec_uid
        assert len((await users.list_user_liked_videos("alice", page_size=5)).videos) == 5
        playlists = (await users.list_user_playlists("alice")).playlists
        assert len((await users.list_playlist_videos(playlists[0].id, page_size=3)).videos) == 3
        assert len((await users.list_related_videos(video.id, page_size=4)).videos) == 4
        comments = (await users.list_video_comments(video.id)).comments
        answered = max(comments, key=lambda comment: comment.reply_count)
        replies = (await users.list_comment_replies(video.id, answered.id)).replies
        assert len(replies) == answered.reply_count > 0
        assert (await users.get_sound(video.music.id)).sound.id == video.music.id
        assert len((await users.list_sound_videos(video.music.id, page_size=2)).videos) == 2
        with pytest.raises(errors.PrivateAccountError):
            await users.list_user_liked_videos("sim_private_likes")


@pytest.mark.browser
def test_retry_retries_a_retryable_kind_then_raises_it(server: ServerHandle) -> None:
    """sim_bot_detected answers an empty body: BOT_DETECTION, retryable, every time."""
    attempts = 0
    with Client(server.address, timeout=60) as client:

        def get_user() -> object:
            nonlocal attempts
            attempts += 1
            return client.users.get_user(unique_id="sim_bot_detected")

        with pytest.raises(errors.BotDetectionError) as caught:
            retry_call(get_user, RetryPolicy(max_attempts=3, initial_backoff=0.05))
    assert attempts == 3
    assert caught.value.retryable


async def test_admin_client_lists_plugins_and_rooms(server: ServerHandle) -> None:
    async with AsyncClient(server.address) as client:
        with pytest.raises(errors.InvalidArgumentError):
            await client.live.get_live_status(unique_id=INVALID_NAME)  # one failure to count
        plugins = await client.admin.list_plugins()
        rooms = await client.admin.list_rooms()
        stats = await client.admin.get_error_stats(top_users=5)
    assert any(plugin.builtin for plugin in plugins.plugins)
    assert all(room.unique_id for room in rooms.rooms)
    assert stats.total >= 1
    assert ErrorKind.ERROR_KIND_INVALID_ARGUMENT in {entry.kind for entry in stats.by_kind}


def test_room_info_and_gifts_by_name_and_by_room_id(server: ServerHandle) -> None:
    with Client(server.address) as client:
        room_id = client.live.get_live_status(unique_id="sim_live").room_id
        by_name = client.live.get_room_info("@sim_live")
        by_room = client.live.get_room_info(room_id=room_id)
        gifts = client.live.list_gifts(room_id=room_id).gifts
        with pytest.raises(errors.InvalidArgumentError):
            client.live.get_room_info("sim_live", room_id=room_id)  # one of the two
    assert by_name.room_id == by_room.room_id == room_id
    assert by_name.is_live and by_name.title and by_name.owner.unique_id == "sim_live"
    assert {url.format for url in by_name.stream_urls} == {
        live_pb2.STREAM_FORMAT_FLV,
        live_pb2.STREAM_FORMAT_HLS,
    }
    assert gifts and all(gift.name and gift.diamond_count > 0 for gift in gifts)


async def test_stream_events_by_room_id_is_the_streamers_stream(server: ServerHandle) -> None:
    async with AsyncClient(server.address) as client:
        room_id = (await client.live.get_live_status(unique_id="sim_live")).room_id
        events: list[live_pb2.LiveEvent] = []
        async for event in client.live.stream_events(room_id=room_id, deadline=60):
            events.append(event)
            if len(events) == 3:
                break
    assert {(event.unique_id, event.room_id) for event in events} == {("sim_live", room_id)}

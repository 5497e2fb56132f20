"""End to end, the rest of TikTokApi: liked videos, sounds, a video from its URL, a user by
sec_uid, related videos, comment replies, playlists; and refused ms tokens in the session stats.

The real TikTokApi in Debian's Chromium against the simulator, over gRPC: one simulator and one
``tokgate serve`` (two browser sessions, two ms tokens) for the module. Each RPC, called through
the Python client's UserClient, answers typed data, and its error scenario the ErrorDetail and
gRPC code of the kind table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import grpc
import pytest
from tokgate.sim.profiles import share_code
from tokgate.sim.state import sec_uid_of
from tokgate.testing import ServerHandle, SimulatorHandle, wait_until
from tokgate.v1 import admin_pb2, errors_pb2, users_pb2, users_pb2_grpc
from tokgate_client import Client, UserClient

if TYPE_CHECKING:
    from tests.conftest import Failure
    from tests.users.conftest import TokgateUser

pytestmark = pytest.mark.browser

DEADLINE = 15.0
K = errors_pb2.ErrorKind
TOKENS = ("more-e2e-token-one-0123456789", "more-e2e-token-two-0123456789")
NO_CACHE = (("cache-control", "no-cache"),)


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions", "2", "--call-deadline", "10", "--session-recreate-backoff", "0.5",
        "--retry-delay", "0.1", "--ms-tokens", ",".join(TOKENS),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def users(server: ServerHandle) -> users_pb2_grpc.UserServiceStub:
    wait_until(lambda: server.session_stats().healthy_sessions == 2)
    return users_pb2_grpc.UserServiceStub(server.channel())


@pytest.fixture(scope="module")
def client(users: users_pb2_grpc.UserServiceStub, server: ServerHandle) -> Iterator[UserClient]:
    """The Python client's UserClient on the module's server (once its sessions are up)."""
    with Client(server.address, timeout=DEADLINE) as connected:
        yield connected.users


@pytest.fixture(scope="module")
def alice_video(client: UserClient) -> users_pb2.Video:
    """One of @alice's videos (the simulator then knows it, its sound and its comments)."""
    return client.list_user_videos("alice", page_size=1).videos[0]


def test_liked_videos_page_and_a_private_liked_list_is_permission_denied(
    client: UserClient, failure: Failure
) -> None:
    first = client.list_user_liked_videos("@alice", page_size=20)
    assert len(first.videos) == 20 and first.next_page_token
    assert all(video.id and video.author.unique_id for video in first.videos)
    rest = client.list_user_liked_videos("alice", page_size=20, page_token=first.next_page_token)
    assert len(rest.videos) == 13 and not rest.next_page_token  # the simulator's 33
    assert {v.id for v in first.videos}.isdisjoint({v.id for v in rest.videos})

    code, detail = failure(lambda: client.list_user_liked_videos("sim_private_likes"))
    assert code == grpc.StatusCode.PERMISSION_DENIED
    assert (detail.kind, detail.status_code, detail.retryable) == (
        K.ERROR_KIND_PRIVATE_ACCOUNT, 10222, False,
    )  # fmt: skip


def test_a_sound_and_its_videos_and_an_unknown_sound_is_not_found(
    client: UserClient, alice_video: users_pb2.Video, failure: Failure
) -> None:
    sound_id = alice_video.music.id
    sound = client.get_sound(sound_id).sound
    assert (sound.id, sound.title) == (sound_id, alice_video.music.title)
    assert sound.author_name == "alice" and sound.original and sound.video_count == 40
    assert sound.duration.seconds > 0 and sound.play_url

    first = client.list_sound_videos(sound_id, page_size=30)
    assert len(first.videos) == 30 and first.next_page_token
    assert {video.music.id for video in first.videos} == {sound_id}
    rest = client.list_sound_videos(sound_id, page_size=30, page_token=first.next_page_token)
    assert len(rest.videos) == 10 and not rest.next_page_token

    unknown = "7000000000000000001"
    for call in (lambda: client.get_sound(unknown), lambda: client.list_sound_videos(unknown)):
        code, detail = failure(call)
        assert code == grpc.StatusCode.NOT_FOUND
        assert (detail.kind, detail.status_code, detail.retryable) == (K.ERROR_KIND_DATA, 0, False)


def test_a_video_from_its_url_or_short_link_and_a_deleted_video_is_not_found(
    client: UserClient, alice_video: users_pb2.Video, failure: Failure
) -> None:
    by_url = client.get_video(url=alice_video.url + "?is_from_webapp=1").video
    assert (by_url.id, by_url.author.unique_id) == (alice_video.id, "alice")
    short = f"https://www.tiktok.com/t/{share_code(alice_video.id)}/"
    by_link = client.get_video(url=short).video
    assert (by_link.id, by_link.description) == (alice_video.id, alice_video.description)

    listed = client.list_user_videos("sim_deleted_video", page_size=1).videos[0]
    code, detail = failure(lambda: client.get_video(url=listed.url))
    assert code == grpc.StatusCode.NOT_FOUND
    assert (detail.kind, detail.status_code, detail.retryable) == (K.ERROR_KIND_DATA, 10204, False)

    def refused(url: str, video_id: str = "") -> str:
        code, detail = failure(lambda: client.get_video(video_id, url=url))
        assert code == grpc.StatusCode.INVALID_ARGUMENT
        return detail.metadata["field"]

    assert refused("https://example.com/@alice/video/1") == "url"
    assert refused(alice_video.url, video_id=alice_video.id) == "url"


def test_a_user_by_sec_uid_or_id_and_an_unknown_one_is_not_found(
    client: UserClient, alice_video: users_pb2.Video, failure: Failure
) -> None:
    user = client.get_user(sec_uid=sec_uid_of("alice")).user
    assert (user.unique_id, user.sec_uid) == ("alice", sec_uid_of("alice"))
    assert user.stats.follower_count > 0
    # By id: TikTok's share link /share/user/ID, which sends the browser to the profile.
    by_id = client.get_user(user_id=alice_video.author.id).user
    assert (by_id.unique_id, by_id.id, by_id.sec_uid) == ("alice", user.id, user.sec_uid)
    assert by_id.stats.follower_count == user.stats.follower_count

    def not_found(sec_uid: str = "", user_id: str = "") -> None:
        code, detail = failure(lambda: client.get_user(sec_uid=sec_uid, user_id=user_id))
        assert code == grpc.StatusCode.NOT_FOUND
        assert (detail.kind, detail.status_code) == (K.ERROR_KIND_USER_NOT_FOUND, 10221)

    not_found(sec_uid="MS4wLjABAAAAnot-a-user-at-all")
    not_found(user_id="6000000000000000001")
    code, detail = failure(lambda: client.get_user("alice", sec_uid=sec_uid_of("alice")))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and detail.metadata["field"] == "sec_uid"


def test_related_videos_and_replies_page_and_refuse_a_token_of_another_list(
    client: UserClient, alice_video: users_pb2.Video, failure: Failure
) -> None:
    related = client.list_related_videos(alice_video.id, page_size=5)
    assert len(related.videos) == 5 and related.next_page_token

    comments = client.list_video_comments(alice_video.id, page_size=30).comments
    answered = max(comments, key=lambda comment: comment.reply_count)
    assert answered.reply_count > 0
    replies = client.list_comment_replies(alice_video.id, answered.id)
    assert len(replies.replies) == answered.reply_count and not replies.next_page_token
    assert all(reply.video_id == alice_video.id and reply.text for reply in replies.replies)

    # A page token continues only its own list: the related feed's is refused for replies.
    code, detail = failure(
        lambda: client.list_comment_replies(
            alice_video.id, answered.id, page_token=related.next_page_token
        )
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and detail.metadata["field"] == "page_token"


def test_playlists_and_their_videos_and_a_private_account_is_permission_denied(
    client: UserClient, failure: Failure
) -> None:
    playlists = client.list_user_playlists("alice").playlists
    assert len(playlists) == 3
    assert all(p.name and p.video_count == 8 and p.creator.unique_id == "alice" for p in playlists)
    videos = client.list_playlist_videos(playlists[1].id, page_size=5)
    assert len(videos.videos) == 5 and videos.next_page_token
    assert {video.author.unique_id for video in videos.videos} == {"alice"}

    code, detail = failure(lambda: client.list_user_playlists("sim_private"))
    assert code == grpc.StatusCode.PERMISSION_DENIED
    assert detail.kind == K.ERROR_KIND_PRIVATE_ACCOUNT


def test_tokgate_user_liked_sound_and_video(
    alice_video: users_pb2.Video, tokgate_user: TokgateUser
) -> None:
    liked = tokgate_user("liked", "@alice")
    assert liked.returncode == 0, liked.stderr
    assert liked.stdout.count(" plays · ") == 30 and "next page: --page-token " in liked.stdout
    sound = tokgate_user("sound", alice_video.music.id)
    assert sound.returncode == 0, sound.stderr
    assert "by alice [original]" in sound.stdout and "used in 40 videos" in sound.stdout
    video = tokgate_user("video", alice_video.url)
    assert video.returncode == 0, video.stderr
    assert alice_video.description in video.stdout and alice_video.url in video.stdout
    failed = tokgate_user("liked", "@sim_private_likes")
    assert failed.returncode == 1
    assert "[PRIVATE_ACCOUNT]" in failed.stdout and "Suggestions:" in failed.stdout


def test_a_refused_token_shows_as_refused_in_the_session_stats(
    simulator: SimulatorHandle, server: ServerHandle, users: users_pb2_grpc.UserServiceStub
) -> None:
    """The guide: a token TikTok refuses is marked refused, its session recreated on another,
    and GetSessionStats shows it by its place, never by its value. Last in the module: it
    leaves both sessions on the second token."""
    before = server.session_stats()
    assert [(t.position, t.state) for t in before.ms_tokens] == [
        (1, admin_pb2.MS_TOKEN_STATE_USABLE), (2, admin_pb2.MS_TOKEN_STATE_USABLE),
    ]  # fmt: skip
    assert sorted(s for t in before.ms_tokens for s in t.session_ids) == ["s1", "s2"]

    def refused() -> bool:
        return server.session_stats().ms_tokens[0].state == admin_pb2.MS_TOKEN_STATE_REFUSED

    simulator.control("POST", "ms_tokens/refuse", json={"tokens": [TOKENS[0]]})
    try:
        for index in range(12):  # each lands on the refused token's session or the other's
            users.GetUser(
                users_pb2.GetUserRequest(unique_id=f"fresh_user_{index}"),
                timeout=DEADLINE,
                metadata=NO_CACHE,
            )
            if refused():
                break
    finally:
        simulator.control("POST", "ms_tokens/accept", json={"tokens": [TOKENS[0]]})
    wait_until(lambda: server.session_stats().healthy_sessions == 2)
    after = server.session_stats()
    assert [(t.position, t.state) for t in after.ms_tokens] == [
        (1, admin_pb2.MS_TOKEN_STATE_REFUSED), (2, admin_pb2.MS_TOKEN_STATE_USABLE),
    ]  # fmt: skip
    assert (list(after.ms_tokens[0].session_ids), sorted(after.ms_tokens[1].session_ids)) == (
        [], ["s1", "s2"],
    )  # fmt: skip
    assert all(token not in str(after) for token in TOKENS)

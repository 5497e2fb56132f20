"""The new queries' pieces on their own: video URLs, sec_uids, a profile page's user data, and
TikTok's sound and playlist JSON to typed messages (the shapes TikTokApi 7.3.3 reads; fields
TikTok leaves out become zero values)."""

from __future__ import annotations

import json

import pytest
from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.sim.profiles import playlist_struct, share_code, video_of_share_code, video_struct
from tokgate.users import convert, request_fields
from tokgate.users.request_fields import VideoUrl
from tokgate.users.video_page import user_detail_of


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.tiktok.com/@Alice.B/video/7106686413101468970?is_from_webapp=1#top",
            VideoUrl("7106686413101468970", "Alice.B"),
        ),
        ("https://m.tiktok.com/@alice/video/71066864/", VideoUrl("71066864", "alice")),
        (
            "https://tiktok.com/t/ZTRabc123/",
            VideoUrl(short_link="https://www.tiktok.com/t/ZTRabc123/"),
        ),
    ],
)
def test_a_video_url_names_the_video_and_its_author_or_a_short_link(
    url: str, expected: VideoUrl
) -> None:
    assert request_fields.video_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/@alice/video/1",  # another host
        "https://www.tiktok.com.evil.example/@alice/video/1",
        "ftp://www.tiktok.com/@alice/video/1",
        "https://www.tiktok.com/@alice/video/12ab",  # not an id
        "https://www.tiktok.com/@no spaces/video/1",  # not a username
        "https://www.tiktok.com/@alice",  # a profile, not a video
        "https://www.tiktok.com/t/../../api/",  # no path steps in a short link
        "",
    ],
)
def test_anything_else_is_an_invalid_url(url: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        request_fields.video_url(url)
    assert caught.value.field == "url"


def test_a_sec_uid_is_base64url_and_nothing_else() -> None:
    assert request_fields.sec_uid("MS4wLjABAAAAabc-_123") == "MS4wLjABAAAAabc-_123"
    for bad in ("short", "MS4wLjABAAAA/../x", "MS4wLjABAAAA?x=1", "x" * 201):
        with pytest.raises(InvalidArgumentError):
            request_fields.sec_uid(bad)


def test_a_sound_from_music_detail() -> None:
    music = video_struct("alice", 0)["music"]
    sound = convert.sound({"musicInfo": {"music": music, "stats": {"videoCount": 12}}})
    assert (sound.id, sound.title, sound.author_name) == (
        music["id"], "original sound - alice", "alice",
    )  # fmt: skip
    assert sound.original and sound.duration.seconds == music["duration"]
    assert (sound.play_url, sound.cover_url, sound.video_count) == (
        music["playUrl"], music["coverLarge"], 12,
    )  # fmt: skip
    # TikTok's play URL also comes as {"url_list": [...]}; missing fields are zero values.
    listed = convert.sound({"musicInfo": {"music": {"id": "1", "playUrl": {"url_list": ["u"]}}}})
    assert (listed.id, listed.play_url, listed.title, listed.video_count) == ("1", "u", "", 0)
    assert not listed.HasField("duration")


def test_a_playlist_from_either_of_tiktoks_key_sets() -> None:
    row = playlist_struct("alice", 0)
    playlist = convert.playlist(row)
    assert (playlist.id, playlist.name, playlist.video_count) == (row["id"], "alice mix 1", 8)
    assert playlist.creator.unique_id == "alice" and playlist.cover_url == row["cover"]
    older = convert.playlist({"mixId": "7", "mixName": "old", "videoCount": "3"})
    assert (older.id, older.name, older.video_count, older.creator.unique_id) == (
        "7", "old", 3, "",
    )  # fmt: skip


def test_the_simulators_share_code_reads_back() -> None:
    assert video_of_share_code(share_code("7106686413101468970")) == "7106686413101468970"
    assert video_of_share_code("not-base36!") is None


def test_a_profile_pages_user_detail_scope() -> None:
    scope = {"statusCode": 0, "userInfo": {"user": {"uniqueId": "alice"}, "stats": {}}}
    page = (
        '<html><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
        + json.dumps({"__DEFAULT_SCOPE__": {"webapp.user-detail": scope}})
        + "</script></html>"
    )
    assert user_detail_of(page) == scope
    assert convert.user_detail(scope).unique_id == "alice"
    assert user_detail_of("<html>a captcha page</html>") is None
    no_user = page.replace("webapp.user-detail", "webapp.other")
    assert user_detail_of(no_user) is None

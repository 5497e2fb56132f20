"""A room's converted users (UserCache): bounded like every buffer, evicted least recently used,
reported; and the conversion from TikTok's bytes on the edges TikTok's usual users do not reach."""

from __future__ import annotations

from typing import Any

import pytest
import tokgate_native
from tokgate import metrics
from tokgate.bounds import Bounds
from tokgate.live import webcast_user
from tokgate.live.decode import ALL_EVENT_TYPES, WebcastDecoder
from tokgate.live.webcast_user import BUFFER, ENTRY_OVERHEAD, UserCache, fill_user
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

LOTS = 1 << 30


class Clock:
    """The cache's monotonic clock, set by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(webcast_user, "_monotonic", fake)
    return fake


def raw(index: int, **fields: Any) -> bytes:
    """A user without badges (one entry each): `index` makes its bytes its own."""
    return webcast_pb2.User(id=index, nickname=f"viewer {index:04d}", **fields).SerializeToString()


def fill(cache: UserCache, raw_user: bytes) -> live_pb2.LiveUser:
    target = live_pb2.LiveUser()
    cache.fill(target, raw_user)
    return target


def size(raw_user: bytes) -> int:
    """What one user without badges counts in bytes."""
    return len(raw_user) + len(fill(UserCache(), raw_user).SerializeToString()) + ENTRY_OVERHEAD


def test_a_hit_gives_what_the_conversion_gave() -> None:
    cache = UserCache()
    user = raw(1, display_id="viewer_1")
    first = fill(cache, user)
    assert user in cache
    assert fill(cache, user) == first
    assert first == live_pb2.LiveUser(user_id="1", unique_id="viewer_1", nickname="viewer 0001")


def test_the_entries_bound_evicts_the_least_recently_used(clock: Clock) -> None:
    cache = UserCache(Bounds(max_bytes=LOTS, max_age=60.0, max_entries=3))
    a, b, c, d = (raw(index) for index in range(4))
    for user in (a, b, c):
        fill(cache, user)
    fill(cache, a)  # a is used again: b is now the least recently used
    fill(cache, d)
    assert (a in cache, b in cache, c in cache, d in cache) == (True, False, True, True)
    assert len(cache) == 3


def test_without_use_the_oldest_goes_first(clock: Clock) -> None:
    cache = UserCache(Bounds(max_bytes=LOTS, max_age=60.0, max_entries=2))
    a, b, c = (raw(index) for index in range(3))
    for user in (a, b, c):
        fill(cache, user)
    assert (a in cache, b in cache, c in cache) == (False, True, True)


def test_when_every_entry_was_used_the_oldest_goes(clock: Clock) -> None:
    cache = UserCache(Bounds(max_bytes=LOTS, max_age=60.0, max_entries=2))
    a, b, c = (raw(index) for index in range(3))
    for user in (a, b, b, a):
        fill(cache, user)
    fill(cache, c)  # a and b get their second chance, then a, the oldest, goes first
    assert (a in cache, b in cache, c in cache) == (False, True, True)


def test_the_bytes_bound_counts_both_sides_of_an_entry(clock: Clock) -> None:
    users = [raw(index) for index in range(1, 5)]  # bytes of one size
    cache = UserCache(Bounds(max_bytes=2 * size(users[0]), max_age=60.0, max_entries=100))
    fill(cache, users[0])
    assert cache.nbytes == size(users[0])
    for user in users[1:]:
        fill(cache, user)
    assert cache.nbytes == 2 * size(users[0])
    assert [user in cache for user in users] == [False, False, True, True]


def test_an_entry_unused_for_max_age_is_forgotten(clock: Clock) -> None:
    cache = UserCache(Bounds(max_bytes=LOTS, max_age=10.0, max_entries=100))
    a, b, c = (raw(index) for index in range(3))
    fill(cache, a)
    clock.now += 5
    fill(cache, b)
    clock.now += 6  # a is 11 s old, b 6 s
    fill(cache, b)  # a hit checks the age too
    assert (a in cache, b in cache) == (False, True)
    clock.now += 5  # b, used since it was queued, gets a second chance
    fill(cache, c)
    assert (b in cache, c in cache) == (True, True)
    clock.now += 11  # unused since: gone
    fill(cache, c)
    assert (b in cache, c in cache) == (False, True)


def test_new_bounds_apply_at_once(clock: Clock) -> None:
    cache = UserCache(Bounds(max_bytes=LOTS, max_age=60.0, max_entries=10))
    users = [raw(index) for index in range(5)]
    for user in users:
        fill(cache, user)
    cache.bounds = Bounds(max_bytes=LOTS, max_age=60.0, max_entries=2)
    assert len(cache) == 2 and users[-1] in cache


def test_only_what_the_compiled_decoder_converts_is_kept() -> None:
    """The frame call seals a kept user's bytes as they are: only its own conversions are kept.
    A user it hands back (here, with an empty group) is converted in Python, the same user."""
    badge = webcast_pb2.BadgeStruct(
        scene_type=webcast_pb2.BADGE_SCENE_TYPE_SUBSCRIBER,
        image=webcast_pb2.ImageBadge(image=webcast_pb2.ImageModel(url_list=["https://x/sub.png"])),
    )
    cache = UserCache()
    usual, odd = raw(1, badge_list=[badge]), raw(2, badge_list=[badge]) + b"\x0b\x0c"
    for user in (usual, odd):
        converted = fill(cache, user)
        assert converted.is_subscriber and converted.badges[0].image_url == "https://x/sub.png"
    assert tokgate_native.convert_user(odd) is None
    assert usual in cache and odd not in cache and len(cache) == 1
    assert cache.entries[usual][0] == tokgate_native.convert_user(usual)


def test_sizes_are_reported_as_live_user_cache() -> None:
    def sample(name: str) -> float:
        return metrics.REGISTRY.get_sample_value(name, {"buffer": BUFFER}) or 0.0

    cache = UserCache()
    entries, nbytes = sample("tokgate_buffer_entries"), sample("tokgate_buffer_bytes")
    fill(cache, raw(1))
    assert sample("tokgate_buffer_entries") == entries + 1
    assert sample("tokgate_buffer_bytes") == nbytes + cache.nbytes


def test_a_user_that_is_not_utf8_makes_its_message_other_and_is_not_kept() -> None:
    user = webcast_pb2.User(id=7).SerializeToString() + b"\x1a\x02\xff\xfe"  # nickname
    payload = webcast_pb2.WebcastChatMessage(content="hi").SerializeToString()
    payload += b"\x12" + bytes((len(user),)) + user
    decoded = WebcastDecoder().decode("WebcastChatMessage", payload, ALL_EVENT_TYPES)
    assert decoded.event_type == live_pb2.EVENT_TYPE_OTHER and decoded.malformed is not None
    cache = UserCache()
    with pytest.raises(Exception, match=r"(?i)utf|pars|decod"):
        fill(cache, user)
    assert user not in cache


LONG_URL = "https://p16-sign.tiktokcdn.com/avatar/" + "x" * 300 + ".webp"


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        (  # a URL whose length takes two bytes
            webcast_pb2.User(avatar_thumb=webcast_pb2.ImageModel(url_list=[LONG_URL, "b"])),
            live_pb2.LiveUser(avatar_url=LONG_URL),
        ),
        (  # an image whose URL is not its first field (avatar_thumb is field 9)
            b"\x4a\x06" + b"\x12\x01u" + b"\x0a\x01a",
            live_pb2.LiveUser(avatar_url="a"),
        ),
        (webcast_pb2.User(avatar_thumb=webcast_pb2.ImageModel(uri="u")), live_pb2.LiveUser()),
        (
            webcast_pb2.User(follow_info=webcast_pb2.FollowInfo()),
            live_pb2.LiveUser(follow_role=live_pb2.FOLLOW_ROLE_NONE),
        ),
        (
            webcast_pb2.User(follow_info=webcast_pb2.FollowInfo(follow_status=1, follower_count=3)),
            live_pb2.LiveUser(follow_role=live_pb2.FOLLOW_ROLE_FOLLOWER, follower_count=3),
        ),
        (
            webcast_pb2.User(
                follow_info=webcast_pb2.FollowInfo(follow_status=-1, follower_count=-2)
            ),
            live_pb2.LiveUser(follow_role=live_pb2.FOLLOW_ROLE_FRIEND, follower_count=-2),
        ),
        (
            webcast_pb2.User(
                follow_info=webcast_pb2.FollowInfo(follow_status=2, follower_count=1 << 40)
            ),
            live_pb2.LiveUser(follow_role=live_pb2.FOLLOW_ROLE_FRIEND, follower_count=1 << 40),
        ),
        (
            webcast_pb2.User(id=-5, display_id="d" * 200, nickname="✨" * 100),
            live_pb2.LiveUser(user_id="-5", unique_id="d" * 200, nickname="✨" * 100),
        ),
        (
            webcast_pb2.User(
                badge_list=[
                    webcast_pb2.BadgeStruct(
                        scene_type=webcast_pb2.BADGE_SCENE_TYPE_FANS,
                        privilege_log_extra=webcast_pb2.PrivilegeLogExtra(level="7"),
                        str=webcast_pb2.StringBadge(str="Team"),
                    ),
                    webcast_pb2.BadgeStruct(
                        scene_type=webcast_pb2.BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_RANK_LIST,
                        privilege_log_extra=webcast_pb2.PrivilegeLogExtra(level="3"),
                        combine=webcast_pb2.CombineBadgeStruct(str="top"),
                    ),
                    webcast_pb2.BadgeStruct(scene_type=999),
                ]
            ),
            live_pb2.LiveUser(
                member_level=7,
                top_gifter_rank=3,
                badges=[
                    live_pb2.LiveBadge(scene="FANS", level=7, text="Team"),
                    live_pb2.LiveBadge(scene="RANK_LIST", level=3, text="top"),
                    live_pb2.LiveBadge(scene="999"),
                ],
            ),
        ),
    ],
)
def test_the_conversion_on_tiktoks_edges(
    user: webcast_pb2.User | bytes, expected: live_pb2.LiveUser
) -> None:
    raw_user = user.SerializeToString() if isinstance(user, webcast_pb2.User) else user
    assert fill(UserCache(), raw_user) == expected
    parsed = live_pb2.LiveUser()
    fill_user(parsed, webcast_pb2.User.FromString(raw_user))
    assert parsed == expected

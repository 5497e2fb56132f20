"""TikTok's webcast `User` as the contract's `LiveUser`: follow role, roles, levels and badges.

TikTok tells a user's standing in two places: the badges on the user (moderator, subscriber, fan
club and gifter levels, top gifter), which every message carries, and a message's `user_identity`
(comments, gifts, emotes), which is TikTok's own answer for that message's sender. Both are read;
an identity only adds to what the badges say. Badge levels are TikTokLive's reading
(`ExtendedUser.member_level`, `gifter_level`, `is_moderator`): the badge's privilege level, by the
badge's scene. This runs for nearly every event, so it reads each field once and builds nothing
it does not fill, and a room keeps the users it converted (UserCache).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, cast

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.internal.containers import RepeatedCompositeFieldContainer

from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

# TikTok's follow_status: 0 none, 1 the user follows the streamer, 2 and up mutual.
_FOLLOW_ROLES: Final = (live_pb2.FOLLOW_ROLE_NONE, live_pb2.FOLLOW_ROLE_FOLLOWER)
# TikTok's scene names repeat their prefix for some values (BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_...).
_SCENE_NAMES: Final = {
    number: name.replace("BADGE_SCENE_TYPE_", "")
    for name, number in webcast_pb2.BadgeSceneType.items()
    if number
}
_ADMIN: Final = webcast_pb2.BADGE_SCENE_TYPE_ADMIN
_SUBSCRIBER_SCENES: Final = frozenset(
    {webcast_pb2.BADGE_SCENE_TYPE_SUBSCRIBER, webcast_pb2.BADGE_SCENE_TYPE_NEW_SUBSCRIBER}
)
_FANS: Final = webcast_pb2.BADGE_SCENE_TYPE_FANS
_USER_GRADE: Final = webcast_pb2.BADGE_SCENE_TYPE_USER_GRADE
_RANK_LIST: Final = webcast_pb2.BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_RANK_LIST
_ROLE_SCENES: Final = frozenset({_ADMIN, _FANS, _USER_GRADE, _RANK_LIST} | _SUBSCRIBER_SCENES)
# A top-gifter badge's image names the place: .../ranklist_top_gifter_2.png.
_TOP_GIFTER_IMAGE: Final = re.compile(r"ranklist_top_gifter_(\d+)")


USER_CACHE_ENTRIES: Final = 1024
"""Users a room keeps converted: at most about 0.7 MB (TikTok's user, ~450 bytes, and ours)."""


class UserCache:
    """A room's converted users, by their wire bytes.

    A room's viewers come back (likes come in bursts, chatters chat on), and TikTok sends the same
    bytes for the same user: merging a converted LiveUser costs a fraction of reading every
    field and badge again on the upb runtime. The oldest entry goes when the cache is full.
    """

    __slots__ = ("_converted", "_limit")

    def __init__(self, limit: int = USER_CACHE_ENTRIES) -> None:
        self._converted: dict[bytes, bytes] = {}
        self._limit = limit

    def fill(self, target: live_pb2.LiveUser, raw_user: bytes) -> None:
        """The user whose webcast `User` bytes are `raw_user`, into `target` (a new LiveUser)."""
        converted = self._converted.get(raw_user)
        if converted is not None:
            target.MergeFromString(converted)
            return
        fill_user(target, webcast_pb2.User.FromString(raw_user))  # `target` is still empty
        if len(self._converted) >= self._limit:
            del self._converted[next(iter(self._converted))]
        self._converted[raw_user] = target.SerializeToString()


def raw_user_reader(field_number: int) -> Callable[[bytes], bytes]:
    """Reads a message's `User` field (by number) from its payload as bytes, not parsed.

    A message that holds only that field, as bytes, parses a payload in about half the time of
    the full message (the rest stays unknown), and hands UserCache its key.
    """
    name = f"UserAt{field_number}"
    file = descriptor_pb2.FileDescriptorProto(
        name=f"tokgate/live/user_at_{field_number}.proto",
        package="tokgate.live.raw",
        syntax="proto3",
    )
    file.message_type.add(name=name).field.add(
        name="user",
        number=field_number,
        type=descriptor_pb2.FieldDescriptorProto.TYPE_BYTES,
        label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
    )
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    parse = message_factory.GetMessageClass(
        pool.FindMessageTypeByName(f"tokgate.live.raw.{name}")
    ).FromString

    def read(payload: bytes) -> bytes:
        return cast(bytes, parse(payload).user)  # type: ignore[attr-defined]

    return read


def fill_user(target: live_pb2.LiveUser, user: webcast_pb2.User) -> None:
    """TikTok's user into `target`; unique_id is `display_id` (ExtendedUser.unique_id's source)."""
    if user.id:
        target.user_id = str(user.id)
    target.unique_id = user.display_id
    target.nickname = user.nickname
    avatars = user.avatar_thumb.url_list
    if avatars:
        target.avatar_url = avatars[0]
    if user.HasField("follow_info"):
        follow = user.follow_info
        status = follow.follow_status
        target.follow_role = (
            _FOLLOW_ROLES[status] if 0 <= status < 2 else live_pb2.FOLLOW_ROLE_FRIEND
        )
        target.follower_count = follow.follower_count
    badges = user.badge_list
    if badges:
        _fill_badges(target, badges)


def fill_identity(target: live_pb2.LiveUser, identity: webcast_pb2.UserIdentity) -> None:
    """A message's word on its sender's standing with the streamer, added to the user's own."""
    if identity.is_moderator_of_anchor:
        target.is_moderator = True
    if identity.is_subscriber_of_anchor:
        target.is_subscriber = True
    if identity.is_mutual_following_with_anchor:
        target.follow_role = live_pb2.FOLLOW_ROLE_FRIEND
    elif identity.is_follower_of_anchor and target.follow_role != live_pb2.FOLLOW_ROLE_FRIEND:
        target.follow_role = live_pb2.FOLLOW_ROLE_FOLLOWER


def fill_user_ref(
    target: live_pb2.LiveUser, user_id: int | str, nickname: str, avatar: webcast_pb2.ImageModel
) -> None:
    """A user TikTok names only by id, nickname and avatar (battle armies, envelopes)."""
    if user_id:
        target.user_id = str(user_id)
    target.nickname = nickname
    avatars = avatar.url_list
    if avatars:
        target.avatar_url = avatars[0]


def first_url(image: webcast_pb2.ImageModel) -> str:
    """An image's first URL, or empty."""
    urls = image.url_list
    return urls[0] if urls else ""


def _fill_badges(
    target: live_pb2.LiveUser, badges: RepeatedCompositeFieldContainer[webcast_pb2.BadgeStruct]
) -> None:
    """Each badge as LiveBadge; the scenes that say something about the user set its fields.

    Image badges are the common kind, so they are read first, and a badge's level only for the
    scenes that have one: every attribute read of the upb runtime costs about as much as a
    field's whole parse.
    """
    add = target.badges.add
    for badge in badges:
        scene = badge.scene_type
        name = _SCENE_NAMES.get(scene) or (str(scene) if scene else "")
        images = badge.image.image.url_list
        added = (
            add(scene=name, image_url=images[0]) if images else add(scene=name, text=_text(badge))
        )
        if scene in _ROLE_SCENES:
            _apply_scene(target, added, scene, badge)


def _text(badge: webcast_pb2.BadgeStruct) -> str:
    """A badge's text: TikTok sends a text, a string or a combined badge (then with an icon)."""
    if badge.HasField("text"):
        return badge.text.default_pattern
    if badge.HasField("str"):
        return badge.str.str
    return badge.combine.str


def _apply_scene(
    target: live_pb2.LiveUser,
    added: live_pb2.LiveBadge,
    scene: int,
    badge: webcast_pb2.BadgeStruct,
) -> None:
    """What a moderator, subscriber, fan club, gifter level or top gifter badge says."""
    if scene == _ADMIN:
        target.is_moderator = True
        return
    if scene in _SUBSCRIBER_SCENES:
        target.is_subscriber = True
        return
    level_text = badge.privilege_log_extra.level
    level = int(level_text) if level_text.isdigit() else 0
    added.level = level
    if scene == _FANS:
        target.member_level = level
    elif scene == _USER_GRADE:
        target.gifter_level = level
    else:
        place = _TOP_GIFTER_IMAGE.search(added.image_url)
        target.top_gifter_rank = int(place.group(1)) if place else level

"""TikTok's webcast `User` as the contract's `LiveUser`: follow role, roles, levels and badges.

TikTok tells a user's standing in two places: the badges on the user (moderator, subscriber, fan
club and gifter levels, top gifter), which every message carries, and a message's `user_identity`
(comments, gifts, emotes), which is TikTok's own answer for that message's sender. Both are read;
an identity only adds to what the badges say. Badge levels are TikTokLive's reading
(`ExtendedUser.member_level`, `gifter_level`, `is_moderator`): the badge's privilege level, by the
badge's scene.

This runs for nearly every event, and on the upb runtime every attribute read of a parsed message
costs about as much as parsing a small message, so a user is converted from its wire bytes to
LiveUser's wire bytes (`convert_user`) with as few reads as it takes:
  - the user is parsed with a view (`_UserView`) that declares only what LiveUser needs, the
    avatar as bytes (its first URL is read off them) and each badge as bytes;
  - a badge becomes a fragment of LiveUser (its LiveBadge and what its scene says about the
    user), kept by its bytes: TikTok sends the same badge bytes to every user at the same level;
  - the fragments are joined and merged once; fields merge in order, as the badges are read.
A room keeps the users and badges it converted (UserCache), within bounds like every buffer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, Final, Protocol, TypeVar, cast

import tokgate_native
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import Message

from tokgate.bounds import BoundedQueue, Bounds, declare
from tokgate.config import Settings
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

_Field = descriptor_pb2.FieldDescriptorProto

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
_TOP_GIFTER_IMAGE: Final = re.compile(r"ranklist_top_gifter_(\d+)", re.ASCII)
_INT32_MAX: Final = 2**31 - 1


# --- LiveUser on the wire ------------------------------------------------------------------


def _tag(name: str) -> bytes:
    """LiveUser's tag of field `name` (its number and wire type), checked against the contract."""
    field = live_pb2.LiveUser.DESCRIPTOR.fields_by_name[name]
    wire_type = 2 if field.type in (_Field.TYPE_STRING, _Field.TYPE_MESSAGE) else 0
    assert field.number < 16, name  # one-byte tags
    return bytes(((field.number << 3) | wire_type,))


_USER_ID: Final = _tag("user_id")
_UNIQUE_ID: Final = _tag("unique_id")
_NICKNAME: Final = _tag("nickname")
_AVATAR_URL: Final = _tag("avatar_url")
_FOLLOWER_COUNT: Final = _tag("follower_count")
# TikTok's follow_status: 0 none, 1 the user follows the streamer, 2 and up (or odd values) mutual.
_FOLLOW_ROLES: Final = {
    0: _tag("follow_role") + bytes((live_pb2.FOLLOW_ROLE_NONE,)),
    1: _tag("follow_role") + bytes((live_pb2.FOLLOW_ROLE_FOLLOWER,)),
}
_FOLLOW_ROLE_FRIEND: Final = _tag("follow_role") + bytes((live_pb2.FOLLOW_ROLE_FRIEND,))
_LENGTHS: Final = [bytes((length,)) for length in range(0x80)]  # one-byte varints


def _varint(value: int) -> bytes:
    """`value` as a protobuf varint (a negative int64 as its two's complement, 10 bytes)."""
    if 0 <= value < 0x80:
        return _LENGTHS[value]
    if 0 < value < 0x4000:
        return bytes(((value & 0x7F) | 0x80, value >> 7))
    value &= 0xFFFF_FFFF_FFFF_FFFF
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _string(tag: bytes, data: bytes) -> bytes:
    """A length-delimited field."""
    length = len(data)
    return tag + (_LENGTHS[length] if length < 0x80 else _varint(length)) + data


# --- what of TikTok's user is read ---------------------------------------------------------


def _view_classes() -> dict[str, type[Message]]:
    """The views: TikTok's field numbers, only the fields LiveUser needs, the rest skipped."""
    file = descriptor_pb2.FileDescriptorProto(
        name="tokgate/live/user_view.proto", package="tokgate.live.view", syntax="proto3"
    )
    image = file.message_type.add(name="Image")  # ImageModel
    image.field.add(name="url_list", number=1, type=_Field.TYPE_STRING, label=_Field.LABEL_REPEATED)
    follow = file.message_type.add(name="Follow")  # FollowInfo
    follow.field.add(name="follower_count", number=2, type=_Field.TYPE_INT64)
    follow.field.add(name="follow_status", number=3, type=_Field.TYPE_INT64)
    user = file.message_type.add(name="User")
    numbers = {field.name: field.number for field in webcast_pb2.User.DESCRIPTOR.fields}
    for name, kind in (
        ("id", _Field.TYPE_INT64),
        ("nickname", _Field.TYPE_BYTES),  # LiveUser's merge checks the UTF-8
        ("avatar_thumb", _Field.TYPE_BYTES),  # read by `_first_url`
        ("follow_info", _Field.TYPE_MESSAGE),
        ("display_id", _Field.TYPE_BYTES),
        ("badge_list", _Field.TYPE_BYTES),  # each badge's bytes: badge_fragment's key
    ):
        added = user.field.add(name=name, number=numbers[name], type=kind)
        if name == "badge_list":
            added.label = _Field.LABEL_REPEATED
        if kind == _Field.TYPE_MESSAGE:
            added.type_name = ".tokgate.live.view.Follow"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return {
        name: message_factory.GetMessageClass(
            pool.FindMessageTypeByName(f"tokgate.live.view.{name}")
        )
        for name in ("Image", "User")
    }


_VIEWS: Final = _view_classes()
_parse_user: Final = _VIEWS["User"].FromString
_parse_image: Final = _VIEWS["Image"].FromString


class _FollowView(Protocol):
    """What mypy knows of the Follow view."""

    follower_count: int
    follow_status: int


class _UserView(Protocol):
    """What mypy knows of the User view."""

    id: int
    nickname: bytes
    avatar_thumb: bytes
    follow_info: _FollowView
    display_id: bytes
    badge_list: list[bytes]

    def HasField(self, name: str) -> bool: ...


def _first_url(image: bytes) -> bytes:
    """An ImageModel's first URL, as LiveUser's `avatar_url` field ("" when it has none).

    TikTok writes `url_list` (field 1) first: then the URL is read off the bytes, its length's
    varint of one or two bytes included. Otherwise the image is parsed.
    """
    size = len(image)
    if size > 1 and image[0] == 0x0A:  # field 1, length-delimited
        if image[1] < 0x80:
            end = 2 + image[1]
        elif size > 2 and image[2] < 0x80:
            end = 3 + ((image[1] & 0x7F) | (image[2] << 7))
        else:
            end = size + 1  # a longer varint: parsed below
        if end <= size:
            return _AVATAR_URL + image[1:end]
    urls = cast(list[str], _parse_image(image).url_list)  # type: ignore[attr-defined]
    return _string(_AVATAR_URL, urls[0].encode()) if urls else b""


def convert_user(raw_user: bytes, badge_fragment: Callable[[bytes], bytes]) -> bytes:
    """TikTok's `User` bytes as LiveUser bytes; each badge's fragment from `badge_fragment`.

    unique_id is `display_id` (ExtendedUser.unique_id's source). Raises DecodeError for bytes
    that are not a user; the UTF-8 of the strings is checked when the result is merged. Every
    call costs here, so the fields are written inline (`_string`'s one-byte-length case).
    """
    user = cast(_UserView, _parse_user(raw_user))
    converted = b""
    if user.id:
        digits = str(user.id).encode()
        converted = _USER_ID + _LENGTHS[len(digits)] + digits  # 20 digits at most
    text = user.display_id
    if text:
        size = len(text)
        converted += _UNIQUE_ID + (_LENGTHS[size] if size < 0x80 else _varint(size)) + text
    text = user.nickname
    if text:
        size = len(text)
        converted += _NICKNAME + (_LENGTHS[size] if size < 0x80 else _varint(size)) + text
    text = user.avatar_thumb
    if text:
        converted += _first_url(text)
    if user.HasField("follow_info"):
        follow = user.follow_info
        converted += _FOLLOW_ROLES.get(follow.follow_status, _FOLLOW_ROLE_FRIEND)
        count = follow.follower_count
        if count:
            converted += _FOLLOWER_COUNT + _varint(count)
    for badge in user.badge_list:
        converted += badge_fragment(badge)
    return converted


def badge_fragment(raw_badge: bytes) -> bytes:
    """One badge as a fragment of LiveUser: its LiveBadge, and what its scene says of the user.

    A moderator or subscriber badge sets the flag; fan club, gifter level and top gifter badges
    set their level (a later badge of the same scene overrides an earlier one's level, as the
    fragments merge in order). Raises DecodeError for bytes that are not a badge.
    """
    badge = webcast_pb2.BadgeStruct.FromString(raw_badge)
    fragment = live_pb2.LiveUser()
    scene = badge.scene_type
    images = badge.image.image.url_list
    added = fragment.badges.add(scene=_SCENE_NAMES.get(scene) or (str(scene) if scene else ""))
    if images:
        added.image_url = images[0]
    else:
        added.text = _text(badge)
    if scene in _ROLE_SCENES:
        _apply_scene(fragment, added, scene, badge)
    return fragment.SerializeToString()


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
    level = _number(badge.privilege_log_extra.level)
    added.level = level
    if scene == _FANS:
        target.member_level = level
    elif scene == _USER_GRADE:
        target.gifter_level = level
    else:
        place = _TOP_GIFTER_IMAGE.search(added.image_url)
        target.top_gifter_rank = _number(place.group(1)) if place else level


def _number(text: str) -> int:
    """A level or place TikTok writes as text: its number; 0 (unknown, as the contract says)
    when it is none, or too large for the contract's int32, which the compiled decoder hands
    back rather than read."""
    if not (text.isascii() and text.isdigit()):
        return 0
    value = int(text)
    return value if value <= _INT32_MAX else 0


# --- a room's converted users ----------------------------------------------------------------

_monotonic: Final = time.monotonic
BUFFER: Final = declare("live_user_cache")
DEFAULT_BOUNDS: Final = Bounds(
    max_bytes=Settings.model_fields[f"{BUFFER}_max_bytes"].default,
    max_age=Settings.model_fields[f"{BUFFER}_max_age"].default,
    max_entries=Settings.model_fields[f"{BUFFER}_max_entries"].default,
)
"""The settings' defaults (a room whose owner passes no bounds)."""

# Python's own cost of an entry besides its key and value: the entry, the queue's and the
# dictionary's slots, the bytes objects' headers (measured with sys.getsizeof, rounded up).
ENTRY_OVERHEAD: Final = 300


# An entry is a list, [LiveUser bytes, used since queued] (a class costs a call on every miss);
# the queue holds (its key, the entry).
_VALUE: Final = 0
_USED: Final = 1
_Entry = list[Any]
_Queued = tuple[bytes, _Entry]


class UserCache:
    """A room's converted users, by their wire bytes, bounded as `live_user_cache`.

    A room's viewers come back (likes come in bursts, chatters chat on), and TikTok sends the
    same bytes for the same user: a user kept here is neither checked against the schema nor
    converted again (three quarters of a message's bytes are its user's). Only users the
    compiled decoder converted are kept (their LiveUser bytes are its, which the frame call
    seals as they are); a user it hands back is converted in Python each time. The bounds are
    bytes, entries and age (tokgate.bounds); what goes over them is evicted in
    least-recently-used order, approximated as a second chance (CLOCK): the oldest entry goes,
    unless it was used since it was queued; then it is queued again as new. A hit only marks
    its entry. So an entry unused for `max_age` is forgotten within twice that; the age reported
    is the time since an entry was queued.
    """

    __slots__ = ("_deadline", "_queue", "_users")

    def __init__(self, bounds: Bounds = DEFAULT_BOUNDS) -> None:
        self._users: dict[bytes, _Entry] = {}
        self._queue: BoundedQueue[_Queued] = BoundedQueue(BUFFER, bounds)
        self._deadline = float("inf")  # when the oldest entry passes max_age

    @property
    def bounds(self) -> Bounds:
        return self._queue.bounds

    @bounds.setter
    def bounds(self, bounds: Bounds) -> None:
        """New bounds (a reload): applied now."""
        self._queue.bounds = bounds
        self._trim(_monotonic())

    def __len__(self) -> int:
        """Entries held: users and badges."""
        return len(self._queue)

    @property
    def nbytes(self) -> int:
        return self._queue.nbytes

    def __contains__(self, raw_user: bytes) -> bool:
        return raw_user in self._users

    def fill(self, target: live_pb2.LiveUser, raw_user: bytes) -> None:
        """The user whose webcast `User` bytes are `raw_user`, into `target` (a new LiveUser).

        Raises DecodeError when `raw_user` is not a user, or its strings are not UTF-8.
        """
        entry = self._users.get(raw_user)
        if entry is not None:
            self._hit(entry)
            target.MergeFromString(entry[_VALUE])
            return
        converted = tokgate_native.convert_user(raw_user)
        if converted is None:  # the compiled decoder hands it back: converted here, not kept
            target.MergeFromString(convert_user(raw_user, badge_fragment))
            return
        target.MergeFromString(converted)
        self._add(raw_user, converted)

    @property
    def entries(self) -> dict[bytes, _Entry]:
        """The users kept, by TikTok's bytes: [LiveUser bytes, used since queued]. Every one was
        checked and converted by the compiled decoder, so the frame call (live/ingest.py) takes
        a repeat viewer from here, marking it used, without checking or converting it again."""
        return self._users

    def keep(self, raw_user: bytes, converted: bytes) -> None:
        """A user the compiled decoder converted (its LiveUser bytes), kept as `fill` keeps
        one: the room's later messages find it here."""
        entry = self._users.get(raw_user)
        if entry is None:
            self._add(raw_user, converted)
        else:
            self._hit(entry)

    def expire(self) -> None:
        """Forget what is past the age bound now (after the frame call marked its hits used)."""
        now = _monotonic()
        if now > self._deadline:
            self._trim(now)

    def _hit(self, entry: _Entry) -> None:
        entry[_USED] = True
        now = _monotonic()
        if now > self._deadline:
            self._trim(now)

    def _add(self, key: bytes, value: bytes) -> None:
        """Keeps `value`, room made first: the new entry is never the one evicted."""
        queue = self._queue
        nbytes = len(key) + len(value) + ENTRY_OVERHEAD
        if nbytes > queue.bounds.max_bytes:
            return  # it would not fit alone
        now = _monotonic()
        if now > self._deadline or not queue.would_fit(nbytes):
            self._trim(now, room=nbytes)
        if not queue:
            self._deadline = now + queue.bounds.max_age
        entry = [value, False]
        queue.push((key, entry), nbytes, now)
        self._users[key] = entry

    def _trim(self, now: float, room: int = 0) -> None:
        """Within bounds again, with room for `room` bytes more if asked: the oldest entries go,
        but those used since they were queued are queued again, as new (a second chance)."""
        queue = self._queue
        while queue and (queue.over_bounds(now) or (room and not queue.would_fit(room))):
            key, entry = queued = queue.pop()
            if entry[_USED]:
                entry[_USED] = False
                queue.push(queued, len(key) + len(entry[_VALUE]) + ENTRY_OVERHEAD, now)
            else:
                del self._users[key]
        self._deadline = (
            now - queue.oldest_age(now) + queue.bounds.max_age if queue else float("inf")
        )


def fill_user(target: live_pb2.LiveUser, user: webcast_pb2.User) -> None:
    """A parsed TikTok user into `target` (the rarer messages; the frequent ones use UserCache),
    converted by the compiled decoder unless it hands the user back."""
    raw = user.SerializeToString()
    converted = tokgate_native.convert_user(raw)
    target.MergeFromString(convert_user(raw, badge_fragment) if converted is None else converted)


_M = TypeVar("_M", bound=Message)


def with_raw_user(message_class: type[_M]) -> Callable[[bytes], _M]:
    """A parser of `message_class` that leaves its `user` field as bytes: UserCache's key.

    The message is TikTok's, in its own package, but for `user`, which is not parsed (a hit
    needs only its bytes), so a payload is read once. Its other fields are webcast_pb2's
    classes. Read `user` with `raw_user`.
    """
    descriptor = message_class.DESCRIPTOR
    file = descriptor_pb2.FileDescriptorProto(
        name=f"tokgate/live/raw_user/{descriptor.name}.proto",
        package="tokgate.live.raw_user",
        syntax="proto3",
        dependency=[descriptor.file.name],
    )
    view = file.message_type.add()
    descriptor.CopyToProto(view)
    (user,) = (field for field in view.field if field.name == "user")
    user.type = _Field.TYPE_BYTES
    user.ClearField("type_name")
    pool = descriptor_pool.Default()  # where webcast_pb2's classes are
    pool.Add(file)
    parsed = message_factory.GetMessageClass(
        pool.FindMessageTypeByName(f"tokgate.live.raw_user.{descriptor.name}")
    )
    return cast(Callable[[bytes], _M], parsed.FromString)


def raw_user(message: Message) -> bytes:
    """The `user` bytes of a message parsed by a `with_raw_user` parser."""
    return cast(bytes, message.user)  # type: ignore[attr-defined]


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

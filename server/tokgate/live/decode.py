"""Webcast message decoding: TikTok's payloads to tokgate `LiveEvent`s, on the C-backed runtime.

TikTokLive decodes every message with betterproto2 plus a pydantic validation (about 2k events
per CPU-second). tokgate keeps TikTokLive's connection and envelope, and decodes the messages it
converts here, with the upb runtime and the .proto definitions derived from TikTokLive's own schema
(scripts/derive_webcast_protos.py). A room decodes only the event types some subscriber wants;
control and social messages are always decoded (the live end and follow/share depend on them).
Conversions follow TikTokLive 7.0.1's own rules (`TikTokLiveClient.handle_custom_event`,
`GiftEvent.streaking`); tests/webcast checks both yield the same events on the same frames.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Final, TypeVar

from google.protobuf.message import DecodeError, Message

from tokgate.errors.exceptions import MalformedUpstreamError
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

ALL_EVENT_TYPES: Final[frozenset[int]] = frozenset(live_pb2.EventType.values())
"""Every event type: the `wanted` set of a room where some subscriber takes everything."""

# TikTokLive: a gift can streak when its type is 1 (ExtendedGift.streakable).
_STREAKABLE_GIFT_TYPE: Final = 1
# TikTokLive's FollowEvent and ShareEvent: a marker in a message's display type, tried in order.
_SOCIAL_MARKERS: Final = (
    ("follow", live_pb2.EVENT_TYPE_FOLLOW),
    ("share", live_pb2.EVENT_TYPE_SHARE),
)
# TikTokLive ends the LIVE (LiveEndEvent, then disconnects) on these control actions.
_LIVE_END_ACTIONS: Final = frozenset(
    {webcast_pb2.CONTROL_ACTION_STREAM_ENDED, webcast_pb2.CONTROL_ACTION_STREAM_SUSPENDED}
)
_CONTROL_ACTION_NAMES: Final = {
    number: name.removeprefix("CONTROL_ACTION_")
    for name, number in webcast_pb2.ControlAction.items()
}


class MalformedWebcastMessageError(MalformedUpstreamError):
    """A webcast payload that does not parse as its message type: count it as malformed."""

    def __init__(self, method: str, payload_size: int, cause: DecodeError) -> None:
        super().__init__(f"malformed {method} payload ({payload_size} bytes): {cause}")
        self.method = method
        self.payload_size = payload_size


@dataclass(frozen=True, slots=True)
class DecodedMessage:
    """One webcast message as tokgate sees it."""

    event_type: int  # live_pb2.EventType of this message
    event: live_pb2.LiveEvent | None  # oneof filled; None when nobody wants this type
    ends_live: bool  # a control message that ends the LIVE


_Converter = Callable[[bytes, str, AbstractSet[int]], DecodedMessage]
_M = TypeVar("_M", bound=Message)


# Prebuilt answers for messages nobody wants: the hot path allocates nothing for them.
_UNWANTED: Final = {
    event_type: DecodedMessage(event_type, None, False) for event_type in ALL_EVENT_TYPES
}
_LIVE_ENDED_UNWANTED: Final = DecodedMessage(live_pb2.EVENT_TYPE_LIVE_ENDED, None, True)


def _other(method: str, payload: bytes, wanted: AbstractSet[int]) -> DecodedMessage:
    """A message without a typed event: its type name and raw payload, so nothing is lost."""
    if live_pb2.EVENT_TYPE_OTHER not in wanted:
        return _UNWANTED[live_pb2.EVENT_TYPE_OTHER]
    event = live_pb2.LiveEvent()
    other = event.other
    other.type_name = method
    other.payload = payload
    return DecodedMessage(live_pb2.EVENT_TYPE_OTHER, event, False)


# Conversions fill a new LiveEvent in place: nested keyword constructors would build each
# submessage and then copy it into its parent, which costs about twice as much.


def _fill_user(target: live_pb2.LiveUser, user: webcast_pb2.User) -> None:
    """TikTok's user as LiveUser; unique_id is `display_id`, as ExtendedUser.unique_id reads it."""
    target.user_id = str(user.id) if user.id else ""
    target.unique_id = user.display_id
    target.nickname = user.nickname
    avatars = user.avatar_thumb.url_list
    if avatars:
        target.avatar_url = avatars[0]


def _gift_streak_state(
    message: webcast_pb2.WebcastGiftMessage,
) -> live_pb2.GiftStreakState.ValueType:
    """TikTokLive's GiftEvent.streaking: streakable gifts stream until repeat_end is set."""
    if message.gift.type != _STREAKABLE_GIFT_TYPE:
        return live_pb2.GIFT_STREAK_STATE_NOT_STREAKABLE
    if message.repeat_end:
        return live_pb2.GIFT_STREAK_STATE_ENDED
    return live_pb2.GIFT_STREAK_STATE_IN_PROGRESS


def _convert_chat(message: webcast_pb2.WebcastChatMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    comment = event.comment
    comment.text = message.content
    _fill_user(comment.user, message.user)
    return event


def _convert_gift(message: webcast_pb2.WebcastGiftMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.gift
    gift = message.gift
    target.gift_id = message.gift_id or gift.id
    target.gift_name = gift.name
    target.diamond_count = gift.diamond_count
    target.repeat_count = message.repeat_count
    target.streak_state = _gift_streak_state(message)
    if message.group_id:
        target.group_id = str(message.group_id)
    images = gift.image.url_list
    if images:
        target.image_url = images[0]
    _fill_user(target.user, message.user)
    return event


def _convert_like(message: webcast_pb2.WebcastLikeMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    like = event.like
    like.count = message.count
    like.total_likes = message.total
    _fill_user(like.user, message.user)
    return event


def _convert_member(message: webcast_pb2.WebcastMemberMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    _fill_user(event.join.user, message.user)
    return event


def _convert_room_user_seq(message: webcast_pb2.WebcastRoomUserSeqMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    event.viewer_count.viewer_count = message.total
    return event


def _parse(parse: Callable[[bytes], _M], method: str, payload: bytes) -> _M:
    try:
        return parse(payload)
    except DecodeError as error:
        raise MalformedWebcastMessageError(method, len(payload), error) from error


def _typed(
    event_type: int, parse: Callable[[bytes], _M], convert: Callable[[_M], live_pb2.LiveEvent]
) -> _Converter:
    """A message type with one event type: parsed only when some subscriber wants that type."""
    unwanted = _UNWANTED[event_type]

    def decode(payload: bytes, method: str, wanted: AbstractSet[int]) -> DecodedMessage:
        if event_type not in wanted:
            return unwanted
        return DecodedMessage(event_type, convert(_parse(parse, method, payload)), False)

    return decode


def _decode_social(payload: bytes, method: str, wanted: AbstractSet[int]) -> DecodedMessage:
    """Follow and share are social messages told apart by their display text, as TikTokLive does."""
    message = _parse(webcast_pb2.WebcastSocialMessage.FromString, method, payload)
    display_type = message.common.display_text.key
    for marker, event_type in _SOCIAL_MARKERS:
        if marker in display_type:
            if event_type not in wanted:
                return _UNWANTED[event_type]
            event = live_pb2.LiveEvent()
            _fill_user(getattr(event, marker).user, message.user)  # oneof field named as marker
            return DecodedMessage(event_type, event, False)
    return _other(method, payload, wanted)


def _decode_control(payload: bytes, method: str, wanted: AbstractSet[int]) -> DecodedMessage:
    """The control actions TikTokLive treats as the LIVE's end; pause/unpause and others: other."""
    message = _parse(webcast_pb2.WebcastControlMessage.FromString, method, payload)
    if message.action not in _LIVE_END_ACTIONS:
        return _other(method, payload, wanted)
    if live_pb2.EVENT_TYPE_LIVE_ENDED not in wanted:
        return _LIVE_ENDED_UNWANTED
    event = live_pb2.LiveEvent()
    event.live_ended.reason = _CONTROL_ACTION_NAMES[message.action]
    return DecodedMessage(live_pb2.EVENT_TYPE_LIVE_ENDED, event, True)


_CONVERTERS: Final[dict[str, _Converter]] = {
    "WebcastChatMessage": _typed(
        live_pb2.EVENT_TYPE_COMMENT, webcast_pb2.WebcastChatMessage.FromString, _convert_chat
    ),
    "WebcastGiftMessage": _typed(
        live_pb2.EVENT_TYPE_GIFT, webcast_pb2.WebcastGiftMessage.FromString, _convert_gift
    ),
    "WebcastLikeMessage": _typed(
        live_pb2.EVENT_TYPE_LIKE, webcast_pb2.WebcastLikeMessage.FromString, _convert_like
    ),
    "WebcastMemberMessage": _typed(
        live_pb2.EVENT_TYPE_JOIN, webcast_pb2.WebcastMemberMessage.FromString, _convert_member
    ),
    "WebcastRoomUserSeqMessage": _typed(
        live_pb2.EVENT_TYPE_VIEWER_COUNT,
        webcast_pb2.WebcastRoomUserSeqMessage.FromString,
        _convert_room_user_seq,
    ),
    "WebcastSocialMessage": _decode_social,
    "WebcastControlMessage": _decode_control,
}


class WebcastDecoder:
    """Decodes a room's webcast messages with the C-backed protobuf runtime."""

    __slots__ = ()

    def decode(self, method: str, payload: bytes, wanted: AbstractSet[int]) -> DecodedMessage:
        """One message (TikTok's type name and payload) for the event types in `wanted`.

        Raises MalformedWebcastMessageError when a payload that had to be decoded does not parse.
        """
        converter = _CONVERTERS.get(method)
        if converter is None:
            return _other(method, payload, wanted)
        return converter(payload, method, wanted)

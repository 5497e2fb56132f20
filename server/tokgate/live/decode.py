"""Webcast message decoding: TikTok's payloads to tokgate `LiveEvent`s, on the C-backed runtime.

TikTokLive decodes every message with betterproto2 plus a pydantic validation (about 2k events
per CPU-second). tokgate keeps TikTokLive's connection and envelope, and decodes the messages it
types here, with the upb runtime and the schema derived from TikTokLive's own
(scripts/derive_webcast_protos.py); webcast_events.py converts each. A room decodes only the event
types some subscriber wants; messages that carry several event types (control, social, barrage,
subscription notices, envelopes) are always decoded, since their type depends on their content.
Which message is which event follows TikTokLive 7.0.1's own rules (`handle_custom_event`,
`GiftEvent.streaking`); tests/webcast checks both yield the same events on the same frames.

A message this version does not type, and a payload that does not parse as its type, become
OTHER (type name and payload): nothing is dropped, and the stream goes on.

Every event made from a message carries when TikTok created it (`created_at`, from the message's
`common.create_time`), read from the message the decoder parses anyway (`_decoded`); only an
OTHER's header is parsed for it alone.

The frequent messages (comments, gifts, likes, joins, social messages, viewer counts, emote
chats: about nine in ten of a busy room's) and some rarer ones (captions, rank updates,
subscription notices) go to the compiled decoder first (tokgate_native, native/ at the
repository's root): it writes their LiveEvent's bytes straight from the payload, byte for byte
what the conversion here writes (tests/webcast/test_compiled_decoder.py); the users it converts
go to the room's UserCache, for the messages this module converts. What it does not read
exactly as this module would (a payload that does not parse, anything unusual) it hands back,
and this module decides.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any, Final, TypeVar

import tokgate_native
from google.protobuf.message import DecodeError, Message

from tokgate.bounds import Bounds
from tokgate.errors.exceptions import MalformedUpstreamError
from tokgate.live import webcast_events as convert
from tokgate.live.webcast_user import DEFAULT_BOUNDS, UserCache, raw_user, with_raw_user
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

ALL_EVENT_TYPES: Final[frozenset[int]] = frozenset(live_pb2.EventType.values())
"""Every event type: the `wanted` set of a room where some subscriber takes everything."""

# TikTokLive's FollowEvent and ShareEvent: a marker in a message's display type, tried in order.
_SOCIAL_MARKERS: Final = (
    ("follow", live_pb2.EVENT_TYPE_FOLLOW),
    ("share", live_pb2.EVENT_TYPE_SHARE),
)
# TikTokLive ends the LIVE (LiveEndEvent, then disconnects) on these control actions.
_LIVE_END_ACTIONS: Final = frozenset(
    {webcast_pb2.CONTROL_ACTION_STREAM_ENDED, webcast_pb2.CONTROL_ACTION_STREAM_SUSPENDED}
)
# TikTokLive's LivePauseEvent and LiveUnpauseEvent: paused or not, by control action.
_PAUSE_ACTIONS: Final = {
    webcast_pb2.CONTROL_ACTION_STREAM_PAUSED: True,
    webcast_pb2.CONTROL_ACTION_STREAM_UNPAUSED: False,
}
# TikTokLive's SuperFanJoinEvent and SuperFanEvent: markers in a banner's display type, in order.
_SUPER_FAN_MARKERS: Final = (
    ("ttlive_superfan_commentnotif_superfanjoined", live_pb2.SUPER_FAN_ACTION_JOINED),
    ("ttlive_superfan", live_pb2.SUPER_FAN_ACTION_BECAME),
)
# TikTokLive's SuperFanBoxEvent: an envelope marked so, or of the super fan box business type.
_SUPER_FAN_BOX_MARKER: Final = "ttlive_superfanbox"
# A webcast message of `common` (field 1, every message's header) alone: it parses the header of
# a payload of any type, an OTHER's.
_HEADER: Final = webcast_pb2.WebcastInRoomBannerMessage


class MalformedWebcastMessageError(MalformedUpstreamError):
    """A webcast payload that does not parse as its message type, or holds a value the contract
    cannot (a place or a count past an int32): delivered as OTHER, reported."""

    def __init__(self, method: str, payload_size: int, cause: Exception) -> None:
        super().__init__(f"malformed {method} payload ({payload_size} bytes): {cause}")
        self.method = method
        self.payload_size = payload_size


class DecodedMessage:
    """One webcast message as tokgate sees it.

    Its event is a LiveEvent (`event`) or, from the compiled decoder, the LiveEvent's bytes
    (`wire`), parsed only when `event` is read: the log seals the bytes as they are (`sealable`).
    """

    __slots__ = ("_event", "created_ms", "ends_live", "event_type", "malformed", "wire")

    def __init__(
        self,
        event_type: int,
        event: live_pb2.LiveEvent | None,
        ends_live: bool,
        malformed: MalformedWebcastMessageError | None = None,
        created_ms: int = 0,
        *,
        wire: bytes = b"",
    ) -> None:
        self.event_type = event_type  # live_pb2.EventType of this message
        self._event = event  # oneof filled; None when nobody wants this type
        self.ends_live = ends_live  # a control message that ends the LIVE
        self.malformed = malformed  # why an OTHER did not decode
        # When TikTok created the message (its header's create_time, ms; 0: not sent): the log
        # writes it as the event's `created_at` when it seals it.
        self.created_ms = created_ms
        self.wire = wire  # the serialized LiveEvent, when the compiled decoder wrote it

    @property
    def event(self) -> live_pb2.LiveEvent | None:
        if self._event is None and self.wire:
            self._event = live_pb2.LiveEvent.FromString(self.wire)
        return self._event

    def __eq__(self, other: object) -> bool:
        """The same message, whichever decoder made it."""
        if not isinstance(other, DecodedMessage):
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash((self.event_type, self.ends_live, self.created_ms))

    def __repr__(self) -> str:
        return f"DecodedMessage{self._compared()!r}"

    def _compared(self) -> tuple[object, ...]:
        return (self.event_type, self.event, self.ends_live, self.malformed, self.created_ms)

    @property
    def sealable(self) -> live_pb2.LiveEvent | bytes | None:
        """What the log seals: the event's bytes when they were written, else the event."""
        return self.wire or self._event


_Decoder = Callable[[bytes, str, AbstractSet[int], UserCache], DecodedMessage]
_M = TypeVar("_M", bound=Message)


# Prebuilt answers for messages nobody wants: the hot path allocates nothing for them.
_UNWANTED: Final = {
    event_type: DecodedMessage(event_type, None, False) for event_type in ALL_EVENT_TYPES
}
_LIVE_ENDED_UNWANTED: Final = DecodedMessage(live_pb2.EVENT_TYPE_LIVE_ENDED, None, True)


def _decoded(
    event_type: int, event: live_pb2.LiveEvent, message: Message, ends_live: bool = False
) -> DecodedMessage:
    """An event made from `message`, with when TikTok created it."""
    created_ms: int = message.common.create_time  # type: ignore[attr-defined]
    return DecodedMessage(event_type, event, ends_live, None, created_ms)


class _Undecodable(Exception):
    """Internal: a payload failed to parse; decode() turns it into OTHER."""

    def __init__(self, error: MalformedWebcastMessageError) -> None:
        self.error = error


def _other(
    method: str,
    payload: bytes,
    wanted: AbstractSet[int],
    malformed: MalformedWebcastMessageError | None = None,
) -> DecodedMessage:
    """A message without a typed event: its type name and raw payload, so nothing is lost."""
    if live_pb2.EVENT_TYPE_OTHER not in wanted:
        if malformed is None:
            return _UNWANTED[live_pb2.EVENT_TYPE_OTHER]
        return DecodedMessage(live_pb2.EVENT_TYPE_OTHER, None, False, malformed)
    event = live_pb2.LiveEvent()
    other = event.other
    other.type_name = method
    other.payload = payload
    created_ms = 0
    with contextlib.suppress(DecodeError):  # a malformed payload may still have its header
        created_ms = _HEADER.FromString(payload).common.create_time
    return DecodedMessage(live_pb2.EVENT_TYPE_OTHER, event, False, malformed, created_ms)


def _parse(parse: Callable[[bytes], _M], method: str, payload: bytes) -> _M:
    try:
        return parse(payload)
    except DecodeError as error:
        raise _undecodable(method, payload, error) from error


def _undecodable(method: str, payload: bytes, error: DecodeError) -> _Undecodable:
    return _Undecodable(MalformedWebcastMessageError(method, len(payload), error))


def _typed(
    event_type: int, parse: Callable[[bytes], _M], convert_: Callable[[_M], live_pb2.LiveEvent]
) -> _Decoder:
    """A message type with one event type: parsed only when some subscriber wants that type."""
    unwanted = _UNWANTED[event_type]

    def decode(
        payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
    ) -> DecodedMessage:
        if event_type not in wanted:
            return unwanted
        message = _parse(parse, method, payload)
        return _decoded(event_type, convert_(message), message)

    return decode


def _typed_with_user(
    event_type: int,
    message_class: type[_M],
    convert_: Callable[[_M, bytes, UserCache], live_pb2.LiveEvent],
) -> _Decoder:
    """`_typed` for the frequent messages with a user: its bytes go to UserCache as they came."""
    unwanted = _UNWANTED[event_type]
    parse = with_raw_user(message_class)

    def decode(
        payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
    ) -> DecodedMessage:
        if event_type not in wanted:
            return unwanted
        message = _parse(parse, method, payload)
        try:
            event = convert_(message, raw_user(message), users)
        except DecodeError as error:  # the user's bytes
            raise _undecodable(method, payload, error) from error
        return _decoded(event_type, event, message)

    return decode


_parse_social: Final = with_raw_user(webcast_pb2.WebcastSocialMessage)


def _decode_social(
    payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
) -> DecodedMessage:
    """Follow and share are social messages told apart by their display text, as TikTokLive does;
    any other social action is SOCIAL."""
    message = _parse(_parse_social, method, payload)
    display_type = message.common.display_text.key
    try:
        for marker, event_type in _SOCIAL_MARKERS:
            if marker in display_type:
                if event_type not in wanted:
                    return _UNWANTED[event_type]
                event = live_pb2.LiveEvent()
                # The oneof member is named as the marker.
                users.fill(getattr(event, marker).user, raw_user(message))
                return _decoded(event_type, event, message)
        if live_pb2.EVENT_TYPE_SOCIAL not in wanted:
            return _UNWANTED[live_pb2.EVENT_TYPE_SOCIAL]
        event = convert.social(message, display_type, raw_user(message), users)
    except DecodeError as error:  # the user's bytes
        raise _undecodable(method, payload, error) from error
    return _decoded(live_pb2.EVENT_TYPE_SOCIAL, event, message)


def _decode_control(
    payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
) -> DecodedMessage:
    """The LIVE's end (ended, suspended) and its pauses, as TikTokLive's custom events; other
    actions are OTHER."""
    message = _parse(webcast_pb2.WebcastControlMessage.FromString, method, payload)
    action = message.action
    if action in _LIVE_END_ACTIONS:
        if live_pb2.EVENT_TYPE_LIVE_ENDED not in wanted:
            return _LIVE_ENDED_UNWANTED
        event = live_pb2.LiveEvent()
        event.live_ended.reason = convert.CONTROL_ACTION_NAMES[action]
        return _decoded(live_pb2.EVENT_TYPE_LIVE_ENDED, event, message, ends_live=True)
    paused = _PAUSE_ACTIONS.get(action)
    if paused is None:
        return _other(method, payload, wanted)
    if live_pb2.EVENT_TYPE_LIVE_PAUSE not in wanted:
        return _UNWANTED[live_pb2.EVENT_TYPE_LIVE_PAUSE]
    return _decoded(live_pb2.EVENT_TYPE_LIVE_PAUSE, convert.live_pause(paused), message)


def _decode_barrage(
    payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
) -> DecodedMessage:
    """Super fan banners (TikTokLive's SuperFanEvent, SuperFanJoinEvent) and other banners.

    TikTokLive looks for the marker in the banner texts' display type, which its schema now names
    `key` (wire field 1; TikTokLive 7.0.1 still reads the old name, so never finds it): tokgate
    reads field 1, as TikTokLive does for follow and share.
    """
    message = _parse(webcast_pb2.WebcastBarrageMessage.FromString, method, payload)
    display_types = (message.content.key.lower(), message.common_barrage_content.key.lower())
    for marker, action in _SUPER_FAN_MARKERS:
        if any(marker in display_type for display_type in display_types):
            if live_pb2.EVENT_TYPE_SUPER_FAN not in wanted:
                return _UNWANTED[live_pb2.EVENT_TYPE_SUPER_FAN]
            return _decoded(
                live_pb2.EVENT_TYPE_SUPER_FAN, convert.super_fan(message, action), message
            )
    if live_pb2.EVENT_TYPE_BARRAGE not in wanted:
        return _UNWANTED[live_pb2.EVENT_TYPE_BARRAGE]
    return _decoded(live_pb2.EVENT_TYPE_BARRAGE, convert.barrage(message), message)


def _decode_sub_notify(
    payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
) -> DecodedMessage:
    """A new subscription (SUB_SUCCESS) is SUBSCRIBE; TikTok's other notices are SUB_NOTIFY."""
    message = _parse(webcast_pb2.WebcastSubNotifyMessage.FromString, method, payload)
    if message.message_type == webcast_pb2.MESSAGE_TYPE_SUB_SUCCESS:
        if live_pb2.EVENT_TYPE_SUBSCRIBE not in wanted:
            return _UNWANTED[live_pb2.EVENT_TYPE_SUBSCRIBE]
        return _decoded(live_pb2.EVENT_TYPE_SUBSCRIBE, convert.subscribe(message), message)
    if live_pb2.EVENT_TYPE_SUB_NOTIFY not in wanted:
        return _UNWANTED[live_pb2.EVENT_TYPE_SUB_NOTIFY]
    return _decoded(live_pb2.EVENT_TYPE_SUB_NOTIFY, convert.sub_notify(message), message)


def _decode_envelope(
    payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
) -> DecodedMessage:
    """Treasure chests; a super fan box (TikTokLive's SuperFanBoxEvent) is one, flagged."""
    if live_pb2.EVENT_TYPE_ENVELOPE not in wanted:
        return _UNWANTED[live_pb2.EVENT_TYPE_ENVELOPE]
    message = _parse(webcast_pb2.WebcastEnvelopeMessage.FromString, method, payload)
    super_fan_box = (
        _SUPER_FAN_BOX_MARKER in message.common.display_text.key.lower()
        or message.envelope_info.business_type == webcast_pb2.ENVELOPE_BUSINESS_TYPE_SUPER_FAN_BOX
    )
    return _decoded(live_pb2.EVENT_TYPE_ENVELOPE, convert.envelope(message, super_fan_box), message)


def _compiled(python_decoder: _Decoder) -> _Decoder:
    """A message type the compiled decoder reads first; what it hands back, `python_decoder`
    decodes (the same event, or OTHER when the payload does not parse). A gift is parsed back
    into an event: the room completes it from its gift catalogue."""
    compiled = tokgate_native.decode

    def decode(
        payload: bytes, method: str, wanted: AbstractSet[int], users: UserCache
    ) -> DecodedMessage:
        decoded = compiled(method, payload)
        if decoded is None:
            return python_decoder(payload, method, wanted, users)
        event_type, wire, created_ms, user = decoded
        if user is not None:
            users.keep(*user)
        if event_type not in wanted:
            return _UNWANTED[event_type]
        if event_type == live_pb2.EVENT_TYPE_GIFT:
            return DecodedMessage(event_type, _parse_event(wire), False, None, created_ms)
        return DecodedMessage(event_type, None, False, None, created_ms, wire=wire)

    return decode


_parse_event: Final = live_pb2.LiveEvent.FromString


_PYTHON_DECODERS: Final[dict[str, _Decoder]] = {
    "WebcastChatMessage": _typed_with_user(
        live_pb2.EVENT_TYPE_COMMENT,
        webcast_pb2.WebcastChatMessage,
        convert.chat,
    ),
    "WebcastGiftMessage": _typed_with_user(
        live_pb2.EVENT_TYPE_GIFT,
        webcast_pb2.WebcastGiftMessage,
        convert.gift,
    ),
    "WebcastLikeMessage": _typed_with_user(
        live_pb2.EVENT_TYPE_LIKE,
        webcast_pb2.WebcastLikeMessage,
        convert.like,
    ),
    "WebcastMemberMessage": _typed_with_user(
        live_pb2.EVENT_TYPE_JOIN,
        webcast_pb2.WebcastMemberMessage,
        convert.member,
    ),
    "WebcastRoomUserSeqMessage": _typed(
        live_pb2.EVENT_TYPE_VIEWER_COUNT,
        webcast_pb2.WebcastRoomUserSeqMessage.FromString,
        convert.room_user_seq,
    ),
    "WebcastQuestionNewMessage": _typed(
        live_pb2.EVENT_TYPE_QUESTION,
        webcast_pb2.WebcastQuestionNewMessage.FromString,
        convert.question,
    ),
    "WebcastLinkMicBattle": _typed(
        live_pb2.EVENT_TYPE_BATTLE, webcast_pb2.WebcastLinkMicBattle.FromString, convert.battle
    ),
    "WebcastLinkMicArmies": _typed(
        live_pb2.EVENT_TYPE_BATTLE_ARMIES,
        webcast_pb2.WebcastLinkMicArmies.FromString,
        convert.battle_armies,
    ),
    "WebcastEmoteChatMessage": _typed_with_user(
        live_pb2.EVENT_TYPE_EMOTE_CHAT,
        webcast_pb2.WebcastEmoteChatMessage,
        convert.emote_chat,
    ),
    "WebcastPollMessage": _typed(
        live_pb2.EVENT_TYPE_POLL, webcast_pb2.WebcastPollMessage.FromString, convert.poll
    ),
    "WebcastGoalUpdateMessage": _typed(
        live_pb2.EVENT_TYPE_GOAL_UPDATE,
        webcast_pb2.WebcastGoalUpdateMessage.FromString,
        convert.goal_update,
    ),
    "WebcastRankUpdateMessage": _typed(
        live_pb2.EVENT_TYPE_RANK_UPDATE,
        webcast_pb2.WebcastRankUpdateMessage.FromString,
        convert.rank_update,
    ),
    "WebcastHourlyRankRewardMessage": _typed(
        live_pb2.EVENT_TYPE_HOURLY_RANK,
        webcast_pb2.WebcastHourlyRankRewardMessage.FromString,
        convert.hourly_rank,
    ),
    "WebcastRoomPinMessage": _typed(
        live_pb2.EVENT_TYPE_ROOM_PIN,
        webcast_pb2.WebcastRoomPinMessage.FromString,
        convert.room_pin,
    ),
    "WebcastCaptionMessage": _typed(
        live_pb2.EVENT_TYPE_CAPTION,
        webcast_pb2.WebcastCaptionMessage.FromString,
        convert.caption,
    ),
    "WebcastLiveIntroMessage": _typed(
        live_pb2.EVENT_TYPE_LIVE_INTRO,
        webcast_pb2.WebcastLiveIntroMessage.FromString,
        convert.live_intro,
    ),
    "WebcastSocialMessage": _decode_social,
    "WebcastControlMessage": _decode_control,
    "WebcastBarrageMessage": _decode_barrage,
    "WebcastSubNotifyMessage": _decode_sub_notify,
    "WebcastEnvelopeMessage": _decode_envelope,
}
TYPED_METHODS: Final = frozenset(_PYTHON_DECODERS)
"""The webcast message types tokgate types: any other is OTHER."""
_DECODERS: Final[dict[str, _Decoder]] = {
    method: _compiled(decoder) if method in tokgate_native.methods() else decoder
    for method, decoder in _PYTHON_DECODERS.items()
}


class WebcastDecoder:
    """Decodes a room's webcast messages with the C-backed protobuf runtime.

    It keeps the room's converted users (UserCache), within `user_cache_bounds` (the
    `live_user_cache` settings).
    """

    __slots__ = ("_users",)

    def __init__(self, user_cache_bounds: Bounds = DEFAULT_BOUNDS) -> None:
        self._users = UserCache(user_cache_bounds)

    @property
    def user_cache_bounds(self) -> Bounds:
        return self._users.bounds

    @user_cache_bounds.setter
    def user_cache_bounds(self, bounds: Bounds) -> None:
        """New bounds (a reload): applied now."""
        self._users.bounds = bounds

    @property
    def cached_users(self) -> dict[bytes, list[Any]]:
        """The room's UserCache entries, for the frame call (live/ingest.py)."""
        return self._users.entries

    def keep_users(self, users: Iterable[tuple[bytes, bytes]]) -> None:
        """Users the compiled decoder converted for a whole frame (live/ingest.py), as sent and
        as LiveUser bytes: kept as `decode` keeps the users of the messages it reads."""
        keep = self._users.keep
        for raw, converted in users:
            keep(raw, converted)
        self._users.expire()

    def decode(self, method: str, payload: bytes, wanted: AbstractSet[int]) -> DecodedMessage:
        """One message (TikTok's type name and payload) for the event types in `wanted`.

        A message of a type this version does not type, or whose payload does not parse or holds
        a value the contract cannot (then `malformed` says why), is OTHER; decoding never raises
        for TikTok's data.
        """
        decoder = _DECODERS.get(method)
        if decoder is None:
            return _other(method, payload, wanted)
        try:
            return decoder(payload, method, wanted, self._users)
        except _Undecodable as undecodable:
            return _other(method, payload, wanted, undecodable.error)
        except ValueError as error:  # protobuf's "Value out of range" for a narrower field
            malformed = MalformedWebcastMessageError(method, len(payload), error)
            return _other(method, payload, wanted, malformed)

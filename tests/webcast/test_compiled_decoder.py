"""The compiled decoder (tokgate_native, native/) against the Python conversion, byte for byte.

For every message the simulator produces (its whole pool: every mix kind and every program, as
the simulator stamps them) and the decode tests' messages (every badge kind, every viewer seen
and new), the compiled decoder must read each message of its types, and write exactly the
LiveEvent bytes and creation time the Python decoder writes. On payloads made odd on purpose
(truncated, flipped, spliced, a field sent twice, exotic badge levels, invalid UTF-8) it may hand
a message back, never decode it otherwise than the Python decoder would.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
import tokgate_native
from hypothesis import given
from hypothesis import strategies as st
from tokgate.live import decode
from tokgate.live.decode import ALL_EVENT_TYPES, DecodedMessage, WebcastDecoder
from tokgate.live.events import Delivery, status_event
from tokgate.live.gifts import Catalogue, fill_gift
from tokgate.live.ingest import seal_frame
from tokgate.live.log import Numbering
from tokgate.live.webcast_user import UserCache, badge_fragment, convert_user
from tokgate.sim import wire
from tokgate.sim.events import base_message
from tokgate.sim.pool_cache import default_cache_dir, load_pool
from tokgate.sim.wire import fields as wire_fields
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

if TYPE_CHECKING:
    from tests.conftest import Tier

COMPILED = frozenset(tokgate_native.methods())
QUICK_EXAMPLES = 2000
SOAK_EXAMPLES = 100_000
ROOM_ID = 7_300_000_000_000_000_042
NOW_MS = 1_764_000_000_123
Message = tuple[str, bytes]  # type name, payload
IDENTITY_FIELDS = {  # user_identity
    "WebcastChatMessage": 18,
    "WebcastGiftMessage": 32,
    "WebcastEmoteChatMessage": 5,
}


def simulator_messages() -> list[Message]:
    """Every message of the simulator's pool (the default seed's), stamped as it sends them."""
    pool = load_pool(7, default_cache_dir())
    messages = []
    msg_id = 1000
    for sequences in [*pool.kinds.values(), [[pool.control_end]]]:
        for sequence in sequences:
            for pooled in sequence:
                msg_id += 1
                stamped = webcast_pb2.BaseProtoMessage.FromString(
                    base_message(pooled, msg_id, ROOM_ID, NOW_MS + msg_id)
                )
                messages.append((stamped.method, stamped.payload))
    return messages


@pytest.fixture(scope="module")
def corpus(webcast_frames: ModuleType) -> list[Message]:
    """The simulator's messages and the decode tests', each also with every viewer new."""
    frames = [webcast_frames.WebcastMessage(*message) for message in simulator_messages()]
    frames += webcast_frames.build_messages()
    return [(m.method, m.payload) for m in [*frames, *webcast_frames.distinct_users(frames)]]


def python_decoded(method: str, payload: bytes, users: UserCache) -> DecodedMessage | None:
    """The Python decoder's reading (every type wanted); None for a payload it calls malformed."""
    try:
        return decode._PYTHON_DECODERS[method](payload, method, ALL_EVENT_TYPES, users)
    except decode._Undecodable:
        return None


def expected(decoded: DecodedMessage | None) -> tuple[int, bytes, int] | None:
    if decoded is None or decoded.event is None:
        return None
    return decoded.event_type, decoded.event.SerializeToString(), decoded.created_ms


def written(method: str, payload: bytes) -> tuple[int, bytes, int] | None:
    """The compiled decoder's event (type, bytes, creation time), after checking the user it
    hands the room's UserCache: the one the Python conversion would keep, as LiveUser bytes."""
    compiled = tokgate_native.decode(method, payload)
    if compiled is None:
        return None
    event_type, wire, created_ms, user = compiled
    user_field = getattr(webcast_pb2, method).DESCRIPTOR.fields_by_name.get("user")
    if user_field is None:
        assert user is None, method
        return event_type, wire, created_ms
    number = user_field.number
    if number not in wire_fields(payload):  # a subscription notice without a user
        assert user is None, method
        return event_type, wire, created_ms
    assert user is not None, method
    raw_user, converted_user = user
    assert wire_fields(payload)[number] == raw_user
    assert live_pb2.LiveUser.FromString(converted_user) == live_pb2.LiveUser.FromString(
        convert_user(raw_user, badge_fragment)
    )
    # The rarer messages' users (webcast_user.fill_user) are converted the same way.
    assert tokgate_native.convert_user(raw_user) == converted_user
    return event_type, wire, created_ms


def test_the_compiled_types_are_the_frequent_ones() -> None:
    assert {
        "WebcastChatMessage",
        "WebcastGiftMessage",
        "WebcastLikeMessage",
        "WebcastMemberMessage",
        "WebcastSocialMessage",
        "WebcastEmoteChatMessage",
        "WebcastRoomUserSeqMessage",
        "WebcastCaptionMessage",
        "WebcastRankUpdateMessage",
        "WebcastSubNotifyMessage",
    } == COMPILED
    assert set(decode._PYTHON_DECODERS) >= COMPILED


def test_every_message_of_the_simulator_is_written_byte_for_byte(corpus: list[Message]) -> None:
    users = UserCache()
    compared, kinds = 0, set()
    for method, payload in corpus:
        compiled = written(method, payload)
        if method not in COMPILED:
            assert compiled is None, method
            continue
        assert compiled is not None, f"the compiled decoder handed back a {method}"
        assert compiled == expected(python_decoded(method, payload, users)), method
        compared += 1
        kinds.add(compiled[0])
    assert kinds == {
        live_pb2.EVENT_TYPE_COMMENT,
        live_pb2.EVENT_TYPE_GIFT,
        live_pb2.EVENT_TYPE_LIKE,
        live_pb2.EVENT_TYPE_JOIN,
        live_pb2.EVENT_TYPE_FOLLOW,
        live_pb2.EVENT_TYPE_SHARE,
        live_pb2.EVENT_TYPE_SOCIAL,
        live_pb2.EVENT_TYPE_EMOTE_CHAT,
        live_pb2.EVENT_TYPE_VIEWER_COUNT,
        live_pb2.EVENT_TYPE_CAPTION,
        live_pb2.EVENT_TYPE_RANK_UPDATE,
        live_pb2.EVENT_TYPE_SUBSCRIBE,
        live_pb2.EVENT_TYPE_SUB_NOTIFY,
    }
    assert compared > 300


def test_the_room_decoder_gives_the_same_messages_and_seals_the_written_bytes(
    corpus: list[Message],
) -> None:
    decoder, users = WebcastDecoder(), UserCache()
    for method, payload in corpus:
        decoded = decoder.decode(method, payload, ALL_EVENT_TYPES)
        if method in COMPILED:
            assert decoded == python_decoded(method, payload, users)
            # A gift is completed from the room's catalogue, as an event.
            gift = decoded.event_type == live_pb2.EVENT_TYPE_GIFT
            assert isinstance(decoded.sealable, live_pb2.LiveEvent if gift else bytes)
        elif decoded.event is not None:
            assert decoded.sealable is decoded.event


def _user_of(method: str, payload: bytes) -> tuple[int, bytes, webcast_pb2.User]:
    """The user's field number, its bytes as sent, and the user parsed."""
    message_class = getattr(webcast_pb2, method)
    number: int = message_class.DESCRIPTOR.fields_by_name["user"].number
    raw = wire.fields(payload)[number]
    assert isinstance(raw, bytes)
    return number, raw, webcast_pb2.User.FromString(raw)


def _field(number: int, value: bytes) -> bytes:
    return wire.bytes_field(number, value)


def _odd_badges() -> Iterator[webcast_pb2.BadgeStruct]:
    """Badges whose level or image Python reads in ways worth checking."""
    scenes = (
        webcast_pb2.BADGE_SCENE_TYPE_FANS,
        webcast_pb2.BADGE_SCENE_TYPE_USER_GRADE,
        webcast_pb2.BADGE_SCENE_TYPE_BADGE_SCENE_TYPE_RANK_LIST,
    )
    levels = ("", "0", "007", "12a", "-3", "²", "٣", "2147483647", "2147483648", "9" * 30)
    images = ("", "ranklist_top_gifter_", "a/ranklist_top_gifter_x_ranklist_top_gifter_4.png")
    for scene in scenes:
        for level in levels:
            for image in images:
                badge = webcast_pb2.BadgeStruct(scene_type=scene)
                badge.privilege_log_extra.level = level
                if image:
                    badge.image.image.url_list.append(image)
                yield badge
    yield webcast_pb2.BadgeStruct(scene_type=99)  # a scene this schema does not name
    yield webcast_pb2.BadgeStruct(scene_type=-2)
    yield webcast_pb2.BadgeStruct(str=webcast_pb2.StringBadge(str="a string badge"))
    yield webcast_pb2.BadgeStruct(combine=webcast_pb2.CombineBadgeStruct(str="combined"))
    yield webcast_pb2.BadgeStruct()


def odd_payloads(corpus: list[Message]) -> Iterator[Message]:
    """The compiled types' payloads made odd on purpose, deterministically."""
    rng = random.Random(12)
    hot = [(method, payload) for method, payload in corpus if method in COMPILED]
    samples = [hot[index] for index in range(0, len(hot), max(1, len(hot) // 40))]
    samples += [next(message for message in hot if message[0] == method) for method in COMPILED]
    for method, payload in samples:
        yield method, payload[: rng.randrange(len(payload))]  # truncated
        flipped = bytearray(payload)
        for _ in range(3):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        yield method, bytes(flipped)
        other_method, other = rng.choice(samples)
        if other_method == method:
            yield method, payload + other  # every field twice: the user and its parts
        yield from _odd_of_its_type(method, payload)
        if "user" in getattr(webcast_pb2, method).DESCRIPTOR.fields_by_name:
            yield from _odd_users(method, payload)
    for method in COMPILED:
        yield method, b""  # no user at all
        user_field = getattr(webcast_pb2, method).DESCRIPTOR.fields_by_name.get("user")
        if user_field is not None:
            yield method, _field(user_field.number, b"")  # an empty user


def _odd_users(method: str, payload: bytes) -> Iterator[Message]:
    """A message's user made odd: sent twice, its parts sent twice, odd strings and badges, and
    every word a message may say of its standing."""
    number, raw, user = _user_of(method, payload)
    yield method, payload + _field(number, raw)  # the user twice
    yield method, payload.replace(raw, raw + _field(9, b"\x0a\x01x"))  # avatar twice
    yield method, payload.replace(raw, raw + _field(22, b"\x10\x05"))  # follow info twice
    yield method, payload.replace(raw, raw + b"\x1a\x02\xff\xfe")  # a nickname not UTF-8
    yield method, payload.replace(raw, raw + b"\x0b\x0c")  # an empty group
    yield method, payload + b"\x12\x00"  # an empty user last
    for badge in _odd_badges():
        renamed = webcast_pb2.User()
        renamed.CopyFrom(user)
        renamed.badge_list.append(badge)
        yield (
            method,
            payload.replace(_field(number, raw), b"") + _field(number, renamed.SerializeToString()),
        )
    if method in IDENTITY_FIELDS and method != "WebcastGiftMessage":
        names = [field.name for field in webcast_pb2.UserIdentity.DESCRIPTOR.fields]
        for flags in range(1 << len(names)):
            identity = webcast_pb2.UserIdentity(
                **{name: bool(flags >> bit & 1) for bit, name in enumerate(names)}
            )
            yield (
                method,
                payload + _field(IDENTITY_FIELDS[method], identity.SerializeToString()),
            )


def _odd_of_its_type(method: str, payload: bytes) -> Iterator[Message]:
    """The fields of the newer compiled types made odd: emotes (their image sent twice, an id
    not UTF-8, none, empty ones), viewer counts (negative, huge, of the wrong wire type),
    captions, rank updates and subscription notices (`_odd_captions`, `_odd_rank_updates`,
    `_odd_sub_notifies`)."""
    if method == "WebcastCaptionMessage":
        yield from _odd_captions(payload)
    if method == "WebcastRankUpdateMessage":
        yield from _odd_rank_updates(payload)
    if method == "WebcastSubNotifyMessage":
        yield from _odd_sub_notifies(payload)
    if method == "WebcastEmoteChatMessage":
        message = webcast_pb2.WebcastEmoteChatMessage.FromString(payload)
        emote = message.emote_list[0].SerializeToString() if message.emote_list else b""
        yield method, payload + _field(3, emote + _field(2, b"\x0a\x02ab"))  # image twice
        yield method, payload + _field(3, b"\x0a\x02\xff\xfe")  # an id not UTF-8
        yield method, payload + _field(3, b"") * 3  # empty emotes
        yield method, payload + _field(3, b"\x12\x00")  # an image without URLs
        message.ClearField("emote_list")
        yield method, message.SerializeToString()  # no emotes
    if method == "WebcastRoomUserSeqMessage":
        for total in (0, -1, 2**63 - 1, 123_456_789_012):
            viewers = webcast_pb2.WebcastRoomUserSeqMessage.FromString(payload)
            viewers.total = total
            yield method, viewers.SerializeToString()
        yield method, payload + _field(3, b"\x01")  # total with the wrong wire type
        yield method, payload + b"\x18\x05"  # total sent twice: the last one counts
        common = wire.fields(payload).get(1)
        if isinstance(common, bytes):
            yield method, payload + _field(1, common)  # the header twice


# TikTok's times in seconds and in milliseconds, either side of webcast_events._MILLISECONDS_FROM,
# and at the int64's ends.
ODD_TIMES = (
    *(0, 1, -1, 999, -1500, 99_999_999_999, 100_000_000_000, 1_717_200_000_123),
    *(2**63 - 1, -(2**63), -(2**63) + 1),
)


def _odd_captions(payload: bytes) -> Iterator[Message]:
    """Captions with odd times and durations (0, negative, huge), ids, texts and flags."""
    method = "WebcastCaptionMessage"
    for time in ODD_TIMES:
        caption = webcast_pb2.WebcastCaptionMessage.FromString(payload)
        caption.timestamp_ms = time
        yield method, caption.SerializeToString()
        caption.duration_ms = time
        yield method, caption.SerializeToString()
    caption = webcast_pb2.WebcastCaptionMessage.FromString(payload)
    content = caption.content[0].SerializeToString() if caption.content else b""
    yield method, payload + _field(4, content)  # a text sent again: one more text
    yield method, payload + _field(4, b"") * 2  # empty texts
    yield method, payload + _field(4, content + wire.string_field(1, "fr"))  # language twice
    yield method, payload + _field(4, b"\x12\x02\xff\xfe")  # a text not UTF-8
    yield method, payload + b"\x38\x02"  # final as a varint of 2
    yield method, payload + wire.varint_field(7, 1 << 40)  # final past 32 bits
    yield method, payload + _field(2, b"\x01")  # a time with the wrong wire type
    yield method, payload + wire.varint_field(2, 5) + wire.varint_field(2, 7)  # the last counts
    for sentence_id in (0, -5, 2**63 - 1):
        caption.sentence_id = sentence_id
        yield method, caption.SerializeToString()
    caption.definite = False
    caption.ClearField("content")
    yield method, caption.SerializeToString()  # no texts


def _odd_rank_updates(payload: bytes) -> Iterator[Message]:
    """Rank updates of every ranking type and odd ones (unnamed, negative, past 32 bits), odd
    places and scores, none and empty ones."""
    method = "WebcastRankUpdateMessage"
    rank_types = [number for _, number in webcast_pb2.ProfitRankType.items()]
    for rank_type in [*rank_types, 17, 99, 1000, -1, -(2**31)]:
        message = webcast_pb2.WebcastRankUpdateMessage.FromString(payload)
        for update in message.updates:
            update.rank_type = rank_type  # type: ignore[assignment]
        yield method, message.SerializeToString()
    yield method, payload + _field(2, wire.varint_field(1, (1 << 32) + 1))  # a type past 32 bits
    for rank, score in ((0, 0), (-1, -1), (2**31 - 1, 2**63 - 1), (-(2**31), -(2**63))):
        message = webcast_pb2.WebcastRankUpdateMessage.FromString(payload)
        message.updates.add(own_rank=rank, current_score=score)
        yield method, message.SerializeToString()
    yield method, payload + _field(2, b"") * 3  # empty updates
    yield method, payload + _field(2, b"\x08\x01\x08\x02\x10\x03\x10\x04")  # sent twice
    yield method, payload + _field(2, b"\x0a\x00")  # a type with the wrong wire type
    message = webcast_pb2.WebcastRankUpdateMessage.FromString(payload)
    message.ClearField("updates")
    yield method, message.SerializeToString()  # no update: the member is still there


def _odd_sub_notifies(payload: bytes) -> Iterator[Message]:
    """Subscription notices of every message type (SUB_SUCCESS is a subscription) and odd ones,
    with and without a user, with odd months and flags."""
    method = "WebcastSubNotifyMessage"
    message_types = [number for _, number in webcast_pb2.MessageType.items()]
    for message_type in [*message_types, 15, 99, -1]:
        notice = webcast_pb2.WebcastSubNotifyMessage.FromString(payload)
        notice.message_type = message_type  # type: ignore[assignment]
        yield method, notice.SerializeToString()
        notice.ClearField("user")
        yield method, notice.SerializeToString()  # no user
        notice.user.SetInParent()
        yield method, notice.SerializeToString()  # an empty user
    yield method, payload + wire.varint_field(7, 1 << 32)  # SUB_SUCCESS past 32 bits
    notice = webcast_pb2.WebcastSubNotifyMessage.FromString(payload)
    for months in (0, -1, 2**31 - 1, -(2**31)):
        notice.sub_month = months
        yield method, notice.SerializeToString()
    for flag in (0, 1, 2, 100, -1):
        for message_type in (0, 4):
            flagged = webcast_pb2.WebcastSubNotifyMessage(
                message_type=message_type,  # type: ignore[arg-type]
                subscribe_type=flag,  # type: ignore[arg-type]
                old_subscribe_status=flag,  # type: ignore[arg-type]
                gift_source=flag,  # type: ignore[arg-type]
            )
            yield method, payload + flagged.SerializeToString()


def test_places_and_months_an_int32_does_not_hold_are_handed_back(
    corpus: list[Message],
) -> None:
    """A rank update's place and a subscription's months go to the contract's int32: past it,
    the compiled decoder hands them back, and the room's decoder makes them OTHER, reported as
    malformed (the Python conversion's ValueError used to escape the decoder and end the
    room's streams), in a frame as on their own."""
    rank = next(p for m, p in corpus if m == "WebcastRankUpdateMessage")
    notice = next(p for m, p in corpus if m == "WebcastSubNotifyMessage")
    odd: list[Message] = []
    for value in (2**31, -(2**31) - 1, 2**63 - 1):
        message = webcast_pb2.WebcastRankUpdateMessage.FromString(rank)
        message.updates.add(own_rank=value)
        odd.append(("WebcastRankUpdateMessage", message.SerializeToString()))
        for message_type in (0, 4):
            sub = webcast_pb2.WebcastSubNotifyMessage.FromString(notice)
            sub.sub_month, sub.message_type = value, message_type  # type: ignore[assignment]
            odd.append(("WebcastSubNotifyMessage", sub.SerializeToString()))
    for method, payload in odd:
        assert tokgate_native.decode(method, payload) is None
        decoded = WebcastDecoder().decode(method, payload, ALL_EVENT_TYPES)
        assert decoded.event_type == live_pb2.EVENT_TYPE_OTHER
        assert "Value out of range" in str(decoded.malformed)
    sealed, malformed, _, _ = sealed_by_frame([odd], catalogue_of(corpus))
    assert {event_type for _, event_type, _ in sealed} == {live_pb2.EVENT_TYPE_OTHER}
    assert [method for method, _ in malformed] == [method for method, _ in odd]


def test_odd_payloads_are_read_as_python_reads_them_or_handed_back(
    corpus: list[Message],
) -> None:
    users = UserCache()
    handed_back = decoded = 0
    for method, payload in odd_payloads(corpus):
        compiled = written(method, payload)
        if compiled is None:
            handed_back += 1
            continue
        decoded += 1
        assert compiled == expected(python_decoded(method, payload, users)), (method, payload)
    # Both ways are taken: the check reaches the writer and the hand-back.
    assert decoded > 1000 and handed_back > 100, (decoded, handed_back)


def test_edited_payloads_are_read_as_python_reads_them_or_handed_back(
    tier: Tier, corpus: list[Message]
) -> None:
    """Hypothesis: a span of a real payload replaced by random bytes (a cut, a splice, a flip,
    a truncation, a field added or sent twice), or a payload followed by another's fields."""
    hot = [message for message in corpus if message[0] in COMPILED]
    users = UserCache()

    @st.composite
    def edited(draw: Any) -> Message:
        method, payload = draw(st.sampled_from(hot))
        if draw(st.booleans()):
            start = draw(st.integers(0, len(payload)))
            end = draw(st.integers(start, min(len(payload), start + 24)))
            return method, payload[:start] + draw(st.binary(max_size=24)) + payload[end:]
        same_type = [other for name, other in hot if name == method]
        return method, payload + draw(st.sampled_from(same_type))[: draw(st.integers(0, 400))]

    @tier.hypothesis(quick=QUICK_EXAMPLES, soak=SOAK_EXAMPLES)
    @given(message=edited())
    def each(message: Message) -> None:
        method, payload = message
        compiled = written(method, payload)
        if compiled is not None:
            assert compiled == expected(python_decoded(method, payload, users))

    each()


# --- whole frames: one native call a frame (live/ingest.py) against the Python path ----------

KEY, EPOCH, OTHER_EPOCH = "frames_streamer", "abcdefgh", "ijklmnop"
WALL_NS = 1_764_000_000_123_456_789
RECEIVED = 12.5
Frame = list[Message]
Sealed = tuple[int, int, bytes]  # sequence, event type, wire


def catalogue_of(corpus: list[Message]) -> Catalogue:
    """A catalogue naming every other gift of the corpus, so completion shows in the bytes."""
    ids = sorted(
        {m.gift_id for m in _gift_messages(corpus)} | {m.gift.id for m in _gift_messages(corpus)}
    )
    return Catalogue(
        str(ROOM_ID),
        live_pb2.ListGiftsResponse(
            gifts=[
                live_pb2.Gift(id=gift_id, name=f"gift {gift_id}", diamond_count=gift_id % 97 + 1)
                for gift_id in ids[::2]
            ]
        ),
    )


def _gift_messages(corpus: list[Message]) -> list[webcast_pb2.WebcastGiftMessage]:
    return [
        webcast_pb2.WebcastGiftMessage.FromString(payload)
        for method, payload in corpus
        if method == "WebcastGiftMessage"
    ]


def bare_gifts(corpus: list[Message]) -> list[Message]:
    """The corpus's gifts without their name, diamonds and image: the catalogue completes them."""
    bare = []
    for gift in _gift_messages(corpus):
        gift.gift.ClearField("name")
        gift.gift.ClearField("diamond_count")
        gift.gift.ClearField("image")
        bare.append(("WebcastGiftMessage", gift.SerializeToString()))
    return bare


def as_body(frame: Frame) -> bytes:
    """A frame's messages as tokgate's loop hands them over: the fetch result's bytes."""
    return webcast_pb2.ProtoMessageFetchResult(
        messages=[webcast_pb2.BaseProtoMessage(method=m, payload=p) for m, p in frame]
    ).SerializeToString()


def as_upb(frame: Frame) -> Any:
    """A frame's messages as upb's objects (the fetch result parsed)."""
    return webcast_pb2.ProtoMessageFetchResult.FromString(as_body(frame)).messages


class LibraryMessage:
    """A message as TikTokLive's own loop hands it over: any object with the two attributes."""

    def __init__(self, method: object, payload: object) -> None:
        self.method, self.payload = method, payload


# What the frame call reads a frame's messages from: the fetch result's bytes (tokgate's loop),
# upb's objects, and any objects with the two attributes (TikTokLive's loop).
SOURCES: dict[str, Callable[[Frame], Any]] = {
    "bytes": as_body,
    "upb": as_upb,
    "objects": lambda frame: [LibraryMessage(m, p) for m, p in frame],
}


def sealed_by_python(
    frames: list[Frame], catalogue: Catalogue, *, between: Any = None
) -> tuple[list[Sealed], list[tuple[str, str]], Counter[str], int]:
    """The frames as the connection sealed them before the frame call (and as it still seals
    what that call leaves): each message decoded by the Python decoder alone, completed, sealed
    by the log one at a time; the events after a LIVE's end dropped. Also the malformed OTHERs
    (type name, why), the untyped ones counted by type name, and the log's last sequence."""
    log, decoder = Numbering(KEY, EPOCH), WebcastDecoder()
    sealed, malformed, untyped = [], [], Counter[str]()
    compiled = dict(decode._DECODERS)
    decode._DECODERS.update(decode._PYTHON_DECODERS)
    try:
        for index, frame in enumerate(frames):
            if between is not None:
                between(index, log)
            for method, payload in frame:
                decoded = decoder.decode(method, payload, ALL_EVENT_TYPES)
                if decoded.malformed is not None:
                    malformed.append((method, str(decoded.malformed)))
                elif decoded.event_type == live_pb2.EVENT_TYPE_OTHER:
                    untyped[method] += 1
                event = decoded.event
                assert event is not None
                if decoded.event_type == live_pb2.EVENT_TYPE_GIFT:
                    fill_gift(event.gift, catalogue)
                delivery = log.seal(
                    event,
                    decoded.event_type,
                    str(ROOM_ID),
                    RECEIVED,
                    WALL_NS + index,
                    created_ms=decoded.created_ms,
                )
                sealed.append((delivery.sequence, delivery.event_type, delivery.wire))
                if decoded.ends_live:
                    break
    finally:
        decode._DECODERS.update(compiled)
    return sealed, malformed, untyped, log.last_sequence


def sealed_by_frame(
    frames: list[Frame], catalogue: Catalogue, *, between: Any = None, source: str = "bytes"
) -> tuple[list[Sealed], list[tuple[str, str]], Counter[str], int]:
    """The same frames sealed as the connection seals them now (``ingest.seal_frame``)."""
    log, decoder = Numbering(KEY, EPOCH), WebcastDecoder()
    sealed, malformed, untyped = [], [], Counter[str]()
    for index, frame in enumerate(frames):
        if between is not None:
            between(index, log)
        result = seal_frame(
            SOURCES[source](frame),
            log,
            decoder,
            room_id=str(ROOM_ID),
            received=RECEIVED,
            wall_ns=WALL_NS + index,
            catalogue=catalogue,
        )
        assert all(d.received == RECEIVED for d in result.deliveries)
        assert result.counts == dict(Counter(d.event_type for d in result.deliveries))
        sealed += [(d.sequence, d.event_type, d.wire) for d in result.deliveries]
        malformed += [(method, str(why)) for method, why in result.malformed]
        untyped.update(result.untyped)
        assert result.ends_live == any(
            d.event_type == live_pb2.EVENT_TYPE_LIVE_ENDED for d in result.deliveries
        )
    return sealed, malformed, untyped, log.last_sequence


def framed(messages: list[Message], seed: int) -> list[Frame]:
    """The messages shuffled into frames of 1 to 200."""
    rng = random.Random(seed)
    shuffled = list(messages)
    rng.shuffle(shuffled)
    frames = []
    while shuffled:
        size = rng.choice((1, 2, 10, 50, 200))
        frames.append(shuffled[:size])
        del shuffled[:size]
    return frames


def test_whole_frames_are_sealed_byte_for_byte_as_the_python_path_seals_them(
    corpus: list[Message],
) -> None:
    """Frames mixing the compiled kinds, the Python-converted ones (gifts completed from the
    catalogue, the rarer types, OTHERs) and LIVE ends that cut a frame short."""
    catalogue = catalogue_of(corpus)
    frames = framed(corpus + bare_gifts(corpus), seed=3)
    expected_frames = sealed_by_python(frames, catalogue)
    for source in SOURCES:
        assert sealed_by_frame(frames, catalogue, source=source) == expected_frames, source
    sealed, _, untyped, last = expected_frames
    assert [sequence for sequence, _, _ in sealed] == list(range(1, last + 1))
    types = {event_type for _, event_type, _ in sealed}
    assert {
        live_pb2.EVENT_TYPE_COMMENT,
        live_pb2.EVENT_TYPE_GIFT,
        live_pb2.EVENT_TYPE_OTHER,
    } < types
    assert len(sealed) < len(corpus), "a LIVE's end cut a frame short"
    # Both a type the schema does not know and one it knows but tokgate does not type.
    assert {"WebcastTokgateFutureMessage", "WebcastLinkMessage"} <= set(untyped)


def odd_others(corpus: list[Message]) -> Iterator[Message]:
    """Messages of types tokgate does not type, their payloads made odd: the frame call makes
    them OTHER only where it reads their header as upb does, and leaves the rest to Python."""
    rng = random.Random(14)
    others = [(m, p) for m, p in corpus if m not in decode.TYPED_METHODS and p][:20]
    for method, payload in others:
        yield method, payload[: rng.randrange(len(payload))]  # truncated
        flipped = bytearray(payload)
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        yield method, bytes(flipped)
        common = wire.fields(payload).get(1)
        if isinstance(common, bytes):
            yield method, payload + _field(1, common)  # the header twice
            header = webcast_pb2.CommonMessageData.FromString(common)
            header.create_time = -5
            yield method, _field(1, header.SerializeToString()) + payload[len(common) + 2 :]
    yield "WebcastNoSuchMessage", b""  # nothing at all
    yield "WebcastNoSuchMessage", b"\x08\x01"  # the header as a varint
    yield "WebcastNoSuchMessage", b"\x0b\x0c"  # an empty group
    yield "WebcastNoSuchMessage", b"\xff\xff"  # not protobuf
    yield "WebcastNoSuchMessage", _field(1, _field(8, b"\x0a\x02\xff\xfe"))  # not UTF-8
    yield "", b"\x10\x01"  # no type name


def test_untyped_messages_are_sealed_as_the_python_decoder_seals_them(
    corpus: list[Message],
) -> None:
    """OTHERs of types tokgate does not type, odd ones among them, sealed and counted as the
    Python decoder seals and counts them; those after a LIVE's end are not counted."""
    odd = list(odd_others(corpus))
    end = next(m for m in corpus if WebcastDecoder().decode(*m, ALL_EVENT_TYPES).ends_live)
    frames = [*framed(odd * 3, seed=6), [odd[0], end, odd[1], odd[2]]]
    catalogue = catalogue_of(corpus)
    expected_frames = sealed_by_python(frames, catalogue)
    for source in SOURCES:
        assert sealed_by_frame(frames, catalogue, source=source) == expected_frames, source
    sealed, _, untyped, _ = expected_frames
    assert sum(untyped.values()) == len(odd) * 3 + 1
    assert {event_type for _, event_type, _ in sealed} == {
        live_pb2.EVENT_TYPE_OTHER,
        live_pb2.EVENT_TYPE_LIVE_ENDED,
    }
    # The frame call itself seals the simulator's untyped messages: none is left to Python.
    clean = [m for m in simulator_messages() if m[0] not in decode.TYPED_METHODS]
    _, _, rest, untyped_at = tokgate_native.seal_frame(
        as_body(clean), b"", 1, RECEIVED, Delivery, None, decode.TYPED_METHODS, None
    )
    assert clean and rest == [] and len(untyped_at) == len(clean)


def test_frames_with_malformed_and_odd_messages_seal_and_report_as_before(
    corpus: list[Message],
) -> None:
    """Messages the compiled decoder hands back, and ones no decoder reads (OTHER, reported as
    malformed), at any place of a frame."""
    odd = list(odd_payloads(corpus))
    hot = [message for message in corpus if message[0] in COMPILED]
    frames = framed(odd + hot[:500], seed=5)
    catalogue = catalogue_of(corpus)
    expected_frames = sealed_by_python(frames, catalogue)
    assert sealed_by_frame(frames, catalogue) == expected_frames
    _, malformed, _, _ = expected_frames
    assert len(malformed) > 50, "malformed messages are in the frames"


def test_numbering_goes_on_across_frames_tokgates_events_and_a_new_epoch(
    corpus: list[Message],
) -> None:
    """Between frames, tokgate's own events take their numbers from the same log, and a takeover
    (cluster mode) gives the log another epoch and last sequence: the frame call numbers on."""
    frames = [frame for frame in framed(corpus, seed=9) if frame][:40]

    def between(index: int, log: Numbering) -> None:
        if index % 3 == 1:
            status = status_event(live_pb2.STREAM_STATE_RESUMED, "reconnected")
            log.seal(status, live_pb2.EVENT_TYPE_STREAM_STATUS, str(ROOM_ID), RECEIVED, index)
        if index == 20:
            log.epoch, log.last_sequence = OTHER_EPOCH, 1_000_000

    catalogue = catalogue_of(corpus)
    expected_frames = sealed_by_python(frames, catalogue, between=between)
    assert sealed_by_frame(frames, catalogue, between=between) == expected_frames
    sealed, _, _, _ = expected_frames
    epochs = {live_pb2.StreamEventsResponse.FromString(wire).event.epoch for _, _, wire in sealed}
    assert epochs == {EPOCH, OTHER_EPOCH}
    assert any(sequence > 1_000_000 for sequence, _, _ in sealed)


def test_a_fetch_results_bytes_are_read_as_upb_reads_them(corpus: list[Message]) -> None:
    """tokgate's loop hands the frame call the fetch result's bytes: it reads each message in
    place as upb parses it (a method or payload sent twice counts its last; the other fields of
    a message and of the result are skipped; an empty message is one)."""
    rng = random.Random(21)
    sample = corpus[::5]
    messages = []
    for method, payload in sample:
        base = webcast_pb2.BaseProtoMessage(
            method=method, payload=payload, msg_id=rng.randrange(1 << 40), is_history=True
        ).SerializeToString()
        other_method, other_payload = rng.choice(sample)
        earlier = webcast_pb2.BaseProtoMessage(method=other_method, payload=other_payload)
        messages.append(
            rng.choice(
                (
                    base,
                    earlier.SerializeToString() + base,  # both sent twice: the last counts
                    base + wire.string_field(1, other_method),  # the method twice
                    base + _field(2, other_payload),  # the payload twice
                    b"",  # an empty message
                )
            )
        )
    body = wire.string_field(5, "ext") + b"".join(_field(1, message) for message in messages)
    parsed = webcast_pb2.ProtoMessageFetchResult.FromString(body).messages
    catalogue = catalogue_of(corpus)

    def sealed(source: Any) -> tuple[list[Sealed], list[str], list[str]]:
        result = seal_frame(
            source,
            Numbering(KEY, EPOCH),
            WebcastDecoder(),
            room_id=str(ROOM_ID),
            received=RECEIVED,
            wall_ns=WALL_NS,
            catalogue=catalogue,
        )
        events = [(d.sequence, d.event_type, d.wire) for d in result.deliveries]
        return events, sorted(result.untyped), [method for method, _ in result.malformed]

    in_place = sealed(body)
    assert in_place == sealed(parsed)
    assert len(in_place[0]) > 100 and in_place[1]


def test_a_repeat_viewer_is_taken_from_the_rooms_user_cache(corpus: list[Message]) -> None:
    """A user kept in the room's UserCache is neither checked nor converted again: the frame
    call seals the kept LiveUser bytes (planted here, to show it) and marks the entry used. A
    new user is converted once a frame, however often it comes, and kept."""
    method, payload = next(m for m in corpus if m[0] == "WebcastLikeMessage")
    _, raw, _ = _user_of(method, payload)

    def like_users(decoder: WebcastDecoder, frame: Frame) -> list[live_pb2.LiveUser]:
        sealed = seal_frame(
            as_body(frame),
            Numbering(KEY, EPOCH),
            decoder,
            room_id=str(ROOM_ID),
            received=RECEIVED,
            wall_ns=WALL_NS,
            catalogue=None,
        )
        return [
            live_pb2.StreamEventsResponse.FromString(d.wire).event.like.user
            for d in sealed.deliveries
        ]

    warm = WebcastDecoder()
    planted = live_pb2.LiveUser(nickname="kept")
    warm.keep_users([(raw, planted.SerializeToString())])
    entry = warm.cached_users[raw]
    entry[1] = False
    assert like_users(warm, [(method, payload)]) == [planted]
    assert entry[1] is True

    cold = WebcastDecoder()
    converted = tokgate_native.convert_user(raw)
    assert converted is not None
    assert (
        like_users(cold, [(method, payload)] * 3) == [live_pb2.LiveUser.FromString(converted)] * 3
    )
    assert cold.cached_users == {raw: [converted, False]}

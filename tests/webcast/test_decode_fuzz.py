"""Hypothesis over the webcast messages the decoder reads: every type it knows and unknown ones,
with payloads made from the simulator's real messages, then truncated, flipped, spliced or
replaced by random bytes.

Invariants: ``WebcastDecoder.decode`` never raises for TikTok's data; every message becomes an
event (all types wanted, as a room's log wants them); a message that does not decode as its
type is OTHER with its type name and its payload unchanged, and names why (``malformed``)
when its type was known; every event seals into a StreamEventsResponse that parses back with
its sequence. ``make test`` runs QUICK_EXAMPLES; ``TOKGATE_FUZZ_EXAMPLES=N`` (or ``make
soak``) more. The frames around the messages are fuzzed in test_frames.py.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tokgate.live import events
from tokgate.live.decode import _DECODERS, ALL_EVENT_TYPES, WebcastDecoder
from tokgate.v1 import live_pb2

if TYPE_CHECKING:
    from tests.conftest import Tier

QUICK_EXAMPLES = 1500
SOAK_EXAMPLES = 100_000
HEADER = events.header(events.Stamp("fuzz_room", "7000000000000000001", "fuzzepoc"), 10**18)


@pytest.fixture(scope="module")
def samples(webcast_frames: ModuleType) -> dict[str, list[bytes]]:
    """The simulator's real payloads, by type name."""
    by_method: dict[str, list[bytes]] = {}
    for message in webcast_frames.build_messages():
        by_method.setdefault(message.method, []).append(bytes(message.payload))
    missing = set(_DECODERS) - set(by_method)
    assert not missing, f"no sample of {missing}: the fuzz would not reach their decoders"
    return by_method


@st.composite
def mutated(draw: Any, payload: bytes) -> bytes:
    """``payload`` truncated, with bytes flipped, spliced in or cut out, or random instead."""
    how = draw(st.sampled_from(["as_is", "truncate", "flip", "splice", "cut", "random"]))
    if how == "random" or not payload:
        return bytes(draw(st.binary(max_size=300)))
    at = draw(st.integers(0, len(payload) - 1))
    if how == "truncate":
        return payload[:at]
    if how == "flip":
        return payload[:at] + bytes([payload[at] ^ draw(st.integers(1, 255))]) + payload[at + 1 :]
    if how == "splice":
        return payload[:at] + bytes(draw(st.binary(min_size=1, max_size=20))) + payload[at:]
    if how == "cut":
        return payload[:at] + payload[at + draw(st.integers(1, 20)) :]
    return payload


def test_no_payload_breaks_the_decoder_or_the_seal(
    tier: Tier, samples: dict[str, list[bytes]]
) -> None:
    decoder = WebcastDecoder()
    methods = [*sorted(samples), "WebcastSomethingNewMessage"]
    sequence = iter(range(1, 10**9))

    @st.composite
    def messages(draw: Any) -> tuple[str, bytes]:
        method = draw(st.sampled_from(methods))
        source = draw(st.sampled_from(samples.get(method) or samples["WebcastChatMessage"]))
        return method, draw(mutated(source))

    @tier.hypothesis(quick=QUICK_EXAMPLES, soak=SOAK_EXAMPLES)
    @given(message=messages())
    def each(message: tuple[str, bytes]) -> None:
        method, payload = message
        decoded = decoder.decode(method, payload, ALL_EVENT_TYPES)
        event = decoded.event
        assert event is not None, "every type is wanted"
        if decoded.event_type == live_pb2.EVENT_TYPE_OTHER:
            assert (event.other.type_name, event.other.payload) == (method, payload)
            assert decoded.malformed is None or decoded.malformed.method == method
        else:
            assert decoded.malformed is None
            assert event.WhichOneof("event") is not None
        number = next(sequence)
        sealed = events.seal(
            event, decoded.event_type, HEADER, number, 0.0, created_ms=decoded.created_ms
        )
        back = live_pb2.StreamEventsResponse.FromString(sealed.wire).event
        assert (back.sequence, back.unique_id) == (number, "fuzz_room")
        assert back.WhichOneof("event") == event.WhichOneof("event")

    each()

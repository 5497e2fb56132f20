"""tokgate_client.webcast.decode_other: an OtherEvent's payload back as its webcast message,
and clear errors for an unknown type name or a payload that does not decode."""

from __future__ import annotations

import pytest
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2
from tokgate_client.webcast import UnknownWebcastTypeError, WebcastDecodeError, decode_other


def test_decode_other_gives_the_message_type_name_names() -> None:
    poll = webcast_pb2.WebcastPollMessage(message_type=1, poll_id=42)
    other = live_pb2.OtherEvent(type_name="WebcastPollMessage", payload=poll.SerializeToString())
    decoded = decode_other(other)
    assert isinstance(decoded, webcast_pb2.WebcastPollMessage)
    assert decoded == poll


@pytest.mark.parametrize(
    "type_name", ["", "WebcastNewerMessage", "webcast.v1alpha.User", "DESCRIPTOR", "__class__"]
)
def test_an_unknown_type_name_is_a_clear_error(type_name: str) -> None:
    with pytest.raises(UnknownWebcastTypeError, match=r"is not a message of webcast\.v1alpha") as e:
        decode_other(live_pb2.OtherEvent(type_name=type_name, payload=b""))
    assert e.value.type_name == type_name


def test_a_payload_that_does_not_decode_is_a_clear_error() -> None:
    other = live_pb2.OtherEvent(type_name="WebcastChatMessage", payload=b"\x1a\x10s")
    with pytest.raises(WebcastDecodeError, match=r"WebcastChatMessage payload \(3 bytes\)") as e:
        decode_other(other)
    assert not isinstance(e.value, UnknownWebcastTypeError)

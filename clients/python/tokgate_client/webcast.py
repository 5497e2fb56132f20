"""An OtherEvent's payload as the webcast message its ``type_name`` names.

The messages are ``tokgate.webcast.v1alpha``: TikTok's webcast wire as TikTokLive's pinned schema
has it, unstable and outside tokgate's contract (a new TikTokLive may rename or renumber any of
it). ``import tokgate_client`` does not load it, because it is large (about 70 ms and 8 MB);
import this module where OtherEvents are decoded::

    from tokgate_client.webcast import decode_other

    if event.WhichOneof("event") == "other":
        message = decode_other(event.other)  # e.g. a webcast_pb2.WebcastPollMessage
"""

from __future__ import annotations

from google.protobuf.message import DecodeError, Message
from google.protobuf.message_factory import GetMessageClass
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

PACKAGE = webcast_pb2.DESCRIPTOR.package


class WebcastDecodeError(ValueError):
    """An OtherEvent that cannot be decoded; ``type_name`` is its type."""

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(message)
        self.type_name = type_name


class UnknownWebcastTypeError(WebcastDecodeError):
    """The OtherEvent's ``type_name`` names no message of webcast.v1alpha: a type TikTok added
    after this client's schema, or no webcast type."""


def decode_other(other: live_pb2.OtherEvent) -> Message:
    """``other.payload`` decoded as the webcast.v1alpha message ``other.type_name`` names.

    Raises UnknownWebcastTypeError for an unknown type name, WebcastDecodeError for a payload
    that does not decode as its type."""
    descriptor = webcast_pb2.DESCRIPTOR.message_types_by_name.get(other.type_name)
    if descriptor is None:
        raise UnknownWebcastTypeError(
            other.type_name,
            f"type_name {other.type_name!r} is not a message of {PACKAGE}: a type TikTok added "
            "after this client's schema, or no webcast type",
        )
    message = GetMessageClass(descriptor)()
    try:
        message.ParseFromString(other.payload)
    except DecodeError as exc:
        raise WebcastDecodeError(
            other.type_name,
            f"{other.type_name} payload ({len(other.payload)} bytes) does not decode: {exc}",
        ) from exc
    return message

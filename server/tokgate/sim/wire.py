"""Protobuf wire-format primitives, for assembling frames from pre-encoded bytes.

Building a TikTokLive message object costs about a millisecond (pydantic validation); the
simulator builds its payloads with those classes once and then only concatenates bytes here.
Field numbers come from TikTokLive's own schema (WebcastPushFrame, ProtoMessageFetchResult,
BaseProtoMessage, CommonMessageData); ``tests/sim`` checks that TikTokLive parses the result.
"""

from __future__ import annotations

_VARINT = 0
_LENGTH_DELIMITED = 2


def _encode_varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


_SMALL = tuple(_encode_varint(number) for number in range(1 << 14))


def varint(value: int) -> bytes:
    """Base-128 varint; negative numbers as 64-bit two's complement, as protobuf does."""
    if 0 <= value < len(_SMALL):
        return _SMALL[value]
    return _encode_varint(value)


def varint_field(number: int, value: int) -> bytes:
    return varint(number << 3 | _VARINT) + varint(value)


def bytes_field(number: int, value: bytes) -> bytes:
    return varint(number << 3 | _LENGTH_DELIMITED) + varint(len(value)) + value


def string_field(number: int, value: str) -> bytes:
    return bytes_field(number, value.encode())


def _read_varint(data: bytes, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if position >= len(data) or shift > 63:
            raise ValueError("truncated or oversized varint")
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7


def fields(data: bytes) -> dict[int, int | bytes]:
    """The top-level fields of a message (the last occurrence of each): varints as ints,
    length-delimited and fixed-width values as bytes. Raises ValueError when malformed."""
    out: dict[int, int | bytes] = {}
    position = 0
    while position < len(data):
        key, position = _read_varint(data, position)
        number, wire_type = key >> 3, key & 7
        if wire_type == _VARINT:
            out[number], position = _read_varint(data, position)
            continue
        if wire_type == _LENGTH_DELIMITED:
            size, position = _read_varint(data, position)
        elif wire_type in (1, 5):  # fixed64, fixed32
            size = 8 if wire_type == 1 else 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
        if position + size > len(data):
            raise ValueError("truncated field")
        out[number] = data[position : position + size]
        position += size
    return out

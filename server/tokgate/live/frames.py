"""Reading the push websocket's frames with the C-backed runtime, checked.

A frame either reads whole or is dropped and reported (MalformedFrameError); the room goes on
without it. Two loops use this:

- tokgate's own loop (``live/push_loop.py``, the default) parses each frame once here
  (``read_frame``): the frame, its gzip body, the fetch result, and hands the result's bytes
  to the room, whose frame call reads the messages in place;
- under TikTokLive's own loop (``upstream_loop = tiktoklive``), which parses each frame inside
  its connection iterator so that one undecodable frame would kill the connection, the
  websocket protocol screens every frame first (``screen_frame``) and hands the rest on
  already decompressed (the library then skips its own gzip pass).

Both check the same things, so the same frames are dropped whichever loop runs.

What TikTokLive parses of a frame is its envelope: the WebcastPushFrame with its headers and,
for a "msg" frame, the ProtoMessageFetchResult with its messages and route params (each
message's payload stays bytes; tokgate's own decoder reads it later). The C runtime accepts
two things in an envelope that TikTokLive's parser (betterproto2, then pydantic) fails on or
reads otherwise, and both loops drop them:

- a field of the schema sent with another wire type (a string field as a varint, say): the C
  runtime keeps it as an unknown field (in tokgate's loop the field would be lost without a
  word), TikTokLive's parser fails to validate it;
- a group (wire type 3): the C runtime skips its body, TikTokLive's parser reads the body's
  fields as fields of the message around it.

Unknown fields with numbers the schema does not define pass: TikTok adds fields, and both
parsers skip them.

The check costs a few microseconds a frame, whatever its number of messages: the fetch result
is parsed a second time into a mirror class in which
every message field is singular. The C runtime merges the repeated occurrences of a singular
message field, unknown fields included, so one mirror message holds the unknown fields of all
the frame's messages, and a few look-ups check them all.
"""

from __future__ import annotations

import zlib
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.descriptor_pb2 import FieldDescriptorProto
from google.protobuf.message import DecodeError, Message
from google.protobuf.unknown_fields import UnknownFieldSet
from websockets.legacy.client import WebSocketClientProtocol

from tokgate.errors.exceptions import MalformedUpstreamError
from tokgate.webcast.v1alpha import webcast_pb2

if TYPE_CHECKING:
    from google._upb._message import Descriptor as UpbDescriptor
    from google.protobuf.descriptor import Descriptor as PyDescriptor

    Descriptor = PyDescriptor | UpbDescriptor  # a message class's, whichever runtime


class MalformedFrameError(MalformedUpstreamError):
    """A push frame (or its compressed body) that does not decode."""

    def __init__(self, size: int, cause: Exception) -> None:
        super().__init__(f"undecodable webcast push frame ({size} bytes): {cause}")
        self.size = size


# Wire types by number, as the messages name them (4, a group's end, never is a field's).
_WIRE_TYPES = ("varint", "fixed64", "length-delimited", "group", "end-group", "fixed32")
_GROUP = 3


class _Shape:
    """One message type of the envelope: its name in messages, the fields its schema defines
    (by number), and its message fields with their types' shapes. ``shapes`` holds the shapes
    built so far, by type."""

    def __init__(self, descriptor: Descriptor, shapes: dict[str, _Shape]) -> None:
        shapes[descriptor.full_name] = self
        self.name = descriptor.full_name.removeprefix(descriptor.file.package + ".")
        self.fields = {field.number: field.name for field in descriptor.fields}
        self.children = tuple(
            (field.name, shapes.get(type_.full_name) or _Shape(type_, shapes))
            for field in descriptor.fields
            if (type_ := field.message_type) is not None
        )


def _mirror(root: Descriptor) -> type[Message]:
    """The mirror class of ``root``: the message types reachable from ``root`` through message
    fields, with the same fields, except that every message field is singular (a map field
    becomes a field of its entry message, without the map semantics). Parsed into it, an
    envelope's bytes are read the same way, and each mirror message holds the unknown fields of
    every instance of its type at its place (see the module docstring)."""
    descriptors: dict[str, Descriptor] = {}
    pending = [root]
    while pending:
        descriptor = pending.pop()
        if descriptor.full_name not in descriptors:
            descriptors[descriptor.full_name] = descriptor
            pending += [f.message_type for f in descriptor.fields if f.message_type is not None]

    def mirror_name(full_name: str) -> str:
        return "M" + full_name.replace(".", "_")

    file = descriptor_pb2.FileDescriptorProto(
        name=f"tokgate/screen/{root.full_name}.proto", package="screen", syntax="proto3"
    )
    for descriptor in descriptors.values():
        mirror = file.message_type.add()
        descriptor.CopyToProto(mirror)
        mirror.name = mirror_name(descriptor.full_name)
        mirror.ClearField("nested_type")
        mirror.ClearField("enum_type")
        mirror.ClearField("options")  # a map's entry becomes a plain message
        for field in mirror.field:
            if field.type == FieldDescriptorProto.TYPE_MESSAGE:
                field.label = FieldDescriptorProto.LABEL_OPTIONAL
                field.type_name = ".screen." + mirror_name(field.type_name.lstrip("."))
            elif field.type == FieldDescriptorProto.TYPE_ENUM:  # open enums: any varint
                field.type = FieldDescriptorProto.TYPE_INT32
                field.ClearField("type_name")
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    mirror_root = pool.FindMessageTypeByName("screen." + mirror_name(root.full_name))
    return message_factory.GetMessageClass(mirror_root)


# The frame is checked as parsed, in the loop over its headers (few; its only message field, and
# they have none: the tests hold the schema to that); the fetch result, with up to hundreds of
# messages, in its mirror.
_FRAME = _Shape(webcast_pb2.WebcastPushFrame.DESCRIPTOR, {})
_HEADER = dict(_FRAME.children)["headers"]
_RESULT = _Shape(webcast_pb2.ProtoMessageFetchResult.DESCRIPTOR, {})
_RESULT_MIRROR = _mirror(webcast_pb2.ProtoMessageFetchResult.DESCRIPTOR)


def _check_unknown_fields(message: Message, shape: _Shape) -> None:
    """DecodeError when ``message`` holds an unknown field TikTokLive's parser does not skip:
    a number its schema defines (sent with another wire type), or a group."""
    unknowns = UnknownFieldSet(message)
    if len(unknowns):  # most messages have none
        for index in range(len(unknowns)):
            number, wire_type = unknowns[index].field_number, unknowns[index].wire_type
            if number in shape.fields:
                raise DecodeError(
                    f"{shape.name}.{shape.fields[number]} arrived with wire type "
                    f"{_WIRE_TYPES[wire_type]}"
                )
            if wire_type == _GROUP:
                raise DecodeError(
                    f"{shape.name} holds a group (field {number}), whose body TikTokLive's "
                    "parser reads as the message's own fields"
                )


def _check_mirror(message: Message, shape: _Shape) -> None:
    """``_check_unknown_fields`` on a mirror message and every mirror message below it."""
    _check_unknown_fields(message, shape)
    for name, child in shape.children:
        if message.HasField(name):
            _check_mirror(getattr(message, name), child)


def _open(data: bytes) -> tuple[webcast_pb2.WebcastPushFrame, bytes | None, bool]:
    """The push frame, checked; for a "msg" frame the fetch result's bytes (decompressed) and
    whether they came compressed, else None and False. Raises what the runtime or gunzip
    raise."""
    frame = webcast_pb2.WebcastPushFrame.FromString(data)
    _check_unknown_fields(frame, _FRAME)
    compression = None
    for header in frame.headers:
        _check_unknown_fields(header, _HEADER)
        if compression is None and header.key == "compress_type":
            compression = header.value
    if frame.payload_type != "msg":
        return frame, None, False
    if compression != "gzip":  # "none", or a compression TikTok never sends: read it as is
        return frame, frame.payload, False
    inflater = zlib.decompressobj(wbits=31)
    body = inflater.decompress(frame.payload)
    if not inflater.eof:
        raise EOFError("compressed body ended before its end-of-stream marker")
    return frame, body, True


class FetchResult:
    """A fetch result as tokgate's loop reads it: its bytes, whose messages the room's frame call
    reads in place (live/ingest.py: no Python object is made for a message it seals), and the
    fields TikTokLive's loop reads of it (``is_first``, ``need_ack``, ``internal_ext``), read
    off the check's parse. ``messages`` parses the bytes again, for whoever else asks."""

    __slots__ = ("_checked", "body")

    def __init__(self, body: bytes, checked: Message) -> None:
        self.body = body
        self._checked = checked  # the mirror's parse: the same scalars as the real class's

    @property
    def is_first(self) -> bool:
        return bool(self._checked.is_first)  # type: ignore[attr-defined]

    @property
    def need_ack(self) -> bool:
        return bool(self._checked.need_ack)  # type: ignore[attr-defined]

    @property
    def internal_ext(self) -> str:
        return str(self._checked.internal_ext)  # type: ignore[attr-defined]

    @property
    def messages(self) -> Sequence[webcast_pb2.BaseProtoMessage]:
        return webcast_pb2.ProtoMessageFetchResult.FromString(self.body).messages


def read_frame(data: bytes) -> tuple[webcast_pb2.WebcastPushFrame, FetchResult | None]:
    """The frame and, for a "msg" frame, its fetch result, read once (tokgate's own loop), or
    MalformedFrameError. Checked as for TikTokLive: the same frames are dropped either way."""
    try:
        frame, body, _ = _open(data)
        if body is None:
            return frame, None
        checked = _RESULT_MIRROR.FromString(body)
        _check_mirror(checked, _RESULT)
        return frame, FetchResult(body, checked)
    except (DecodeError, zlib.error, EOFError) as exc:
        raise MalformedFrameError(len(data), exc) from exc


def screen_frame(data: bytes) -> bytes:
    """The frame as TikTokLive's own loop should get it (decompressed), or MalformedFrameError."""
    try:
        frame, body, compressed = _open(data)
        if body is None:
            return data
        _check_mirror(_RESULT_MIRROR.FromString(body), _RESULT)
        if not compressed:
            return data
        del frame.headers[:]
        frame.payload = body
        return frame.SerializeToString()
    except (DecodeError, zlib.error, EOFError) as exc:
        raise MalformedFrameError(len(data), exc) from exc


class ScreenedProtocol(WebSocketClientProtocol):
    """The websocket protocol of a room's connection under TikTokLive's own loop (the
    ``tiktoklive`` upstream loop); see the module docstring."""

    def __init__(
        self,
        *args: Any,
        on_frame: Callable[[], None],
        on_malformed: Callable[[MalformedFrameError], Awaitable[None]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._on_frame = on_frame
        self._on_malformed = on_malformed

    async def recv(self) -> bytes | str:
        while True:
            data = await super().recv()
            self._on_frame()
            if isinstance(data, str):
                return data
            try:
                return screen_frame(data)
            except MalformedFrameError as exc:
                await self._on_malformed(exc)

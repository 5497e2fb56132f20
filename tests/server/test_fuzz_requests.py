"""Hypothesis over the request of every RPC of every tokgate service, over a real channel to
one real server (with the simulator upstream).

Requests are built from the descriptors of every RPC (``tokgate_rpc``: a new RPC or field
is fuzzed without touching this file): well-typed messages with hostile values, then the same
bytes with invalid UTF-8 in a string field, unknown fields, truncation, flipped bytes, or raw
bytes alone. Invariants: no call ends UNKNOWN; every failure tokgate sends carries an ErrorDetail
(INTERNAL included); a request with a control character in any string is INVALID_ARGUMENT,
without the character echoed; no unary call hangs (a deadline per call); the server still
answers grpc.health.v1 SERVING afterwards. ``make test`` runs a few examples per RPC;
``TOKGATE_FUZZ_EXAMPLES=N`` (or ``make soak``) runs more (docs/testing.md).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import grpc
import pytest
from google.protobuf import message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor
from google.protobuf.message import DecodeError, Message
from hypothesis import given
from hypothesis import strategies as st
from tokgate.testing import ServerHandle
from tokgate_client import error_detail_from

if TYPE_CHECKING:
    from tests.conftest import Tier
    from tests.server.conftest import Rpc

QUICK_EXAMPLES = 20
SOAK_EXAMPLES = 4000
UNARY_DEADLINE = 10.0  # far above any answer from the simulator: a hang, not a slow call
STREAM_DEADLINE = 3.0  # a stream may rightly wait longer for its room: cut it short
# Codes the client itself ends a call with (its deadline, its cancellation): no detail due.
CLIENT_SIDE = {grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.CANCELLED}
# Values that pass validation, so the fuzz also reaches the servicers and the upstream.
# C0, DEL and C1: no string field of any request may hold one.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PLAUSIBLE_TEXT = ["fuzz_star", "@fuzz_star", "alice", "7000000000000000001", "fun", "0", ""]


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    # No browser sessions: user queries fail fast after validation, and the machine stays free.
    return ["--sessions", "0"]


# --- requests from descriptors ---------------------------------------------------------

_INT_RANGES = {
    FieldDescriptor.TYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SINT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_SFIXED32: (-(2**31), 2**31 - 1),
    FieldDescriptor.TYPE_ENUM: (-(2**31), 2**31 - 1),  # open enums: unknown values too
    FieldDescriptor.TYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_FIXED32: (0, 2**32 - 1),
    FieldDescriptor.TYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SINT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_SFIXED64: (-(2**63), 2**63 - 1),
    FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1),
    FieldDescriptor.TYPE_FIXED64: (0, 2**64 - 1),
}


def _scalar(field: FieldDescriptor) -> st.SearchStrategy[Any]:
    if field.type == FieldDescriptor.TYPE_STRING:
        return st.one_of(st.sampled_from(PLAUSIBLE_TEXT), st.text(max_size=300))
    if field.type == FieldDescriptor.TYPE_BYTES:
        return st.binary(max_size=300)
    if field.type == FieldDescriptor.TYPE_BOOL:
        return st.booleans()
    if field.type in (FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT):
        return st.floats(width=64 if field.type == FieldDescriptor.TYPE_DOUBLE else 32)
    if field.type == FieldDescriptor.TYPE_ENUM:
        assert field.enum_type is not None
        known = [value.number for value in field.enum_type.values]
        return st.one_of(st.sampled_from(known), st.integers(*_INT_RANGES[field.type]))
    low, high = _INT_RANGES[field.type]
    return st.one_of(st.integers(-2, 1000).filter(lambda n: low <= n), st.integers(low, high))


def messages(descriptor: Descriptor, depth: int = 0) -> st.SearchStrategy[Message]:
    """Messages of ``descriptor`` with any subset of their fields set to hostile values."""
    message_class = message_factory.GetMessageClass(descriptor)
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field in descriptor.fields:
        if field.message_type is not None:
            if depth >= 3 or field.message_type.GetOptions().map_entry:
                continue
            value: st.SearchStrategy[Any] = messages(field.message_type, depth + 1)
        else:
            value = _scalar(field)
        fields[field.name] = st.lists(value, max_size=4) if field.is_repeated else value

    @st.composite
    def build(draw: st.DrawFn) -> Message:
        message = message_class()
        chosen = draw(st.fixed_dictionaries({}, optional=fields))
        for name, value in chosen.items():
            target = descriptor.fields_by_name[name]
            if target.is_repeated:
                getattr(message, name).extend(value)
            elif target.type == FieldDescriptor.TYPE_MESSAGE:
                getattr(message, name).CopyFrom(value)
            else:
                setattr(message, name, value)
        return message

    return build()


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _length_delimited(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


@st.composite
def bodies(draw: st.DrawFn, descriptor: Descriptor) -> bytes:
    """A request body: a message's bytes, often damaged, or raw bytes."""
    body = draw(messages(descriptor)).SerializeToString()
    damage = draw(st.sampled_from(["none", "bad_utf8", "unknown_field", "truncate", "flip", "raw"]))
    if damage == "bad_utf8":
        strings = [f.number for f in descriptor.fields if f.type == FieldDescriptor.TYPE_STRING]
        number = draw(st.sampled_from(strings)) if strings else 1
        payload = draw(st.binary(min_size=1, max_size=40)) + b"\xff"
        body += _length_delimited(number, payload)
    elif damage == "unknown_field":
        number = draw(st.integers(1000, 2**29 - 1))
        wire = draw(st.sampled_from([0, 1, 2, 5]))
        payload = {
            0: _varint(draw(st.integers(0, 2**64 - 1))),
            1: draw(st.binary(min_size=8, max_size=8)),
            2: _varint(3) + b"abc",
            5: draw(st.binary(min_size=4, max_size=4)),
        }[wire]
        body += _varint(number << 3 | wire) + payload
    elif damage == "truncate" and body:
        body = body[: draw(st.integers(0, len(body) - 1))]
    elif damage == "flip" and body:
        index = draw(st.integers(0, len(body) - 1))
        body = body[:index] + bytes([body[index] ^ draw(st.integers(1, 255))]) + body[index + 1 :]
    elif damage == "raw":
        body = draw(st.binary(max_size=200))
    return body


# --- the calls and their invariants ----------------------------------------------------


def call(channel: grpc.Channel, rpc: Rpc, body: bytes) -> grpc.RpcError | None:
    """Send ``body`` as ``rpc``'s request; the error the call ended with, None if it answered."""
    path = rpc.path
    try:
        if rpc.method.server_streaming:
            stream: grpc.UnaryStreamMultiCallable[bytes, bytes] = channel.unary_stream(path)
            responses = stream(body, timeout=STREAM_DEADLINE)
            try:
                next(responses, None)  # one message shows the stream works: enough
            finally:
                responses.cancel()
        else:
            unary: grpc.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(path)
            unary(body, timeout=UNARY_DEADLINE)
    except grpc.RpcError as error:
        return error
    return None


def control_characters(method: MethodDescriptor, body: bytes) -> set[str]:
    """The control characters in the strings of ``body``, when it decodes."""
    try:
        request = message_factory.GetMessageClass(method.input_type).FromString(body)
    except DecodeError:
        return set()
    found: set[str] = set()
    pending: list[Message] = [request]
    while pending:
        message = pending.pop()
        for field, value in message.ListFields():
            values = list(value) if field.is_repeated else [value]
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                pending += values
            elif field.type == FieldDescriptor.TYPE_STRING:
                found |= {c for text in values for c in text if CONTROL.fullmatch(c)}
    return found


def check(method: MethodDescriptor, body: bytes, error: grpc.RpcError | None) -> None:
    refused = control_characters(method, body)
    if error is None:
        assert not refused, f"{method.full_name}({body!r}) accepted control characters"
        return
    code = error.code()
    shown = f"{method.full_name}({body!r}) ended {code}: {error.details()}"
    assert code != grpc.StatusCode.UNKNOWN, shown
    if refused:
        assert code == grpc.StatusCode.INVALID_ARGUMENT, shown
        assert not refused & set(str(error.details())), f"control characters echoed: {shown}"
    if code in CLIENT_SIDE:
        assert method.server_streaming, f"a unary call hung: {shown}"
        return
    assert error_detail_from(error) is not None, f"no ErrorDetail: {shown}"


def test_no_request_ends_untyped_or_hangs(
    server: ServerHandle, tier: Tier, tokgate_rpc: Rpc
) -> None:
    """Runs once per RPC of every tokgate service (tests/server/conftest.py)."""
    method = tokgate_rpc.method
    channel = server.channel()

    @tier.hypothesis(quick=QUICK_EXAMPLES, soak=SOAK_EXAMPLES)
    @given(body=bodies(method.input_type))
    def each_request(body: bytes) -> None:
        check(method, body, call(channel, tokgate_rpc, body))

    each_request()
    assert server.serving(), "the server stopped serving"
    assert server.process.alive()

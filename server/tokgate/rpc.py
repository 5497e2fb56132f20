"""Wrapping grpc.aio method handlers, shared by the server's interceptors.

A grpc.aio server interceptor can only act on a call by returning a new method handler
whose behaviour wraps the original one. grpc.aio dispatches a response-streaming behaviour
by its kind (an async generator function yields messages; a coroutine function writes them
with ``context.write``), so a wrapper must keep that kind: ``wrap_handler`` does this once
for every interceptor, and ``WrappingInterceptor`` is the interceptor around it.

A wrapper whose only work on a response stream is to set it up (``StreamSetUp``: the quotas
hold a slot, and give it back from ``context.add_done_callback``) adds no layer per message:
the next wrapper out runs its set-up and then iterates the behaviour's own generator
(``open_messages``). Only when nothing wraps it does its own generator run, and re-yield.

A request body that does not decode (or that ``screen_request`` refuses) must fail like any
call: typed, counted, through every interceptor. grpc.aio would end it UNKNOWN before any
interceptor's behaviour ran, so the innermost wrap makes the deserializer screen instead of
raise: it hands on a ``RefusedRequest``, and that wrap's behaviour raises its error, inside
every interceptor's wrapper (after the API-key check, which refuses first).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeAlias

import grpc
from google.protobuf import json_format
from google.protobuf.message import Message

from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.validation import CONTROL_CHARACTER, screen_request

# A refusal quotes its decoder's reason only when it is this short.
WHY_MAX_CHARS = 120

ServicerContext: TypeAlias = grpc.aio.ServicerContext[Any, Any]


@dataclass(frozen=True)
class RpcInfo:
    """What an interceptor knows about one method: the labels of the gRPC metrics."""

    full_method: str  # "/tokgate.v1.LiveService/StreamEvents"
    service: str  # "tokgate.v1.LiveService"
    method: str  # "StreamEvents"
    rpc_type: str  # unary, client_stream, server_stream or bidi_stream

    @classmethod
    def of(cls, full_method: str, handler: grpc.RpcMethodHandler[Any, Any]) -> RpcInfo:
        service, _, method = full_method.lstrip("/").rpartition("/")
        kind = {
            (False, False): "unary",
            (True, False): "client_stream",
            (False, True): "server_stream",
            (True, True): "bidi_stream",
        }[(bool(handler.request_streaming), bool(handler.response_streaming))]
        return cls(full_method, service, method, kind)


class HandlerWrapper(ABC):
    """Runs a behaviour on behalf of an interceptor; one instance per call site."""

    @abstractmethod
    async def call(
        self, behavior: Callable[..., Awaitable[Any]], request: Any, context: ServicerContext
    ) -> Any:
        """Run a behaviour that returns its response (or writes its stream) and return it."""

    @abstractmethod
    def stream(
        self,
        behavior: Callable[..., AsyncGenerator[Any, None]],
        request: Any,
        context: ServicerContext,
    ) -> AsyncGenerator[Any, None]:
        """Run a behaviour that yields its responses, yielding them on."""


class StreamSetUp(HandlerWrapper):
    """A wrapper whose work on a response stream is all done before its first message
    (``set_up_stream``); anything at its end goes through ``context.add_done_callback``."""

    @abstractmethod
    async def set_up_stream(self, request: Any, context: ServicerContext) -> None:
        """Before the behaviour runs, in the call's task (a ContextVar set here is the
        behaviour's); raises to refuse the call."""

    async def stream(
        self,
        behavior: Callable[..., AsyncGenerator[Any, None]],
        request: Any,
        context: ServicerContext,
    ) -> AsyncGenerator[Any, None]:
        """Only when no wrapper runs outside this one: set up, then yield the messages on."""
        await self.set_up_stream(request, context)
        messages = await open_messages(behavior, request, context)
        async with contextlib.aclosing(messages):
            async for message in messages:
                yield message


async def open_messages(
    behavior: Callable[..., AsyncGenerator[Any, None]], request: Any, context: ServicerContext
) -> AsyncGenerator[Any, None]:
    """The generator a wrapper's ``stream`` iterates: the set-ups of the StreamSetUp wrappers
    just inside it run here, and it gets the generator under them (no layer of theirs)."""
    while isinstance(behavior, functools.partial):
        wrapper = getattr(behavior.func, "__self__", None)
        if not isinstance(wrapper, StreamSetUp):
            break
        await wrapper.set_up_stream(request, context)
        behavior = behavior.args[0]
    return behavior(request, context)


@dataclass(frozen=True)
class RefusedRequest:
    """What the deserializer hands on for a body it refused: the call fails with ``error``."""

    error: InvalidArgumentError


class ScreeningDeserializer:
    """A request deserializer that never raises: a body that does not decode, or whose
    message ``screen_request`` refuses, becomes a ``RefusedRequest``. The one judge of a
    request body: the web port hands it its bodies too, JSON ones through ``from_json``."""

    def __init__(self, deserializer: Callable[[bytes], Any]) -> None:
        self._deserializer = deserializer
        self._message_class = getattr(deserializer, "__self__", None)  # Message.FromString
        descriptor = getattr(self._message_class, "DESCRIPTOR", None)
        self._type_name = descriptor.full_name if descriptor else "request message"

    def __call__(self, body: bytes) -> Any:
        return self._screened(self._deserializer, body)

    def from_json(self, body: bytes) -> Any:
        """The same for a body in protobuf's JSON form (Connect's and gRPC-Web's JSON)."""
        return self._screened(self._parse_json, body)

    def _parse_json(self, body: bytes) -> Any:
        if self._message_class is None:
            raise ValueError("no JSON form")
        return json_format.Parse(body, self._message_class())

    def _screened(self, decode: Callable[[bytes], Any], body: bytes) -> Any:
        try:
            request = decode(body)
        except Exception as exc:
            # DecodeError says "Error parsing message with type 'X': <why>": keep the why
            # (of JSON's, the first line), which may quote the body: never a control
            # character, nor a long text (a secret cut short would escape redaction).
            first_line = next(iter(str(exc).splitlines()), "")
            why = CONTROL_CHARACTER.sub("?", first_line.rpartition(": ")[2])
            if not why or len(why) > WHY_MAX_CHARS:
                why = "does not decode"
            return RefusedRequest(
                InvalidArgumentError("request", f"not a valid {self._type_name} ({why})")
            )
        if isinstance(request, Message):
            try:
                screen_request(request)
            except InvalidArgumentError as refusal:
                return RefusedRequest(refusal)
        return request


def _refusing(behavior: Callable[..., Any]) -> Callable[..., Any]:
    """``behavior``, except that a refused request raises its error instead of reaching it.
    A plain function (not async): it hands back the behaviour's coroutine or generator, so
    it adds no layer to a stream's messages."""

    def guarded(request: Any, context: ServicerContext) -> Any:
        if isinstance(request, RefusedRequest):
            raise request.error
        return behavior(request, context)

    return guarded


_FACTORIES: dict[str, Callable[..., grpc.RpcMethodHandler[Any, Any]]] = {
    "unary_unary": grpc.unary_unary_rpc_method_handler,
    "unary_stream": grpc.unary_stream_rpc_method_handler,
    "stream_unary": grpc.stream_unary_rpc_method_handler,
    "stream_stream": grpc.stream_stream_rpc_method_handler,
}


def wrap_handler(
    handler: grpc.RpcMethodHandler[Any, Any], wrapper: HandlerWrapper
) -> grpc.RpcMethodHandler[Any, Any]:
    """A handler like ``handler`` whose behaviour runs through ``wrapper``."""
    attribute = ("stream" if handler.request_streaming else "unary") + (
        "_stream" if handler.response_streaming else "_unary"
    )
    behavior: Any = getattr(handler, attribute)
    deserializer = handler.request_deserializer
    wrapped: Callable[..., Any]
    # The innermost wrap of a single-request handler screens its requests; outer ones find
    # its ScreeningDeserializer and leave them be. (A request stream is read by the
    # behaviour itself: tokgate serves none, grpc's reflection does.)
    screens = (
        not handler.request_streaming
        and deserializer is not None
        and not isinstance(deserializer, ScreeningDeserializer)
    )
    if screens and deserializer is not None:
        deserializer = ScreeningDeserializer(deserializer)
    guarded = _refusing(behavior) if screens else behavior
    if inspect.isasyncgenfunction(behavior):
        # The wrapper's own generator, not one re-yielding it: a layer less per message and
        # per open stream. grpc.aio (and the next interceptor out) still sees an async
        # generator function: inspect looks through the partial.
        wrapped = functools.partial(wrapper.stream, guarded)
    else:

        async def wrapped_call(request: Any, context: ServicerContext) -> Any:
            return await wrapper.call(guarded, request, context)

        wrapped = wrapped_call
    return _FACTORIES[attribute](
        wrapped,
        request_deserializer=deserializer,
        response_serializer=handler.response_serializer,
    )


class WrappingInterceptor(grpc.aio.ServerInterceptor):
    """An interceptor that runs each call through the ``HandlerWrapper`` ``wrapper`` picks."""

    @abstractmethod
    def wrapper(self, info: RpcInfo, details: grpc.HandlerCallDetails) -> HandlerWrapper | None:
        """The wrapper for one call, or None to leave its handler as it is."""

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        wrapper = self.wrapper(
            RpcInfo.of(handler_call_details.method, handler), handler_call_details
        )
        return handler if wrapper is None else wrap_handler(handler, wrapper)

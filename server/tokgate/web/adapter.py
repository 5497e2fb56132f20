"""tokgate's gRPC services over Connect and gRPC-Web, through the gRPC port's own handlers.

The components register on a ``HandlerTable`` exactly as on the grpc.aio server, and every
web call goes through the same interceptor instances (metrics, errors, API keys and tokens,
quotas) to the same servicer methods: connect-python (``connectrpc``) only speaks the wire
protocols. A call that fails ends, as on the gRPC port, with ``context.abort`` and the rich
status; the adapter hands its code, message and details (ErrorDetail first) to Connect.

connect-python needs no generated code here: its endpoints are built from the services'
descriptors. A request body reaches the adapter as it was received (a ``RawBody``), and the
handler's own deserializer (``rpc.ScreeningDeserializer``, JSON through its ``from_json``)
decodes and screens it inside every interceptor: a body that does not parse is refused,
typed and counted exactly as on the gRPC port, by the one judge of a request. Had connect
decoded it, a broken body would end in connect's own ``unknown`` error before any interceptor
ran; an ASGI middleware parsing bodies ahead of connect would copy its framing and
compression, and a second judge.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import TYPE_CHECKING, Any

import grpc
from connectrpc.code import Code
from connectrpc.errors import ConnectError
from connectrpc.method import IdempotencyLevel, MethodInfo
from connectrpc.request import RequestContext
from connectrpc.server import ConnectASGIApplication, Endpoint
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor

from tokgate.rpc import ScreeningDeserializer
from tokgate.web.context import WebServicerContext

# As grpc's default limit on a received message.
MAX_REQUEST_BYTES = 4 * 1024 * 1024

if TYPE_CHECKING:
    Lookup = Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any] | None]]


class HandlerTable:
    """Collects the method handlers components register, as a grpc.aio server would."""

    def __init__(self) -> None:
        self._generic: list[grpc.GenericRpcHandler] = []

    def add_generic_rpc_handlers(self, handlers: Iterable[grpc.GenericRpcHandler]) -> None:
        self._generic.extend(handlers)

    def add_registered_method_handlers(
        self, service: str, handlers: Mapping[str, grpc.RpcMethodHandler[Any, Any]]
    ) -> None:
        """Nothing more to keep: the generic handlers already hold these."""

    async def lookup(self, details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler[Any, Any]:
        for generic in self._generic:
            handler = generic.service(details)
            if handler is not None:
                return handler
        raise ConnectError(Code.UNIMPLEMENTED, f"no method {details.method}")


class _CallDetails(grpc.HandlerCallDetails):
    """What an interceptor learns of a call before it runs: its method and metadata."""

    def __init__(self, method: str, metadata: tuple[tuple[str, str | bytes], ...]) -> None:
        self.method = method
        self.invocation_metadata = metadata


class WebAdapter:
    """Every method of ``services`` as a Connect endpoint that runs the intercepted handler."""

    def __init__(
        self,
        table: HandlerTable,
        interceptors: Sequence[grpc.aio.ServerInterceptor],
        services: Iterable[ServiceDescriptor],
    ) -> None:
        # grpc.aio applies the first interceptor outermost: so does this chain.
        chain: Lookup = table.lookup
        for interceptor in reversed(interceptors):
            chain = functools.partial(interceptor.intercept_service, chain)
        self._handler = chain
        self._services = tuple(services)

    def endpoints(self) -> dict[str, Any]:
        """``/tokgate.v1.LiveService/StreamEvents`` -> its endpoint, for every method."""
        found: dict[str, Any] = {}
        for service in self._services:
            for method in service.methods:
                if method.client_streaming:
                    continue  # tokgate serves no request streams
                path = f"/{service.full_name}/{method.name}"
                info = _method_info(service, method)
                if method.server_streaming:
                    found[path] = Endpoint.server_stream(
                        info, functools.partial(self._stream, path)
                    )
                else:
                    found[path] = Endpoint.unary(info, functools.partial(self._unary, path))
        return found

    async def _intercepted(
        self, path: str, context: WebServicerContext
    ) -> grpc.RpcMethodHandler[Any, Any]:
        """The method's handler, wrapped by every interceptor as the gRPC port wraps it."""
        handler = await self._handler(_CallDetails(path, context.invocation_metadata()))
        if handler is None:
            raise ConnectError(Code.UNIMPLEMENTED, f"no method {path}")
        return handler

    async def _unary(self, path: str, body: RawBody, web: RequestContext[Any, Any]) -> Any:
        context = WebServicerContext(web)
        handler = await self._intercepted(path, context)
        behavior: Any = handler.unary_unary
        with _ended_as_on_grpc(context):
            return await behavior(_decoded(handler, body), context)

    async def _stream(
        self, path: str, body: RawBody, web: RequestContext[Any, Any]
    ) -> AsyncIterator[Any]:
        context = WebServicerContext(web)
        handler = await self._intercepted(path, context)
        behavior: Any = handler.unary_stream
        output = web.method().output
        with _ended_as_on_grpc(context):
            async for message in behavior(_decoded(handler, body), context):
                if isinstance(message, bytes):  # LiveService's events, serialized once
                    yield output.FromString(message) if body.json else _Serialized(message)
                else:
                    yield message


@contextlib.contextmanager
def _ended_as_on_grpc(context: WebServicerContext) -> Iterator[None]:
    """A web call's end, unary or stream: an abort (the handler's ``context.abort``) becomes
    the Connect error of its status, and the context is finished however the call ends."""
    try:
        yield
    except grpc.aio.AbortError:
        raise context.connect_error() from None
    finally:
        context.finish()


class _Serialized:
    """A message in its wire form: connect-python's binary codec writes its bytes as they are
    (it only asks for ``SerializeToString``), so a room's events are not parsed again for
    each binary web subscriber."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        self._data = data

    def SerializeToString(self) -> bytes:
        return self._data


class RawBody:
    """A request body as received, the input type of every endpoint: connect-python's
    codec (``_Undecoded``) keeps its bytes, and the handler's deserializer decodes them."""

    __slots__ = ("data", "json")

    def __init__(self) -> None:
        self.data = b""
        self.json = False


class _Undecoded:
    """connect-python's codec of a call (it encodes the responses), except that decoding a
    request keeps its bytes in the ``RawBody`` connect hands it."""

    def __init__(self, codec: Any) -> None:
        self._codec = codec

    def name(self) -> str:
        return str(self._codec.name())

    def encode(self, message: Any) -> bytes:
        return bytes(self._codec.encode(message))

    def decode(self, data: bytes | bytearray, body: RawBody) -> RawBody:
        body.data = bytes(data)
        body.json = self.name() == "json"
        return body


def _decoded(handler: grpc.RpcMethodHandler[Any, Any], body: RawBody) -> Any:
    """The request as the handler's own deserializer decodes and screens it (or refuses it:
    a ``RefusedRequest``, which fails the call inside the interceptors)."""
    deserialize = handler.request_deserializer
    if not isinstance(deserialize, ScreeningDeserializer):
        # The error interceptor wraps every handler, and its wrap screens.
        raise TypeError(f"{deserialize!r} does not screen requests")
    return deserialize.from_json(body.data) if body.json else deserialize(body.data)


def _method_info(service: ServiceDescriptor, method: MethodDescriptor) -> MethodInfo[Any, Any]:
    return MethodInfo(
        name=method.name,
        service_name=service.full_name,
        input=RawBody,
        output=message_factory.GetMessageClass(method.output_type),
        idempotency_level=IdempotencyLevel.UNKNOWN,
    )


class ConnectApp(ConnectASGIApplication[WebAdapter]):
    """The ASGI application of every adapted service (one app, many service paths)."""

    def __init__(self, adapter: WebAdapter) -> None:
        super().__init__(
            service=adapter,
            endpoints=lambda served: served.endpoints(),
            read_max_bytes=MAX_REQUEST_BYTES,
        )

    @property
    def path(self) -> str:
        return "/"

    # connect-python 0.9 has no codec setting: its two ways of reading a request (a Connect
    # unary call; a stream, gRPC-Web's calls among them) take the call's codec as an
    # argument, so each gets it wrapped to keep the body undecoded.

    async def _handle_unary_connect(
        self, http_method: str, headers: Any, codec: Any, *rest: Any
    ) -> None:
        await super()._handle_unary_connect(http_method, headers, _Undecoded(codec), *rest)

    async def _handle_stream(
        self, receive: Any, send: Any, protocol: Any, endpoint: Any, codec: Any, *rest: Any
    ) -> None:
        await super()._handle_stream(receive, send, protocol, endpoint, _Undecoded(codec), *rest)

"""tokgate's gRPC services over Connect and gRPC-Web, through the gRPC port's own handlers.

The components register on a ``HandlerTable`` exactly as on the grpc.aio server, and every
web call goes through the same interceptor instances (metrics, errors, API keys and tokens,
quotas) to the same servicer methods: connect-python (``connectrpc``) only speaks the wire
protocols. A call that fails ends, as on the gRPC port, with ``context.abort`` and the rich
status; the adapter hands its code, message and details (ErrorDetail first) to Connect.

connect-python needs no generated code here: its endpoints are built from the services'
descriptors, and the request goes through the handler's own deserializer (which screens it)
so a bad request is refused as on the gRPC port.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import grpc
from connectrpc.code import Code
from connectrpc.errors import ConnectError
from connectrpc.method import IdempotencyLevel, MethodInfo
from connectrpc.request import RequestContext
from connectrpc.server import ConnectASGIApplication, Endpoint
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor, ServiceDescriptor

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

    async def _unary(self, path: str, request: Any, web: RequestContext[Any, Any]) -> Any:
        context = WebServicerContext(web)
        handler = await self._intercepted(path, context)
        behavior: Any = handler.unary_unary
        try:
            return await behavior(_screened(handler, request), context)
        except grpc.aio.AbortError:
            raise context.connect_error() from None
        finally:
            context.finish()

    async def _stream(
        self, path: str, request: Any, web: RequestContext[Any, Any]
    ) -> AsyncIterator[Any]:
        context = WebServicerContext(web)
        handler = await self._intercepted(path, context)
        behavior: Any = handler.unary_stream
        output = web.method().output
        binary = "json" not in web.request_headers().get("content-type", "")
        try:
            async for message in behavior(_screened(handler, request), context):
                if isinstance(message, bytes):  # LiveService's events, serialized once
                    yield _Serialized(message) if binary else output.FromString(message)
                else:
                    yield message
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


def _screened(handler: grpc.RpcMethodHandler[Any, Any], request: Any) -> Any:
    """The request as the handler's own deserializer hands it on (screened, or refused)."""
    deserialize = handler.request_deserializer
    return request if deserialize is None else deserialize(request.SerializeToString())


def _method_info(service: ServiceDescriptor, method: MethodDescriptor) -> MethodInfo[Any, Any]:
    return MethodInfo(
        name=method.name,
        service_name=service.full_name,
        input=message_factory.GetMessageClass(method.input_type),
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

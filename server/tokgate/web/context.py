"""The grpc.aio ServicerContext a web call runs its handler with.

tokgate's interceptors and servicers only know grpc.aio: they read the caller's metadata and
peer, and end a failed call with ``context.abort`` and the rich status in its trailers. This
context gives them the same things from an HTTP request (its headers, its client address), and
keeps what they set, so the adapter can answer the browser with it afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, NoReturn

import grpc
from connectrpc.code import Code
from connectrpc.errors import ConnectError
from connectrpc.request import RequestContext
from google.rpc import status_pb2

from tokgate.errors.status import DETAILS_KEY

# Connect's codes are gRPC's, by name (Connect spells CANCELLED with one L).
_CODES: dict[grpc.StatusCode, Code] = {
    code: Code.CANCELED if code is grpc.StatusCode.CANCELLED else Code[code.name]
    for code in grpc.StatusCode
    if code is not grpc.StatusCode.OK
}


class Metadatum(NamedTuple):
    """One header as grpc.aio hands a metadatum: a pair, with ``key`` and ``value`` (what
    OpenTelemetry's server interceptor reads a caller's ``traceparent`` from)."""

    key: str
    value: str


class WebServicerContext(grpc.aio.ServicerContext[Any, Any]):
    """One web call as grpc.aio sees a call: metadata in, status and trailers out."""

    def __init__(self, request: RequestContext[Any, Any]) -> None:
        self._request = request
        self._metadata = tuple(
            Metadatum(name.lower(), value) for name, value in request.request_headers().allitems()
        )
        self._peer = _grpc_peer(request.client_address())
        self._code: grpc.StatusCode | None = None
        self._details = ""
        self._trailers: tuple[tuple[str, str | bytes], ...] = ()
        self._callbacks: list[Callable[[Any], None]] = []
        self._done = False

    # --- what tokgate's interceptors and servicers read -----------------------------------

    def invocation_metadata(self) -> tuple[Metadatum, ...]:  # type: ignore[override]
        return self._metadata

    def peer(self) -> str:
        return self._peer

    def time_remaining(self) -> float | None:  # type: ignore[override]
        remaining = self._request.timeout_ms()
        return None if remaining is None else max(remaining / 1000.0, 0.0)

    def code(self) -> grpc.StatusCode | None:  # type: ignore[override]
        return self._code

    def details(self) -> str:
        return self._details

    def trailing_metadata(self) -> tuple[tuple[str, str | bytes], ...]:  # type: ignore[override]
        return self._trailers

    # --- what they set ---------------------------------------------------------------------

    async def abort(
        self,
        code: grpc.StatusCode,
        details: str = "",
        trailing_metadata: Any = (),
    ) -> NoReturn:
        self._code, self._details = code, details
        self._trailers = tuple(trailing_metadata or ())
        raise grpc.aio.AbortError()

    async def abort_with_status(self, status: grpc.Status) -> NoReturn:
        await self.abort(status.code, status.details, status.trailing_metadata)

    def set_code(self, code: grpc.StatusCode) -> None:
        self._code = code

    def set_details(self, details: str) -> None:
        self._details = details

    def set_trailing_metadata(self, trailing_metadata: Any) -> None:
        self._trailers = tuple(trailing_metadata or ())

    async def send_initial_metadata(self, initial_metadata: Any) -> None:
        """Nothing: tokgate's servicers send none, and Connect's headers are the adapter's."""

    def add_done_callback(self, callback: Any) -> None:
        self._callbacks.append(callback)

    def finish(self) -> None:
        """The call is over, however it ended: run the done callbacks (a stream's quota slot)."""
        self._done = True
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)

    def connect_error(self) -> ConnectError:
        """The aborted call's status as Connect's error: same code and message, and the same
        details (ErrorDetail, ErrorInfo, RetryInfo) that the gRPC port sends in its trailer."""
        code = self._code or grpc.StatusCode.UNKNOWN
        details: Iterable[Any] = ()
        for name, value in self._trailers:
            if name == DETAILS_KEY and isinstance(value, bytes):
                details = status_pb2.Status.FromString(value).details
        return ConnectError(_CODES.get(code, Code.UNKNOWN), self._details, details)

    # --- the rest of grpc.aio's interface, which tokgate does not use ------------------------

    def done(self) -> bool:
        return self._done

    def cancelled(self) -> bool:
        return False

    async def read(self) -> Any:
        raise NotImplementedError("tokgate serves no request streams")

    async def write(self, message: Any) -> None:
        raise NotImplementedError("tokgate's streams yield their messages")

    def set_compression(self, compression: grpc.Compression) -> None:
        """Connect negotiates compression itself."""

    def disable_next_message_compression(self) -> None:
        """Connect negotiates compression itself."""

    def peer_identities(self) -> None:
        return None

    def peer_identity_key(self) -> None:
        return None

    def auth_context(self) -> Mapping[str, Iterable[bytes]]:
        return {}


def _grpc_peer(client: str | None) -> str:
    """``host:port`` as grpc names a peer (``ipv4:...``, ``ipv6:[...]:...``)."""
    if not client:
        return ""
    host, _, port = client.rpartition(":")
    if ":" in host:
        return f"ipv6:[{host.strip('[]')}]:{port}"
    return f"ipv4:{client}"

"""Network failures: httpx, websockets, sockets and timeouts, from either library or tokgate.

An upstream certificate that fails verification is not one: the network works, the trust
setting does not match the upstream, and only the operator can change that (AUTHENTICATION,
not retryable, ``metadata["upstream_tls"] = "untrusted"``)."""

from __future__ import annotations

import asyncio
import ssl

import httpx
from tokgate.errors import texts
from tokgate.errors.hookspecs import UPSTREAM_TLS, ErrorContext, ErrorDetail, hookimpl
from websockets import exceptions as ws
from websockets.legacy.exceptions import InvalidStatusCode

# Handshake answers that mean "refused", as opposed to a failing server.
_REFUSED_HANDSHAKE = frozenset({401, 403, 404, 429})


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    if isinstance(error, httpx.TimeoutException | asyncio.TimeoutError):
        return texts.TIMEOUT.detail(error, message=f"{context.operation} timed out")
    if isinstance(error, ws.ConnectionClosed):
        return _closed(error)
    if isinstance(error, InvalidStatusCode | ws.InvalidStatus):
        return _handshake(error)
    if _certificate_refused(error):
        message = f"TikTok's TLS certificate is not trusted ({context.operation}): {error}"
        return texts.UPSTREAM_UNTRUSTED.detail(
            error, message=message, metadata={UPSTREAM_TLS: "untrusted"}
        )
    if isinstance(error, httpx.TransportError | ws.WebSocketException | ssl.SSLError | OSError):
        message = f"Network error during {context.operation}: {type(error).__name__}"
        return texts.NETWORK.detail(error, message=message)
    return None


def _certificate_refused(error: BaseException) -> bool:
    """Whether certificate verification failed, here or in what caused it (httpx wraps it)."""
    seen: BaseException | None = error
    for _ in range(8):  # a cause chain is short; a cycle must not loop
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _closed(error: ws.ConnectionClosed) -> ErrorDetail:
    frame = error.rcvd
    code = frame.code if frame is not None else 1006
    reason = frame.reason if frame is not None else ""
    message = f"The LIVE websocket closed (code {code}{', ' + reason if reason else ''})"
    return texts.WEBSOCKET_CLOSED.detail(error, message=message, metadata={"close_code": str(code)})


def _handshake(error: InvalidStatusCode | ws.InvalidStatus) -> ErrorDetail:
    status = (
        error.status_code if isinstance(error, InvalidStatusCode) else error.response.status_code
    )
    metadata = {"http_status": str(status)}
    if status in _REFUSED_HANDSHAKE:
        message = f"TikTok rejected the LIVE websocket handshake with HTTP {status}"
        return texts.LIVE_BLOCKED.detail(error, message=message, metadata=metadata)
    message = f"The LIVE websocket handshake failed with HTTP {status}"
    return texts.NETWORK.detail(error, message=message, metadata=metadata)

"""Network failures: httpx, websockets, sockets and timeouts, from either library or tokgate."""

from __future__ import annotations

import asyncio
import ssl

import httpx
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl
from websockets import exceptions as ws
from websockets.legacy.exceptions import InvalidStatusCode

from tokgate_plugins import texts

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
    if isinstance(error, httpx.TransportError | ws.WebSocketException | ssl.SSLError | OSError):
        message = f"Network error during {context.operation}: {type(error).__name__}"
        return texts.NETWORK.detail(error, message=message)
    return None


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

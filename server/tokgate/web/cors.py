"""CORS for the web port: closed unless the operator names the origins (``web_cors_origins``).

A preflight from an origin not listed is answered 403, and no response carries
``Access-Control-Allow-Origin`` for it, so a page elsewhere cannot call tokgate from a
browser. A listed origin may send the headers Connect and gRPC-Web use (and
``Authorization``, for a key or a scoped token) and read the status headers back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

ASGIApp = Any  # an ASGI application: (scope, receive, send) -> None

ALLOWED_METHODS = "POST, GET"
ALLOWED_HEADERS = (
    "authorization, content-type, connect-protocol-version, connect-timeout-ms, "
    "connect-accept-encoding, connect-content-encoding, grpc-timeout, x-grpc-web, x-user-agent"
)
EXPOSED_HEADERS = (
    "grpc-status, grpc-message, grpc-status-details-bin, grpc-encoding, "
    "connect-content-encoding, content-encoding"
)
PREFLIGHT_MAX_AGE = "7200"


class Cors:
    """ASGI middleware answering preflights and marking responses for the allowed origins."""

    def __init__(self, app: ASGIApp, origins: Iterable[str]) -> None:
        self._app = app
        self._origins = frozenset(origin.rstrip("/") for origin in origins)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        origin = _header(scope, b"origin")
        allowed = origin is not None and origin in self._origins
        if scope["method"] == "OPTIONS":
            await _preflight(send, origin if allowed else None)
            return
        if not allowed or origin is None:
            await self._app(scope, receive, send)
            return

        async def marked(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *_marks(origin)]}
            await send(message)

        await self._app(scope, receive, marked)


def _marks(origin: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"access-control-allow-origin", origin.encode()),
        (b"access-control-expose-headers", EXPOSED_HEADERS.encode()),
        (b"vary", b"Origin"),
    ]


async def _preflight(send: Any, origin: str | None) -> None:
    """204 with the allowances for a listed origin; 403 for any other."""
    if origin is None:
        body = b"CORS: this origin may not call tokgate (see web_cors_origins)\n"
        headers = [(b"content-type", b"text/plain"), (b"vary", b"Origin")]
        status = 403
    else:
        body = b""
        headers = [
            *_marks(origin),
            (b"access-control-allow-methods", ALLOWED_METHODS.encode()),
            (b"access-control-allow-headers", ALLOWED_HEADERS.encode()),
            (b"access-control-max-age", PREFLIGHT_MAX_AGE.encode()),
        ]
        status = 204
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return str(value.decode("latin-1")).rstrip("/")
    return None

"""The overlay's files on the web port (``web_root``).

A browser source that loads its page from the port it then calls needs no CORS opening and no
second web server. Only GET and HEAD of a file inside the directory are answered here (``/``
is its ``index.html``); every other request, the RPCs first, goes on to the services.
"""

from __future__ import annotations

import asyncio
import mimetypes
from pathlib import Path
from typing import Any

ASGIApp = Any  # an ASGI application: (scope, receive, send) -> None


class StaticFiles:
    """ASGI middleware serving the files under ``root`` in front of ``app``."""

    def __init__(self, app: ASGIApp, root: str) -> None:
        directory = Path(root).resolve()
        if not directory.is_dir():
            raise ValueError(f"web_root {root!r} is not a directory")
        self._app = app
        self._root = directory

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            # The lookup and the read touch the disk: off the event loop, together.
            found = await asyncio.to_thread(self._read, scope["path"])
            if found is not None:
                await _send_file(send, *found, body=scope["method"] == "GET")
                return
        await self._app(scope, receive, send)

    def _read(self, path: str) -> tuple[Path, bytes] | None:
        """The file ``path`` names inside the root and its content; None outside the root
        (``..``, a link out) or missing."""
        candidate = (self._root / path.lstrip("/")).resolve()
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_relative_to(self._root) or not candidate.is_file():
            return None
        return candidate, candidate.read_bytes()


async def _send_file(send: Any, path: Path, content: bytes, *, body: bool) -> None:
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(content)).encode()),
        # A rebuilt overlay reaches the browser source on its next load.
        (b"cache-control", b"no-cache"),
        (b"x-content-type-options", b"nosniff"),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": content if body else b""})

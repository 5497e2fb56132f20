"""Ending a web call as soon as its client goes away.

connect-python notices a closed connection only when a stream sends its next message, and a
quiet LIVE room may send none for minutes: the call would keep its quota slot and its room
subscription meanwhile. This middleware cancels the call's task when the server reports the
disconnect, as grpc.aio cancels a call whose client went away: the interceptors see a
cancellation (counted CANCELLED, never an error) and the call's done callbacks run.
"""

from __future__ import annotations

import asyncio
from typing import Any

from connectrpc.errors import ConnectError


class CancelOnDisconnect:
    """ASGI middleware: an HTTP call whose client disconnects is cancelled."""

    def __init__(self, app: Any) -> None:
        self._app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        task = asyncio.current_task()
        if scope["type"] != "http" or task is None:
            await self._app(scope, receive, send)
            return
        gone = False

        async def watched() -> Any:
            nonlocal gone
            message = await receive()
            if message["type"] == "http.disconnect" and not gone:
                gone = True
                task.cancel()
            return message

        try:
            await self._app(scope, watched, send)
        except (asyncio.CancelledError, ConnectError):
            # connect-python raises the cancellation on as a CANCELED error: with nobody left
            # to answer, both end the call. Any other is the server's (shutting down).
            if not gone:
                raise
        finally:
            if gone and task.cancelling():
                task.uncancel()

"""The TikTokLive adapter: a ``TikTokLiveClient`` routed to the configured upstream, whose
messages go to tokgate's decoder instead of TikTokLive's, and which keeps the evidence
(step, HTTP status, headers, body) the classifiers need when a step fails.

TikTokLive 7.0.1 is pinned: ``_parse_webcast_response`` is private. The per-frame work on the
websocket is tokgate's (``live/push_loop.py``: each frame parsed once, acks), unless
``upstream_loop`` is ``tiktoklive``; everything else (room lookup, live check, room info,
signing, the websocket's set-up, entering the room, heartbeats) stays the library's. Three
things it does not do are added here: TLS trust for the sign server (it hard-codes
``verify_ssl=False``), a timeout on the sign request (it sets none), and the process-wide sign
budget.
"""

from __future__ import annotations

import asyncio
import functools
import os
import ssl
from collections.abc import AsyncIterator
from typing import Any, Protocol

import httpx
from TikTokLive import TikTokLiveClient
from TikTokLive.client.errors import AgeRestrictedError
from TikTokLive.client.logger import TikTokLiveLogHandler
from TikTokLive.client.web.routes.fetch_room_id_api import FetchRoomIdAPIRoute
from TikTokLive.client.web.web_settings import WebDefaults

from tokgate.config import Settings
from tokgate.errors.exceptions import RoomNotFoundError, UpstreamStatusError
from tokgate.errors.tiktok_body import check_answer, status_code
from tokgate.live.frames import ScreenedProtocol
from tokgate.live.push_loop import FrameListener, PushClient
from tokgate.live.sign_budget import Budget, OnWait
from tokgate.live.upstream import (
    STEP_GIFT_LIST,
    STEP_IS_LIVE,
    STEP_ROOM_ID,
    STEP_ROOM_INFO,
    STEP_SIGN,
    STEP_WEBSOCKET,
    HttpEvidence,
    sign_keys,
)

_ROUTES = {
    "fetch_room_id_from_html": STEP_ROOM_ID,
    "fetch_room_id_from_api": STEP_ROOM_ID,
    "fetch_is_live": STEP_IS_LIVE,
    "fetch_room_info": STEP_ROOM_INFO,
}

# The header the sign server reads the API key from (TikTokLive's signer sends it).
SIGN_KEY_HEADER = "X-Api-Key"
# A silent server must not hold a close for websockets' default 10 s.
WEBSOCKET_CLOSE_TIMEOUT = 2.0


class UpstreamListener(FrameListener, Protocol):
    """What a room hears from its connection."""

    async def on_response(self, response: Any) -> None:
        """A ProtoMessageFetchResult (the sign server's first one, then the websocket's)."""

    async def on_sign_budget_wait(self, place: int, delay: float) -> None:
        """The sign request waits for the budget: ``place`` in the queue (1: next), about
        ``delay`` seconds."""


def configure_upstream(settings: Settings) -> None:
    """Point TikTokLive's process-wide defaults at the configured upstream
    (``upstream.upstream_client_type`` calls it once per settings).

    Its logger gets its own stderr handler and stops propagating; tokgate routes it to the
    root handlers instead, so the redaction filter and the log format apply to it too.
    """
    if settings.tiktok_upstream:
        base = settings.tiktok_upstream.rstrip("/")
        WebDefaults.tiktok_app_url = base
        WebDefaults.tiktok_webcast_url = base + "/webcast"
        WebDefaults.tiktok_sign_url = base
    if settings.sessionid:
        _trust_sign_host_with_sessionid(settings.sessionid_sign_host)
    library_logger = TikTokLiveLogHandler.get_logger()
    for handler in list(library_logger.handlers):
        library_logger.removeHandler(handler)
    library_logger.propagate = True


def _trust_sign_host_with_sessionid(named: str) -> None:
    """TikTokLive sends the sessionid to the sign server only when its host is named in
    ``WHITELIST_AUTHENTICATED_SESSION_ID_HOST`` (compared exactly, as its
    check_authenticated_session does). Only the operator may name it, knowing the risk: a
    sessionid without ``sessionid_sign_host`` naming the sign server in use is refused
    (ValueError: a configuration error at start)."""
    host = WebDefaults.tiktok_sign_url.split("://", 1)[1]
    if named != host:
        reason = f"it names {named}" if named else "it is empty"
        raise ValueError(
            f"sessionid is set, but sessionid_sign_host does not name the sign server ({host}): "
            f"{reason}. TikTokLive sends the sessionid to the sign server, and whoever holds "
            f"it can use the account; set sessionid_sign_host = {host!r} to accept that "
            "(docs/security.md), or remove the sessionid"
        )
    os.environ["WHITELIST_AUTHENTICATED_SESSION_ID_HOST"] = host


def _message_of(data: Any) -> str:
    """TikTok's message in a refusal's ``data`` (``{"message": ...}``), or ""."""
    return str(data.get("message") or "") if isinstance(data, dict) else ""


class _StepRoute:
    """Wraps one of the library's web routes to note which step is running."""

    def __init__(self, client: UpstreamClient, step: str, route: Any) -> None:
        self._client = client
        self._step = step
        self._route = route

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._client.enter_step(self._step)
        return await self._route(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._route, name)


class _SignRoute(_StepRoute):
    """The sign request: waits for a grant of the budget, then runs under a deadline with the
    API key the grant is from."""

    def __init__(
        self,
        client: UpstreamClient,
        route: Any,
        budget: Budget,
        *,
        keys: list[str],
        timeout: float,
        on_budget_wait: OnWait | None,
    ) -> None:
        super().__init__(client, STEP_SIGN, route)
        self._budget = budget
        self._keys = keys
        self._timeout = timeout
        self._on_budget_wait = on_budget_wait

    async def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._client.enter_step(STEP_SIGN)
        key = self._keys[await self._budget.acquire(self._on_budget_wait)]
        headers = self._client.web.signer.sdk_client.get_async_httpx_client().headers
        if key:
            headers[SIGN_KEY_HEADER] = key
        else:
            headers.pop(SIGN_KEY_HEADER, None)
        try:
            async with asyncio.timeout(self._timeout):
                result = await self._route(*args, **kwargs)
        except TimeoutError as exc:
            raise TimeoutError(f"the sign server did not answer within {self._timeout:g}s") from exc
        self._client.enter_step(STEP_WEBSOCKET)
        return result


class UpstreamClient(TikTokLiveClient):  # type: ignore[misc]
    """One connection attempt to one streamer's room (a fresh client per attempt)."""

    def __init__(
        self,
        unique_id: str,
        settings: Settings,
        *,
        tls: ssl.SSLContext,
        budget: Budget,
        listener: UpstreamListener | None = None,
        proxy: str | None = None,
    ) -> None:
        self.step = STEP_ROOM_ID
        self.evidence: HttpEvidence | None = None
        self.tls = tls  # the trust this attempt runs with
        self._listener = listener
        ws_kwargs: dict[str, Any] = {"ssl": tls, "close_timeout": WEBSOCKET_CLOSE_TIMEOUT}
        own_loop = listener is not None and settings.upstream_loop == "tokgate"
        if listener is not None and not own_loop:
            ws_kwargs["create_protocol"] = functools.partial(
                ScreenedProtocol, on_frame=listener.on_frame, on_malformed=listener.on_malformed
            )
        web_proxy = httpx.Proxy(proxy) if proxy else None
        super().__init__(
            unique_id,
            web_proxy=web_proxy,
            ws_proxy=web_proxy,
            web_kwargs={
                "httpx_kwargs": {
                    "verify": tls,
                    "event_hooks": {"response": [self._record_response]},
                },
                "signer_kwargs": {
                    "sign_api_key": settings.sign_api_key.get_secret_value() or None,
                    "sign_api_base": WebDefaults.tiktok_sign_url,
                },
            },
            ws_kwargs=ws_kwargs,
        )
        if own_loop:
            assert listener is not None
            self._ws = PushClient(ws_kwargs=ws_kwargs, ws_proxy=web_proxy, listener=listener)
        self._trust_sign_server(tls, settings.sign_timeout)
        for attribute, step in _ROUTES.items():
            setattr(self.web, attribute, _StepRoute(self, step, getattr(self.web, attribute)))
        self.web.fetch_signed_websocket = _SignRoute(
            self,
            self.web.fetch_signed_websocket,
            budget,
            keys=sign_keys(settings),
            timeout=settings.sign_timeout,
            on_budget_wait=listener.on_sign_budget_wait if listener is not None else None,
        )
        if settings.sessionid:
            self.web.set_session(
                settings.sessionid.get_secret_value(), self.web.cookies.get("tt-target-idc")
            )

    def _trust_sign_server(self, tls: ssl.SSLContext, timeout: float) -> None:
        """Replace the sign client's httpx client (built with ``verify=False``, no timeout)
        with one that verifies TLS, has a timeout and records responses; same base URL and
        headers (including the API key header) as the SDK composed them."""
        sdk = self.web.signer.sdk_client
        composed = sdk.get_async_httpx_client()
        sdk.set_async_httpx_client(
            httpx.AsyncClient(
                base_url=composed.base_url,
                headers=composed.headers,
                verify=tls,
                timeout=timeout,
                event_hooks={"response": [self._record_response]},
            )
        )

    def enter_step(self, step: str) -> None:
        self.step = step
        self.evidence = None

    async def _record_response(self, response: httpx.Response) -> None:
        """httpx response hook: keep the step's last response as evidence (the library drops
        it, e.g. on a 429 without RateLimit-Remaining it raises a bare TypeError)."""
        await response.aread()
        self.evidence = HttpEvidence(
            self.step,
            response.status_code,
            dict(response.headers),
            response.content[:4096].decode("utf-8", errors="replace"),
        )

    async def _parse_webcast_response(self, webcast_response: Any) -> AsyncIterator[Any]:
        """Hand every fetch result to the room's decoder; TikTokLive emits nothing."""
        if self._listener is not None:
            await self._listener.on_response(webcast_response)
        return
        yield  # an async generator, as the library iterates it

    async def fetch_live_status(self) -> tuple[bool, str]:
        """(is live, room id) from one user-room request, as ``is_live`` decides it."""
        self.enter_step(STEP_IS_LIVE)
        data = await FetchRoomIdAPIRoute.fetch_user_room_data(
            web=self.web, unique_id=self.unique_id
        )
        found = data.get("data") if isinstance(data.get("data"), dict) else None
        if found is None:  # TikTok answered without data: the body is the evidence
            raise UpstreamStatusError(
                status_code(data), "", STEP_IS_LIVE, status_msg=str(data.get("message", ""))
            )
        status = (found.get("liveRoom") or {}).get("status")
        return status not in (None, 4), str((found.get("user") or {}).get("roomId") or "")

    async def fetch_room_data(self, room_id: str = "") -> dict[str, Any]:
        """TikTok's room info of broadcast ``room_id``, else of this client's user's current or
        last broadcast. TikTokLive's route reads every answer without a room as age-restricted;
        this one tells an unknown room id (RoomNotFoundError) and TikTok's other refusals
        (UpstreamStatusError, with the body as evidence) from an age-restricted LIVE."""
        self.enter_step(STEP_ROOM_INFO)
        if room_id:
            path, params = "/room/info/", {"room_id": room_id}
        else:
            path, params = "/room/info_by_user/", {"unique_id": self.unique_id}
        body = await self._webcast_json(path, params)
        data = body.get("data")
        if isinstance(data, dict) and "prompts" in data:
            raise AgeRestrictedError(
                "Age restricted stream. Cannot fetch room info. Pass sessionid to log in."
            )
        if isinstance(data, dict) and (data.get("id_str") or data.get("id")):
            return data
        code = status_code(body)
        if room_id and code not in (None, 0):
            raise RoomNotFoundError(room_id)
        raise UpstreamStatusError(code, "", STEP_ROOM_INFO, status_msg=_message_of(data))

    async def fetch_gift_data(self, room_id: str) -> dict[str, Any]:
        """TikTok's gift list of broadcast ``room_id`` (``{"gifts": [...]}``)."""
        self.enter_step(STEP_GIFT_LIST)
        body = await self._webcast_json("/gift/list/", {"room_id": room_id})
        data = body.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("gifts"), list):
            raise UpstreamStatusError(
                status_code(body), "", STEP_GIFT_LIST, status_msg=_message_of(data)
            )
        return data

    async def _webcast_json(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        """A webcast route's JSON object, through the library's web client (its parameters,
        cookies and headers); an HTTP error status or a body that is no JSON object is an
        UpstreamStatusError from the one check of a TikTok answer (the response is the
        evidence, kept by the response hook). A JSON object with a non-zero statusCode is left
        to the route: what it means depends on the route."""
        response = await self.web.get(
            url=WebDefaults.tiktok_webcast_url + path, extra_params=params
        )
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.is_error or not isinstance(body, dict):
            check_answer(body, response.status_code, self.step, "")  # raises: it failed
        assert isinstance(body, dict), "check_answer raises for an error or a non-object"
        return body

    async def close_all(self) -> None:
        """Close the websocket and both HTTP clients. ``disconnect`` only closes an open
        websocket and then waits for the connection task, so a task still in its handshake
        is cancelled first (cancelling ``start``'s task is safe; ``connect`` is what is not)."""
        task: asyncio.Task[None] | None = self._event_loop_task  # type: ignore[has-type]
        if task is not None and not task.done() and not self.connected:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            self._event_loop_task = None
        try:
            await self.disconnect()
        finally:
            await self.close_http()

    async def close_http(self) -> None:
        """Close both HTTP clients (TikTokLive's and the sign server's). A room closes them once
        its websocket is open: each would keep a TLS connection to the upstream alive for the
        room's life (about 31 KiB a room), and a reconnect builds a new client anyway."""
        await self.web.close()
        await self.web.signer.sdk_client.get_async_httpx_client().aclose()

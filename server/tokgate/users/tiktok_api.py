"""The one seam between tokgate and TikTokApi's session handling: a small subclass.

TikTokApi is built for one script, not a long-running service:

- ``User.parent = self`` and its siblings are class attributes, so there is one instance per
  process (the supervisor owns it);
- ``create_sessions`` launches a new browser each time and overwrites the old one without
  closing it, and its "recovery" only prunes dead sessions; so this class launches the browser
  once (again only when it died) and adds or closes *one* session at a time;
- it addresses sessions by list position, re-resolved at every step of a request, and the
  positions shift when a session dies; so this class ignores ``session_index`` and runs every
  request on the session bound to the current call (:mod:`tokgate.users.binding`);
- its in-page fetch drops the HTTP status and turns a failed connection into a dead session;
  so this class's fetch returns status and body, reports connection failures as network
  errors, records every answer and checks its statusCode (:mod:`tokgate.errors.tiktok_body`).

Everything else (query parameters, msToken, X-Bogus signing, the request loop, the endpoint
classes) is TikTokApi's own code, unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import async_playwright
from TikTokApi import TikTokApi

from tokgate.errors.exceptions import SessionUnavailableError
from tokgate.errors.tiktok_body import check_text, evidence
from tokgate.users.binding import CallBinding, FetchResult, current_binding
from tokgate.users.browser import TIKTOK_URL, BrowserOptions

logger = logging.getLogger(__name__)

# Resources a data-only session never needs to load.
SUPPRESSED_RESOURCES = ["image", "media", "font"]

# Response headers worth keeping as evidence (rate-limit timing, TikTok's log id).
KEPT_HEADERS = (
    "retry-after",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "x-tt-logid",
    "content-type",
)

# Returns the HTTP status with the body; a failed connection is an answer, not an exception.
_FETCH_SCRIPT = """
async ([url, headers, KEPT_HEADERS]) => {
  try {
    const response = await fetch(url, {method: "GET", headers: headers, credentials: "include"});
    const kept = {};
    for (const [name, value] of response.headers) {
      if (KEPT_HEADERS.includes(name.toLowerCase())) kept[name.toLowerCase()] = value;
    }
    return {status: response.status, body: await response.text(), headers: kept, error: null};
  } catch (error) {
    return {status: null, body: "", headers: {}, error: String((error && error.message) || error)};
  }
}
"""


class PageFetchError(ConnectionError):
    """The browser could not reach TikTok (refused, reset, DNS): a network failure."""

    def __init__(self, operation: str, reason: str) -> None:
        super().__init__(f"in-page fetch for {operation} failed: {reason}")
        self.operation = operation
        self.reason = reason


class _AlreadyChecked(logging.Filter):
    """Drops TikTokApi's "unexpected status code" line: it looks for ``status_code`` while
    TikTok sends ``statusCode``, so it logs every good answer (body included) as an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Got an unexpected status code")


def operation_of(url: str) -> str:
    """A short name for an endpoint: ``/api/user/detail/`` -> ``user_detail``."""
    path = urlsplit(url).path.strip("/")
    return path.removeprefix("api/").replace("/", "_") or "page"


class SupervisedTikTokApi(TikTokApi):  # type: ignore[misc]
    """TikTokApi whose sessions are added, bound and closed one at a time by tokgate."""

    # TikTokApi's own attributes (the library is untyped).
    browser: Any
    playwright: Any
    sessions: list[Any]

    def __init__(
        self,
        options: BrowserOptions,
        on_session_lost: Callable[[Any], None],
    ) -> None:
        super().__init__(logging_level=logging.WARNING, logger_name="TikTokApi")
        # Its own StreamHandler would bypass the root handler's redaction filter.
        self.logger.handlers.clear()
        self.logger.propagate = True
        self.logger.addFilter(_AlreadyChecked())
        self._options = options
        self._on_session_lost = on_session_lost
        self._launch_lock = asyncio.Lock()
        self._open_lock = asyncio.Lock()

    # --- browser and sessions (the supervisor's seam) ---------------------------------------

    async def launch_browser(self) -> None:
        """Start Playwright and Chromium, unless a connected browser is already running."""
        async with self._launch_lock:
            if self.browser is not None and self.browser.is_connected():
                return
            await self.stop_playwright()
            self.playwright = await async_playwright().start()
            new_headless = "--headless=new" in self._options.args
            self.browser = await self.playwright.chromium.launch(
                # "--headless=new" in args does the job; Playwright's flag would add the old mode.
                headless=self._options.headless and not new_headless,
                args=list(self._options.args),
                executable_path=self._options.executable,
            )

    async def open_session(
        self, ms_token: str | None, proxy: dict[str, Any] | None, within: float
    ) -> Any:
        """Create one session (a browser context with a TikTok page) within ``within``
        seconds (the browser launch included) and return it.

        One at a time: if the time runs out half-way, whatever it opened is closed again
        (TikTokApi's own clean-up catches ``Exception`` only, not the cancellation)."""
        async with self._open_lock, asyncio.timeout(within):
            await self.launch_browser()
            known_sessions = {id(session) for session in self.sessions}
            known_contexts = set(self.browser.contexts)
            try:
                # TikTokApi's own set-up: cookies, stealth, page load, msToken, params.
                await self._TikTokApi__create_session(
                    url=TIKTOK_URL,
                    ms_token=ms_token,
                    proxy=proxy,
                    suppress_resource_load_types=SUPPRESSED_RESOURCES,
                    timeout=int(within * 1000),
                )
            except BaseException:
                await self._close_leftovers(known_sessions, known_contexts)
                raise
            created = [session for session in self.sessions if id(session) not in known_sessions]
            return created[-1]

    async def _close_leftovers(self, known_sessions: set[int], known_contexts: set[Any]) -> None:
        for session in [s for s in self.sessions if id(s) not in known_sessions]:
            await self.close_session(session)
        if self.browser is not None:
            for context in set(self.browser.contexts) - known_contexts:
                with contextlib.suppress(Exception):
                    await context.close()

    async def close_session(self, session: Any) -> None:
        """Close one session's page and context and forget it."""
        session.is_valid = False
        for closable in (session.page, session.context):
            try:
                await closable.close()
            except Exception as exc:  # already closed or the browser is gone
                logger.debug("closing a session part failed: %s", exc)
        if session in self.sessions:
            self.sessions.remove(session)

    def claim_endpoint_classes(self) -> None:
        """Point ``User.parent`` and its siblings (class attributes) back at this instance.

        Any other TikTokApi built in the process (a plugin, a test, a script) re-points them
        at itself in its constructor, silently sending every later query through it."""
        for endpoint in (
            self.user,
            self.video,
            self.sound,
            self.hashtag,
            self.comment,
            self.trending,
            self.search,
            self.playlist,
        ):
            endpoint.parent = self

    async def shutdown(self) -> None:
        """Close every session, the browser and Playwright."""
        await self.close_sessions()

    # --- session selection: always the call's own session -----------------------------------

    def _bound(self) -> CallBinding:
        binding = current_binding()
        if binding is None:
            raise SessionUnavailableError("TikTokApi was called outside a supervised call")
        if not binding.session.is_valid:
            raise SessionUnavailableError(
                f"browser session {binding.session_id} died during the call"
            )
        return binding

    async def _get_valid_session_index(self, **kwargs: Any) -> tuple[str, Any]:
        binding = self._bound()
        return binding.session_id, binding.session

    def _get_session(self, **kwargs: Any) -> tuple[str, Any]:
        binding = self._bound()
        return binding.session_id, binding.session

    async def _mark_session_invalid(self, session: Any) -> None:
        await super()._mark_session_invalid(session)
        self._on_session_lost(session)

    # --- the fetch: status kept, every answer recorded and checked ---------------------------

    async def fetch_in_page(self, url: str, headers: dict[str, str] | None) -> FetchResult:
        """GET ``url`` from inside the bound session's page: HTTP status and raw body.

        The call's binding records it (cut to size, raw: the error pipeline redacts it), the
        evidence for any failure."""
        binding = self._bound()
        operation = operation_of(url)
        answer = await binding.session.page.evaluate(
            _FETCH_SCRIPT, [url, headers or {}, list(KEPT_HEADERS)]
        )
        status = answer.get("status")
        kept = answer.get("headers") or {}
        result = FetchResult(
            operation,
            int(status) if status is not None else None,
            str(answer.get("body") or ""),
            {str(k): str(v) for k, v in kept.items()},
        )
        binding.fetches.append(
            FetchResult(operation, result.http_status, evidence(result.body), result.headers)
        )
        if answer.get("error"):
            raise PageFetchError(operation, str(answer["error"]))
        return result

    async def run_fetch_script(self, url: str, headers: dict[str, str], **kwargs: Any) -> str:
        """TikTokApi's request step: fetch, then check the statusCode before it parses."""
        result = await self.fetch_in_page(url, headers)
        check_text(result.body, result.http_status, result.operation)
        return result.body

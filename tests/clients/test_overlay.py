"""The browser overlay (examples/overlay, built by `make overlay`) in headless Chromium.

A real server routed to the simulator serves the page itself (``--web-root``) next to its
services (``--web-listen``); the page streams @sim_live with a scoped token, and chat, a gift
streak, likes and the viewer count must appear on it. A token used outside its scope, an
expired one and an offline streamer must each show the ErrorDetail's kind. With
TOKGATE_OVERLAY_SCREENSHOT=PATH (`make overlay-screenshot`) the rendered page is saved there.
"""

from __future__ import annotations

import http.client
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from tokgate.config import Settings
from tokgate.testing import ServerHandle, free_port
from tokgate.tokens import mint, new_signing_key, scope_for

pytestmark = [pytest.mark.browser, pytest.mark.polyglot]

DIST = Path(__file__).resolve().parents[2] / "examples" / "overlay" / "dist"
SIGNING_KEY = new_signing_key()
STREAM = ["LiveService/StreamEvents"]
WEB_PORT = free_port()
WEB = f"http://127.0.0.1:{WEB_PORT}"
CHROMIUM = Settings.model_fields["browser_executable"].default
# The simulator's mix sends a few events a second: enough for every panel within this.
RENDER_TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def server_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    if not (DIST / "overlay.js").is_file():
        pytest.fail(f"{DIST} is not built: run `make overlay`")
    key_file = tmp_path_factory.mktemp("overlay") / "token.key"
    key_file.write_text(SIGNING_KEY + "\n")
    return [
        "--sessions",
        "0",
        "--web-listen",
        f"127.0.0.1:{WEB_PORT}",
        "--web-root",
        str(DIST),
        "--token-signing-key-file",
        str(key_file),
    ]


@pytest.fixture(scope="module")
def browser(server: ServerHandle) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport={"width": 460, "height": 560})
    yield opened
    opened.close()


def _token(users: list[str], ttl_seconds: float = 600) -> str:
    return mint(SIGNING_KEY.encode(), scope_for(STREAM, users, ttl_seconds))


def _expired_token() -> str:
    scope = scope_for(STREAM, [], 60)
    return mint(SIGNING_KEY.encode(), replace(scope, expires_at=int(time.time()) - 5))


def _open(page: Page, streamer: str, token: str) -> None:
    page.goto(f"{WEB}/?{urlencode({'streamer': streamer, 'token': token})}")


def test_the_overlay_shows_chat_gift_streaks_likes_and_viewers(page: Page) -> None:
    _open(page, "sim_live", _token(["sim_live"]))
    expect(page.locator("#streamer")).to_have_text("@sim_live")
    expect(page.locator("#chat li").first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    # A streak's line counts up in place: one line with a count above 1.
    streak = page.locator("#gifts li.gift:not([data-count='0']):not([data-count='1'])")
    expect(streak.first).to_contain_text("×", timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("#likes")).not_to_have_text("0", timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("#viewers")).not_to_have_text("0", timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("#error")).to_be_hidden()
    screenshot = os.environ.get("TOKGATE_OVERLAY_SCREENSHOT")
    if screenshot:
        _save_screenshot(page, Path(screenshot))


def _save_screenshot(page: Page, path: Path) -> None:
    """The panels once the chat is full, as OBS shows them over a stream (here a plain dark
    backdrop: the page itself is transparent)."""
    expect(page.locator("#chat li")).to_have_count(8, timeout=RENDER_TIMEOUT_MS)
    page.evaluate("document.documentElement.style.background = '#3a3f58'")
    bottom = page.evaluate("document.getElementById('chat').getBoundingClientRect().bottom")
    page.screenshot(path=path, clip={"x": 0, "y": 0, "width": 460, "height": bottom + 12})


@pytest.mark.parametrize(
    ("streamer", "token", "kind"),
    [
        ("sim_creator", _token(["sim_live"]), "ERROR_KIND_PERMISSION_DENIED"),
        ("sim_live", _expired_token(), "ERROR_KIND_UNAUTHENTICATED"),
        ("sim_offline", _token([]), "ERROR_KIND_USER_OFFLINE"),
    ],
    ids=["out-of-scope", "expired", "offline"],
)
def test_a_failure_shows_its_error_detail(page: Page, streamer: str, token: str, kind: str) -> None:
    _open(page, streamer, token)
    error = page.locator("#error")
    expect(error).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(error).to_have_attribute("data-kind", kind)
    expect(page.locator("#error-kind")).to_have_text(kind)
    expect(page.locator("#error-message")).not_to_be_empty()
    expect(page.locator("#chat li")).to_have_count(0)


def test_a_page_given_an_api_key_refuses_it(page: Page) -> None:
    _open(page, "sim_live", "an-api-key")
    expect(page.locator("#error")).to_have_attribute("data-kind", "OVERLAY_SETTINGS")
    expect(page.locator("#error-message")).to_contain_text("never put an API key in a page")


def test_web_root_serves_only_files_inside_it(server: ServerHandle) -> None:
    """``..`` does not climb out of the directory: such a GET goes on to the services."""
    connection = http.client.HTTPConnection("127.0.0.1", WEB_PORT, timeout=10)
    try:
        connection.request("GET", "/../package.json")
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status != 200
    assert b"tokgate-overlay" not in body

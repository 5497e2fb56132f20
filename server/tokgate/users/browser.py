"""How tokgate launches Chromium for TikTokApi: executable, arguments, proxies.

Only Chromium runs here (Playwright cannot download Firefox or WebKit), and Debian's real
binary is ``/usr/lib/chromium/chromium`` (``/usr/bin/chromium`` is a shell wrapper). When an
upstream is configured (the simulator), Chromium resolves www.tiktok.com to it and trusts its
self-signed certificate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from tokgate.config import Settings

# Running as root in a closed network: no sandbox, no GPU, no background traffic to Google.
# Shared memory in /tmp, not /dev/shm: a container's /dev/shm is 64 MB by default, too small
# for Chromium (Playwright's container guidance; deploy/compose.yaml also sets shm_size).
BASE_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

TIKTOK_HOST = "www.tiktok.com"
TIKTOK_URL = f"https://{TIKTOK_HOST}"


@dataclass(frozen=True)
class BrowserOptions:
    """Everything Playwright needs to launch the browser."""

    executable: str
    headless: bool
    args: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> BrowserOptions:
        args = list(BASE_ARGS)
        if settings.headless:
            # TikTokApi adds this itself only when no arguments are given; we give some.
            args.append("--headless=new")
        if settings.tiktok_upstream:
            args += [
                f"--host-resolver-rules=MAP {TIKTOK_HOST} {_host_port(settings.tiktok_upstream)}",
                "--ignore-certificate-errors",
            ]
        return cls(settings.browser_executable, settings.headless, tuple(args))


def _host_port(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.hostname}:{port}"


def playwright_proxy(url: str) -> dict[str, Any]:
    """A proxy URL (``http://user:pass@host:port``) as Playwright's ProxySettings."""
    parts = urlsplit(url)
    server = f"{parts.scheme or 'http'}://{parts.hostname}"
    if parts.port:
        server += f":{parts.port}"
    proxy: dict[str, Any] = {"server": server}
    if parts.username:
        proxy["username"] = unquote(parts.username)
    if parts.password:
        proxy["password"] = unquote(parts.password)
    return proxy

"""What the live side knows of the upstream without TikTokLive: the steps a room goes through,
a failed step's evidence and ErrorContext, the TLS trust, the sign keys; and the one door to
TikTokLive itself (``upstream_client_type``).

TikTokLive is imported when the first room or LIVE request needs it, not at start: its import
builds the classes of every webcast message (about 4 s of CPU and 30 MB), which a server that
answers only user queries, or has not opened a room yet, need not pay. It is imported in a
worker thread, so the event loop keeps serving the other calls meanwhile. Two servers import
it at start: one with a ``sessionid``, checked against the sign host then (which needs
TikTokLive's defaults), and a cluster replica, which may have to take a room over at any moment
(a failover must not wait for an import).
"""

from __future__ import annotations

import asyncio
import asyncio.sslproto
import importlib
import logging
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tokgate.config import Settings
from tokgate.errors.context import ErrorContext

if TYPE_CHECKING:
    from tokgate.live.adapter import UpstreamClient

logger = logging.getLogger(__name__)

# The upstream steps a room goes through, in order; ErrorContext.operation names them.
STEP_ROOM_ID = "fetch_room_id"
STEP_IS_LIVE = "fetch_is_live"
STEP_ROOM_INFO = "fetch_room_info"
STEP_GIFT_LIST = "fetch_gift_list"
STEP_SIGN = "sign"
STEP_WEBSOCKET = "websocket"

# asyncio's TLS protocol keeps a read buffer of ``SSLProtocol.max_size`` for each connection,
# 256 KiB by default and zero-filled, so resident: half of a room's memory, for its websocket.
# A TLS record carries at most 16 KiB, so reading 16 KiB at a time costs no extra reads.
TLS_READ_BUFFER = 16 * 1024

_ADAPTER = "tokgate.live.adapter"
_import_lock = threading.Lock()
_imported = threading.Event()  # set once the adapter is whole (sys.modules has it from the start)


@dataclass
class _Configured:
    """The settings TikTokLive's process-wide defaults were last pointed at."""

    settings: Settings | None = None


_configured = _Configured()


def prepare_upstream(settings: Settings) -> None:
    """At start: every TLS connection asyncio makes reads through a ``TLS_READ_BUFFER`` from
    now on; with a ``sessionid`` (checked against the sign host: ValueError, a configuration
    error at start) or in cluster mode, TikTokLive is imported now."""
    asyncio.sslproto.SSLProtocol.max_size = TLS_READ_BUFFER
    if settings.sessionid or settings.cluster_url:
        _import_adapter()
        _configure(settings)


async def upstream_client_type(settings: Settings) -> type[UpstreamClient]:
    """TikTokLive's client, pointed at ``settings``' upstream; TikTokLive is imported the
    first time, in a worker thread."""
    if not _imported.is_set():
        await asyncio.to_thread(_import_adapter)
    return _configure(settings)


def _import_adapter() -> None:
    """Import the adapter (and TikTokLive) once, whichever thread asks first."""
    with _import_lock:
        if _imported.is_set():
            return
        started = time.monotonic()
        importlib.import_module(_ADAPTER)
        _imported.set()
        logger.info("TikTokLive loaded", extra={"seconds": round(time.monotonic() - started, 2)})


def _configure(settings: Settings) -> type[UpstreamClient]:
    """Point TikTokLive's process-wide defaults at ``settings``' upstream, once per settings."""
    from tokgate.live import adapter  # imported by now: a lookup

    if settings is not _configured.settings:
        adapter.configure_upstream(settings)
        _configured.settings = settings
    return adapter.UpstreamClient


def sign_keys(settings: Settings) -> list[str]:
    """The sign API keys rooms are spread over, each with its own budget: ``sign_api_key``,
    then ``sign_api_keys``, each once; one empty key (none: the sign server counts per IP)
    when none is set."""
    keys = (key.get_secret_value() for key in (settings.sign_api_key, *settings.sign_api_keys))
    return list(dict.fromkeys(key for key in keys if key)) or [""]


class UpstreamTrust:
    """The TLS trust for every upstream connection (HTTP, sign server, websocket).

    One context is shared by every connection. A reload (SIGHUP, or the CA file changing)
    builds a new one from ``upstream_ca_file`` and swaps it in: connections made after it
    use the new trust, open ones keep theirs. A room whose upstream presented a certificate
    the trust refused waits for such a reload (``renewed``): an upstream restarted with a new
    certificate is trusted again once its CA file is rewritten, without a restart of tokgate.
    """

    def __init__(self, settings: Settings) -> None:
        self._source = _read_ca(settings.upstream_ca_file)
        self.context = _trust_context(*self._source)
        self._renewals: set[asyncio.Future[None]] = set()

    async def renewed(self, since: ssl.SSLContext, within: float) -> bool:
        """Whether the trust is, or becomes within ``within`` seconds, another than ``since``."""
        if self.context is not since:
            return True
        renewal = asyncio.get_running_loop().create_future()
        self._renewals.add(renewal)
        try:
            await asyncio.wait_for(renewal, within)
        except TimeoutError:
            return False
        finally:
            self._renewals.discard(renewal)
        return True

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """The commit putting the new CA file in force; None when it is unchanged."""
        source = _read_ca(settings.upstream_ca_file)
        if source == self._source:
            return None
        context = _trust_context(*source)

        def commit() -> None:
            self._source, self.context = source, context
            for renewal in self._renewals:
                if not renewal.done():
                    renewal.set_result(None)

        return commit


def _read_ca(path: str) -> tuple[str, bytes]:
    """The CA file's path and content (ValueError when it cannot be read)."""
    if not path:
        return "", b""
    try:
        return path, Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(f"upstream_ca_file: cannot read {path}: {exc.strerror}") from None


def _trust_context(path: str, pem: bytes) -> ssl.SSLContext:
    """A client context trusting ``pem`` (the system's CAs when no file is set)."""
    if not path:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cadata=pem.decode("ascii"))
    except (ssl.SSLError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(
            f"upstream_ca_file: {path} holds no usable PEM certificate ({exc})"
        ) from None


@dataclass(frozen=True)
class HttpEvidence:
    """The last upstream response of a step (raw: handed only to the pipeline, which redacts)."""

    step: str
    status: int
    headers: Mapping[str, str]
    body: str


def failure_context(
    operation: str,
    *,
    unique_id: str | None,
    room_id: str = "",
    attempt: int = 1,
    evidence: HttpEvidence | None = None,
) -> ErrorContext:
    """The ErrorContext of a live failure, with the failed step's HTTP evidence (the
    pipeline redacts it before anything reads it)."""
    return ErrorContext(
        source="live",
        operation=operation,
        unique_id=unique_id or None,
        room_id=room_id or None,
        attempt=attempt,
        http_status=evidence.status if evidence else None,
        headers=dict(evidence.headers) if evidence else {},
        body=evidence.body if evidence else None,
    )

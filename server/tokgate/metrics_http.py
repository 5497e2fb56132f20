"""The /metrics HTTP endpoint, served from the event loop.

prometheus_client's exporter runs a thread per connection with no timeout: a few hundred
idle or half-open connections held as many threads for as long as their peers liked. Here a
connection is a coroutine: it waits at most ``idle_timeout`` for each request head (a
keep-alive scrape's next request included) and for the peer to take each answer, and at
most ``max_connections`` are open: a new one beyond closes the longest-idle one, so a
flood of idle sockets cannot lock a scraper out. Pages are rendered by prometheus_client on
one worker thread (the collectors are its code, as before), with what it negotiates:
OpenMetrics or the text format by ``Accept``, gzip by ``Accept-Encoding``, ``name[]``
filters. Only ``/metrics`` answers the page; any other path is 404, so a probe or a
misconfigured scraper pointed elsewhere (``/healthz``) is told so instead of reading
metrics as a health answer.
"""

from __future__ import annotations

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from prometheus_client import CollectorRegistry
from prometheus_client.exposition import choose_encoder, gzip_accepted

METRICS_PATH = "/metrics"
MAX_CONNECTIONS = 64
# A request head larger than this is refused: a scrape's is a few hundred bytes.
HEAD_LIMIT = 16 * 1024


@dataclass
class _Request:
    method: str
    target: str
    version: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def keep_alive(self) -> bool:
        connection = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return connection == "keep-alive"
        return connection != "close"


@dataclass
class _Connection:
    writer: asyncio.StreamWriter
    busy: bool = False  # answering a request (never evicted then)


class MetricsHttpServer:
    """An HTTP/1.1 server answering ``registry``'s page on ``host:port``."""

    def __init__(
        self,
        registry: CollectorRegistry,
        idle_timeout: float,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self._registry = registry
        self._idle_timeout = idle_timeout
        self._max_connections = max_connections
        self._connections: list[_Connection] = []  # oldest first
        self._renderer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="metrics")
        self._server: asyncio.Server | None = None

    async def start(self, host: str, port: int) -> None:
        """Listen (OSError when the address cannot be bound)."""
        self._server = await asyncio.start_server(
            self._serve, host, port, limit=HEAD_LIMIT, reuse_address=True
        )

    async def stop(self) -> None:
        """Stop listening and close every connection."""
        if self._server is not None:
            self._server.close()
        for connection in list(self._connections):
            connection.writer.close()
        if self._server is not None:
            await self._server.wait_closed()
        self._renderer.shutdown(wait=False, cancel_futures=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = _Connection(writer)
        self._admit(connection)
        try:
            while True:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self._idle_timeout)
                request = _parse(head)
                connection.busy = True
                if request is None:
                    writer.write(
                        _response(400, "Bad Request", [], b"bad request\n", keep_alive=False)
                    )
                    await asyncio.wait_for(writer.drain(), self._idle_timeout)
                    return
                writer.write(await self._answer(request))
                await asyncio.wait_for(writer.drain(), self._idle_timeout)
                connection.busy = False
                if not request.keep_alive:
                    return
        except (
            TimeoutError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            ConnectionError,
        ):
            return  # idle too long, closed by the peer, or an oversized head
        finally:
            self._connections.remove(connection)
            writer.close()

    def _admit(self, connection: _Connection) -> None:
        """Count ``connection`` in, closing the longest-idle one when there are too many."""
        if len(self._connections) >= self._max_connections:
            idle = next((c for c in self._connections if not c.busy), None)
            if idle is not None:
                idle.writer.close()  # its reader sees EOF and its coroutine ends
        self._connections.append(connection)

    async def _answer(self, request: _Request) -> bytes:
        if request.method not in ("GET", "HEAD"):
            return _response(
                405,
                "Method Not Allowed",
                [("Allow", "GET, HEAD")],
                b"",
                keep_alive=request.keep_alive,
            )
        target = urlsplit(request.target)
        if target.path != METRICS_PATH:
            return _response(
                404,
                "Not Found",
                [("Content-Type", "text/plain; charset=utf-8")],
                f"not found: metrics are at {METRICS_PATH}\n".encode(),
                keep_alive=request.keep_alive,
            )
        names = parse_qs(target.query).get("name[]")
        accept = request.headers.get("accept", "")
        zipped = gzip_accepted(request.headers.get("accept-encoding", ""))
        loop = asyncio.get_running_loop()
        content_type, body = await loop.run_in_executor(
            self._renderer, self._render, accept, names, zipped
        )
        headers = [("Content-Type", content_type)]
        if zipped:
            headers.append(("Content-Encoding", "gzip"))
        if request.method == "HEAD":
            return _response(
                200, "OK", headers, b"", keep_alive=request.keep_alive, length=len(body)
            )
        return _response(200, "OK", headers, body, keep_alive=request.keep_alive)

    def _render(self, accept: str, names: list[str] | None, zipped: bool) -> tuple[str, bytes]:
        encoder, content_type = choose_encoder(accept)
        registry = self._registry.restricted_registry(names) if names else self._registry
        body = encoder(registry)
        return content_type, gzip.compress(body) if zipped else body


def _parse(head: bytes) -> _Request | None:
    """The request line and headers of ``head``, or None when it is not HTTP/1.x."""
    try:
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = lines[0].split(" ")
    except ValueError:
        return None
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        return None
    request = _Request(method, target, version)
    for line in lines[1:]:
        name, separator, value = line.partition(":")
        if separator:
            request.headers[name.strip().lower()] = value.strip()
    return request


def _response(
    status: int,
    reason: str,
    headers: list[tuple[str, str]],
    body: bytes,
    *,
    keep_alive: bool,
    length: int | None = None,
) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{name}: {value}" for name, value in headers)]
    lines.append(f"Content-Length: {len(body) if length is None else length}")
    lines.append(f"Connection: {'keep-alive' if keep_alive else 'close'}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

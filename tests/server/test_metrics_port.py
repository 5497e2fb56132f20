"""The /metrics port under idle and half-open connections: no thread per connection, idle
connections closed after their timeout, and scrapes answered all along (with gzip and the
OpenMetrics format, as Prometheus asks for them), and only on /metrics: other paths are 404."""

from __future__ import annotations

import contextlib
import gzip
import os
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from tokgate.testing import ServerHandle, run_server

IDLE_TIMEOUT = 2.0
CONNECTIONS = 300


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """A server without upstream whose idle metrics connections time out quickly."""
    with run_server(
        args=["--sessions", "0"],
        env={"TOKGATE_METRICS_IDLE_TIMEOUT": str(IDLE_TIMEOUT)},
        workdir=tmp_path_factory.mktemp("server"),
    ) as handle:
        yield handle


def threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def closed_by_peer(sock: socket.socket) -> bool:
    """Whether the server closed ``sock`` (EOF or reset), without waiting."""
    sock.setblocking(False)
    try:
        return sock.recv(1024) == b""
    except BlockingIOError:
        return False
    except ConnectionError:
        return True


@contextlib.contextmanager
def idle_sockets(server: ServerHandle) -> Iterator[list[socket.socket]]:
    """``CONNECTIONS`` connections to the metrics port that never finish a request: half of
    them send nothing, the other half the start of a request head."""
    sockets = []
    try:
        for index in range(CONNECTIONS):
            sock = socket.create_connection(("127.0.0.1", server.metrics_port), timeout=5)
            sockets.append(sock)
            if index % 2:
                sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        yield sockets
    finally:
        for sock in sockets:
            sock.close()


def test_idle_connections_hold_no_threads_and_are_closed(server: ServerHandle) -> None:
    assert "grpc_server_started_total" in server.metrics()  # a scrape's thread, if any
    baseline = threads(server.process.pid)
    with idle_sockets(server) as sockets:
        time.sleep(0.5)
        held = threads(server.process.pid)
        assert held <= baseline + 5, f"{held} threads, {baseline} before: one per connection"
        assert "grpc_server_started_total" in httpx.get(server.metrics_url, timeout=5).text

        time.sleep(IDLE_TIMEOUT + 1.5)

        still_open = [sock for sock in sockets if not closed_by_peer(sock)]
        assert not still_open, f"{len(still_open)} idle connections still open"
        assert threads(server.process.pid) <= baseline + 5
        assert "grpc_server_started_total" in httpx.get(server.metrics_url, timeout=5).text


def test_scrapes_keep_gzip_openmetrics_and_keep_alive(server: ServerHandle) -> None:
    with httpx.Client(timeout=5) as client:
        plain = client.get(server.metrics_url, headers={"Accept-Encoding": "identity"})
        assert plain.headers["content-type"].startswith("text/plain; version=0.0.4")
        assert "content-encoding" not in plain.headers
        assert "tokgate_live_rooms " in plain.text

        with client.stream(
            "GET", server.metrics_url, headers={"Accept-Encoding": "gzip"}
        ) as zipped:
            assert zipped.headers["content-encoding"] == "gzip"
            body = b"".join(zipped.iter_raw())
            assert b"tokgate_live_rooms " in gzip.decompress(body)

        # What Prometheus sends: OpenMetrics, on the same (kept-alive) connection.
        open_metrics = client.get(
            server.metrics_url,
            headers={"Accept": "application/openmetrics-text;version=1.0.0,text/plain;q=0.5"},
        )
        assert open_metrics.headers["content-type"].startswith("application/openmetrics-text")
        assert open_metrics.text.endswith("# EOF\n")

        only = client.get(server.metrics_url, params={"name[]": "tokgate_live_rooms"})
        assert "tokgate_live_rooms " in only.text and "grpc_server" not in only.text


@pytest.mark.parametrize("path", ["/", "/healthz", "/metricsx", "/metrics/"])
def test_only_the_metrics_path_answers_the_page(server: ServerHandle, path: str) -> None:
    base = server.metrics_url.removesuffix("/metrics")
    with httpx.Client(timeout=5) as client:
        other = client.get(base + path)
        assert other.status_code == 404
        assert "tokgate_live_rooms" not in other.text
        # The connection stays usable for the scrape that follows.
        assert client.get(server.metrics_url).status_code == 200

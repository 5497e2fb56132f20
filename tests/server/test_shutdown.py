"""SIGTERM: health goes NOT_SERVING, running calls finish, streams end with a clear status,
and the process exits 0."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from tokgate.testing import SimulatorHandle, run_server
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

STREAMER = "shutdown_star"
SLOW_STREAMER = "sim_slow"  # the simulator answers everything about it after --slow-delay
SLOW_DELAY = 3.0
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--slow-delay", str(SLOW_DELAY)]


class Consumer(threading.Thread):
    """Reads a server stream to its end, keeping the messages and the final error."""

    def __init__(self, stream: Iterator[object]) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.messages: list[object] = []
        self.error: grpc.RpcError | None = None

    def run(self) -> None:
        try:
            for message in self.stream:
                self.messages.append(message)
        except grpc.RpcError as error:
            self.error = error


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_sigterm_drains_calls_ends_streams_and_exits_zero(
    simulator: SimulatorHandle, tmp_path: Path
) -> None:
    simulator.control("POST", f"rooms/{STREAMER}", json={"live": True})
    with run_server(
        upstream=simulator, args=["--grace-period", "30", "--sessions", "0"], workdir=tmp_path
    ) as server:
        channel = server.channel()
        live = live_pb2_grpc.LiveServiceStub(channel)
        events = Consumer(
            live.StreamEvents(live_pb2.StreamEventsRequest(unique_id=STREAMER), timeout=120)
        )
        events.start()
        health = health_pb2_grpc.HealthStub(channel)
        watch = Consumer(health.Watch(health_pb2.HealthCheckRequest(service=""), timeout=120))
        watch.start()
        _wait_for(lambda: len(events.messages) >= 2, "LIVE events")
        _wait_for(lambda: len(watch.messages) == 1, "the health watch")
        slow_call = live.GetLiveStatus.future(
            live_pb2.GetLiveStatusRequest(unique_id=SLOW_STREAMER), timeout=120
        )
        time.sleep(SLOW_DELAY / 3)  # the slow call is now waiting on the simulator

        os.kill(server.process.pid, signal.SIGTERM)

        watch.join(30)
        assert [m.status for m in watch.messages] == [SERVING, NOT_SERVING]  # type: ignore[attr-defined]
        assert watch.error is not None and watch.error.code() == grpc.StatusCode.UNAVAILABLE
        events.join(30)
        assert events.error is not None, "the stream did not end with a status"
        assert events.error.code() == grpc.StatusCode.UNAVAILABLE
        detail = error_detail_from(events.error)
        assert detail is not None
        assert detail.message.startswith("tokgate is shutting down")
        assert detail.exception_type == "tokgate.errors.exceptions.ServerShuttingDownError"
        assert detail.kind == errors_pb2.ERROR_KIND_NETWORK and detail.retryable
        assert detail.retry_after.ToTimedelta().total_seconds() > 0
        # The unary call that was running finished normally within the grace period.
        assert slow_call.result(timeout=60).is_live
        assert server.process.popen is not None
        assert server.process.popen.wait(60) == 0, server.process.logs()


def test_sigint_stops_an_idle_server_with_exit_code_zero(tmp_path: Path) -> None:
    with run_server(args=["--sessions", "0", "--log-format", "text"], workdir=tmp_path) as server:
        os.kill(server.process.pid, signal.SIGINT)
        assert server.process.popen is not None
        assert server.process.popen.wait(60) == 0, server.process.logs()
        logs = server.process.logs()
        assert "shutting down signal=SIGINT" in logs
        assert "tokgate stopped clean=True" in logs

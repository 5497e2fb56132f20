"""Scheduled ms token rotation (``--ms-token-rotation``): the session longest on its token
moves to the other one when its time is up, a session at a time, so the pool never empties
and callers see no failure. Its own server: a rotation period tests can wait for."""

from __future__ import annotations

import threading
import time

import grpc
import pytest
from tokgate.testing import ServerHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, users_pb2, users_pb2_grpc
from tokgate_client import from_rpc_error

pytestmark = pytest.mark.browser

TOKENS = ("ms-token-left-0123456789", "ms-token-right-0123456789")


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions", "2", "--call-deadline", "10", "--ms-tokens", ",".join(TOKENS),
        "--ms-token-rotation", "3", "--log-level", "INFO",
    ]  # fmt: skip


def test_sessions_rotate_one_at_a_time_and_no_call_fails(server: ServerHandle) -> None:
    admin = admin_pb2_grpc.AdminServiceStub(server.channel())
    users = users_pb2_grpc.UserServiceStub(server.channel())

    def healthy() -> int:
        return admin.GetSessionStats(admin_pb2.GetSessionStatsRequest()).healthy_sessions

    end = time.monotonic() + 60
    while healthy() < 1:
        assert time.monotonic() < end, "sessions not ready"
        time.sleep(0.1)
    failures: list[str] = []
    stop = threading.Event()

    def keep_calling() -> None:
        while not stop.is_set():
            try:
                users.GetUser(
                    users_pb2.GetUserRequest(unique_id="alice"),
                    timeout=15,
                    metadata=(("cache-control", "no-cache"),),
                )
            except grpc.RpcError as exc:
                failures.append(str(from_rpc_error(exc).detail))

    caller = threading.Thread(target=keep_calling)
    caller.start()
    least = 2
    try:
        end = time.monotonic() + 30
        while server.process.logs().count("moves to another ms token") < 2:
            assert time.monotonic() < end, "no session rotated"
            least = min(least, healthy())
            time.sleep(0.05)
    finally:
        stop.set()
        caller.join()
    assert least >= 1  # the pool never emptied
    assert failures == []
    assert "died after" not in server.process.logs()

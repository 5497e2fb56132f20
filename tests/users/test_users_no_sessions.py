"""No browser session at all (Chromium cannot start): user queries fail fast with a typed
SESSION error and the session stats say why, while the server itself stays healthy."""

from __future__ import annotations

import time

import grpc
import pytest
from tokgate.testing import ServerHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, users_pb2, users_pb2_grpc
from tokgate_client import from_rpc_error


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions",
        "2",
        "--browser-executable",
        "/nonexistent/chromium",
        "--session-recreate-backoff",
        "30",
    ]


def test_no_session_left_is_a_session_error(server: ServerHandle) -> None:
    admin = admin_pb2_grpc.AdminServiceStub(server.channel())

    def failed() -> int:
        sessions = admin.GetSessionStats(admin_pb2.GetSessionStatsRequest(), timeout=5).sessions
        return sum(1 for s in sessions if s.state == admin_pb2.SESSION_STATE_FAILED)

    end = time.monotonic() + 30
    while failed() < 2:
        assert time.monotonic() < end, "sessions never failed"
        time.sleep(0.1)
    users = users_pb2_grpc.UserServiceStub(server.channel())
    with pytest.raises(grpc.RpcError) as caught:
        users.GetUser(users_pb2.GetUserRequest(unique_id="alice"), timeout=5)
    error = from_rpc_error(caught.value)
    assert error.code == grpc.StatusCode.UNAVAILABLE
    assert error.detail.kind == errors_pb2.ERROR_KIND_SESSION
    assert error.detail.retryable
    assert "s1: FAILED" in error.detail.raw_error
    stats = admin.GetSessionStats(admin_pb2.GetSessionStatsRequest(), timeout=5)
    assert stats.healthy_sessions == 0 and stats.configured_sessions == 2

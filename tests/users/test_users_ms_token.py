"""A refused ms token, end to end: TikTok answers statusCode -1 to every user, which tokgate
cannot tell from other -1s one by one; the error guide's pattern (-1 across many users) then
names the ms token as the likely cause (AUTHENTICATION). Its own server: the pattern reads
the server's error history."""

from __future__ import annotations

import time

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, users_pb2, users_pb2_grpc
from tokgate_client import from_rpc_error

pytestmark = pytest.mark.browser

TOKENS = ("ms-token-one-0123456789", "ms-token-two-0123456789")


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    # A short retry delay: the bot-detection calls below are each retried once.
    return [
        "--sessions", "2", "--call-deadline", "10", "--ms-tokens", ",".join(TOKENS),
        "--retry-delay", "0.05",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def users(server: ServerHandle) -> users_pb2_grpc.UserServiceStub:
    admin = admin_pb2_grpc.AdminServiceStub(server.channel())
    end = time.monotonic() + 60
    while admin.GetSessionStats(admin_pb2.GetSessionStatsRequest()).healthy_sessions < 2:
        assert time.monotonic() < end, "sessions not ready"
        time.sleep(0.2)
    return users_pb2_grpc.UserServiceStub(server.channel())


def get_user(users: users_pb2_grpc.UserServiceStub, name: str) -> errors_pb2.ErrorDetail:
    with pytest.raises(grpc.RpcError) as caught:
        users.GetUser(users_pb2.GetUserRequest(unique_id=name), timeout=15)
    return from_rpc_error(caught.value).detail


def test_configured_tokens_are_used_and_refused_ones_are_named(
    simulator: SimulatorHandle, server: ServerHandle, users: users_pb2_grpc.UserServiceStub
) -> None:
    answer = users.GetUser(users_pb2.GetUserRequest(unique_id="alice"), timeout=15)
    assert answer.user.unique_id == "alice"

    simulator.control("POST", "ms_tokens/refuse", json={"tokens": list(TOKENS)})
    try:
        first = get_user(users, "first_user")
        assert first.kind == errors_pb2.ERROR_KIND_TIKTOK_API
        assert first.status_code == -1 and "userInfo: {}" not in first.raw_error
        details = [get_user(users, name) for name in ("second_user", "third_user")]
    finally:
        simulator.control("POST", "ms_tokens/accept", json={"tokens": list(TOKENS)})
    last = details[-1]
    assert last.kind == errors_pb2.ERROR_KIND_AUTHENTICATION
    assert last.status_code == -1
    assert "token" in last.message.lower()
    assert any("MS token" in cause for cause in last.possible_causes)
    assert not last.retryable
    counters = simulator.control("GET", "counters")
    assert counters["refused_ms_token_requests"] >= 3
    # The tokens are secrets: neither the answers nor the metrics carry them.
    for detail in (first, *details):
        assert all(token not in str(detail) for token in TOKENS)
    assert all(token not in server.metrics() for token in TOKENS)
    assert all(token not in server.process.logs() for token in TOKENS)


def test_a_refused_token_is_named_among_many_unrelated_failures(
    simulator: SimulatorHandle, server: ServerHandle, users: users_pb2_grpc.UserServiceStub
) -> None:
    """Its session's own answers (bare -1s for several users in a row on one token) outrank the
    error patterns: among many unrelated failures of access the pattern reads "mixed failures:
    bot detection", and before this evidence existed a refused token never read otherwise."""
    no_cache = (("cache-control", "no-cache"),)
    for _ in range(6):  # unrelated failures of access: TikTok answers empty bodies (2 a call)
        with pytest.raises(grpc.RpcError) as caught:
            users.GetUser(
                users_pb2.GetUserRequest(unique_id="sim_bot_detected"),
                timeout=15,
                metadata=no_cache,
            )
        assert from_rpc_error(caught.value).detail.kind == errors_pb2.ERROR_KIND_BOT_DETECTION
    simulator.control("POST", "ms_tokens/refuse", json={"tokens": list(TOKENS)})
    try:
        details = [get_user(users, f"refused_{index}") for index in range(4)]
    finally:
        simulator.control("POST", "ms_tokens/accept", json={"tokens": list(TOKENS)})
    kinds = [errors_pb2.ErrorKind.Name(detail.kind) for detail in details]
    # Each call tries both sessions; by the third, each token has refused 3 users in a row.
    for detail in details[2:]:
        assert detail.kind == errors_pb2.ERROR_KIND_AUTHENTICATION, kinds
        assert detail.metadata["ms_token"] == "refused", kinds
        assert not detail.retryable

"""Scheduled ms token rotation (``--ms-token-rotation``) in a pool: the session longest on its
token moves to another usable one when its time is up, a session at a time, each drained (its
calls done) while the other serves, so the pool never empties and callers see no failure. The
simulator's count of requests by the msToken they carried (by digest) shows the requests
really go out with the new tokens. Its own server: a rotation period tests can wait for."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from tokgate.sim.state import secret_name
from tokgate.testing import ServerHandle, SimulatorHandle, wait_until
from tokgate.v1 import users_pb2_grpc

if TYPE_CHECKING:
    from tests.users.conftest import Calling

pytestmark = pytest.mark.browser

# Two sessions start on the first two; only a rotation puts one on the third.
TOKENS = (
    "ms-token-left-0123456789", "ms-token-right-0123456789", "ms-token-spare-0123456789",
)  # fmt: skip


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions", "2", "--call-deadline", "10", "--ms-tokens", ",".join(TOKENS),
        "--ms-token-rotation", "3", "--log-level", "INFO",
    ]  # fmt: skip


def spare_token_requests(simulator: SimulatorHandle) -> int:
    counted = simulator.control("GET", "counters")["api_requests_by_ms_token"]
    return int(counted.get(secret_name(TOKENS[2]), 0))


def test_sessions_rotate_one_at_a_time_and_no_call_fails(
    simulator: SimulatorHandle, server: ServerHandle, calling: Calling
) -> None:
    users = users_pb2_grpc.UserServiceStub(server.channel())
    wait_until(lambda: server.session_stats().healthy_sessions == 2, what="the sessions")
    first = server.session_stats()
    # Each session on a token of its own. Not necessarily the first two: with a rotation every
    # 3 s, s1 may have moved to the spare before s2's browser was up on a loaded machine.
    assert sorted(s for t in first.ms_tokens for s in t.session_ids) == ["s1", "s2"]
    opened = {s.id: s.create_time.ToNanoseconds() for s in first.sessions}
    least = 2
    with calling(users) as calls:
        end = time.monotonic() + 30
        moved: set[str] = set()
        while moved != {"s1", "s2"} or spare_token_requests(simulator) == 0:
            assert time.monotonic() < end, f"rotation incomplete: {moved} moved"
            stats = server.session_stats()
            least = min(least, stats.healthy_sessions)
            moved |= {s.id for s in stats.sessions if s.create_time.ToNanoseconds() != opened[s.id]}
            time.sleep(0.05)
    assert least >= 1  # the pool never emptied: one drained move at a time
    assert calls.failures == [] and calls.answered > 0
    logs = server.process.logs()
    assert "died after" not in logs
    assert "opened before the old one closes" not in logs  # a pool moves drained, not in place
    assert all(token not in logs for token in TOKENS)

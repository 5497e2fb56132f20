"""Scheduled ms token rotation with one session (``--sessions 1``), and rotation changed by a
reload. The only session moves make-before-break: its new session opens on the other token
while the old one serves, so the pool never empties and a caller sees no failure; the
simulator's count of requests by the msToken they carried (by digest) shows the requests
really go out with the other token. ``ms_token_rotation`` comes from the config file: a reload
turns it off and on again without a restart. Its own server: one session, a watched config."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tokgate.sim.state import secret_name
from tokgate.testing import ServerHandle, SimulatorHandle, wait_until
from tokgate.v1 import users_pb2, users_pb2_grpc

if TYPE_CHECKING:
    from tests.users.conftest import Calling

pytestmark = pytest.mark.browser

TOKENS = ("ms-token-solo-first-0123456789", "ms-token-solo-second-0123456789")
PERIOD = 3.0
NO_CACHE = (("cache-control", "no-cache"),)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("config") / "tokgate.toml"
    path.write_text(f"ms_token_rotation = {PERIOD}\n")
    return path


@pytest.fixture(scope="module")
def server_args(config: Path) -> list[str]:
    return [
        "--sessions", "1", "--call-deadline", "10", "--ms-tokens", ",".join(TOKENS),
        "--config", str(config), "--reload-watch-interval", "0.2", "--log-level", "INFO",
    ]  # fmt: skip


def requests_by_token(simulator: SimulatorHandle) -> list[int]:
    """How many TikTok API requests carried each of TOKENS so far."""
    counted = simulator.control("GET", "counters")["api_requests_by_ms_token"]
    return [int(counted.get(secret_name(token), 0)) for token in TOKENS]


def session_started(server: ServerHandle) -> float:
    """When the only session opened (its create_time, seconds)."""
    return float(server.session_stats().sessions[0].create_time.ToNanoseconds() / 1e9)


def token_of_session(server: ServerHandle) -> int:
    """The place (1, 2) of the token the only session runs on."""
    (token,) = [t for t in server.session_stats().ms_tokens if list(t.session_ids) == ["s1"]]
    return token.position


def reload_config(server: ServerHandle, config: Path, text: str) -> None:
    """Write the config file and wait until the watch has reloaded it."""
    before = server.process.logs().count("ms_token_rotation")
    config.write_text(text)
    wait_until(lambda: server.process.logs().count("ms_token_rotation") > before, 15, "the reload")


@pytest.fixture(scope="module")
def users(server: ServerHandle) -> users_pb2_grpc.UserServiceStub:
    wait_until(lambda: server.session_stats().healthy_sessions == 1, what="the session")
    return users_pb2_grpc.UserServiceStub(server.channel())


def test_the_only_session_moves_make_before_break_and_the_pool_never_empties(
    simulator: SimulatorHandle,
    server: ServerHandle,
    users: users_pb2_grpc.UserServiceStub,
    calling: Calling,
) -> None:
    assert token_of_session(server) == 1
    assert requests_by_token(simulator)[1] == 0  # nothing yet went out with the second token
    started = [session_started(server)]
    least = 1
    # A deadline too short to wait for a session to reopen.
    with calling(users, timeout=4) as calls:
        end = time.monotonic() + 60
        while len(started) < 2:  # a move onto the second token
            assert time.monotonic() < end, "the session did not rotate"
            stats = server.session_stats()
            least = min(least, stats.healthy_sessions)
            now = stats.sessions[0].create_time.ToNanoseconds() / 1e9
            if now != started[-1]:
                started.append(now)
            time.sleep(0.05)
    assert least == 1  # the pool never emptied
    assert calls.failures == [] and calls.answered > 0
    first, second = requests_by_token(simulator)
    assert first > 0 and second > 0  # requests really went out with the other token
    logs = server.process.logs()
    assert "opened before the old one closes" in logs
    assert "died after" not in logs
    assert all(token not in logs for token in TOKENS)


def test_a_reload_turns_rotation_off_and_on_without_a_restart(
    simulator: SimulatorHandle,
    server: ServerHandle,
    users: users_pb2_grpc.UserServiceStub,
    config: Path,
) -> None:
    pid = server.process.pid
    reload_config(server, config, "")  # back to the default: no rotation
    started, token = session_started(server), token_of_session(server)
    other = 2 if token == 1 else 1
    sent = requests_by_token(simulator)[other - 1]
    for _ in range(3):
        users.GetUser(users_pb2.GetUserRequest(unique_id="alice"), timeout=15, metadata=NO_CACHE)
    time.sleep(2 * PERIOD)
    users.GetUser(users_pb2.GetUserRequest(unique_id="alice"), timeout=15, metadata=NO_CACHE)
    assert (session_started(server), token_of_session(server)) == (started, token)
    assert requests_by_token(simulator)[other - 1] == sent  # all on the session's own token

    reload_config(server, config, f"ms_token_rotation = {PERIOD}\n")
    wait_until(lambda: token_of_session(server) == other, 30, "a rotation after the reload")
    users.GetUser(users_pb2.GetUserRequest(unique_id="alice"), timeout=15, metadata=NO_CACHE)
    assert requests_by_token(simulator)[other - 1] > sent
    assert server.process.pid == pid  # no restart

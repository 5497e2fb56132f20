"""ms tokens reloaded from ``--ms-tokens-file`` while running (the guide: refresh them every
few hours): the sessions move to the new tokens one at a time, no call is lost, and a token
that arrived by reload is redacted by value like one configured at start. Its own server: the
tokens file and a plugin that plants the file's newest token in every ErrorDetail and logs it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
import pytest
from tokgate.testing import (
    ServerHandle,
    SimulatorHandle,
    install_plugin,
    serve_refused,
)
from tokgate.v1 import users_pb2, users_pb2_grpc
from tokgate_client import from_rpc_error

if TYPE_CHECKING:
    from tests.users.conftest import Calling

pytestmark = pytest.mark.browser

OLD = "ms-token-old-0123456789"
NEW = "ms-token-new-9876543210"
NO_CACHE = (("cache-control", "no-cache"),)
# A third-party plugin that writes the tokens file's last token into every ErrorDetail and a
# log line of its own, where no msToken= pattern can catch it: only its value can.
PLANTER_SOURCE = """
import logging
import os
from pathlib import Path

from tokgate.errors.hookspecs import hookimpl


@hookimpl
def tokgate_enrich_error(detail):
    token = Path(os.environ["PLANTED_TOKENS_FILE"]).read_text().split()[-1]
    detail.metadata["planted"] = token
    logging.getLogger("token_planter").warning("planted %s", token)
"""


@pytest.fixture(scope="module")
def tokens_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tokens") / "ms_tokens"
    path.write_text(f"{OLD}\n")
    return path


@pytest.fixture(scope="module")
def server_env(tmp_path_factory: pytest.TempPathFactory, tokens_file: Path) -> dict[str, str]:
    root = install_plugin(tmp_path_factory.mktemp("planter"), "token_planter", PLANTER_SOURCE)
    return {
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
        "PLANTED_TOKENS_FILE": str(tokens_file),
    }


@pytest.fixture(scope="module")
def server_args(tokens_file: Path) -> list[str]:
    return [
        "--sessions", "2", "--call-deadline", "10", "--ms-tokens-file", str(tokens_file),
        "--reload-watch-interval", "0.2", "--retry-delay", "0.05", "--log-level", "INFO",
    ]  # fmt: skip


def wait_for_sessions(server: ServerHandle, recreations: int) -> None:
    end = time.monotonic() + 60
    while (now := server.session_stats()).healthy_sessions < 2 or now.recreations < recreations:
        assert time.monotonic() < end, f"sessions not ready: {now}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def users(server: ServerHandle) -> users_pb2_grpc.UserServiceStub:
    wait_for_sessions(server, recreations=0)
    return users_pb2_grpc.UserServiceStub(server.channel())


def test_a_changed_tokens_file_moves_every_session_and_loses_no_call(
    simulator: SimulatorHandle,
    server: ServerHandle,
    users: users_pb2_grpc.UserServiceStub,
    tokens_file: Path,
    calling: Calling,
) -> None:
    with calling(users, callers=3) as calls:
        tokens_file.write_text(f"{NEW}\n")  # the watch sees it: no signal, no restart
        wait_for_sessions(server, recreations=2)
    assert calls.failures == []
    assert calls.answered > 0
    logs = server.process.logs()
    assert logs.count("moves to another ms token") == 2
    assert "died after" not in logs  # moved on purpose, not as failures
    # No session is left on the old token: TikTok refusing it now changes nothing.
    simulator.control("POST", "ms_tokens/refuse", json={"tokens": [OLD]})
    try:
        for _ in range(4):
            users.GetUser(
                users_pb2.GetUserRequest(unique_id="alice"), timeout=15, metadata=NO_CACHE
            )
    finally:
        simulator.control("POST", "ms_tokens/accept", json={"tokens": [OLD]})
    assert 'tokgate_api_ms_tokens{state="usable"} 1.0' in server.metrics()


def test_a_token_that_arrived_by_reload_is_redacted_by_value(
    server: ServerHandle, users: users_pb2_grpc.UserServiceStub, tokens_file: Path
) -> None:
    tokens_file.write_text(f"{OLD}\n{NEW}\n")
    end = time.monotonic() + 15
    while server.process.logs().count("ms tokens replaced") < 2:
        assert time.monotonic() < end, "the changed file was not reloaded"
        time.sleep(0.05)
    with pytest.raises(grpc.RpcError) as caught:
        users.GetUser(users_pb2.GetUserRequest(unique_id="thisisnotarealuser12345"), timeout=15)
    detail = from_rpc_error(caught.value).detail
    assert detail.metadata["planted"] == "[REDACTED]"  # the plugin did plant it
    assert NEW not in str(detail)
    logs = server.process.logs()
    assert "planted [REDACTED]" in logs
    assert NEW not in logs and OLD not in logs
    assert NEW not in server.metrics()


def test_an_unreadable_tokens_file_at_start_is_a_configuration_error(tmp_path: Path) -> None:
    """Exit 2 with one line naming the file and why, as every other bad setting, not a crash."""
    missing = tmp_path / "no-such-tokens"
    done = serve_refused("--ms-tokens-file", str(missing))
    assert done.returncode == 2, done.stderr
    assert f"ms_tokens_file {missing}: No such file or directory" in done.stderr
    assert "Traceback" not in done.stderr

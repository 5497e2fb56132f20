"""An upstream whose TLS certificate tokgate does not trust: the operator's problem, typed as
such, and survived without a restart of tokgate when the upstream comes back with a new one.

Before, a refused certificate read as a retryable network error: clients were told to retry
forever. Now it is AUTHENTICATION (FAILED_PRECONDITION, not retryable, metadata
``upstream_tls: untrusted``); a room waits up to ``reconnect_max_backoff`` for
``upstream_ca_file`` to change, and connects again when it does (the simulator restarted with
a new certificate rewrites the file the server watches).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from tokgate.sim.certs import make_certificate
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

ROOM = "cert_room"
RATE = 50.0
# The window a room waits for a new trust, and the watch of the CA file.
TRUST_ARGS = ["--reconnect-max-backoff", "3", "--reload-watch-interval", "0.2"]


@pytest.fixture(scope="module")
def server_args(server_args: list[str]) -> list[str]:
    """The live tests' fast timings (tests/live/conftest.py), the trust window and its watch;
    the module's shared server trusts the simulator (tokgate.testing passes its file)."""
    return [*server_args, *TRUST_ARGS, "--reconnect-max-attempts", "30"]


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return []


@pytest.fixture(scope="module")
def foreign_ca(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CA file holding a certificate that did not sign the simulator's."""
    path = tmp_path_factory.mktemp("trust") / "upstream-ca.pem"
    path.write_bytes(make_certificate()[0])
    return path


@pytest.fixture(scope="module")
def untrusting_server(
    simulator: SimulatorHandle, foreign_ca: Path, server_args: list[str]
) -> Iterator[ServerHandle]:
    args = [
        *server_args,
        "--tiktok-upstream",
        simulator.url,
        "--upstream-ca-file",
        str(foreign_ca),
    ]
    with run_server(args=args) as server:
        yield server


def put_live(simulator: SimulatorHandle) -> None:
    simulator.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": RATE})


def stream(
    server: ServerHandle, timeout: float = 60, room: str = ROOM
) -> Iterator[live_pb2.LiveEvent]:
    stub = live_pb2_grpc.LiveServiceStub(server.channel())
    request = live_pb2.StreamEventsRequest(unique_id=room)
    for response in stub.StreamEvents(request, timeout=timeout):
        yield response.event


def untrusted(detail: errors_pb2.ErrorDetail) -> bool:
    return detail.metadata.get("upstream_tls") == "untrusted"


def test_a_refused_certificate_is_the_operators_problem_not_the_networks(
    simulator: SimulatorHandle, untrusting_server: ServerHandle
) -> None:
    put_live(simulator)
    stub = live_pb2_grpc.LiveServiceStub(untrusting_server.channel())
    with pytest.raises(grpc.RpcError) as caught:
        stub.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id=ROOM), timeout=20)
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    detail = error_detail_from(caught.value)
    assert detail is not None and untrusted(detail)
    assert detail.kind == errors_pb2.ERROR_KIND_AUTHENTICATION and not detail.retryable
    assert "certificate" in detail.message.lower()

    # A stream is told in-band that the room waits for a new trust, then ends typed.
    statuses: list[live_pb2.StreamStatus] = []
    with pytest.raises(grpc.RpcError) as ended:
        for event in stream(untrusting_server):
            if event.WhichOneof("event") == "status":
                statuses.append(event.status)
    waiting = [status for status in statuses if untrusted(status.error)]
    assert waiting, f"no in-band status named the certificate: {statuses}"
    assert waiting[0].state == live_pb2.STREAM_STATE_RECONNECTING
    assert "upstream_ca_file" in waiting[0].message
    assert ended.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    final = error_detail_from(ended.value)
    assert final is not None and untrusted(final) and not final.retryable


def test_a_room_waiting_for_trust_connects_once_the_ca_file_changes(
    simulator: SimulatorHandle, untrusting_server: ServerHandle, foreign_ca: Path
) -> None:
    put_live(simulator)
    events = stream(untrusting_server)
    for event in events:
        if event.WhichOneof("event") == "status" and untrusted(event.status.error):
            break
    shutil.copyfile(simulator.cert_path, foreign_ca)  # the operator fixes the trust
    kinds = [next(events).WhichOneof("event") for _ in range(10)]
    assert "connected" in kinds, kinds


def test_an_upstream_restarted_with_a_new_certificate_is_trusted_again(
    simulator: SimulatorHandle, server: ServerHandle
) -> None:
    # A room the simulator has live from its start, as TikTok keeps a streamer live across
    # its own restarts (a room made through the control API would be gone after one).
    events = stream(server, timeout=180, room="sim_live")
    typed = 0
    for event in events:
        typed += event.WhichOneof("event") not in ("status", "connected")
        if typed == 5:
            break
    simulator.restart()  # a new process, a new certificate, written where the server reads it
    restarted_at = time.monotonic()
    seen: list[str] = []
    after = 0
    for event in events:
        kind = event.WhichOneof("event") or ""
        seen.append(kind if kind != "status" else live_pb2.StreamState.Name(event.status.state))
        after += kind not in ("status", "connected")
        if after == 5:
            break
    assert after == 5, f"the stream never recovered: {seen}"
    assert "STREAM_STATE_RECONNECTING" in seen
    assert time.monotonic() - restarted_at < 120

"""The settings that close what is open by default or refuse what is risky: server reflection,
and a sessionid sent to a sign server the operator has not named."""

from __future__ import annotations

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from tokgate.testing import ServerHandle, SimulatorHandle, run_server, serve_refused

SESSION_ID = "sessionidcanary0123456789abcdef"


def list_services(server: ServerHandle) -> list[str]:
    stub = reflection_pb2_grpc.ServerReflectionStub(server.channel())
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    (answer,) = stub.ServerReflectionInfo(iter([request]), timeout=10)
    return [service.name for service in answer.list_services_response.service]


def test_reflection_is_open_by_default_and_closed_by_its_setting(
    simulator: SimulatorHandle, server: ServerHandle
) -> None:
    assert "tokgate.v1.LiveService" in list_services(server)
    with run_server(upstream=simulator, args=["--sessions", "0", "--no-reflection"]) as closed:
        with pytest.raises(grpc.RpcError) as caught:
            list_services(closed)
        assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED


@pytest.mark.parametrize("named", ["", "sign.example.com"])
def test_a_sessionid_for_an_unnamed_sign_server_is_refused_at_start(
    simulator: SimulatorHandle, named: str
) -> None:
    done = serve_refused(
        "--tiktok-upstream",
        simulator.url,
        "--upstream-ca-file",
        str(simulator.cert_path),
        "--sessionid",
        SESSION_ID,
        "--sessionid-sign-host",
        named,
    )
    assert done.returncode == 2, done.stderr
    assert f"does not name the sign server (127.0.0.1:{simulator.port})" in done.stderr
    assert "sessionid_sign_host" in done.stderr
    assert SESSION_ID not in done.stdout + done.stderr


def test_a_sessionid_for_the_named_sign_server_is_accepted(simulator: SimulatorHandle) -> None:
    args = [
        "--sessions",
        "0",
        "--sessionid",
        SESSION_ID,
        "--sessionid-sign-host",
        f"127.0.0.1:{simulator.port}",
    ]
    with run_server(upstream=simulator, args=args) as server:
        assert server.serving()
        assert SESSION_ID not in server.process.logs()

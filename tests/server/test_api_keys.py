"""Optional API keys: stored hashed, UNAUTHENTICATED / PERMISSION_DENIED with an ErrorDetail
on every RPC of every service (unary and server-streaming), health and reflection open
without a key."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)
from tokgate.errors.kinds import kind_info
from tokgate.security import ADMIN_SERVICE, OPEN_SERVICES, generate_key, hash_key
from tokgate.testing import ServerHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, users_pb2, users_pb2_grpc
from tokgate_client import error_detail_from

if TYPE_CHECKING:
    from tests.conftest import Failure
    from tests.server.conftest import Rpc

CALLER_KEY = generate_key()
ADMIN_KEY = generate_key()
UNKNOWN_KEY = generate_key()


@pytest.fixture(scope="module")
def bare_server_args() -> list[str]:
    return ["--api-key-hashes", hash_key(CALLER_KEY), "--admin-key-hashes", hash_key(ADMIN_KEY)]


Metadata = tuple[tuple[str, str | bytes], ...]


def _bearer(key: str) -> Metadata:
    return (("authorization", f"Bearer {key}"),)


def _get_user(server: ServerHandle, metadata: Metadata) -> Callable[[], Any]:
    stub = users_pb2_grpc.UserServiceStub(server.channel())
    request = users_pb2.GetUserRequest(unique_id="not a user!")
    return lambda: stub.GetUser(request, metadata=metadata, timeout=10)


def _list_plugins(server: ServerHandle, metadata: Metadata) -> Any:
    stub = admin_pb2_grpc.AdminServiceStub(server.channel())
    return stub.ListPlugins(admin_pb2.ListPluginsRequest(), metadata=metadata, timeout=10)


@pytest.mark.parametrize(
    "metadata",
    [(), _bearer(UNKNOWN_KEY), (("authorization", CALLER_KEY),), _bearer("")],
    ids=["missing", "unknown", "no-bearer-scheme", "empty"],
)
def test_a_call_without_an_accepted_key_is_unauthenticated(
    bare_server: ServerHandle, metadata: Metadata, failure: Failure
) -> None:
    code, detail = failure(_get_user(bare_server, metadata))
    assert code == grpc.StatusCode.UNAUTHENTICATED
    assert detail.kind == errors_pb2.ERROR_KIND_UNAUTHENTICATED
    assert detail.error == "Unauthenticated"
    assert "API key" in detail.message


def test_an_accepted_key_reaches_the_service(bare_server: ServerHandle, failure: Failure) -> None:
    for key in (CALLER_KEY, ADMIN_KEY):
        code, detail = failure(_get_user(bare_server, _bearer(key)))
        assert code == grpc.StatusCode.INVALID_ARGUMENT  # the request itself is bad
        assert detail.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT


def test_a_caller_key_may_not_use_admin_service(
    bare_server: ServerHandle, failure: Failure
) -> None:
    code, detail = failure(lambda: _list_plugins(bare_server, _bearer(CALLER_KEY)))
    assert code == grpc.StatusCode.PERMISSION_DENIED
    assert detail.kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED
    assert "AdminService" in detail.message
    assert _list_plugins(bare_server, _bearer(ADMIN_KEY)).plugins


def test_health_and_reflection_need_no_key(bare_server: ServerHandle) -> None:
    health = health_pb2_grpc.HealthStub(bare_server.channel())
    answer = health.Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
    assert answer.status == health_pb2.HealthCheckResponse.SERVING
    services = ProtoReflectionDescriptorDatabase(bare_server.channel()).get_services()
    assert "tokgate.v1.UserService" in services


# --- every RPC of every service: a new one is covered by being generated ------------------

REFUSALS = {errors_pb2.ERROR_KIND_UNAUTHENTICATED, errors_pb2.ERROR_KIND_PERMISSION_DENIED}


def _refusal(rpc: Rpc, server: ServerHandle, metadata: Metadata) -> errors_pb2.ErrorDetail | None:
    """The key check's refusal of an empty request to ``rpc``, or None when the call got past
    it (to an answer, or to the service's own complaint about the empty request)."""
    try:
        rpc.call(server.channel(), metadata)
    except grpc.RpcError as error:
        detail = error_detail_from(error)
        assert detail is not None, f"{rpc.path}: no ErrorDetail in {error}"
        assert error.code() == kind_info(detail.kind).code
        return detail if detail.kind in REFUSALS else None
    return None


def test_every_served_service_is_checked_here(
    bare_server: ServerHandle, tokgate_rpcs: list[Rpc]
) -> None:
    served = set(ProtoReflectionDescriptorDatabase(bare_server.channel()).get_services())
    assert served - set(OPEN_SERVICES) == {rpc.service for rpc in tokgate_rpcs}


@pytest.mark.parametrize("metadata", [(), _bearer(UNKNOWN_KEY)], ids=["no-key", "wrong-key"])
def test_every_rpc_refuses_a_call_without_an_accepted_key(
    bare_server: ServerHandle, tokgate_rpc: Rpc, metadata: Metadata
) -> None:
    refusal = _refusal(tokgate_rpc, bare_server, metadata)
    assert refusal is not None, f"{tokgate_rpc.path} ran without an accepted key"
    assert refusal.kind == errors_pb2.ERROR_KIND_UNAUTHENTICATED
    assert "API key" in refusal.message


def test_every_rpc_takes_the_admin_key_and_admin_rpcs_refuse_a_caller_key(
    bare_server: ServerHandle, tokgate_rpc: Rpc
) -> None:
    assert _refusal(tokgate_rpc, bare_server, _bearer(ADMIN_KEY)) is None
    refusal = _refusal(tokgate_rpc, bare_server, _bearer(CALLER_KEY))
    if tokgate_rpc.service == ADMIN_SERVICE:
        assert refusal is not None, f"{tokgate_rpc.path} ran with a caller key"
        assert refusal.kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED
    else:
        assert refusal is None, f"{tokgate_rpc.path} refused a caller key: {refusal}"


def test_keys_never_reach_the_logs(bare_server: ServerHandle, failure: Failure) -> None:
    failure(_get_user(bare_server, _bearer(UNKNOWN_KEY)))
    failure(lambda: _list_plugins(bare_server, _bearer(CALLER_KEY)))
    logs = bare_server.process.logs()
    assert "Unauthenticated" in logs or "unauthenticated" in logs
    for key in (CALLER_KEY, ADMIN_KEY, UNKNOWN_KEY):
        assert key not in logs


def _hash_key_command(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tokgate", "hash-key", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_hash_key_prints_the_digest_of_a_key_read_from_stdin() -> None:
    done = _hash_key_command(stdin=CALLER_KEY + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == hash_key(CALLER_KEY)
    assert CALLER_KEY not in done.stdout + done.stderr


def test_hash_key_generates_a_key_and_its_digest() -> None:
    done = _hash_key_command("--generate")
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(":", 1) for line in done.stdout.strip().splitlines())
    key, digest = lines["key"].strip(), lines["sha256"].strip()
    assert len(key) > 32 and hash_key(key) == digest


def test_hash_key_refuses_an_empty_key() -> None:
    done = _hash_key_command(stdin="\n")
    assert done.returncode == 2
    assert "no key" in done.stderr

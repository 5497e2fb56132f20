"""Requests tokgate must refuse with a typed INVALID_ARGUMENT, counted like any call: bodies
that are not valid protobuf, and free-text fields with control characters or path-like
values; and a unary call cut by the end of the grace period, which must end typed too."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc, users_pb2, users_pb2_grpc
from tokgate_client import error_detail_from

LIVE = "tokgate.v1.LiveService"
USERS = "tokgate.v1.UserService"
SLOW_STREAMER = "sim_slow"  # the simulator answers everything about it after --slow-delay


def call_raw(server: ServerHandle, method: str, body: bytes, streaming: bool) -> grpc.RpcError:
    """Send ``body`` as the request of ``method`` and return the error the call ends with."""
    channel = server.channel()
    try:
        if streaming:
            stream: grpc.UnaryStreamMultiCallable[bytes, bytes] = channel.unary_stream(method)
            list(stream(body, timeout=10))
        else:
            unary: grpc.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(method)
            unary(body, timeout=10)
    except grpc.RpcError as error:
        return error
    raise AssertionError(f"{method} accepted {body!r}")


def assert_invalid_argument(error: grpc.RpcError, field: str) -> errors_pb2.ErrorDetail:
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
    detail = error_detail_from(error)
    assert detail is not None, f"no ErrorDetail: {error}"
    assert detail.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT
    assert not detail.retryable
    assert detail.metadata["field"] == field, detail
    return detail


UNDECODABLE = [
    pytest.param("GetLiveStatus", b"\x0a\x02\xff\xfe", False, id="invalid-utf8-unique_id"),
    pytest.param("GetLiveStatus", b"\x0a\x05ab", False, id="truncated"),
    pytest.param("GetLiveStatus", b"\xff\xff\xff\xff\x0f", False, id="random-bytes"),
    pytest.param("StreamEvents", b"\x0a\x02\xff\xfe", True, id="stream-invalid-utf8"),
    pytest.param("StreamEvents", b"\x12\x02\x80\x80", True, id="stream-malformed-packed-enum"),
]


@pytest.mark.parametrize(("method", "body", "streaming"), UNDECODABLE)
def test_an_undecodable_request_is_a_counted_invalid_argument(
    bare_server: ServerHandle, method: str, body: bytes, streaming: bool
) -> None:
    labels = {"grpc_service": LIVE, "grpc_method": method}
    started = bare_server.metric("grpc_server_started_total", **labels)
    handled = bare_server.metric("grpc_server_handled_total", **labels, grpc_code="InvalidArgument")
    errors = bare_server.metric("tokgate_errors_total", kind="invalid_argument", source="server")

    error = call_raw(bare_server, f"/{LIVE}/{method}", body, streaming)

    detail = assert_invalid_argument(error, "request")
    assert "tokgate.v1." in detail.message and "class" not in str(error.details())
    assert bare_server.metric("grpc_server_started_total", **labels) == started + 1
    assert (
        bare_server.metric("grpc_server_handled_total", **labels, grpc_code="InvalidArgument")
        == handled + 1
    )
    assert (
        bare_server.metric("tokgate_errors_total", kind="invalid_argument", source="server")
        == errors + 1
    )


CONTROL_CHARACTERS = ["\x00", "\x1b", "\x7f", "\r", "\n", "\x85"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=repr)
def test_control_characters_are_refused_without_being_echoed(
    bare_server: ServerHandle, character: str
) -> None:
    users = users_pb2_grpc.UserServiceStub(bare_server.channel())
    calls: list[tuple[str, Callable[[], object]]] = [
        ("name", lambda: users.GetHashtag(users_pb2.GetHashtagRequest(name=f"ca{character}ts"))),
        ("query", lambda: users.SearchUsers(users_pb2.SearchUsersRequest(query=f"a{character}b"))),
    ]
    for field, call in calls:
        with pytest.raises(grpc.RpcError) as caught:
            call()
        detail = assert_invalid_argument(caught.value, field)
        texts = [detail.message, detail.raw_error, *detail.metadata.values()]
        assert not [text for text in texts if character in text], detail
        assert character not in str(caught.value.details())


@pytest.mark.parametrize("name", ["..", ".", "@..", "..."])
def test_a_name_of_periods_is_refused(bare_server: ServerHandle, name: str) -> None:
    live = live_pb2_grpc.LiveServiceStub(bare_server.channel())
    with pytest.raises(grpc.RpcError) as caught:
        live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id=name), timeout=10)
    assert_invalid_argument(caught.value, "unique_id")
    users = users_pb2_grpc.UserServiceStub(bare_server.channel())
    with pytest.raises(grpc.RpcError) as caught:
        users.GetHashtag(users_pb2.GetHashtagRequest(name=name.replace("@", "#")), timeout=10)
    assert_invalid_argument(caught.value, "name")


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--slow-delay", "30"]


def test_a_unary_call_cut_by_the_grace_period_ends_typed(
    simulator: SimulatorHandle, tmp_path: Path
) -> None:
    grace = 1.0
    with run_server(
        upstream=simulator, args=["--grace-period", str(grace), "--sessions", "0"], workdir=tmp_path
    ) as server:
        live = live_pb2_grpc.LiveServiceStub(server.channel())
        slow_call = live.GetLiveStatus.future(
            live_pb2.GetLiveStatusRequest(unique_id=SLOW_STREAMER), timeout=60
        )
        time.sleep(1.0)  # the call now waits on the simulator
        os.kill(server.process.pid, signal.SIGTERM)
        error = slow_call.exception(timeout=30)
        assert isinstance(error, grpc.RpcError), error
        assert error.code() == grpc.StatusCode.UNAVAILABLE, error
        detail = error_detail_from(error)
        assert detail is not None, f"no ErrorDetail: {error}"
        assert detail.exception_type == "tokgate.errors.exceptions.ServerShuttingDownError"
        assert detail.retryable
        assert server.process.popen is not None
        assert server.process.popen.wait(30) == 0, server.process.logs()

"""Every failure reaches the caller as a rich status: the ErrorDetail in the trailers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from tokgate.errors.status import DETAILS_KEY
from tokgate.testing import ServerHandle
from tokgate.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    errors_pb2,
    live_pb2,
    live_pb2_grpc,
    users_pb2,
    users_pb2_grpc,
)
from tokgate_client import error_detail_from

BAD_NAMES = ["", "a", "has space", "way_too_long_for_a_tiktok_name", "@@double", "é"]


def _rpc_error(call: Callable[[], Any]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as failure:
        call()
    return failure.value


def _status(error: grpc.RpcError) -> status_pb2.Status:
    call: Any = error  # a grpc.Call too: it has trailers
    trailers: dict[str, Any] = dict(call.trailing_metadata())
    return status_pb2.Status.FromString(trailers[DETAILS_KEY])


def _user_rpcs(channel: grpc.Channel, name: str) -> dict[str, Callable[[], Any]]:
    live = live_pb2_grpc.LiveServiceStub(channel)
    users = users_pb2_grpc.UserServiceStub(channel)
    return {
        "GetUser": lambda: users.GetUser(users_pb2.GetUserRequest(unique_id=name), timeout=10),
        "ListUserVideos": lambda: users.ListUserVideos(
            users_pb2.ListUserVideosRequest(unique_id=name), timeout=10
        ),
        "GetLiveStatus": lambda: live.GetLiveStatus(
            live_pb2.GetLiveStatusRequest(unique_id=name), timeout=10
        ),
        "StreamEvents": lambda: list(
            live.StreamEvents(live_pb2.StreamEventsRequest(unique_id=name), timeout=10)
        ),
    }


@pytest.mark.parametrize("name", BAD_NAMES)
def test_an_invalid_username_is_invalid_argument_with_an_error_detail(
    bare_server: ServerHandle, name: str
) -> None:
    for rpc, call in _user_rpcs(bare_server.channel(), name).items():
        error = _rpc_error(call)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, rpc
        detail = error_detail_from(error)
        assert detail is not None, rpc
        assert detail.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT
        assert detail.error == "Invalid Argument"
        assert "unique_id" in detail.message
        assert not detail.retryable
        assert detail.metadata["source"] == "server"
        assert detail.metadata["operation"] == rpc


def test_the_status_carries_error_info_next_to_the_error_detail(
    bare_server: ServerHandle,
) -> None:
    error = _rpc_error(_user_rpcs(bare_server.channel(), "no such name!")["GetUser"])
    status = _status(error)
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert status.message == error.details()
    info = error_details_pb2.ErrorInfo()
    assert any(part.Unpack(info) for part in status.details if part.Is(info.DESCRIPTOR))
    assert (info.reason, info.domain) == ("INVALID_ARGUMENT", "tokgate")


def test_admin_service_answers_from_the_components_and_the_pipeline(
    bare_server: ServerHandle,
) -> None:
    admin = admin_pb2_grpc.AdminServiceStub(bare_server.channel())
    plugins = admin.ListPlugins(admin_pb2.ListPluginsRequest(), timeout=10).plugins
    assert plugins and all(p.builtin for p in plugins)
    assert all(p.state == admin_pb2.PLUGIN_STATE_ENABLED for p in plugins)
    assert admin.ListRooms(admin_pb2.ListRoomsRequest(), timeout=10).rooms == []
    sessions = admin.GetSessionStats(admin_pb2.GetSessionStatsRequest(), timeout=10)
    assert sessions.configured_sessions == 0  # --sessions 0
    _rpc_error(_user_rpcs(bare_server.channel(), "not valid!")["GetUser"])
    stats = admin.GetErrorStats(admin_pb2.GetErrorStatsRequest(), timeout=10)
    assert stats.total >= 1
    by_kind = {entry.kind: entry.count for entry in stats.by_kind}
    assert by_kind[errors_pb2.ERROR_KIND_INVALID_ARGUMENT] >= 1


def test_with_no_sessions_user_queries_are_a_typed_session_error(
    bare_server: ServerHandle,
) -> None:
    error = _rpc_error(_user_rpcs(bare_server.channel(), "alice")["GetUser"])
    assert error.code() == grpc.StatusCode.UNAVAILABLE
    detail = error_detail_from(error)
    assert detail is not None and detail.kind == errors_pb2.ERROR_KIND_SESSION
    assert "disabled" in detail.raw_error and "--sessions 0" in detail.raw_error


def test_a_negative_top_users_is_invalid_argument(bare_server: ServerHandle) -> None:
    admin = admin_pb2_grpc.AdminServiceStub(bare_server.channel())
    error = _rpc_error(
        lambda: admin.GetErrorStats(admin_pb2.GetErrorStatsRequest(top_users=-1), timeout=10)
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    detail = error_detail_from(error)
    assert detail is not None and "top_users" in detail.message


def test_log_lines_are_json_and_failures_carry_their_kind(bare_server: ServerHandle) -> None:
    _rpc_error(_user_rpcs(bare_server.channel(), "log me!")["GetUser"])
    entries = [json.loads(line) for line in bare_server.process.logs().splitlines() if line]
    assert all({"time", "level", "logger", "message"} <= entry.keys() for entry in entries)
    failure = next(e for e in entries if e.get("operation") == "GetUser")
    assert (failure["error_kind"], failure["source"]) == ("invalid_argument", "server")

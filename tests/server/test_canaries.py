"""Secrets never leave the process: canary credentials planted in the settings, in requests
and in what the upstream sees reach neither the client, nor the logs, nor /metrics."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import grpc
import pytest
from tokgate.security import hash_key
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc, users_pb2, users_pb2_grpc


def _canary(kind: str) -> str:
    return f"canary{kind}{secrets.token_hex(8)}"


MS_TOKEN = _canary("MsToken")
SESSION_ID = _canary("Session")
SIGN_API_KEY = _canary("SignKey")
COOKIE = _canary("Cookie")
API_KEY = _canary("ApiKey")
WRONG_API_KEY = _canary("WrongKey")
CANARIES = (MS_TOKEN, SESSION_ID, SIGN_API_KEY, COOKIE, API_KEY, WRONG_API_KEY)
STREAMER = "canary_star"


@pytest.fixture(scope="module")
def canary_server(
    simulator: SimulatorHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    args = [
        "--log-level",
        "INFO",
        "--ms-tokens",
        MS_TOKEN,
        "--sessionid",
        SESSION_ID,
        "--api-key-hashes",
        hash_key(API_KEY),
        "--sessions",
        "1",
    ]
    env = {"TOKGATE_SIGN_API_KEY": SIGN_API_KEY}
    with run_server(
        upstream=simulator, args=args, env=env, workdir=tmp_path_factory.mktemp("canary")
    ) as server:
        yield server


class Exchange:
    """Everything a client saw: responses, status messages and trailers, as text."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.codes: list[grpc.StatusCode] = []

    def call(self, make: Callable[[], Any]) -> None:
        try:
            answer = make()
            for message in answer if isinstance(answer, list) else [answer]:
                self.seen.append(str(message))
        except grpc.RpcError as error:
            call: Any = error
            self.codes.append(call.code())
            self.seen.append(f"{call.code()} {call.details()} {call.debug_error_string()}")
            self.seen.extend(repr(value) for _, value in call.trailing_metadata() or ())


def _stream_some(stub: live_pb2_grpc.LiveServiceStub, unique_id: str, metadata: Any) -> Any:
    stream: Any = stub.StreamEvents(
        live_pb2.StreamEventsRequest(unique_id=unique_id), metadata=metadata, timeout=60
    )
    received = []
    for message in stream:
        received.append(message)
        if len(received) == 5:
            stream.cancel()
            break
    return received


def test_no_canary_reaches_the_client_the_logs_or_metrics(
    canary_server: ServerHandle, simulator: SimulatorHandle
) -> None:
    simulator.control("POST", f"rooms/{STREAMER}", json={"live": True})
    simulator.control("POST", "ms_tokens/refuse", json={"tokens": [MS_TOKEN]})
    channel = canary_server.channel()
    live = live_pb2_grpc.LiveServiceStub(channel)
    users = users_pb2_grpc.UserServiceStub(channel)
    admin = admin_pb2_grpc.AdminServiceStub(channel)
    key = (("authorization", f"Bearer {API_KEY}"), ("cookie", f"sessionid={COOKIE}"))
    wrong_key = (("authorization", f"Bearer {WRONG_API_KEY}"),)
    exchange = Exchange()

    for unique_id in (STREAMER, "sim_sign_error", "sim_not_found", "sim_sign_rate_limited"):
        request = live_pb2.GetLiveStatusRequest(unique_id=unique_id)
        exchange.call(functools.partial(live.GetLiveStatus, request, metadata=key, timeout=60))
    for unique_id in (STREAMER, "sim_sign_error", "sim_no_cookies"):
        exchange.call(functools.partial(_stream_some, live, unique_id, key))
    for bad_name in (f"ttwid={COOKIE}", MS_TOKEN + "!", f"msToken={MS_TOKEN}", SIGN_API_KEY * 2):
        user_request = users_pb2.GetUserRequest(unique_id=bad_name)
        exchange.call(functools.partial(users.GetUser, user_request, metadata=key, timeout=30))
    user_request = users_pb2.GetUserRequest(unique_id="sim_user_not_found")
    exchange.call(lambda: users.GetUser(user_request, metadata=key, timeout=120))
    exchange.call(lambda: users.GetUser(user_request, metadata=wrong_key, timeout=30))
    stats_request = admin_pb2.GetErrorStatsRequest(top_users=100)
    exchange.call(lambda: admin.GetErrorStats(stats_request, metadata=key, timeout=30))
    exchange.call(lambda: admin.GetSessionStats(admin_pb2.GetSessionStatsRequest(), metadata=key))

    # The failures above really happened, in-band (sign errors while a room reconnects) too.
    assert {
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.NOT_FOUND,
    } <= set(exchange.codes), exchange.codes
    assert any("Sign API Error" in seen for seen in exchange.seen)
    logs = canary_server.process.logs()
    assert "HTTP Request" in logs  # httpx logged its requests at INFO
    places = {"client": "\n".join(exchange.seen), "logs": logs, "metrics": canary_server.metrics()}
    assert "[REDACTED]" in places["client"] and "[REDACTED]" in logs  # canaries were there
    assert "session_id=[REDACTED]" in logs  # the sign request URL httpx logged
    for canary in CANARIES:
        for form in {canary, quote(canary, safe="")}:
            for place, text in places.items():
                assert form not in text, f"{canary} leaked to the {place}"

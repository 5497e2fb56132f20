"""Secrets never leave the process: canary credentials planted in the settings, in requests,
in what the upstream sees and in every field a third-party enricher writes reach neither the
client, nor the logs, nor /metrics."""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import grpc
import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from tokgate.security import hash_key
from tokgate.testing import ServerHandle, SimulatorHandle, canary, install_plugin, run_server
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

MS_TOKEN = canary("MsToken")
SESSION_ID = canary("Session")
SIGN_API_KEY = canary("SignKey")
COOKIE = canary("Cookie")
API_KEY = canary("ApiKey")
WRONG_API_KEY = canary("WrongKey")
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
        # The operator accepts sending it to this sign server (the simulator's).
        "--sessionid-sign-host",
        f"127.0.0.1:{simulator.port}",
        "--api-key-hashes",
        hash_key(API_KEY),
        "--sessions",
        "1",
        # Fast reconnects and a budget that does not run out: the stream of a room whose
        # signing fails gets its in-band statuses in a second, instead of waiting for the sign
        # budget until its 60 s deadline.
        "--reconnect-initial-backoff",
        "0.05",
        "--reconnect-max-backoff",
        "0.2",
        "--sign-budget-per-minute",
        "1000",
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
    for secret in CANARIES:
        for form in {secret, quote(secret, safe="")}:
            for place, text in places.items():
                assert form not in text, f"{secret} leaked to the {place}"


# --- whatever an enricher writes into an ErrorDetail is redacted -----------------------------

ENRICHER_CANARY = canary("Enricher")
# A third-party plugin that plants the canary in every string field of every ErrorDetail, by
# walking its descriptor (nested messages, repeated fields, every metadata key and value), so
# a field added to ErrorDetail is planted too.
ENRICHER_SOURCE = f"""
from google.protobuf.descriptor import FieldDescriptor
from tokgate.errors.hookspecs import hookimpl

CANARY = {ENRICHER_CANARY!r}


def plant(message):
    for field in message.DESCRIPTOR.fields:
        value = getattr(message, field.name)
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            for key in list(value):
                value[key] = key + " " + CANARY
            value["planted " + CANARY] = CANARY
        elif field.message_type is not None:
            for item in (list(value) or [value.add()]) if field.is_repeated else [value]:
                plant(item)
        elif field.type == FieldDescriptor.TYPE_STRING:
            if field.is_repeated:
                value.append(field.name + " " + CANARY)
            else:
                setattr(message, field.name, field.name + " " + CANARY)
    return message


@hookimpl
def tokgate_enrich_error(detail):
    plant(detail)
"""


@pytest.fixture(scope="module")
def enricher_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin as an installed distribution (module and dist-info with its entry point),
    in a directory only the server is given on PYTHONPATH."""
    return install_plugin(tmp_path_factory.mktemp("enricher"), "canary_enricher", ENRICHER_SOURCE)


@pytest.fixture(scope="module")
def enricher_server(
    enricher_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    """No upstream: every failure here is tokgate's own (bad requests), enriched all the
    same. The canary is a configured secret, so redaction knows it."""
    env = {
        "PYTHONPATH": os.pathsep.join([str(enricher_path), os.environ.get("PYTHONPATH", "")]),
        "TOKGATE_SIGN_API_KEY": ENRICHER_CANARY,
    }
    with run_server(
        args=["--sessions", "0"], env=env, workdir=tmp_path_factory.mktemp("enriched")
    ) as server:
        yield server


def _planted(enricher_path: Path) -> Callable[[Message], Message]:
    """The plugin's own planting function, loaded here from its file."""
    spec = importlib.util.spec_from_file_location(
        "tokgate_test_canary_enricher", enricher_path / "canary_enricher.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plant: Callable[[Message], Message] = module.plant
    return plant


def _texts(message: Message, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) for every string in ``message``: its fields by the descriptor, nested
    messages, repeated entries, map keys and map values."""
    for field in message.DESCRIPTOR.fields:
        value = getattr(message, field.name)
        where = prefix + field.name
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            for key, item in value.items():
                yield f"{where} key", key
                yield f"{where} value", item
        elif field.message_type is not None:
            for item in value if field.is_repeated else [value]:
                yield from _texts(item, where + ".")
        elif field.type == FieldDescriptor.TYPE_STRING:
            for item in value if field.is_repeated else [value]:
                yield where, item


def test_what_an_enricher_writes_is_redacted_everywhere(
    enricher_server: ServerHandle, enricher_path: Path
) -> None:
    channel = enricher_server.channel()
    users = users_pb2_grpc.UserServiceStub(channel)
    live = live_pb2_grpc.LiveServiceStub(channel)
    exchange = Exchange()
    details = []
    calls: list[Callable[[], Any]] = [
        lambda: users.GetUser(users_pb2.GetUserRequest(unique_id="not a name!"), timeout=30),
        lambda: _stream_some(live, "not a name!", ()),
    ]
    for call in calls:
        exchange.call(call)
        with pytest.raises(grpc.RpcError) as failed:
            call()
        detail = error_detail_from(failed.value)
        assert detail is not None
        details.append(detail)

    planted = {where for where, _ in _texts(_planted(enricher_path)(errors_pb2.ErrorDetail()))}
    assert {"possible_causes", "suggestions", "metadata value", "classifier"} <= planted
    for detail in details:
        texts = list(_texts(detail))
        leaked = [where for where, text in texts if ENRICHER_CANARY in text]
        assert not leaked, f"the canary reached the caller in {leaked}"
        redacted = {where for where, text in texts if "[REDACTED]" in text}
        assert redacted == planted  # every field the plugin wrote arrived, redacted
    logs = enricher_server.process.logs()
    page = enricher_server.metrics()
    assert "[REDACTED]" in logs and 'classifier="classifier [REDACTED]"' in page
    for place, text in {"client": "\n".join(exchange.seen), "logs": logs, "metrics": page}.items():
        assert ENRICHER_CANARY not in text, f"the canary reached the {place}"

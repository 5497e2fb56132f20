"""The web port (``--web-listen``): tokgate's services over Connect and gRPC-Web, spoken by a
plain HTTP client (httpx) to a real server routed to the simulator.

Unary calls and StreamEvents over both protocols; a typed failure arrives with its ErrorDetail
in Connect's error details (and gRPC-Web's status trailer) and is counted in the same metrics
as on the gRPC port; CORS refuses a preflight from an origin not configured and answers one
that is; API keys and scoped tokens are checked as on the gRPC port; no secret in the log.
"""

from __future__ import annotations

import base64
import contextlib
import json
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from tokgate.security import exposure_problem, generate_key, hash_key
from tokgate.testing import (
    ServerHandle,
    SimulatorHandle,
    free_port,
    run_server,
    serve_refused,
    wait_until,
)
from tokgate.tokens import TokenScope, mint, new_signing_key, scope_for
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc
from tokgate.web.exposure import web_exposure_problem
from tokgate_client import error_detail_from

API_KEY = generate_key()
SIGNING_KEY = new_signing_key()
OVERLAY_ORIGIN = "http://overlay.example:8000"
LIVE_USER = "sim_live"
LIVE = "/tokgate.v1.LiveService"
CONNECT_JSON = {"content-type": "application/json", "connect-protocol-version": "1"}
END_STREAM = 0x02  # Connect: the end-of-stream message
TRAILERS = 0x80  # gRPC-Web: the trailers frame


@pytest.fixture(scope="module")
def web_server(
    simulator: SimulatorHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ServerHandle, str]]:
    """One server for the module: API keys, a signing key, CORS open to one origin."""
    directory = tmp_path_factory.mktemp("web")
    key_file = directory / "token.key"
    key_file.write_text(SIGNING_KEY + "\n")
    web_port = free_port()
    args = [
        "--sessions",
        "0",
        "--web-listen",
        f"127.0.0.1:{web_port}",
        "--web-cors-origins",
        OVERLAY_ORIGIN,
        "--api-key-hashes",
        hash_key(API_KEY),
        "--token-signing-key-file",
        str(key_file),
        # Each token is a caller of its own: the quota test's, with room for one more.
        "--caller-max-streams",
        "2",
    ]
    with run_server(upstream=simulator, args=args, workdir=directory) as server:
        simulator.control("POST", f"rooms/{LIVE_USER}", json={"live": True})
        yield server, f"http://127.0.0.1:{web_port}"


@pytest.fixture(scope="module")
def web(web_server: tuple[ServerHandle, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_server[1], timeout=30.0) as client:
        yield client


def _bearer(credential: str) -> dict[str, str]:
    return {"authorization": f"Bearer {credential}"}


def _token(methods: list[str], users: list[str], ttl: float = 3600.0) -> str:
    return mint(SIGNING_KEY.encode(), scope_for(methods, users, ttl))


def _envelope(payload: bytes, flags: int = 0) -> bytes:
    return struct.pack(">BI", flags, len(payload)) + payload


def _frames(chunks: Iterator[bytes]) -> Iterator[tuple[int, bytes]]:
    """(flags, payload) of each enveloped message in a response body, as it arrives."""
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        while len(buffer) >= 5:
            flags, size = struct.unpack(">BI", buffer[:5])
            if len(buffer) < 5 + size:
                break
            yield flags, buffer[5 : 5 + size]
            buffer = buffer[5 + size :]


def _detail_of(error: dict[str, Any]) -> errors_pb2.ErrorDetail:
    """The ErrorDetail among a Connect error's details (base64, padding optional)."""
    for detail in error.get("details", ()):
        if detail["type"] == "tokgate.v1.ErrorDetail":
            value = detail["value"]
            return errors_pb2.ErrorDetail.FromString(
                base64.b64decode(value + "=" * (-len(value) % 4))
            )
    raise AssertionError(f"no ErrorDetail in {error}")


def _connect_unary(
    web: httpx.Client, method: str, body: dict[str, Any], credential: str = API_KEY
) -> httpx.Response:
    return web.post(method, json=body, headers={**CONNECT_JSON, **_bearer(credential)})


def _connect_stream(
    web: httpx.Client, body: dict[str, Any], credential: str, count: int
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Up to ``count`` StreamEvents messages over Connect (JSON), and the end-of-stream
    error, if the stream ended with one first."""
    headers = {
        "content-type": "application/connect+json",
        "connect-protocol-version": "1",
        **_bearer(credential),
    }
    messages: list[dict[str, Any]] = []
    with web.stream(
        "POST",
        f"{LIVE}/StreamEvents",
        content=_envelope(json.dumps(body).encode()),
        headers=headers,
    ) as response:
        assert response.status_code == 200
        for flags, payload in _frames(response.iter_bytes()):
            if flags & END_STREAM:
                return messages, json.loads(payload).get("error")
            messages.append(json.loads(payload))
            if len(messages) == count:
                break
    return messages, None


def _stream_failure(
    web: httpx.Client, body: dict[str, Any], credential: str
) -> errors_pb2.ErrorDetail:
    messages, error = _connect_stream(web, body, credential, count=1)
    assert error is not None, f"the stream did not fail: {messages}"
    return _detail_of(error)


# --- Connect ------------------------------------------------------------------------------


def test_a_unary_call_over_connect(web: httpx.Client) -> None:
    response = _connect_unary(web, f"{LIVE}/GetLiveStatus", {"uniqueId": LIVE_USER})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["uniqueId"] == LIVE_USER
    assert answer["isLive"] is True


def test_stream_events_over_connect(web: httpx.Client) -> None:
    messages, error = _connect_stream(web, {"uniqueId": LIVE_USER}, API_KEY, count=3)
    assert error is None
    assert len(messages) == 3
    assert all(message for message in messages)


def test_a_typed_failure_arrives_with_its_error_detail(
    web: httpx.Client, web_server: tuple[ServerHandle, str]
) -> None:
    response = _connect_unary(web, f"{LIVE}/GetLiveStatus", {"uniqueId": "not a user!"})
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid_argument"
    detail = _detail_of(error)
    assert detail.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT
    assert "unique_id" in detail.message
    assert error["message"] == f"{detail.error}: {detail.message}"  # as on the gRPC port
    # Counted where the gRPC port counts it.
    assert _handled(web_server[0], "GetLiveStatus", "InvalidArgument") >= 1


def _handled(server: ServerHandle, method: str, code: str) -> float:
    return server.metric("grpc_server_handled_total", grpc_method=method, grpc_code=code)


def test_a_stream_failure_ends_with_its_error_detail(web: httpx.Client) -> None:
    detail = _stream_failure(web, {"uniqueId": "sim_offline"}, API_KEY)
    assert detail.kind == errors_pb2.ERROR_KIND_USER_OFFLINE


def test_a_quiet_stream_whose_client_went_away_is_cancelled(
    web: httpx.Client, web_server: tuple[ServerHandle, str]
) -> None:
    """Waiting for an offline user sends nothing: the call still ends when the client goes."""
    server, base_url = web_server
    before = _handled(server, "StreamEvents", "Canceled")
    body = _envelope(json.dumps({"uniqueId": "sim_offline", "waitUntilLive": True}).encode())
    headers = {"content-type": "application/connect+json", **_bearer(API_KEY)}
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{base_url}{LIVE}/StreamEvents", content=body, headers=headers, timeout=1.0)
    deadline = time.monotonic() + 10
    while _handled(server, "StreamEvents", "Canceled") == before:
        assert time.monotonic() < deadline, "the stream outlived its client"
        time.sleep(0.2)


# --- gRPC-Web -----------------------------------------------------------------------------


def _grpc_web(
    web: httpx.Client, method: str, request: Any, count: int
) -> tuple[list[bytes], dict[str, str]]:
    """Up to ``count`` messages of a gRPC-Web call (binary), and its trailers."""
    headers = {"content-type": "application/grpc-web+proto", "x-grpc-web": "1", **_bearer(API_KEY)}
    messages: list[bytes] = []
    trailers: dict[str, str] = {}
    body = _envelope(request.SerializeToString())
    with web.stream("POST", method, content=body, headers=headers) as response:
        assert response.status_code == 200
        for flags, payload in _frames(response.iter_bytes()):
            if flags & TRAILERS:
                for line in payload.decode().splitlines():
                    name, _, value = line.partition(":")
                    trailers[name.strip().lower()] = value.strip()
                break
            messages.append(payload)
            if len(messages) == count:
                break
    return messages, trailers


def test_a_unary_call_over_grpc_web(web: httpx.Client) -> None:
    request = live_pb2.GetLiveStatusRequest(unique_id=LIVE_USER)
    messages, trailers = _grpc_web(web, f"{LIVE}/GetLiveStatus", request, count=2)
    assert trailers.get("grpc-status") == "0"
    assert live_pb2.GetLiveStatusResponse.FromString(messages[0]).is_live


def test_stream_events_over_grpc_web(web: httpx.Client) -> None:
    request = live_pb2.StreamEventsRequest(unique_id=LIVE_USER)
    messages, _ = _grpc_web(web, f"{LIVE}/StreamEvents", request, count=3)
    assert len(messages) == 3
    for message in messages:
        live_pb2.StreamEventsResponse.FromString(message)


def test_a_grpc_web_failure_carries_the_rich_status(web: httpx.Client) -> None:
    from google.rpc import status_pb2

    request = live_pb2.GetLiveStatusRequest(unique_id="not a user!")
    _, trailers = _grpc_web(web, f"{LIVE}/GetLiveStatus", request, count=1)
    assert trailers["grpc-status"] == str(grpc.StatusCode.INVALID_ARGUMENT.value[0])
    packed = trailers["grpc-status-details-bin"]
    status = status_pb2.Status.FromString(base64.b64decode(packed + "=" * (-len(packed) % 4)))
    detail = errors_pb2.ErrorDetail()
    assert status.details[0].Unpack(detail)
    assert detail.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT


# --- bodies that do not parse --------------------------------------------------------------

NOT_PROTOBUF = b"\xff\xff\xff\xff\x0f"  # a field number past the limit: DecodeError
NOT_JSON = b'{"uniqueId": '


def _connect_unary_refusal(
    web: httpx.Client, method: str, content_type: str, body: bytes
) -> errors_pb2.ErrorDetail:
    headers = {"content-type": content_type, "connect-protocol-version": "1", **_bearer(API_KEY)}
    response = web.post(method, content=body, headers=headers)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["code"] == "invalid_argument", error
    return _detail_of(error)


def _connect_stream_refusal(web: httpx.Client, method: str, body: bytes) -> errors_pb2.ErrorDetail:
    headers = {"content-type": "application/connect+proto", **_bearer(API_KEY)}
    response = web.post(method, content=_envelope(body), headers=headers)
    [(flags, payload)] = _frames(iter([response.content]))
    assert flags & END_STREAM
    error = json.loads(payload)["error"]
    assert error["code"] == "invalid_argument", error
    return _detail_of(error)


def _grpc_web_refusal(web: httpx.Client, method: str, body: bytes) -> errors_pb2.ErrorDetail:
    from google.rpc import status_pb2

    headers = {"content-type": "application/grpc-web+proto", "x-grpc-web": "1", **_bearer(API_KEY)}
    response = web.post(method, content=_envelope(body), headers=headers)
    [(flags, payload)] = _frames(iter([response.content]))
    assert flags & TRAILERS
    trailers = dict(line.partition(":")[::2] for line in payload.decode().splitlines())
    assert trailers["grpc-status"].strip() == str(grpc.StatusCode.INVALID_ARGUMENT.value[0])
    packed = trailers["grpc-status-details-bin"].strip()
    status = status_pb2.Status.FromString(base64.b64decode(packed + "=" * (-len(packed) % 4)))
    detail = errors_pb2.ErrorDetail()
    assert status.details[0].Unpack(detail)
    return detail


def _grpc_refusal(server: ServerHandle, method: str, body: bytes) -> errors_pb2.ErrorDetail:
    """The gRPC port's answer to the same body: what the web port must say."""
    channel = server.channel()
    metadata = (("authorization", f"Bearer {API_KEY}"),)
    with pytest.raises(grpc.RpcError) as refused:
        if method.endswith("/StreamEvents"):
            stream: grpc.UnaryStreamMultiCallable[bytes, bytes] = channel.unary_stream(method)
            list(stream(body, metadata=metadata, timeout=10))
        else:
            unary: grpc.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(method)
            unary(body, metadata=metadata, timeout=10)
    detail = error_detail_from(refused.value)
    assert detail is not None
    return detail


UNPARSED = [
    pytest.param(
        lambda web, method: _connect_unary_refusal(web, method, "application/json", NOT_JSON),
        "GetLiveStatus",
        None,
        id="connect-unary-json",
    ),
    pytest.param(
        lambda web, method: _connect_unary_refusal(web, method, "application/proto", NOT_PROTOBUF),
        "GetLiveStatus",
        NOT_PROTOBUF,
        id="connect-unary-proto",
    ),
    pytest.param(
        lambda web, method: _connect_stream_refusal(web, method, NOT_PROTOBUF),
        "StreamEvents",
        NOT_PROTOBUF,
        id="connect-stream",
    ),
    pytest.param(
        lambda web, method: _grpc_web_refusal(web, method, NOT_PROTOBUF),
        "GetLiveStatus",
        NOT_PROTOBUF,
        id="grpc-web",
    ),
]


@pytest.mark.parametrize(("refusal", "method", "grpc_body"), UNPARSED)
def test_a_body_that_does_not_parse_is_refused_as_on_the_grpc_port(
    web: httpx.Client,
    web_server: tuple[ServerHandle, str],
    refusal: Any,
    method: str,
    grpc_body: bytes | None,
) -> None:
    """The request's own deserializer refuses it, inside every interceptor: the same
    ErrorDetail as the gRPC port's for the same bytes, counted once with the same labels."""
    server, _ = web_server
    full_method = f"{LIVE}/{method}"
    errors = {"kind": "invalid_argument", "source": "server"}

    def counts() -> tuple[float, float]:
        return (
            server.metric("tokgate_errors_total", **errors),
            _handled(server, method, "InvalidArgument"),
        )

    # Both ports' refusals counted, each once: a caller has its status before the server's
    # metrics interceptor has counted the call (it counts as the frames unwind), so the counts
    # are awaited, not read at once.
    before = counts()
    expected = None if grpc_body is None else _grpc_refusal(server, full_method, grpc_body)
    calls = 1 if grpc_body is None else 2

    detail = refusal(web, full_method)

    assert detail.kind == errors_pb2.ERROR_KIND_INVALID_ARGUMENT
    assert detail.metadata["field"] == "request"
    assert "tokgate.v1." in detail.message
    if expected is not None:
        assert (detail.error, detail.message, dict(detail.metadata)) == (
            expected.error,
            expected.message,
            dict(expected.metadata),
        )
    counted = (before[0] + calls, before[1] + calls)
    with contextlib.suppress(AssertionError):
        wait_until(lambda: counts() == counted, within=2.0, what="both refusals counted")
    assert counts() == counted


# --- CORS ---------------------------------------------------------------------------------


def _preflight(web: httpx.Client, origin: str) -> httpx.Response:
    return web.options(
        f"{LIVE}/GetLiveStatus",
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type,connect-protocol-version",
        },
    )


def test_a_preflight_from_an_origin_not_configured_is_refused(web: httpx.Client) -> None:
    response = _preflight(web, "http://elsewhere.example")
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


def test_a_preflight_from_the_configured_origin_is_allowed(web: httpx.Client) -> None:
    response = _preflight(web, OVERLAY_ORIGIN)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == OVERLAY_ORIGIN
    assert "authorization" in response.headers["access-control-allow-headers"]
    answer = web.post(
        f"{LIVE}/GetLiveStatus",
        json={"uniqueId": LIVE_USER},
        headers={**CONNECT_JSON, **_bearer(API_KEY), "origin": OVERLAY_ORIGIN},
    )
    assert answer.headers["access-control-allow-origin"] == OVERLAY_ORIGIN
    elsewhere = web.post(
        f"{LIVE}/GetLiveStatus",
        json={"uniqueId": LIVE_USER},
        headers={**CONNECT_JSON, **_bearer(API_KEY), "origin": "http://elsewhere.example"},
    )
    assert "access-control-allow-origin" not in elsewhere.headers


def test_cors_is_closed_by_default() -> None:
    from tokgate.config import Settings

    assert Settings().web_cors_origins == ()
    assert Settings().web_listen == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--web-listen", "0.0.0.0:0"], "no API keys (api_key_hashes)"),
        (["--web-listen", "nonsense"], "is not host:port"),
        (["--token-signing-key-file", "/nonexistent/token.key"], "cannot read"),
    ],
    ids=["exposed-without-keys", "not-an-address", "no-key-file"],
)
def test_unusable_web_settings_stop_the_server_at_start(args: list[str], words: str) -> None:
    refused = serve_refused(*args)
    assert refused.returncode == 2
    assert words in refused.stderr


def test_tls_lets_the_grpc_port_listen_beyond_loopback_but_not_the_web_port() -> None:
    """The web port is plain HTTP: the gRPC port's TLS does not protect it, API keys do."""
    from tokgate.config import Settings

    tls = Settings(web_listen="0.0.0.0:8080", tls_cert="chain.pem", tls_key="key.pem")
    assert exposure_problem(tls, "0.0.0.0") is None
    problem = web_exposure_problem(tls)
    assert problem and problem.startswith("web_listen: refusing to listen on '0.0.0.0'")
    assert "TLS on the gRPC port does not cover it" in problem
    keys = Settings(web_listen="0.0.0.0:8080", api_key_hashes=(hash_key(generate_key()),))
    assert web_exposure_problem(keys) is None
    assert web_exposure_problem(Settings(web_listen="127.0.0.1:8080")) is None


# --- API keys and scoped tokens -----------------------------------------------------------


def test_a_call_without_a_key_is_unauthenticated(web: httpx.Client) -> None:
    response = web.post(f"{LIVE}/GetLiveStatus", json={"uniqueId": LIVE_USER}, headers=CONNECT_JSON)
    assert response.status_code == 401
    assert _detail_of(response.json()).kind == errors_pb2.ERROR_KIND_UNAUTHENTICATED


def test_a_token_streams_its_users(web: httpx.Client) -> None:
    token = _token(["LiveService/StreamEvents"], [LIVE_USER])
    messages, error = _connect_stream(web, {"uniqueId": LIVE_USER}, token, count=2)
    assert error is None and len(messages) == 2


def test_a_token_is_refused_another_user(web: httpx.Client) -> None:
    token = _token(["LiveService/StreamEvents"], [LIVE_USER])
    detail = _stream_failure(web, {"uniqueId": "someone_else"}, token)
    assert detail.kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED
    assert LIVE_USER in detail.message
    # A room id could be anyone's: a token naming users needs the user named.
    detail = _stream_failure(web, {"roomId": "7000000000000000001"}, token)
    assert detail.kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED


def test_a_token_is_refused_another_method(web: httpx.Client) -> None:
    token = _token(["LiveService/StreamEvents"], [LIVE_USER])
    response = _connect_unary(web, f"{LIVE}/GetLiveStatus", {"uniqueId": LIVE_USER}, token)
    assert response.status_code == 403
    detail = _detail_of(response.json())
    assert detail.kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED
    assert "GetLiveStatus" in detail.message
    assert any("tokgate token mint" in text for text in detail.suggestions)
    admin = _connect_unary(web, "/tokgate.v1.AdminService/ListPlugins", {}, token)
    assert _detail_of(admin.json()).kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED


def test_an_expired_or_forged_token_is_unauthenticated(web: httpx.Client) -> None:
    methods = frozenset({"tokgate.v1.LiveService/StreamEvents"})
    expired = mint(SIGNING_KEY.encode(), TokenScope(methods, frozenset(), int(time.time()) - 5))
    forged = mint(new_signing_key().encode(), TokenScope(methods, frozenset(), 2**40))
    for token, words in ((expired, "expired"), (forged, "not accepted")):
        detail = _stream_failure(web, {"uniqueId": LIVE_USER}, token)
        assert detail.kind == errors_pb2.ERROR_KIND_UNAUTHENTICATED
        assert words in detail.message
        assert any("tokgate token mint" in text for text in detail.suggestions)


def test_web_streams_are_held_to_the_quotas_until_their_client_goes(web: httpx.Client) -> None:
    token = _token(["LiveService/StreamEvents"], [LIVE_USER])
    headers = {"content-type": "application/connect+json", **_bearer(token)}
    body = _envelope(json.dumps({"uniqueId": LIVE_USER}).encode())
    readers = []  # kept: closing a reader closes its connection
    with contextlib.ExitStack() as open_streams:
        for _ in range(2):
            response = open_streams.enter_context(
                web.stream("POST", f"{LIVE}/StreamEvents", content=body, headers=headers)
            )
            readers.append(_frames(response.iter_bytes()))
            assert next(readers[-1])[0] == 0  # an event: the stream holds its slot
        refused = _stream_failure(web, {"uniqueId": LIVE_USER}, token)
        assert refused.kind == errors_pb2.ERROR_KIND_RATE_LIMIT
        assert "caller_max_streams" in refused.metadata.values()
    deadline = time.monotonic() + 10
    while _connect_stream(web, {"uniqueId": LIVE_USER}, token, count=1)[1] is not None:
        assert time.monotonic() < deadline, "the closed streams kept their slots"
        time.sleep(0.2)


def test_the_grpc_port_takes_tokens_too(web_server: tuple[ServerHandle, str]) -> None:
    server, _ = web_server
    stub = live_pb2_grpc.LiveServiceStub(server.channel())
    request = live_pb2.GetLiveStatusRequest(unique_id=LIVE_USER)
    allowed = _token(["LiveService/GetLiveStatus"], [LIVE_USER])
    metadata = (("authorization", f"Bearer {allowed}"),)
    assert stub.GetLiveStatus(request, metadata=metadata, timeout=30).is_live
    other = live_pb2.GetLiveStatusRequest(unique_id="someone_else")
    with pytest.raises(grpc.RpcError) as refused:
        stub.GetLiveStatus(other, metadata=metadata, timeout=30)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    detail = error_detail_from(refused.value)
    assert detail is not None and detail.kind == errors_pb2.ERROR_KIND_PERMISSION_DENIED


def test_nothing_secret_in_the_log(web: httpx.Client, web_server: tuple[ServerHandle, str]) -> None:
    token = _token(["LiveService/StreamEvents"], [LIVE_USER])
    _stream_failure(web, {"uniqueId": "someone_else"}, token)
    log = Path(web_server[0].process.log_path).read_text()
    assert "tokgate serving" in log
    for secret in (SIGNING_KEY, API_KEY, token, token.removeprefix("tgt_")):
        assert secret not in log


def test_a_web_stream_ends_typed_when_the_server_stops(
    web_server: tuple[ServerHandle, str],
) -> None:
    """SIGTERM: the stream's end-of-stream message is the shutdown's ErrorDetail, and the
    process exits 0. The module's last test: it stops the module's server."""
    server, base_url = web_server
    flowing = threading.Event()
    ended: list[dict[str, Any]] = []
    headers = {"content-type": "application/connect+json", **_bearer(API_KEY)}
    body = _envelope(json.dumps({"uniqueId": LIVE_USER}).encode())

    def read() -> None:
        with httpx.stream(
            "POST", f"{base_url}{LIVE}/StreamEvents", content=body, headers=headers, timeout=30
        ) as response:
            for flags, payload in _frames(response.iter_bytes()):
                flowing.set()
                if flags & END_STREAM:
                    ended.append(json.loads(payload)["error"])

    reader = threading.Thread(target=read)
    reader.start()
    assert flowing.wait(15), "no event arrived"
    assert server.process.stop() == 0
    reader.join(15)
    assert len(ended) == 1
    detail = _detail_of(ended[0])
    assert detail.kind == errors_pb2.ERROR_KIND_NETWORK
    assert "shutting down" in detail.message

"""Traces in this process: the gateway as ``tokgate serve`` runs it (``tokgate.app.Gateway``)
in the test's event loop, its spans leaving through the redacting exporter into the SDK's
InMemorySpanExporter, its user queries made by the real TikTokApi with headless Chromium
against the simulator. The span trees are read as the SDK hands them to an exporter: a
GetUser failure's, the same RPC's span over the web port as over the gRPC port, and a body
the deserializer screening refuses.

Every client here is asynchronous: a blocking call would stop the loop the gateway runs in.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import grpc
import httpx
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from pydantic import SecretStr
from tokgate.app import Gateway
from tokgate.config import Settings
from tokgate.testing import SimulatorHandle, canary, free_port
from tokgate.tracing import CLASSIFY_SPAN, KIND_ATTRIBUTE
from tokgate.users.calls import ATTEMPT_SPAN
from tokgate.v1 import (
    admin_pb2,
    admin_pb2_grpc,
    live_pb2,
    live_pb2_grpc,
    users_pb2,
    users_pb2_grpc,
)

MS_TOKEN = canary("MsToken")
SESSION_ID = canary("Session")
SIGN_API_KEY = canary("SignKey")
CANARIES = (MS_TOKEN, SESSION_ID, SIGN_API_KEY)
GET_USER = "/tokgate.v1.UserService/GetUser"
GET_LIVE_STATUS = "/tokgate.v1.LiveService/GetLiveStatus"
# Where the two ports' spans of one call may differ: the caller's port and its client library.
PER_CONNECTION = {"net.peer.port", "rpc.user_agent"}


@dataclass
class Running:
    """The gateway in this process, a channel to its gRPC port, its web port's address and
    every span it exported."""

    channel: grpc.aio.Channel
    web_url: str
    exported: InMemorySpanExporter

    async def spans_until(
        self, found: Callable[[list[ReadableSpan]], bool], within: float = 15.0
    ) -> list[ReadableSpan]:
        """The spans exported so far, once ``found`` holds of them (the batch processor
        exports every 0.1 s here)."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            spans = list(self.exported.get_finished_spans())
            if found(spans):
                return spans
            assert asyncio.get_running_loop().time() < deadline, [s.name for s in spans]
            await asyncio.sleep(0.05)


@pytest.fixture(scope="module")
async def gateway(simulator: SimulatorHandle) -> AsyncIterator[Running]:
    exported = InMemorySpanExporter()
    listen, web_listen = f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"
    settings = Settings(
        listen=listen,
        metrics_listen="",
        web_listen=web_listen,
        tiktok_upstream=simulator.url,
        upstream_ca_file=str(simulator.cert_path),
        sessions=1,
        ms_tokens=(SecretStr(MS_TOKEN),),
        sessionid=SecretStr(SESSION_ID),
        sessionid_sign_host=f"127.0.0.1:{simulator.port}",
        sign_api_key=SecretStr(SIGN_API_KEY),
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("OTEL_BSP_SCHEDULE_DELAY", "100")  # the SDK's batch processor: 0.1 s
        gateway = Gateway(settings, span_exporter=exported)
        running = asyncio.create_task(gateway.run())
        try:
            async with grpc.aio.insecure_channel(listen) as channel:
                await _ready(channel, running)
                yield Running(channel, f"http://{web_listen}", exported)
        finally:
            gateway.stop()
            assert await running == 0


async def _ready(channel: grpc.aio.Channel, running: asyncio.Task[int]) -> None:
    health = health_pb2_grpc.HealthStub(channel)
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        assert not running.done(), f"the gateway stopped: {running.result()}"
        assert asyncio.get_running_loop().time() < deadline, "the gateway did not serve"
        try:
            status = await health.Check(health_pb2.HealthCheckRequest(), timeout=1)
            if status.status == health_pb2.HealthCheckResponse.SERVING:
                return
        except grpc.aio.AioRpcError:
            pass
        await asyncio.sleep(0.2)


async def _browser_session_open(channel: grpc.aio.Channel) -> None:
    admin = admin_pb2_grpc.AdminServiceStub(channel)
    deadline = asyncio.get_running_loop().time() + 60
    while (await admin.GetSessionStats(admin_pb2.GetSessionStatsRequest())).healthy_sessions < 1:
        assert asyncio.get_running_loop().time() < deadline, "the browser session did not open"
        await asyncio.sleep(0.2)


def _children(spans: list[ReadableSpan], parent: ReadableSpan) -> list[ReadableSpan]:
    return [s for s in spans if s.parent is not None and s.parent.span_id == parent.context.span_id]


def _rpc_spans(spans: list[ReadableSpan], name: str) -> list[ReadableSpan]:
    return [s for s in spans if s.name == name and s.kind == SpanKind.SERVER]


def _kind(span: ReadableSpan) -> object:
    return (span.attributes or {}).get(KIND_ATTRIBUTE)


@pytest.mark.browser
async def test_a_get_user_failure_is_a_span_tree(gateway: Running) -> None:
    """The RPC's span is the root; the TikTokApi fetch and the classification of its
    failure are below it; each failing span carries the ErrorDetail's kind; no canary in
    any span, not even a refusal's that quoted one."""
    await _browser_session_open(gateway.channel)
    users = users_pb2_grpc.UserServiceStub(gateway.channel)
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await users.GetUser(users_pb2.GetUserRequest(unique_id="sim_user_not_found"), timeout=60)
    assert failed.value.code() == grpc.StatusCode.NOT_FOUND
    # A refusal that quotes a credential (its message, the span's status): redacted.
    with pytest.raises(grpc.aio.AioRpcError):
        await users.GetUser(users_pb2.GetUserRequest(unique_id=f"msToken={MS_TOKEN}"))

    spans = await gateway.spans_until(lambda spans: len(_rpc_spans(spans, GET_USER)) == 2)
    rpc, quoting = _rpc_spans(spans, GET_USER)
    assert rpc.parent is None, "the RPC's span is not the root"
    fetches = [s for s in _children(spans, rpc) if s.name == ATTEMPT_SPAN]
    assert fetches, [s.name for s in spans]
    classified = [c for fetch in fetches for c in _children(spans, fetch)]
    assert [s.name for s in classified] == [CLASSIFY_SPAN] * len(classified) != []
    for failing in (rpc, fetches[-1], classified[-1]):
        assert _kind(failing) == "user_not_found", failing.name
        assert failing.status.status_code == StatusCode.ERROR, failing.name
    assert [event.name for event in classified[-1].events] == ["exception"]
    tree = [rpc, *fetches, *classified]
    assert {s.context.trace_id for s in tree} == {rpc.context.trace_id}
    everything = "\n".join(s.to_json() for s in spans)  # every text a span carries
    assert _kind(quoting) == "invalid_argument" and "[REDACTED]" in everything
    for secret in CANARIES:
        assert secret not in everything, f"{secret} in a span"


async def test_a_web_call_has_the_rpc_span_of_a_grpc_call(gateway: Running) -> None:
    """The same failing call over both ports: one RPC span each, with the same name,
    attributes (the connection's own aside), status and failure kind, and the classification
    under it."""
    live = live_pb2_grpc.LiveServiceStub(gateway.channel)
    with pytest.raises(grpc.aio.AioRpcError):
        await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="not a user!"))
    async with httpx.AsyncClient(base_url=gateway.web_url) as web:
        answer = await web.post(
            GET_LIVE_STATUS,
            json={"uniqueId": "not a user!"},
            headers={"connect-protocol-version": "1"},
        )
    assert answer.status_code == 400

    spans = await gateway.spans_until(lambda spans: len(_rpc_spans(spans, GET_LIVE_STATUS)) >= 2)
    grpc_span, web_span = _rpc_spans(spans, GET_LIVE_STATUS)[-2:]
    for span in (grpc_span, web_span):
        assert _kind(span) == "invalid_argument"
        [classify] = _children(spans, span)
        assert classify.name == CLASSIFY_SPAN and _kind(classify) == "invalid_argument"

    def same(span: ReadableSpan) -> object:
        attributes = {k: v for k, v in (span.attributes or {}).items() if k not in PER_CONNECTION}
        return (span.name, span.kind, attributes, span.status.status_code, span.status.description)

    assert same(web_span) == same(grpc_span)


async def test_a_refused_body_marks_the_rpc_span(gateway: Running) -> None:
    """A body the deserializer screening refuses: the RPC's span records the failure's kind,
    on both ports."""
    garbage = b"\xff\xff\xff\xff\x0f"
    before = len(_rpc_spans(list(gateway.exported.get_finished_spans()), GET_LIVE_STATUS))
    unary: grpc.aio.UnaryUnaryMultiCallable[bytes, bytes] = gateway.channel.unary_unary(
        GET_LIVE_STATUS
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await unary(garbage)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    async with httpx.AsyncClient(base_url=gateway.web_url) as web:
        answer = await web.post(
            GET_LIVE_STATUS, content=garbage, headers={"content-type": "application/proto"}
        )
    assert answer.status_code == 400

    spans = await gateway.spans_until(
        lambda spans: len(_rpc_spans(spans, GET_LIVE_STATUS)) == before + 2
    )
    for span in _rpc_spans(spans, GET_LIVE_STATUS)[before:]:
        assert _kind(span) == "invalid_argument", span.attributes
        assert span.status.status_code == StatusCode.ERROR
        assert "not a valid tokgate.v1.GetLiveStatusRequest" in (span.status.description or "")

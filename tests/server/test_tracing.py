"""Traces, opt-in: a real ``tokgate serve`` exports its spans over OTLP/gRPC to a receiver in
this process (the most real option: the server's own exporter, batch processor, OTEL_*
handling and wire format, nothing in-process that production does not run), and the
redacting exporter is checked in-process with the SDK's in-memory exporter."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import grpc
import httpx
import pytest
from aiohttp import web
from opentelemetry import propagate
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.proto.trace.v1 import trace_pb2
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import SecretStr
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.testing import ServerHandle, SimulatorHandle, canary, child_env, free_port, run_server
from tokgate.tracing import CLASSIFY_SPAN, KIND_ATTRIBUTE, activate, deactivate, enabled, span
from tokgate.tracing.export import (
    EXPORTER_LOGGER,
    ExtractOnly,
    RedactingExporter,
    label_export_failures,
    tracer_provider,
)
from tokgate.tracing.receiver import Received, run_receiver
from tokgate.users.calls import ATTEMPT_SPAN
from tokgate.v1 import live_pb2, live_pb2_grpc, users_pb2, users_pb2_grpc

MS_TOKEN = canary("MsToken")
SESSION_ID = canary("Session")
SIGN_API_KEY = canary("SignKey")
CANARIES = (MS_TOKEN, SESSION_ID, SIGN_API_KEY)
SERVICE_NAME = "tokgate-under-test"
GET_USER = "/tokgate.v1.UserService/GetUser"
STREAMER = "trace_star"
# A caller's trace: the RPC's span must join it (W3C traceparent, through OTEL_PROPAGATORS'
# default).
CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[str, Received]]:
    with run_receiver() as running:
        yield running


@pytest.fixture(scope="module")
def traced_server(
    simulator: SimulatorHandle,
    receiver: tuple[str, Received],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerHandle]:
    endpoint, _ = receiver
    args = [
        "--otlp-endpoint",
        endpoint,
        "--sessions",
        "1",
        "--ms-tokens",
        MS_TOKEN,
        "--sessionid",
        SESSION_ID,
        "--sessionid-sign-host",
        f"127.0.0.1:{simulator.port}",
        "--sign-budget-per-minute",
        "1000",
        # A room whose signing fails reconnects (and fails again) at once.
        "--reconnect-initial-backoff",
        "0.05",
        "--reconnect-max-backoff",
        "0.2",
    ]
    env = {
        "TOKGATE_SIGN_API_KEY": SIGN_API_KEY,
        "OTEL_SERVICE_NAME": SERVICE_NAME,
        "OTEL_BSP_SCHEDULE_DELAY": "100",  # the SDK's batch processor: export within 0.1 s
    }
    with run_server(
        upstream=simulator, args=args, env=env, workdir=tmp_path_factory.mktemp("traced")
    ) as server:
        yield server


def _attributes(span: trace_pb2.Span) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for attribute in span.attributes:
        value = attribute.value
        found[attribute.key] = getattr(value, value.WhichOneof("value") or "string_value")
    return found


@pytest.mark.browser
def test_a_get_user_failure_is_a_span_tree(
    traced_server: ServerHandle, receiver: tuple[str, Received]
) -> None:
    _, received = receiver
    users = users_pb2_grpc.UserServiceStub(traced_server.channel())
    traceparent = f"00-{CALLER_TRACE}-{CALLER_SPAN}-01"
    with pytest.raises(grpc.RpcError) as failed:
        users.GetUser(
            users_pb2.GetUserRequest(unique_id="sim_user_not_found"),
            metadata=(("traceparent", traceparent),),
            timeout=120,
        )
    assert failed.value.code() == grpc.StatusCode.NOT_FOUND

    spans = received.wait_for(GET_USER)
    rpc = next(s for s in spans if s.name == GET_USER)
    assert rpc.trace_id.hex() == CALLER_TRACE and rpc.parent_span_id.hex() == CALLER_SPAN
    assert rpc.kind == trace_pb2.Span.SPAN_KIND_SERVER
    children = {s.parent_span_id: s for s in spans if s.trace_id == rpc.trace_id}
    fetch = children[rpc.span_id]
    assert fetch.name == ATTEMPT_SPAN
    assert _attributes(fetch)["tokgate.operation"] == "GetUser"
    classify = children[fetch.span_id]
    assert classify.name == CLASSIFY_SPAN
    for failing in (classify, fetch, rpc):
        assert _attributes(failing)[KIND_ATTRIBUTE] == "user_not_found", failing.name
        assert failing.status.code == trace_pb2.Status.STATUS_CODE_ERROR, failing.name
    assert _attributes(classify)["tokgate.error.classifier"]
    assert [event.name for event in classify.events] == ["exception"]
    # The resource: OTEL_SERVICE_NAME, through the SDK's own handling.
    assert SERVICE_NAME.encode() in received.wire()


def _stream_some(live: live_pb2_grpc.LiveServiceStub, unique_id: str) -> None:
    stream: Any = live.StreamEvents(live_pb2.StreamEventsRequest(unique_id=unique_id), timeout=60)
    for count, _ in enumerate(stream, 1):
        if count == 3:
            stream.cancel()
            return


def test_nothing_exported_holds_a_secret(
    traced_server: ServerHandle, simulator: SimulatorHandle, receiver: tuple[str, Received]
) -> None:
    _, received = receiver
    simulator.control("POST", f"rooms/{STREAMER}", json={"live": True})
    channel = traced_server.channel()
    live = live_pb2_grpc.LiveServiceStub(channel)
    users = users_pb2_grpc.UserServiceStub(channel)
    # Requests whose refusal quotes them: exception messages and status descriptions.
    for bad_name in (f"msToken={MS_TOKEN}", MS_TOKEN + "!", SIGN_API_KEY * 2):
        with pytest.raises(grpc.RpcError):
            users.GetUser(users_pb2.GetUserRequest(unique_id=bad_name), timeout=30)
    # TikTokLive's HTTP steps (the sign request's URL carries the sessionid and the API key).
    _stream_some(live, STREAMER)
    _stream_some(live, "sim_sign_error")  # refused by the sign server: in-band statuses

    spans = received.wait_for("/tokgate.v1.LiveService/StreamEvents", count=2)
    http = [s for s in spans if s.kind == trace_pb2.Span.SPAN_KIND_CLIENT]
    assert any("[REDACTED]" in str(_attributes(s)) for s in http), "no httpx span redacted"
    kinds = {_attributes(s).get(KIND_ATTRIBUTE) for s in spans}
    assert {"invalid_argument", "sign_api"} <= kinds, kinds
    wire = received.wire()
    assert b"[REDACTED]" in wire  # the canaries were there
    for secret in CANARIES:
        for form in {secret, quote(secret, safe="")}:
            assert form.encode() not in wire, f"{secret} exported"


# --- in-process: the exporter redacts with the pipeline's Redactor --------------------------

LATER = canary("Reloaded")


async def test_the_exporter_redacts_with_the_pipelines_redactor() -> None:
    """Every text of a span (name, attributes, events, status) leaves through the same
    Redactor as an ErrorDetail, secrets a reload taught it included; the spans before the
    exporter still held the canaries, so this test can fail. And the outgoing request
    carries no trace header (the propagator tokgate installs)."""
    pipeline = ErrorPipeline.from_settings(Settings(ms_tokens=(SecretStr(MS_TOKEN),)))
    exported, raw = InMemorySpanExporter(), InMemorySpanExporter()
    provider = tracer_provider(SimpleSpanProcessor(RedactingExporter(exported, pipeline.redact)))
    provider.add_span_processor(SimpleSpanProcessor(raw))

    seen: list[str] = []

    async def answer(request: web.Request) -> web.Response:
        seen.extend(name.lower() for name in request.headers)
        return web.Response(status=403, text="no")

    app = web.Application()
    app.router.add_get("/webcast/sign", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    activate(provider)
    propagator = propagate.get_global_textmap()
    propagate.set_global_textmap(ExtractOnly(propagator))
    pipeline.add_secrets([LATER])
    try:
        async with httpx.AsyncClient() as client:
            HTTPXClientInstrumentor.instrument_client(client, tracer_provider=provider)
            url = f"http://127.0.0.1:{port}/webcast/sign?apiKey={SIGN_API_KEY}&token={LATER}"
            with span(f"sign {MS_TOKEN}", {"tokgate.note": f"sessionid={SESSION_ID}"}):
                await client.get(url)
                await pipeline.report(
                    RuntimeError(f"refused msToken={MS_TOKEN} after {LATER}"),
                    ErrorContext(source="live", operation="sign", body=f"{{'ms': '{MS_TOKEN}'}}"),
                )
    finally:
        deactivate()
        propagate.set_global_textmap(propagator)
        await runner.cleanup()
        provider.shutdown()

    assert {s.name for s in exported.get_finished_spans()} >= {"GET", CLASSIFY_SPAN}
    assert seen and "traceparent" not in seen
    assert any(LATER in _texts(s) for s in raw.get_finished_spans())  # there before export
    texts = "\n".join(_texts(s) for s in exported.get_finished_spans())
    assert "[REDACTED]" in texts
    for secret in (*CANARIES, LATER):
        assert secret not in texts, f"{secret} exported"


def _texts(span: ReadableSpan) -> str:
    """Every text a span carries."""
    parts = [span.name, span.status.description or ""]
    for attributes in (
        span.attributes,
        *(e.attributes for e in span.events),
        *(link.attributes for link in span.links),
    ):
        parts += [str(value) for value in (attributes or {}).values()]
    parts += [e.name for e in span.events]
    return "\n".join(parts)


def test_the_exporters_failures_are_logged_with_their_kind(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A collector that cannot be reached: the real OTLP exporter's log lines say so with
    error_kind network, as every log line about a failure does."""
    label_export_failures()
    exporter = OTLPSpanExporter(endpoint=f"http://127.0.0.1:{free_port()}", timeout=1)
    provider = tracer_provider(SimpleSpanProcessor(exporter))
    with caplog.at_level(logging.WARNING, logger=EXPORTER_LOGGER):
        provider.get_tracer(__name__).start_span("unsent").end()
    provider.shutdown()
    failures = [record for record in caplog.records if record.name == EXPORTER_LOGGER]
    assert failures, "the exporter logged nothing"
    assert all(getattr(record, "error_kind", None) == "network" for record in failures)


# --- off ---------------------------------------------------------------------------------


def test_on_with_the_setting_or_an_otel_endpoint_variable() -> None:
    off = Settings()
    assert not enabled(off, {})
    assert enabled(Settings(otlp_endpoint="http://127.0.0.1:4317"), {})
    assert enabled(off, {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317"})
    assert enabled(off, {"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4317"})
    assert not enabled(off, {"OTEL_EXPORTER_OTLP_ENDPOINT": "x", "OTEL_SDK_DISABLED": "true"})


OFF_PROBE = """
import asyncio, sys
import tokgate.app, tokgate.errors.pipeline, tokgate.interceptors
from tokgate.config import Settings
from tokgate.tracing import Tracing

async def main():
    tracing = Tracing.start(Settings(), str)
    assert tracing.provider is None and tracing.server_interceptors() == []
    await tracing.stop()

asyncio.run(main())
print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))
"""


def test_off_installs_and_imports_nothing_of_opentelemetry() -> None:
    """Without the setting and the variables: no provider, no interceptor, and not one
    OpenTelemetry module imported by the server's modules (a process of its own, so this
    test's imports do not count)."""
    env = {k: v for k, v in child_env().items() if not k.startswith("OTEL_")}
    probe = subprocess.run(
        [sys.executable, "-c", OFF_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr

"""Traces, opt-in: OpenTelemetry spans exported over OTLP/gRPC, redacted like an ErrorDetail.

Off unless ``otlp_endpoint`` or ``OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT`` is set (and
``OTEL_SDK_DISABLED`` is not true). Off, nothing of OpenTelemetry is imported, no tracer
provider is installed, nothing is instrumented, and ``span()`` and ``classified`` cost a global
lookup: this module is all the process loads of tracing.

On, :class:`Tracing` installs a tracer provider (its sampler from ``OTEL_TRACES_SAMPLER``, its
resource from ``OTEL_SERVICE_NAME`` / ``OTEL_RESOURCE_ATTRIBUTES``, ``service.name`` tokgate
otherwise), the official gRPC aio server interceptor (a span per RPC, unary and streaming, on
the gRPC port and the web port alike) and the httpx instrumentation (TikTokLive's HTTP steps),
and tokgate's own spans: a TikTokApi query's attempt (``span()`` in tokgate.users.calls) and
the classification of a failure (``classified`` on the error pipeline). Every span leaves
through :class:`RedactingExporter`: its name, attributes, events' attributes (exception
messages), links' attributes and status description pass through the error pipeline's one
Redactor (``ErrorPipeline.redact``, so the secrets a reload teaches it too). Outgoing requests
carry no trace header: TikTok and the sign server would see a header no browser sends
(``tokgate.tracing.export``, imported only when on).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from tokgate.config import Settings

if TYPE_CHECKING:
    import grpc
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from opentelemetry.trace import Span, Tracer

    from tokgate.errors.context import ErrorContext
    from tokgate.v1 import errors_pb2

logger = logging.getLogger(__name__)

TRACER_NAME = "tokgate"
#: The span of a failure's classification (its ErrorDetail kind in ``KIND_ATTRIBUTE``).
CLASSIFY_SPAN = "tokgate.classify"
KIND_ATTRIBUTE = "tokgate.error.kind"
ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")

# The tracer while traces are on; None (off) makes every helper here a no-op.
_tracer: Tracer | None = None
_OFF = contextlib.nullcontext()

Redact = Callable[[str], str]
D = TypeVar("D", bound=Callable[..., Awaitable["errors_pb2.ErrorDetail"]])


def enabled(settings: Settings, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether traces are on: an endpoint set, and the SDK not disabled."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    return bool(settings.otlp_endpoint or any(environ.get(name) for name in ENDPOINT_VARIABLES))


def span(name: str, attributes: Mapping[str, str | int] | None = None) -> Any:
    """A context manager: a span around the block, the current one inside it; a shared null
    context while traces are off. An exception leaving it is not recorded (tokgate's
    failures are, typed, by their classification's span)."""
    if _tracer is None:
        return _OFF
    return _tracer.start_as_current_span(
        name, attributes=attributes, record_exception=False, set_status_on_exception=False
    )


def classified(detail_of: D) -> D:
    """Decorates the error pipeline's ``_detail(error, context)``: its classification runs in
    a ``tokgate.classify`` span that records the ErrorDetail's kind, as does the span it
    happened under (the failing RPC or query attempt). Off, the coroutine is the undecorated
    one's: no added frame."""

    @functools.wraps(detail_of)
    def run(owner: Any, error: BaseException, context: ErrorContext) -> Any:
        if _tracer is None:
            return detail_of(owner, error, context)
        return _traced_classification(_tracer, detail_of(owner, error, context), error, context)

    return run  # type: ignore[return-value]


async def _traced_classification(
    tracer: Tracer,
    detail: Awaitable[errors_pb2.ErrorDetail],
    error: BaseException,
    context: ErrorContext,
) -> errors_pb2.ErrorDetail:
    from opentelemetry import trace

    failing = trace.get_current_span()
    attributes: dict[str, str | int] = {
        "tokgate.source": context.source,
        "tokgate.operation": context.operation,
    }
    if context.http_status is not None:
        attributes["http.response.status_code"] = context.http_status
    with tracer.start_as_current_span(
        CLASSIFY_SPAN, attributes=attributes, record_exception=False
    ) as classify_span:
        classify_span.record_exception(error)  # its message: redacted at export
        answer = await detail
        for each in (classify_span, failing):
            record_failure(answer, each)
    return answer


def record_failure(detail: errors_pb2.ErrorDetail, on: Span | None = None) -> None:
    """Mark ``on`` (the current span by default) failed with ``detail``'s kind."""
    if _tracer is None:
        return
    from opentelemetry import trace
    from opentelemetry.trace import Status, StatusCode

    from tokgate.errors.kinds import kind_info

    target = on or trace.get_current_span()
    if not target.is_recording():
        return
    target.set_attribute(KIND_ATTRIBUTE, kind_info(detail.kind).label)
    target.set_attribute("tokgate.error.classifier", detail.classifier)
    target.set_attribute("tokgate.error.retryable", detail.retryable)
    if detail.HasField("status_code"):
        target.set_attribute("tokgate.error.status_code", detail.status_code)
    target.set_status(Status(StatusCode.ERROR, detail.message))


class Tracing:
    """The process's traces: on, the provider, its exporter and the instrumentations until
    ``stop``; off (no provider), nothing."""

    def __init__(self, provider: TracerProvider | None) -> None:
        self.provider = provider

    @classmethod
    def start(
        cls, settings: Settings, redact: Redact, exporter: SpanExporter | None = None
    ) -> Tracing:
        """Traces on (the global provider and propagator, httpx instrumented) when
        ``enabled``, exported to ``otlp_endpoint`` or the OTEL_* variables; or when given
        an ``exporter`` (a test's in-memory one), to it. Off otherwise."""
        if exporter is None and not enabled(settings):
            return cls(None)
        from opentelemetry import propagate, trace
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        from tokgate.tracing.export import (
            ExtractOnly,
            RedactingExporter,
            label_export_failures,
            tracer_provider,
        )

        label_export_failures()
        exporter = exporter or OTLPSpanExporter(endpoint=settings.otlp_endpoint or None)
        provider = tracer_provider(BatchSpanProcessor(RedactingExporter(exporter, redact)))
        trace.set_tracer_provider(provider)
        propagate.set_global_textmap(ExtractOnly(propagate.get_global_textmap()))
        HTTPXClientInstrumentor().instrument(tracer_provider=provider)
        activate(provider)
        logger.info(
            "traces on",
            extra={"otlp_endpoint": settings.otlp_endpoint or "(from OTEL_* variables)"},
        )
        return cls(provider)

    def server_interceptors(self) -> list[grpc.aio.ServerInterceptor]:
        """On, the official aio server interceptor (one span per RPC, health checks aside:
        a probe's every second would drown the rest), to be outermost."""
        if self.provider is None:
            return []
        from opentelemetry.instrumentation.grpc import aio_server_interceptor
        from opentelemetry.instrumentation.grpc.filters import health_check, negate

        interceptor: grpc.aio.ServerInterceptor = aio_server_interceptor(  # type: ignore[no-untyped-call]
            tracer_provider=self.provider, filter_=negate(health_check())
        )
        return [interceptor]

    async def stop(self) -> None:
        """Export what is left (the exporter's timeout bounds it) and stop tracing."""
        if self.provider is None:
            return
        from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

        deactivate()
        HTTPXClientInstrumentor().uninstrument()
        await asyncio.to_thread(self.provider.shutdown)


def activate(provider: TracerProvider) -> None:
    """tokgate's own spans (``span()``, ``classified``) go to ``provider`` from now on."""
    global _tracer  # noqa: PLW0603
    _tracer = provider.get_tracer(TRACER_NAME)


def deactivate() -> None:
    """tokgate's own spans off again."""
    global _tracer  # noqa: PLW0603
    _tracer = None

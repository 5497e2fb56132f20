"""What traces on need of the SDK: the provider, the redacting exporter, the propagator.

Imported only when traces are on (``tokgate.tracing.Tracing.start``), so a server without them
loads nothing of OpenTelemetry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from opentelemetry.context import Context
from opentelemetry.propagators.textmap import (
    CarrierT,
    Getter,
    Setter,
    TextMapPropagator,
    default_getter,
)
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.trace import Link, Status
from opentelemetry.util.types import Attributes

from tokgate.versions import SERVER_VERSION

#: ``service.name`` when OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES name none.
DEFAULT_SERVICE_NAME = "tokgate"
#: The OTLP/gRPC exporter's logger: its warnings and errors are failures to reach the collector.
EXPORTER_LOGGER = "opentelemetry.exporter.otlp.proto.grpc.exporter"

Redact = Callable[[str], str]


def tracer_provider(processor: SpanProcessor) -> TracerProvider:
    """A provider whose spans go to ``processor``; its sampler from OTEL_TRACES_SAMPLER (the
    SDK reads it), its resource from the OTEL_* variables, ``service.name`` tokgate when they
    name none."""
    resource = Resource.create({SERVICE_VERSION: SERVER_VERSION})
    if str(resource.attributes.get(SERVICE_NAME, "")).startswith("unknown_service"):
        resource = resource.merge(Resource({SERVICE_NAME: DEFAULT_SERVICE_NAME}))
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(processor)
    return provider


class RedactingExporter(SpanExporter):
    """A SpanExporter that hands ``exporter`` each span with every text redacted by
    ``redact``: its name, attribute values, events' names and attributes, links' attributes
    and status description. The one way out of the process for a span."""

    def __init__(self, exporter: SpanExporter, redact: Redact) -> None:
        self._exporter = exporter
        self._redact = redact

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return self._exporter.export([self._redacted(each) for each in spans])

    def shutdown(self) -> None:
        self._exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        return self._exporter.force_flush(timeout_millis)

    def _redacted(self, span: ReadableSpan) -> ReadableSpan:
        redact = self._redact
        status = span.status
        if status.description:
            status = Status(status.status_code, redact(status.description))
        return ReadableSpan(
            name=redact(span.name),
            context=span.context,
            parent=span.parent,
            resource=span.resource,
            attributes=self._attributes(span.attributes),
            events=[
                Event(redact(event.name), self._attributes(event.attributes), event.timestamp)
                for event in span.events
            ],
            links=[Link(link.context, self._attributes(link.attributes)) for link in span.links],
            kind=span.kind,
            status=status,
            start_time=span.start_time,
            end_time=span.end_time,
            instrumentation_scope=span.instrumentation_scope,
        )

    def _attributes(self, attributes: Attributes) -> dict[str, Any]:
        return {key: self._value(value) for key, value in (attributes or {}).items()}

    def _value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._redact(value)
        if isinstance(value, tuple | list):
            return tuple(self._redact(v) if isinstance(v, str) else v for v in value)
        return value


class ExtractOnly(TextMapPropagator):
    """A propagator that reads a caller's trace context (``traceparent`` on an RPC) and
    injects nothing into outgoing requests (TikTok's, the sign server's)."""

    def __init__(self, inner: TextMapPropagator) -> None:
        self._inner = inner

    def extract(
        self,
        carrier: CarrierT,
        context: Context | None = None,
        getter: Getter[CarrierT] = default_getter,
    ) -> Context:
        return self._inner.extract(carrier, context, getter)

    def inject(
        self,
        carrier: CarrierT,
        context: Context | None = None,
        setter: Setter[CarrierT] | None = None,
    ) -> None:
        return None

    @property
    def fields(self) -> set[str]:
        return self._inner.fields


class _NetworkFailure(logging.Filter):
    """Labels the exporter's warnings and errors (the collector unreachable, refusing, slow)
    with ``error_kind`` network, as every log line about a failure is."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING and not hasattr(record, "error_kind"):
            record.error_kind = "network"
        return True


_LABEL = _NetworkFailure()


def label_export_failures() -> None:
    """The exporter's failure lines carry ``error_kind`` from now on (once per process)."""
    logging.getLogger(EXPORTER_LOGGER).addFilter(_LABEL)

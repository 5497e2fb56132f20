"""An OTLP/gRPC trace receiver in this process: what a collector receives from tokgate.

For tests and benches (``--otlp-endpoint`` pointed at it), or to look at tokgate's spans
without running a collector. It keeps every export request, as received on the wire.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field

import grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from opentelemetry.proto.trace.v1 import trace_pb2


@dataclass
class Received:
    """The export requests received so far (the bytes as sent, and their spans)."""

    requests: list[bytes] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, request: trace_service_pb2.ExportTraceServiceRequest) -> None:
        with self._lock:
            self.requests.append(request.SerializeToString())

    def spans(self) -> list[trace_pb2.Span]:
        """Every span received, in the order received."""
        with self._lock:
            requests = list(self.requests)
        found: list[trace_pb2.Span] = []
        for raw in requests:
            request = trace_service_pb2.ExportTraceServiceRequest.FromString(raw)
            for resource_spans in request.resource_spans:
                for scope_spans in resource_spans.scope_spans:
                    found.extend(scope_spans.spans)
        return found

    def wire(self) -> bytes:
        """Everything received, as one byte string (to search for what must not be there)."""
        with self._lock:
            return b"".join(self.requests)

    def wait_for(self, name: str, count: int = 1, timeout: float = 30.0) -> list[trace_pb2.Span]:
        """The spans, once ``count`` named ``name`` have arrived (TimeoutError otherwise)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spans = self.spans()
            if sum(span.name == name for span in spans) >= count:
                return spans
            time.sleep(0.1)
        raise TimeoutError(f"not {count} spans named {name!r} within {timeout:g} s")


class _TraceService(trace_service_pb2_grpc.TraceServiceServicer):
    def __init__(self, received: Received) -> None:
        self._received = received

    def Export(
        self, request: trace_service_pb2.ExportTraceServiceRequest, context: grpc.ServicerContext
    ) -> trace_service_pb2.ExportTraceServiceResponse:
        self._received.add(request)
        return trace_service_pb2.ExportTraceServiceResponse()


@contextlib.contextmanager
def run_receiver() -> Iterator[tuple[str, Received]]:
    """An OTLP/gRPC receiver on a free loopback port: its endpoint (``http://127.0.0.1:PORT``,
    plaintext) and what it received; stopped on exit."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    received = Received()
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(  # type: ignore[no-untyped-call]
        _TraceService(received), server
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield f"http://127.0.0.1:{port}", received
    finally:
        server.stop(grace=None)

"""Every Prometheus metric tokgate exports, in one registry (docs/observability.md documents
them) and the gRPC interceptor that fills the ``grpc_server_*`` ones; tokgate.metrics_http
serves them.

Usernames are never label values (unbounded cardinality): most-failed users are a bounded
top-N in AdminService.GetErrorStats instead.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import functools
import itertools
import platform
import re
import threading
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Mapping,
    Sequence,
)
from typing import Any

import grpc
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import HistogramMetricFamily
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString

from tokgate.bounds import BufferCollector
from tokgate.rpc import HandlerWrapper, RpcInfo, ServicerContext, WrappingInterceptor
from tokgate.versions import CONTRACT_VERSION, SERVER_VERSION, library_versions

REGISTRY = CollectorRegistry(auto_describe=True)

# --- errors ---------------------------------------------------------------------------
ERRORS = Counter(
    "tokgate_errors",
    "Failures, counted once where they originate",
    ["kind", "status_code", "source", "classifier"],
    registry=REGISTRY,
)
ERROR_NOTIFICATIONS_DROPPED = Counter(
    "tokgate_error_notifications_dropped",
    "tokgate_error_handled notifications dropped because their queue was full",
    registry=REGISTRY,
)
PLUGIN_FAILURES = Counter(
    "tokgate_plugin_failures",
    "Third-party hook calls that raised or overran their budget",
    ["plugin", "hook"],
    registry=REGISTRY,
)

# --- gRPC (the names the Go and Java ecosystems already chart) ------------------------
_GRPC_LABELS = ["grpc_type", "grpc_service", "grpc_method"]
GRPC_STARTED = Counter(
    "grpc_server_started", "RPCs started on the server", _GRPC_LABELS, registry=REGISTRY
)
GRPC_HANDLED = Counter(
    "grpc_server_handled",
    "RPCs completed on the server, by status code",
    [*_GRPC_LABELS, "grpc_code"],
    registry=REGISTRY,
)
# grpc_code values: Go's codes.Code.String() spelling, which Go's grpc-prometheus writes, so
# dashboards and alert rules written for Go services (and mixed fleets) match tokgate as they
# are. Not grpc.StatusCode.name: that is CANCELLED where Go says Canceled, NOT_FOUND for NotFound.
GRPC_CODE_LABELS: Mapping[grpc.StatusCode, str] = {
    grpc.StatusCode.OK: "OK",
    grpc.StatusCode.CANCELLED: "Canceled",
    grpc.StatusCode.UNKNOWN: "Unknown",
    grpc.StatusCode.INVALID_ARGUMENT: "InvalidArgument",
    grpc.StatusCode.DEADLINE_EXCEEDED: "DeadlineExceeded",
    grpc.StatusCode.NOT_FOUND: "NotFound",
    grpc.StatusCode.ALREADY_EXISTS: "AlreadyExists",
    grpc.StatusCode.PERMISSION_DENIED: "PermissionDenied",
    grpc.StatusCode.RESOURCE_EXHAUSTED: "ResourceExhausted",
    grpc.StatusCode.FAILED_PRECONDITION: "FailedPrecondition",
    grpc.StatusCode.ABORTED: "Aborted",
    grpc.StatusCode.OUT_OF_RANGE: "OutOfRange",
    grpc.StatusCode.UNIMPLEMENTED: "Unimplemented",
    grpc.StatusCode.INTERNAL: "Internal",
    grpc.StatusCode.UNAVAILABLE: "Unavailable",
    grpc.StatusCode.DATA_LOSS: "DataLoss",
    grpc.StatusCode.UNAUTHENTICATED: "Unauthenticated",
}
GRPC_HANDLING_SECONDS = Histogram(
    "grpc_server_handling_seconds",
    "RPC handling time until the status is sent",
    _GRPC_LABELS,
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600),
)
GRPC_MSG_SENT = Counter(
    "grpc_server_msg_sent",
    "Stream messages sent by the server",
    _GRPC_LABELS,
    registry=REGISTRY,
)
# As go-grpc-prometheus counts it: a unary request is one message received, a request
# stream's messages one each as the behaviour reads them.
GRPC_MSG_RECEIVED = Counter(
    "grpc_server_msg_received",
    "Stream messages received by the server",
    _GRPC_LABELS,
    registry=REGISTRY,
)

# --- the build ------------------------------------------------------------------------
BUILD_INFO = Gauge(
    "tokgate_build_info",
    "Always 1: this tokgate's version, its contract's, Python's and the TikTok libraries'",
    ["version", "contract", "python", "tiktoklive", "tiktokapi"],
    registry=REGISTRY,
)
_LIBRARIES = library_versions()
BUILD_INFO.labels(
    version=SERVER_VERSION,
    contract=CONTRACT_VERSION,
    python=platform.python_version(),
    tiktoklive=_LIBRARIES["TikTokLive"],
    tiktokapi=_LIBRARIES["TikTokApi"],
).set(1)

# --- quotas ---------------------------------------------------------------------------
QUOTA_REFUSALS = Counter(
    "tokgate_quota_refusals",
    "Calls refused RESOURCE_EXHAUSTED by a per-caller quota, by the quota's setting: "
    "caller_max_streams, caller_max_rooms or caller_unary_rate",
    ["quota"],
    registry=REGISTRY,
)

# --- live -----------------------------------------------------------------------------
LIVE_ROOMS = Gauge("tokgate_live_rooms", "Upstream LIVE rooms open", registry=REGISTRY)
LIVE_SUBSCRIBERS = Gauge(
    "tokgate_live_subscribers", "StreamEvents subscribers attached to rooms", registry=REGISTRY
)
LIVE_EVENTS = Counter(
    "tokgate_live_events",
    "LIVE events received from upstream, by type",
    ["type"],
    registry=REGISTRY,
)
LIVE_EVENTS_DROPPED = Counter(
    "tokgate_live_events_dropped",
    "LIVE events not delivered, by reason",
    ["reason"],
    registry=REGISTRY,
)
LIVE_RECONNECTS = Counter(
    "tokgate_live_reconnects",
    "Upstream reconnects, by the kind of failure that caused them",
    ["kind"],
    registry=REGISTRY,
)
LIVE_RESUMES = Counter(
    "tokgate_live_resumes",
    "StreamEvents calls with a resume position, by result: recovered (exact), gap (older "
    "than the history) or unknown_epoch (not in the room's log)",
    ["result"],
    registry=REGISTRY,
)
CLUSTER_REDIS_UP = Gauge(
    "tokgate_cluster_redis_up",
    "Cluster mode: 1 while this replica reaches Redis, 0 while it cannot (no sample in one "
    "process, so an alert on it never fires there)",
    ["replica"],
    registry=REGISTRY,
)
CLUSTER_ROOMS_OWNED = Gauge(
    "tokgate_cluster_rooms_owned",
    "Cluster mode: rooms whose lease (and upstream) this replica holds",
    registry=REGISTRY,
)
CLUSTER_LEASES = Counter(
    "tokgate_cluster_leases",
    "Cluster mode: lease changes on this replica, by event: acquired (a room nobody held), "
    "taken_over (after its owner's lease lapsed), released, lost (renewal or append refused, "
    "or Redis unreachable for too long)",
    ["event"],
    registry=REGISTRY,
)
LIVE_BATCH_EVENTS = Histogram(
    "tokgate_live_batch_events",
    "Events per StreamEvents message written with batching",
    registry=REGISTRY,
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000),
)


class LoopHistogram(Collector):
    """A histogram without labels that only the event loop's thread observes: plain counts,
    read into a Prometheus histogram when scraped. prometheus_client's takes a lock and walks
    its buckets in Python on each observe (about 2.6 µs); this one bisects (about 0.4 µs), which
    matters for a value observed once per event per subscriber. A scrape (from the exporter's
    thread) may see the sum one observation apart from the buckets."""

    def __init__(
        self, name: str, documentation: str, buckets: Sequence[float], registry: CollectorRegistry
    ) -> None:
        self._name, self._documentation = name, documentation
        self.buckets = tuple(float(bound) for bound in buckets)
        self._counts = [0] * (len(self.buckets) + 1)  # the last: above every bound (+Inf)
        self._sum = 0.0
        registry.register(self)

    def observe(self, value: float) -> None:
        self._counts[bisect.bisect_left(self.buckets, value)] += 1
        self._sum += value

    def collect(self) -> Iterable[HistogramMetricFamily]:
        counts, total = list(self._counts), self._sum
        cumulative = list(itertools.accumulate(counts))
        bounds = [*(floatToGoString(bound) for bound in self.buckets), "+Inf"]  # type: ignore[no-untyped-call]
        family = HistogramMetricFamily(self._name, self._documentation)
        family.add_metric([], list(zip(bounds, cumulative, strict=True)), total)
        yield family


LIVE_EVENT_DELAY_SECONDS = LoopHistogram(
    "tokgate_live_event_delay_seconds",
    "From upstream receipt to the write to a subscriber, once a message (a batch: its oldest)",
    (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
    REGISTRY,
)

# --- wire drift: TikTok messages tokgate cannot type (delivered as OtherEvent) ----------
LIVE_UNTYPED_MESSAGES = Counter(
    "tokgate_live_untyped_messages",
    "Upstream messages of a type this server version has no typed event for, by webcast type",
    ["type_name"],
    registry=REGISTRY,
)
LIVE_UNKNOWN_MESSAGE_TYPES = Counter(
    "tokgate_live_unknown_message_types",
    "Upstream messages of a type the pinned webcast schema does not have (TikTok added or "
    "renamed one), by webcast type; each is also counted as untyped",
    ["type_name"],
    registry=REGISTRY,
)
LIVE_UNDECODABLE_MESSAGES = Counter(
    "tokgate_live_undecodable_messages",
    "Upstream messages whose payload failed to decode as their type, by webcast type",
    ["type_name"],
    registry=REGISTRY,
)


class MessageTypeLabels:
    """Bounds the ``type_name`` label values the upstream chooses: only webcast-shaped names,
    and at most ``limit`` distinct ones; anything else is ``other``. A hostile or broken
    upstream then cannot grow the registry without bound."""

    PATTERN = re.compile(r"Webcast[A-Za-z0-9]{1,64}")
    OVERFLOW = "other"

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, type_name: str) -> str:
        if type_name in self._seen:
            return type_name
        if not self.PATTERN.fullmatch(type_name):
            return self.OVERFLOW
        with self._lock:
            if len(self._seen) >= self._limit:
                return self.OVERFLOW
            self._seen.add(type_name)
        return type_name


# Room for every type TikTokLive knows (62) and as many new ones as TikTok adds at once.
MESSAGE_TYPE_LABEL_LIMIT = 200
_UNTYPED_LABELS = MessageTypeLabels(MESSAGE_TYPE_LABEL_LIMIT)
_UNDECODABLE_LABELS = MessageTypeLabels(MESSAGE_TYPE_LABEL_LIMIT)


@functools.cache
def _schema_type_names() -> frozenset[str]:
    """The message types of the pinned webcast schema (imported on first use: it is large)."""
    from tokgate.webcast.v1alpha import webcast_pb2

    return frozenset(webcast_pb2.DESCRIPTOR.message_types_by_name)


# Each untyped type's counters (untyped, and unknown when the schema lacks it), kept for the
# types with a label of their own: at most MESSAGE_TYPE_LABEL_LIMIT of them.
_UNTYPED_COUNTERS: dict[str, tuple[Any, Any | None]] = {}


def count_untyped_message(type_name: str, count: int = 1) -> None:
    """Upstream messages (`count` of them) delivered as OtherEvent because tokgate has no typed
    event for their type; also an unknown type when the pinned webcast schema does not have it."""
    counters = _UNTYPED_COUNTERS.get(type_name)
    if counters is None:
        label = _UNTYPED_LABELS(type_name)
        unknown = type_name not in _schema_type_names()
        counters = (
            LIVE_UNTYPED_MESSAGES.labels(type_name=label),
            LIVE_UNKNOWN_MESSAGE_TYPES.labels(type_name=label) if unknown else None,
        )
        if label == type_name:
            _UNTYPED_COUNTERS[type_name] = counters
    untyped, unknown_type = counters
    untyped.inc(count)
    if unknown_type is not None:
        unknown_type.inc(count)


def count_undecodable_message(type_name: str) -> None:
    """One upstream message delivered as OtherEvent because its payload failed to decode."""
    LIVE_UNDECODABLE_MESSAGES.labels(type_name=_UNDECODABLE_LABELS(type_name)).inc()


# --- bounded buffers (tokgate.bounds: queues, histories, caches) -----------------------
# tokgate_buffer_bytes, tokgate_buffer_entries, tokgate_buffer_oldest_age_seconds{buffer}
REGISTRY.register(BufferCollector())

# --- the unary answers' caches (tokgate.cache), by RPC: a handful of fixed names ------------
CACHE_LOOKUPS = Counter(
    "tokgate_cache_lookups",
    "Calls of cached RPCs by how the cache answered: hit (an answer held), miss (a new "
    "upstream request), coalesced (joined one in flight), bypass (cache-control: no-cache)",
    ["rpc", "result"],
    registry=REGISTRY,
)
CACHE_EVICTIONS = Counter(
    "tokgate_cache_evictions",
    "Cached answers dropped, by RPC and reason: expired (past their TTL) or bounds (the "
    "oldest, pushed out by the cache's byte or entry bound)",
    ["rpc", "reason"],
    registry=REGISTRY,
)

# --- reloads (tokgate.reload) ---------------------------------------------------------
RELOADS = Counter(
    "tokgate_reloads",
    "Reloads of the run-time settings, by trigger and result (applied, refused, unchanged)",
    ["trigger", "result"],
    registry=REGISTRY,
)
RELOAD_LAST_SUCCESS = Gauge(
    "tokgate_reload_last_success_timestamp_seconds",
    "When the settings were last loaded or reloaded successfully (Unix time)",
    registry=REGISTRY,
)
RELOAD_LAST_SUCCESSFUL = Gauge(
    "tokgate_reload_last_successful",
    "1 when the last reload was applied (or there was none yet), 0 when it was refused",
    registry=REGISTRY,
)

# --- TikTokApi sessions ---------------------------------------------------------------
API_SESSIONS = Gauge(
    "tokgate_api_sessions",
    "TikTokApi browser sessions, by state",
    ["state"],
    registry=REGISTRY,
)
API_SESSION_RECREATIONS = Counter(
    "tokgate_api_session_recreations",
    "Browser sessions recreated after failing",
    registry=REGISTRY,
)
API_MS_TOKENS = Gauge(
    "tokgate_api_ms_tokens",
    "Configured ms tokens, by state: usable, or refused by TikTok (never by value)",
    ["state"],
    registry=REGISTRY,
)


# --- the gRPC interceptor --------------------------------------------------------------


class MetricsInterceptor(WrappingInterceptor):
    """Counts every RPC into the ``grpc_server_*`` metrics (outermost interceptor, so calls
    refused by the API-key check are counted too)."""

    def wrapper(self, info: RpcInfo, details: grpc.HandlerCallDetails) -> HandlerWrapper:
        return _MeasuredCall(info)


class _MeasuredCall(HandlerWrapper):
    """One RPC's start, messages received and sent, status code and duration."""

    def __init__(self, info: RpcInfo) -> None:
        self._labels = {
            "grpc_type": info.rpc_type,
            "grpc_service": info.service,
            "grpc_method": info.method,
        }
        self._streaming = info.rpc_type in ("server_stream", "bidi_stream")
        self._request_streaming = info.rpc_type in ("client_stream", "bidi_stream")

    async def call(
        self, behavior: Callable[..., Awaitable[Any]], request: Any, context: ServicerContext
    ) -> Any:
        started = self._start()
        code = grpc.StatusCode.UNKNOWN
        try:
            response = await behavior(self._received(request), context)
            code = _final_code(context)
            # A stream written with context.write is not counted message by message here;
            # tokgate's streams (and grpc's health and reflection) all yield theirs.
            if not self._streaming and code is grpc.StatusCode.OK:
                GRPC_MSG_SENT.labels(**self._labels).inc()
            return response
        except BaseException as exc:
            code = _failure_code(exc, context)
            raise
        finally:
            self._finish(started, code)

    async def stream(
        self,
        behavior: Callable[..., AsyncGenerator[Any, None]],
        request: Any,
        context: ServicerContext,
    ) -> AsyncGenerator[Any, None]:
        started = self._start()
        code = grpc.StatusCode.UNKNOWN
        sent = GRPC_MSG_SENT.labels(**self._labels)
        try:
            async with contextlib.aclosing(behavior(self._received(request), context)) as messages:
                async for message in messages:
                    # Counted when handed to gRPC: after the last message of a cancelled
                    # stream the generator is never resumed to count it afterwards.
                    sent.inc()
                    yield message
            code = _final_code(context)
        except BaseException as exc:
            code = _failure_code(exc, context)
            raise
        finally:
            self._finish(started, code)

    def _start(self) -> float:
        GRPC_STARTED.labels(**self._labels).inc()
        return time.perf_counter()

    def _received(self, request: Any) -> Any:
        """The request, counted (a request stream: an iterator counting what is read)."""
        received = GRPC_MSG_RECEIVED.labels(**self._labels)
        if self._request_streaming:
            return _counted(request, received)
        received.inc()
        return request

    def _finish(self, started: float, code: grpc.StatusCode) -> None:
        GRPC_HANDLED.labels(**self._labels, grpc_code=GRPC_CODE_LABELS[code]).inc()
        GRPC_HANDLING_SECONDS.labels(**self._labels).observe(time.perf_counter() - started)


async def _counted(messages: AsyncIterator[Any], received: Counter) -> AsyncGenerator[Any, None]:
    async for message in messages:
        received.inc()
        yield message


def _final_code(context: ServicerContext) -> grpc.StatusCode:
    """The code a behaviour that returned normally ends with (OK unless it set one)."""
    return _as_status_code(context.code()) or grpc.StatusCode.OK


def _failure_code(error: BaseException, context: ServicerContext) -> grpc.StatusCode:
    """The code an RPC ends with when its behaviour raised ``error``."""
    if isinstance(error, grpc.aio.AbortError):
        return _as_status_code(context.code()) or grpc.StatusCode.UNKNOWN
    if isinstance(error, (asyncio.CancelledError, GeneratorExit)):
        return grpc.StatusCode.CANCELLED
    return grpc.StatusCode.UNKNOWN


def _as_status_code(code: object) -> grpc.StatusCode | None:
    """grpc.aio hands the code back as a StatusCode, a raw integer, or None when unset."""
    if isinstance(code, grpc.StatusCode):
        return code
    if isinstance(code, int):
        return next((c for c in grpc.StatusCode if c.value[0] == code), None)
    return None


def split_host_port(address: str) -> tuple[str, int]:
    """``"127.0.0.1:9464"`` or ``"[::1]:9464"`` as (host, port)."""
    host, separator, port = address.rpartition(":")
    if not separator or not port.isdigit():
        raise ValueError(f"{address!r} is not host:port")
    return host.strip("[]"), int(port)

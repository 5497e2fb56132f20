"""Every Prometheus metric tokgate exports, in one registry (names fixed by DESIGN.md).

Usernames are never label values (unbounded cardinality): most-failed users are a bounded
top-N in AdminService.GetErrorStats instead.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

# --- errors ---------------------------------------------------------------------------
ERRORS = Counter(
    "tokgate_errors", "Failures, counted once where they originate",
    ["kind", "status_code", "source", "classifier"], registry=REGISTRY,
)
PLUGIN_FAILURES = Counter(
    "tokgate_plugin_failures", "Third-party hook calls that raised or overran their budget",
    ["plugin", "hook"], registry=REGISTRY,
)

# --- gRPC (the names the Go and Java ecosystems already chart) ------------------------
_GRPC_LABELS = ["grpc_type", "grpc_service", "grpc_method"]
GRPC_STARTED = Counter(
    "grpc_server_started", "RPCs started on the server", _GRPC_LABELS, registry=REGISTRY
)
GRPC_HANDLED = Counter(
    "grpc_server_handled", "RPCs completed on the server, by status code",
    [*_GRPC_LABELS, "grpc_code"], registry=REGISTRY,
)
GRPC_HANDLING_SECONDS = Histogram(
    "grpc_server_handling_seconds", "RPC handling time until the status is sent",
    _GRPC_LABELS, registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600),
)
GRPC_MSG_SENT = Counter(
    "grpc_server_msg_sent", "Stream messages sent by the server", _GRPC_LABELS,
    registry=REGISTRY,
)

# --- live -----------------------------------------------------------------------------
LIVE_ROOMS = Gauge("tokgate_live_rooms", "Upstream LIVE rooms open", registry=REGISTRY)
LIVE_SUBSCRIBERS = Gauge(
    "tokgate_live_subscribers", "StreamEvents subscribers attached to rooms", registry=REGISTRY
)
LIVE_EVENTS = Counter(
    "tokgate_live_events", "LIVE events received from upstream, by type", ["type"],
    registry=REGISTRY,
)
LIVE_EVENTS_DROPPED = Counter(
    "tokgate_live_events_dropped", "LIVE events not delivered, by reason", ["reason"],
    registry=REGISTRY,
)
LIVE_RECONNECTS = Counter(
    "tokgate_live_reconnects", "Upstream reconnects, by the kind of failure that caused them",
    ["kind"], registry=REGISTRY,
)
LIVE_EVENT_DELAY_SECONDS = Histogram(
    "tokgate_live_event_delay_seconds", "From upstream receipt to the write to a subscriber",
    registry=REGISTRY,
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)

# --- TikTokApi sessions ---------------------------------------------------------------
API_SESSIONS = Gauge(
    "tokgate_api_sessions", "TikTokApi browser sessions, by state", ["state"],
    registry=REGISTRY,
)
API_SESSION_RECREATIONS = Counter(
    "tokgate_api_session_recreations", "Browser sessions recreated after failing",
    registry=REGISTRY,
)

"""Build deploy/grafana/tokgate-dashboard.json from the panel list below.

The dashboard is generated so its ~20 panels share one layout and one query style instead of
being hand-edited JSON twins. Run it after changing a panel; tests/deploy checks that the
committed JSON matches (``--check``) and that every metric it queries exists on /metrics.

    python deploy/grafana/build_dashboard.py          # rewrite the JSON
    python deploy/grafana/build_dashboard.py --check  # exit 1 when the JSON is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DASHBOARD_PATH = Path(__file__).with_name("tokgate-dashboard.json")
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
SELECTOR = 'job=~"$job", instance=~"$instance"'
RATE = "$__rate_interval"
# gRPC codes that mean tokgate or TikTok failed, not the caller (same list as the rules), as
# grpc_code spells them: Go's grpc-prometheus spelling, so Go services' series match too.
SERVER_FAULT_CODES = "Unknown|Internal|Unavailable|DeadlineExceeded|DataLoss"
FAULT_SELECTOR = f'grpc_code=~"{SERVER_FAULT_CODES}"'
# Cache lookups that made no upstream request.
SAVED_SELECTOR = 'result=~"hit|coalesced"'
PANEL_WIDTH, PANEL_HEIGHT, GRID_COLUMNS = 12, 8, 24


@dataclass(frozen=True)
class Query:
    """One PromQL target of a panel and its legend."""

    expr: str
    legend: str


@dataclass(frozen=True)
class Panel:
    """A time series (or other visualisation) panel."""

    title: str
    description: str
    queries: tuple[Query, ...]
    unit: str = "short"
    kind: str = "timeseries"
    stacked: bool = False
    width: int = PANEL_WIDTH


@dataclass(frozen=True)
class Row:
    """A collapsible row of panels."""

    title: str
    panels: tuple[Panel, ...] = field(default_factory=tuple)


def quantiles(bucket: str, by: str, extra_selector: str = "") -> tuple[Query, ...]:
    """p50/p95/p99 of a histogram, one series per ``by`` value."""
    group = f"le, {by}" if by else "le"
    legend_prefix = "{{" + by + "}} " if by else ""
    series = selected(bucket, extra_selector)
    return tuple(
        Query(
            f"histogram_quantile({q}, sum by ({group}) (rate({series}[{RATE}])))",
            f"{legend_prefix}p{int(q * 100)}",
        )
        for q in (0.5, 0.95, 0.99)
    )


def selected(metric: str, extra_selector: str = "") -> str:
    """``metric`` restricted to the dashboard's job and instance (and ``extra_selector``)."""
    selector = f"{SELECTOR}, {extra_selector}" if extra_selector else SELECTOR
    return f"{metric}{{{selector}}}"


def rate_by(metric: str, by: str, legend: str, extra_selector: str = "") -> Query:
    """Per-second rate of a counter, summed by the given labels."""
    return Query(f"sum by ({by}) (rate({selected(metric, extra_selector)}[{RATE}]))", legend)


def per_minute_by(metric: str, by: str, legend: str) -> Query:
    """Per-minute rate of a counter (for rare events), summed by the given labels."""
    return Query(f"sum by ({by}) (rate({selected(metric)}[{RATE}])) * 60", legend)


ROWS: tuple[Row, ...] = (
    Row(
        "Errors",
        (
            Panel(
                "Error rate by kind",
                "tokgate_errors_total: failures per second, counted once where they originate.",
                (rate_by("tokgate_errors_total", "kind", "{{kind}}"),),
                unit="reqps",
                stacked=True,
            ),
            Panel(
                "TikTok status codes of errors",
                "TikTok's statusCode of each failure (none: none was seen), over the time range.",
                (
                    Query(
                        f"sum by (status_code) (increase({selected('tokgate_errors_total')}"
                        "[$__range]))",
                        "{{status_code}}",
                    ),
                ),
                kind="piechart",
            ),
            Panel(
                "Error rate by source",
                "Where failures originate: live, users, admin or server.",
                (rate_by("tokgate_errors_total", "source", "{{source}}"),),
                unit="reqps",
                stacked=True,
            ),
            Panel(
                "Error rate by classifier",
                "Which plugin classified the failures (a third-party one overrides the built-ins).",
                (rate_by("tokgate_errors_total", "classifier", "{{classifier}}"),),
                unit="reqps",
            ),
        ),
    ),
    Row(
        "gRPC",
        (
            Panel(
                "Request rate by method",
                "RPCs started per second.",
                (
                    rate_by(
                        "grpc_server_started_total", "grpc_service, grpc_method", "{{grpc_method}}"
                    ),
                ),
                unit="reqps",
            ),
            Panel(
                "gRPC status codes",
                "RPCs completed per second, by the status code they ended with.",
                (rate_by("grpc_server_handled_total", "grpc_code", "{{grpc_code}}"),),
                unit="reqps",
                stacked=True,
            ),
            Panel(
                "Unary latency by method (p50/p95/p99)",
                "grpc_server_handling_seconds of unary calls (a stream's time is its whole life).",
                quantiles(
                    "grpc_server_handling_seconds_bucket", "grpc_method", 'grpc_type="unary"'
                ),
                unit="s",
            ),
            Panel(
                "Error ratio by method",
                f"Share of RPCs ending {SERVER_FAULT_CODES.replace('|', ', ')} "
                "(tokgate's or TikTok's fault, not the caller's).",
                (
                    Query(
                        "sum by (grpc_method) (rate("
                        f"{selected('grpc_server_handled_total', FAULT_SELECTOR)}[{RATE}]))"
                        " / sum by (grpc_method) (rate("
                        f"{selected('grpc_server_handled_total')}[{RATE}]))",
                        "{{grpc_method}}",
                    ),
                ),
                unit="percentunit",
            ),
            Panel(
                "Messages sent and received by method",
                "Messages written to server streams (StreamEvents) and requests read, per second.",
                (
                    rate_by("grpc_server_msg_sent_total", "grpc_method", "sent {{grpc_method}}"),
                    rate_by(
                        "grpc_server_msg_received_total", "grpc_method", "received {{grpc_method}}"
                    ),
                ),
                unit="reqps",
            ),
            Panel(
                "Stream duration by method (p50/p95/p99)",
                "grpc_server_handling_seconds of server streams: how long subscribers stay.",
                quantiles(
                    "grpc_server_handling_seconds_bucket",
                    "grpc_method",
                    'grpc_type="server_stream"',
                ),
                unit="s",
            ),
            Panel(
                "Quota refusals by quota",
                "Calls refused RESOURCE_EXHAUSTED by a per-caller quota, per second: "
                "caller_max_streams, caller_max_rooms, caller_unary_rate. Which caller: "
                "AdminService.ListCallers.",
                (rate_by("tokgate_quota_refusals_total", "quota", "{{quota}}"),),
                unit="ops",
                stacked=True,
            ),
        ),
    ),
    Row(
        "LIVE",
        (
            Panel(
                "Live rooms",
                "Upstream LIVE rooms open (one TikTokLive connection each).",
                (Query(f"sum by (instance) ({selected('tokgate_live_rooms')})", "{{instance}}"),),
            ),
            Panel(
                "Subscribers",
                "StreamEvents subscribers attached to rooms.",
                (
                    Query(
                        f"sum by (instance) ({selected('tokgate_live_subscribers')})",
                        "{{instance}}",
                    ),
                ),
            ),
            Panel(
                "Events per second by type",
                "LIVE events received from upstream.",
                (rate_by("tokgate_live_events_total", "type", "{{type}}"),),
                unit="ops",
                stacked=True,
            ),
            Panel(
                "Dropped events by reason",
                "Events not delivered to a subscriber (see docs/observability.md for the reasons).",
                (rate_by("tokgate_live_events_dropped_total", "reason", "{{reason}}"),),
                unit="ops",
            ),
            Panel(
                "Wire drift: untyped and undecodable messages by type",
                "TikTok messages delivered as OtherEvent: of a type tokgate has no typed event "
                "for (untyped; unknown when the pinned schema lacks it too: TikTok added it), or "
                "whose payload failed to decode (undecodable: TikTok changed that type's wire). "
                "A new or rising type is the first sign of a change.",
                (
                    rate_by(
                        "tokgate_live_untyped_messages_total", "type_name", "untyped {{type_name}}"
                    ),
                    rate_by(
                        "tokgate_live_unknown_message_types_total",
                        "type_name",
                        "unknown to the schema {{type_name}}",
                    ),
                    rate_by(
                        "tokgate_live_undecodable_messages_total",
                        "type_name",
                        "undecodable {{type_name}}",
                    ),
                ),
                unit="ops",
            ),
            Panel(
                "Reconnects by kind",
                "Upstream reconnects per second, by the error kind that caused them.",
                (rate_by("tokgate_live_reconnects_total", "kind", "{{kind}}"),),
                unit="ops",
                stacked=True,
            ),
            Panel(
                "Events per batched message (p50/p95/p99)",
                "tokgate_live_batch_events: how full the messages of streams that asked for "
                "batching are; near 1 means the subscribers' max_delay is too short to batch.",
                quantiles("tokgate_live_batch_events_bucket", ""),
            ),
            Panel(
                "Resumes by result",
                "StreamEvents calls that resumed after a position: recovered exactly, gap (the "
                "position was older than the room's history: raise room_history_max_bytes or "
                "_max_age if this rises), or unknown_epoch (the room's log was made anew, e.g. "
                "after a restart).",
                (rate_by("tokgate_live_resumes_total", "result", "{{result}}"),),
                unit="ops",
                stacked=True,
            ),
            Panel(
                "Event delay (p50/p95/p99)",
                "From upstream receipt to the write to a subscriber.",
                quantiles("tokgate_live_event_delay_seconds_bucket", ""),
                unit="s",
            ),
        ),
    ),
    Row(
        "Cluster mode",
        (
            Panel(
                "Redis reachable, by replica",
                "tokgate_cluster_redis_up: 1 while a replica reaches the cluster's Redis. At 0 its "
                "streams pause (CLUSTER_UNAVAILABLE) and end after cluster_outage_grace.",
                (
                    Query(
                        f"min by (instance) ({selected('tokgate_cluster_redis_up')})",
                        "{{instance}}",
                    ),
                ),
            ),
            Panel(
                "Rooms owned, by replica",
                "tokgate_cluster_rooms_owned: rooms whose lease and upstream each replica holds; "
                "they should spread over the replicas.",
                (
                    Query(
                        f"sum by (instance) ({selected('tokgate_cluster_rooms_owned')})",
                        "{{instance}}",
                    ),
                ),
                stacked=True,
            ),
            Panel(
                "Lease changes by event",
                "tokgate_cluster_leases_total per minute: acquired, taken_over (failover), "
                "released, lost (a replica too slow or cut off from Redis).",
                (per_minute_by("tokgate_cluster_leases_total", "event", "{{event}}"),),
            ),
        ),
    ),
    Row(
        "TikTokApi sessions",
        (
            Panel(
                "Browser sessions by state",
                "tokgate_api_sessions: the session supervisor's pool (healthy ones serve queries).",
                (Query(f"sum by (state) ({selected('tokgate_api_sessions')})", "{{state}}"),),
                stacked=True,
            ),
            Panel(
                "Session recreations",
                "Browser sessions recreated after failing, per minute.",
                (
                    per_minute_by(
                        "tokgate_api_session_recreations_total", "instance", "{{instance}}"
                    ),
                ),
                unit="short",
            ),
            Panel(
                "ms tokens by state",
                "tokgate_api_ms_tokens: tokens sessions may open on (usable) and tokens the "
                "sessions' own answers blamed (refused); refused ones need replacing.",
                (Query(f"sum by (state) ({selected('tokgate_api_ms_tokens')})", "{{state}}"),),
                stacked=True,
            ),
        ),
    ),
    Row(
        "Query cache",
        (
            Panel(
                "Cache lookups by RPC and result",
                "tokgate_cache_lookups_total: calls of cached RPCs answered from a held answer "
                "(hit), by a new upstream request (miss), by joining one in flight (coalesced) "
                "or fresh on the caller's cache-control: no-cache (bypass).",
                (rate_by("tokgate_cache_lookups_total", "rpc, result", "{{rpc}} {{result}}"),),
                unit="reqps",
                stacked=True,
            ),
            Panel(
                "Upstream requests saved by RPC",
                "Share of calls of each cached RPC that made no upstream request (hits and "
                "coalesced waiters); the rest reached TikTok.",
                (
                    Query(
                        "sum by (rpc) (rate("
                        f"{selected('tokgate_cache_lookups_total', SAVED_SELECTOR)}"
                        f"[{RATE}])) / sum by (rpc) (rate("
                        f"{selected('tokgate_cache_lookups_total')}[{RATE}]))",
                        "{{rpc}}",
                    ),
                ),
                unit="percentunit",
            ),
            Panel(
                "Cache evictions by RPC and reason",
                "tokgate_cache_evictions_total per minute: answers past their TTL (expired) and "
                "answers pushed out by query_cache_max_bytes / _max_entries (bounds; if this "
                "rises, the cache is too small for the keys asked within a TTL).",
                (
                    per_minute_by(
                        "tokgate_cache_evictions_total", "rpc, reason", "{{rpc}} {{reason}}"
                    ),
                ),
            ),
        ),
    ),
    Row(
        "Buffers and reloads",
        (
            Panel(
                "Buffered bytes by buffer",
                "tokgate_buffer_bytes: what each kind of bounded buffer holds, summed over its "
                "instances (subscriber queues hold references to bytes their room shares).",
                (
                    Query(
                        f"sum by (buffer) ({selected('tokgate_buffer_bytes')})",
                        "{{buffer}}",
                    ),
                ),
                unit="bytes",
            ),
            Panel(
                "Buffered entries by buffer",
                "tokgate_buffer_entries: entries held by each kind of bounded buffer.",
                (
                    Query(
                        f"sum by (buffer) ({selected('tokgate_buffer_entries')})",
                        "{{buffer}}",
                    ),
                ),
            ),
            Panel(
                "Oldest buffered entry by buffer",
                "tokgate_buffer_oldest_age_seconds: a subscriber queue's oldest event nearing "
                "subscriber_queue_max_age is a subscriber about to overflow.",
                (
                    Query(
                        f"max by (buffer) ({selected('tokgate_buffer_oldest_age_seconds')})",
                        "{{buffer}}",
                    ),
                ),
                unit="s",
            ),
            Panel(
                "Reloads by result",
                "SIGHUP and watched-file reloads per minute (refused: the old settings stay), "
                "and whether the last one was applied (1) or refused (0).",
                (
                    per_minute_by(
                        "tokgate_reloads_total", "trigger, result", "{{trigger}} {{result}}"
                    ),
                    Query(
                        f"min by (instance) ({selected('tokgate_reload_last_successful')})",
                        "last applied {{instance}}",
                    ),
                    Query(
                        f"time() - max by (instance) "
                        f"({selected('tokgate_reload_last_success_timestamp_seconds')})",
                        "seconds since the last good load {{instance}}",
                    ),
                ),
            ),
        ),
    ),
    Row(
        "Plugins",
        (
            Panel(
                "Plugin failures by plugin and hook",
                "Third-party hook calls that raised or overran their budget, and "
                "tokgate_error_handled notifications dropped on a full queue, per minute.",
                (
                    per_minute_by(
                        "tokgate_plugin_failures_total", "plugin, hook", "{{plugin}} {{hook}}"
                    ),
                    per_minute_by(
                        "tokgate_error_notifications_dropped_total",
                        "instance",
                        "notifications dropped {{instance}}",
                    ),
                ),
                width=GRID_COLUMNS,
            ),
        ),
    ),
    Row(
        "Build",
        (
            Panel(
                "Instances by version",
                "tokgate_build_info: how many instances run each tokgate, contract and TikTok "
                "library version (a rollout shows as one line handing over to another).",
                (
                    Query(
                        "count by (version, contract, tiktoklive, tiktokapi) "
                        f"({selected('tokgate_build_info')})",
                        "tokgate {{version}}, contract {{contract}}, TikTokLive {{tiktoklive}}, "
                        "TikTokApi {{tiktokapi}}",
                    ),
                ),
                width=GRID_COLUMNS,
            ),
        ),
    ),
)


def _panel_json(panel: Panel, panel_id: int, x: int, y: int) -> dict[str, Any]:
    custom: dict[str, Any] = {}
    if panel.kind == "timeseries":
        custom = {
            "drawStyle": "line",
            "lineWidth": 1,
            "fillOpacity": 10,
            "showPoints": "never",
            "stacking": {"mode": "normal" if panel.stacked else "none", "group": "A"},
        }
    result: dict[str, Any] = {
        "id": panel_id,
        "type": panel.kind,
        "title": panel.title,
        "description": panel.description,
        "datasource": DATASOURCE,
        "gridPos": {"x": x, "y": y, "w": panel.width, "h": PANEL_HEIGHT},
        "fieldConfig": {"defaults": {"unit": panel.unit, "custom": custom}, "overrides": []},
        "options": {
            "legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
            "tooltip": {"mode": "multi", "sort": "desc"},
        },
        "targets": [
            {
                "datasource": DATASOURCE,
                "expr": query.expr,
                "legendFormat": query.legend,
                "refId": chr(ord("A") + index),
                # A pie shows one value per series: the increase over the whole range.
                "instant": panel.kind == "piechart",
                "range": panel.kind != "piechart",
            }
            for index, query in enumerate(panel.queries)
        ],
    }
    if panel.kind == "piechart":
        result["options"]["reduceOptions"] = {"calcs": ["lastNotNull"], "values": False}
        result["options"]["pieType"] = "pie"
    return result


def _variable(name: str, label: str, query: str) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "type": "query",
        "datasource": DATASOURCE,
        "query": {"query": query, "refId": f"{name}-values"},
        "definition": query,
        "refresh": 2,
        "includeAll": True,
        "multi": True,
        "allValue": ".*",
        "current": {"selected": True, "text": ["All"], "value": ["$__all"]},
        "sort": 1,
    }


def build_dashboard() -> dict[str, Any]:
    """The dashboard as Grafana's JSON model (schema 39, Grafana 10 and later)."""
    panels: list[dict[str, Any]] = []
    panel_id, y = 1, 0
    for row in ROWS:
        panels.append(
            {
                "id": panel_id,
                "type": "row",
                "title": row.title,
                "collapsed": False,
                "gridPos": {"x": 0, "y": y, "w": GRID_COLUMNS, "h": 1},
                "panels": [],
            }
        )
        panel_id, y, x = panel_id + 1, y + 1, 0
        for panel in row.panels:
            if x + panel.width > GRID_COLUMNS:
                x, y = 0, y + PANEL_HEIGHT
            panels.append(_panel_json(panel, panel_id, x, y))
            panel_id, x = panel_id + 1, x + panel.width
        y += PANEL_HEIGHT
    return {
        "uid": "tokgate-overview",
        "title": "tokgate",
        "description": "tokgate: errors by kind, gRPC, LIVE rooms, TikTokApi sessions, plugins. "
        "See docs/observability.md.",
        "tags": ["tokgate", "grpc", "tiktok"],
        "editable": True,
        "graphTooltip": 1,
        "refresh": "30s",
        "schemaVersion": 39,
        "version": 1,
        "time": {"from": "now-6h", "to": "now"},
        "timepicker": {},
        "annotations": {"list": []},
        "links": [],
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "label": "Data source",
                    "type": "datasource",
                    "query": "prometheus",
                    "refresh": 1,
                    "regex": "",
                    "hide": 0,
                    "current": {"selected": False, "text": "Prometheus", "value": "prometheus"},
                },
                _variable("job", "Job", "label_values(tokgate_live_rooms, job)"),
                _variable(
                    "instance",
                    "Instance",
                    'label_values(tokgate_live_rooms{job=~"$job"}, instance)',
                ),
            ]
        },
        "panels": panels,
    }


def render() -> str:
    """The committed file's exact text."""
    return json.dumps(build_dashboard(), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail when the JSON is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DASHBOARD_PATH.read_text() if DASHBOARD_PATH.exists() else ""
        if current != text:
            print(f"{DASHBOARD_PATH} is stale: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    DASHBOARD_PATH.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

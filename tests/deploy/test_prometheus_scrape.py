"""A real Prometheus (Debian's) scrapes a running tokgate every second, with tokgate's rules
loaded: errors provoked through the simulator show up in ``tokgate_errors_total`` by kind,
a sign-server 429 carries the labels TokgateSignRateLimited matches, the gRPC codes carry the
label values the rules expect, and every dashboard query and rule is one Prometheus accepts."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
import yaml
from tokgate.testing import ManagedProcess, ServerHandle, free_port
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc, users_pb2, users_pb2_grpc

RULES = Path(__file__).resolve().parents[2] / "deploy" / "prometheus" / "rules"
READY_TIMEOUT = 30.0
SCRAPE_TIMEOUT = 30.0
# Grafana's variables, as a one-off query would fill them in.
GRAFANA_VARIABLES = {
    "$__rate_interval": "1m",
    "$__range": "5m",
    "$job": ".*",
    "$instance": ".*",
}


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return ["--sessions", "1"]  # one browser session for the GetUser test


class Prometheus:
    """The HTTP API of the Prometheus under test."""

    def __init__(self, url: str) -> None:
        self.url = url

    def query(self, promql: str) -> list[dict[str, Any]]:
        """An instant query's result vector; fails the test on a query error."""
        response = httpx.get(f"{self.url}/api/v1/query", params={"query": promql}, timeout=10)
        body = response.json()
        assert body["status"] == "success", f"{promql}: {body}"
        result: list[dict[str, Any]] = body["data"]["result"]
        return result

    def wait_for(self, promql: str, labels: tuple[str, ...], wanted: set[tuple[str, ...]]) -> None:
        """Poll ``promql`` until its series cover ``wanted`` (values of ``labels``)."""
        deadline = time.monotonic() + SCRAPE_TIMEOUT
        seen: set[tuple[str, ...]] = set()
        while time.monotonic() < deadline:
            seen = {
                tuple(series["metric"].get(label, "") for label in labels)
                for series in self.query(promql)
            }
            if wanted <= seen:
                return
            time.sleep(0.5)
        pytest.fail(f"{promql}: wanted {sorted(wanted)}, Prometheus has {sorted(seen)}")


@pytest.fixture(scope="module")
def prometheus(
    server: ServerHandle, prometheus_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Prometheus]:
    directory = tmp_path_factory.mktemp("prometheus")
    config = directory / "prometheus.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                "rule_files": [str(RULES / "tokgate.rules.yml")],
                "scrape_configs": [
                    {
                        "job_name": "tokgate",
                        "static_configs": [{"targets": [f"127.0.0.1:{server.metrics_port}"]}],
                    }
                ],
            }
        )
    )
    port = free_port()
    process = ManagedProcess(
        [
            prometheus_binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={directory / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        dict(os.environ),
        directory / "prometheus.log",
    )
    process.start()
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + READY_TIMEOUT
        while not _ready(url):
            if not process.alive() or time.monotonic() > deadline:
                pytest.fail(f"Prometheus did not become ready:\n{process.logs()}")
            time.sleep(0.2)
        yield Prometheus(url)
    finally:
        process.stop()


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/-/ready", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _stream_error(channel: grpc.Channel, unique_id: str) -> grpc.StatusCode:
    """Open StreamEvents for ``unique_id`` and return the code it fails with."""
    stub = live_pb2_grpc.LiveServiceStub(channel)
    try:
        for _ in stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id=unique_id), timeout=30):
            pass
    except grpc.RpcError as error:
        return error.code()
    pytest.fail(f"StreamEvents({unique_id!r}) ended without an error")


def _first_status(channel: grpc.Channel, unique_id: str) -> live_pb2.StreamStatus:
    """Open StreamEvents for ``unique_id``, return its first in-band status, then hang up."""
    stub = live_pb2_grpc.LiveServiceStub(channel)
    call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id=unique_id), timeout=30)
    try:
        for response in call:
            if response.event.WhichOneof("event") == "status":
                return response.event.status
    finally:
        call.cancel()
    pytest.fail(f"StreamEvents({unique_id!r}) ended without a status")


def _get_user_error(channel: grpc.Channel, unique_id: str) -> grpc.StatusCode:
    stub = users_pb2_grpc.UserServiceStub(channel)
    try:
        stub.GetUser(users_pb2.GetUserRequest(unique_id=unique_id), timeout=45)
    except grpc.RpcError as error:
        return error.code()
    pytest.fail(f"GetUser({unique_id!r}) succeeded")


@pytest.fixture(scope="module")
def provoked_errors(server: ServerHandle, prometheus: Prometheus) -> None:
    """LIVE failures of three kinds, through the simulator."""
    channel = server.channel()
    assert _stream_error(channel, "sim_offline") == grpc.StatusCode.FAILED_PRECONDITION
    assert _stream_error(channel, "sim_not_found") == grpc.StatusCode.NOT_FOUND
    assert _stream_error(channel, "not a user!") == grpc.StatusCode.INVALID_ARGUMENT


def test_prometheus_sees_tokgate_errors_by_kind(
    prometheus: Prometheus, provoked_errors: None
) -> None:
    prometheus.wait_for(
        'sum by (kind, source) (tokgate_errors_total{job="tokgate"})',
        ("kind", "source"),
        {("user_offline", "live"), ("user_not_found", "live")},
    )
    prometheus.wait_for(
        'sum by (kind) (tokgate_errors_total{job="tokgate"})', ("kind",), {("invalid_argument",)}
    )


def test_sign_rate_limiting_has_the_labels_the_alert_matches(
    server: ServerHandle, prometheus: Prometheus
) -> None:
    """A sign-server 429 is a live rate_limit error and a reconnect (TokgateSignRateLimited)."""
    status = _first_status(server.channel(), "sim_sign_rate_limited")
    assert status.error.kind == errors_pb2.ERROR_KIND_RATE_LIMIT
    prometheus.wait_for(
        'tokgate_errors_total{job="tokgate", kind="rate_limit", source="live"}',
        ("status_code",),
        {("429",)},
    )
    prometheus.wait_for(
        'tokgate_live_reconnects_total{job="tokgate"}', ("kind",), {("rate_limit",)}
    )


@pytest.mark.browser
def test_prometheus_sees_user_query_errors(server: ServerHandle, prometheus: Prometheus) -> None:
    """GetUser runs in a real browser session against the simulator."""
    assert _get_user_error(server.channel(), "sim_user_not_found") == grpc.StatusCode.NOT_FOUND
    prometheus.wait_for(
        'sum by (kind, source) (tokgate_errors_total{job="tokgate"})',
        ("kind", "source"),
        {("user_not_found", "users")},
    )
    prometheus.wait_for(
        'sum by (grpc_method, grpc_code) (grpc_server_handled_total{job="tokgate"})',
        ("grpc_method", "grpc_code"),
        {("GetUser", "NotFound")},
    )


def test_grpc_codes_carry_the_names_the_rules_match(
    prometheus: Prometheus, provoked_errors: None
) -> None:
    """grpc_code reaches Prometheus spelt as the rules and the dashboard match it (Go's
    grpc-prometheus spelling)."""
    prometheus.wait_for(
        'sum by (grpc_method, grpc_code) (grpc_server_handled_total{job="tokgate"})',
        ("grpc_method", "grpc_code"),
        {
            ("StreamEvents", "FailedPrecondition"),
            ("StreamEvents", "NotFound"),
            ("StreamEvents", "InvalidArgument"),
        },
    )


def test_prometheus_accepts_every_dashboard_query(
    prometheus: Prometheus, dashboard_queries: list[str]
) -> None:
    for query in dashboard_queries:
        prometheus.query(_filled_in(query))


def _filled_in(query: str) -> str:
    """A dashboard query with Grafana's variables replaced by values."""
    for variable, value in GRAFANA_VARIABLES.items():
        query = query.replace(variable, value)
    return query


def test_tokgate_rules_evaluate_against_real_series(
    prometheus: Prometheus, provoked_errors: None
) -> None:
    prometheus.wait_for(
        "tokgate:errors:rate5m", ("kind",), {("user_offline",), ("user_not_found",)}
    )
    response = httpx.get(f"{prometheus.url}/api/v1/rules", timeout=10).json()
    rules = [rule for group in response["data"]["groups"] for rule in group["rules"]]
    assert rules
    assert [rule["name"] for rule in rules if rule["health"] != "ok"] == []

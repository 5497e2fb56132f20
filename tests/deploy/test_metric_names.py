"""Every metric the dashboard and the rules query is one a running tokgate exports.

prometheus-client prints a family's ``# TYPE`` line even before a labelled metric has its
first sample, so the names come from a real server's /metrics page: each family with the
series names its type produces (a counter ``x`` as ``x_total``, a histogram as ``x_bucket``,
``x_sum`` and ``x_count``), plus every sample actually present.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from tokgate.metrics import GRPC_CODE_LABELS
from tokgate.testing import run_server

RULE_TESTS = Path(__file__).resolve().parents[2] / "deploy/prometheus/rules/tokgate.rules.test.yml"

# What a family of each type exposes, by suffix.
SERIES_SUFFIXES = {
    "counter": ("_total", "_created"),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "summary": ("", "_sum", "_count", "_created"),
    "untyped": ("",),
}
# Series Prometheus makes itself, not tokgate.
PROMETHEUS_SERIES = {"up"}
PROMQL_WORDS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "bool",
    "offset",
    "inf",
    "nan",
}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGE = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_IDENTIFIER = re.compile(r"(?<![\w:.$])([A-Za-z_:][\w:]*)(?![\w:])(?!\s*\()")
_GRPC_CODE_MATCHER = re.compile(r'grpc_code\s*(?:=~|!~|!=|=)\s*"([^"]*)"')


def series_names(expr: str) -> set[str]:
    """The metric names a PromQL expression reads (not functions, labels or keywords)."""
    bare = _STRING.sub('""', expr)
    bare = _MATCHERS.sub(" ", bare)
    bare = _RANGE.sub(" ", bare)
    bare = _GROUPING.sub(" ", bare)
    return {name for name in _IDENTIFIER.findall(bare) if name.lower() not in PROMQL_WORDS}


def exported_series(metrics_page: str) -> set[str]:
    names: set[str] = set()
    for family in text_string_to_metric_families(metrics_page):
        names.update(family.name + suffix for suffix in SERIES_SUFFIXES[family.type])
        names.update(sample.name for sample in family.samples)
    return names


def test_series_names_reads_metrics_and_skips_the_rest() -> None:
    expr = (
        "histogram_quantile(0.99, sum by (le, grpc_method) (rate(grpc_server_handling_seconds"
        '_bucket{job=~"$job", grpc_code=~"A|B"}[$__rate_interval]))) / on (job) group_left '
        "tokgate:errors:rate5m unless (sum without (x) (up) > 0) * 60"
    )
    assert series_names(expr) == {
        "grpc_server_handling_seconds_bucket",
        "tokgate:errors:rate5m",
        "up",
    }


@pytest.fixture(scope="module")
def metrics_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A running tokgate's /metrics page (no upstream or browser needed for the names)."""
    with run_server(args=["--sessions", "0"], workdir=tmp_path_factory.mktemp("server")) as server:
        return server.metrics()


@pytest.fixture(scope="module")
def exported(metrics_page: str) -> set[str]:
    return exported_series(metrics_page)


def test_dashboard_metrics_exist_on_a_running_tokgate(
    exported: set[str], dashboard_queries: list[str]
) -> None:
    used = set().union(*(series_names(query) for query in dashboard_queries))
    assert used, "no metric names found in the dashboard"
    assert used - exported == set(), "the dashboard queries metrics tokgate does not export"


def test_rule_metrics_exist_on_a_running_tokgate(
    exported: set[str], rule_groups: list[dict[str, Any]], rule_exprs: list[str]
) -> None:
    recorded = {
        str(rule["record"])
        for group in rule_groups
        for rule in group["rules"]
        if isinstance(rule, dict) and "record" in rule
    }
    used = set().union(*(series_names(expr) for expr in rule_exprs))
    assert used - exported - recorded - PROMETHEUS_SERIES == set()


def test_dashboard_charts_every_metric_tokgate_exports(
    metrics_page: str, dashboard_queries: list[str]
) -> None:
    used = set().union(*(series_names(query) for query in dashboard_queries))
    families = {
        family.name
        for family in text_string_to_metric_families(metrics_page)
        # The text format lists each counter's and histogram's creation time as a gauge family.
        if family.name.startswith(("tokgate_", "grpc_server_"))
        and not family.name.endswith("_created")
    }
    uncharted = {
        name
        for name in families
        if not any(name + suffix in used for suffix in ("", "_total", "_bucket"))
    }
    assert uncharted == set()


def grpc_codes_matched(expr: str) -> set[str]:
    """The grpc_code values an expression's matchers name (regex alternatives split)."""
    return {
        value for match in _GRPC_CODE_MATCHER.findall(expr) for value in match.split("|") if value
    }


def test_grpc_codes_matched_reads_plain_and_regex_matchers() -> None:
    expr = 'rate(x{a="b", grpc_code=~"Internal|DataLoss"}[5m]) / y{grpc_code!="OK"}'
    assert grpc_codes_matched(expr) == {"Internal", "DataLoss", "OK"}


def test_rules_and_dashboard_match_grpc_codes_tokgate_writes(
    dashboard_queries: list[str], rule_exprs: list[str]
) -> None:
    """grpc_code is Go's grpc-prometheus spelling (``DeadlineExceeded``, ``Canceled``): a
    matcher spelt any other way (``DEADLINE_EXCEEDED``, ``Cancelled``) silently matches
    nothing."""
    matched = set().union(*(grpc_codes_matched(expr) for expr in [*dashboard_queries, *rule_exprs]))
    assert matched, "no grpc_code matcher found in the dashboard or the rules"
    assert matched - set(GRPC_CODE_LABELS.values()) == set()
    assert grpc_codes_matched(RULE_TESTS.read_text()) - set(GRPC_CODE_LABELS.values()) == set()

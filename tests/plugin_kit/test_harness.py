"""The kit's pytest plugin in tokgate's own run (its ``pytest11`` entry point loads it): the
``tokgate_harness`` fixture runs a plugin through the real pipeline, budget and strikes
included, and ErrorDetails compare with a readable diff."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from tokgate.errors.hookspecs import ErrorKind, hookimpl, new_detail
from tokgate.plugin_kit import PluginHarness, assert_detail
from tokgate.plugin_kit.pytest_plugin import pytest_assertrepr_compare
from tokgate.v1 import admin_pb2, errors_pb2

Harness = Callable[..., PluginHarness]


class Offline:
    """Re-classifies every reset connection as USER_OFFLINE."""

    @hookimpl
    def tokgate_classify_error(self, error: BaseException) -> errors_pb2.ErrorDetail | None:
        if isinstance(error, ConnectionResetError):
            return new_detail(ErrorKind.ERROR_KIND_USER_OFFLINE, "gone", error=error)
        return None


class Hanging:
    def __init__(self) -> None:
        self.release = threading.Event()

    @hookimpl
    def tokgate_enrich_error(self, detail: errors_pb2.ErrorDetail) -> None:
        self.release.wait(5)
        detail.suggestions.append("too late")


def test_the_plugin_answers_before_the_builtins(tokgate_harness: Harness) -> None:
    harness = tokgate_harness(Offline())
    error = ConnectionResetError("reset")
    assert_detail(harness.report(error), kind="USER_OFFLINE", classifier="under_test")
    assert_detail(harness.builtin(error), kind="NETWORK", classifier="tokgate.network")


def test_a_hanging_plugin_is_struck_then_disabled(tokgate_harness: Harness) -> None:
    hanging = Hanging()
    harness = tokgate_harness(hanging, timeout=0.05, max_strikes=2)
    try:
        error = ConnectionResetError("reset")
        for _ in range(2):
            assert "too late" not in harness.report(error).suggestions
    finally:
        hanging.release.set()
    assert harness.record.failures == 2
    assert harness.record.state == admin_pb2.PLUGIN_STATE_DISABLED
    assert "no answer within 0.05s" in harness.record.disabled_reason


class Notified:
    """Keeps the kind of every failure it is told about, and fails on the second."""

    def __init__(self) -> None:
        self.kinds: list[int] = []

    @hookimpl
    def tokgate_error_handled(self, detail: errors_pb2.ErrorDetail) -> None:
        self.kinds.append(detail.kind)
        if len(self.kinds) == 2:
            raise RuntimeError("webhook down")


def test_report_returns_after_the_handled_hook_ran(tokgate_harness: Harness) -> None:
    """What ``tokgate serve`` runs in the background has run, strikes counted, when
    ``report`` returns, so a notifier's test can check what it sent."""
    plugin = Notified()
    harness = tokgate_harness(plugin)
    harness.report(ConnectionResetError("reset"))
    assert plugin.kinds == [ErrorKind.ERROR_KIND_NETWORK]
    assert harness.record.failures == 0
    harness.report(TimeoutError("slow"))
    assert plugin.kinds == [ErrorKind.ERROR_KIND_NETWORK, ErrorKind.ERROR_KIND_TIMEOUT]
    assert harness.record.failures == 1


def test_an_unknown_installed_plugin_is_named() -> None:
    with pytest.raises(LookupError, match="no installed tokgate plugin is named 'nope'"):
        PluginHarness("nope")


def _detail() -> errors_pb2.ErrorDetail:
    return new_detail(ErrorKind.ERROR_KIND_RATE_LIMIT, "slow down", suggestions=["wait"])


def test_a_mismatch_shows_only_the_fields_that_differ() -> None:
    with pytest.raises(AssertionError) as failed:
        assert_detail(_detail(), kind="USER_OFFLINE", suggestions=["wait", "retry"], retry_after=5)
    diff = str(failed.value).splitlines()
    assert diff[0] == "ErrorDetail differs:"
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    assert changed == [
        "-kind: ERROR_KIND_USER_OFFLINE",
        "+kind: ERROR_KIND_RATE_LIMIT",
        '-suggestions: "retry"',
        "-retry_after {",
        "-  seconds: 5",
        "-}",
    ]
    assert_detail(_detail(), kind=ErrorKind.ERROR_KIND_RATE_LIMIT, suggestions=["wait"])
    with pytest.raises(TypeError, match="no field 'kinds'"):
        assert_detail(_detail(), kinds="RATE_LIMIT")


def test_equality_of_two_details_explains_itself() -> None:
    other = _detail()
    other.message = "calm down"
    explained = pytest_assertrepr_compare("==", _detail(), other) or []
    assert explained[0] == "ErrorDetails differ (- left, + right):"
    assert '-message: "slow down"' in explained and '+message: "calm down"' in explained
    assert pytest_assertrepr_compare("==", "a", "b") is None

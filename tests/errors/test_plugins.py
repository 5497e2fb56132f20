"""Plugin loading and isolation: overrides, enrichment, strikes, budgets, typos, allow/deny."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import logging
import textwrap
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from tokgate import metrics
from tokgate.config import Settings
from tokgate.errors import hookspecs
from tokgate.errors.context import ErrorContext
from tokgate.errors.hookspecs import ErrorKind, hookimpl, new_detail
from tokgate.errors.manager import BUILTIN_MODULES, PluginLoadError, PluginManager, supports
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.v1 import admin_pb2, errors_pb2

State = admin_pb2.PluginState
CONTEXT = ErrorContext("live", "connect", unique_id="streamer")


def build(settings: Settings, *plugins: tuple[str, object]) -> ErrorPipeline:
    manager = PluginManager.load(settings, entry_points=[])
    for name, plugin in plugins:
        manager.register(plugin, name, "1.0", f"{name}-dist", builtin=False)
    manager.check_pending()
    return ErrorPipeline(settings, manager)


def failures(plugin: str, hook: str) -> float:
    labels = {"plugin": plugin, "hook": hook}
    return metrics.REGISTRY.get_sample_value("tokgate_plugin_failures_total", labels) or 0.0


def plugin_row(pipeline: ErrorPipeline, name: str) -> admin_pb2.Plugin:
    return next(p for p in pipeline.plugins() if p.name == name)


class Raiser:
    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def tokgate_classify_error(self, error: BaseException) -> errors_pb2.ErrorDetail:
        self.calls += 1
        raise RuntimeError("plugin bug with msToken=SECRETVALUE")


class Sleeper:
    def __init__(self) -> None:
        self.release = threading.Event()

    @hookimpl
    def tokgate_classify_error(self, error: BaseException) -> errors_pb2.ErrorDetail:
        self.release.wait(5)
        return new_detail(ErrorKind.ERROR_KIND_DATA, "too late", error=error)


class Overrider:
    @hookimpl
    def tokgate_classify_error(
        self, error: BaseException, context: ErrorContext
    ) -> errors_pb2.ErrorDetail | None:
        if isinstance(error, ConnectionResetError):
            return new_detail(ErrorKind.ERROR_KIND_SESSION, f"reset in {context.operation}")
        return None


class Enricher:
    @hookimpl
    def tokgate_enrich_error(self, detail: errors_pb2.ErrorDetail) -> None:
        detail.suggestions.append("Call the on-call engineer")
        detail.metadata["team"] = "live"


class BadEnricher:
    @hookimpl
    def tokgate_enrich_error(self, detail: errors_pb2.ErrorDetail) -> None:
        detail.suggestions.append("half-done")
        raise ValueError("oops")


def test_builtins_are_trylast_with_the_catch_all_last() -> None:
    manager = PluginManager.load(Settings(), entry_points=[])
    impls = manager.implementations("tokgate_classify_error")
    assert [record.name for _, record in impls] == [
        "tokgate." + module.rsplit(".", 1)[1] for module in BUILTIN_MODULES
    ]
    assert impls[-1][1].name == "tokgate.catch_all"
    assert all(impl.trylast and record.builtin for impl, record in impls)


async def test_third_party_overrides_a_builtin() -> None:
    pipeline = build(Settings(), ("overrider", Overrider()))
    detail = await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    assert detail.kind == ErrorKind.ERROR_KIND_SESSION
    assert detail.message == "reset in connect"
    assert detail.error == "Session Error" and detail.retryable
    assert detail.classifier == "overrider"  # filled in by tokgate
    assert detail.exception_type == "ConnectionResetError"
    assert detail.raw_error == "ConnectionResetError: reset"
    other = await pipeline.report(ConnectionRefusedError("refused"), CONTEXT)
    assert other.classifier == "tokgate.network"


async def test_enrichment_and_a_failing_enricher_changes_nothing() -> None:
    pipeline = build(Settings(), ("bad", BadEnricher()), ("enricher", Enricher()))
    detail = await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    assert list(detail.suggestions)[-1] == "Call the on-call engineer"
    assert "half-done" not in detail.suggestions
    assert detail.metadata["team"] == "live"
    assert plugin_row(pipeline, "bad").failure_count == 1


async def test_raising_plugin_is_skipped_counted_logged_and_disabled(
    caplog: pytest.LogCaptureFixture,
) -> None:
    raiser = Raiser()
    pipeline = build(Settings(plugin_max_strikes=2), ("raiser", raiser))
    before = failures("raiser", "tokgate_classify_error")
    with caplog.at_level(logging.WARNING, logger="tokgate.errors.pipeline"):
        detail = await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    assert detail.classifier == "tokgate.network"  # the built-in still classifies
    assert failures("raiser", "tokgate_classify_error") == before + 1
    line = next(r for r in caplog.records if getattr(r, "plugin", None) == "raiser")
    assert vars(line)["hook"] == "tokgate_classify_error"
    assert vars(line)["error_kind"] == "network"  # the kind of the error being classified
    assert "SECRETVALUE" not in line.getMessage()
    assert plugin_row(pipeline, "raiser").state == State.PLUGIN_STATE_ENABLED

    await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    row = plugin_row(pipeline, "raiser")
    assert row.state == State.PLUGIN_STATE_DISABLED and row.failure_count == 2
    assert "disabled after 2 failures" in row.disabled_reason
    assert "SECRETVALUE" not in row.disabled_reason
    await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    assert raiser.calls == 2  # disabled: not called again


async def test_slow_plugin_answer_is_discarded() -> None:
    sleeper = Sleeper()
    pipeline = build(Settings(plugin_timeout=0.05), ("sleeper", sleeper))
    before = failures("sleeper", "tokgate_classify_error")
    try:
        detail = await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    finally:
        sleeper.release.set()
        await pipeline.stop()
    assert detail.kind == ErrorKind.ERROR_KIND_NETWORK and detail.classifier == "tokgate.network"
    assert failures("sleeper", "tokgate_classify_error") == before + 1
    assert plugin_row(pipeline, "sleeper").failure_count == 1


def test_builtins_cannot_be_disabled() -> None:
    manager = PluginManager.load(Settings(plugin_max_strikes=1), entry_points=[])
    record = next(r for r in manager.records() if r.name == "tokgate.catch_all")
    for _ in range(3):
        assert manager.record_failure(record, "boom") is False
    assert record.enabled and record.failures == 3


def test_a_plugin_is_disabled_once() -> None:
    """Strikes from calls under way when it was disabled keep the first reason."""
    manager = PluginManager.load(Settings(plugin_max_strikes=2), entry_points=[])
    record = manager.register(Raiser(), "raiser", "1.0", "raiser-dist", builtin=False)
    outcomes = [manager.record_failure(record, f"boom {n}") for n in range(1, 5)]
    assert outcomes == [False, True, False, False]
    assert record.state == State.PLUGIN_STATE_DISABLED and record.failures == 4
    assert record.disabled_reason == "disabled after 2 failures (last: boom 2)"


def test_misspelt_hook_fails_start_up() -> None:
    class Typo:
        def tokgate_clasify_error(self, error: BaseException) -> None:
            """Not marked, misspelt: still caught."""

    manager = PluginManager.load(Settings(), entry_points=[])
    manager.register(Typo(), "typo", "0.1", "typo-dist", builtin=False)
    with pytest.raises(PluginLoadError, match=r"plugin 'typo'.*tokgate_clasify_error"):
        manager.check_pending()


def test_wrong_arguments_and_wrappers_are_refused() -> None:
    class WrongArgs:
        @hookimpl
        def tokgate_classify_error(self, error: BaseException, ctx: Any) -> None:
            """``ctx`` is not an argument of the hook."""

    class Wrapper:
        @hookimpl(wrapper=True)
        def tokgate_classify_error(self, error: BaseException) -> Any:
            return (yield)

    manager = PluginManager.load(Settings(), entry_points=[])
    with pytest.raises(PluginLoadError, match="wrong"):
        manager.register(WrongArgs(), "wrong", "0.1", "d", builtin=False)
    with pytest.raises(PluginLoadError, match="hook wrapper"):
        manager.register(Wrapper(), "wrapper", "0.1", "d", builtin=False)


@pytest.fixture
def plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    source = """
        from tokgate.errors.hookspecs import hookimpl

        @hookimpl
        def tokgate_enrich_error(detail):
            detail.metadata["seen_by"] = "listed"
    """
    (tmp_path / "listed_plugin.py").write_text(textwrap.dedent(source))
    monkeypatch.syspath_prepend(str(tmp_path))
    return "listed_plugin"


@pytest.mark.parametrize(
    ("settings", "state"),
    [
        (Settings(), State.PLUGIN_STATE_ENABLED),
        (Settings(plugins=("listed",)), State.PLUGIN_STATE_ENABLED),
        (Settings(plugins=("other",)), State.PLUGIN_STATE_DENIED),
        (Settings(disable_plugins=("listed",)), State.PLUGIN_STATE_DENIED),
    ],
)
async def test_allow_and_deny_lists(settings: Settings, state: int, plugin_module: str) -> None:
    entry = metadata.EntryPoint("listed", plugin_module, "tokgate")
    pipeline = ErrorPipeline(settings, PluginManager.load(settings, entry_points=[entry]))
    row = plugin_row(pipeline, "listed")
    assert row.state == state and not row.builtin
    detail = await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    assert (detail.metadata.get("seen_by") == "listed") is (state == State.PLUGIN_STATE_ENABLED)


def test_a_plugin_that_fails_to_import_stops_start_up() -> None:
    entry = metadata.EntryPoint("broken", "no_such_module_for_tokgate", "tokgate")
    with pytest.raises(PluginLoadError, match=r"'broken'.*TOKGATE_DISABLE_PLUGINS=broken"):
        PluginManager.load(Settings(), entry_points=[entry])
    denied = PluginManager.load(Settings(disable_plugins=("broken",)), entry_points=[entry])
    assert [p.state for p in denied.plugins() if p.name == "broken"] == [State.PLUGIN_STATE_DENIED]


class Listener:
    def __init__(self) -> None:
        self.seen: list[tuple[errors_pb2.ErrorDetail, ErrorContext]] = []
        self.done = threading.Event()

    @hookimpl
    def tokgate_error_handled(self, detail: errors_pb2.ErrorDetail, context: ErrorContext) -> None:
        self.seen.append((detail, context))
        self.done.set()


async def test_error_handled_runs_off_the_request_path() -> None:
    listener = Listener()
    pipeline = build(Settings(), ("listener", listener))
    await pipeline.start()
    try:
        detail = await pipeline.report(ConnectionResetError("reset msToken=abcdef"), CONTEXT)
        assert await asyncio.to_thread(listener.done.wait, 5)
    finally:
        await pipeline.stop()
    ((seen, context),) = listener.seen
    assert seen == detail and seen is not detail
    assert "abcdef" not in seen.raw_error
    assert context.unique_id == "streamer"


async def test_error_handled_queue_drops_when_full() -> None:
    settings = Settings(error_notifications_max_entries=1)
    pipeline = build(settings, ("listener", Listener()))  # worker not started
    before = _dropped()
    for _ in range(3):
        await pipeline.report(ConnectionResetError("reset"), CONTEXT)
    assert _dropped() - before == 2


def _dropped() -> float:
    value = metrics.REGISTRY.get_sample_value("tokgate_error_notifications_dropped_total")
    return value or 0.0


async def test_an_inline_plugin_is_isolated_by_the_same_runner() -> None:
    """A plugin under the built-in policy (inline, never disabled) that raises, even a
    TimeoutError of its own, is a strike like any other; the next plugin answers."""
    from tokgate.errors.manager import Policy

    class InlineRaiser:
        @hookimpl
        def tokgate_classify_error(self, error: BaseException) -> None:
            raise TimeoutError("its own bug")

    settings = Settings(plugin_max_strikes=1)
    manager = PluginManager.load(settings, entry_points=[])
    inline = Policy(budget=None, may_disable=False, order=0)
    manager.register(InlineRaiser(), "inline", "1.0", "inline-dist", policy=inline)
    pipeline = ErrorPipeline(settings, manager)
    for _ in range(2):
        detail = await pipeline.report(ConnectionResetError("reset"), CONTEXT)
        assert detail.classifier == "tokgate.network"
    row = plugin_row(pipeline, "inline")
    assert row.state == State.PLUGIN_STATE_ENABLED and row.failure_count == 2


# --- the compatibility contract (docs/plugins.md, Compatibility) ---------------------------

# What each contract version promises; a change to the hooks or to ErrorContext's fields
# fails here until HOOKS_VERSION / ErrorContext.VERSION are bumped and a row added.
CONTEXT_FIELDS = {
    "1.0": (
        "source operation unique_id room_id attempt http_status headers body session_id "
        "ms_token history recent_successes extra"
    ),
}
HOOK_ARGUMENTS = {
    "1.0": {
        "tokgate_classify_error": ("error", "context"),
        "tokgate_enrich_error": ("detail", "error", "context"),
        "tokgate_error_handled": ("detail", "context"),
    },
}


def test_the_contract_versions_name_what_they_promise() -> None:
    fields = " ".join(field.name for field in dataclasses.fields(ErrorContext))
    assert fields == CONTEXT_FIELDS[ErrorContext.VERSION]
    specs = {
        name: tuple(inspect.signature(getattr(hookspecs, name)).parameters)
        for name in HOOK_ARGUMENTS[hookspecs.HOOKS_VERSION]
    }
    assert specs == HOOK_ARGUMENTS[hookspecs.HOOKS_VERSION]
    assert ErrorContext.VERSION == hookspecs.HOOKS_VERSION


@pytest.mark.parametrize(
    ("declared", "supported"),
    [(">=1.0,<2", True), ("==1", True), (">1.0", False), (">=2", False), ("<1.0", False)],
)
def test_supported_ranges(declared: str, supported: bool) -> None:
    assert supports(declared, "1.0") is supported


class TooNew(Enricher):
    TOKGATE_HOOKS_SUPPORTED = ">=2.0,<3"


class Garbled(Enricher):
    TOKGATE_HOOKS_SUPPORTED = "~=1.0"


def test_a_plugin_outside_its_declared_hook_versions_is_refused() -> None:
    manager = PluginManager.load(Settings(), entry_points=[])
    with pytest.raises(PluginLoadError) as refused:
        manager.register(TooNew(), "too_new", "3.0", "d")
    assert str(refused.value) == (
        "plugin 'too_new' supports tokgate hooks >=2.0,<3, but this tokgate's are 1.0 "
        "(docs/plugins.md, Compatibility): install a version of the plugin for them, or deny "
        "it with TOKGATE_DISABLE_PLUGINS=too_new"
    )
    with pytest.raises(PluginLoadError, match=r"'garbled'.*not a range such as"):
        manager.register(Garbled(), "garbled", "1.0", "d")
    assert manager.register(Enricher(), "undeclared", "1.0", "d").enabled

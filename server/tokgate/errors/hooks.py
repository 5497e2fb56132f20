"""The hook runner: the one place tokgate calls plugin hooks, each under its plugin's policy.

tokgate calls every implementation itself (pluggy's own calls cannot be interrupted), in the
manager's order, the same way for every plugin: a plugin with a time budget runs in worker
threads of its own (one that hangs blocks only those) and its late answer is discarded; one
without a budget is called inline. An exception, a late answer or a classification that is not
an ErrorDetail is a *strike*: counted in ``tokgate_plugin_failures_total{plugin, hook}``,
logged once the failure's kind is known, and after ``Settings.plugin_max_strikes`` the plugin
is disabled if its policy allows. A budgeted plugin works on copies: tokgate adopts what it
returned only when it finished in time.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pluggy

from tokgate import metrics
from tokgate.errors.context import ErrorContext
from tokgate.errors.detail import copied
from tokgate.errors.kinds import kind_info
from tokgate.errors.manager import PluginManager, PluginRecord
from tokgate.v1 import admin_pb2, errors_pb2

logger = logging.getLogger(__name__)

CLASSIFY = "tokgate_classify_error"
ENRICH = "tokgate_enrich_error"
HANDLED = "tokgate_error_handled"
# Threads per budgeted plugin: a plugin that hangs blocks only its own threads.
PLUGIN_THREADS = 2


@dataclass(frozen=True)
class Strike:
    record: PluginRecord
    hook: str
    problem: str


class Fault(enum.Enum):
    """What made a call a strike."""

    RAISED = "raised"
    INVALID = "invalid answer"
    LATE = "late answer"


@dataclass(frozen=True)
class PluginCall:
    """One call of a third-party hook as the runner saw it: how long it took and, when it was
    a strike, what kind of fault and why (what ``tokgate plugins check`` reports)."""

    plugin: str
    hook: str
    seconds: float
    fault: Fault | None = None
    problem: str | None = None


def _classification(answer: Any) -> str | None:
    """What is wrong with a classify answer: None and ErrorDetails are answers."""
    if answer is None or isinstance(answer, errors_pb2.ErrorDetail):
        return None
    return f"returned {type(answer).__name__}"


class HookRunner:
    """Calls the hooks of one PluginManager's plugins; ``redact`` cleans a strike's text (a
    plugin's exception may quote a credential) before it is logged or shown in ListPlugins."""

    def __init__(self, manager: PluginManager, redact: Callable[[str], str]) -> None:
        self._manager = manager
        self._redact = redact
        self._executors: dict[str, ThreadPoolExecutor] = {}
        #: Told of every third-party call (``tokgate plugins check`` sets it).
        self.watch: Callable[[PluginCall], None] | None = None

    def implemented(self, hook: str) -> bool:
        return bool(self._manager.implementations(hook))

    async def classify(
        self, error: BaseException, context: ErrorContext, strikes: list[Strike]
    ) -> tuple[errors_pb2.ErrorDetail, str] | None:
        """The first ErrorDetail answered and its plugin's name (firstresult)."""
        kwargs = {"error": error, "context": context}
        for impl, record in self._manager.implementations(CLASSIFY):
            ok, answer = await self._call(
                impl, record, CLASSIFY, kwargs, strikes, invalid=_classification
            )
            if ok and answer is not None:
                return answer, record.name
        return None

    async def enrich(
        self,
        detail: errors_pb2.ErrorDetail,
        error: BaseException,
        context: ErrorContext,
        strikes: list[Strike],
    ) -> None:
        """Every plugin in turn changes ``detail`` in place."""
        for impl, record in self._manager.implementations(ENRICH):
            kwargs = {"detail": detail, "error": error, "context": context}
            await self._call(impl, record, ENRICH, kwargs, strikes)

    async def handled(
        self, detail: errors_pb2.ErrorDetail, context: ErrorContext, strikes: list[Strike]
    ) -> None:
        """Every plugin is told about the final ``detail`` (each gets a copy)."""
        for impl, record in self._manager.implementations(HANDLED):
            kwargs = {"detail": copied(detail), "context": context}
            await self._call(impl, record, HANDLED, kwargs, strikes)

    async def _call(
        self,
        impl: pluggy.HookImpl,
        record: PluginRecord,
        hook: str,
        kwargs: dict[str, Any],
        strikes: list[Strike],
        *,
        invalid: Callable[[Any], str | None] = lambda answer: None,
    ) -> tuple[bool, Any]:
        """Call one implementation under its plugin's policy: (finished as it should, answer).
        ``invalid`` says what is wrong with an answer, if anything (a strike)."""
        started = time.perf_counter()
        answer, fault = await self._run(impl, record, kwargs)
        if fault is None and (problem := invalid(answer)) is not None:
            answer, fault = None, (Fault.INVALID, problem)
        elapsed = time.perf_counter() - started
        if fault is None:
            call = PluginCall(record.name, hook, elapsed)
        else:
            kind, problem = fault
            struck = self._strike(record, hook, problem, strikes)
            call = PluginCall(record.name, hook, elapsed, fault=kind, problem=struck)
        if self.watch is not None and not record.builtin:
            self.watch(call)
        return fault is None, answer

    async def _run(
        self, impl: pluggy.HookImpl, record: PluginRecord, kwargs: dict[str, Any]
    ) -> tuple[Any, tuple[Fault, str] | None]:
        """(answer, what went wrong and how: None when it finished normally)."""
        budget = record.policy.budget
        detail = kwargs.get("detail")
        if budget is not None and detail is not None:
            kwargs = {**kwargs, "detail": copied(detail)}
        function: Callable[..., Any] = impl.function
        args = [kwargs[name] for name in impl.argnames]
        try:
            if budget is None:
                answer = function(*args)
            else:
                future = self._executor(record).submit(function, *args)
                try:
                    # asyncio.timeout, not wait_for: 3.11's wait_for can swallow a
                    # cancellation that races with the answer.
                    async with asyncio.timeout(budget):
                        answer = await asyncio.wrap_future(future)
                except TimeoutError:
                    return None, (Fault.LATE, f"no answer within {budget:g}s")
        except Exception as exc:  # a plugin's bug: the next plugin answers
            return None, (Fault.RAISED, f"raised {type(exc).__name__}: {exc}")
        if budget is not None and detail is not None:
            detail.CopyFrom(kwargs["detail"])  # finished in time: its changes are adopted
        if budget is not None and isinstance(answer, errors_pb2.ErrorDetail):
            answer = copied(answer)  # tokgate completes and redacts its own copy
        return answer, None

    def _executor(self, record: PluginRecord) -> ThreadPoolExecutor:
        executor = self._executors.get(record.name)
        if executor is None:
            executor = ThreadPoolExecutor(
                PLUGIN_THREADS, thread_name_prefix=f"tokgate-plugin-{record.name}"
            )
            self._executors[record.name] = executor
        return executor

    def _strike(self, record: PluginRecord, hook: str, problem: str, strikes: list[Strike]) -> str:
        """Count and keep one strike; its problem, redacted."""
        problem = self._redact(problem)
        metrics.PLUGIN_FAILURES.labels(plugin=record.name, hook=hook).inc()
        shown = problem
        if self._manager.record_failure(record, problem):
            shown += f"; plugin disabled after {record.failures} failures"
        strikes.append(Strike(record, hook, shown))
        return problem

    @staticmethod
    def log_strikes(strikes: list[Strike], detail: errors_pb2.ErrorDetail) -> None:
        """Log plugin failures once the failure's kind is known (every line carries it)."""
        for strike in strikes:
            logger.warning(
                "plugin %s failed in %s: %s",
                strike.record.name,
                strike.hook,
                strike.problem,
                extra={
                    "plugin": strike.record.name,
                    "hook": strike.hook,
                    "error_kind": kind_info(detail.kind).label,
                    "plugin_state": admin_pb2.PluginState.Name(strike.record.state),
                    "plugin_failures": strike.record.failures,
                },
            )

    def stop(self) -> None:
        """Stop the plugins' threads (calls under way are abandoned)."""
        for executor in self._executors.values():
            executor.shutdown(wait=False, cancel_futures=True)
        self._executors.clear()

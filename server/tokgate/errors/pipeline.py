"""The error pipeline: every failure becomes one classified, redacted, counted ErrorDetail.

``report()`` redacts the evidence (the one place: what a component hands in is raw),
classifies (``tokgate_classify_error``, the first answer wins: third-party plugins first, the
built-ins after them, the catch-all last), enriches (``tokgate_enrich_error``), redacts the
result, counts ``tokgate_errors_total`` once, updates the error statistics and history, and
queues ``tokgate_error_handled`` for a background worker. The hooks are called by the hook
runner (``tokgate.errors.hooks``), under each plugin's policy (``tokgate.errors.manager``).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import logging
import time
from collections.abc import Callable, Iterable

from tokgate import metrics
from tokgate.bounds import BoundedQueue, Bounds, declare
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext, PastError, Source
from tokgate.errors.detail import complete, copied, new_detail
from tokgate.errors.exceptions import ClassifiedFailure, UpstreamStatusError
from tokgate.errors.hooks import HANDLED, HookRunner, PluginCall, Strike
from tokgate.errors.kinds import kind_info
from tokgate.errors.manager import PluginManager
from tokgate.errors.redaction import Redactor
from tokgate.errors.stats import ErrorStats
from tokgate.reload import ReloadTarget
from tokgate.tracing import classified
from tokgate.v1 import admin_pb2, errors_pb2

logger = logging.getLogger(__name__)

#: Something that writes a reported failure down (the error corpus's recorder).
CaseRecorder = Callable[[BaseException, ErrorContext], None]

#: The ``status_code`` label of ``tokgate_errors_total`` when TikTok sent no statusCode.
NO_STATUS_LABEL = "none"
# The bounded buffers of the pipeline (tokgate.bounds), and what one entry is counted as.
HISTORY = declare("error_history")
NOTIFICATIONS = declare("error_notifications")
PAST_ERROR_BYTES = 200
TIMESTAMP_BYTES = 32

_K = errors_pb2.ErrorKind
#: Kinds that are the caller's own outcome (what they asked for is not there, or not theirs to
#: ask): logged at INFO. Every other kind is a server-side fault (TikTok, a session, the sign
#: server, the network, tokgate itself): logged at ERROR, where an operator's ``grep ERROR``
#: finds it. docs/operations.md, "Log levels", states the rule.
CALLER_SIDE_KINDS = frozenset(
    {
        _K.ERROR_KIND_DATA,
        _K.ERROR_KIND_USER_NOT_FOUND,
        _K.ERROR_KIND_PRIVATE_ACCOUNT,
        _K.ERROR_KIND_USER_OFFLINE,
        _K.ERROR_KIND_AGE_RESTRICTED,
        _K.ERROR_KIND_SLOW_CONSUMER,
        _K.ERROR_KIND_INVALID_ARGUMENT,
        _K.ERROR_KIND_UNAUTHENTICATED,
        _K.ERROR_KIND_PERMISSION_DENIED,
        _K.ERROR_KIND_UNIMPLEMENTED,
    }
)


def log_level(detail: errors_pb2.ErrorDetail, context: ErrorContext) -> int:
    """INFO for a caller-side outcome, ERROR for a server-side fault. A RATE_LIMIT reported by
    the server itself (source "server") is the caller's own quota, so caller-side too."""
    if detail.kind in CALLER_SIDE_KINDS:
        return logging.INFO
    if detail.kind == _K.ERROR_KIND_RATE_LIMIT and context.source == "server":
        return logging.INFO
    return logging.ERROR


class ErrorPipeline:
    """One per process; every component reports its failures here. ``redactor`` is the one
    the log filter holds too (``tokgate serve`` builds it with the filter), so a secret taught
    to either is known to both; without one, the pipeline builds its own."""

    def __init__(
        self, settings: Settings, manager: PluginManager, redactor: Redactor | None = None
    ) -> None:
        self._settings = settings
        self._manager = manager
        self._redactor = redactor or Redactor(settings.secret_values())
        self._hooks = HookRunner(manager, self._redactor.redact)
        self._stats = ErrorStats(since=time.time())
        history = Bounds.from_settings(settings, HISTORY)
        self._history: BoundedQueue[PastError] = BoundedQueue(HISTORY, history)
        self._successes: collections.defaultdict[str, BoundedQueue[float]] = (
            collections.defaultdict(lambda: BoundedQueue(HISTORY, history))
        )
        self._handled: BoundedQueue[tuple[errors_pb2.ErrorDetail, ErrorContext]] = BoundedQueue(
            NOTIFICATIONS, Bounds.from_settings(settings, NOTIFICATIONS)
        )
        self._handled_ready = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._recorder: CaseRecorder | None = None

    @classmethod
    def from_settings(cls, settings: Settings, redactor: Redactor | None = None) -> ErrorPipeline:
        """Load the plugins (refusing unknown hooks) and build the pipeline."""
        return cls(settings, PluginManager.load(settings), redactor)

    # --- the one entry point ---------------------------------------------------------

    def record_success(self, source: Source) -> None:
        """Note one successful upstream request, so that failure patterns (statusCode -1
        "for most recent requests") are judged against every request, not only failures."""
        successes = self._successes[source]
        successes.push(time.time(), TIMESTAMP_BYTES)
        successes.trim()

    async def report(self, error: BaseException, context: ErrorContext) -> errors_pb2.ErrorDetail:
        """Classify, enrich, redact and count one failure; return its ErrorDetail.

        Call it exactly once per failure, where the failure originates, with the evidence as
        received. A caller's own cancellation (``asyncio.CancelledError``) is classified but
        not counted, and a ``ClassifiedFailure`` returns its detail untouched (it was counted
        already).
        """
        if isinstance(error, ClassifiedFailure):
            return error.detail
        context = self._redact_evidence(error, context)
        if self._recorder is not None:
            self._recorder(error, context)
        detail = await self._detail(error, context)
        if isinstance(error, asyncio.CancelledError):
            return detail
        self._count(detail, context)
        self._queue_handled(detail, context)
        return detail

    def record_cases(self, recorder: CaseRecorder | None) -> None:
        """Hand every failure reported from now on, with the context the plugins are given,
        to ``recorder`` (the error corpus's, ``tokgate.plugin_kit.recorder``)."""
        self._recorder = recorder

    def watch_plugin_calls(self, watch: Callable[[PluginCall], None]) -> None:
        """Tell ``watch`` of every third-party hook call: its time and strike, if any."""
        self._hooks.watch = watch

    async def classify(self, error: BaseException, context: ErrorContext) -> errors_pb2.ErrorDetail:
        """The ErrorDetail ``report()`` would return, neither counted, logged nor notified:
        for a caller that acts on the verdict of an expected, recurring answer (a watched
        room polling a streamer who is offline) and reports anything else."""
        return await self._detail(error, self._redact_evidence(error, context))

    def _redact_evidence(self, error: BaseException, context: ErrorContext) -> ErrorContext:
        """The one place upstream evidence is redacted (components hand it in raw), so no
        plugin ever sees a credential: the context's headers and body, and the body an
        UpstreamStatusError carries (in place). Returns the context with the recent history."""
        redact = self._redactor.redact
        if isinstance(error, UpstreamStatusError):
            error.body = redact(error.body)
        return dataclasses.replace(
            context,
            history=tuple(self._history),
            recent_successes=tuple(self._successes[context.source]),
            headers={key: redact(value) for key, value in context.headers.items()},
            body=redact(context.body) if context.body else context.body,
        )

    @classified
    async def _detail(self, error: BaseException, context: ErrorContext) -> errors_pb2.ErrorDetail:
        """Classified, completed, enriched and redacted (in a span when traces are on)."""
        strikes: list[Strike] = []
        classified = await self._hooks.classify(error, context, strikes)
        # No answer means even the catch-all failed (a bug): still answer completely.
        detail, classifier = classified or (
            new_detail(
                errors_pb2.ERROR_KIND_INTERNAL,
                "tokgate could not classify this failure",
                error=error,
            ),
            "tokgate.pipeline",
        )
        complete(detail, error, classifier)
        self._add_context_metadata(detail, context)
        await self._hooks.enrich(detail, error, context, strikes)
        self._redactor.redact_detail(detail)
        self._hooks.log_strikes(strikes, detail)
        return detail

    # --- bookkeeping ------------------------------------------------------------------

    @staticmethod
    def _add_context_metadata(detail: errors_pb2.ErrorDetail, context: ErrorContext) -> None:
        known = {
            "source": context.source,
            "operation": context.operation,
            "unique_id": context.unique_id,
            "room_id": context.room_id,
            "session_id": context.session_id,
            "ms_token": context.ms_token,
            "attempt": str(context.attempt) if context.attempt > 1 else None,
            **context.extra,
        }
        for key, value in known.items():
            if value and key not in detail.metadata:
                detail.metadata[key] = value

    def _count(self, detail: errors_pb2.ErrorDetail, context: ErrorContext) -> None:
        status = detail.status_code if detail.HasField("status_code") else None
        info = kind_info(detail.kind)
        metrics.ERRORS.labels(
            kind=info.label,
            status_code=NO_STATUS_LABEL if status is None else str(status),
            source=context.source,
            classifier=detail.classifier,
        ).inc()
        self._stats.add(detail, context.unique_id)
        past = PastError(time.time(), context.source, context.unique_id, status, detail.kind)
        self._history.push(past, PAST_ERROR_BYTES + len(context.unique_id or ""))
        self._history.trim()
        logger.log(
            log_level(detail, context),
            "%s failed: %s",
            context.operation,
            detail.message,
            extra={
                "error_kind": info.label,
                "status_code": status,
                "source": context.source,
                "operation": context.operation,
                "unique_id": context.unique_id,
                "classifier": detail.classifier,
                "exception_type": detail.exception_type,
            },
        )

    def _queue_handled(self, detail: errors_pb2.ErrorDetail, context: ErrorContext) -> None:
        if not self._hooks.implemented(HANDLED):
            return
        # Stale notifications go first; then a new one that does not fit is refused.
        stale = len(self._handled.trim())
        nbytes = detail.ByteSize() + len(context.body or "")
        if self._handled.would_fit(nbytes):
            self._handled.push((copied(detail), context), nbytes)
            self._handled_ready.set()
        else:
            stale += 1
        if stale:
            metrics.ERROR_NOTIFICATIONS_DROPPED.inc(stale)
            logger.warning(
                "error_handled queue over its bounds; notifications dropped",
                extra={"error_kind": kind_info(detail.kind).label, "dropped": stale},
            )

    async def _run_handled(self) -> None:
        while True:
            if not self._handled:
                self._handled_ready.clear()
                await self._handled_ready.wait()
                continue
            await self.handle_queued()

    async def handle_queued(self) -> None:
        """Tell the plugins (``tokgate_error_handled``) about every queued failure, now, in
        this task: the worker's job, and the plugin kit's harness's after each report."""
        while self._handled:
            detail, context = self._handled.pop()
            strikes: list[Strike] = []
            await self._hooks.handled(detail, context, strikes)
            self._hooks.log_strikes(strikes, detail)

    # --- lifecycle and views -----------------------------------------------------------

    def reload_targets(self) -> list[ReloadTarget]:
        """The plugin budgets a reload may change."""
        return [ReloadTarget("errors", self.prepare_reload)]

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """New plugin budgets (plugin_timeout, plugin_max_strikes) for calls after the commit."""
        current = (self._settings.plugin_timeout, self._settings.plugin_max_strikes)
        if (settings.plugin_timeout, settings.plugin_max_strikes) == current:
            return None

        def commit() -> None:
            self._settings = settings
            self._manager.reconfigure(settings)

        return commit

    async def start(self) -> None:
        """Start the ``tokgate_error_handled`` worker."""
        if self._worker is None:
            self._worker = asyncio.create_task(self._run_handled(), name="tokgate-error-handled")

    async def stop(self) -> None:
        """Stop the worker (pending notifications are dropped) and the plugin threads."""
        if self._worker is not None:
            self._worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker
            self._worker = None
        self._hooks.stop()

    def plugins(self) -> list[admin_pb2.Plugin]:
        """For ``AdminService.ListPlugins``."""
        return self._manager.plugins()

    def error_stats(self, top_users: int) -> admin_pb2.GetErrorStatsResponse:
        """For ``AdminService.GetErrorStats``: counts since start and the most-failed users."""
        return self._stats.to_proto(top_users)

    def add_secrets(self, secrets: Iterable[str]) -> None:
        """Secrets that arrived after start (a reload's ms tokens): redacted by value from
        now on, in ErrorDetails and in every log line (the log filter shares the Redactor)."""
        self._redactor.add_secrets(secrets)

    def redact(self, text: str) -> str:
        """``text`` without secrets (patterns and the configured credentials)."""
        return self._redactor.redact(text)

"""A plugin under test, run through the real error pipeline: the built-ins, the hook runner,
its time budget and strikes, exactly as ``tokgate serve`` runs it.

Synchronous on purpose, so a plugin's tests need no asyncio plugin: each harness owns an
event loop and its pipeline's plugin threads, and ``close()`` ends both.
"""

from __future__ import annotations

import asyncio
from importlib import metadata
from typing import Any

from tokgate.config import Settings
from tokgate.errors.context import ErrorContext, Source
from tokgate.errors.manager import ENTRY_POINT_GROUP, PluginManager, PluginRecord
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.plugin_kit.corpus import CorpusCase, comparable
from tokgate.v1.errors_pb2 import ErrorDetail

#: The name a plugin object (rather than an installed entry point) is registered under.
UNDER_TEST = "under_test"


class PluginHarness:
    """One plugin (an installed entry point's name, or a plugin object) among the built-ins."""

    def __init__(
        self,
        plugin: str | object,
        *,
        timeout: float | None = None,
        max_strikes: int | None = None,
    ) -> None:
        defaults = Settings()
        self.name = plugin if isinstance(plugin, str) else UNDER_TEST
        self.settings = Settings(
            plugins=(self.name,),
            plugin_timeout=defaults.plugin_timeout if timeout is None else timeout,
            plugin_max_strikes=defaults.plugin_max_strikes if max_strikes is None else max_strikes,
        )
        if isinstance(plugin, str):
            # The real loading path: the entry point group, the version check, typos.
            manager = PluginManager.load(self.settings)
            if not any(record.name == plugin for record in manager.records()):
                installed = sorted(e.name for e in metadata.entry_points(group=ENTRY_POINT_GROUP))
                raise LookupError(
                    f"no installed tokgate plugin is named {plugin!r}; "
                    f"installed: {', '.join(installed) or 'none'}"
                )
        else:
            manager = PluginManager.load(self.settings, entry_points=[])
            manager.register(plugin, UNDER_TEST, "0", UNDER_TEST)
            manager.check_pending()
        self._manager = manager
        self.pipeline = ErrorPipeline(self.settings, manager)
        self._builtins = ErrorPipeline(self.settings, PluginManager.load(self.settings, []))
        self._loop = asyncio.new_event_loop()

    @property
    def record(self) -> PluginRecord:
        """The plugin's record: ``failures`` (strikes), ``state``, ``disabled_reason``."""
        return next(r for r in self._manager.records() if r.name == self.name)

    @staticmethod
    def context(
        context: ErrorContext | None = None,
        *,
        source: Source = "live",
        operation: str = "connect",
        **fields: Any,
    ) -> ErrorContext:
        """``context``, or one made of ``source``, ``operation`` and ErrorContext ``fields``."""
        return context or ErrorContext(source, operation, **fields)

    def report(
        self, error: BaseException, context: ErrorContext | None = None, **where: Any
    ) -> ErrorDetail:
        """The ErrorDetail tokgate gives ``error`` with the plugin installed (classified,
        enriched, redacted, counted); the context as :meth:`context` makes it. The
        ``tokgate_error_handled`` calls it queued have run when it returns (``tokgate serve``
        runs them in the background, under the same budget and strikes)."""
        detail = self.pipeline.report(error, self.context(context, **where))
        reported = self._loop.run_until_complete(detail)
        self._loop.run_until_complete(self.pipeline.handle_queued())
        return reported

    def report_case(self, case: CorpusCase) -> ErrorDetail:
        """:meth:`report` of a corpus case (rebuilt afresh), comparable with ``case.detail``:
        without ``reset_time``, which moves with the clock."""
        return comparable(self.report(case.error(), case.context()))

    def builtin(
        self, error: BaseException, context: ErrorContext | None = None, **where: Any
    ) -> ErrorDetail:
        """The ErrorDetail the built-ins alone give: what the plugin changes is the diff."""
        detail = self._builtins.classify(error, self.context(context, **where))
        return self._loop.run_until_complete(detail)

    def close(self) -> None:
        for pipeline in (self.pipeline, self._builtins):
            self._loop.run_until_complete(pipeline.stop())
        self._loop.close()

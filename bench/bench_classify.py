"""Classifying failures with 10 third-party plugins loaded: reports per second through
``ErrorPipeline.report``, next to the same hooks called directly through pluggy.

Both sides get the same plugins: tokgate's built-ins and 10 third-party plugins, each with a
``tokgate_classify_error`` that passes (returns None) and a ``tokgate_enrich_error`` that adds
one metadata key, so every failure visits every plugin. The failures cycle through one
TikTokLive exception, one TikTok statusCode answer, one network error and one unknown error
(the catch-all). tokgate: ``report()`` (each third-party call in its plugin's worker thread
under its budget, completion, redaction, counting). Baseline, in the same run and process:
``pm.hook.tokgate_classify_error(...)`` then ``pm.hook.tokgate_enrich_error(...)`` on a bare
pluggy PluginManager (no isolation, no budget, no redaction, no counting). Prints reports
per second for both and the ratio (tokgate / baseline); log lines are off for both.

    flock /tmp/tokgate-bench.lock .venv/bin/python bench/bench_classify.py [--reports 1000]
                                                                          [--rounds 3] [--quick]

``--quick`` is the smoke test's mode: a few reports, no assertion on speed; it fails (exit 1)
when a failure is classified wrongly on either side.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Callable
from importlib import import_module

import pluggy
from TikTokLive.client.errors import UserOfflineError
from tokgate.config import Settings
from tokgate.errors import hookspecs
from tokgate.errors.context import ErrorContext
from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.manager import BUILTIN_MODULES, PluginManager
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.v1 import errors_pb2

PLUGINS = 10
K = errors_pb2.ErrorKind

FAILURES: list[tuple[BaseException, ErrorContext, int]] = [
    (
        UserOfflineError("streamer is offline"),
        ErrorContext("live", "connect", unique_id="streamer"),
        K.ERROR_KIND_USER_OFFLINE,
    ),
    (
        UpstreamStatusError(10221, '{"statusCode": 10221}', "user_detail"),
        ErrorContext("users", "GetUser", unique_id="nobody", body='{"statusCode": 10221}'),
        K.ERROR_KIND_USER_NOT_FOUND,
    ),
    (
        ConnectionResetError("reset by peer"),
        ErrorContext("live", "websocket", unique_id="streamer"),
        K.ERROR_KIND_NETWORK,
    ),
    (ValueError("something new"), ErrorContext("server", "GetUser"), K.ERROR_KIND_INTERNAL),
]


class Passing:
    """A third-party plugin that looks at every failure and adds one metadata key."""

    def __init__(self, name: str) -> None:
        self.name = name

    @hookspecs.hookimpl
    def tokgate_classify_error(
        self, error: BaseException, context: ErrorContext
    ) -> errors_pb2.ErrorDetail | None:
        return None

    @hookspecs.hookimpl
    def tokgate_enrich_error(self, detail: errors_pb2.ErrorDetail) -> None:
        detail.metadata[self.name] = "seen"


def tokgate_report() -> tuple[Callable[[BaseException, ErrorContext], object], ErrorPipeline]:
    settings = Settings()
    manager = PluginManager.load(settings, entry_points=[])
    for number in range(PLUGINS):
        name = f"plugin{number}"
        manager.register(Passing(name), name, "1.0", f"{name}-dist", builtin=False)
    manager.check_pending()
    pipeline = ErrorPipeline(settings, manager)
    return pipeline.report, pipeline


def pluggy_report() -> Callable[[BaseException, ErrorContext], object]:
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for module in BUILTIN_MODULES:
        pm.register(import_module(module), module)
    for number in range(PLUGINS):
        pm.register(Passing(f"plugin{number}"), f"plugin{number}")

    async def report(error: BaseException, context: ErrorContext) -> errors_pb2.ErrorDetail:
        detail: errors_pb2.ErrorDetail = pm.hook.tokgate_classify_error(
            error=error, context=context
        )
        pm.hook.tokgate_enrich_error(detail=detail, error=error, context=context)
        return detail

    return report


async def rate(report: Callable[..., object], reports: int) -> float:
    """Reports per second over ``reports`` failures; each must get its expected kind."""
    started = time.perf_counter()
    for index in range(reports):
        error, context, kind = FAILURES[index % len(FAILURES)]
        detail = await report(error, context)  # type: ignore[misc]
        if detail.kind != kind:
            raise SystemExit(f"{type(error).__name__} classified as {K.Name(detail.kind)}")
    return reports / (time.perf_counter() - started)


async def main(reports: int, rounds: int) -> None:
    logging.disable(logging.CRITICAL)
    ours, pipeline = tokgate_report()
    theirs = pluggy_report()
    await rate(ours, len(FAILURES) * 2)  # threads started, modules warm
    await rate(theirs, len(FAILURES) * 2)
    print(f"load average {os.getloadavg()}; {PLUGINS} third-party plugins, {reports} reports")
    try:
        for number in range(1, rounds + 1):
            tokgate = await rate(ours, reports)
            baseline = await rate(theirs, reports)
            print(
                f"round {number}: tokgate {tokgate:,.0f} reports/s, pluggy direct "
                f"{baseline:,.0f} reports/s, ratio {tokgate / baseline:.3f}"
            )
    finally:
        await pipeline.stop()
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.reports, args.rounds = 40, 1
    asyncio.run(main(args.reports, args.rounds))
    sys.exit(0)

"""What traces cost: tokgate before them, with them off (the default) and on, in one run.

Two paths, each measured in CPU time (the process's, every thread: the span exporter's too):

- LIVE events (bench_pipeline.py's load: the simulator's room -> the upstream loop -> decode ->
  fan-out -> SUBSCRIBERS StreamEvents calls): deliveries per server CPU-second of three
  ``tokgate serve`` processes on one room, measured over the same windows, so the machine's
  load is the same for the three. Each runs a ``git archive`` of its revision on PYTHONPATH,
  so that uncommitted work in the tree does not count: ``before`` the code of BEFORE (default:
  AFTER's parent), ``off`` and ``on`` that of AFTER (default: the commit that added traces),
  ``on`` with ``--otlp-endpoint`` to a receiver in this process (its CPU is not the
  server's).
- Failures: ``ErrorPipeline.report`` per CPU-second in this process, built-in classifiers, the
  failures of bench_classify.py. ``before``: the pipeline's undecorated ``_detail`` (the
  tracing decorator's ``__wrapped__``, the code before it); ``off``; ``on``: a tracer provider
  whose batch processor exports through the redacting exporter (OTLP encoding aside: a
  receiver here would share the CPU measured).

Each figure is the median of its rounds, and the ratios off/before and on/before are printed
(1.00: no cost).

    flock /tmp/tokgate-bench.lock .venv/bin/python bench/bench_tracing.py [--rounds 5]
        [--seconds 4] [--subscribers 20] [--rate 200] [--reports 2000] [--after REV]
        [--before REV] [--quick]

``--quick`` is the smoke test's mode: a short window and a few reports, one round; it fails
(exit 1) when a server delivers nothing or a failure is classified wrongly.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import statistics
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from pathlib import Path

from bench_classify import FAILURES
from bench_pipeline import ROOM, SERVER_ARGS, Setup, measure
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from tokgate.config import Settings
from tokgate.errors.manager import PluginManager
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.testing import ServerHandle, SimulatorHandle, run_server, run_simulator
from tokgate.tracing import activate, deactivate
from tokgate.tracing.export import RedactingExporter, tracer_provider
from tokgate.tracing.receiver import run_receiver

REPO = Path(__file__).resolve().parents[1]
MODES = ("before", "off", "on")
STREAM_SPAN = "/tokgate.v1.LiveService/StreamEvents"
# What the before tree needs of the repository: the packages tokgate serve imports.
PACKAGES = ("server", "plugins", "clients/python")


def tracing_commit() -> str | None:
    """The commit that added tokgate.tracing (None while it is uncommitted)."""
    added = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "server/tokgate/tracing"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return added[-1] if added else None


@contextlib.contextmanager
def tree_of(revision: str) -> Iterator[str]:
    """The packages of ``revision`` extracted to a temporary directory: its PYTHONPATH."""
    archive = subprocess.run(
        ["git", "archive", revision, *PACKAGES], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as directory:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(directory, filter="data")
        yield os.pathsep.join(str(Path(directory) / package) for package in PACKAGES)


# --- LIVE events --------------------------------------------------------------------------


@contextlib.contextmanager
def servers(
    sim: SimulatorHandle, trees: dict[str, str], endpoint: str, modes: Sequence[str]
) -> Iterator[dict[str, ServerHandle]]:
    """A ``tokgate serve`` per mode, all running at once on the one simulator, each from its
    tree (before: ``trees["before"]``; off and on: ``trees["after"]``)."""
    with contextlib.ExitStack() as stack:
        running = {}
        for mode in modes:
            env = {
                "PYTHONPATH": trees["before" if mode == "before" else "after"],
                "OTEL_BSP_SCHEDULE_DELAY": "500",  # spans out before the check at the end
            }
            args = [*SERVER_ARGS, *(["--otlp-endpoint", endpoint] if mode == "on" else [])]
            running[mode] = stack.enter_context(run_server(upstream=sim, args=args, env=env))
        yield running


async def measure_live(running: dict[str, ServerHandle], setup: Setup) -> dict[str, float]:
    """Deliveries per server CPU-second of each server, over the same window: the machine's
    load is the same for all of them."""
    measured = await asyncio.gather(
        *(measure(server.address, server.process.pid, setup) for server in running.values())
    )
    found = {}
    for mode, result in zip(running, measured, strict=True):
        if not result.delivered:
            raise SystemExit(f"FAILED: tokgate ({mode}) delivered no event")
        found[mode] = result.per_cpu_second
    return found


# --- failures -------------------------------------------------------------------------------


class Discarding(SpanExporter):
    """Counts the spans it is given, and drops them."""

    def __init__(self) -> None:
        self.spans = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.spans += len(spans)
        return SpanExportResult.SUCCESS


async def run_reports(pipeline: ErrorPipeline, reports: int) -> None:
    """``reports`` failures reported; each must get its expected kind."""
    for index in range(reports):
        error, context, kind = FAILURES[index % len(FAILURES)]
        detail = await pipeline.report(error, context)
        if detail.kind != kind:
            raise SystemExit(f"FAILED: {type(error).__name__} classified as {detail.kind}")


async def measure_failures(pipeline: ErrorPipeline, reports: int) -> dict[str, float]:
    """Reports per CPU-second in each mode (the tracing decorator swapped out for before);
    with traces on, the window ends when the spans are exported."""
    decorated = ErrorPipeline.__dict__["_detail"]
    exporter = Discarding()
    provider = tracer_provider(BatchSpanProcessor(RedactingExporter(exporter, pipeline.redact)))
    modes: dict[str, Callable[[], None]] = {
        "before": lambda: setattr(ErrorPipeline, "_detail", decorated.__wrapped__),
        "off": deactivate,
        "on": lambda: activate(provider),
    }
    found = {}
    try:
        for mode, enter in modes.items():
            enter()
            started = time.process_time()
            await run_reports(pipeline, reports)
            provider.force_flush()
            found[mode] = reports / (time.process_time() - started)
            ErrorPipeline._detail = decorated  # type: ignore[method-assign]
            deactivate()
    finally:
        ErrorPipeline._detail = decorated  # type: ignore[method-assign]
        deactivate()
        provider.shutdown()
    if not exporter.spans:
        raise SystemExit("FAILED: traces on exported no span")
    return found


# --- the run --------------------------------------------------------------------------------


def print_figures(title: str, unit: str, rounds: list[dict[str, float]]) -> None:
    """Each mode's median and range, and the median of the rounds' ratios to before (a
    round's modes share a window: their ratio is steadier than the medians')."""
    print(f"\n{title} (median of {len(rounds)} rounds; min-max)")
    for mode in MODES:
        values = [r[mode] for r in rounds]
        print(
            f"  {mode:6} {statistics.median(values):>12,.0f} {unit}  "
            f"({min(values):,.0f}-{max(values):,.0f})"
        )
    for mode in ("off", "on"):
        ratios = [r[mode] / r["before"] for r in rounds]
        print(
            f"  {mode}/before: median {statistics.median(ratios):.3f} "
            f"(rounds {', '.join(f'{x:.2f}' for x in ratios)})"
        )


async def failure_rounds(rounds: int, reports: int) -> list[dict[str, float]]:
    logging.disable(logging.CRITICAL)
    settings = Settings()
    pipeline = ErrorPipeline(settings, PluginManager.load(settings, entry_points=[]))
    await run_reports(pipeline, len(FAILURES) * 4)  # modules warm
    try:
        return [await measure_failures(pipeline, reports) for _ in range(rounds)]
    finally:
        await pipeline.stop()
        logging.disable(logging.NOTSET)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=4.0, help="LIVE measurement window")
    parser.add_argument("--subscribers", type=int, default=20, help="per server")
    parser.add_argument("--rate", type=float, default=200.0, help="LIVE events per second")
    parser.add_argument("--reports", type=int, default=2000, help="failures per mode and round")
    parser.add_argument("--after", default=None, help="revision of off and on (default: see doc)")
    parser.add_argument("--before", default=None, help="revision of before (default: AFTER^)")
    parser.add_argument("--quick", action="store_true", help="smoke test: tiny, one round")
    args = parser.parse_args()
    started = time.monotonic()
    if args.quick:
        args.rounds, args.seconds, args.subscribers, args.reports = 1, 0.4, 3, 40
    setup = Setup(args.subscribers, args.seconds, 0.3 if args.quick else 2.0, 0, 0)
    after = args.after or tracing_commit() or "HEAD"
    before = args.before or f"{after}^"
    print(f"load average {os.getloadavg()}; before = {before}, after = {after}")
    failures = asyncio.run(failure_rounds(args.rounds, args.reports))
    print_figures(
        f"failures: ErrorPipeline.report, {args.reports} a round", "reports/CPU-s", failures
    )
    modes = ("on",) if args.quick else MODES  # quick: the exporter's path delivers
    with (
        tree_of(before) as before_path,
        tree_of(after) as after_path,
        run_receiver() as (endpoint, received),
        run_simulator(args=["--log-level", "WARNING"]) as sim,
        servers(sim, {"before": before_path, "after": after_path}, endpoint, modes) as running,
    ):
        sim.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": args.rate})
        live = [asyncio.run(measure_live(running, setup)) for _ in range(args.rounds)]
        try:
            received.wait_for(STREAM_SPAN, timeout=10.0)
        except TimeoutError:
            print("FAILED: the server with traces on exported no StreamEvents span")
            return 1
    if not args.quick:
        print_figures(
            f"LIVE: {args.subscribers} subscribers, {args.rate:g} events/s, {args.seconds:g} s",
            "deliveries/CPU-s",
            live,
        )
    print(f"\nload average {os.getloadavg()}; {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""CPU per event end to end: one simulator room, one gRPC subscriber, server and client apart.

Starts ``tokgate sim`` and ``tokgate serve`` as real processes (``--sessions 0
--sign-budget-per-minute 1000``), puts one room live at ``--rate`` events per second and
subscribes to it with the Python client (``tokgate_client.AsyncClient``) in a separate process.
Over a ``--seconds`` window, after a warm-up, it reads from /proc the CPU time (user + system)
of the server (its main thread, where the asyncio loop runs, and its other threads), of the
client and of the simulator, the events the server received from upstream (its
``tokgate_live_events_total``), the events the client received and the ones the server dropped
for it, and prints CPU microseconds per event: server, client and their sum. The simulator's
CPU is printed apart: it stands for TikTok and is not counted. The same room is then run
watched (``--watch``) with no subscriber: the server's ingest alone (websocket, TikTokLive,
decode, log), and what delivery to the subscriber adds is the difference.

Then, unless ``--no-profile``, at ``--profile-rate`` (default 1,000 events/s, where the
profiled server still keeps up; the unprofiled figures at that rate are measured first) the
same load with the server and the client under cProfile for the window only: the server runs
through this file, which starts the profiler on SIGUSR1 and writes it on SIGUSR2, so no server
code changes. Every function's self time is grouped by area (gRPC write path, interceptors,
metrics, sealing and log, fan-out, decode, TikTokLive's frame handling, the websocket, the
event loop, native code the loop runs, other); a built-in's or a helper's time goes to its
callers' areas. cProfile sees the main thread only, counts wall time (epoll's waits are left
out) and costs about 0.35 µs per call, mostly charged to the caller: the "corrected" column
takes the calibrated cost off each function for the calls it made, and "scaled" is the area's
share of that applied to the unprofiled main thread's CPU per event, the figure to use.

With ``--batch N`` the subscriber asks for batches (``StreamBatching``: at most N events and
``--max-delay-ms`` of added delay per message) and each rate is measured unbatched and batched
on the same room and load, printed side by side ("both ends", issue 12 point 5), with the
server's events per CPU-second against issue 12's target (60,000) and server + client CPU per
event against an in-process library's. That baseline is measured in the same run when the
Node library issue 12 names is installed (``make bench`` puts tiktok-live-connector in
.tools/bench-node; ``--node-library DIR``): bench/node_library_client.mjs runs it in a process
of its own against the same simulator at the same rate, and its CPU per message decoded is the
figure. Without it, issue 12's quoted 15.6 µs (about 64,000 events/CPU-s) stands in, labelled
as quoted. The profiled run is then batched too.

    .venv/bin/python bench/bench_end_to_end.py [--rate 5000] [--seconds 10] [--profile-rate 1000]
                                               [--batch 50 --max-delay-ms 50]
                                               [--no-profile] [--keep DIR] [--quick]

``--quick`` (the smoke test's mode) runs one server at 200 events/s for a second, unbatched
then batched, with no ingest-only run and no profile; it fails when the subscriber gets no event
or a process dies, and asserts nothing about CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import json
import multiprocessing
import os
import pstats
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from server_probe import metric, wrapped_server
from tokgate.testing import (
    ManagedProcess,
    ServerHandle,
    SimulatorHandle,
    child_env,
    cpu_seconds,
    run_server,
    run_simulator,
    stat_cpu_seconds,
)

ROOM = "bench_e2e"
WARM_UP = 4.0  # seconds: the room connected, the subscriber attached, the rate steady
QUICK_WARM_UP = 0.3
FIRST_EVENT_TIMEOUT = 60.0  # seconds for the first event to arrive (a busy machine starts slowly)
TARGET_SERVER_EVENTS_PER_CPU_SECOND = 60_000.0  # issue 12, point 2, batched, one subscriber
# Issue 12's figure for the fastest in-process library (Node, ~64k events/CPU-s): quoted.
QUOTED_LIBRARY_US = 15.6
BENCH = Path(__file__).resolve().parent
NODE_LIBRARY = "tiktok-live-connector"
NODE_LIBRARY_DIR = BENCH.parent / ".tools" / "bench-node"  # where `make bench` installs it
SERVER_ARGS = ["--sessions", "0", "--sign-budget-per-minute", "1000"]
TOP = 4  # functions shown per area

# Areas, first match wins, on the profiled function's file (a built-in's goes to its callers).
AREAS: list[tuple[str, tuple[str, ...]]] = [
    ("interceptors", ("tokgate/interceptors.py", "tokgate/rpc.py")),
    ("metrics (prometheus_client)", ("prometheus_client/", "tokgate/metrics.py")),
    ("sealing and log", ("tokgate/live/log.py", "tokgate/live/events.py")),
    (
        "fan-out and subscriber queue",
        (
            "tokgate/live/fanout.py",
            "tokgate/live/subscriber.py",
            "tokgate/live/batching.py",
            "tokgate/bounds.py",
        ),
    ),
    (
        "decode",
        (
            "tokgate/live/decode.py",
            "tokgate/live/webcast_",
            "tokgate/live/gifts.py",
            "tokgate/webcast/",
        ),
    ),
    ("gRPC write path and servicer", ("/grpc/", "tokgate/live/servicer.py")),
    (
        "upstream connection (tokgate)",
        (
            "tokgate/live/connection.py",
            "tokgate/live/push_loop.py",
            "tokgate/live/adapter.py",
            "tokgate/live/frames.py",
            "tokgate/live/hub.py",
        ),
    ),
    ("TikTokLive frame handling", ("TikTokLive/", "betterproto2/", "pydantic", "gzip.py")),
    ("websocket and TLS", ("websockets/", "ssl.py", "httpx/", "httpcore/", "anyio/")),
    ("logging", ("logging/", "tokgate/logs.py")),
    ("event loop (asyncio)", ("asyncio/", "selectors.py")),
]
# Built-in calls whose time is native code run by the event loop itself, between Python frames:
# asyncio's C tasks stepping coroutines, grpc.aio's Cython coroutines and callbacks.
LOOP_NATIVE = "native code under the loop (grpc.aio Cython, C tasks)"
OTHER = "other"


def run_queue_wait(pid: int) -> float:
    """Seconds the process's main thread has waited for a CPU while runnable (schedstat)."""
    return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[1]) / 1e9


def events_received(server: ServerHandle) -> int:
    """The server's count of LIVE events received from upstream (every type)."""
    return int(metric(server, "tokgate_live_events_total"))


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds so far per thread name of a process (the main thread as ``main``)."""
    result: dict[str, float] = defaultdict(float)
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended
            continue
        name = "main" if task.name == str(pid) else stat.split("(", 1)[1].rsplit(")", 1)[0]
        result[name] += stat_cpu_seconds(stat)
    return result


# --- the client: a separate process, counting events in shared memory ------------------------


@dataclass(frozen=True)
class Batching:
    """What the subscriber asks for: at most ``events`` per message, ``max_delay_ms`` added."""

    events: int
    max_delay_ms: int

    def __str__(self) -> str:
        return f"batched ({self.events} events, {self.max_delay_ms} ms)"


@dataclass(frozen=True)
class Subscription:
    """What the client process streams, how, and where its profile goes (if profiled)."""

    address: str
    unique_id: str
    batching: Batching | None
    profile_out: Path | None


def client_main(
    subscription: Subscription, counter: Synchronized[int], dropped: Synchronized[int]
) -> None:
    """Stream the room's events with the Python client until killed, counting them and the
    events the server dropped for it (EVENTS_DROPPED). With a ``profile_out``, SIGUSR1 starts
    cProfile and SIGUSR2 writes it there."""
    if subscription.profile_out is not None:
        _profile_on_signals(subscription.profile_out)
    asyncio.run(
        _client(
            subscription.address, subscription.unique_id, counter, dropped, subscription.batching
        )
    )


async def _client(
    address: str,
    unique_id: str,
    counter: Synchronized[int],
    dropped: Synchronized[int],
    batching: Batching | None,
) -> None:
    from google.protobuf.duration_pb2 import Duration
    from tokgate.v1 import live_pb2
    from tokgate_client import AsyncClient

    events_dropped = live_pb2.STREAM_STATE_EVENTS_DROPPED
    asked = None
    if batching is not None:
        asked = live_pb2.StreamBatching(
            max_events=batching.events,
            max_delay=Duration(nanos=batching.max_delay_ms * 1_000_000),
        )
    async with AsyncClient(address) as client:
        received = 0
        async for event in client.live.stream_events(unique_id, batching=asked):
            received += 1
            counter.value = received
            if event.HasField("status") and event.status.state == events_dropped:
                dropped.value += event.status.dropped_count


def _profile_on_signals(out: Path) -> None:
    # cProfile's own clock (wall time, cheap to read): with a thread-CPU clock profiling
    # costs about 1.5 µs per call here, four times as much, which distorts more than it
    # helps. The loop's waits in epoll are taken out as idle; the run-queue waits that wall
    # time also counts fall evenly.
    profiler = cProfile.Profile()

    def start(signum: int, frame: Any) -> None:
        profiler.enable()

    def stop(signum: int, frame: Any) -> None:
        profiler.disable()
        profiler.dump_stats(out)

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)


def profiled_serve(out: Path, argv: Sequence[str]) -> int:
    """``tokgate serve ARGV`` in this process, cProfile on SIGUSR1, written on SIGUSR2."""
    from tokgate.cli import main as tokgate_main

    _profile_on_signals(out)
    return tokgate_main(["serve", *argv])


# --- one run -------------------------------------------------------------------------------


def wait_first_event(server: ServerHandle, delivered: Callable[[], int | None]) -> float:
    """Seconds until the first event: delivered to the client, or (``delivered`` giving None:
    no client) received by the server. Raises after FIRST_EVENT_TIMEOUT."""
    started = time.monotonic()
    while True:
        count = delivered()
        if (count if count is not None else events_received(server)) > 0:
            return time.monotonic() - started
        if time.monotonic() - started > FIRST_EVENT_TIMEOUT or not server.process.alive():
            raise RuntimeError(
                f"no event after {FIRST_EVENT_TIMEOUT:g} s:\n{server.process.logs()[-3000:]}"
            )
        time.sleep(0.05)


@dataclass
class Run:
    """What one window measured."""

    seconds: float
    sent: int  # events the simulator sent in the window
    handled: int  # events the server received from upstream in it (and decoded, sealed)
    delivered: int  # events the client received in it
    dropped: int  # events the server dropped for the client (EVENTS_DROPPED) in it
    server_cpu: float
    server_threads: dict[str, float]
    client_cpu: float
    sim_cpu: float
    load: tuple[float, float, float]
    waited: float  # seconds the server's main thread was runnable but had no CPU
    batching: Batching | None = None
    server_profile: Path | None = None
    client_profile: Path | None = None

    @property
    def main_us(self) -> float:
        """The server's main thread, µs per event received from upstream."""
        return self.server_threads.get("main", 0.0) / max(self.handled, 1) * 1e6

    @property
    def client_us(self) -> float:
        return self.per_event(self.client_cpu)

    def per_event(self, cpu: float) -> float:
        return cpu / self.delivered * 1e6 if self.delivered else float("inf")

    @property
    def label(self) -> str:
        return str(self.batching) if self.batching else "unbatched"


@contextmanager
def profiled_server(
    sim: SimulatorHandle, directory: Path, args: Sequence[str] = SERVER_ARGS
) -> Iterator[ServerHandle]:
    """``tokgate serve ARGS`` as ``run_server`` starts it, but through ``profiled_serve``:
    SIGUSR1 starts cProfile, SIGUSR2 writes it to DIRECTORY/server.prof."""
    wrapper = [sys.executable, __file__, "--profiled-server", str(directory / "server.prof")]
    with wrapped_server(sim, wrapper, args, directory) as server:
        yield server


def measure(
    sim: SimulatorHandle,
    server: ServerHandle,
    *,
    rate: float,
    seconds: float,
    unique_id: str,
    profile_dir: Path | None = None,
    subscribe: bool = True,
    batching: Batching | None = None,
    warm_up: float = WARM_UP,
) -> Run:
    """One room at ``rate`` to one client process, measured over ``seconds`` after a warm-up.
    Without ``subscribe`` there is no client: the server must watch the room (``--watch``).
    Raises when no event arrived in the warm-up, or the server or the client died."""
    context = multiprocessing.get_context("spawn")
    counter: Synchronized[int] = context.Value("q", 0, lock=False)
    dropped: Synchronized[int] = context.Value("q", 0, lock=False)
    client_profile = profile_dir / "client.prof" if profile_dir is not None else None
    client = context.Process(
        target=client_main,
        args=(Subscription(server.address, unique_id, batching, client_profile), counter, dropped),
        daemon=True,
    )
    sim.control("POST", f"rooms/{unique_id}", json={"live": True, "event_rate": rate})
    if subscribe:
        client.start()
    pids = [server.process.pid] + ([client.pid] if client.pid is not None else [])
    profiled = pids if profile_dir is not None else []

    def client_cpu() -> float:
        return cpu_seconds(client.pid) if client.pid is not None else 0.0

    try:
        waited_for_first = wait_first_event(server, lambda: counter.value if subscribe else None)
        time.sleep(max(0.0, warm_up - waited_for_first))
        for pid in profiled:
            os.kill(pid, signal.SIGUSR1)
        load = os.getloadavg()
        sent_before = sim.control("GET", "counters")["events_sent"]
        handled_before = events_received(server)
        delivered_before, dropped_before = counter.value, dropped.value
        server_before, client_before = cpu_seconds(server.process.pid), client_cpu()
        threads_before, sim_before = thread_cpu(server.process.pid), cpu_seconds(sim.process.pid)
        wait_before = run_queue_wait(server.process.pid)
        started = time.monotonic()
        time.sleep(seconds)
        delivered = counter.value - delivered_before
        lost = dropped.value - dropped_before
        server_cpu = cpu_seconds(server.process.pid) - server_before
        client_used = client_cpu() - client_before
        threads_after, sim_cpu = thread_cpu(server.process.pid), cpu_seconds(sim.process.pid)
        waited = run_queue_wait(server.process.pid) - wait_before
        elapsed = time.monotonic() - started
        sent = sim.control("GET", "counters")["events_sent"] - sent_before
        handled = events_received(server) - handled_before
        for pid in profiled:
            os.kill(pid, signal.SIGUSR2)
        time.sleep(1.0 if profiled else 0.0)  # the profiles written
        if not server.process.alive() or (subscribe and not client.is_alive()):
            raise RuntimeError(
                f"a process died (client exit code {client.exitcode}):\n"
                f"{server.process.logs()[-3000:]}"
            )
    finally:
        sim.control("POST", f"rooms/{unique_id}", json={"live": False})
        if client.pid is not None:
            client.kill()
            client.join(10)
    threads = {
        name: threads_after[name] - threads_before.get(name, 0.0)
        for name in threads_after
        if threads_after[name] - threads_before.get(name, 0.0) > 0
    }
    return Run(
        elapsed,
        sent,
        handled,
        delivered,
        lost,
        server_cpu,
        threads,
        client_used,
        sim_cpu - sim_before,
        load,
        waited,
        batching,
        profile_dir / "server.prof" if profile_dir is not None else None,
        client_profile,
    )


# --- profiles by area ----------------------------------------------------------------------


@dataclass
class Areas:
    """Self time (seconds) per area, as profiled and corrected, and per function in each."""

    total: float = 0.0
    total_corrected: float = 0.0
    idle: float = 0.0  # the loop waiting in epoll: not work
    total_calls: int = 0
    loop_iterations: int = 0  # asyncio's _run_once calls
    callbacks: int = 0  # callbacks the loop ran (Context.run calls)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    corrected: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    calls: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    functions: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )


def profiling_cost_per_call() -> float:
    """Seconds cProfile adds per call it records, on this machine now. Nearly all of it lands
    in the calling function's self time (checked: a loop of calls is charged the overhead)."""

    def callee(x: int) -> int:
        return x

    def caller(n: int) -> None:
        for i in range(n):
            callee(i)
            len("x")

    n = 200_000
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        caller(n)
        plain = time.perf_counter() - started
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        caller(n)
        profiler.disable()
        best = min(best, (time.perf_counter() - started - plain) / (2 * n))
    return max(best, 0.0)


def _label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    for marker in ("site-packages/", "server/", "lib/python3.11/", "clients/python/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({name})"


def _area_of_file(filename: str, areas: list[tuple[str, tuple[str, ...]]]) -> str | None:
    for area, markers in areas:
        if any(marker in filename for marker in markers):
            return area
    return None


# Code that is nobody's area: its time goes to its callers' (generated dataclass methods,
# built-ins, stdlib helpers, protobuf's Python helpers).
HELPERS = (
    "dataclasses.py",
    "warnings.py",
    "contextlib.py",
    "enum.py",
    "typing.py",
    "functools.py",
    "abc.py",
    "copy.py",
    "google/protobuf/",
    "weakref.py",
    "threading.py",
)


def _is_helper(filename: str) -> bool:
    return filename == "~" or filename.startswith("<") or any(h in filename for h in HELPERS)


def group(profile: Path, areas: list[tuple[str, tuple[str, ...]]], per_call: float) -> Areas:
    """The profile's self time by area. A built-in's or a helper's time is split over its
    callers' areas in proportion to what each caller spent in it; ``Context.run`` (native code
    the event loop runs between Python frames) is an area of its own; epoll's wait is idle.
    Corrected: each function's self time less ``per_call`` for every call it made."""
    stats: dict[Any, Any] = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    result = Areas()
    calls_made: dict[Any, int] = defaultdict(int)
    for key, entry in stats.items():
        for caller, caller_entry in entry[4].items():
            calls_made[caller] += caller_entry[1]
        if key[2] == "_run_once":
            result.loop_iterations += entry[1]
        elif "method 'run' of '_contextvars.Context'" in key[2]:
            result.callbacks += entry[1]

    def shares_of(key: tuple[str, int, str], depth: int) -> dict[str, float]:
        if "method 'run' of '_contextvars.Context'" in key[2]:
            return {LOOP_NATIVE: 1.0}
        if not _is_helper(key[0]):
            return {_area_of_file(key[0], areas) or OTHER: 1.0}
        callers: dict[Any, Any] = stats[key][4] if key in stats else {}
        if depth >= 4 or not callers:
            return {OTHER: 1.0}
        total = sum(entry[2] for entry in callers.values())
        shares: dict[str, float] = defaultdict(float)
        for caller, entry in callers.items():
            weight = entry[2] / total if total else 1.0 / len(callers)
            for area, share in shares_of(caller, depth + 1).items():
                shares[area] += weight * share
        return shares

    for key, (_cc, calls, tottime, _ct, _callers) in stats.items():
        if "method 'poll' of 'select.epoll'" in key[2]:
            result.idle += tottime
            continue
        corrected = max(0.0, tottime - per_call * calls_made[key])
        result.total += tottime
        result.total_corrected += corrected
        result.total_calls += calls
        for area, share in shares_of(key, 0).items():
            result.seconds[area] += tottime * share
            result.corrected[area] += corrected * share
            result.calls[area] += calls * share
            result.functions[area][_label(key)] += corrected * share
    return result


CLIENT_AREAS: list[tuple[str, tuple[str, ...]]] = [
    ("tokgate_client (resume bookkeeping, iteration)", ("tokgate_client/",)),
    ("gRPC read path", ("/grpc/",)),
    ("event loop (asyncio)", ("asyncio/", "selectors.py")),
    ("this bench's loop (counting events)", ("bench_end_to_end.py",)),
]


def print_areas(title: str, areas: Areas, events: int, unprofiled_us: float) -> None:
    """Areas in µs per event (``events``: what the process handled): as profiled (wall
    time), corrected (less cProfile's cost per call made), and that share of the unprofiled
    main thread's CPU per event (scaled), which is the figure to use."""
    profiled_us = areas.total / events * 1e6
    corrected_us = areas.total_corrected / events * 1e6
    print(
        f"\n{title}: main thread {profiled_us:.1f} µs/event under cProfile (wall, busy), "
        f"{corrected_us:.1f} corrected, {unprofiled_us:.1f} CPU unprofiled; per event "
        f"{areas.total_calls / events:.0f} calls, {areas.loop_iterations / events:.2f} loop "
        f"iterations, {areas.callbacks / events:.2f} loop callbacks"
    )
    print(
        f"  {'area':<56} {'profiled':>8} {'calls':>6} {'corrected':>9} {'share':>6} {'scaled':>6}"
    )
    for area, seconds in sorted(areas.corrected.items(), key=lambda item: -item[1]):
        share = seconds / areas.total_corrected if areas.total_corrected else 0.0
        print(
            f"  {area:<56} {areas.seconds[area] / events * 1e6:8.1f} "
            f"{areas.calls[area] / events:6.1f} {seconds / events * 1e6:9.1f} {share:6.1%} "
            f"{share * unprofiled_us:6.1f}"
        )
        top = sorted(areas.functions[area].items(), key=lambda item: -item[1])[:TOP]
        for label, fn_seconds in top:
            print(f"      {fn_seconds / events * 1e6:6.2f}  {label[:100]}")


def print_run(rate: float, run: Run, title: str) -> None:
    """The run's figures."""
    handled = max(run.handled, 1)
    server_us, client_us = run.per_event(run.server_cpu), run.per_event(run.client_cpu)
    main_us = run.main_us
    print(f"\n== {title}")
    print(
        f"load average at the window's start: {' '.join(f'{x:.2f}' for x in run.load)}; "
        f"the server's main thread waited {run.waited:.2f} s for a CPU (run queue)"
    )
    print(
        f"offered {rate:g} events/s; window {run.seconds:.1f} s: simulator sent "
        f"{run.sent}, server received {run.handled}, client received {run.delivered} "
        f"({run.delivered / run.seconds:,.0f}/s), {run.dropped} dropped for it (slow consumer)"
    )
    if run.delivered < 0.95 * run.handled or run.handled < 0.95 * run.sent:
        print(
            "  THE SERVER DID NOT KEEP UP: per delivered event mixes in events it handled and "
            "dropped; per event handled is the fair figure (or lower --rate)"
        )
    print(
        f"server CPU: {run.server_cpu:.2f} s = {server_us:.1f} µs/event delivered, "
        f"{run.server_cpu / handled * 1e6:.1f} µs/event handled "
        f"({run.delivered / run.server_cpu if run.server_cpu else 0:,.0f} delivered/CPU-s)"
    )
    others = sorted(
        ((name, cpu) for name, cpu in run.server_threads.items() if name != "main"),
        key=lambda item: -item[1],
    )
    print(
        f"  per event handled: main thread {main_us:.1f} µs, other threads "
        + (", ".join(f"{name!r} {cpu / handled * 1e6:.1f}" for name, cpu in others) or "none")
    )
    print(
        f"client CPU (tokgate_client.AsyncClient): {run.client_cpu:.2f} s = "
        f"{client_us:.1f} µs/event received"
    )
    print(f"server + client: {server_us + client_us:.1f} µs/event delivered")
    print(f"(simulator, not counted: {run.sim_cpu / max(run.sent, 1) * 1e6:.1f} µs/event sent)")


def subscriber_runs(
    sim: SimulatorHandle,
    rate: float,
    seconds: float,
    room: str,
    batchings: Sequence[Batching | None],
    *,
    warm_up: float = WARM_UP,
    shared_server: bool = False,
) -> list[Run]:
    """One subscriber at ``rate``, once per batching, each on a room of its own and (unless
    ``shared_server``, which saves a start in --quick) a fresh server; prints each run."""
    runs = []
    with contextlib.ExitStack() as stack:
        shared = None
        if shared_server:
            shared = stack.enter_context(run_server(upstream=sim, args=SERVER_ARGS))
        for index, batching in enumerate(batchings):
            with contextlib.ExitStack() as this_run:
                server = shared or this_run.enter_context(
                    run_server(upstream=sim, args=SERVER_ARGS)
                )
                run = measure(
                    sim,
                    server,
                    rate=rate,
                    seconds=seconds,
                    unique_id=f"{room}_{index}",
                    batching=batching,
                    warm_up=warm_up,
                )
            print_run(rate, run, f"unprofiled, {rate:g} events/s, one subscriber, {run.label}")
            runs.append(run)
    return runs


def ingest_only(sim: SimulatorHandle, rate: float, seconds: float, room: str) -> float:
    """The same room watched with no subscriber (upstream, decode, log, no delivery): the
    server's CPU µs per event received; printed."""
    # Live before the server starts: a watched room that is offline is polled only now and then.
    sim.control("POST", f"rooms/{room}", json={"live": True, "event_rate": rate})
    with run_server(upstream=sim, args=[*SERVER_ARGS, "--watch", room]) as server:
        ingest = measure(sim, server, rate=rate, seconds=seconds, unique_id=room, subscribe=False)
    ingest_us = ingest.server_cpu / max(ingest.handled, 1) * 1e6
    print(
        f"\ningest only (the room watched, no subscriber): server received {ingest.handled} "
        f"of {ingest.sent} sent, {ingest.server_cpu:.2f} CPU-s = {ingest_us:.1f} µs/event "
        f"(main thread {ingest.main_us:.1f}; it waited {ingest.waited:.2f} s for a CPU)"
    )
    return ingest_us


# --- the in-process library baseline ----------------------------------------------------------


@dataclass
class LibraryRun:
    """The Node library in its own process over one window."""

    sent: int  # events the simulator sent in the window
    decoded: int  # messages the library decoded in it
    cpu: float
    load: tuple[float, float, float]

    @property
    def us(self) -> float:
        return self.cpu / self.decoded * 1e6 if self.decoded else float("inf")


def library_entry(directory: Path) -> Path | None:
    """The installed Node library's ES module entry, or None (not installed, or no node)."""
    package = directory / "node_modules" / NODE_LIBRARY / "package.json"
    if not package.exists() or shutil.which("node") is None:
        return None
    exports = json.loads(package.read_text())["exports"]["."]
    return package.parent / str(exports.get("import", exports["default"]))


def measure_library(
    sim: SimulatorHandle, rate: float, seconds: float, room: str, entry: Path
) -> LibraryRun:
    """The Node library receiving ``room`` at ``rate`` in-process, over ``seconds`` after the
    warm-up; raises when it gets no event or dies."""
    sim.control("POST", f"rooms/{room}", json={"live": True, "event_rate": rate})
    with tempfile.TemporaryDirectory() as directory:
        count_file = Path(directory) / "decoded"
        argv = [
            "node",
            str(BENCH / "node_library_client.mjs"),
            str(entry),
            f"127.0.0.1:{sim.port}",
            room,
            str(count_file),
        ]
        env = child_env({"SIGN_API_URL": sim.url, "NODE_EXTRA_CA_CERTS": str(sim.cert_path)})
        process = ManagedProcess(argv, env, Path(directory) / "node.log")
        process.start()

        def decoded() -> int:
            text = count_file.read_text() if count_file.exists() else ""
            return int(text) if text else 0

        try:
            started = time.monotonic()
            while decoded() == 0:
                if time.monotonic() - started > FIRST_EVENT_TIMEOUT or not process.alive():
                    raise RuntimeError(f"the Node library got no event:\n{process.logs()}")
                time.sleep(0.05)
            time.sleep(max(0.0, WARM_UP - (time.monotonic() - started)))
            load = os.getloadavg()
            sent_before = sim.control("GET", "counters")["events_sent"]
            decoded_before, cpu_before = decoded(), cpu_seconds(process.pid)
            time.sleep(seconds)
            cpu = cpu_seconds(process.pid) - cpu_before
            decoded_in_window = decoded() - decoded_before
            sent = sim.control("GET", "counters")["events_sent"] - sent_before
            if not process.alive():
                raise RuntimeError(f"the Node library died:\n{process.logs()}")
        finally:
            process.stop()
            sim.control("POST", f"rooms/{room}", json={"live": False})
    return LibraryRun(sent, decoded_in_window, cpu, load)


def library_baseline(
    sim: SimulatorHandle, rate: float, seconds: float, room: str, directory: Path
) -> float | None:
    """The Node library's CPU µs per event at ``rate``, measured and printed; None (and why,
    printed) when it is not installed."""
    entry = library_entry(directory)
    if entry is None:
        print(
            f"\nin-process library: not measured ({NODE_LIBRARY} not installed in {directory}, "
            f"or no node; `make bench` installs it); issue 12's quoted {QUOTED_LIBRARY_US} µs "
            f"stands in"
        )
        return None
    run = measure_library(sim, rate, seconds, room, entry)
    version = json.loads((entry.parents[1] / "package.json").read_text())["version"]
    print(
        f"\nin-process library ({NODE_LIBRARY} {version}, Node {node_version()}, its own "
        f"process, every event type listened to): simulator sent {run.sent}, it decoded "
        f"{run.decoded} messages, {run.cpu:.2f} CPU-s = {run.us:.1f} µs/event "
        f"({1e6 / run.us:,.0f} events/CPU-s); load average "
        f"{' '.join(f'{x:.2f}' for x in run.load)}"
    )
    return run.us


def node_version() -> str:
    return subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def print_both_ends(
    rate: float, runs: Sequence[Run], ingest_us: float | None, library_us: float | None
) -> None:
    """Issue 12 point 5: server and client CPU per event delivered, and the sum, per batching;
    against the target (server events/CPU-s, batched) and the in-process library (measured,
    or issue 12's quoted figure)."""
    library = library_us if library_us is not None else QUOTED_LIBRARY_US
    print(f"\n== both ends, {rate:g} events/s, one subscriber (µs of CPU per event delivered)")
    print(
        f"  {'':<30} {'server':>8} {'delivery':>8} {'client':>8} {'sum':>8} "
        f"{'server ev/CPU-s':>15} {'sum / library':>13}"
    )
    for run in runs:
        server_us, client_us = run.per_event(run.server_cpu), run.client_us
        delivery = f"{server_us - ingest_us:8.1f}" if ingest_us is not None else f"{'-':>8}"
        print(
            f"  {run.label:<30} {server_us:8.1f} {delivery} {client_us:8.1f} "
            f"{server_us + client_us:8.1f} {1e6 / server_us:15,.0f} "
            f"{(server_us + client_us) / library:12.1f}x"
        )
    measured = (
        f"{library:.1f} µs/event, {NODE_LIBRARY} in-process, measured above"
        if library_us is not None
        else f"{QUOTED_LIBRARY_US} µs/event, as issue 12 quotes the fastest in-process library "
        f"(not measured here)"
    )
    print(
        f"  delivery: server CPU per event delivered less the ingest-only run's; library: "
        f"{measured}; target, batched: server >= "
        f"{TARGET_SERVER_EVENTS_PER_CPU_SECOND:,.0f} events/CPU-s"
    )
    for run in runs:
        if run.batching is not None:
            server_rate = run.delivered / run.server_cpu if run.server_cpu else 0.0
            print(
                f"  {run.label}: server at {server_rate / TARGET_SERVER_EVENTS_PER_CPU_SECOND:.2f}"
                f"x the target; server + client at "
                f"{library / (run.per_event(run.server_cpu) + run.client_us):.2f}x "
                f"the library's speed"
            )


def measure_rate(
    sim: SimulatorHandle,
    rate: float,
    seconds: float,
    room: str,
    batchings: Sequence[Batching | None],
    *,
    library_dir: Path,
) -> list[Run]:
    """Subscriber runs per batching, the ingest alone, the in-process library, and both ends
    side by side."""
    runs = subscriber_runs(sim, rate, seconds, room, batchings)
    ingest_us = ingest_only(sim, rate, seconds, room + "_w")
    library_us = library_baseline(sim, rate, seconds, room + "_n", library_dir)
    print_both_ends(rate, runs, ingest_us, library_us)
    return runs


def quick(batching: Batching) -> int:
    """The smoke test: one server, 200 events/s, half a second unbatched then batched."""
    started = time.monotonic()
    with run_simulator(args=["--log-level", "WARNING"]) as sim:
        runs = subscriber_runs(
            sim, 200.0, 0.5, ROOM, [None, batching], warm_up=QUICK_WARM_UP, shared_server=True
        )
    print_both_ends(200.0, runs, None, None)
    print(f"quick: {time.monotonic() - started:.1f} s")
    return 0 if all(run.delivered for run in runs) else 1


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--profiled-server":
        return profiled_serve(Path(sys.argv[2]), sys.argv[3:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=5000.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="measurement window")
    parser.add_argument("--batch", type=int, default=0, help="events per message (0: unbatched)")
    parser.add_argument(
        "--max-delay-ms", type=int, default=50, help="added delay a batch may hold an event"
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the profiled run")
    parser.add_argument(
        "--profile-rate",
        type=float,
        default=1000.0,
        help="events per second of the profiled run (0: --rate), where the profiled server "
        "still keeps up; unprofiled figures at that rate are measured too",
    )
    parser.add_argument("--keep", type=Path, help="copy the .prof files into this directory")
    parser.add_argument(
        "--node-library",
        type=Path,
        default=NODE_LIBRARY_DIR,
        help=f"where {NODE_LIBRARY} is installed (node_modules/ in it), the in-process baseline",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: a second each way")
    args = parser.parse_args()
    batched = Batching(args.batch, args.max_delay_ms) if args.batch else None
    if args.quick:
        return quick(batched or Batching(10, args.max_delay_ms))
    batchings = [None, batched] if batched else [None]

    with run_simulator(args=["--log-level", "WARNING"]) as sim:
        runs = measure_rate(
            sim, args.rate, args.seconds, ROOM, batchings, library_dir=args.node_library
        )
        if args.no_profile:
            return 0
        profile_rate = args.profile_rate or args.rate
        # The profile is of the last batching asked for (batched with --batch).
        base = runs[-1]
        if profile_rate != args.rate:
            base = measure_rate(
                sim,
                profile_rate,
                args.seconds,
                ROOM + "_b",
                [batched],
                library_dir=args.node_library,
            )[-1]
        main_us, client_us = base.main_us, base.client_us
        with tempfile.TemporaryDirectory() as directory:
            with profiled_server(sim, Path(directory)) as server:
                profiled = measure(
                    sim,
                    server,
                    rate=profile_rate,
                    seconds=args.seconds,
                    unique_id=ROOM + "_p",
                    profile_dir=Path(directory),
                    batching=batched,
                )
            print_run(
                profile_rate,
                profiled,
                f"profiled (cProfile on the server's and client's main threads), {profiled.label}",
            )
            assert profiled.server_profile is not None and profiled.client_profile is not None
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                for path in (profiled.server_profile, profiled.client_profile):
                    shutil.copy(path, args.keep)
            per_call = profiling_cost_per_call()
            print(f"\ncProfile's cost per call, calibrated here: {per_call * 1e6:.2f} µs")
            print_areas(
                "server by area, per event received from upstream",
                group(profiled.server_profile, AREAS, per_call),
                max(profiled.handled, 1),
                main_us,
            )
            print_areas(
                "client by area, per event received",
                group(profiled.client_profile, CLIENT_AREAS, per_call),
                max(profiled.delivered, 1),
                client_us,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

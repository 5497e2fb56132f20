"""Server memory: per idle subscriber, per room, and one slow subscriber at full rate.

Real processes: ``tokgate sim`` and ``tokgate serve`` (``--sessions 0``, a sign budget that
never throttles), the server's memory read from /proc/<pid>/smaps_rollup (Rss, Pss, and its
anonymous pages: heap and stacks). Subscribers are real StreamEvents calls from one client
process (grpc.aio, ``PER_CHANNEL`` streams per connection). Every figure is a difference
against the baseline measured first in the same server, and a slope per unit between steps.

1. Idle subscribers: one watched room, live at 0 events/s; 0, then ``--subscribers`` streams
   to it (default 500 and 2,000). Target: at most 16 KiB per subscriber.
2. Rooms: 0, then ``--rooms`` rooms (default 50 and 200), each live at ``--room-rate`` events/s
   with one subscriber, held ``--hold`` seconds so their histories fill; run twice, on a server
   whose history and caches keep one entry ("bare": the room itself) and on one with the
   defaults. Target: at most 200 KiB per bare room; the defaults' extra is the history and
   the caches, printed apart with what the server accounts for them (tokgate_buffer_bytes).
3. A slow subscriber: one watched room at ``--slow-rate`` events/s (default 2,000): its
   history fills for ``FILL`` seconds, then one stream that never reads is held
   ``--slow-seconds``; the memory every second, and whether it levels off (the subscriber
   queue's bounds, grpc's flow-control windows).

``--trace subscribers`` or ``--trace rooms`` runs that part with the server under tracemalloc
(bench/server_probe.py) and prints the biggest growths per unit by allocating traceback (C
allocations, grpc core's and upb's, are not traced: compare with the RSS figures).
``--quick``: tiny counts on one server, a smoke test of the pipeline (no size is judged).

    flock /tmp/tokgate-bench.lock .venv/bin/python bench/bench_memory.py [--quick]
        [--subscribers 500 2000] [--rooms 50 200] [--trace subscribers|rooms]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import multiprocessing
import os
import socket
import sys
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

import grpc
import httpx
from server_probe import Memory, memory_of, metric, settled_memory, top_growth, traced_server
from tokgate.testing import (
    ManagedProcess,
    ServerHandle,
    SimulatorHandle,
    child_env,
    free_port,
    run_server,
    run_simulator,
)

SERVER_ARGS = ["--sessions", "0", "--sign-budget-per-minute", "1000"]
# History and caches of one entry: what a room costs by itself.
BARE_ARGS = [
    "--room-history-max-entries",
    "1",
    "--live-user-cache-max-entries",
    "1",
    "--gift-cache-max-entries",
    "1",
]
SUBSCRIBERS_ROOM = "mem_subscribers"
SLOW_ROOM = "mem_slow"
PER_CHANNEL = 100  # streams per client connection
FILL = 12.0  # seconds the slow room's history fills before the slow subscriber comes
TIMEOUT = 120.0
SUBSCRIBER_TARGET_KIB = 16
ROOM_TARGET_KIB = 200

Snapshotter = Callable[[], tracemalloc.Snapshot] | None


# --- the client process ----------------------------------------------------------------------

# A command to the client process: open streams (server address, one room per stream, whether
# they read), or None: end every stream it holds.
Command = tuple[str, list[str], bool] | None


def crowd_main(
    commands: multiprocessing.Queue[Command],
    opened: Synchronized[int],
    failed: Synchronized[int],
) -> None:
    """Hold the streams the commands open; count in ``opened`` those that got their first
    message (or their headers, for a stream that never reads), and in ``failed`` those that
    ended unasked. After None, ``opened`` is back to 0 once every stream is gone."""
    asyncio.run(_crowd(commands, opened, failed))


async def _crowd(
    commands: multiprocessing.Queue[Command],
    opened: Synchronized[int],
    failed: Synchronized[int],
) -> None:
    from tokgate.v1 import live_pb2, live_pb2_grpc

    loop = asyncio.get_running_loop()
    channels: list[grpc.aio.Channel] = []
    tasks: list[asyncio.Task[None]] = []

    async def follow(
        stub: live_pb2_grpc.LiveServiceAsyncStub,
        room: str,
        read: bool,
        answered: asyncio.Future[None],
    ) -> None:
        call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id=room))
        try:
            if not read:
                await call.initial_metadata()
                opened.value += 1
                answered.set_result(None)
                await asyncio.Future()  # never reads
            async for _ in call:
                if not answered.done():
                    opened.value += 1
                    answered.set_result(None)
        except grpc.aio.AioRpcError as exc:
            print(f"a stream to {room} ended: {exc.code()} {exc.details()}", file=sys.stderr)
        failed.value += 1

    while True:
        command = await loop.run_in_executor(None, commands.get)
        if command is None:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await asyncio.gather(*(channel.close() for channel in channels))
            tasks.clear()
            channels.clear()
            opened.value = 0
            continue
        address, rooms, read = command
        for start in range(0, len(rooms), PER_CHANNEL):
            # A connection of its own (not the process-wide pool's shared one), its streams
            # opened together, the next connection's once these are answered.
            channels.append(
                grpc.aio.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)])
            )
            stub = live_pb2_grpc.LiveServiceStub(channels[-1])  # an aio channel: the async stub
            answers = [loop.create_future() for _ in rooms[start : start + PER_CHANNEL]]
            for room, answered in zip(rooms[start : start + PER_CHANNEL], answers, strict=True):
                tasks.append(asyncio.create_task(follow(stub, room, read, answered)))
            await asyncio.wait(answers, timeout=TIMEOUT)


class Crowd:
    """A client process holding streams open, for the whole run."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._commands: multiprocessing.Queue[Command] = context.Queue()
        self._opened: Synchronized[int] = context.Value("q", 0, lock=False)
        self._failed: Synchronized[int] = context.Value("q", 0, lock=False)
        self._process = context.Process(
            target=crowd_main, args=(self._commands, self._opened, self._failed), daemon=True
        )
        self._process.start()
        self._held = 0

    def open(self, address: str, rooms: list[str], read: bool = True) -> None:
        """One more stream per entry of ``rooms``; returns once all are open (answered)."""
        self._commands.put((address, rooms, read))
        self._held += len(rooms)
        self._wait(lambda: self._opened.value >= self._held, f"{self._held} streams open")

    def release(self) -> None:
        """End every stream (before their server stops)."""
        self.check()
        self._commands.put(None)
        self._held = 0
        self._wait(lambda: self._opened.value == 0, "streams ended")

    def _wait(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not done():
            self.check()
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {what} after {TIMEOUT:g}s ({self._opened.value} open)")
            time.sleep(0.05)

    def check(self) -> None:
        if self._failed.value:
            raise RuntimeError(f"{self._failed.value} streams ended unasked")
        if not self._process.is_alive():
            raise RuntimeError("the client process died")

    def close(self) -> None:
        self._process.kill()
        self._process.join(10)


@contextmanager
def crowd() -> Iterator[Crowd]:
    started = Crowd()
    try:
        yield started
    finally:
        started.close()


# --- helpers ---------------------------------------------------------------------------------


def set_rooms_live(sim: SimulatorHandle, rooms: Sequence[str], rate: float) -> None:
    """Put ``rooms`` live at ``rate`` events/s in the simulator (one HTTPS client for all)."""
    with httpx.Client(verify=sim.ssl_context(), timeout=10.0) as client:
        for room in rooms:
            answer = client.post(
                f"{sim.url}/_sim/rooms/{room}", json={"live": True, "event_rate": rate}
            )
            answer.raise_for_status()


def wait_until(ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {what} after {TIMEOUT:g}s")
        time.sleep(0.1)


def room_connected(sim: SimulatorHandle, room: str) -> bool:
    return bool(sim.control("GET", "counters")["open_websockets"].get(room))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def kib(value: float) -> str:
    return f"{value:,.0f}"


@dataclass(frozen=True)
class Pace:
    """How a step's memory is read: ``settle`` seconds after it, the median of ``samples``."""

    settle: float
    samples: int

    def memory(self, pid: int) -> Memory:
        time.sleep(self.settle)
        return settled_memory(pid, self.samples)


FULL_PACE = Pace(2.0, 3)
QUICK_PACE = Pace(0.2, 1)


@dataclass(frozen=True)
class Step:
    """One step's reading: ``units`` (subscribers, rooms) and the server's memory then."""

    units: int
    memory: Memory


def print_steps(unit: str, steps: list[Step], target_kib: float | None) -> float:
    """The steps as differences against the first (the baseline) and slopes between steps;
    returns the last slope (KiB of RSS per unit)."""
    base = steps[0].memory
    print(
        f"  {unit:>12} {'RSS KiB':>10} {'Pss KiB':>10} {'RSS - base':>11} {'anon - base':>11} "
        f"{'KiB/unit':>9} {'slope KiB/unit':>15}"
    )
    slope = 0.0
    for index, step in enumerate(steps):
        diff = step.memory - base
        per = diff.rss / step.units if step.units else 0.0
        if index:
            before = steps[index - 1]
            slope = (step.memory.rss - before.memory.rss) / (step.units - before.units)
        print(
            f"  {step.units:>12} {kib(step.memory.rss):>10} {kib(step.memory.pss):>10} "
            f"{kib(diff.rss):>11} {kib(diff.anonymous):>11} {per:9.1f} "
            + (f"{slope:15.1f}" if index else f"{'(baseline)':>15}")
        )
    if target_kib is not None:
        verdict = "met" if slope <= target_kib else "MISSED"
        print(f"  last slope {slope:.1f} KiB per {unit}: target {target_kib} KiB {verdict}")
    return slope


def trace_step(snapshot: Snapshotter, previous: list[tracemalloc.Snapshot], added: int) -> None:
    """Under --trace: the biggest Python allocations since the last step, per unit added."""
    if snapshot is None:
        return
    taken = snapshot()
    if previous and added:
        print(f"  tracemalloc, growth per unit over the last {added} added:")
        for line in top_growth(previous[-1], taken, added):
            print("    " + line)
    previous.append(taken)


# --- 1. idle subscribers ---------------------------------------------------------------------


def idle_streams(
    pid: int,
    address: str,
    clients: Crowd,
    *,
    counts: Sequence[int],
    pace: Pace,
    snapshot: Snapshotter,
    counted: Callable[[int], bool] = lambda count: True,
) -> list[Step]:
    """The memory of server ``pid`` with 0, then ``counts`` idle streams to it (``counted``:
    whether the server sees that many)."""
    snapshots: list[tracemalloc.Snapshot] = []
    steps = [Step(0, pace.memory(pid))]
    trace_step(snapshot, snapshots, 0)
    for count in counts:
        clients.open(address, [SUBSCRIBERS_ROOM] * (count - steps[-1].units))
        wait_until(functools.partial(counted, count), f"{count} streams counted by the server")
        steps.append(Step(count, pace.memory(pid)))
        clients.check()
        trace_step(snapshot, snapshots, count - steps[-2].units)
    clients.release()
    return steps


def idle_subscribers(
    sim: SimulatorHandle,
    server: ServerHandle,
    clients: Crowd,
    *,
    counts: Sequence[int],
    pace: Pace,
    snapshot: Snapshotter,
) -> float:
    """0, then ``counts`` subscribers to one watched room at 0 events/s; the last slope."""
    print(f"\n== idle subscribers: one room at 0 events/s (load average {load()})")
    wait_until(lambda: room_connected(sim, SUBSCRIBERS_ROOM), "watched room connected")
    steps = idle_streams(
        server.process.pid,
        server.address,
        clients,
        counts=counts,
        pace=pace,
        snapshot=snapshot,
        counted=lambda count: metric(server, "tokgate_live_subscribers") >= count,
    )
    return print_steps("subscribers", steps, SUBSCRIBER_TARGET_KIB)


BARE_GRPC_FLAG = "--bare-grpc-server"
LIVE_SERVICE = "tokgate.v1.LiveService"


def bare_grpc_serve(port: int) -> int:
    """A grpc.aio server whose StreamEvents sends one message and waits: what an idle stream
    costs grpc.aio itself, the floor under tokgate's figure."""
    from tokgate.v1 import live_pb2

    first = live_pb2.StreamEventsResponse(event=live_pb2.LiveEvent(unique_id="idle"))

    async def stream_events(
        request: live_pb2.StreamEventsRequest, context: object
    ) -> AsyncIterator[live_pb2.StreamEventsResponse]:
        yield first
        await asyncio.Event().wait()

    async def serve() -> None:
        server = grpc.aio.server(options=[("grpc.so_reuseport", 0)])
        handler = grpc.unary_stream_rpc_method_handler(
            stream_events,
            request_deserializer=live_pb2.StreamEventsRequest.FromString,
            response_serializer=live_pb2.StreamEventsResponse.SerializeToString,
        )
        server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler(LIVE_SERVICE, {"StreamEvents": handler}),)
        )
        server.add_insecure_port(f"127.0.0.1:{port}")
        await server.start()
        await server.wait_for_termination()

    asyncio.run(serve())
    return 0


def bare_grpc_floor(clients: Crowd, *, counts: Sequence[int], pace: Pace, directory: Path) -> float:
    """The same idle streams to a bare grpc.aio server (``bare_grpc_serve``); the last slope."""
    print(f"\n== the floor: the same streams to a bare grpc.aio server (load average {load()})")
    port = free_port()
    argv = [sys.executable, __file__, BARE_GRPC_FLAG, str(port)]
    process = ManagedProcess(argv, child_env(), directory / "bare-grpc.log")
    process.start()
    try:
        wait_until(lambda: accepts(port), "bare grpc.aio server listening")
        steps = idle_streams(
            process.pid, f"127.0.0.1:{port}", clients, counts=counts, pace=pace, snapshot=None
        )
    finally:
        process.stop()
    return print_steps("streams", steps, None)


def accepts(port: int) -> bool:
    """Whether something listens on 127.0.0.1:``port``."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


# --- 2. rooms --------------------------------------------------------------------------------

BUFFERS = ("room_history", "live_user_cache", "gift_cache")


def accounted(server: ServerHandle) -> dict[str, tuple[float, float]]:
    """What the server accounts its history and caches at: (bytes, entries) per buffer."""
    return {
        buffer: (
            metric(server, "tokgate_buffer_bytes", f'{{buffer="{buffer}"}}'),
            metric(server, "tokgate_buffer_entries", f'{{buffer="{buffer}"}}'),
        )
        for buffer in BUFFERS
    }


@dataclass(frozen=True)
class RoomsRun:
    steps: list[Step]
    buffers: dict[str, tuple[float, float]]  # at the last step


def rooms(
    sim: SimulatorHandle,
    server: ServerHandle,
    clients: Crowd,
    *,
    label: str,
    counts: Sequence[int],
    rate: float,
    hold: float,
    pace: Pace,
    snapshot: Snapshotter,
) -> RoomsRun:
    """0, then ``counts`` rooms live at ``rate``, one subscriber each, each step held
    ``hold`` seconds."""
    names = [f"mem_{label}_{index}" for index in range(max(counts))]
    set_rooms_live(sim, names, rate)
    print(f"\n== rooms ({label}), {rate:g} events/s each, one subscriber each (load {load()})")
    pid = server.process.pid
    snapshots: list[tracemalloc.Snapshot] = []
    steps = [Step(0, pace.memory(pid))]
    trace_step(snapshot, snapshots, 0)
    for count in counts:
        clients.open(server.address, names[steps[-1].units : count])
        time.sleep(hold)
        steps.append(Step(count, pace.memory(pid)))
        clients.check()
        trace_step(snapshot, snapshots, count - steps[-2].units)
    buffers = accounted(server)
    clients.release()
    print_steps("rooms", steps, None)
    rooms_now = steps[-1].units
    for buffer, (nbytes, entries) in buffers.items():
        print(
            f"  accounted {buffer}: {nbytes / 1024 / rooms_now:,.1f} KiB and "
            f"{entries / rooms_now:,.1f} entries per room"
        )
    return RoomsRun(steps, buffers)


def compare_rooms(bare: RoomsRun, full: RoomsRun) -> None:
    """The defaults' extra per room over the bare rooms: history and caches, real and as
    accounted."""
    units = full.steps[-1].units
    extra = ((full.steps[-1].memory - full.steps[0].memory).rss) - (
        (bare.steps[-1].memory - bare.steps[0].memory).rss
    )
    extra_accounted = sum(
        full.buffers[b][0] - bare.buffers[b][0] for b in ("room_history", "live_user_cache")
    )
    entries = full.buffers["room_history"][1]
    print(
        f"\n  defaults minus bare at {units} rooms: {extra / units:,.1f} KiB RSS per room "
        f"(history and user cache; accounted {extra_accounted / 1024 / units:,.1f} KiB per room, "
        f"real/accounted {extra * 1024 / max(extra_accounted, 1):.1f}x; "
        f"{entries / units:,.0f} history entries per room, "
        f"{extra * 1024 / max(entries, 1):,.0f} B RSS per entry)"
    )


# --- 3. a slow subscriber --------------------------------------------------------------------


def slow_subscriber(
    sim: SimulatorHandle,
    server: ServerHandle,
    clients: Crowd,
    *,
    rate: float,
    fill: float,
    seconds: float,
) -> None:
    """A watched room at ``rate``: its history fills for ``fill`` s, then one stream that never
    reads is held ``seconds``; says whether the memory levelled off (grew under 5% of the slow
    stream's total growth in its last third)."""
    set_rooms_live(sim, [SLOW_ROOM], rate)
    print(f"\n== a slow subscriber: one room at {rate:g} events/s (load average {load()})")
    pid = server.process.pid
    wait_until(lambda: metric(server, "tokgate_live_events_total") > 0, "events received")
    base = memory_of(pid)
    print(f"  {'s':>5} {'RSS KiB':>10} {'RSS - base':>11} {'history KiB':>12} {'queue KiB':>10} "
          f"{'queue entries':>14} {'dropped':>9}")  # fmt: skip

    def sample(started: float) -> int:
        memory = memory_of(pid)
        history = metric(server, "tokgate_buffer_bytes", '{buffer="room_history"}')
        queue = metric(server, "tokgate_buffer_bytes", '{buffer="subscriber_queue"}')
        queued = metric(server, "tokgate_buffer_entries", '{buffer="subscriber_queue"}')
        dropped = metric(server, "tokgate_live_events_dropped_total", '{reason="slow_consumer"}')
        print(
            f"  {time.monotonic() - started:5.1f} {kib(memory.rss):>10} "
            f"{kib((memory - base).rss):>11} {kib(history / 1024):>12} {kib(queue / 1024):>10} "
            f"{queued:14,.0f} {dropped:9,.0f}"
        )
        return memory.rss

    started = time.monotonic()
    while time.monotonic() - started < fill:
        sample(started)
        time.sleep(1.0)
    print("  -- the slow subscriber comes (it never reads)")
    series = []
    before = memory_of(pid).rss
    clients.open(server.address, [SLOW_ROOM], read=False)
    slow_started = time.monotonic()
    while time.monotonic() - slow_started < seconds:
        series.append(sample(started))
        time.sleep(1.0)
    clients.release()
    cut = len(series) - max(len(series) // 3, 1)  # the last third starts here
    growth = max(series) - before
    late = max(series[cut:]) - max(series[:cut] or series[:1])
    levelled = late <= 0.05 * max(growth, 1)
    print(
        f"  the slow stream added {kib(growth)} KiB at most; over its last third "
        f"{kib(late)} KiB more: {'levelled off' if levelled else 'STILL GROWING'}"
    )


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == BARE_GRPC_FLAG:
        return bare_grpc_serve(int(sys.argv[2]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test")
    parser.add_argument("--subscribers", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rooms", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--room-rate", type=float, default=2.0, help="events/s per room")
    parser.add_argument("--hold", type=float, default=15.0, help="seconds each rooms step runs")
    parser.add_argument("--slow-rate", type=float, default=2000.0, help="events/s")
    parser.add_argument("--slow-seconds", type=float, default=30.0)
    parser.add_argument("--trace", choices=["subscribers", "rooms"], help="under tracemalloc")
    parser.add_argument(
        "--only", choices=["subscribers", "rooms", "slow"], help="run this part alone"
    )
    args = parser.parse_args()
    print(f"load average at the start: {load()}; server {' '.join(SERVER_ARGS)}")

    with crowd() as clients, run_simulator(args=["--log-level", "WARNING"]) as sim:
        # Live before the servers watch them: a watched room that is offline is polled rarely.
        set_rooms_live(sim, [SUBSCRIBERS_ROOM, SLOW_ROOM], 0.0)
        if args.quick:
            quick(sim, clients)
        else:
            full(sim, clients, args)
    print(f"\nload average at the end: {load()}")
    return 0  # sizes are reported, never judged by the exit code


def full(sim: SimulatorHandle, clients: Crowd, args: argparse.Namespace) -> None:
    """The parts ``args`` asks for, each on servers of its own."""
    parts = [args.only] if args.only else ["subscribers", "rooms", "slow"]
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        if "subscribers" in parts:
            traced = args.trace == "subscribers"
            watch = ["--watch", SUBSCRIBERS_ROOM]
            with server_for(sim, watch, traced, directory) as (server, snapshot):
                tokgate = idle_subscribers(
                    sim, server, clients, counts=args.subscribers, pace=FULL_PACE, snapshot=snapshot
                )
            floor = bare_grpc_floor(
                clients, counts=args.subscribers, pace=FULL_PACE, directory=directory
            )
            print(
                f"\n  per idle subscriber: tokgate {tokgate:.1f} KiB, of which grpc.aio's own "
                f"{floor:.1f} KiB and tokgate's {tokgate - floor:.1f} KiB"
            )
        if "rooms" in parts:
            runs = []
            for label, extra in (("bare", BARE_ARGS), ("defaults", [])):
                traced = args.trace == "rooms" and label == "bare"
                with server_for(sim, extra, traced, directory) as (server, snapshot):
                    runs.append(
                        rooms(
                            sim,
                            server,
                            clients,
                            label=label,
                            counts=args.rooms,
                            rate=args.room_rate,
                            hold=args.hold,
                            pace=FULL_PACE,
                            snapshot=snapshot,
                        )
                    )
            compare_rooms(*runs)
        if "slow" in parts:
            with run_server(upstream=sim, args=[*SERVER_ARGS, "--watch", SLOW_ROOM]) as server:
                slow_subscriber(
                    sim, server, clients, rate=args.slow_rate, fill=FILL, seconds=args.slow_seconds
                )


@contextmanager
def server_for(
    sim: SimulatorHandle, extra: Sequence[str], traced: bool, directory: Path
) -> Iterator[tuple[ServerHandle, Snapshotter]]:
    """A server with ``SERVER_ARGS`` and ``extra``, under tracemalloc if ``traced``."""
    if traced:
        with traced_server(sim, [*SERVER_ARGS, *extra], directory) as probe:
            yield probe.handle, probe.snapshot
    else:
        with run_server(upstream=sim, args=[*SERVER_ARGS, *extra]) as server:
            yield server, None


def quick(sim: SimulatorHandle, clients: Crowd) -> None:
    """Every part with tiny counts on one server: the pipeline works, nothing is judged."""
    watch = ["--watch", f"{SUBSCRIBERS_ROOM},{SLOW_ROOM}"]
    with run_server(upstream=sim, args=[*SERVER_ARGS, *watch]) as server:
        idle_subscribers(sim, server, clients, counts=[5, 20], pace=QUICK_PACE, snapshot=None)
        rooms(
            sim,
            server,
            clients,
            label="quick",
            counts=[1, 2],
            rate=5.0,
            hold=0.0,
            pace=QUICK_PACE,
            snapshot=None,
        )
        slow_subscriber(sim, server, clients, rate=200.0, fill=0.3, seconds=1.2)
    with tempfile.TemporaryDirectory() as directory:
        bare_grpc_floor(clients, counts=[5, 20], pace=QUICK_PACE, directory=Path(directory))


if __name__ == "__main__":
    sys.exit(main())

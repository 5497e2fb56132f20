"""Events per CPU-second through the whole LIVE pipeline, next to a bare grpc.aio baseline.

tokgate: the simulator's websocket -> the upstream loop (tokgate's push loop by default:
envelope, heartbeats, acks) -> tokgate's decoder -> the room's fan-out -> SUBSCRIBERS
StreamEvents calls, one event per message or, with ``--batch N``, batched
(``StreamEventsRequest.batching``: at most N events and ``--max-delay-ms`` of added delay per
message). Baseline, in the same run: a bare grpc.aio
server (bench/baseline_server.py) streaming the same events, prebuilt, to as many subscribers
at the same rate, batched the same way. Both are separate processes; their CPU time (user +
system, from /proc) over the same window divides the events delivered to subscribers (an
event in a batch counts once per subscriber, like an unbatched message). Prints deliveries per
server CPU-second for both and the ratio (tokgate / baseline).

    .venv/bin/python bench/bench_pipeline.py [--rate 100] [--seconds 8] [--subscribers 100]
                                             [--batch 50 --max-delay-ms 50] [--profile]
                                             [--quick]

Issue 12's batching target: ``--rate 1000 --subscribers 100 --batch 50``, at least 150k
deliveries per server CPU-second. ``--profile`` then runs tokgate once more under cProfile for
the window (bench_end_to_end.py's profiled server and its areas), per delivery. ``--quick`` is
the smoke test's mode: a few subscribers for a second, unbatched then batched; it fails (exit
1) when either server delivers nothing, and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import grpc
from baseline_server import start_baseline
from bench_end_to_end import AREAS, group, print_areas, profiled_server, profiling_cost_per_call
from google.protobuf.duration_pb2 import Duration
from tokgate.testing import cpu_seconds, run_server, run_simulator
from tokgate.v1 import live_pb2, live_pb2_grpc

CHANNELS = 4  # client channels the subscribers are spread over
SAMPLE_EVENTS = 400  # events kept from tokgate's stream for the baseline to serve
ROOM = "bench_room"
SERVER_ARGS = ["--sessions", "0", "--subscriber-queue-max-entries", "1000"]
STARTUP_TIMEOUT = 30.0


@dataclass(frozen=True)
class Setup:
    """The load: how many subscribers, how long, and how each one batches."""

    subscribers: int
    seconds: float
    warm_up: float  # seconds from the subscribe until counting, at least until a first event
    batch: int  # events per message, 0: unbatched
    max_delay_ms: int

    def request(self, unique_id: str) -> live_pb2.StreamEventsRequest:
        request = live_pb2.StreamEventsRequest(unique_id=unique_id)
        if self.batch:
            request.batching.max_events = self.batch
            request.batching.max_delay.CopyFrom(Duration(nanos=self.max_delay_ms * 1_000_000))
        return request


@dataclass
class Measured:
    """One window: events delivered (summed over subscribers), messages, server CPU seconds."""

    delivered: int
    messages: int
    cpu: float
    load: tuple[float, float, float]
    sample: list[bytes]
    ended: int  # subscribers whose stream ended before the window's end (a failure)

    @property
    def per_cpu_second(self) -> float:
        return self.delivered / self.cpu if self.cpu else float("inf")


async def wait_answering(address: str) -> None:
    """Until a gRPC channel to ``address`` connects (at most STARTUP_TIMEOUT)."""
    async with grpc.aio.insecure_channel(address) as channel, asyncio.timeout(STARTUP_TIMEOUT):
        await channel.channel_ready()


async def measure(
    address: str, pid: int, setup: Setup, unique_id: str = ROOM, *, profiled: bool = False
) -> Measured:
    """Subscribe, warm up, then count events delivered and the server's CPU over the window;
    ``profiled``: the server's cProfile on (SIGUSR1) for the window, then written (SIGUSR2)."""
    await wait_answering(address)
    channels = [grpc.aio.insecure_channel(address) for _ in range(CHANNELS)]
    events = [0] * setup.subscribers
    messages = [0] * setup.subscribers
    sample: list[bytes] = []
    counting = asyncio.Event()
    first = asyncio.Event()

    async def subscribe(index: int) -> None:
        stub = live_pb2_grpc.LiveServiceStub(channels[index % CHANNELS])
        async for response in stub.StreamEvents(setup.request(unique_id)):
            first.set()
            if not counting.is_set():
                continue
            batch = response.events or [response.event]
            events[index] += len(batch)
            messages[index] += 1
            if len(sample) < SAMPLE_EVENTS:
                sample.extend(
                    live_pb2.StreamEventsResponse(event=event).SerializeToString()
                    for event in batch
                )

    tasks = [asyncio.create_task(subscribe(i)) for i in range(setup.subscribers)]
    try:
        started = time.monotonic()
        async with asyncio.timeout(STARTUP_TIMEOUT):
            await first.wait()
        await asyncio.sleep(max(0.0, setup.warm_up - (time.monotonic() - started)))
        for task in tasks:
            if task.done():  # a stream that ended or failed: the pipeline is broken
                task.result()
                raise RuntimeError(f"a subscriber's stream ended during the warm-up ({address})")
        load = os.getloadavg()
        if profiled:
            os.kill(pid, signal.SIGUSR1)
        counting.set()
        cpu_before = cpu_seconds(pid)
        await asyncio.sleep(setup.seconds)
        cpu = cpu_seconds(pid) - cpu_before
        counting.clear()
        ended = sum(task.done() for task in tasks)
        if profiled:
            os.kill(pid, signal.SIGUSR2)
            await asyncio.sleep(1.0)  # the profile written
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for channel in channels:
            await channel.close()
    return Measured(sum(events), sum(messages), cpu, load, sample, ended)


def measure_tokgate(rate: float, setups: list[Setup]) -> list[Measured]:
    """Each setup in turn, on one simulator and one ``tokgate serve``."""
    results = []
    with (
        run_simulator(args=["--log-level", "WARNING"]) as sim,
        run_server(upstream=sim, args=SERVER_ARGS) as server,
    ):
        sim.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": rate})
        for setup in setups:
            results.append(asyncio.run(measure(server.address, server.process.pid, setup)))
            if not server.process.alive():
                raise RuntimeError(f"tokgate serve died:\n{server.process.logs()[-3000:]}")
    return results


def profile_tokgate(rate: float, setup: Setup, unprofiled: Measured) -> None:
    """tokgate under ``setup`` with its main thread profiled; areas printed per delivery, scaled
    to the unprofiled run's CPU per delivery (the whole process's)."""
    with (
        tempfile.TemporaryDirectory() as directory,
        run_simulator(args=["--log-level", "WARNING"]) as sim,
        profiled_server(sim, Path(directory), SERVER_ARGS) as server,
    ):
        sim.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": rate})
        measured = asyncio.run(measure(server.address, server.process.pid, setup, profiled=True))
        print(
            f"\nprofiled: {measured.delivered} deliveries in {measured.messages} messages, "
            f"{measured.cpu:.2f} CPU-s ({measured.per_cpu_second:,.0f} deliveries/CPU-s)"
        )
        per_call = profiling_cost_per_call()
        print_areas(
            "tokgate by area, per delivery (an event to one subscriber)",
            group(Path(directory) / "server.prof", AREAS, per_call),
            max(measured.delivered, 1),
            1e6 / unprofiled.per_cpu_second,
        )


def measure_baseline(rate: float, setup: Setup, sample: list[bytes]) -> Measured:
    with start_baseline(rate, sample, batch=setup.batch, max_delay=setup.max_delay_ms / 1000) as (
        address,
        process,
    ):
        measured = asyncio.run(measure(address, process.pid, setup))
        if not process.alive():
            raise RuntimeError(f"the baseline server died:\n{process.logs()[-3000:]}")
    return measured


def run(rate: float, setups: list[Setup], *, profile: bool = False) -> bool:
    """Both servers under each load; prints the figures; False if either delivered nothing.
    With ``profile``, tokgate once more under cProfile for each setup."""
    for setup, tokgate in zip(setups, measure_tokgate(rate, setups), strict=True):
        if not report(rate, setup, tokgate):
            return False
        if profile:
            profile_tokgate(rate, setup, tokgate)
    return True


def report(rate: float, setup: Setup, tokgate: Measured) -> bool:
    """The baseline under ``setup``, and both figures printed; False if either delivered none."""
    if not tokgate.delivered:
        print(f"FAILED: tokgate delivered no event in {setup.seconds:g} s", file=sys.stderr)
        return False
    baseline = measure_baseline(rate, setup, tokgate.sample)
    batching = (
        f"batched (at most {setup.batch} events, {setup.max_delay_ms} ms)"
        if setup.batch
        else "unbatched"
    )
    offered = rate * setup.subscribers * setup.seconds
    print(
        f"\noffered: {rate:g} events/s to {setup.subscribers} subscribers, {batching}, "
        f"{setup.seconds:g} s window ({offered:,.0f} deliveries); load average "
        f"{' '.join(f'{x:.2f}' for x in tokgate.load)} (tokgate), "
        f"{' '.join(f'{x:.2f}' for x in baseline.load)} (baseline)"
    )
    for label, measured in (
        ("tokgate  (sim websocket -> push loop -> decode -> fan-out)", tokgate),
        ("baseline (bare grpc.aio fan-out of prebuilt bytes)        ", baseline),
    ):
        per_message = measured.delivered / max(measured.messages, 1)
        print(
            f"{label}: {measured.delivered} deliveries ({measured.delivered / offered:.0%} of "
            f"offered) in {measured.messages} messages ({per_message:.1f} events each), "
            f"{measured.cpu:.2f} CPU-s, {measured.per_cpu_second:,.0f} deliveries/CPU-s"
            + (f"; {measured.ended} streams ENDED early" if measured.ended else "")
        )
    ratio = tokgate.per_cpu_second / baseline.per_cpu_second
    print(
        f"  tokgate: {tokgate.per_cpu_second / setup.subscribers:,.0f} room events/CPU-s, each "
        f"to every subscriber; ratio tokgate / baseline: {ratio:.2f}"
    )
    if setup.batch:
        print(
            f"  target (issue 12, 100 subscribers at batch 50): >= 150,000 deliveries/CPU-s: "
            f"{tokgate.per_cpu_second / 150_000:.2f}x of it"
        )
    if not baseline.delivered:
        print("FAILED: the baseline delivered no event", file=sys.stderr)
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=8.0, help="measurement window")
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--batch", type=int, default=0, help="events per message (0: unbatched)")
    parser.add_argument(
        "--max-delay-ms", type=int, default=50, help="added delay a batch may hold an event"
    )
    parser.add_argument(
        "--profile", action="store_true", help="then tokgate's main thread under cProfile"
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: tiny load, unbatched then batched"
    )
    args = parser.parse_args()
    started = time.monotonic()
    if args.quick:
        ok = run(args.rate, [Setup(3, 0.4, 0.3, batch, args.max_delay_ms) for batch in (0, 10)])
        print(f"quick: {time.monotonic() - started:.1f} s")
        return 0 if ok else 1
    setup = Setup(args.subscribers, args.seconds, 3.0, args.batch, args.max_delay_ms)
    return 0 if run(args.rate, [setup], profile=args.profile) else 1


if __name__ == "__main__":
    raise SystemExit(main())

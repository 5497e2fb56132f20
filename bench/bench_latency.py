"""How late events reach subscribers: p50, p99 and max, tokgate against a bare grpc.aio server.

Starts ``tokgate sim`` and ``tokgate serve`` as real processes, puts one room live at a rate and
subscribes to it ``--subscribers`` times from one Go program (clients/go/cmd/tokgate-latency,
built into .tools/bin; the Go client keeps the client's own cost per message small, where a
Python client receiving 10k messages a second on the same two cores would be the bottleneck).
For every event in the window it takes the time the client got it minus

  - the event's ``received_at``: tokgate's receipt to client delivery, and
  - the event's ``created_at``: the simulator's send to client delivery (the simulator stamps a
    frame's messages as it sends it; ``created_at`` has millisecond precision, truncated, so
    this figure reads up to 1 ms high),

and prints their p50, p99 and max for each scenario:

  - unbatched: 100 events/s to 100 subscribers (10k messages/s);
  - batched: 1,000 events/s to 100 subscribers, at most 50 events and 50 ms a message.

Then the same client against a bare grpc.aio server (bench/baseline_server.py's
``serve_prebuilt``, run by this file in a process of its own) streaming events at the same rate,
in the simulator's groups (ten a second), batched the same way, each stamped with
``received_at`` = ``created_at`` = the moment it was made: the baseline's latency, measured in
the same run, and the ratios. The server's CPU over the window, and its main thread's share,
say how busy it was. Issue 12's targets: unbatched p99 <= 10 ms; a batched stream's p99 within
its max_delay + 10 ms.

    .venv/bin/python bench/bench_latency.py [--seconds 10] [--subscribers 100] [--quick]
                                            [--unbatched-rate 100] [--batched-rate 1000]

``--quick`` (the smoke test's mode) runs a few subscribers for about a second each way and fails
(exit 1) when an event does not arrive, a stream fails or an event from the simulator has no
``created_at``; it asserts nothing about timing. Go is found on PATH or in /usr/local/go/bin;
``make go-deps`` fills Go's module and build caches, so the build here is a link.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import grpc
from baseline_server import MAX_GROUP, TICK, read_events, serve_prebuilt, write_events
from tokgate.testing import (
    ManagedProcess,
    child_env,
    cpu_seconds,
    free_port,
    run_server,
    run_simulator,
    stat_cpu_seconds,
)
from tokgate.v1 import live_pb2, live_pb2_grpc

REPO = Path(__file__).resolve().parent.parent
GO_MODULE = REPO / "clients" / "go"
CLIENT = REPO / ".tools" / "bin" / "tokgate-latency"
ROOM = "bench_latency"
SAMPLE_EVENTS = 400  # events taken from tokgate's stream for the baseline to serve
SAMPLE_RATE = 2000.0  # events/s while the sample is taken: a fraction of a second
STARTUP_TIMEOUT = 30.0
TARGET_P99_MS = 10.0  # issue 12: unbatched p99, and a batched stream's p99 beyond its max_delay
# The client: one Go P, so its scheduler does not spin on the core the server needs (20 against
# 44 µs of client CPU per message at 10k messages/s), and fixed 1 MiB HTTP/2 windows instead of
# grpc-go's bandwidth probing, whose pings the server answers as messages arrive.
CLIENT_ENV = {"GOMAXPROCS": "1"}
CLIENT_WINDOW_BYTES = 1 << 20


@dataclass(frozen=True)
class Scenario:
    """One load: a room's rate, its subscribers, how they batch, and the timing window."""

    rate: float
    subscribers: int
    batch: int  # events per message; 0: unbatched
    max_delay_ms: int
    warm_up: float
    seconds: float

    @property
    def name(self) -> str:
        if not self.batch:
            return "unbatched"
        return f"batched (at most {self.batch} events, {self.max_delay_ms} ms)"

    @property
    def group(self) -> int:
        """Events per frame, as the simulator (and the baseline) send them."""
        return max(1, min(MAX_GROUP, round(self.rate * TICK)))

    @property
    def target_p99_ms(self) -> float:
        return TARGET_P99_MS + (self.max_delay_ms if self.batch else 0)


@dataclass(frozen=True)
class Measured:
    """What the Go client reported, and the server's CPU over the same window."""

    client: dict[str, Any]
    server_cpu: float
    server_main_cpu: float
    load: tuple[float, float, float]

    def delays(self, which: str) -> dict[str, float]:
        return dict(self.client[which])


def go_binary() -> str:
    found = shutil.which("go") or shutil.which("go", path="/usr/local/go/bin")
    if found is None:
        raise SystemExit("bench_latency: Go is not installed (PATH, /usr/local/go/bin)")
    return found


def build_client() -> Path:
    """The Go measuring client, built into .tools/bin (a link when Go's caches are warm)."""
    CLIENT.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [go_binary(), "build", "-o", str(CLIENT), "./cmd/tokgate-latency"],
        cwd=GO_MODULE,
        check=True,
        timeout=600,
    )
    return CLIENT


def thread_cpu_seconds(pid: int) -> float:
    """The CPU time of a process's main thread (where its asyncio loop runs)."""
    return stat_cpu_seconds(Path(f"/proc/{pid}/task/{pid}/stat").read_text())


def run_client(address: str, pid: int, scenario: Scenario) -> Measured:
    """The Go client against ``address`` under ``scenario``; the server (``pid``)'s CPU is read
    over the client's window."""
    argv = [
        str(CLIENT),
        "-addr",
        address,
        "-room",
        ROOM,
        "-subscribers",
        str(scenario.subscribers),
        "-warm-up",
        f"{scenario.warm_up}s",
        "-window",
        f"{scenario.seconds}s",
        "-window-size",
        str(CLIENT_WINDOW_BYTES),
    ]
    if scenario.batch:
        argv += ["-batch", str(scenario.batch), "-max-delay", f"{scenario.max_delay_ms}ms"]
    env = {**os.environ, **CLIENT_ENV}
    with subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as go:
        time.sleep(scenario.warm_up)
        load = os.getloadavg()
        cpu, main_cpu = cpu_seconds(pid), thread_cpu_seconds(pid)
        time.sleep(scenario.seconds)
        cpu, main_cpu = cpu_seconds(pid) - cpu, thread_cpu_seconds(pid) - main_cpu
        out, err = go.communicate(timeout=scenario.seconds + STARTUP_TIMEOUT)
    if go.returncode != 0:
        raise RuntimeError(f"tokgate-latency failed ({go.returncode}): {err.strip()}")
    return Measured(json.loads(out), cpu, main_cpu, load)


def wait_answering(address: str) -> None:
    with grpc.insecure_channel(address) as channel:
        grpc.channel_ready_future(channel).result(timeout=STARTUP_TIMEOUT)


def take_sample(address: str, count: int) -> list[bytes]:
    """Events of the simulator's mix as tokgate streams them (``StreamEventsResponse {event}``):
    what the baseline serves."""
    sample: list[bytes] = []
    with grpc.insecure_channel(address) as channel:
        stub = live_pb2_grpc.LiveServiceStub(channel)
        call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id=ROOM), timeout=20)
        for response in call:
            if response.event.HasField("created_at"):
                sample.append(response.SerializeToString())
            if len(sample) >= count:
                call.cancel()
                break
    return sample


def measure_tokgate(
    scenarios: Sequence[Scenario], sample_events: int
) -> tuple[list[Measured], list[bytes]]:
    """Each scenario in turn on one simulator and one ``tokgate serve``; and a sample of the
    events for the baseline."""
    results = []
    with (
        run_simulator(args=["--log-level", "WARNING"]) as sim,
        run_server(
            upstream=sim, args=["--sessions", "0", "--subscriber-queue-max-entries", "1000"]
        ) as server,
    ):
        wait_answering(server.address)
        sim.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": SAMPLE_RATE})
        sample = take_sample(server.address, sample_events)
        for scenario in scenarios:
            sim.control("POST", f"rooms/{ROOM}", json={"event_rate": scenario.rate})
            results.append(run_client(server.address, server.process.pid, scenario))
            if not server.process.alive():
                raise RuntimeError(f"tokgate serve died:\n{server.process.logs()[-3000:]}")
    return results, sample


# --- the baseline: prebuilt events, stamped as they are made ----------------------------------


class StampedEvents(Sequence[bytes]):
    """Single-event ``StreamEventsResponse`` messages whose ``received_at`` and ``created_at``
    are the moment one is taken: what the baseline server's producer makes at the rate."""

    def __init__(self, responses: Sequence[bytes]) -> None:
        self._events = [live_pb2.StreamEventsResponse.FromString(r).event for r in responses]

    def __len__(self) -> int:
        return len(self._events)

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        if isinstance(index, slice):
            raise TypeError("StampedEvents makes one event at a time")
        event = self._events[index]
        now = time.time_ns()
        event.received_at.FromNanoseconds(now)
        event.created_at.FromNanoseconds(now)
        return live_pb2.StreamEventsResponse(event=event).SerializeToString()


@contextlib.contextmanager
def start_baseline(scenario: Scenario, sample: Sequence[bytes]) -> Iterator[tuple[str, int]]:
    """This file's ``--serve-baseline`` in a process of its own: (its address, its pid)."""
    with tempfile.TemporaryDirectory() as directory:
        events_file = Path(directory) / "events.bin"
        write_events(events_file, sample)
        port = free_port()
        argv = [
            sys.executable,
            __file__,
            "--serve-baseline",
            str(port),
            "--events-file",
            str(events_file),
            "--rate",
            str(scenario.rate),
            "--batch",
            str(scenario.batch),
            "--max-delay-ms",
            str(scenario.max_delay_ms),
        ]
        process = ManagedProcess(argv, child_env(), Path(directory) / "baseline.log")
        process.start()
        try:
            address = f"127.0.0.1:{port}"
            wait_answering(address)
            yield address, process.pid
        finally:
            process.stop()


def measure_baseline(scenario: Scenario, sample: Sequence[bytes]) -> Measured:
    with start_baseline(scenario, sample) as (address, pid):
        return run_client(address, pid, scenario)


# --- the report --------------------------------------------------------------------------------


def _ms(delays: dict[str, float]) -> str:
    if not delays.get("count"):
        return "-"
    return " ".join(f"{delays[key] / 1e3:7.2f}" for key in ("p50_us", "p99_us", "max_us"))


def report(scenario: Scenario, tokgate: Measured, baseline: Measured) -> bool:
    """Print one scenario's figures; False when the pipeline broke (nothing arrived, a stream
    failed, or simulator events came without created_at)."""
    offered = scenario.rate * scenario.subscribers * scenario.seconds
    print(
        f"\n{scenario.name}: {scenario.rate:g} events/s x {scenario.subscribers} subscribers, "
        f"{scenario.seconds:g} s window ({offered:,.0f} deliveries offered); load average "
        f"{' '.join(f'{x:.2f}' for x in tokgate.load)} (tokgate), "
        f"{' '.join(f'{x:.2f}' for x in baseline.load)} (baseline)"
    )
    print(
        f"frames of {scenario.group} events every {scenario.group / scenario.rate * 1000:.0f} ms:"
        f" {scenario.group * scenario.subscribers:,} deliveries a burst"
    )
    print(
        f"{'':9s} {'events':>9s} {'messages':>9s} {'dropped':>8s}   receipt->client ms"
        f"         send->client ms   server CPU-s (main thread)   client CPU-s"
    )
    print(f"{'':39s}p50     p99     max     p50     p99     max")
    ok = True
    for label, measured in (("tokgate", tokgate), ("baseline", baseline)):
        client = measured.client
        print(
            f"{label:9s} {client['events']:9,d} {client['messages']:9,d} {client['dropped']:8,d}"
            f"   {_ms(measured.delays('receipt_to_client'))} "
            f"{_ms(measured.delays('created_to_client'))}   {measured.server_cpu:5.2f} "
            f"({measured.server_main_cpu:.2f}, {measured.server_main_cpu / scenario.seconds:.0%}"
            f" busy)   {client['client_cpu_seconds']:.2f}"
        )
        if client["failed"]:
            print(
                f"FAILED: {client['failed']} {label} streams failed: {client.get('first_error')}",
                file=sys.stderr,
            )
            ok = False
        if not client["events"]:
            print(f"FAILED: no event reached the client from {label}", file=sys.stderr)
            ok = False
    created = tokgate.delays("created_to_client")
    if tokgate.client["events"] and created["count"] != tokgate.client["events"]:
        missing = tokgate.client["events"] - created["count"]
        print(f"FAILED: {missing} simulator events had no created_at", file=sys.stderr)
        ok = False
    if ok:
        ours, theirs = tokgate.delays("receipt_to_client"), baseline.delays("receipt_to_client")
        ratios = ", ".join(
            f"{key[:-3]} {ours[key] / theirs[key]:.1f}x" for key in ("p50_us", "p99_us", "max_us")
        )
        p99 = ours["p99_us"] / 1e3
        verdict = "met" if p99 <= scenario.target_p99_ms else "missed"
        print(
            f"  tokgate / baseline, receipt->client: {ratios}; target p99 <= "
            f"{scenario.target_p99_ms:g} ms: {verdict} ({p99:.2f} ms)"
        )
    return ok


def scenarios(args: argparse.Namespace) -> list[Scenario]:
    if args.quick:
        return [Scenario(100, 4, 0, 0, 0.7, 0.5), Scenario(200, 4, 10, 50, 0.7, 0.5)]
    return [
        Scenario(args.unbatched_rate, args.subscribers, 0, 0, 3.0, args.seconds),
        Scenario(args.batched_rate, args.subscribers, 50, args.max_delay_ms, 3.0, args.seconds),
    ]


def serve_baseline(args: argparse.Namespace) -> int:
    """The baseline server's process: ``serve_prebuilt`` of stamped events until stopped."""
    events = StampedEvents(read_events(args.events_file))
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            serve_prebuilt(
                args.serve_baseline,
                args.rate,
                events,
                batch=args.batch,
                max_delay=args.max_delay_ms / 1000,
            )
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="window per scenario")
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--unbatched-rate", type=float, default=100.0, help="events/s")
    parser.add_argument("--batched-rate", type=float, default=1000.0, help="events/s")
    parser.add_argument("--max-delay-ms", type=int, default=50, help="the batched scenario's")
    parser.add_argument("--quick", action="store_true", help="smoke test: no timing asserted")
    parser.add_argument("--serve-baseline", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--events-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=float, default=100.0, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_baseline:
        return serve_baseline(args)
    started = time.monotonic()
    build_client()
    chosen = scenarios(args)
    tokgate, sample = measure_tokgate(chosen, 20 if args.quick else SAMPLE_EVENTS)
    if not sample:
        print("FAILED: tokgate streamed no event from the simulator", file=sys.stderr)
        return 1
    ok = all(
        report(scenario, measured, measure_baseline(scenario, sample))
        for scenario, measured in zip(chosen, tokgate, strict=True)
    )
    print(f"\n{time.monotonic() - started:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

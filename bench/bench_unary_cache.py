"""The query cache (issue 20) under ghz: upstream requests per burst, cached latency against a
bare grpc.aio server, 200 concurrent calls over 50 users before and after, and replicas.

Starts ``tokgate sim``, two ``tokgate serve`` (``--sessions 0``: GetLiveStatus needs no browser)
and, in its own process, a bare grpc.aio LiveService whose GetLiveStatus answers at once (the
baseline: no upstream, no interceptors, no cache). The load is ``ghz`` (``make ghz``), the
upstream requests are the simulator's own count of ``GET /api-live/user/room/``.

1. Bursts of ``--burst`` concurrent identical GetLiveStatus calls, each for a streamer nobody
   asked about yet: upstream requests per burst (target 1). Then a burst timed so that the held
   answer expires in its middle: requests during it (target: a handful).
2. Cached calls (the answer held) against the bare server, interleaved ``--rounds`` times,
   one at a time by default (a call's own time, not its queueing behind the others): p50 and
   p99 of each, and the median difference (target: at most 1 ms at p50).
3. 200 concurrent calls spread over 50 users (ghz sends its array of 50 requests round-robin):
   every call its own request (``cache-control: no-cache`` on each: how tokgate answered before
   the cache), the cache off by setting (``live_status_cache_ttl 0``: identical calls in flight
   still share), the cache on and cold, and on and warm.
4. Per replica (as in cluster mode: each replica its own cache): one burst spread over
   ``--replicas`` servers, and what a cluster-wide cache on Redis would add to every hit (a
   Redis GET's round trip on this machine).

    flock /tmp/tokgate-bench.lock .venv/bin/python bench/bench_unary_cache.py \\
        [--burst 1000] [--latency-calls 2000] [--latency-concurrency 1] [--rounds 3] [--quick]

``--quick`` (the smoke test's mode) runs every part small and asserts nothing about timings;
it fails (exit 1) when a call failed or the simulator counted no request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import redis.asyncio as redis
from tokgate.testing import (
    ManagedProcess,
    ServerHandle,
    SimulatorHandle,
    child_env,
    free_port,
    run_redis,
    run_server,
    run_simulator,
)
from tokgate.v1 import live_pb2

REPO = Path(__file__).resolve().parents[1]
GHZ = REPO / ".tools" / "bin" / "ghz"
CALL = "tokgate.v1.LiveService.GetLiveStatus"
ROUTE = "GET /api-live/user/room/"
TTL = 2.0  # live_status_cache_ttl's default, set explicitly so the straddling burst can aim
NO_CACHE = {"cache-control": "no-cache"}
SERVE_ECHO = "--serve-echo"


@dataclass(frozen=True)
class Load:
    """What one ghz run measured."""

    calls: int
    failed: int
    p50_ms: float
    p99_ms: float
    seconds: float

    @property
    def per_second(self) -> float:
        return self.calls / self.seconds if self.seconds else 0.0


def ghz_argv(
    address: str,
    data: Any,
    calls: int,
    concurrency: int,
    metadata: dict[str, str] | None = None,
) -> list[str]:
    """ghz's command for ``calls`` GetLiveStatus calls, ``concurrency`` at a time."""
    argv = [
        str(GHZ),
        "--insecure",
        "--proto",
        "protos/tokgate/v1/live.proto",
        "--import-paths",
        "protos",
        "--call",
        CALL,
        "-n",
        str(calls),
        "-c",
        str(concurrency),
        "--timeout",
        "60s",
        "-d",
        json.dumps(data),
        "-O",
        "json",
        address,
    ]
    if metadata:
        argv[1:1] = ["-m", json.dumps(metadata)]
    return argv


def measured(report_json: str) -> Load:
    """A ghz JSON report read."""
    report = json.loads(report_json)
    latency = {
        entry["percentage"]: entry["latency"] / 1e6 for entry in report["latencyDistribution"]
    }
    ok = report.get("statusCodeDistribution", {}).get("OK", 0)
    return Load(
        report["count"], report["count"] - ok, latency[50], latency[99], report["total"] / 1e9
    )


def ghz(
    address: str,
    data: Any,
    calls: int,
    concurrency: int,
    metadata: dict[str, str] | None = None,
) -> Load:
    """One ghz run, on one connection."""
    argv = ghz_argv(address, data, calls, concurrency, metadata)
    return measured(
        subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=True).stdout
    )


def upstream_requests(simulator: SimulatorHandle) -> int:
    return int(simulator.control("GET", "counters")["http_requests"].get(ROUTE, 0))


def counted(
    simulator: SimulatorHandle,
    address: str,
    data: Any,
    calls: int,
    concurrency: int,
    *,
    metadata: dict[str, str] | None = None,
) -> tuple[Load, int]:
    """One ghz run: what it measured, and the upstream requests it caused."""
    before = upstream_requests(simulator)
    load = ghz(address, data, calls, concurrency, metadata)
    return load, upstream_requests(simulator) - before


# --- the baseline: a bare grpc.aio GetLiveStatus ---------------------------------------------


async def serve_echo(port: int) -> None:
    """GetLiveStatus answered at once from the request: grpc.aio and nothing else."""

    async def get_live_status(
        request: live_pb2.GetLiveStatusRequest, context: object
    ) -> live_pb2.GetLiveStatusResponse:
        return live_pb2.GetLiveStatusResponse(unique_id=request.unique_id, is_live=False)

    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(
        get_live_status,
        request_deserializer=live_pb2.GetLiveStatusRequest.FromString,
        response_serializer=live_pb2.GetLiveStatusResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                "tokgate.v1.LiveService", {"GetLiveStatus": handler}
            ),
        )
    )
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    await server.wait_for_termination()


@contextlib.contextmanager
def echo_server(directory: Path) -> Iterator[str]:
    """The bare server in its own process; its address."""
    port = free_port()
    process = ManagedProcess(
        [sys.executable, __file__, SERVE_ECHO, str(port)], child_env(), directory / "echo.log"
    )
    process.start()
    try:
        address = f"127.0.0.1:{port}"
        with grpc.insecure_channel(address) as channel:
            grpc.channel_ready_future(channel).result(timeout=30)
        yield address
    finally:
        process.stop()


# --- the parts -----------------------------------------------------------------------------


def bursts(server: ServerHandle, simulator: SimulatorHandle, burst: int, count: int) -> None:
    print(f"\n1. bursts of {burst} concurrent identical GetLiveStatus calls (target: 1 request)")
    for number in range(count):
        data = {"unique_id": f"burst_{os.getpid()}_{number}"}
        load, requests = counted(simulator, server.address, data, burst, burst)
        print(
            f"   burst {number + 1}: {requests} upstream request(s); {load.failed} failed; "
            f"{load.seconds * 1000:.0f} ms for the burst, p50 {load.p50_ms:.1f} ms, "
            f"p99 {load.p99_ms:.1f} ms"
        )
        check(load.failed == 0 and requests >= 1, "a burst failed or made no request")
    # Held for TTL from when it landed: aim the next burst so that it expires mid-burst.
    data = {"unique_id": f"straddle_{os.getpid()}"}
    ghz(server.address, data, 1, 1)
    landed = time.monotonic()
    length = ghz(server.address, data, burst, burst).seconds  # all hits: the burst's length
    time.sleep(max(0.0, landed + TTL - length / 2 - time.monotonic()))
    load, requests = counted(simulator, server.address, data, burst, burst)
    print(
        f"   a burst straddling the expiry ({load.seconds * 1000:.0f} ms long, the answer "
        f"{TTL:g} s old at its middle): {requests} upstream request(s) (target: a handful)"
    )
    check(load.failed == 0, "the straddling burst failed")


def latency(server: ServerHandle, echo: str, calls: int, rounds: int, concurrency: int) -> None:
    print(
        f"\n2. cached GetLiveStatus against a bare grpc.aio server: {calls} calls, "
        f"{concurrency} at a time, {rounds} interleaved round(s)"
    )
    data = {"unique_id": "latency_probe"}
    differences = []
    for number in range(rounds):
        ghz(server.address, data, 1, 1)  # held (again) for TTL: every call below is a hit
        cached = ghz(server.address, data, calls, concurrency)
        bare = ghz(echo, data, calls, concurrency)
        differences.append(cached.p50_ms - bare.p50_ms)
        print(
            f"   round {number + 1}: tokgate cached p50 {cached.p50_ms:.2f} ms, p99 "
            f"{cached.p99_ms:.2f} ms ({cached.per_second:.0f}/s); bare grpc.aio p50 "
            f"{bare.p50_ms:.2f} ms, p99 {bare.p99_ms:.2f} ms ({bare.per_second:.0f}/s)"
        )
        check(cached.failed == 0 and bare.failed == 0, "a latency run failed")
    print(
        f"   median p50 over the bare server: {statistics.median(differences):+.2f} ms "
        "(target: at most +1 ms)"
    )


def spread(
    cached: ServerHandle, uncached: ServerHandle, simulator: SimulatorHandle, calls: int, users: int
) -> None:
    print(f"\n3. {calls} concurrent GetLiveStatus calls spread over {users} users")
    rows: Sequence[tuple[str, ServerHandle, str, dict[str, str] | None]] = (
        ("every call its own request (no-cache: as before)", cached, "a", NO_CACHE),
        ("cache off (live_status_cache_ttl 0)", uncached, "b", None),
        ("cache on, cold", cached, "c", None),
        ("cache on, warm (within the TTL)", cached, "c", None),
    )
    for label, server, prefix, metadata in rows:
        data = [{"unique_id": f"{prefix}{os.getpid()}_user_{i}"} for i in range(users)]
        load, requests = counted(simulator, server.address, data, calls, calls, metadata=metadata)
        print(
            f"   {label:<50} {requests:>4} upstream requests; p50 {load.p50_ms:7.1f} ms, "
            f"p99 {load.p99_ms:7.1f} ms, {load.per_second:6.0f} calls/s"
        )
        check(load.failed == 0, f"{label}: calls failed")


def replicas(servers: Sequence[ServerHandle], simulator: SimulatorHandle, burst: int) -> None:
    print(
        f"\n4. per replica: one burst of {burst} identical calls spread over {len(servers)} "
        "replicas (each its own cache), all at once"
    )
    data = {"unique_id": f"replicas_{os.getpid()}"}
    share = burst // len(servers)
    before = upstream_requests(simulator)
    runs = [
        subprocess.Popen(
            ghz_argv(server.address, data, share, share),
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        for server in servers
    ]
    loads = [measured(run.communicate()[0]) for run in runs]
    requests = upstream_requests(simulator) - before
    print(
        f"   {requests} upstream requests for {share * len(servers)} calls (one per replica; a "
        "cluster-wide cache would make it 1)"
    )
    check(all(load.failed == 0 for load in loads), "a replica's calls failed")


async def redis_round_trips(url: str, count: int) -> tuple[float, float]:
    """p50 and p99 (ms) of a GET of a held 60-byte answer, one at a time: what a cluster-wide
    cache would add to every hit."""
    client = redis.Redis.from_url(url)
    try:
        await client.set("answer", b"x" * 60)
        times = []
        for _ in range(count):
            start = time.perf_counter()
            await client.get("answer")
            times.append((time.perf_counter() - start) * 1000)
    finally:
        await client.aclose()
    cuts = statistics.quantiles(times, n=100)
    return cuts[49], cuts[98]


def redis_hop(count: int, directory: Path) -> None:
    with run_redis(workdir=directory) as server:
        p50, p99 = asyncio.run(redis_round_trips(server.url, count))
    print(
        f"   a Redis GET on this machine (what a cluster-wide cache adds to each hit, loopback): "
        f"p50 {p50:.3f} ms, p99 {p99:.3f} ms over {count}"
    )


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"bench_unary_cache: {message}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=1000, help="calls per burst")
    parser.add_argument("--bursts", type=int, default=3, help="cold bursts")
    parser.add_argument("--latency-calls", type=int, default=2000, help="cached calls per run")
    parser.add_argument("--rounds", type=int, default=3, help="latency rounds")
    parser.add_argument("--spread-calls", type=int, default=200, help="part 3's calls")
    parser.add_argument("--replicas", type=int, default=3, help="part 4's replicas")
    parser.add_argument("--spread-users", type=int, default=50, help="part 3's users")
    parser.add_argument(
        "--latency-concurrency",
        type=int,
        default=1,
        help="cached calls at a time (1: a call's own time, no queueing behind the others)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: every part, small")
    args = parser.parse_args()
    if args.quick:
        args.burst, args.bursts, args.latency_calls, args.rounds = 50, 1, 200, 1
        args.spread_calls, args.spread_users, args.replicas = 20, 5, 2
    if not GHZ.exists():
        print(f"bench_unary_cache: {GHZ} is missing: run `make ghz`", file=sys.stderr)
        return 1
    server_args = ["--sessions", "0", "--live-status-cache-ttl", str(TTL)]
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        with (
            run_simulator(workdir=directory) as simulator,
            run_server(simulator, server_args, workdir=directory) as cached,
            run_server(
                simulator,
                ["--sessions", "0", "--live-status-cache-ttl", "0"],
                workdir=directory,
            ) as uncached,
            echo_server(directory) as echo,
        ):
            print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            bursts(cached, simulator, args.burst, args.bursts)
            latency(cached, echo, args.latency_calls, args.rounds, args.latency_concurrency)
            spread(cached, uncached, simulator, args.spread_calls, args.spread_users)
            with contextlib.ExitStack() as others:
                more = [
                    others.enter_context(run_server(simulator, server_args, workdir=directory))
                    for _ in range(args.replicas - 1)
                ]
                replicas([cached, *more], simulator, args.burst)
            redis_hop(args.latency_calls, directory)
            print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == SERVE_ECHO:
        asyncio.run(serve_echo(int(sys.argv[2])))
    else:
        sys.exit(main())

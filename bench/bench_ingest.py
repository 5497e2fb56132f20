"""One room's ingest, tokgate's push loop against TikTokLive's, in the same run.

Starts ``tokgate sim`` and two ``tokgate serve`` processes, one per upstream loop
(``--upstream-loop tokgate``, the default, and ``tiktoklive``, the baseline), each watching its
own simulator room (``--watch``: no subscriber, so no delivery) at the same rate. Over the same
window it reads each server's CPU time (user + system, from /proc) and the events it received
(``tokgate_live_events_total``), and prints events per server CPU-second for both loops and the
ratio. What is measured is a room's whole ingest in the server: TLS, the websocket, the frame's
gunzip and envelope, acks, decoding every message, numbering, stamping and sealing into the log,
and the metrics.

    .venv/bin/python bench/bench_ingest.py [--rate 2000] [--seconds 10] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time

from server_probe import metric
from tokgate.testing import ServerHandle, cpu_seconds, run_server, run_simulator

LOOPS = ("tiktoklive", "tokgate")  # the baseline first
SERVER_ARGS = ["--sessions", "0", "--sign-budget-per-minute", "1000"]
TARGET = 100_000  # issue 12: events per CPU-second of one room's ingest


def events_received(server: ServerHandle) -> float:
    """``tokgate_live_events_total`` summed over its types."""
    return metric(server, "tokgate_live_events_total")


def wait_for_events(server: ServerHandle, within: float = 60.0) -> None:
    deadline = time.monotonic() + within
    while events_received(server) == 0:
        if time.monotonic() > deadline or not server.process.alive():
            raise SystemExit("no event reached the server: the pipeline is broken")
        time.sleep(0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=2000.0, help="events per second per room")
    parser.add_argument("--seconds", type=float, default=10.0, help="measurement window")
    parser.add_argument("--quick", action="store_true", help="smoke test: a second at 200/s")
    args = parser.parse_args()
    rate, seconds = (200.0, 1.0) if args.quick else (args.rate, args.seconds)
    with contextlib.ExitStack() as stack:
        sim = stack.enter_context(run_simulator(["--event-rate", "0"]))
        servers: dict[str, ServerHandle] = {}
        for loop in LOOPS:
            room = f"bench_ingest_{loop}"
            sim.control("POST", f"rooms/{room}", json={"live": True, "event_rate": rate})
            servers[loop] = stack.enter_context(
                run_server(
                    upstream=sim, args=[*SERVER_ARGS, "--upstream-loop", loop, "--watch", room]
                )
            )
        for server in servers.values():
            wait_for_events(server)
        time.sleep(0 if args.quick else 3)  # warm: caches filled, the rate steady
        before = {
            loop: (cpu_seconds(s.process.pid), events_received(s)) for loop, s in servers.items()
        }
        time.sleep(seconds)
        per_cpu: dict[str, float] = {}
        print(
            f"one room each at {rate:,.0f} events/s, {seconds:g} s, load {os.getloadavg()[0]:.2f}"
        )
        for loop, server in servers.items():
            cpu = cpu_seconds(server.process.pid) - before[loop][0]
            events = events_received(server) - before[loop][1]
            if events <= 0:
                print(f"{loop}: no events in the window", file=sys.stderr)
                return 1
            per_cpu[loop] = events / cpu
            print(
                f"  upstream_loop={loop:<10} {events:>9,.0f} events  {cpu:6.2f} CPU-s  "
                f"{per_cpu[loop]:>9,.0f} events/CPU-s  {1e6 / per_cpu[loop]:6.1f} µs/event"
            )
        ratio = per_cpu["tokgate"] / per_cpu["tiktoklive"]
        print(
            f"ratio tokgate/tiktoklive: {ratio:.2f}x; "
            f"target {TARGET:,} events/CPU-s: {per_cpu['tokgate'] / TARGET:.2f} of it"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

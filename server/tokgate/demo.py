"""``tokgate demo`` (``make demo``): simulator and server, a LIVE watched, a typed failure.

Starts ``tokgate sim`` and ``tokgate serve`` as processes (``tokgate.testing`` helpers, which
stop them by pid), asks whether ``@sim_live`` is live (the gateway's first LIVE request, which
loads TikTokLive), watches it for a few seconds with ``tokgate watch``'s printer, then asks for
``@sim_offline`` to show a failure as its typed error with causes and suggestions. Plain text
when the output is not a terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from tokgate.console.render import paint, use_colour


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the simulator and the server, watch a LIVE, show a typed failure",
        description=__doc__,
    )
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="how long to watch @sim_live (default 5)"
    )
    parser.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    from tokgate.console.watch import watch
    from tokgate.testing import run_server, run_simulator
    from tokgate.v1 import live_pb2, live_pb2_grpc

    colour = use_colour(sys.stdout)

    def say(text: str) -> None:
        print("\n" + paint(f"== {text}", "bold", colour), flush=True)

    say("starting the TikTok simulator (tokgate sim) and the gateway (tokgate serve)")
    with run_simulator() as sim:
        print(f"simulator: {sim.url} (pid {sim.process.pid})")
        # No browser sessions: the demo only streams LIVE events.
        with run_server(upstream=sim, args=["--sessions", "0"]) as server:
            print(
                f"gateway:   {server.address} (pid {server.process.pid}), "
                f"metrics {server.metrics_url}"
            )
            say("GetLiveStatus @sim_live  (the first LIVE request: the gateway loads TikTokLive)")
            live = live_pb2_grpc.LiveServiceStub(server.channel())
            status = live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_live"))
            print(f"@{status.unique_id}: live {status.is_live}, room {status.room_id}")
            say(f"tokgate watch @sim_live  (for {args.seconds:g} s)")
            asyncio.run(watch(server.address, "@sim_live", duration=args.seconds))
            say("tokgate watch @sim_offline  (a streamer who is not live: a typed error)")
            failed = asyncio.run(watch(server.address, "@sim_offline", duration=15.0))
            say("stopping the gateway and the simulator")
    print("done" + ("" if failed else " (note: @sim_offline did not fail as expected)"))
    return 0

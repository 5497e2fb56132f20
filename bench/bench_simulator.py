"""How many events per second one simulator websocket carries, against TikTokLive's own decoding.

Starts ``tokgate sim`` (a real process), puts a room live at an unbounded event rate, reads its
push websocket for a few seconds (gzip on, as TikTokLive asks), and counts the events the
simulator sent. Then it feeds the frames it received to TikTokLive 7.0.1's own decode path
(``WebcastPushFrame`` parse, gunzip, ``TikTokLiveClient._parse_webcast_response``) and measures
its events per CPU-second on the same machine, in the same run. The goal: per CPU-second, the
simulator produces at least 20x what TikTokLive can decode, so it never is the bottleneck of a
pipeline benchmark. (The wall-clock rate is printed too; on a busy machine it also measures the
reader and the scheduler.)

TikTokLive decodes the simulator's messages at only a few hundred per CPU-second (betterproto2
and pydantic on every message), and a frame at an unbounded rate holds 200: the decode phase
therefore runs for ``--decode-seconds`` of CPU over as many frames as fit, not over every frame
read (400 frames took minutes).

    .venv/bin/python bench/bench_simulator.py [--seconds 5] [--decode-seconds 2] [--quick]

``--quick`` (the smoke test's mode) reads for half a second and decodes for a fifth of one; it
fails (exit 1) when the websocket carried no event or TikTokLive decoded none.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import ssl
import sys
import time
from dataclasses import dataclass
from typing import Any

import httpx
from tokgate.testing import SimulatorHandle, cpu_seconds, run_simulator
from websockets.asyncio.client import connect

ROOM = "bench_streamer"
GOAL = 20.0
SAMPLE_FRAMES = 400


@dataclass
class Carried:
    """What one websocket carried: events per wall second and per simulator CPU-second."""

    per_second: float
    per_cpu_second: float
    frames: list[bytes]


async def carry(sim: SimulatorHandle, seconds: float) -> Carried:
    """Read one websocket for ``seconds``: the events the simulator sent on it, per wall second
    and per CPU-second it spent (the fair comparison on a busy machine), and a frame sample."""
    context: ssl.SSLContext = sim.ssl_context()
    async with httpx.AsyncClient(verify=context, timeout=10.0) as http:
        room = (
            await http.post(
                f"{sim.url}/_sim/rooms/{ROOM}", json={"live": True, "event_rate": 10_000_000}
            )
        ).json()
        fetch = await http.get(f"{sim.url}/webcast/fetch", params={"room_id": room["room_id"]})
        fetch.raise_for_status()
        url = (
            f"wss://127.0.0.1:{sim.port}/webcast/im/ws_proxy/ws_reuse_supplement/"
            f"?room_id={room['room_id']}&compress=gzip"
        )
        frames: list[bytes] = []
        async with connect(
            url,
            ssl=context,
            subprotocols=["echo-protocol"],  # type: ignore[list-item]
            compression=None,
            max_size=None,
        ) as ws:
            await ws.recv()  # warm-up frame
            before = (await http.get(f"{sim.url}/_sim/counters")).json()["events_sent"]
            cpu_before = cpu_seconds(sim.process.pid)
            started = time.perf_counter()
            while time.perf_counter() - started < seconds:
                frame = await ws.recv()
                if len(frames) < SAMPLE_FRAMES and isinstance(frame, bytes):
                    frames.append(frame)
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds(sim.process.pid) - cpu_before
            after = (await http.get(f"{sim.url}/_sim/counters")).json()["events_sent"]
    events = after - before
    return Carried(events / elapsed, events / cpu, frames)


async def tiktoklive_decode_rate(
    frames: list[bytes], budget: float, *, warm_up: bool = True
) -> tuple[float, int, int]:
    """TikTokLive's own messages decoded per CPU-second on ``frames``, in order until
    ``budget`` CPU seconds are spent (at least one frame); and how many messages and frames.
    With ``warm_up``, the first frame is decoded untimed (TikTokLive's first parse of each
    message type costs several times the next).

    Each message becomes one typed event (plus a WebsocketResponseEvent wrapper), so
    messages are what both rates count."""
    from TikTokLive import TikTokLiveClient
    from TikTokLive.client.ws.ws_utils import extract_webcast_response_message
    from TikTokLive.proto import WebcastPushFrame

    client: Any = TikTokLiveClient("bench_streamer")
    client._room_id = 1  # _parse_webcast_response reads it for the first (connect) response

    async def decode(raw: bytes) -> int:
        response = extract_webcast_response_message(WebcastPushFrame().parse(raw))
        async for _event in client._parse_webcast_response(response):
            pass
        return len(response.messages)

    if warm_up and len(frames) > 1:
        await decode(frames[0])
        frames = frames[1:]
    messages = decoded_frames = 0
    started = time.process_time()
    for raw in frames:
        messages += await decode(raw)
        decoded_frames += 1
        if time.process_time() - started >= budget:
            break
    elapsed = time.process_time() - started
    await client.web.close()
    return messages / elapsed, messages, decoded_frames


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to read")
    parser.add_argument(
        "--decode-seconds", type=float, default=2.0, help="CPU seconds of TikTokLive decoding"
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: a short read")
    args = parser.parse_args()
    seconds, budget = (0.5, 0.2) if args.quick else (args.seconds, args.decode_seconds)
    with run_simulator(args=["--log-level", "WARNING"]) as sim:
        carried = asyncio.run(carry(sim, seconds))
    if not carried.frames or not carried.per_second:
        print("FAILED: the simulator's websocket carried no event", file=sys.stderr)
        return 1
    decoded, messages, decoded_frames = asyncio.run(tiktoklive_decode_rate(carried.frames, budget))
    if not messages:
        print("FAILED: TikTokLive decoded no message", file=sys.stderr)
        return 1
    ratio = carried.per_cpu_second / decoded
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"simulator: {carried.per_second:,.0f} events/s on one websocket (gzip), "
        f"{carried.per_cpu_second:,.0f} events per simulator CPU-second"
    )
    print(
        f"TikTokLive 7.0.1 decode: {decoded:,.0f} events/CPU-s on the same frames "
        f"({messages} messages in {decoded_frames} of the {len(carried.frames)} frames read)"
    )
    print(
        f"ratio (per CPU-second): {ratio:.1f}x (goal >= {GOAL:.0f}x) "
        f"{'OK' if ratio >= GOAL else 'BELOW GOAL'}; wall-clock ratio "
        f"{carried.per_second / decoded:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

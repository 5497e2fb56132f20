"""How many events per second one simulator websocket carries, against TikTokLive's own decoding.

Starts ``tokgate sim`` (a real process), puts a room live at an unbounded event rate, reads its
push websocket for a few seconds (gzip on, as TikTokLive asks), and counts the events the
simulator sent. Then it feeds the frames it received to TikTokLive 7.0.1's own decode path
(``WebcastPushFrame`` parse, gunzip, ``TikTokLiveClient._parse_webcast_response``) and measures
its events per CPU-second on the same machine, in the same run. The goal: the simulator carries
at least 20x what TikTokLive can decode, so it never is the bottleneck of a pipeline benchmark.

    .venv/bin/python bench/bench_simulator.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import ssl
import time
from typing import Any

import httpx
from tokgate.testing import SimulatorHandle, run_simulator
from websockets.asyncio.client import connect

ROOM = "bench_streamer"
GOAL = 20.0
SAMPLE_FRAMES = 400


async def carry(sim: SimulatorHandle, seconds: float) -> tuple[float, list[bytes]]:
    """Events/s one websocket carries, and a sample of the frames it received."""
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
            started = time.perf_counter()
            while time.perf_counter() - started < seconds:
                frame = await ws.recv()
                if len(frames) < SAMPLE_FRAMES and isinstance(frame, bytes):
                    frames.append(frame)
            elapsed = time.perf_counter() - started
            after = (await http.get(f"{sim.url}/_sim/counters")).json()["events_sent"]
    return (after - before) / elapsed, frames


async def tiktoklive_decode_rate(frames: list[bytes]) -> tuple[float, int]:
    """TikTokLive's own messages decoded per CPU-second on ``frames``, and how many.

    Each message becomes one typed event (plus a WebsocketResponseEvent wrapper), so
    messages are what both rates count."""
    from TikTokLive import TikTokLiveClient
    from TikTokLive.client.ws.ws_utils import extract_webcast_response_message
    from TikTokLive.proto import WebcastPushFrame

    client: Any = TikTokLiveClient("bench_streamer")
    client._room_id = 1  # _parse_webcast_response reads it for the first (connect) response
    messages = 0
    started = time.process_time()
    for raw in frames:
        response = extract_webcast_response_message(WebcastPushFrame().parse(raw))
        messages += len(response.messages)
        async for _event in client._parse_webcast_response(response):
            pass
    elapsed = time.process_time() - started
    await client.web.close()
    return messages / elapsed, messages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to read")
    args = parser.parse_args()
    with run_simulator(args=["--log-level", "WARNING"]) as sim:
        carried, frames = asyncio.run(carry(sim, args.seconds))
    decoded, messages = asyncio.run(tiktoklive_decode_rate(frames))
    ratio = carried / decoded
    print(f"simulator: {carried:,.0f} events/s on one websocket (gzip)")
    print(
        f"TikTokLive 7.0.1 decode: {decoded:,.0f} events/CPU-s on the same frames "
        f"({messages} messages in {len(frames)} frames)"
    )
    print(f"ratio: {ratio:.1f}x (goal >= {GOAL:.0f}x) {'OK' if ratio >= GOAL else 'BELOW GOAL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

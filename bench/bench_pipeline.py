"""Events per CPU-second through the whole LIVE pipeline, next to a bare grpc.aio baseline.

tokgate: the simulator's websocket -> TikTokLive (envelope, heartbeats, acks) -> tokgate's
decoder -> the room's fan-out -> SUBSCRIBERS StreamEvents calls. Baseline, in the same run: a
bare grpc.aio server (this file, ``--baseline``) streaming the same events, prebuilt, to as many
subscribers at the same rate and batching. Both are separate processes; their CPU time (user +
system, from /proc) over the same window divides the events delivered to subscribers. Prints
deliveries per server CPU-second for both and the ratio (tokgate / baseline).

    .venv/bin/python bench/bench_pipeline.py [--rate 100] [--seconds 8] [--subscribers 100]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
from tokgate.testing import cpu_seconds, free_port, run_server, run_simulator
from tokgate.v1 import live_pb2, live_pb2_grpc

SERVICE = "tokgate.v1.LiveService"
TICK = 0.1  # seconds of events per batch, as the simulator sends them at low rates
CHANNELS = 4  # client channels the subscribers are spread over


async def measure(
    address: str, subscribers: int, pid: int, seconds: float, unique_id: str = "bench_room"
) -> tuple[int, float, list[bytes]]:
    """(deliveries in the window, server CPU seconds in it, a sample of the events)."""
    channels = [grpc.aio.insecure_channel(address) for _ in range(CHANNELS)]
    counts = [0] * subscribers
    sample: list[bytes] = []
    counting = asyncio.Event()

    async def subscribe(index: int) -> None:
        stub = live_pb2_grpc.LiveServiceStub(channels[index % CHANNELS])
        call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id=unique_id))
        async for response in call:
            if counting.is_set():
                counts[index] += 1
                if index == 0 and len(sample) < 400:
                    sample.append(response.SerializeToString())

    tasks = [asyncio.create_task(subscribe(i)) for i in range(subscribers)]
    await asyncio.sleep(3)  # every subscriber attached, the room connected
    counting.set()
    cpu_before = cpu_seconds(pid)
    await asyncio.sleep(seconds)
    cpu = cpu_seconds(pid) - cpu_before
    counting.clear()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for channel in channels:
        await channel.close()
    return sum(counts), cpu, sample


# --- the baseline: a bare grpc.aio fan-out of prebuilt messages ------------------------------


async def baseline_server(port: int, rate: float, payloads: list[bytes]) -> None:
    """StreamEvents for everyone: the same bytes at ``rate`` per second, bounded queues."""
    queues: set[asyncio.Queue[bytes]] = set()

    async def stream_events(
        request: live_pb2.StreamEventsRequest, context: grpc.aio.ServicerContext[bytes, bytes]
    ) -> AsyncIterator[bytes]:
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1000)
        queues.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            queues.discard(queue)

    async def produce() -> None:
        index = 0
        while True:
            for _ in range(max(1, round(rate * TICK))):
                payload = payloads[index % len(payloads)]
                index += 1
                for queue in queues:
                    if queue.full():
                        queue.get_nowait()
                    queue.put_nowait(payload)
            await asyncio.sleep(TICK)

    server = grpc.aio.server()
    handler: grpc.RpcMethodHandler[live_pb2.StreamEventsRequest, bytes]
    handler = grpc.unary_stream_rpc_method_handler(
        stream_events, request_deserializer=live_pb2.StreamEventsRequest.FromString
    )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(SERVICE, {"StreamEvents": handler}),)
    )
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    producer = asyncio.create_task(produce())
    await server.wait_for_termination()
    producer.cancel()


def run_baseline(
    rate: float, subscribers: int, seconds: float, sample: list[bytes]
) -> tuple[int, float]:
    with tempfile.TemporaryDirectory() as directory:
        events_file = Path(directory) / "events.bin"
        events_file.write_bytes(b"\0SEP\0".join(sample))
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--baseline",
                str(port),
                "--rate",
                str(rate),
                "--events-file",
                str(events_file),
            ],
        )
        try:
            time.sleep(2)
            delivered, cpu, _ = asyncio.run(
                measure(f"127.0.0.1:{port}", subscribers, process.pid, seconds)
            )
        finally:
            process.terminate()
            process.wait(10)
    return delivered, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=100.0, help="events per second")
    parser.add_argument("--seconds", type=float, default=8.0, help="measurement window")
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--baseline", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--events-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        payloads = args.events_file.read_bytes().split(b"\0SEP\0")
        asyncio.run(baseline_server(args.baseline, args.rate, payloads))
        return 0

    with (
        run_simulator() as sim,
        run_server(
            upstream=sim, args=["--sessions", "0", "--subscriber-queue-max-entries", "1000"]
        ) as server,
    ):
        sim.control("POST", "rooms/bench_room", json={"live": True, "event_rate": args.rate})
        delivered, cpu, sample = asyncio.run(
            measure(server.address, args.subscribers, server.process.pid, args.seconds)
        )
    base_delivered, base_cpu = run_baseline(args.rate, args.subscribers, args.seconds, sample)

    tokgate_rate = delivered / cpu if cpu else float("inf")
    base_rate = base_delivered / base_cpu if base_cpu else float("inf")
    print(
        f"offered: {args.rate:g} events/s to {args.subscribers} subscribers, "
        f"{args.seconds:g} s window"
    )
    print(
        f"tokgate  (sim websocket -> TikTokLive -> decode -> fan-out): "
        f"{delivered} deliveries, {cpu:.2f} CPU-s, {tokgate_rate:,.0f} deliveries/CPU-s "
        f"(= {tokgate_rate / args.subscribers:,.0f} room events/CPU-s, each to every subscriber)"
    )
    print(
        f"baseline (bare grpc.aio fan-out of prebuilt bytes):         "
        f"{base_delivered} deliveries, {base_cpu:.2f} CPU-s, {base_rate:,.0f} deliveries/CPU-s"
    )
    print(f"ratio tokgate / baseline: {tokgate_rate / base_rate:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

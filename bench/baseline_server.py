"""The benches' baseline: a bare grpc.aio LiveService.StreamEvents serving prebuilt events.

What tokgate is measured against in the same run: no upstream, no decoding, no interceptors,
no metrics, just grpc.aio writing bytes it was given. Events arrive as the simulator sends
them (``round(rate * 0.1)`` at a time, so ten groups a second at low rates), and every
subscriber gets each one through a bounded queue (the oldest dropped when full), as tokgate's
fan-out does. Unbatched, each event is its own ``StreamEventsResponse {event = 1}`` message;
batched (``batch`` > 0), a message is ``StreamEventsResponse {events = 2}`` ended as tokgate
ends one: at ``batch`` events, or ``max_delay`` seconds after its first event arrived (0: with
the group it started in). A batch is built once, by the same byte concatenation tokgate uses,
and the same bytes go to every subscriber.

Run it in its own process (its CPU is what a bench reads): ``start_baseline`` does that, or

    .venv/bin/python bench/baseline_server.py --port P --rate R --events-file F \
        [--batch N] [--max-delay-ms D]

where F holds ``StreamEventsResponse {event = 1}`` messages, each after its length as 4
big-endian bytes (``write_events``). In-process, ``serve_prebuilt`` is the coroutine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import struct
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path

import grpc
from tokgate.testing import ManagedProcess, child_env, free_port
from tokgate.v1 import live_pb2

SERVICE = "tokgate.v1.LiveService"
TICK = 0.1  # seconds of events per group, as the simulator sends them at low rates
MAX_GROUP = 200  # events per group at high rates, as the simulator's frames
QUEUE_MAX_ENTRIES = 1000  # per subscriber; the oldest is dropped beyond it
EVENT_TAG, EVENTS_TAG = 0x0A, 0x12  # StreamEventsResponse.event = 1, .events = 2 (both LEN)
LENGTH = struct.Struct(">I")


def batch_message(responses: Sequence[bytes]) -> bytes:
    """One ``StreamEventsResponse {events}`` from single-event ``{event}`` messages: each one's
    first byte changed from field 1's tag to field 2's, as tokgate's batching does."""
    parts = []
    for response in responses:
        if response[0] != EVENT_TAG:
            raise ValueError("not a StreamEventsResponse with only `event` set")
        parts.append(bytes((EVENTS_TAG,)) + response[1:])
    return b"".join(parts)


def write_events(path: Path, responses: Sequence[bytes]) -> None:
    """Store ``StreamEventsResponse {event}`` messages for ``--events-file``."""
    path.write_bytes(b"".join(LENGTH.pack(len(r)) + r for r in responses))


def read_events(path: Path) -> list[bytes]:
    data = path.read_bytes()
    responses, offset = [], 0
    while offset < len(data):
        (size,) = LENGTH.unpack_from(data, offset)
        offset += LENGTH.size
        responses.append(data[offset : offset + size])
        offset += size
    if not responses:
        raise ValueError(f"{path}: no events")
    return responses


class Fanout:
    """Prebuilt messages to every subscriber's bounded queue."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[bytes]] = set()

    def offer(self, message: bytes) -> None:
        for queue in self.queues:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(message)

    async def stream_events(
        self, request: live_pb2.StreamEventsRequest, context: grpc.aio.ServicerContext[bytes, bytes]
    ) -> AsyncIterator[bytes]:
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=QUEUE_MAX_ENTRIES)
        self.queues.add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self.queues.discard(queue)


class Batches:
    """Events into batch messages: at ``size`` events, or ``max_delay`` after the first."""

    def __init__(self, fanout: Fanout, size: int, max_delay: float) -> None:
        self._fanout = fanout
        self._size = size
        self._max_delay = max_delay
        self._pending: list[bytes] = []
        self._timer: asyncio.TimerHandle | None = None

    def add(self, response: bytes) -> None:
        self._pending.append(response)
        if len(self._pending) >= self._size:
            self.flush()
        elif len(self._pending) == 1 and self._max_delay > 0:
            self._timer = asyncio.get_running_loop().call_later(self._max_delay, self.flush)

    def group_done(self) -> None:
        """A group of events has arrived: with no delay allowed, what is pending goes now."""
        if self._max_delay <= 0:
            self.flush()

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._pending:
            self._fanout.offer(batch_message(self._pending))
            self._pending.clear()


async def produce(
    fanout: Fanout, rate: float, responses: Sequence[bytes], batch: int, max_delay: float
) -> None:
    """``rate`` events a second, cycling through ``responses``, in the simulator's groups."""
    loop = asyncio.get_running_loop()
    batches = Batches(fanout, batch, max_delay) if batch > 0 else None
    group = max(1, min(MAX_GROUP, round(rate * TICK)))
    index = 0
    next_at = loop.time()
    while True:
        for _ in range(group):
            response = responses[index % len(responses)]
            index += 1
            if batches is None:
                fanout.offer(response)
            else:
                batches.add(response)
        if batches is not None:
            batches.group_done()
        next_at += group / rate
        delay = next_at - loop.time()
        if delay < -1.0:  # far behind: do not burst to catch up
            next_at = loop.time()
        await asyncio.sleep(max(delay, 0.0))


async def serve_prebuilt(
    port: int,
    rate: float,
    responses: Sequence[bytes],
    *,
    batch: int = 0,
    max_delay: float = 0.0,
) -> None:
    """Serve StreamEvents on 127.0.0.1:``port`` until cancelled: ``responses`` (single-event
    ``StreamEventsResponse`` bytes) cycled at ``rate`` events a second to every subscriber,
    one per message or (``batch`` > 0) batched as tokgate batches."""
    fanout = Fanout()
    server = grpc.aio.server()
    # No response serializer: grpc.aio writes the yielded bytes as they are, as tokgate's does.
    handler: grpc.RpcMethodHandler[live_pb2.StreamEventsRequest, bytes]
    handler = grpc.unary_stream_rpc_method_handler(
        fanout.stream_events, request_deserializer=live_pb2.StreamEventsRequest.FromString
    )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(SERVICE, {"StreamEvents": handler}),)
    )
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    producer = asyncio.create_task(produce(fanout, rate, responses, batch, max_delay))
    try:
        await server.wait_for_termination()
    finally:
        producer.cancel()
        await server.stop(None)


@contextlib.contextmanager
def start_baseline(
    rate: float, responses: Sequence[bytes], *, batch: int = 0, max_delay: float = 0.0
) -> Iterator[tuple[str, ManagedProcess]]:
    """``serve_prebuilt`` in a process of its own: (its address, the process), stopped by pid on
    exit. The caller waits for it to answer (a stream that connects)."""
    with tempfile.TemporaryDirectory() as directory:
        events_file = Path(directory) / "events.bin"
        write_events(events_file, responses)
        port = free_port()
        argv = [
            sys.executable,
            __file__,
            "--port",
            str(port),
            "--rate",
            str(rate),
            "--events-file",
            str(events_file),
            "--batch",
            str(batch),
            "--max-delay-ms",
            str(max_delay * 1000),
        ]
        process = ManagedProcess(argv, child_env(), Path(directory) / "baseline.log")
        process.start()
        try:
            yield f"127.0.0.1:{port}", process
        finally:
            process.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--rate", type=float, required=True, help="events per second")
    parser.add_argument("--events-file", type=Path, required=True)
    parser.add_argument("--batch", type=int, default=0, help="events per message (0: unbatched)")
    parser.add_argument("--max-delay-ms", type=float, default=0.0)
    args = parser.parse_args()
    responses = read_events(args.events_file)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            serve_prebuilt(
                args.port,
                args.rate,
                responses,
                batch=args.batch,
                max_delay=args.max_delay_ms / 1000,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

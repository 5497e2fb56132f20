"""StreamEvents' per-message path, step by step: the CPU each layer around a message costs.

In one process, no network, CPU time (``time.process_time``), best of three rounds. The
baseline is a bare async generator yielding a prebuilt message, driven by ``__anext__`` as
grpc.aio drives a response stream; each step adds one piece of tokgate's real path, in the
server's order (docs/live.md, server/tokgate/app.py: MetricsInterceptor outermost, then
ErrorInterceptor, then the servicer), built from the real classes:

- the servicer's own per-message work: ``tokgate_live_event_delay_seconds.observe``;
- ErrorInterceptor: ``rpc.wrap_handler`` around its ``HandlerWrapper.stream``;
- MetricsInterceptor: the same, plus ``grpc_server_msg_sent`` incremented per message;

and, beside them, the pieces one by one (a re-yielding async-generator layer, a counter's
``inc``, a ``labels()`` lookup, a histogram's ``observe``), and a batch of 50 (``concatenate``,
the delay observed per event as the servicer once did). Sealing (stamp and seal, per event
however messages are batched) is measured where it runs, in bench_end_to_end.py's profile.

Then what three changes saved, each measured against what it replaced: wrap_handler handing
grpc.aio the wrapper's generator itself (``functools.partial``) instead of re-yielding it; a
batch's delay observed once (its oldest event) rather than per event; the delay histogram kept
as plain counts the event loop's thread bisects into (``metrics.LoopHistogram``) rather than
prometheus_client's, which takes a lock per update. And one proposal left: the same for the
``grpc_server_msg_sent`` counter (an int).

    .venv/bin/python bench/bench_message_path.py [--messages 200000] [--quick]

``--quick`` (the smoke test's mode) drives a few thousand messages: its figures mean nothing;
it fails when a step does.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncGenerator, Callable
from typing import Any

import grpc
from prometheus_client import Histogram
from tokgate.config import Settings
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.interceptors import ErrorInterceptor
from tokgate.live.batching import concatenate
from tokgate.live.events import Delivery
from tokgate.metrics import GRPC_MSG_SENT, LIVE_EVENT_DELAY_SECONDS, MetricsInterceptor
from tokgate.rpc import HandlerWrapper, RpcInfo, ServicerContext, wrap_handler
from tokgate.v1 import live_pb2

METHOD = "/tokgate.v1.LiveService/StreamEvents"
BATCH = 50
ROUNDS = 3
LABELS = {"grpc_type": "server_stream", "grpc_service": "tokgate.v1.LiveService"}


class Details(grpc.HandlerCallDetails):
    """What an interceptor is told about a call: its method, no metadata."""

    method = METHOD
    invocation_metadata = ()


def comment_event() -> live_pb2.LiveEvent:
    """A typical event: a comment with its viewer, as the decoder makes it."""
    event = live_pb2.LiveEvent()
    event.comment.text = "what a stream, greetings from far away"
    user = event.comment.user
    user.user_id, user.unique_id = "7212345678901234567", "a_viewer_name"
    user.nickname, user.avatar_url = "A Viewer", "https://p16-sign.example/avatar/abc.webp"
    user.member_level, user.gifter_level = 12, 3
    return event


def wire_of(event: live_pb2.LiveEvent) -> bytes:
    return live_pb2.StreamEventsResponse(event=event).SerializeToString()


# --- the generator chain ---------------------------------------------------------------


def servicer(wire: bytes, *, observe: bool) -> Callable[..., AsyncGenerator[bytes, None]]:
    """A StreamEvents behaviour yielding ``wire`` forever; with ``observe``, the real
    servicer's per-message delay histogram too."""

    async def stream_events(request: Any, context: ServicerContext) -> AsyncGenerator[bytes, None]:
        received = time.monotonic()
        while True:
            yield wire
            if observe:
                LIVE_EVENT_DELAY_SECONDS.observe(time.monotonic() - received)

    return stream_events


def wrapped(
    behaviour: Callable[..., AsyncGenerator[bytes, None]],
    wrappers: list[HandlerWrapper],
    rewrap: Callable[[grpc.RpcMethodHandler[Any, Any], HandlerWrapper], Any] = wrap_handler,
) -> Callable[..., AsyncGenerator[bytes, None]]:
    """``behaviour`` inside ``wrappers`` (the first outermost), each through ``rewrap``."""
    handler: Any = grpc.unary_stream_rpc_method_handler(behaviour)
    for wrapper in reversed(wrappers):
        handler = rewrap(handler, wrapper)
    behaviour_of_handler: Callable[..., AsyncGenerator[bytes, None]] = handler.unary_stream
    return behaviour_of_handler


def reyielding_wrap_handler(
    handler: grpc.RpcMethodHandler[Any, Any], wrapper: HandlerWrapper
) -> grpc.RpcMethodHandler[Any, Any]:
    """What rpc.wrap_handler did for a response stream before it handed grpc.aio the wrapper's
    own generator (``functools.partial``): a generator re-yielding the wrapper's."""
    behaviour: Any = handler.unary_stream

    async def layer(request: Any, context: ServicerContext) -> AsyncGenerator[Any, None]:
        async with contextlib.aclosing(wrapper.stream(behaviour, request, context)) as stream:
            async for message in stream:
                yield message

    return grpc.unary_stream_rpc_method_handler(
        layer,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


def relay(
    behaviour: Callable[..., AsyncGenerator[bytes, None]],
) -> Callable[..., AsyncGenerator[bytes, None]]:
    """One bare async-generator layer re-yielding another: the unit the wrappers add."""

    async def layer(request: Any, context: ServicerContext) -> AsyncGenerator[bytes, None]:
        async with contextlib.aclosing(behaviour(request, context)) as inner:
            async for message in inner:
                yield message

    return layer


async def drive(behaviour: Callable[..., AsyncGenerator[bytes, None]], messages: int) -> float:
    """CPU µs per message of pulling ``messages`` from the stream, as grpc.aio does."""
    stream = behaviour(live_pb2.StreamEventsRequest(), None)
    pull = stream.__anext__
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(messages):
            await pull()
        best = min(best, time.process_time() - started)
    await stream.aclose()
    return best / messages * 1e6


def per_call(step: Callable[[], object], calls: int) -> float:
    """CPU µs per call of ``step``, best of ROUNDS."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(calls):
            step()
        best = min(best, time.process_time() - started)
    return best / calls * 1e6


# --- the run -------------------------------------------------------------------------


def print_step(label: str, us: float, baseline: float | None = None) -> None:
    against = f"  {us / baseline:5.2f}x the baseline" if baseline else ""
    print(f"  {label:<72} {us:7.3f} µs{against}")


async def chain_costs(messages: int) -> None:
    """The generator chain, layer by layer, and what wrap_handler saved by passing the
    wrapper's generator itself."""
    wire = wire_of(comment_event())
    info = RpcInfo(METHOD, "tokgate.v1.LiveService", "StreamEvents", "server_stream")
    metrics = MetricsInterceptor().wrapper(info, Details())
    errors = ErrorInterceptor(ErrorPipeline.from_settings(Settings())).wrapper(info, Details())
    bare = servicer(wire, observe=False)
    real = servicer(wire, observe=True)
    baseline = await drive(bare, messages)
    print("per message, the generator chain grpc.aio pulls (unbatched: once per event)")
    print_step("baseline: a bare async generator yielding prebuilt bytes", baseline)
    steps = [
        ("+ the servicer's delay histogram observe", real),
        ("+ ErrorInterceptor (wrap_handler + _RichStatusCall.stream)", wrapped(real, [errors])),
        (
            "+ MetricsInterceptor (wrap_handler + _MeasuredCall.stream, msg_sent inc): all",
            wrapped(real, [metrics, errors]),
        ),
        ("one re-yielding async-generator layer alone (bare + 1 layer)", relay(bare)),
        ("two layers alone (bare + 2 layers)", relay(relay(bare))),
    ]
    results = {}
    for label, behaviour in steps:
        results[label] = await drive(behaviour, messages)
        print_step(label, results[label], baseline)
    today = results[steps[2][0]]
    before = await drive(wrapped(real, [metrics, errors], reyielding_wrap_handler), messages)
    print(
        f"  the whole chain as wrap_handler built it before (a generator re-yielding each "
        f"wrapper's): {before:.3f} µs, {before - today:+.3f} µs a message more than now"
    )


class LoopCounter:
    """The proposal's counter: an int the event loop's thread increments (the delay histogram
    is already kept this way: tokgate.metrics.LoopHistogram)."""

    def __init__(self) -> None:
        self.value = 0

    def inc(self) -> None:
        self.value += 1


def piece_costs(calls: int) -> None:
    """The per-message metric operations one by one."""
    sent = GRPC_MSG_SENT.labels(**LABELS, grpc_method="StreamEvents")
    print("\nthe pieces, per call")
    print_step(
        "grpc_server_msg_sent inc (the labelled child, resolved once per call)",
        per_call(sent.inc, calls),
    )
    print_step(
        "grpc_server_msg_sent labels() lookup (per call, not per message, today)",
        per_call(lambda: GRPC_MSG_SENT.labels(**LABELS, grpc_method="StreamEvents"), calls),
    )
    print_step(
        "tokgate_live_event_delay_seconds observe (per message, per event batched; "
        "tokgate.metrics.LoopHistogram)",
        per_call(lambda: LIVE_EVENT_DELAY_SECONDS.observe(0.003), calls),
    )
    locked = Histogram("bench_delay_seconds", "", buckets=LIVE_EVENT_DELAY_SECONDS.buckets)
    print_step(
        "the same observe on prometheus_client's Histogram (what it replaced)",
        per_call(lambda: locked.observe(0.003), calls),
    )
    print_step("time.monotonic()", per_call(time.monotonic, calls))
    counter = LoopCounter()
    print_step("proposal: LoopCounter.inc (for grpc_server_msg_sent)", per_call(counter.inc, calls))


def batch_costs(calls: int) -> None:
    """A batch of BATCH events: the concatenation and the delay histogram, per event."""
    deliveries = [Delivery(i, 1, wire_of(comment_event()), 1.0) for i in range(BATCH)]
    print(f"\nper event in a batch of {BATCH} (the servicer's batched path)")
    joined = per_call(lambda: concatenate(deliveries), calls) / BATCH
    print_step("batching.concatenate", joined)

    def observe_each() -> None:
        now = time.monotonic()
        for delivery in deliveries:
            LIVE_EVENT_DELAY_SECONDS.observe(now - delivery.received)

    def observe_oldest() -> None:
        LIVE_EVENT_DELAY_SECONDS.observe(time.monotonic() - deliveries[0].received)

    each = per_call(observe_each, calls) / BATCH
    oldest = per_call(observe_oldest, calls) / BATCH
    print_step("delay observe for every event (before)", each)
    print(
        f"  one observe a batch (its oldest event's delay; now): {oldest:.3f} µs per "
        f"event, {each - oldest:+.3f} µs saved per event"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000, help="per step and round")
    parser.add_argument("--quick", action="store_true", help="smoke test: a few thousand")
    args = parser.parse_args()
    messages = 2_000 if args.quick else args.messages
    print(
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPU µs, best of "
        f"{ROUNDS} rounds of {messages:,}"
    )
    asyncio.run(chain_costs(messages))
    piece_costs(messages)
    batch_costs(max(messages // BATCH, 10))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Webcast decoding: tokgate's upb decoder against TikTokLive's own, on the same frames, one run.

Prints events per CPU-second for:
  - TikTokLive decoding the messages (`TikTokLiveClient._parse_webcast_response`: betterproto2 and
    pydantic per message, plus its custom events) - the baseline;
  - tokgate's WebcastDecoder on the same messages, every type wanted, and with one type wanted;
    every type wanted where every message's viewer is new to the room (its user cache misses; a
    busy room's joins are mostly first-seen viewers; a new room every round, so each distinct
    badge is converted once a round); and a new room for every message (nothing seen: the worst
    case); and the first two again with the Python conversion alone (the compiled decoder,
    tokgate_native, left out: what decoding cost before it);
  - the envelope (WebcastPushFrame + ProtoMessageFetchResult), which tokgate leaves to TikTokLive:
    TikTokLive's betterproto2 parsing, and the derived upb classes for comparison;
and the ratios. Goal: tokgate decodes at least 100x faster than TikTokLive.

Then CPU microseconds per event, every type wanted, viewers seen and new, for the message types
tokgate typed before issue 10 (chat, gift, like, member, viewer count, social, control) and for the
whole mix: the decode cost issue 10 bounds (within 20% of its cost before); and for the whole mix
with the Python conversion alone.

Then a room's ingest in-process, CPU microseconds per event, frames of 100 messages as tokgate's
loop hands them over (the fetch results' bytes), for the whole mix and for the types the frame
call seals itself, viewers seen (in the room's UserCache, which spares checking and converting
them again) and every viewer new: each message decoded and sealed on its own (the connection's
path before live/ingest.py), one native call a frame (ingest.seal_frame) and, of it,
tokgate_native.seal_frame alone; and storing the sealed events into a room's history
(MemoryLog.store).

Then the cost of screening a frame (tokgate.live.frames.screen_frame, run on every frame before
TikTokLive parses it) in CPU microseconds per frame, plain and gzipped, at 10 and 200 messages
per frame, next to TikTokLive's own envelope parsing of the same frames.

    .venv/bin/python bench/bench_decode.py [--quick]

``--quick`` (the smoke test's mode) runs everything on one round of the message mix for a few
hundredths of a CPU-second each: its figures mean nothing; it fails when decoding does.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import tokgate_native
from TikTokLive import TikTokLiveClient
from TikTokLive.proto import ProtoMessageFetchResult, PushHeader, WebcastPushFrame
from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.live import decode
from tokgate.live.decode import ALL_EVENT_TYPES, TYPED_METHODS, WebcastDecoder
from tokgate.live.events import Delivery
from tokgate.live.frames import screen_frame
from tokgate.live.ingest import seal_frame
from tokgate.live.log import BUFFER as HISTORY
from tokgate.live.log import MemoryLog, Numbering
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

REPO = Path(__file__).resolve().parent.parent
MESSAGES_PER_FRAME = 10
# Rounds of frequent messages before the overlay types: 12 makes those about 8% of the messages,
# their share in the simulator's mix of a busy room (tokgate.sim.programs.EVENT_MIX).
BUSY_ROUNDS = 12
INGEST_FRAME = 100  # messages a frame in the ingest figures: a busy room's at 1,000 events/s
# The types the frame call seals itself (gifts too: it completes them from the catalogue).
FRAME_SEALED = frozenset(tokgate_native.methods())
SCREENED_FRAME_SIZES = (10, 200)  # messages per frame; a busy room sends up to ~200
MIN_CPU_SECONDS = 1.0  # per figure; --quick: QUICK_CPU_SECONDS, one round of the mix
QUICK_CPU_SECONDS = 0.02
# The message types tokgate typed before issue 10.
FIRST_TYPES = frozenset(
    {
        "WebcastChatMessage",
        "WebcastGiftMessage",
        "WebcastLikeMessage",
        "WebcastMemberMessage",
        "WebcastRoomUserSeqMessage",
        "WebcastSocialMessage",
        "WebcastControlMessage",
    }
)


def load_webcast_frames() -> ModuleType:
    """The frame builder the tests use (tests/webcast/webcast_frames.py)."""
    path = REPO / "tests" / "webcast" / "webcast_frames.py"
    spec = importlib.util.spec_from_file_location("webcast_frames", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def rate(events_per_round: int, run_round: Callable[[], object], min_cpu: float) -> float:
    """Events per CPU-second, over enough rounds to take ``min_cpu`` CPU seconds."""
    run_round()  # warm up
    rounds, started = 0, time.process_time()
    while (elapsed := time.process_time() - started) < min_cpu or rounds == 0:
        run_round()
        rounds += 1
    return rounds * events_per_round / elapsed


async def tiktoklive_rate(results: list[Any], min_cpu: float) -> float:
    """TikTokLive 7.0.1's own decoding of every message of every fetch result."""
    client = TikTokLiveClient("sim_live")
    events = sum(len(result.messages) for result in results)
    loop = asyncio.get_running_loop()
    try:

        async def parse_all() -> None:
            for result in results:
                async for _ in client._parse_webcast_response(result):
                    pass

        rounds, started = 0, time.process_time()
        while (elapsed := time.process_time() - started) < min_cpu or rounds < 2:
            await parse_all()
            rounds += 1
        # TikTokLive schedules its own disconnect on every live end it sees.
        current = asyncio.current_task(loop)
        await asyncio.gather(*(task for task in asyncio.all_tasks(loop) if task is not current))
    finally:
        await client.disconnect()
        await client.web.close()
    return rounds * events / elapsed


def tokgate_rate(
    messages: list[Any], wanted: frozenset[int], min_cpu: float, *, users: str = "seen"
) -> float:
    """Events per CPU-second of one room's decoder, its viewers `seen` (one decoder for every
    round), `new` (`messages` from webcast_frames' `distinct_users`, a new decoder for every
    round) or a new room for every message (`none`)."""
    decode = WebcastDecoder().decode

    def decode_all() -> None:
        for message in messages:
            decode(message.method, message.payload, wanted)

    def decode_all_new_room() -> None:
        decode = WebcastDecoder().decode
        for message in messages:
            decode(message.method, message.payload, wanted)

    def decode_all_nothing_seen() -> None:
        for message in messages:
            WebcastDecoder().decode(message.method, message.payload, wanted)

    rounds = {"seen": decode_all, "new": decode_all_new_room, "none": decode_all_nothing_seen}
    return rate(len(messages), rounds[users], min_cpu)


@contextlib.contextmanager
def python_conversion_only() -> Iterator[None]:
    """Every message decoded by the Python conversion, the compiled decoder left out: the
    decoder as it was before it, for the ratio."""
    compiled = dict(decode._DECODERS)
    decode._DECODERS.update(decode._PYTHON_DECODERS)
    try:
        yield
    finally:
        decode._DECODERS.update(compiled)


def event_costs(frames_module: ModuleType, messages: list[Any], min_cpu: float) -> None:
    """CPU microseconds per event, every type wanted, viewers seen and new."""
    first = [message for message in messages if message.method in FIRST_TYPES]
    for label, chosen, conversion in (
        ("types before issue 10", first, contextlib.nullcontext()),
        ("whole mix", messages, contextlib.nullcontext()),
        ("whole mix, Python alone", messages, python_conversion_only()),
    ):
        with conversion:
            seen = 1e6 / tokgate_rate(chosen, ALL_EVENT_TYPES, min_cpu)
            distinct = frames_module.distinct_users(chosen)
            new = 1e6 / tokgate_rate(distinct, ALL_EVENT_TYPES, min_cpu, users="new")
        print(
            f"us/event, {label:23s}: viewers seen {seen:6.2f}, viewers new {new:6.2f}"
            f" ({len(chosen)} messages)"
        )


def envelope_rates(frames: list[bytes], events: int, min_cpu: float) -> tuple[float, float]:
    """Events per CPU-second through the envelope: TikTokLive's betterproto2, and upb."""

    def betterproto_round() -> None:
        for frame in frames:
            ProtoMessageFetchResult().parse(WebcastPushFrame().parse(frame).payload)

    def upb_round() -> None:
        for frame in frames:
            webcast_pb2.ProtoMessageFetchResult.FromString(
                webcast_pb2.WebcastPushFrame.FromString(frame).payload
            )

    return rate(events, betterproto_round, min_cpu), rate(events, upb_round, min_cpu)


def in_frames(messages: list[Any]) -> list[bytes]:
    """The messages in fetch results of INGEST_FRAME as tokgate's loop hands them over (their
    bytes), without the LIVE's end (which would cut a frame short)."""
    kept = [m for m in messages if m.method != "WebcastControlMessage"]
    return [
        webcast_pb2.ProtoMessageFetchResult(
            messages=[
                webcast_pb2.BaseProtoMessage(method=m.method, payload=m.payload)
                for m in kept[start : start + INGEST_FRAME]
            ]
        ).SerializeToString()
        for start in range(0, len(kept), INGEST_FRAME)
    ]


def ingest_costs(frames_module: ModuleType, messages: list[Any], min_cpu: float) -> None:
    """CPU microseconds per event of a room's ingest in-process: each message decoded and sealed
    on its own (the connection's path before live/ingest.py), one native call a frame
    (ingest.seal_frame) and, of it, the call itself; then storing into the history. Viewers
    seen (the room's UserCache holds them) or every viewer new (a new room every round)."""
    compiled = [m for m in messages if m.method in FRAME_SEALED]
    for label, chosen, new_viewers in (
        ("whole mix", messages, False),
        ("whole mix, viewers new", frames_module.distinct_users(messages), True),
        ("compiled kinds", compiled, False),
        ("compiled, viewers new", frames_module.distinct_users(compiled), True),
    ):
        per_message, per_frame, native_call, stored = ingest_cost(
            in_frames(chosen), min_cpu, new_viewers=new_viewers
        )
        print(
            f"ingest us/event, {label:22s}: a call a message {per_message:6.2f}, a call a frame "
            f"{per_frame:6.2f} (the native call {native_call:5.2f}), storing {stored:5.2f}"
        )


def ingest_cost(
    frames: list[bytes], min_cpu: float, *, new_viewers: bool
) -> tuple[float, float, float, float]:
    """``ingest_costs``' four figures for ``frames``."""
    fetched = [webcast_pb2.ProtoMessageFetchResult.FromString(frame).messages for frame in frames]
    events = sum(len(messages) for messages in fetched)
    log, seen = Numbering("bench", "abcdefgh"), WebcastDecoder()
    header = log.frame_header("7", 1)

    def room() -> WebcastDecoder:
        return WebcastDecoder() if new_viewers else seen

    def per_message() -> None:
        decoder = room()
        for wall_ns, messages in enumerate(fetched):
            for message in messages:
                decoded = decoder.decode(message.method, message.payload, ALL_EVENT_TYPES)
                sealable = decoded.sealable
                assert sealable is not None
                log.seal(sealable, decoded.event_type, "7", 1.0, wall_ns, created_ms=1)

    def per_frame() -> None:
        decoder = room()
        for wall_ns, frame in enumerate(frames):
            seal_frame(
                frame, log, decoder, room_id="7", received=1.0, wall_ns=wall_ns, catalogue=None
            )

    def native_call() -> None:
        users = room().cached_users
        for frame in frames:
            tokgate_native.seal_frame(frame, header, 1, 1.0, Delivery, None, TYPED_METHODS, users)

    sealed = [
        seal_frame(frame, log, seen, room_id="7", received=1.0, wall_ns=0, catalogue=None)
        for frame in frames
    ]
    history = MemoryLog("bench", Bounds.from_settings(Settings(), HISTORY), lambda _: None)

    def store() -> None:
        for frame in sealed:
            history.store(frame.deliveries)

    per_message_us, per_frame_us, native_us, store_us = (
        1e6 / rate(events, run, min_cpu) for run in (per_message, per_frame, native_call, store)
    )
    return per_message_us, per_frame_us, native_us, store_us


def gzip_frame(frame: bytes) -> bytes:
    """The push frame as TikTok sends it when asked to compress: its fetch result gzipped."""
    parsed = WebcastPushFrame().parse(frame)
    parsed.headers = [PushHeader(key="compress_type", value="gzip")]
    parsed.payload = gzip.compress(parsed.payload)
    return bytes(parsed)


def screen_costs(frames_module: ModuleType, messages: list[Any], min_cpu: float) -> None:
    """CPU microseconds per frame: tokgate's screen, and TikTokLive's envelope parse."""
    for size in SCREENED_FRAME_SIZES:
        cycled = (messages * (size // len(messages) + 1))[: size * 4]
        results = [
            frames_module.fetch_result(cycled[start : start + size])
            for start in range(0, len(cycled), size)
        ]
        for compression in ("none", "gzip"):
            frames = [frames_module.push_frame(result) for result in results]
            if compression == "gzip":
                frames = [gzip_frame(frame) for frame in frames]

            def screen_round(frames: list[bytes] = frames) -> None:
                for frame in frames:
                    screen_frame(frame)

            def tiktoklive_round(frames: list[bytes] = frames) -> None:
                for frame in frames:
                    screened = WebcastPushFrame().parse(screen_frame(frame))
                    ProtoMessageFetchResult().parse(screened.payload)

            screen = 1e6 / rate(len(frames), screen_round, min_cpu)
            library = 1e6 / rate(len(frames), tiktoklive_round, min_cpu) - screen
            print(
                f"screen_frame, {size:3d} messages/frame, {compression:4s}: {screen:8.1f} us/frame"
                f" (TikTokLive's envelope parse of it: {library:9.1f} us)"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke test: tiny rounds")
    args = parser.parse_args()
    min_cpu = QUICK_CPU_SECONDS if args.quick else MIN_CPU_SECONDS
    frames_module = load_webcast_frames()
    messages = frames_module.build_messages(busy_rounds=1 if args.quick else BUSY_ROUNDS)
    decoder = WebcastDecoder()
    decoded = [decoder.decode(m.method, m.payload, ALL_EVENT_TYPES) for m in messages]
    if not any(message.event is not None for message in decoded):
        print("FAILED: tokgate's decoder decoded nothing", file=sys.stderr)
        return 1
    chunks = [
        messages[start : start + MESSAGES_PER_FRAME]
        for start in range(0, len(messages), MESSAGES_PER_FRAME)
    ]
    results = [frames_module.fetch_result(chunk) for chunk in chunks]
    frames = [frames_module.push_frame(result) for result in results]
    methods = sorted({message.method for message in messages})
    print(f"{len(messages)} messages in {len(frames)} frames: {', '.join(methods)}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    baseline = asyncio.run(tiktoklive_rate(results, min_cpu))
    everything = tokgate_rate(messages, ALL_EVENT_TYPES, min_cpu)
    comments_only = tokgate_rate(messages, frozenset({live_pb2.EVENT_TYPE_COMMENT}), min_cpu)
    distinct = frames_module.distinct_users(messages)
    new_viewers = tokgate_rate(distinct, ALL_EVENT_TYPES, min_cpu, users="new")
    nothing_seen = tokgate_rate(messages, ALL_EVENT_TYPES, min_cpu, users="none")
    with python_conversion_only():
        python_seen = tokgate_rate(messages, ALL_EVENT_TYPES, min_cpu)
        python_new = tokgate_rate(distinct, ALL_EVENT_TYPES, min_cpu, users="new")
    envelope_betterproto, envelope_upb = envelope_rates(frames, len(messages), min_cpu)

    for label, events_per_second in (
        ("TikTokLive decoding (betterproto2 + pydantic)", baseline),
        ("tokgate WebcastDecoder, every type wanted", everything),
        ("tokgate WebcastDecoder, only comments wanted", comments_only),
        ("tokgate WebcastDecoder, every viewer new", new_viewers),
        ("tokgate WebcastDecoder, a new room a message", nothing_seen),
        ("the same, Python conversion alone", python_seen),
        ("the same, Python alone, every viewer new", python_new),
        ("envelope, TikTokLive (betterproto2)", envelope_betterproto),
        ("envelope, derived upb classes", envelope_upb),
    ):
        print(f"{label:46s} {events_per_second:12,.0f} events/CPU-s")
    print(f"ratio tokgate/TikTokLive decoding: {everything / baseline:.0f}x (goal: >= 100x)")
    print(
        f"ratio with the compiled decoder / Python alone: {everything / python_seen:.2f}x"
        f" (viewers seen), {new_viewers / python_new:.2f}x (every viewer new)"
    )
    both = 1 / (1 / everything + 1 / envelope_betterproto)
    print(
        f"tokgate's decoder + TikTokLive's envelope: {both:,.0f} events/CPU-s "
        f"(the envelope takes {both / envelope_betterproto:.0%} of the time)"
    )
    event_costs(frames_module, messages, min_cpu)
    ingest_costs(frames_module, messages, min_cpu)
    screen_costs(frames_module, messages, min_cpu)
    return 0


if __name__ == "__main__":
    sys.exit(main())

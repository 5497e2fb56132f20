"""``tokgate watch @name``: a streamer's LIVE events, readable in a terminal.

Uses the Python client's async iterator (``tokgate_client``): events print one a line
(comments, gift streaks, likes, joins, follows, shares, viewer counts, in-band states); a
failure prints as its typed error with causes and suggestions. Colour only on a terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
from typing import Any, TextIO

from tokgate.console.render import paint, render_error, use_colour
from tokgate.v1 import live_pb2

DEFAULT_ADDRESS = "127.0.0.1:50051"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "watch", help="print a streamer's LIVE events", description=__doc__
    )
    parser.add_argument("unique_id", help="the streamer, e.g. @someone")
    parser.add_argument("--address", default=DEFAULT_ADDRESS, help="tokgate's gRPC address")
    parser.add_argument(
        "--api-key",
        default=os.environ.get("TOKGATE_API_KEY"),
        help="API key (env TOKGATE_API_KEY)",
    )
    parser.add_argument(
        "--types", default="", help="only these event types, e.g. comment,gift (default: all)"
    )
    parser.add_argument(
        "--wait", action="store_true", help="wait for an offline streamer to go live"
    )
    parser.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    parser.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    types = [t.strip() for t in args.types.split(",") if t.strip()]
    return asyncio.run(
        watch(
            args.address,
            args.unique_id,
            event_types=types,
            wait_until_live=args.wait,
            duration=args.duration,
            api_key=args.api_key,
        )
    )


async def watch(
    address: str,
    unique_id: str,
    *,
    event_types: list[str] | None = None,
    wait_until_live: bool = False,
    duration: float | None = None,
    api_key: str | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """Print events until the LIVE ends (0), ``duration`` passes (0) or it fails (1)."""
    from tokgate_client import AsyncClient, TokgateError

    colour = use_colour(out)
    async with AsyncClient(address, api_key=api_key) as client:
        events = client.live.stream_events(
            unique_id, event_types=event_types or (), wait_until_live=wait_until_live
        )
        try:
            async with asyncio.timeout(duration):
                async for event in events:
                    print(format_event(event, colour), file=out, flush=True)
        except TimeoutError:
            return 0
        except TokgateError as exc:
            shown = (
                render_error(exc.detail, colour)
                if exc.has_detail
                else (f"{exc.code.name}: {exc.message}")
            )
            print(shown, file=out, flush=True)
            return 1
        finally:
            with contextlib.suppress(Exception):
                await events.aclose()  # type: ignore[attr-defined]
    return 0


def _who(user: live_pb2.LiveUser) -> str:
    name = user.nickname or user.unique_id or user.user_id or "someone"
    return f"{name} (@{user.unique_id})" if user.unique_id and user.nickname else name


def _status(status: live_pb2.StreamStatus, colour: bool) -> str:
    state = live_pb2.StreamState.Name(status.state).removeprefix("STREAM_STATE_")
    line = f"[{state}] {status.message}"
    if status.HasField("error") and status.error.error:
        line += f" ({status.error.error}: {status.error.message})"
    return paint(line, "yellow" if state != "RESUMED" else "green", colour)


def format_event(event: live_pb2.LiveEvent, colour: bool = False) -> str:
    """One event as a line: its sequence number, then what happened."""
    prefix = paint(f"{event.sequence:>6}", "grey", colour) + " "
    kind = event.WhichOneof("event")
    if kind == "comment":
        text = f"{paint(_who(event.comment.user), 'cyan', colour)}: {event.comment.text}"
    elif kind == "gift":
        text = _gift(event.gift, colour)
    elif kind == "like":
        like = event.like
        text = f"{_who(like.user)} liked x{like.count} (total {like.total_likes})"
        text = paint(text, "red", colour)
    elif kind == "join":
        text = paint(f"{_who(event.join.user)} joined", "grey", colour)
    elif kind == "follow":
        text = paint(f"{_who(event.follow.user)} followed", "blue", colour)
    elif kind == "share":
        text = paint(f"{_who(event.share.user)} shared the LIVE", "blue", colour)
    elif kind == "viewer_count":
        text = paint(f"viewers: {event.viewer_count.viewer_count}", "bold", colour)
    elif kind == "connected":
        text = paint(f"connected to @{event.unique_id} (room {event.room_id})", "green", colour)
    elif kind == "live_ended":
        text = paint(
            f"the LIVE ended ({event.live_ended.reason or 'no reason given'})", "bold", colour
        )
    elif kind == "status":
        text = _status(event.status, colour)
    elif kind == "other":
        text = paint(f"{event.other.type_name} ({len(event.other.payload)} bytes)", "grey", colour)
    else:
        text = "(empty event)"
    return prefix + text


def _gift(gift: live_pb2.GiftEvent, colour: bool) -> str:
    """Streak progress dim; the final count (the one to count) bold with its diamonds."""
    base = f"{_who(gift.user)} sent {gift.gift_name or gift.gift_id} x{gift.repeat_count}"
    if gift.streak_state == live_pb2.GIFT_STREAK_STATE_IN_PROGRESS:
        return paint(base + " (streak going on...)", "grey", colour)
    total = gift.diamond_count * max(gift.repeat_count, 1)
    ended = " (streak ended)" if gift.streak_state == live_pb2.GIFT_STREAK_STATE_ENDED else ""
    unit = "diamond" if total == 1 else "diamonds"
    return paint(f"{base}{ended}: {total} {unit}", "magenta", colour)

"""``tokgate watch @name``: a streamer's LIVE events, readable in a terminal.

Uses the Python client's async iterator (``tokgate_client``): events print one a line
(event_lines.py: comments, gift streaks, battles, polls, chests, subscriptions, in-band states,
every type); a failure prints as its typed error with causes and suggestions. Colour only on a
terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from typing import Any, TextIO

from tokgate.console.connection_flags import add_connection_flags
from tokgate.console.event_lines import format_event
from tokgate.console.render import render_error, use_colour
from tokgate.v1 import live_pb2

# What --types accepts: EventType's names without their prefix, in lower case.
EVENT_TYPE_NAMES = tuple(
    value.name.removeprefix("EVENT_TYPE_").lower()
    for value in live_pb2.EventType.DESCRIPTOR.values
    if value.number != live_pb2.EVENT_TYPE_UNSPECIFIED
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "watch", help="print a streamer's LIVE events", description=__doc__
    )
    parser.add_argument(
        "unique_id", nargs="?", default="", help="the streamer, e.g. @someone (or --room-id)"
    )
    parser.add_argument("--room-id", default="", help="a broadcast's room id, instead of a name")
    add_connection_flags(parser)
    parser.add_argument(
        "--types",
        type=event_types,
        default=[],
        help="only these event types, e.g. comment,gift (default: all)",
    )
    parser.add_argument(
        "--wait", action="store_true", help="wait for an offline streamer to go live"
    )
    parser.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    parser.set_defaults(handler=_handle)


def event_types(text: str) -> list[str]:
    """``--types``: comma-separated EventType names; an unknown one is a usage error."""
    names = [part.strip().lower().removeprefix("event_type_") for part in text.split(",")]
    names = [name for name in names if name]
    unknown = [name for name in names if name not in EVENT_TYPE_NAMES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown event type {', '.join(unknown)}; valid: {', '.join(EVENT_TYPE_NAMES)}"
        )
    return names


def _handle(args: argparse.Namespace) -> int:
    return asyncio.run(
        watch(
            args.address,
            args.unique_id,
            room_id=args.room_id,
            event_types=args.types,
            wait_until_live=args.wait,
            duration=args.duration,
            api_key=args.api_key,
        )
    )


async def watch(
    address: str,
    unique_id: str,
    *,
    room_id: str = "",
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
            unique_id,
            room_id=room_id,
            event_types=event_types or (),
            wait_until_live=wait_until_live,
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
                await events.aclose()
    return 0

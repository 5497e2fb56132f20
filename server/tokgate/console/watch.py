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
import os
import sys
from typing import Any, TextIO

from tokgate.console.event_lines import format_event
from tokgate.console.render import render_error, use_colour

DEFAULT_ADDRESS = "127.0.0.1:50051"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "watch", help="print a streamer's LIVE events", description=__doc__
    )
    parser.add_argument(
        "unique_id", nargs="?", default="", help="the streamer, e.g. @someone (or --room-id)"
    )
    parser.add_argument("--room-id", default="", help="a broadcast's room id, instead of a name")
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
            room_id=args.room_id,
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

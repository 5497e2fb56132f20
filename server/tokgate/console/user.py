"""``tokgate user @name``: a TikTok profile, or the typed error with its causes and advice.

Uses the Python client (``tokgate_client``) against a running ``tokgate serve``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from tokgate.console.connection_flags import add_connection_flags
from tokgate.console.render import paint, render_error, use_colour
from tokgate.v1 import users_pb2

DEFAULT_DEADLINE = 30.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "user", help="print a TikTok user's profile", description=__doc__
    )
    parser.add_argument("unique_id", help="the username, e.g. @someone")
    add_connection_flags(parser)
    parser.add_argument(
        "--deadline", type=float, default=DEFAULT_DEADLINE, help="seconds to wait for the answer"
    )
    parser.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    return show_user(args.address, args.unique_id, api_key=args.api_key, deadline=args.deadline)


def show_user(
    address: str,
    unique_id: str,
    *,
    api_key: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    out: TextIO = sys.stdout,
) -> int:
    """Print the profile (0) or the typed error (1)."""
    from tokgate_client import Client, TokgateError

    colour = use_colour(out)
    with Client(address, api_key=api_key) as client:
        try:
            answer = client.users.get_user(unique_id, deadline=deadline)
        except TokgateError as exc:
            if exc.has_detail:
                print(render_error(exc.detail, colour), file=out)
            else:
                print(paint(f"✖ {exc.code.name}: {exc.message}", "red", colour), file=out)
            return 1
    print(format_profile(answer.user, colour), file=out)
    return 0


def format_profile(user: users_pb2.User, colour: bool = False) -> str:
    """A profile as a person reads it."""
    badges = [
        label
        for flag, label in ((user.verified, "verified"), (user.private_account, "private"))
        if flag
    ]
    title = paint(f"@{user.unique_id}", "bold", colour)
    if user.nickname:
        title += f" ({user.nickname})"
    if badges:
        title += " " + paint("[" + ", ".join(badges) + "]", "cyan", colour)
    lines = [title]
    if user.signature:
        lines.append(f"  {user.signature}")
    if user.HasField("stats"):
        stats = user.stats
        lines.append(
            f"  {stats.follower_count:,} followers · {stats.following_count:,} following · "
            f"{stats.heart_count:,} likes · {stats.video_count:,} videos"
        )
    lines.append(paint(f"  id {user.id} · {user.url}", "grey", colour))
    return "\n".join(lines)

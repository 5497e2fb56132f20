"""``tokgate user @name``: a TikTok profile, or the typed error with its causes and advice.

``tokgate user liked @name`` lists the videos the user liked, ``tokgate user sound ID`` shows a
sound, ``tokgate user video URL`` a video from its URL (``--page-token`` continues a list).
Calls the Python client's UserClient against a running ``tokgate serve``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from tokgate.console.connection_flags import add_connection_flags
from tokgate.console.render import paint, render_error, use_colour
from tokgate.v1 import users_pb2

if TYPE_CHECKING:
    from tokgate_client import UserClient

DEFAULT_DEADLINE = 30.0
# ``tokgate user SUBCOMMAND TARGET``; a TARGET alone is a username (its profile).
SUBCOMMANDS = ("liked", "sound", "video")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "user", help="print a TikTok user's profile, liked videos, a sound or a video",
        description=__doc__, usage=f"%(prog)s [{'|'.join(SUBCOMMANDS)}] TARGET [options]",
    )  # fmt: skip
    parser.add_argument(
        "words",
        nargs="+",
        metavar="TARGET",
        help="a username (@someone); after liked a username, after sound its id, after video "
        "its URL",
    )
    add_connection_flags(parser)
    parser.add_argument(
        "--deadline", type=float, default=DEFAULT_DEADLINE, help="seconds to wait for the answer"
    )
    parser.add_argument("--page-token", default="", help="the next page of a list (liked)")
    parser.set_defaults(handler=_handle, parser=parser)


def _handle(args: argparse.Namespace) -> int:
    words: list[str] = args.words
    if len(words) == 1:
        view, target = "profile", words[0]
    elif len(words) == 2 and words[0] in SUBCOMMANDS:
        view, target = words
    else:
        args.parser.error(f"expected a TARGET, or one of {', '.join(SUBCOMMANDS)} and its TARGET")
    return show(
        args.address,
        view,
        target,
        api_key=args.api_key,
        deadline=args.deadline,
        page_token=args.page_token,
    )


def show_user(
    address: str,
    unique_id: str,
    *,
    api_key: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    out: TextIO = sys.stdout,
) -> int:
    """Print the profile (0) or the typed error (1)."""
    return show(address, "profile", unique_id, api_key=api_key, deadline=deadline, out=out)


def show(
    address: str,
    view: str,
    target: str,
    *,
    api_key: str | None = None,
    deadline: float = DEFAULT_DEADLINE,
    page_token: str = "",
    out: TextIO = sys.stdout,
) -> int:
    """Print what ``view`` of ``target`` answers (0) or the typed error (1)."""
    from tokgate_client import Client, TokgateError

    colour = use_colour(out)
    ask, render = VIEWS[view]
    with Client(address, api_key=api_key) as client:
        try:
            answer = ask(client.users, target, page_token, deadline)
        except TokgateError as exc:
            if exc.has_detail:
                print(render_error(exc.detail, colour), file=out)
            else:
                print(paint(f"✖ {exc.code.name}: {exc.message}", "red", colour), file=out)
            return 1
    print(render(answer, colour), file=out)
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


def format_video(video: users_pb2.Video, colour: bool = False) -> str:
    """A video in three lines: what it says, its figures, where it is."""
    stats = video.stats
    return "\n".join(
        (
            paint(video.description or "(no description)", "bold", colour),
            f"  @{video.author.unique_id} · {stats.play_count:,} plays · "
            f"{stats.like_count:,} likes · {stats.comment_count:,} comments",
            paint(f"  id {video.id} · {video.url}", "grey", colour),
        )
    )


def format_videos(videos: list[users_pb2.Video], next_page_token: str, colour: bool) -> str:
    lines = [format_video(video, colour) for video in videos] or ["(no videos)"]
    if next_page_token:
        lines.append(paint(f"next page: --page-token {next_page_token}", "grey", colour))
    return "\n".join(lines)


def format_sound(sound: users_pb2.Sound, colour: bool = False) -> str:
    title = paint(sound.title or "(untitled)", "bold", colour)
    if sound.author_name:
        title += f" by {sound.author_name}"
    if sound.original:
        title += " " + paint("[original]", "cyan", colour)
    seconds = sound.duration.seconds
    return "\n".join(
        (
            title,
            f"  {seconds} s · used in {sound.video_count:,} videos",
            paint(f"  id {sound.id}", "grey", colour),
        )
    )


# A view's call: the user client's method for it, given the target, a page token, a deadline.
Ask = Callable[["UserClient", str, str, float], Any]
Render = Callable[[Any, bool], str]

# ``tokgate user [VIEW] TARGET``: what each view asks and how it prints the answer.
VIEWS: dict[str, tuple[Ask, Render]] = {
    "profile": (
        lambda users, target, _, deadline: users.get_user(target, deadline=deadline),
        lambda answer, colour: format_profile(answer.user, colour),
    ),
    "liked": (
        lambda users, target, token, deadline: users.list_user_liked_videos(
            target, page_token=token, deadline=deadline
        ),
        lambda answer, colour: format_videos(list(answer.videos), answer.next_page_token, colour),
    ),
    "sound": (
        lambda users, target, _, deadline: users.get_sound(target, deadline=deadline),
        lambda answer, colour: format_sound(answer.sound, colour),
    ),
    "video": (
        lambda users, target, _, deadline: users.get_video(url=target, deadline=deadline),
        lambda answer, colour: format_video(answer.video, colour),
    ),
}

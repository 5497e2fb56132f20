"""``tokgate token new-key | mint``: the signing key and the scoped tokens a web page holds.

``new-key`` prints a fresh secret for ``token_signing_key_file``; ``mint`` signs a read-only,
expiring token for some methods and users with it (tokgate.tokens), e.g.
``tokgate token mint --key-file key --user streamer --ttl 24h``. The key file is read, never
printed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import UTC, datetime
from typing import Any

from tokgate.config import ENV_PREFIX

DEFAULT_METHOD = "LiveService/StreamEvents"
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "token",
        help="make the signing key and mint scoped, read-only, expiring tokens for web pages",
        description=__doc__,
    )
    commands = parser.add_subparsers(dest="token_command", required=True, metavar="COMMAND")
    new_key = commands.add_parser("new-key", help="print a new random signing key")
    new_key.set_defaults(handler=_new_key_command)
    mint = commands.add_parser(
        "mint",
        help="print a token for some methods and users, valid for a while",
        description="Signs a token with the key in --key-file (default: the "
        f"{ENV_PREFIX}TOKEN_SIGNING_KEY_FILE variable, the server's token_signing_key_file).",
    )
    mint.add_argument(
        "--key-file",
        default=os.environ.get(f"{ENV_PREFIX}TOKEN_SIGNING_KEY_FILE", ""),
        help="file of the signing key (the server's token_signing_key_file)",
    )
    mint.add_argument(
        "--method",
        action="append",
        dest="methods",
        metavar="SERVICE/METHOD",
        help=f"a read-only method the token may call, repeatable (default: {DEFAULT_METHOD})",
    )
    mint.add_argument(
        "--user",
        action="append",
        dest="users",
        default=[],
        metavar="UNIQUE_ID",
        help="a TikTok user the token's requests may name, repeatable (default: any user)",
    )
    mint.add_argument(
        "--ttl", default="24h", help="how long the token is valid: 90s, 30m, 24h, 7d (default 24h)"
    )
    mint.set_defaults(handler=_mint_command)


def _new_key_command(args: argparse.Namespace) -> int:
    from tokgate.tokens import new_signing_key

    print(new_signing_key())
    return 0


def _mint_command(args: argparse.Namespace) -> int:
    from tokgate.tokens import mint, read_signing_key, scope_for

    try:
        if not args.key_file:
            raise ValueError(
                f"no signing key: pass --key-file or set {ENV_PREFIX}TOKEN_SIGNING_KEY_FILE"
            )
        key = read_signing_key(args.key_file)
        scope = scope_for(args.methods or [DEFAULT_METHOD], args.users, parse_duration(args.ttl))
    except ValueError as exc:
        print(f"tokgate token mint: {exc}", file=sys.stderr)
        return 2
    print(mint(key, scope))
    expires = datetime.fromtimestamp(scope.expires_at, UTC).isoformat(timespec="seconds")
    users = ", ".join(sorted(scope.users)) or "any user"
    print(
        f"methods: {', '.join(sorted(scope.methods))}; users: {users}; expires {expires}",
        file=sys.stderr,
    )
    return 0


def parse_duration(text: str) -> float:
    """``90s``, ``30m``, ``24h``, ``7d`` or plain seconds; ValueError otherwise."""
    match = _DURATION.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(f"--ttl {text!r} is not a duration like 90s, 30m, 24h or 7d")
    return float(match[1]) * _UNIT_SECONDS[match[2]]

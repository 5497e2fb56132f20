"""Opaque page tokens: TikTok's cursor wrapped so callers cannot forge or depend on it.

A token binds the cursor to the request it continues (method and subject), so a token
from one list cannot be replayed against another.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from tokgate.errors.exceptions import InvalidArgumentError

_VERSION = 1


@dataclass(frozen=True)
class PageCursor:
    """Where a list continues: TikTok's cursor for one method and subject."""

    method: str
    subject: str
    cursor: int


def encode_page_token(cursor: PageCursor) -> str:
    """The ``next_page_token`` for ``cursor`` (URL-safe base64 of a small JSON object)."""
    raw = json.dumps(
        {"v": _VERSION, "m": cursor.method, "s": cursor.subject, "c": cursor.cursor},
        separators=(",", ":"),
    ).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str, method: str, subject: str) -> int:
    """TikTok's cursor for ``token`` (0 for an empty token), or InvalidArgumentError."""
    if not token:
        return 0
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        valid = (
            isinstance(data, dict)
            and data.get("v") == _VERSION
            and isinstance(data.get("c"), int)
            and data["c"] >= 0
        )
    except (binascii.Error, ValueError, UnicodeDecodeError):
        valid = False
    if not valid:
        raise InvalidArgumentError("page_token", "not a page token this server issued")
    if data.get("m") != method or data.get("s") != subject:
        raise InvalidArgumentError("page_token", "the token continues a different list")
    return int(data["c"])

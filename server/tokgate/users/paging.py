"""Opaque page tokens: TikTok's cursor wrapped so callers neither forge nor depend on it.

A token binds the cursor to the list it continues (method and subject), so a token from one
list is refused by another; ``extra`` carries what the next page needs besides the cursor
(a user's secUid, a hashtag's id, a search id), sparing a lookup per page.
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
    """Where a list continues."""

    method: str
    subject: str
    cursor: int = 0
    extra: str = ""


def encode_page_token(cursor: PageCursor) -> str:
    """The ``next_page_token`` for ``cursor`` (URL-safe base64 of a small JSON object)."""
    raw = json.dumps(
        {
            "v": _VERSION,
            "m": cursor.method,
            "s": cursor.subject,
            "c": cursor.cursor,
            "x": cursor.extra,
        },
        separators=(",", ":"),
    ).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str, method: str, subject: str) -> PageCursor:
    """The cursor ``token`` carries (the first page for an empty token), or
    InvalidArgumentError for a token this server did not issue for this list."""
    if not token:
        return PageCursor(method, subject)
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        valid = (
            isinstance(data, dict)
            and data.get("v") == _VERSION
            and isinstance(data.get("c"), int)
            and data["c"] >= 0
            and isinstance(data.get("x", ""), str)
        )
    except (binascii.Error, ValueError, UnicodeDecodeError):
        valid = False
    if not valid:
        raise InvalidArgumentError("page_token", "not a page token this server issued")
    if data.get("m") != method or data.get("s") != subject:
        raise InvalidArgumentError("page_token", "the token continues a different list")
    return PageCursor(method, subject, int(data["c"]), str(data.get("x", "")))


def next_token(current: PageCursor, next_cursor: int | None, extra: str | None = None) -> str:
    """The token of the page after ``current``; empty when there is none."""
    if next_cursor is None:
        return ""
    return encode_page_token(
        PageCursor(
            current.method, current.subject, next_cursor, current.extra if extra is None else extra
        )
    )

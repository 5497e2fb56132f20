"""What one simulated webcast message is before it is encoded: its type, body and display key.

Bodies are proto JSON (camelCase field names, enum member names), turned into TikTokLive's
own message classes with ``from_dict`` when the pool is built (``events``), so a field
TikTokLive's schema does not have fails the build instead of silently vanishing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Payload(NamedTuple):
    """One message: ``method`` (TikTok's type name), its body without ``common``, and the
    ``common.display_text.key`` TikTok gives it (how clients tell follows from shares)."""

    method: str
    body: dict[str, Any]
    display_key: str = ""


# A payload builder: variant number -> one message (the same number, the same message).
Builder = Callable[[int], Payload]


def text(key: str, pattern: str) -> dict[str, Any]:
    """A webcast ``Text`` (proto JSON): a display key and its default pattern."""
    return {"key": key, "defaultPattern": pattern}

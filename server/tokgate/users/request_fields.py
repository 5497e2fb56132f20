"""Validation of UserService request fields: every bad field fails before any upstream call."""

from __future__ import annotations

import re

from tokgate.errors.exceptions import InvalidArgumentError

_VIDEO_ID = re.compile(r"^[0-9]{1,25}$")
_HASHTAG = re.compile(r"^#?[^\s#/?&]{1,100}$")
_MAX_QUERY = 100


def page_size(value: int, default: int, maximum: int) -> int:
    """``value`` or ``default`` when unset; InvalidArgumentError outside 0..maximum."""
    if value < 0 or value > maximum:
        raise InvalidArgumentError("page_size", f"must be between 1 and {maximum} (0: default)")
    return value or default


def video_id(value: str) -> str:
    """A TikTok video id: decimal digits."""
    if not _VIDEO_ID.fullmatch(value):
        raise InvalidArgumentError("video_id", f"{value[:40]!r} is not a TikTok video id")
    return value


def hashtag_name(value: str) -> str:
    """A hashtag name without "#"."""
    # Periods alone are no tag but a path step in its URL (tiktok.com/tag/NAME).
    if not _HASHTAG.fullmatch(value) or not value.strip("#."):
        raise InvalidArgumentError("name", f"{value[:40]!r} is not a hashtag name")
    return value.removeprefix("#")


def search_query(value: str) -> str:
    """A non-blank search query of bounded length."""
    stripped = value.strip()
    if not stripped or len(stripped) > _MAX_QUERY:
        raise InvalidArgumentError("query", f"must be 1 to {_MAX_QUERY} characters")
    return stripped

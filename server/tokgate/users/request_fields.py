"""Validation of UserService request fields: every bad field fails before any upstream call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.users.browser import TIKTOK_URL
from tokgate.validation import normalize_unique_id

_VIDEO_ID = re.compile(r"^[0-9]{1,25}$")
# base64url, as TikTok writes them ("MS4wLjABAAAA..."); never a path or a query.
_SEC_UID = re.compile(r"^[A-Za-z0-9_-]{8,200}$")
_VIDEO_PATH = re.compile(r"^/@([^/]+)/video/([0-9]{1,25})/?$")
_SHORT_PATH = re.compile(r"^/t/([A-Za-z0-9]{4,20})/?$")
_TIKTOK_HOSTS = frozenset({"www.tiktok.com", "tiktok.com", "m.tiktok.com"})
_HASHTAG = re.compile(r"^#?[^\s#/?&]{1,100}$")
_MAX_QUERY = 100


def page_size(value: int, default: int, maximum: int) -> int:
    """``value`` or ``default`` when unset; InvalidArgumentError outside 0..maximum."""
    if value < 0 or value > maximum:
        raise InvalidArgumentError("page_size", f"must be between 1 and {maximum} (0: default)")
    return value or default


def video_id(value: str, field: str = "video_id") -> str:
    """A TikTok id (a video's, a comment's, a sound's, a playlist's): decimal digits."""
    if not _VIDEO_ID.fullmatch(value):
        raise InvalidArgumentError(field, f"{value[:40]!r} is not a TikTok id")
    return value


def sec_uid(value: str) -> str:
    """A TikTok sec_uid (base64url)."""
    if not _SEC_UID.fullmatch(value):
        raise InvalidArgumentError("sec_uid", f"{value[:40]!r} is not a TikTok sec_uid")
    return value


@dataclass(frozen=True)
class VideoUrl:
    """What a video URL names: the video and its author, or a short link to follow."""

    video_id: str = ""
    unique_id: str = ""
    short_link: str = ""


def video_url(value: str) -> VideoUrl:
    """``https://www.tiktok.com/@user/video/ID`` (query and fragment ignored) or a short link
    ``https://www.tiktok.com/t/CODE``; anything else is InvalidArgumentError."""
    parts = urlsplit(value.strip())
    found = _VIDEO_PATH.fullmatch(parts.path) if parts.hostname in _TIKTOK_HOSTS else None
    if parts.scheme in ("https", "http") and found is not None:
        return VideoUrl(found.group(2), normalize_unique_id(found.group(1), "url"))
    short = _SHORT_PATH.fullmatch(parts.path) if parts.hostname in _TIKTOK_HOSTS else None
    if parts.scheme in ("https", "http") and short is not None:
        return VideoUrl(short_link=f"{TIKTOK_URL}/t/{short.group(1)}/")
    shown = repr(value) if len(value) <= 80 else f"a {len(value)}-character value"
    raise InvalidArgumentError(
        "url",
        f"{shown} is not a TikTok video URL (https://www.tiktok.com/@user/video/ID or "
        "https://www.tiktok.com/t/CODE)",
    )


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

"""Offset paging of the simulator's TikTok lists: the page a request's ``count`` and
``cursor`` ask for, and the paging fields TikTok answers with, in each list's shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PAGE_SIZE_LIMIT = 35  # TikTokApi asks for 30
VIDEO_PAGE = 30
COMMENT_PAGE = 20
COMMENT_PAGE_LIMIT = 50
MAX_CURSOR = 10_000


@dataclass(frozen=True)
class OffsetPage:
    """Rows ``start`` to ``end`` (exclusive) of a list of ``total``."""

    start: int
    end: int
    total: int

    @classmethod
    def of(
        cls,
        query: Mapping[str, str],
        total: int,
        *,
        size: int = VIDEO_PAGE,
        limit: int = PAGE_SIZE_LIMIT,
    ) -> OffsetPage:
        """The page ``query`` asks for: ``count`` rows (``size`` unless given, at most
        ``limit``) from the offset ``cursor``."""
        count = query_int(query.get("count"), size, 1, limit)
        start = query_int(query.get("cursor"), 0, 0, MAX_CURSOR)
        return cls(start, min(total, start + count), total)

    @property
    def indexes(self) -> range:
        return range(self.start, self.end)

    def item_list(self, items: list[dict[str, Any]]) -> dict[str, Any]:
        """A video list's answer: ``itemList``, ``hasMore``, and the next ``cursor`` as text."""
        return {"itemList": items, "hasMore": self.end < self.total, "cursor": str(self.end)}

    def comment_list(self, comments: list[dict[str, Any]]) -> dict[str, Any]:
        """A comment list's answer: ``has_more`` as 0 or 1, ``cursor`` and ``total`` as
        numbers."""
        return {
            "comments": comments,
            "has_more": int(self.end < self.total),
            "cursor": self.end,
            "total": self.total,
        }


def query_int(raw: str | None, default: int, low: int, high: int) -> int:
    """A query parameter as an int in ``[low, high]``; ``default`` when absent or not a number."""
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        value = default
    return max(low, min(high, value))

"""The room's gift catalogue: what the events send and what ``/webcast/gift/list/`` serves.

One table, so a gift in an event always has an entry of the same id, name, diamonds and
streakability in the list TikTokLive (and tokgate) fetch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tokgate.sim.profiles import CDN


@dataclass(frozen=True, slots=True)
class CatalogueGift:
    """One gift of the catalogue."""

    id: int
    name: str
    diamonds: int
    streakable: bool  # TikTok's "combo" gifts: sent in streaks, repeat_end closes one

    @property
    def type(self) -> int:
        """TikTok's gift type: 1 is a streakable (combo) gift, 2 is not."""
        return 1 if self.streakable else 2

    @property
    def image_url(self) -> str:
        return f"{CDN}/gift/{self.id}.png"


GIFTS = (
    CatalogueGift(5655, "Rose", 1, True),
    CatalogueGift(5269, "TikTok", 1, True),
    CatalogueGift(5879, "Doughnut", 30, True),
    CatalogueGift(6064, "GG", 1, True),
    CatalogueGift(5487, "Finger Heart", 5, True),
    CatalogueGift(6369, "Lion", 29999, False),
    CatalogueGift(7934, "Heart Me", 1, True),
    CatalogueGift(5760, "Weights", 1, True),
)


def image(url: str, size: int = 100) -> dict[str, Any]:
    """An ``ImageModel`` in proto JSON, as TikTok sends images in webcast messages."""
    return {"urlList": [url], "uri": url.rsplit("/", 1)[-1], "width": size, "height": size}


def gift_message_struct(gift: CatalogueGift) -> dict[str, Any]:
    """The ``Gift`` a ``WebcastGiftMessage`` carries (proto JSON)."""
    return {
        "id": gift.id,
        "name": gift.name,
        "diamondCount": gift.diamonds,
        "type": gift.type,
        "combo": gift.streakable,
        "image": image(gift.image_url),
        "describe": f"sent {gift.name}",
    }


def gift_list_entry(gift: CatalogueGift) -> dict[str, Any]:
    """One entry of ``data.gifts`` in ``/webcast/gift/list/`` (TikTok's snake_case JSON)."""
    url_list = [gift.image_url, gift.image_url.replace(".png", ".webp")]
    return {
        "id": gift.id,
        "name": gift.name,
        "diamond_count": gift.diamonds,
        "type": gift.type,
        "combo": gift.streakable,
        "describe": f"sent {gift.name}",
        "duration": 3000 if gift.streakable else 8000,
        "is_displayed_on_panel": True,
        "image": {"url_list": url_list, "uri": f"webcast-va/{gift.id}", "avg_color": "#FFEBEB"},
        "icon": {"url_list": url_list, "uri": f"webcast-va/{gift.id}"},
    }

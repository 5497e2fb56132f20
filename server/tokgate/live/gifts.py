"""A room's gift catalogue: TikTok's gift list read into the contract's ``Gift``s, cached per
broadcast (``gift_cache_*``), and the lookup that fills what a gift event left out.

TikTok's gift messages do not always carry the gift's name, diamonds or image; the catalogue
does. ``fill_gift`` completes a ``GiftEvent`` from a catalogue already held, without I/O, so
the event path never waits for TikTok.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tokgate.bounds import Bounds, declare
from tokgate.cache import LoadingCache
from tokgate.live.room_info import RoomTarget, UpstreamAsk, first_image_url
from tokgate.v1 import live_pb2

if TYPE_CHECKING:
    from tokgate.live.adapter import UpstreamClient

GIFT_CACHE = declare("gift_cache")
_STREAKABLE_GIFT_TYPE = 1  # TikTok's gift type of a combo gift, as TikTokLive reads it


def _gift(entry: Mapping[str, Any]) -> live_pb2.Gift | None:
    """One catalogue entry, or None for one without a numeric id."""
    gift_id = entry.get("id")
    if not isinstance(gift_id, int) or isinstance(gift_id, bool):
        return None
    diamonds = entry.get("diamond_count")
    return live_pb2.Gift(
        id=gift_id,
        name=str(entry.get("name") or ""),
        diamond_count=diamonds if isinstance(diamonds, int) else 0,
        image_url=first_image_url(entry.get("image")),
        streakable=entry.get("type") == _STREAKABLE_GIFT_TYPE,
    )


def gifts_from_tiktok(data: Mapping[str, Any]) -> live_pb2.ListGiftsResponse:
    """The contract's catalogue from TikTok's ``gift/list`` data, in TikTok's order."""
    entries = data.get("gifts")
    gifts = [
        gift
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, Mapping) and (gift := _gift(entry)) is not None
    ]
    return live_pb2.ListGiftsResponse(gifts=gifts)


class Catalogue:
    """One broadcast's gifts; ``completions``: by id, what completes a gift event (name,
    diamonds, image URL), as ``fill_gift`` and the compiled frame call (live/ingest.py) read it."""

    def __init__(self, room_id: str, answer: live_pb2.ListGiftsResponse) -> None:
        self.room_id = room_id
        self.answer = answer
        self.completions: dict[int, tuple[str, int, str]] = {
            gift.id: (gift.name, gift.diamond_count, gift.image_url) for gift in answer.gifts
        }


def fill_gift(event: live_pb2.GiftEvent, catalogue: Catalogue | None) -> None:
    """Complete the name, diamonds and image a gift event left empty, from the catalogue."""
    gift = catalogue.completions.get(event.gift_id) if catalogue is not None else None
    if gift is None:
        return
    name, diamonds, image_url = gift
    if not event.gift_name:
        event.gift_name = name
    if not event.diamond_count:
        event.diamond_count = diamonds
    if not event.image_url:
        event.image_url = image_url


class GiftCache(LoadingCache[str, Catalogue]):
    """Gift catalogues by broadcast (room id), in the one cache (``gift_cache_*``)."""

    def __init__(self, bounds: Bounds, ask: UpstreamAsk) -> None:
        super().__init__(
            GIFT_CACHE,
            bounds,
            size_of=lambda catalogue: catalogue.answer.ByteSize(),
            label="ListGifts",
        )
        self._ask = ask

    async def catalogue(self, target: RoomTarget, fresh: bool = False) -> Catalogue:
        """A broadcast's catalogue (``target.room_id``): held, or fetched once for every
        concurrent caller (``fresh``: fetched anew, see LoadingCache.get)."""

        async def fetch(client: UpstreamClient) -> Catalogue:
            data = await client.fetch_gift_data(target.room_id)
            return Catalogue(target.room_id, gifts_from_tiktok(data))

        return await self.get(target.room_id, lambda: self._ask(target, fetch), fresh=fresh)

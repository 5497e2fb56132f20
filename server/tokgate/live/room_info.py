"""Room info: which broadcast a request names, TikTok's answer read into the contract's
``GetRoomInfoResponse``, and the room-info cache every lookup goes through.

A request names a room by the streamer's username or by a broadcast's room id, exactly one
of them (docs/design/streams.md §2). Room info answers ``GetRoomInfo`` and resolves a room id
to its owner for ``StreamEvents`` and ``ListGifts``; both go through the one cache, so N
concurrent callers cost one upstream request.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tokgate.bounds import Bounds, declare
from tokgate.cache import LoadingCache
from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.v1 import live_pb2
from tokgate.validation import user_key

if TYPE_CHECKING:
    from tokgate.live.adapter import UpstreamClient

T = TypeVar("T")
ROOM_INFO_CACHE = declare("room_info_cache")
ROOM_ID_PATTERN = re.compile(r"^[0-9]{1,20}$")
_LIVE_STATUS = 2  # TikTok's room status of a broadcast that is live
# TikTok's names of the stream URL maps, by the contract's format.
_STREAM_URL_MAPS = (
    ("flv_pull_url", live_pb2.STREAM_FORMAT_FLV),
    ("hls_pull_url_map", live_pb2.STREAM_FORMAT_HLS),
)


@dataclass(frozen=True, slots=True)
class RoomTarget:
    """What a request names: a streamer (normalized username) or a broadcast (room id)."""

    unique_id: str = ""
    room_id: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """The cache key: a broadcast's answer and a streamer's are kept apart."""
        return ("room", self.room_id) if self.room_id else ("user", self.unique_id)


def target_of(unique_id: str, room_id: str) -> RoomTarget:
    """The request's target, or InvalidArgumentError: exactly one of the two must be set."""
    if bool(unique_id) == bool(room_id):
        raise InvalidArgumentError(
            "unique_id", "set exactly one of unique_id (a username) and room_id (a broadcast)"
        )
    if room_id:
        if not ROOM_ID_PATTERN.fullmatch(room_id):
            shown = repr(room_id) if len(room_id) <= 40 else f"a {len(room_id)}-character value"
            raise InvalidArgumentError(
                "room_id", f"{shown} is not a TikTok room id (1 to 20 digits)"
            )
        return RoomTarget(room_id=room_id)
    return RoomTarget(unique_id=user_key(unique_id))


def first_image_url(image: Any) -> str:
    """The first URL of TikTok's image object (``{"url_list": [...]}``), or ""."""
    if isinstance(image, Mapping):
        urls = image.get("url_list")
        if isinstance(urls, list) and urls and isinstance(urls[0], str):
            return urls[0]
    return ""


def _int(value: Any) -> int:
    """A count TikTok sent as a number or a numeric string; 0 when it is neither."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _owner(owner: Mapping[str, Any]) -> live_pb2.LiveUser:
    return live_pb2.LiveUser(
        user_id=str(owner.get("id_str") or owner.get("id") or ""),
        unique_id=str(owner.get("display_id") or ""),
        nickname=str(owner.get("nickname") or ""),
        avatar_url=first_image_url(owner.get("avatar_thumb")),
        follower_count=_int(_mapping(owner.get("follow_info")).get("follower_count")),
    )


def _stream_urls(stream_url: Mapping[str, Any]) -> list[live_pb2.StreamUrl]:
    """One URL per format and quality; a lone HLS playlist is quality "origin"."""
    found: list[live_pb2.StreamUrl] = []
    for name, stream_format in _STREAM_URL_MAPS:
        for quality, url in _mapping(stream_url.get(name)).items():
            if isinstance(url, str) and url:
                found.append(live_pb2.StreamUrl(format=stream_format, quality=quality, url=url))
    hls = stream_url.get("hls_pull_url")
    if isinstance(hls, str) and hls and not _mapping(stream_url.get("hls_pull_url_map")):
        found.append(
            live_pb2.StreamUrl(format=live_pb2.STREAM_FORMAT_HLS, quality="origin", url=hls)
        )
    return found


def room_info_from_tiktok(data: Mapping[str, Any]) -> live_pb2.GetRoomInfoResponse:
    """The contract's room info from TikTok's ``room/info`` data (missing fields stay unset)."""
    owner = _mapping(data.get("owner"))
    stats = _mapping(data.get("stats"))
    info = live_pb2.GetRoomInfoResponse(
        room_id=str(data.get("id_str") or data.get("id") or ""),
        is_live=data.get("status") == _LIVE_STATUS,
        title=str(data.get("title") or ""),
        owner=_owner(owner),
        viewer_count=_int(data.get("user_count")),
        like_count=_int(stats.get("like_count") or data.get("like_count")),
        cover_url=first_image_url(data.get("cover")),
        stream_urls=_stream_urls(_mapping(data.get("stream_url"))),
        age_restricted=bool(_mapping(data.get("age_restricted")).get("restricted")),
        language=str(data.get("lang") or owner.get("language") or ""),
        region=str(data.get("region") or owner.get("region") or ""),
    )
    started = _int(data.get("start_time") or data.get("create_time"))
    if started:
        info.started_at.FromSeconds(started)
    return info


class UpstreamAsk(Protocol):
    """Runs one request on a fresh upstream client for ``target``; a failure reaches the
    caller reported and classified (``ClassifiedFailure``)."""

    def __call__(
        self, target: RoomTarget, request: Callable[[UpstreamClient], Awaitable[T]]
    ) -> Awaitable[T]: ...


class RoomInfoCache(LoadingCache[tuple[str, str], live_pb2.GetRoomInfoResponse]):
    """Room info by target, in the one cache (``room_info_cache_*``)."""

    def __init__(self, bounds: Bounds, ask: UpstreamAsk) -> None:
        super().__init__(
            ROOM_INFO_CACHE, bounds, size_of=lambda info: info.ByteSize(), label="GetRoomInfo"
        )
        self._ask = ask

    async def info(self, target: RoomTarget, fresh: bool = False) -> live_pb2.GetRoomInfoResponse:
        """The target's room info: held, or fetched once for every concurrent caller
        (``fresh``: fetched anew, see LoadingCache.get)."""

        async def fetch(client: UpstreamClient) -> live_pb2.GetRoomInfoResponse:
            return room_info_from_tiktok(await client.fetch_room_data(target.room_id))

        return await self.get(target.key, lambda: self._ask(target, fetch), fresh=fresh)

"""The LIVE HTTP routes TikTokLive reads before it signs and connects.

``/@{user}/live`` (HTML with SIGI_STATE), ``/api-live/user/room/``, and under ``/webcast/``:
``room/check_alive/``, ``room/info/``, ``room/info_by_user/``, ``gift/list/``. Their JSON shapes
are the ones TikTokLive 7.0.1 parses (``client/web/routes``).
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any

from aiohttp import web

from tokgate.sim import profiles
from tokgate.sim.gifts import GIFTS, gift_list_entry
from tokgate.sim.scenarios import LivePage, is_valid_username
from tokgate.sim.state import Room, SimState

LIVE_STATUS = 2  # TikTok's "live" room status
OFFLINE_STATUS = 4
USER_NOT_FOUND_CODE = 19881007  # what api-live/user/room answers for an unknown user


def _extra() -> dict[str, Any]:
    return {"now": int(time.time() * 1000), "log_id": f"{int(time.time() * 1e6):x}sim"}


STREAM_QUALITIES = (("FULL_HD1", "origin"), ("HD1", "hd"), ("SD1", "sd"), ("SD2", "ld"))
ROOM_LIKES = 12_000
ROOM_VIEWERS = 150
ROOM_TOTAL_VIEWERS = 900
UNKNOWN_ROOM_CODE = 4003102  # room info of a room id TikTok never handed out
# ``data.gifts`` of ``/webcast/gift/list/``: the catalogue does not change, so it is built once.
GIFT_LIST = tuple(gift_list_entry(gift) for gift in GIFTS)


def _status(room: Room) -> int:
    return LIVE_STATUS if room.live else OFFLINE_STATUS


def _start_time(room: Room) -> int:
    return room.started if room.live else 0


def _title(room: Room) -> str:
    return f"{room.unique_id} is live (simulated)"


def _live_user(room: Room) -> dict[str, Any]:
    user = profiles.user_struct(room.unique_id)
    return {**user, "roomId": str(room.room_id), "status": _status(room)}  # offline: the last room


def _live_room(room: Room) -> dict[str, Any]:
    return {
        "status": _status(room),
        "title": _title(room),
        "startTime": _start_time(room),
        "liveRoomStats": {"userCount": ROOM_VIEWERS, "enterCount": ROOM_TOTAL_VIEWERS},
    }


@functools.lru_cache(maxsize=1024)
def _room_profile(unique_id: str, room_id: int) -> dict[str, Any]:
    """What room info says of a room that never changes: built once per room, not per request
    (the response is only serialized, never changed)."""
    owner = profiles.user_struct(unique_id)
    stats = profiles.user_stats(unique_id)
    base = f"https://pull-sim.tiktokcdn.com/stage/stream-{room_id}"
    flv = {quality: f"{base}_{suffix}.flv" for quality, suffix in STREAM_QUALITIES}
    hls = {quality: f"{base}_{suffix}/index.m3u8" for quality, suffix in STREAM_QUALITIES}
    return {
        "id": room_id,
        "id_str": str(room_id),
        "user_count": ROOM_VIEWERS,
        "like_count": ROOM_LIKES,
        "cover": {"url_list": [f"{profiles.CDN}/cover/{room_id}.jpeg"]},
        "owner": {
            "id": int(owner["id"]),
            "id_str": owner["id"],
            "display_id": owner["uniqueId"],
            "nickname": owner["nickname"],
            "sec_uid": owner["secUid"],
            "avatar_thumb": {"url_list": [owner["avatarThumb"]]},
            "follow_info": {
                "follower_count": stats["followerCount"],
                "following_count": stats["followingCount"],
            },
        },
        "stats": {
            "total_user": ROOM_TOTAL_VIEWERS,
            "like_count": ROOM_LIKES,
            "enter_count": ROOM_TOTAL_VIEWERS,
        },
        "stream_url": {
            "flv_pull_url": flv,
            "hls_pull_url": hls["FULL_HD1"],
            "hls_pull_url_map": hls,
            "default_resolution": "FULL_HD1",
            "candidate_resolution": [quality for quality, _ in STREAM_QUALITIES],
        },
        "age_restricted": {"restricted": False, "source": 0, "AgeInterval": 0},
        "lang": "en",
        "region": "US",
    }


def room_info_data(room: Room) -> dict[str, Any]:
    """``data`` of ``/webcast/room/info/``: the fields TikTok sends that clients read (title,
    owner, counts, start time, cover, pull URLs by quality, age restriction, language)."""
    started = _start_time(room)
    return {
        **_room_profile(room.unique_id, room.room_id),
        "status": _status(room),
        "title": _title(room),
        "create_time": started,
        "start_time": started,
    }


class WebcastRoutes:
    """Routes of TikTokLive's room lookup."""

    def __init__(self, state: SimState) -> None:
        self._state = state

    async def live_page(self, request: web.Request) -> web.Response:
        """``/@{user}/live``: SIGI_STATE with LiveRoom (absent for a user who cannot stream)."""
        unique_id = request.match_info["unique_id"]
        sigi: dict[str, Any] = {"AppContext": {"appContext": {"region": "US"}}}
        if is_valid_username(unique_id):
            room = self._state.room(unique_id)
            if room.live_page is not LivePage.NOT_FOUND:
                sigi["LiveRoom"] = {
                    "liveRoomUserInfo": {"user": _live_user(room), "liveRoom": _live_room(room)}
                }
        state_json = json.dumps(sigi).replace("</", "<\\/")  # stays inside its <script>
        page = (
            "<!DOCTYPE html><html><head><title>TikTok LIVE</title></head><body>"
            f'<script id="SIGI_STATE" type="application/json">{state_json}</script>'
            "</body></html>"
        )
        return web.Response(text=page, content_type="text/html")

    async def user_room(self, request: web.Request) -> web.Response:
        """``/api-live/user/room/?uniqueId=``."""
        unique_id = request.query.get("uniqueId", "")
        if (
            not is_valid_username(unique_id)
            or self._state.room(unique_id).live_page is LivePage.NOT_FOUND
        ):
            return web.json_response(
                {
                    "data": {},
                    "extra": _extra(),
                    "message": "user_not_found",
                    "statusCode": USER_NOT_FOUND_CODE,
                }
            )
        room = self._state.room(unique_id)
        return web.json_response(
            {
                "data": {"user": _live_user(room), "liveRoom": _live_room(room)},
                "extra": _extra(),
                "message": "",
                "statusCode": 0,
            }
        )

    async def check_alive(self, request: web.Request) -> web.Response:
        """``/webcast/room/check_alive/?room_ids=1,2``."""
        answers = []
        for raw in request.query.get("room_ids", "").split(","):
            if not raw.strip().isdigit():
                continue
            room = self._state.room_by_id(int(raw))
            answers.append(
                {"alive": bool(room and room.live), "room_id": int(raw), "room_id_str": raw.strip()}
            )
        return web.json_response({"data": answers, "extra": _extra(), "status_code": 0})

    async def room_info(self, request: web.Request) -> web.Response:
        """``/webcast/room/info/?room_id=`` and ``/webcast/room/info_by_user/?unique_id=``."""
        room: Room | None
        if "unique_id" in request.query:
            room = (
                self._state.room(request.query["unique_id"])
                if is_valid_username(request.query["unique_id"])
                else None
            )
        else:
            raw = request.query.get("room_id", "")
            room = self._state.room_by_id(int(raw)) if raw.isdigit() else None
        if room is None:
            return web.json_response(
                {
                    "data": {"message": "room not found"},
                    "extra": _extra(),
                    "status_code": UNKNOWN_ROOM_CODE,
                }
            )
        if room.scenario is not None and room.scenario.age_restricted:
            return web.json_response(
                {
                    "data": {"prompts": "This LIVE isn't available to people under 18"},
                    "extra": _extra(),
                    "status_code": 4003110,
                }
            )
        return web.json_response(
            {"data": room_info_data(room), "extra": _extra(), "status_code": 0}
        )

    async def gift_list(self, request: web.Request) -> web.Response:
        """``/webcast/gift/list/``."""
        return web.json_response(
            {"data": {"gifts": list(GIFT_LIST)}, "extra": _extra(), "status_code": 0}
        )

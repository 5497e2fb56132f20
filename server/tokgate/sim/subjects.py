"""Which username an HTTP request is about, so its scenario can apply.

A request names its subject directly (``uniqueId``, ``unique_id``, ``/@user/...``), through an
id the simulator derived from a username (``secUid``, ``room_id``, a video id it served), or
through a name that may itself be a scenario name (a search keyword, a hashtag name).
"""

from __future__ import annotations

from aiohttp import web

from tokgate.sim.state import SimState, unique_id_of_sec_uid


def subject_of(request: web.Request, state: SimState) -> str | None:
    """The username ``request`` is about, or None (trending, gift list, pages)."""
    query = request.query
    named = request.match_info.get("unique_id") or query.get("uniqueId") or query.get("unique_id")
    if named:
        return named.lstrip("@").lower()
    if "secUid" in query:
        return unique_id_of_sec_uid(query["secUid"])
    if "aweme_id" in query:
        return state.video_owners.get(query["aweme_id"])
    if "itemID" in query:
        return state.video_owners.get(query["itemID"])
    if "keyword" in query:
        return query["keyword"].strip().lower()
    if "challengeName" in query:
        return query["challengeName"].strip().lstrip("#").lower()
    if "challengeID" in query:
        return state.hashtags_by_id.get(query["challengeID"])
    room_id = query.get("room_id") or request.match_info.get("room_id")
    if room_id and room_id.isdigit():
        room = state.room_by_id(int(room_id))
        return room.unique_id if room is not None else None
    return None

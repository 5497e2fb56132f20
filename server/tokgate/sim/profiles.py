"""Deterministic TikTok data: users, videos, comments, hashtags, in TikTok's JSON shapes.

Everything is derived from names and indexes with a hash, so every request about the same user
answers the same data, across restarts, without storing anything.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from tokgate.sim.state import room_id_of, sec_uid_of, stable_number, user_id_of

EPOCH = 1_735_689_600  # 2025-01-01: every simulated video is newer
CDN = "https://p16-sign-va.tiktokcdn.com/sim"


def _number(*parts: str, modulo: int) -> int:
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest(), 16) % modulo


def video_count(unique_id: str) -> int:
    """Between 40 and 49: more than one page of 30."""
    return 40 + _number("videos", unique_id, modulo=10)


def user_struct(unique_id: str, private: bool = False) -> dict[str, Any]:
    """``userInfo.user`` of ``/api/user/detail/``."""
    name = unique_id.lower()
    avatar = f"{CDN}/avatar/{name}.jpeg"
    return {
        "id": str(user_id_of(name)),
        "uniqueId": name,
        "nickname": name.replace("_", " ").replace(".", " ").title(),
        "secUid": sec_uid_of(name),
        "avatarThumb": avatar + "?s=100",
        "avatarMedium": avatar + "?s=720",
        "avatarLarger": avatar + "?s=1080",
        "signature": f"Simulated profile of @{name}",
        "verified": _number("verified", name, modulo=5) == 0,
        "privateAccount": private,
        "secret": private,
        "region": "US",
        "language": "en",
        "createTime": EPOCH - 86_400 * (100 + _number("age", name, modulo=2000)),
        "roomId": str(room_id_of(name)),
        "openFavorite": False,
        "ttSeller": False,
    }


def user_stats(unique_id: str) -> dict[str, Any]:
    name = unique_id.lower()
    followers = 1000 + _number("followers", name, modulo=5_000_000)
    return {
        "followerCount": followers,
        "followingCount": _number("following", name, modulo=2000),
        "heart": followers * 12,
        "heartCount": followers * 12,
        "videoCount": video_count(name),
        "diggCount": _number("digg", name, modulo=10_000),
        "friendCount": _number("friends", name, modulo=500),
    }


def video_id(unique_id: str, index: int) -> str:
    return str(stable_number("video", unique_id.lower(), str(index)))


def video_struct(unique_id: str, index: int) -> dict[str, Any]:
    """One ``itemStruct``: index 0 is the newest video of ``unique_id``."""
    name = unique_id.lower()
    vid = video_id(name, index)
    created = EPOCH + 86_400 * (video_count(name) - index) + _number("t", vid, modulo=80_000)
    plays = 1000 + _number("plays", vid, modulo=2_000_000)
    tag = hashtag_name_for(index)
    stats = {
        "diggCount": plays // 9,
        "shareCount": plays // 200,
        "commentCount": plays // 150,
        "playCount": plays,
        "collectCount": plays // 300,
    }
    return {
        "id": vid,
        "desc": f"Video {index + 1} by @{name} #{tag}",
        "createTime": created,
        "author": user_struct(name),
        "authorStats": user_stats(name),
        "music": {
            "id": str(stable_number("music", vid)),
            "title": f"original sound - {name}",
            "authorName": name,
            "original": True,
            "duration": 15 + index % 45,
            "playUrl": f"{CDN}/music/{vid}.mp3",
            "coverLarge": f"{CDN}/music/{vid}.jpeg",
        },
        "stats": stats,
        "statsV2": {key: str(value) for key, value in stats.items()},
        "video": {
            "id": vid,
            "duration": 15 + index % 45,
            "height": 1024,
            "width": 576,
            "ratio": "540p",
            "format": "mp4",
            "cover": f"{CDN}/cover/{vid}.jpeg",
            "playAddr": f"{CDN}/play/{vid}.mp4",
            "downloadAddr": f"{CDN}/download/{vid}.mp4",
        },
        "challenges": [hashtag_struct(tag)],
        "textExtra": [{"hashtagName": tag, "type": 1}],
        "isAd": False,
        "privateItem": False,
        "duetEnabled": True,
        "stitchEnabled": True,
    }


_TAGS = ("fyp", "funny", "music", "dance", "cooking", "travel", "pets", "diy")


def hashtag_name_for(index: int) -> str:
    return _TAGS[index % len(_TAGS)]


def hashtag_id(name: str) -> str:
    return str(stable_number("hashtag", name.lower(), digits=16, lead="1"))


def hashtag_struct(name: str) -> dict[str, Any]:
    return {
        "id": hashtag_id(name),
        "title": name.lower(),
        "desc": f"Videos tagged #{name}",
        "profileLarger": f"{CDN}/tag/{name}.jpeg",
        "isCommerce": False,
    }


def hashtag_stats(name: str) -> dict[str, Any]:
    views = 10_000_000 + _number("views", name.lower(), modulo=10_000_000_000)
    return {"videoCount": 1000 + views // 50_000, "viewCount": views}


def comment_struct(video: str, index: int) -> dict[str, Any]:
    """One comment of ``/api/comment/list/``, written by one of a few simulated viewers."""
    author = f"viewer_{_number('author', video, str(index), modulo=500):03d}"
    return {
        "cid": str(stable_number("comment", video, str(index))),
        "aweme_id": video,
        "text": f"Comment {index + 1} on {video[-4:]}: nice!",
        "create_time": EPOCH + 86_400 * 60 + index * 37,
        "digg_count": _number("likes", video, str(index), modulo=5000),
        "reply_comment_total": _number("replies", video, str(index), modulo=4),
        "user": {
            "uid": str(user_id_of(author)),
            "unique_id": author,
            "sec_uid": sec_uid_of(author),
            "nickname": author.replace("_", " ").title(),
            "avatar_thumb": {"url_list": [f"{CDN}/avatar/{author}.jpeg"]},
        },
        "status": 1,
    }


def comment_total(video: str) -> int:
    return 25 + _number("comments", video, modulo=30)


def search_names(keyword: str, count: int) -> list[str]:
    """Usernames that match ``keyword``: the keyword itself, then numbered variants."""
    base = re.sub(r"[^a-z0-9_.]", "", keyword.lower().replace(" ", "_"))[:20] or "user"
    return [base if index == 0 else f"{base}{index}" for index in range(count)]


PLAYLISTS_PER_USER = 3
VIDEOS_PER_PLAYLIST = 8


def playlist_struct(unique_id: str, index: int) -> dict[str, Any]:
    """One row of ``/api/user/playlist`` (``playList``): the user's videos, in runs of 8."""
    name = unique_id.lower()
    mix = str(stable_number("mix", name, str(index)))
    return {
        "id": mix,
        "name": f"{name} mix {index + 1}",
        "videoCount": VIDEOS_PER_PLAYLIST,
        "cover": f"{CDN}/mix/{mix}.jpeg",
        "creator": user_struct(name),
    }


def share_code(video: str) -> str:
    """The short-link code of a video (``/t/CODE``): its id in base 36, read back by
    ``video_of_share_code``."""
    number, digits = int(video), ""
    while number:
        number, rest = divmod(number, 36)
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + digits
    return digits or "0"


def video_of_share_code(code: str) -> str | None:
    try:
        return str(int(code, 36))
    except ValueError:
        return None

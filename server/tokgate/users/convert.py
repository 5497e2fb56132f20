"""TikTok's JSON (web API shapes, camelCase and snake_case) to tokgate's typed messages.

Only what a client needs: ids, names, counts, timestamps and URLs. Missing or oddly typed
fields become the proto's zero value rather than an error: TikTok omits fields freely.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from tokgate.users.browser import TIKTOK_URL
from tokgate.v1 import users_pb2

Json = Mapping[str, Any]


def _obj(value: Any) -> Json:
    return value if isinstance(value, Mapping) else {}


def _str(data: Json, *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "":
            return str(value)
    return ""


def _int(data: Json, *keys: str) -> int:
    for key in keys:
        value = data.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
    return 0


def _bool(data: Json, *keys: str) -> bool:
    return any(bool(data.get(key)) for key in keys)


def _url(value: Any) -> str:
    """A URL given as a string or as TikTok's ``{"url_list": [...]}``."""
    if isinstance(value, str):
        return value
    urls = _obj(value).get("url_list")
    return str(urls[0]) if isinstance(urls, list) and urls else ""


def _timestamp(seconds: int) -> Timestamp | None:
    if seconds <= 0:
        return None
    stamp = Timestamp()
    stamp.FromSeconds(seconds)
    return stamp


def profile_url(unique_id: str) -> str:
    return f"{TIKTOK_URL}/@{unique_id}"


def video_url(unique_id: str, video_id: str) -> str:
    return f"{TIKTOK_URL}/@{unique_id or '_'}/video/{video_id}"


def user(data: Json, stats: Json | None = None) -> users_pb2.User:
    """A user from a profile (camelCase) or from a comment or search row (snake_case)."""
    unique_id = _str(data, "uniqueId", "unique_id")
    message = users_pb2.User(
        id=_str(data, "id", "uid", "user_id"),
        unique_id=unique_id,
        sec_uid=_str(data, "secUid", "sec_uid"),
        nickname=_str(data, "nickname"),
        signature=_str(data, "signature"),
        avatar_url=_str(data, "avatarLarger", "avatarMedium", "avatarThumb")
        or _url(data.get("avatar_larger") or data.get("avatar_thumb")),
        verified=_bool(data, "verified") or bool(_str(data, "custom_verify")),
        private_account=_bool(data, "privateAccount", "secret", "is_private_account"),
        url=profile_url(unique_id) if unique_id else "",
    )
    if stats is not None:
        message.stats.CopyFrom(user_stats(stats))
    return message


def user_stats(stats: Json) -> users_pb2.UserStats:
    return users_pb2.UserStats(
        follower_count=_int(stats, "followerCount", "follower_count"),
        following_count=_int(stats, "followingCount", "following_count"),
        heart_count=_int(stats, "heartCount", "heart", "total_favorited"),
        video_count=_int(stats, "videoCount", "aweme_count"),
        digg_count=_int(stats, "diggCount", "favoriting_count"),
        friend_count=_int(stats, "friendCount"),
    )


def user_detail(body: Json) -> users_pb2.User:
    """The user of ``/api/user/detail/`` (``userInfo.user`` with ``stats``)."""
    info = _obj(body.get("userInfo"))
    return user(_obj(info.get("user")), _obj(info.get("statsV2")) or _obj(info.get("stats")))


def search_user(row: Json) -> users_pb2.User:
    """A row of ``/api/search/user/full/`` (``user_info``, snake_case, stats inline)."""
    info = _obj(row.get("user_info"))
    return user(info, info)


def video(data: Json) -> users_pb2.Video:
    """An ``itemStruct`` of a list or a video page."""
    author_data = data.get("author")
    author = (
        users_pb2.User(unique_id=author_data, url=profile_url(author_data))
        if isinstance(author_data, str)
        else user(_obj(author_data), _obj(data.get("authorStats")) or None)
    )
    stats = _obj(data.get("statsV2")) or _obj(data.get("stats"))
    media = _obj(data.get("video"))
    music = _obj(data.get("music"))
    video_id = _str(data, "id")
    message = users_pb2.Video(
        id=video_id,
        description=_str(data, "desc"),
        author=author,
        stats=users_pb2.VideoStats(
            play_count=_int(stats, "playCount"),
            like_count=_int(stats, "diggCount"),
            comment_count=_int(stats, "commentCount"),
            share_count=_int(stats, "shareCount"),
            collect_count=_int(stats, "collectCount"),
        ),
        cover_url=_str(media, "cover", "originCover", "dynamicCover"),
        play_url=_str(media, "playAddr", "downloadAddr"),
        url=video_url(author.unique_id, video_id),
        hashtags=_hashtags(data),
        music=users_pb2.Music(
            id=_str(music, "id"),
            title=_str(music, "title"),
            author_name=_str(music, "authorName"),
        ),
    )
    created = _timestamp(_int(data, "createTime"))
    if created is not None:
        message.create_time.CopyFrom(created)
    duration = _int(media, "duration")
    if duration > 0:
        message.duration.CopyFrom(Duration(seconds=duration))
    return message


def _hashtags(data: Json) -> list[str]:
    names = [_str(_obj(c), "title") for c in data.get("challenges") or []]
    names += [_str(_obj(t), "hashtagName") for t in data.get("textExtra") or []]
    unique: dict[str, None] = {name: None for name in names if name}
    return list(unique)


def comment(data: Json, video_id: str) -> users_pb2.Comment:
    """A row of ``/api/comment/list/`` (snake_case)."""
    message = users_pb2.Comment(
        id=_str(data, "cid"),
        video_id=_str(data, "aweme_id") or video_id,
        text=_str(data, "text"),
        author=user(_obj(data.get("user"))),
        like_count=_int(data, "digg_count"),
        reply_count=_int(data, "reply_comment_total"),
    )
    created = _timestamp(_int(data, "create_time"))
    if created is not None:
        message.create_time.CopyFrom(created)
    return message


def hashtag(body: Json) -> users_pb2.Hashtag:
    """The hashtag of ``/api/challenge/detail/`` (``challengeInfo``)."""
    info = _obj(body.get("challengeInfo"))
    challenge = _obj(info.get("challenge"))
    stats = _obj(info.get("statsV2")) or _obj(info.get("stats"))
    name = _str(challenge, "title")
    return users_pb2.Hashtag(
        id=_str(challenge, "id"),
        name=name,
        description=_str(challenge, "desc"),
        video_count=_int(stats, "videoCount"),
        view_count=_int(stats, "viewCount"),
        url=f"{TIKTOK_URL}/tag/{name}" if name else "",
    )


def sound(body: Json) -> users_pb2.Sound:
    """The sound of ``/api/music/detail/`` (``musicInfo.music``, ``musicInfo.stats``)."""
    info = _obj(body.get("musicInfo"))
    music = _obj(info.get("music"))
    message = users_pb2.Sound(
        id=_str(music, "id"),
        title=_str(music, "title"),
        author_name=_str(music, "authorName"),
        original=_bool(music, "original"),
        play_url=_url(music.get("playUrl")),
        cover_url=_str(music, "coverLarge", "coverMedium", "coverThumb"),
        video_count=_int(_obj(info.get("stats")), "videoCount"),
    )
    duration = _int(music, "duration")
    if duration > 0:
        message.duration.CopyFrom(Duration(seconds=duration))
    return message


def playlist(data: Json) -> users_pb2.Playlist:
    """A row of ``/api/user/playlist`` (``playList``: ``id``/``mixId``, ``name``/``mixName``)."""
    return users_pb2.Playlist(
        id=_str(data, "id", "mixId"),
        name=_str(data, "name", "mixName"),
        video_count=_int(data, "videoCount"),
        creator=user(_obj(data.get("creator"))),
        cover_url=_url(data.get("cover")),
    )

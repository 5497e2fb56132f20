"""The people of a simulated LIVE: viewers (as webcast ``User`` structs) and battle rivals.

Each viewer carries what TikTok sends about a user in a busy room: follow info (follower and
following counts, follow status towards the streamer), gifter level (``pay_grade``), moderator and
subscriber flags, and the badges that show them and the fan club level (scene type with the
level in ``privilege_log_extra``). Values are fixed per viewer, so events are deterministic.
``fans_club`` is left out: TikTokLive 7.0.1 cannot turn a user carrying it into its
``ExtendedUser`` (pydantic fails to resolve ``FansClubData``'s status enum), and every event
with such a user would be lost.
"""

from __future__ import annotations

from typing import Any

from tokgate.sim import profiles
from tokgate.sim.gifts import image
from tokgate.sim.profiles import CDN

VIEWER_NAMES = (
    "mila_rose",
    "jonas.k",
    "ayo_dara",
    "lena_v",
    "kenji_88",
    "sofia.m",
    "tobi_t",
    "nora_b",
    "raj.patel",
    "elif_s",
    "max_power",
    "ines_l",
    "oluwa_f",
    "clara.j",
    "dev_null",
    "yuki_h",
)
# The other streamer of a link-mic battle.
RIVAL_NAME = "rival_rae"
FIRST_USER_ID = 6_900_000_000_000_000_000
FOLLOW_NONE, FOLLOW_FOLLOWING, FOLLOW_FRIENDS = 0, 1, 2  # FollowInfo.follow_status


def user_id(index: int) -> int:
    return FIRST_USER_ID + index * 7919


def nickname(name: str) -> str:
    return name.replace("_", " ").replace(".", " ").title()


def _badge(scene: str, level: int, url: str) -> dict[str, Any]:
    return {
        "displayType": "IMAGE",
        "sceneType": scene,
        "display": True,
        "privilegeLogExtra": {"level": str(level), "privilegeId": f"sim-{scene.lower()}"},
        "image": {"displayType": "IMAGE", "image": image(url, 32)},
    }


def viewer(index: int) -> dict[str, Any]:
    """Viewer ``index`` as a webcast ``User`` (proto JSON)."""
    name = VIEWER_NAMES[index % len(VIEWER_NAMES)]
    gifter_level = 1 + index * 3 % 40
    fan_level = index % 5 * 4  # 0: not in the fan club
    moderator = index % 8 == 3
    subscriber = index % 4 == 1
    badges = [_badge("USER_GRADE", gifter_level, f"{CDN}/badge/grade_{gifter_level}.png")]
    if fan_level:
        badges.append(_badge("FANS", fan_level, f"{CDN}/badge/fans_{fan_level}.png"))
    if subscriber:
        badges.append(_badge("SUBSCRIBER", 1 + index % 12, f"{CDN}/badge/sub.png"))
    if moderator:
        badges.append(_badge("ADMIN", 0, f"{CDN}/badge/moderator.png"))
    if index == 0:
        badges.append(_badge("BADGE_SCENE_TYPE_RANK_LIST", 0, f"{CDN}/badge/top_gifter_1.png"))
    identifier = user_id(index)
    return {
        "id": str(identifier),
        "idStr": str(identifier),
        "nickname": nickname(name),
        "displayId": name,
        "secUid": f"MS4wLjABAAAAsim{index:04d}",
        "avatarThumb": image(f"{CDN}/avatar/{name.replace('.', '_')}.jpeg"),
        "followInfo": {
            "followingCount": 40 + index * 13,
            "followerCount": 120 + index * index * 97,
            "followStatus": index % 3,  # none, following, friends
        },
        "payGrade": {"level": gifter_level, "name": f"Lv.{gifter_level}"},
        "userAttr": {"isAdmin": moderator},
        "isSubscribe": subscriber,
        "subscribeInfo": {"isSubscribe": subscriber, "qualification": True},
        "badgeList": badges,
    }


def rival() -> dict[str, Any]:
    """The other streamer of a battle, as a webcast ``User``."""
    identifier = FIRST_USER_ID + 999_983
    return {
        "id": str(identifier),
        "idStr": str(identifier),
        "nickname": nickname(RIVAL_NAME),
        "displayId": RIVAL_NAME,
        "secUid": "MS4wLjABAAAAsimrival",
        "avatarThumb": image(f"{CDN}/avatar/{RIVAL_NAME}.jpeg"),
        "followInfo": {"followingCount": 310, "followerCount": 284_000, "followStatus": 0},
    }


def streamer(unique_id: str) -> dict[str, Any]:
    """The owner of the room of ``unique_id``, as a webcast ``User``: the profile the web
    routes give that user (``profiles.user_struct``)."""
    profile = profiles.user_struct(unique_id)
    return {
        "id": profile["id"],
        "idStr": profile["id"],
        "nickname": profile["nickname"],
        "displayId": profile["uniqueId"],
        "secUid": profile["secUid"],
        "avatarThumb": image(profile["avatarThumb"].split("?", 1)[0]),
        "followInfo": {"followingCount": 180, "followerCount": 152_000, "followStatus": 0},
    }

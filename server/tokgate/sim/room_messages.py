"""Payloads of the messages a busy room sends: chat, likes, joins, gifts, social actions,
subscriptions, questions, emotes, barrages, treasure chests, polls, goals, ranks, pins,
captions, the LIVE intro and pause/unpause.

Each builder takes a variant number and answers the same message for the same number, with
the fields a real one has (users as ``viewers.viewer``, gifts from ``gifts.GIFTS``).
"""

from __future__ import annotations

from typing import Any

from tokgate.sim.gifts import GIFTS, CatalogueGift, gift_message_struct, image
from tokgate.sim.payloads import Payload, text
from tokgate.sim.profiles import CDN
from tokgate.sim.viewers import VIEWER_NAMES, nickname, user_id, viewer

COMMENTS = (
    "hello from Berlin!",
    "love this stream",
    "what song is this?",
    "first time here",
    "🔥🔥🔥",
    "can you say hi to me?",
    "how long have you been live?",
    "gg",
    "haha",
    "this is so relaxing",
    "where did you get that?",
    "👋👋",
    "respect",
    "lol",
    "again!",
    "you're the best",
)
QUESTIONS = (
    "what camera do you use?",
    "when is the next LIVE?",
    "how did you learn to do this?",
    "can you play my request?",
)
STREAM_PAUSED, STREAM_UNPAUSED, STREAM_ENDED = 1, 2, 3  # ControlAction
SOCIAL_FOLLOW, SOCIAL_SHARE, SOCIAL_REPOST = 1, 3, 5  # WebcastSocialMessage.action
GIFT_GROUP_BASE = 1_700_000_000_000


def chat(n: int) -> Payload:
    return Payload(
        "WebcastChatMessage",
        {"user": viewer(n), "content": COMMENTS[n % len(COMMENTS)], "contentLanguage": "en"},
    )


def like(n: int) -> Payload:
    body = {"user": viewer(n), "count": 1 + n * 7 % 15, "total": 1000 + n * 37}
    return Payload("WebcastLikeMessage", body, "pm_mt_msg_viewer")


def join(n: int) -> Payload:
    body = {"user": viewer(n), "memberCount": 200 + n, "action": "JOINED", "userId": user_id(n)}
    return Payload("WebcastMemberMessage", body, "live_room_enter_toast")


def subscribe(n: int) -> Payload:
    """A subscription as TikTok announces it: a member message with the SUBSCRIBED action."""
    body = {
        "user": viewer(n),
        "memberCount": 200 + n,
        "action": "SUBSCRIBED",
        "userId": user_id(n),
        "actionDescription": "subscribed",
        "liveSubOnlyMonth": 1 + n % 12,
    }
    return Payload("WebcastMemberMessage", body, "pm_mt_msg_viewer_subscribe")


def sub_notify(n: int) -> Payload:
    body = {
        "user": viewer(n),
        "exhibitionType": "PUBLIC_SCREEN",
        "subMonth": 1 + n % 12,
        "subscribeType": "AUTO" if n % 2 else "ONCE",
        "oldSubscribeStatus": "RESUB" if n % 3 else "FIRST",
        "messageType": "SUB_SUCCESS",
        "subscribingStatus": "CIRCLE" if n % 2 else "SUBSCRIBING_STATUS_ONCE",
        "isSend": True,
    }
    return Payload("WebcastSubNotifyMessage", body, "ttlive_sub_notify_success")


SUB_NOTICES = (
    ("ENTER_ROOM_EXPIRE_SOON", "ttlive_sub_notify_expire_soon"),
    ("SUB_GOAL_COMPLETE_TO_AUDIENCE", "ttlive_sub_notify_goal_complete"),
    ("SUB_GIFTS_END_SUCCEED_ROOM_MESSAGE", "ttlive_sub_notify_gifts_sent"),
)


def sub_notice(n: int) -> Payload:
    """A subscription notice that is not a new subscription (any ``messageType`` but
    SUB_SUCCESS): a subscription about to expire, a sub goal reached, gifted subs sent."""
    message_type, key = SUB_NOTICES[n % len(SUB_NOTICES)]
    body = {
        "user": viewer(n),
        "exhibitionType": "PUBLIC_SCREEN",
        "subMonth": 1 + n % 12,
        "messageType": message_type,
        "subscribingStatus": "CIRCLE",
    }
    return Payload("WebcastSubNotifyMessage", body, key)


def follow(n: int) -> Payload:
    body = {"user": viewer(n), "action": SOCIAL_FOLLOW, "followCount": 5000 + n}
    return Payload("WebcastSocialMessage", body, "pm_main_follow_message_viewer_2")


def share(n: int) -> Payload:
    body = {"user": viewer(n), "action": SOCIAL_SHARE, "shareType": 1, "shareCount": n + 1}
    return Payload("WebcastSocialMessage", body, "pm_mt_guidance_share")


def repost(n: int) -> Payload:
    """A social action that is neither a follow nor a share (TikTokLive: plain SocialEvent)."""
    body = {"user": viewer(n), "action": SOCIAL_REPOST, "shareTarget": "repost"}
    return Payload("WebcastSocialMessage", body, "pm_mt_live_repost")


def viewers(n: int) -> Payload:
    ranks = [
        {"user": viewer(n + rank), "score": 900 - rank * 250, "rank": rank + 1} for rank in range(3)
    ]
    body = {"total": 150 + n * 11, "totalUser": 900 + n, "ranks": ranks, "popularity": 3000 + n}
    return Payload("WebcastRoomUserSeqMessage", body)


def gift_message(
    gift: CatalogueGift,
    sender: dict[str, Any],
    count: int,
    group_id: int,
    *,
    streak_ended: bool = True,
    to_user: dict[str, Any] | None = None,
) -> Payload:
    """A ``WebcastGiftMessage``: ``gift`` sent ``count`` times so far in streak ``group_id``
    (to the room's streamer, or ``to_user`` in a battle)."""
    body = {
        "giftId": gift.id,
        "user": sender,
        "gift": gift_message_struct(gift),
        "repeatCount": count,
        "comboCount": count,
        "groupId": group_id,
        "repeatEnd": int(streak_ended),
    }
    if to_user is not None:
        body["toUser"] = to_user
    return Payload("WebcastGiftMessage", body)


def gift_streak(n: int, length: int) -> list[Payload]:
    """A combo gift sent ``length`` times: repeat_end 0 until the last message."""
    gift = GIFTS[n % len(GIFTS)]
    return [
        gift_message(gift, viewer(n), step, GIFT_GROUP_BASE + n, streak_ended=step == length)
        for step in range(1, length + 1)
    ]


def gift(n: int) -> Payload:
    """A single gift (a streak of one)."""
    return gift_streak(n, 1)[0]


def emote_chat(n: int) -> Payload:
    emote_id = f"72{n % 5:02d}4185163069311750"
    emote = {
        "emoteId": emote_id,
        "image": image(f"{CDN}/emote/{emote_id}.png", 64),
        "emoteType": "EMOTE_TYPE_NORMAL",
        "auditStatus": "PASS",
    }
    return Payload("WebcastEmoteChatMessage", {"user": viewer(n), "emoteList": [emote]})


def question(n: int) -> Payload:
    data = {
        "questionId": 7_400_000_000_000_000_000 + n,
        "content": QUESTIONS[n % len(QUESTIONS)],
        "user": viewer(n),
        "createTime": 1_717_200_000 + n,
    }
    return Payload("WebcastQuestionNewMessage", {"data": data})


def barrage(n: int) -> Payload:
    """A barrage banner: a fan-level upgrade, a gifter-level entrance, or a super-fan one
    (``ttlive_superfan`` in ``content.key``, where TikTok and TikTok-Live-Connector put it)."""
    name = nickname(VIEWER_NAMES[n % len(VIEWER_NAMES)])
    kinds = (
        ("FANS_LEVEL_UPGRADE", "ttlive_fans_level_upgrade", "{0:user} reached fan level 8"),
        ("GRADE_USER_ENTRANCE_NOTIFICATION", "ttlive_grade_entrance", "{0:user} joined"),
        ("NORMAL", "ttlive_superfan_commentnotif_becamesuperfan", "{0:user} is a super fan"),
        ("NORMAL", "ttlive_superfan_commentnotif_superfanjoined", "super fan {0:user} joined"),
    )
    msg_type, key, pattern = kinds[n % len(kinds)]
    body = {
        "user": viewer(n),
        "msgType": msg_type,
        "content": text(key, pattern.replace("{0:user}", name)),
        "commonBarrageContent": text(key, pattern),
        "duration": 5000,
        "icon": image(f"{CDN}/barrage/{key}.png", 48),
    }
    return Payload("WebcastBarrageMessage", body)


def envelope(n: int) -> Payload:
    """A treasure chest; every third one a super-fan box (business type 19)."""
    sender = viewer(n)
    super_fan_box = n % 3 == 2
    info = {
        "envelopeId": f"74{n:017d}",
        "businessType": 19 if super_fan_box else 1,
        "sendUserName": sender["nickname"],
        "sendUserId": sender["id"],
        "sendUserAvatar": sender["avatarThumb"],
        "diamondCount": 100 * (1 + n % 5),
        "peopleCount": 10 + n % 20,
        "unpackAt": 1_717_200_180 + n,
        "createAt": str(1_717_200_000 + n),
    }
    key = "ttlive_superfanbox_public" if super_fan_box else "pm_mt_red_envelope"
    return Payload("WebcastEnvelopeMessage", {"envelopeInfo": info, "display": "NEW"}, key)


def poll(n: int) -> list[Payload]:
    """A poll's life: start, a vote update, end."""
    poll_id = 7_410_000_000_000_000_000 + n
    title = ("Next song?", "Which outfit?", "Stay up late?")[n % 3]
    options = ("this one", "that one")

    def option_list(votes: tuple[int, int]) -> list[dict[str, object]]:
        return [
            {"optionIdx": index, "displayContent": label, "votes": votes[index]}
            for index, label in enumerate(options)
        ]

    basic = {"pollIdStr": str(poll_id), "title": title, "pollDuration": 60, "userCnt": 0}
    start = {
        "startTime": 1_717_200_000,
        "endTime": 1_717_200_060,
        "title": title,
        "optionList": option_list((0, 0)),
    }
    return [
        Payload(
            "WebcastPollMessage",
            {"messageType": 0, "pollId": poll_id, "startContent": start, "pollBasicInfo": basic},
        ),
        Payload(
            "WebcastPollMessage",
            {
                "messageType": 2,
                "pollId": poll_id,
                "updateVotesContent": {"optionList": option_list((7 + n, 4))},
                "pollBasicInfo": {**basic, "userCnt": 11 + n},
            },
        ),
        Payload(
            "WebcastPollMessage",
            {
                "messageType": 1,
                "pollId": poll_id,
                "endContent": {"endType": "POLL_END_BY_TIME", "optionList": option_list((12, 9))},
                "pollBasicInfo": {**basic, "userCnt": 21 + n},
            },
        ),
    ]


def goal_update(n: int) -> Payload:
    contributor = viewer(n)
    target = 500
    progress = 120 + n * 37 % (target - 120)
    goal = {
        "id": 7_420_000_000_000_000_000,
        "idStr": "7420000000000000000",
        "description": "Roses for a new song",
        "status": 1,
        "subGoals": [
            {"type": 1, "id": 5655, "idStr": "5655", "progress": progress, "target": target}
        ],
        "contributors": [
            {"userId": contributor["id"], "displayId": contributor["displayId"], "score": 5}
        ],
    }
    body = {
        "goal": goal,
        "contributorId": contributor["id"],
        "contributorIdStr": contributor["id"],
        "contributorDisplayId": contributor["displayId"],
        "contributeCount": 1 + n % 5,
        "contributeScore": 5,
    }
    return Payload("WebcastGoalUpdateMessage", body)


def rank_update(n: int) -> Payload:
    own_rank = 1 + n * 7 % 50
    update = {
        "rankType": "TYPE_HOURLY_RANK" if n % 2 else "TYPE_WEEKLY_RANK",
        "ownRank": own_rank,
        "defaultContent": text("ttlive_rank_update", f"No. {own_rank} in LIVE ranking"),
        "currentScore": 10_000 - own_rank * 97,
    }
    return Payload("WebcastRankUpdateMessage", {"updates": [update], "rankPriority": 1})


def hourly_rank(n: int) -> Payload:
    winner = viewer(n)
    notify = {
        "content": f"{winner['nickname']} is in the top 3 of the hourly ranking",
        "notifyType": 1,
        "user": winner,
    }
    return Payload(
        "WebcastHourlyRankRewardMessage",
        {"winners": [{"userId": winner["id"], "assetId": 101 + n % 3, "notify": notify}]},
    )


def room_pin(n: int) -> Payload:
    """The streamer pins a viewer's comment."""
    pinned = chat(n).body
    body = {
        "chatMessage": {
            **pinned,
            "common": {"method": "WebcastChatMessage", "msgId": 7_430_000_000_000 + n},
        },
        "method": "WebcastChatMessage",
        "pinTime": 1_717_200_000 + n,
        "action": "PIN",
        "displayDuration": 60,
        "pinMsgId": 7_430_000_000_000 + n,
    }
    return Payload("WebcastRoomPinMessage", body)


def caption(n: int) -> Payload:
    lines = (
        ("welcome everyone to the stream", "bienvenidos a todos"),
        ("thank you for the roses", "gracias por las rosas"),
        ("let's get started", "empecemos"),
    )
    english, spanish = lines[n % len(lines)]
    body = {
        "timestampMs": 1_717_200_000_000 + n * 1500,
        "durationMs": 1500,
        "content": [{"lang": "en", "content": english}, {"lang": "es", "content": spanish}],
        "sentenceId": n,
        "sequenceId": n,
        "definite": True,
    }
    return Payload("WebcastCaptionMessage", body)


def live_intro(n: int) -> Payload:
    body = {
        "id": 7_440_000_000_000_000_000 + n,
        "content": "Chill music and chat every evening. Be kind!",
        "auditStatus": 1,
        "contentLanguage": "en",
        "introMode": 1,
    }
    return Payload("WebcastLiveIntroMessage", body)


def control(action: int) -> Payload:
    """A control message: pause, unpause or the end of the LIVE (``ControlAction``)."""
    tips = {STREAM_PAUSED: "LIVE paused", STREAM_UNPAUSED: "LIVE resumed", STREAM_ENDED: ""}
    return Payload("WebcastControlMessage", {"action": action, "tips": tips[action]})


def pause() -> list[Payload]:
    """The streamer pauses, then resumes: the stream goes on after both."""
    return [control(STREAM_PAUSED), control(STREAM_UNPAUSED)]

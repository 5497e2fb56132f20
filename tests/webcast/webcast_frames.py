"""Webcast frames built with TikTokLive's own protobuf classes, for the decode tests and bench.

A deterministic, realistic mix of what a busy room sends: comments, likes, joins, viewer counts,
gift streaks (in progress, then ended) and non-streakable gifts, follows and shares (social
messages told apart by their display text), a social message that is neither, rank updates; then,
once each or in their phases, what overlays react to: a question, a link-mic battle (invite,
start, armies, finish), emotes, treasure chests (a super fan box among them), a subscription and
a subscription notice, a poll (start, votes, end), a goal's progress, an hourly ranking, a pin,
captions, the LIVE's intro, banners (a super fan's among them); a pause and its end, message
types tokgate does not type (one TikTokLive knows, one it does not), and finally the control
message that ends the LIVE. Viewers carry what TikTok sends about them: avatars, follow info and
badges (moderator, subscriber, fan club and gifter levels, top gifter on some).
Loaded by file path (tests/ is not a package): see conftest.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import TikTokLive.proto as tl
from TikTokLiveProto.v3.webcast.model.base import emoji
from TikTokLiveProto.v3.webcast.model.gift import model as goal
from TikTokLiveProto.v3.webcast.model.live import match
from TikTokLiveProto.v3.webcast.model.message import battle, redenvelope
from TikTokLiveProto.v3.webcast.model.message import common as text
from tokgate.webcast.v1alpha import webcast_pb2

ROOM_ID = 7_300_000_000_000_000_001
TEXT = tl.CommonMessageData._betterproto.cls_by_field["display_text"]  # TikTok's Text message
FOLLOW_DISPLAY_TYPE = "pm_main_follow_message_viewer_2"
SHARE_DISPLAY_TYPE = "pm_mt_guidance_share"
OTHER_SOCIAL_DISPLAY_TYPE = "pm_mt_guidance_viewer_favorite"
UNKNOWN_METHOD = "WebcastTokgateFutureMessage"  # a type neither TikTokLive nor tokgate knows
UNTYPED_METHOD = "WebcastLinkMessage"  # a type TikTokLive knows and tokgate does not type
SUPER_FAN_DISPLAY_TYPE = "ttlive_superfan_commentnotif_becamesuperfan"
SUPER_FAN_JOINED_DISPLAY_TYPE = "ttlive_superfan_commentnotif_superfanjoined"
SUPER_FAN_BOX_DISPLAY_TYPE = "ttlive_superfanbox_sent"
BATTLE_ID = 7_400_000_000_000_000_001
HOST_IDS = (6_900_000_000_000_000_001, 6_900_000_000_000_000_002)


@dataclass(frozen=True)
class WebcastMessage:
    """One message as it travels in a ProtoMessageFetchResult: its type name and payload."""

    method: str
    payload: bytes


def _badge(scene: Any, level: int, image_url: str = "", label: str = "") -> Any:
    """A badge as TikTok sends one: a scene, a level in its privilege extra, an image or a text."""
    return tl.BadgeStruct(
        scene_type=scene,
        privilege_log_extra=tl.PrivilegeLogExtra(level=str(level)) if level else None,
        image=tl.ImageBadge(image=tl.ImageModel(url_list=[image_url])) if image_url else None,
        text=tl.TextBadge(default_pattern=label) if label else None,
        openweburl="sslocal://webcast_lynxview_popup",
    )


def _user(rng: random.Random, index: int) -> Any:
    """A viewer as TikTok sends one: avatars, badges, follow info, not just an id."""
    avatar = tl.ImageModel(
        url_list=[
            f"https://p16-sign.tiktokcdn.com/avatar/{index}/{size}.webp" for size in (100, 720)
        ],
        uri=f"tos-maliva-avt-0068/{index}",
        width=100,
        height=100,
    )
    scenes = tl.BadgeSceneType
    badges = [
        _badge(
            scenes.USER_GRADE, 10 + index, f"https://p16-webcast.tiktokcdn.com/grade_{index}.png"
        )
    ]
    if index % 3 == 0:
        badges.append(_badge(scenes.FANS, 1 + index % 20, label=f"Team {index}"))
    if index % 4 == 1:
        badges.append(_badge(scenes.SUBSCRIBER, 0, "https://p16-webcast.tiktokcdn.com/sub.png"))
    if index == 2:
        badges.append(_badge(scenes.ADMIN, 0, "https://p16-webcast.tiktokcdn.com/admin.png"))
    if index == 5:
        top = "https://p16-webcast.tiktokcdn.com/ranklist_top_gifter_2.png"
        badges.append(_badge(scenes.BADGE_SCENE_TYPE_RANK_LIST, 0, top))
    return tl.User(
        id=6_800_000_000_000_000_000 + index,
        id_str=str(6_800_000_000_000_000_000 + index),
        nickname=f"Viewer {index} ✨",
        display_id=f"viewer_{index}",
        sec_uid=f"MS4wLjABAAAA{rng.getrandbits(64):016x}",
        avatar_thumb=avatar,
        avatar_medium=avatar,
        follow_info=tl.FollowInfo(
            following_count=rng.randrange(1000),
            follower_count=rng.randrange(100_000),
            follow_status=index % 3,
        ),
        badge_list=badges,
    )


def _common(method: str, msg_id: int, display_type: str = "") -> Any:
    return tl.CommonMessageData(
        method=method,
        msg_id=msg_id,
        room_id=ROOM_ID,
        create_time=1_763_000_000_000 + msg_id,
        is_show_msg=True,
        display_text=TEXT(key=display_type, default_pattern="{0:user} did something")
        if display_type
        else None,
    )


def _gift(gift_id: int, name: str, gift_type: int, diamonds: int) -> Any:
    return tl.Gift(
        id=gift_id,
        name=name,
        type=gift_type,
        diamond_count=diamonds,
        combo=gift_type == 1,
        image=tl.ImageModel(url_list=[f"https://p19-webcast.tiktokcdn.com/gift/{gift_id}.png"]),
        describe=f"sent {name}",
    )


def build_messages(seed: int = 7, busy_rounds: int = 3) -> list[WebcastMessage]:
    """The mix, in the order a room would send it; ends with the LIVE's end.

    `busy_rounds` of the frequent messages (25 each), then the overlay types once or in their
    phases (25): more rounds bring the overlay types towards their share in a real room.
    """
    rng = random.Random(seed)
    users = [_user(rng, index) for index in range(12)]
    rose, lion = _gift(5655, "Rose", 1, 1), _gift(6369, "Lion", 2, 29999)
    messages: list[WebcastMessage] = []

    def add(message_class: Any, display_type: str = "", **fields: Any) -> None:
        # No local may be named like a schema module: pydantic resolves the classes' forward
        # references in this frame's namespace on first use (a local `common` breaks it).
        method = message_class.__name__
        header = _common(method, len(messages) + 1, display_type)
        messages.append(WebcastMessage(method, bytes(message_class(common=header, **fields))))

    total_likes = 0
    for round_ in range(busy_rounds):
        for user in users[:4]:
            add(tl.WebcastMemberMessage, user=user, member_count=100 + round_, action=1)
        for user in users[2:8]:
            text = f"hello from {user.display_id}, round {round_} 🌹"
            add(tl.WebcastChatMessage, user=user, content=text, content_language="en")
        if round_ == 0:
            messages.append(WebcastMessage(UNKNOWN_METHOD, b"\x08\x01\x12\x05hello"))
        for user in users[5:10]:
            count = rng.randrange(1, 16)
            total_likes += count
            add(tl.WebcastLikeMessage, user=user, count=count, total=total_likes)
        for repeat in range(1, 4):  # a streak: in progress twice, then its end
            add(
                tl.WebcastGiftMessage,
                user=users[round_],
                gift_id=rose.id,
                gift=rose,
                repeat_count=repeat,
                repeat_end=int(repeat == 3),
                group_id=1_700_000_000_000 + round_,
                combo_count=repeat,
            )
        add(tl.WebcastGiftMessage, user=users[11], gift_id=lion.id, gift=lion, repeat_count=1)
        for display_type, user in (
            (FOLLOW_DISPLAY_TYPE, users[8]),
            (SHARE_DISPLAY_TYPE, users[9]),
            (OTHER_SOCIAL_DISPLAY_TYPE, users[10]),
        ):
            add(tl.WebcastSocialMessage, display_type, user=user, action=1, follow_count=1000)
        add(tl.WebcastRoomUserSeqMessage, total=1500 + round_, total_user=90_000, popularity=1234)
        add(tl.WebcastRankUpdateMessage, rank_priority=3)
    _add_overlay_messages(add, users)
    add(tl.WebcastControlMessage, action=tl.ControlAction.STREAM_PAUSED)
    add(tl.WebcastControlMessage, action=tl.ControlAction.STREAM_UNPAUSED)
    add(tl.WebcastControlMessage, action=tl.ControlAction.STREAM_ENDED)
    return messages


def _image(url: str) -> Any:
    return tl.ImageModel(url_list=[url])


def _add_overlay_messages(add: Any, users: list[Any]) -> None:
    """One of each type an overlay reacts to, or its phases (battle, poll, chests)."""
    add(
        tl.WebcastQuestionNewMessage,
        data=tl.Question(
            question_id=91, content="What song is this?", create_time=1_763_000_100, user=users[3]
        ),
    )
    hosts = {
        host_id: battle.BattleUserInfoWrapper(
            key=host_id,
            value=match.BattleUserInfo(
                user=match.BattleBaseUserInfo(
                    user_id=host_id,
                    nick_name=f"Host {number}",
                    display_id=f"host_{number}",
                    avatar_thumb=_image(f"https://p16-sign.tiktokcdn.com/host/{number}.webp"),
                )
            ),
        )
        for number, host_id in enumerate(HOST_IDS, 1)
    }
    settings = battle.BattleSetting(
        battle_id=BATTLE_ID, start_time_ms=1_763_000_200_000, duration=300
    )
    actions = tl.LinkMicBattleBattleAction
    for action in (actions.INVITE, actions.OPEN):
        add(
            tl.WebcastLinkMicBattle,
            battle_id=BATTLE_ID,
            battle_settings=settings,
            action=action,
            anchors_info=list(hosts.values()),
        )
    for round_ in range(2):
        add(
            tl.WebcastLinkMicArmies,
            battle_id=BATTLE_ID,
            armies={
                host_id: battle.BattleUserArmies(
                    hostscore=(100 + number * 50) * (round_ + 1),
                    anchor_id_str=str(host_id),
                    user_armies=[
                        battle.BattleUserArmy(
                            user_id=users[viewer].id,
                            user_id_str=str(users[viewer].id),
                            nickname=users[viewer].nickname,
                            score=score * (round_ + 1),
                            avatar_thumb=users[viewer].avatar_thumb,
                        )
                        for viewer, score in ((number, 20), (number + 2, 80))
                    ],
                )
                for number, host_id in enumerate(HOST_IDS, 1)
            },
        )
    add(
        tl.WebcastLinkMicBattle,
        battle_id=BATTLE_ID,
        battle_settings=settings,
        action=actions.FINISH,
        anchors_info=list(hosts.values()),
        battle_result={
            HOST_IDS[0]: battle.BattleResult(
                user_id=HOST_IDS[0], result=tl.BattleResultResult.LOSE, score=300
            ),
            HOST_IDS[1]: battle.BattleResult(
                user_id=HOST_IDS[1], result=tl.BattleResultResult.WIN, score=400
            ),
        },
    )
    add(
        tl.WebcastEmoteChatMessage,
        user=users[1],
        emote_list=[
            emoji.EmoteModel(emote_id=f"emote_{n}", image=_image(f"https://e.tiktok/e{n}.png"))
            for n in (1, 2)
        ],
        user_identity=tl.UserIdentity(is_subscriber_of_anchor=True, is_follower_of_anchor=True),
    )
    for display_type, business_type in (
        ("", tl.EnvelopeBusinessType.BUSINESS_TYPE_USER_DIAMOND),
        (SUPER_FAN_BOX_DISPLAY_TYPE, tl.EnvelopeBusinessType.SUPER_FAN_BOX),
    ):
        add(
            redenvelope.WebcastEnvelopeMessage,
            display_type,
            envelope_info=redenvelope.MessageRedEnvelopInfo(
                envelope_id=f"chest-{business_type.value}",
                business_type=business_type,
                send_user_id=str(users[4].id),
                send_user_name=users[4].nickname,
                send_user_avatar=users[4].avatar_thumb,
                diamond_count=500,
                people_count=20,
                unpack_at=1_763_000_400,
            ),
            display=tl.EnvelopeDisplay.NEW,
        )
    add(
        tl.WebcastSubNotifyMessage,
        user=users[6],
        sub_month=3,
        subscribe_type=tl.SubscribeType.AUTO,
        old_subscribe_status=tl.OldSubscribeStatus.RESUB,
        message_type=tl.MessageType.SUB_SUCCESS,
    )
    add(
        tl.WebcastSubNotifyMessage,
        user=users[7],
        message_type=tl.MessageType.SUB_GOAL_COMPLETE_TO_AUDIENCE,
        gift_source=tl.GiftSource.PLATFORM,
    )
    options = [
        tl.PollOptionInfo(option_idx=index, display_content=label, votes=votes)
        for index, (label, votes) in enumerate((("Pizza", 0), ("Sushi", 0)))
    ]
    add(
        tl.WebcastPollMessage,
        poll_id=77,
        start_content=tl.PollStartContent(
            title="Dinner?", option_list=options, end_time=1_763_000_500, operator=users[2]
        ),
    )
    voted = [
        tl.PollOptionInfo(option_idx=index, display_content=label, votes=votes)
        for index, (label, votes) in enumerate((("Pizza", 12), ("Sushi", 9)))
    ]
    add(
        tl.WebcastPollMessage,
        poll_id=77,
        update_votes_content=tl.PollUpdateVotesContent(option_list=voted),
    )
    add(tl.WebcastPollMessage, poll_id=77, end_content=tl.PollEndContent(option_list=voted))
    add(
        goal.WebcastGoalUpdateMessage,
        goal=goal.LiveStreamGoal(
            id=55,
            id_str="55",
            description="100 roses for a song",
            sub_goals=[
                goal.LiveStreamSubGoal(
                    id=5655,
                    id_str="5655",
                    progress=42,
                    target=100,
                    gift=goal.LiveStreamSubGoalGift(
                        name="Rose", diamond_count=1, icon=_image("https://g.tiktok/rose.png")
                    ),
                )
            ],
        ),
        contributor_id=users[0].id,
        contributor_id_str=str(users[0].id),
        contributor_display_id=users[0].display_id,
        contributor_avatar=users[0].avatar_thumb,
        contribute_count=5,
        update_source=tl.GoalMessageSource.PROGRESS_UPDATE,
    )
    add(
        tl.WebcastRankUpdateMessage,
        updates=[
            tl.RankUpdate(
                rank_type=tl.ProfitRankType.TYPE_HOURLY_RANK, own_rank=7, current_score=900
            ),
            tl.RankUpdate(rank_type=tl.ProfitRankType.TYPE_WEEKLY_RANK, own_rank=42),
        ],
    )
    add(
        tl.WebcastHourlyRankRewardMessage,
        winners=[
            tl.HourlyRankRewardInfo(
                user_id=HOST_IDS[0],
                notify=tl.WebcastRoomNotifyMessage(content="Top 3 this hour!"),
            )
        ],
    )
    pinned_chat = tl.WebcastChatMessage(user=users[5], content="pin me 📌")
    add(
        tl.WebcastRoomPinMessage,
        chat_message=pinned_chat,
        method="WebcastChatMessage",
        pin_time=1_763_000_600_000,
        operator=users[2],
        action=tl.PinMessageActionType.PIN,
        display_duration=60,
        pin_msg_id=1234,
    )
    add(
        tl.WebcastCaptionMessage,
        timestamp_ms=1_763_000_700_000,
        duration_ms=1500,
        content=[tl.CaptionContent(lang="en", content="hello everyone")],
        sentence_id=8,
        definite=True,
    )
    add(
        tl.WebcastLiveIntroMessage,
        content="Cooking and music every night",
        user=users[0],
        content_language="en",
    )
    for display_type, user in (
        ("pm_mt_grade_upgrade", users[8]),
        (SUPER_FAN_DISPLAY_TYPE, users[9]),
        (SUPER_FAN_JOINED_DISPLAY_TYPE, users[10]),
    ):
        add(
            tl.WebcastBarrageMessage,
            msg_type=tl.BarrageMessageBarrageType.USER_UPGRADE,
            content=text.Text(
                key=display_type,
                default_pattern="{0:user} levelled up",
                pieces=[text.TextPiece(type=11, user_value=text.TextPieceUser(user=user))],
            ),
        )
    add(tl.WebcastLinkMessage)  # UNTYPED_METHOD


def fetch_result(messages: list[WebcastMessage], *, cursor: str = "1763000000000_1") -> Any:
    """TikTokLive's ProtoMessageFetchResult holding these messages."""
    return tl.ProtoMessageFetchResult(
        messages=[
            tl.BaseProtoMessage(method=m.method, payload=m.payload, msg_id=index + 1)
            for index, m in enumerate(messages)
        ],
        cursor=cursor,
        fetch_interval=1000,
        now=1_763_000_000_000,
        need_ack=True,
        is_first=False,
    )


def push_frame(result: Any) -> bytes:
    """A websocket frame (WebcastPushFrame of payload type "msg") carrying a fetch result."""
    frame = tl.WebcastPushFrame(
        seq_id=1,
        log_id=42,
        payload_encoding="pb",
        payload_type="msg",
        headers=[tl.PushHeader(key="compress_type", value="none")],
        payload=bytes(result),
    )
    return bytes(frame)


def distinct_users(messages: list[WebcastMessage]) -> list[WebcastMessage]:
    """`messages`, each with a viewer of its own (id and name), wearing the same badges: a room
    whose every viewer is new to it."""
    distinct = []
    for index, message in enumerate(messages):
        message_class = getattr(webcast_pb2, message.method, None)
        payload = message.payload
        if message_class is not None and "user" in message_class.DESCRIPTOR.fields_by_name:
            parsed = message_class.FromString(payload)
            if parsed.HasField("user"):
                parsed.user.id = 7_000_000_000_000_000_000 + index
                parsed.user.display_id = f"first_seen_{index}"
                payload = parsed.SerializeToString()
        distinct.append(WebcastMessage(message.method, payload))
    return distinct

"""Conversions of parsed webcast messages to the contract's `LiveEvent`s, one function per event.

Each fills a new LiveEvent in place: nested keyword constructors would build each submessage and
then copy it into its parent, which costs about twice as much. TikTok's enums that the contract
does not pin (rankings, notice and barrage types) travel as their names without TikTok's prefix.
TikTok sends times in seconds in some messages and in milliseconds in others; `_set_time` tells
them apart by size. Which message becomes which event is decode.py's concern. The compiled
decoder (native/) converts the types of `tokgate_native.methods()` byte for byte as these
functions do, so these run for the rest and for what it hands back; the users of the messages
with one come through the room's UserCache.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from tokgate.live.webcast_user import UserCache, fill_identity, fill_user, fill_user_ref, first_url
from tokgate.v1 import live_pb2
from tokgate.webcast.v1alpha import webcast_pb2

# TikTokLive: a gift can streak when its type is 1 (ExtendedGift.streakable).
_STREAKABLE_GIFT_TYPE: Final = 1
# Past this, a TikTok time is in milliseconds: 10^11 seconds is the year 5138.
_MILLISECONDS_FROM: Final = 100_000_000_000


def _names(values: Iterable[tuple[str, int]], *prefixes: str) -> dict[int, str]:
    """TikTok's enum value names without their prefixes (some repeat the prefix), by number."""
    names = {}
    for name, number in values:
        short = name
        for prefix in prefixes:
            short = short.replace(prefix, "")
        names[number] = short
    return names


CONTROL_ACTION_NAMES: Final = _names(webcast_pb2.ControlAction.items(), "CONTROL_ACTION_")
_RANK_TYPES: Final = _names(
    webcast_pb2.ProfitRankType.items(), "PROFIT_RANK_TYPE_TYPE_", "PROFIT_RANK_TYPE_"
)
_NOTICE_TYPES: Final = _names(webcast_pb2.MessageType.items(), "MESSAGE_TYPE_")
_BARRAGE_TYPES: Final = _names(
    webcast_pb2.BarrageMessageBarrageType.items(), "BARRAGE_MESSAGE_BARRAGE_TYPE_"
)
_GOAL_SOURCES: Final = _names(
    webcast_pb2.GoalMessageSource.items(),
    "GOAL_MESSAGE_SOURCE_GOAL_MESSAGE_SOURCE_",
    "GOAL_MESSAGE_SOURCE_",
)
_BATTLE_ACTIONS: Final = {
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_INVITE: live_pb2.BATTLE_ACTION_INVITE,
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_REJECT: live_pb2.BATTLE_ACTION_REJECT,
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_CANCEL: live_pb2.BATTLE_ACTION_CANCEL,
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_OPEN: live_pb2.BATTLE_ACTION_START,
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_FINISH: live_pb2.BATTLE_ACTION_FINISH,
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_LINK_MIC_BATTLE_BATTLE_ACTION_CUT_SHORT: (
        live_pb2.BATTLE_ACTION_CUT_SHORT
    ),
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_ACCEPT: live_pb2.BATTLE_ACTION_ACCEPT,
    webcast_pb2.LINK_MIC_BATTLE_BATTLE_ACTION_LEAVE_LINKMIC: live_pb2.BATTLE_ACTION_LEAVE,
}
# TikTok's BattleResultResult (WIN is 0, so a result counts only where TikTok sent one).
_BATTLE_OUTCOMES: Final[dict[int, live_pb2.BattleOutcome.ValueType]] = {
    webcast_pb2.BATTLE_RESULT_RESULT_WIN: live_pb2.BATTLE_OUTCOME_WIN,
    webcast_pb2.BATTLE_RESULT_RESULT_LOSE: live_pb2.BATTLE_OUTCOME_LOSE,
    webcast_pb2.BATTLE_RESULT_RESULT_DRAW: live_pb2.BATTLE_OUTCOME_DRAW,
}


def _set_time(target: Timestamp, value: int) -> None:
    """A TikTok time, in seconds or milliseconds since the epoch (see the module's docstring)."""
    milliseconds = value if value >= _MILLISECONDS_FROM else value * 1000
    target.seconds, rest = divmod(milliseconds, 1000)
    target.nanos = rest * 1_000_000


def _set_milliseconds(target: Duration, milliseconds: int) -> None:
    target.seconds, rest = divmod(milliseconds, 1000)
    target.nanos = rest * 1_000_000


def _id(value: int) -> str:
    """TikTok's numeric id as the contract's string; 0 (unset) is empty."""
    return str(value) if value else ""


# --- the first types: chat, gift, like, member, viewer count ---------------------------


def _gift_streak_state(
    message: webcast_pb2.WebcastGiftMessage,
) -> live_pb2.GiftStreakState.ValueType:
    """TikTokLive's GiftEvent.streaking: streakable gifts stream until repeat_end is set."""
    if message.gift.type != _STREAKABLE_GIFT_TYPE:
        return live_pb2.GIFT_STREAK_STATE_NOT_STREAKABLE
    if message.repeat_end:
        return live_pb2.GIFT_STREAK_STATE_ENDED
    return live_pb2.GIFT_STREAK_STATE_IN_PROGRESS


def chat(
    message: webcast_pb2.WebcastChatMessage, raw_user: bytes, users: UserCache
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    comment = event.comment
    comment.text = message.content
    users.fill(comment.user, raw_user)
    if message.HasField("user_identity"):
        fill_identity(comment.user, message.user_identity)
    return event


def gift(
    message: webcast_pb2.WebcastGiftMessage, raw_user: bytes, users: UserCache
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.gift
    sent = message.gift
    target.gift_id = message.gift_id or sent.id
    target.gift_name = sent.name
    target.diamond_count = sent.diamond_count
    target.repeat_count = message.repeat_count
    target.streak_state = _gift_streak_state(message)
    if message.group_id:
        target.group_id = str(message.group_id)
    images = sent.image.url_list
    if images:
        target.image_url = images[0]
    users.fill(target.user, raw_user)
    if message.HasField("user_identity"):
        fill_identity(target.user, message.user_identity)
    return event


def like(
    message: webcast_pb2.WebcastLikeMessage, raw_user: bytes, users: UserCache
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.like
    target.count = message.count
    target.total_likes = message.total
    users.fill(target.user, raw_user)
    return event


def member(
    message: webcast_pb2.WebcastMemberMessage, raw_user: bytes, users: UserCache
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    users.fill(event.join.user, raw_user)
    return event


def room_user_seq(message: webcast_pb2.WebcastRoomUserSeqMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    event.viewer_count.viewer_count = message.total
    return event


# --- issue 10's types ------------------------------------------------------------------


def question(message: webcast_pb2.WebcastQuestionNewMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.question
    data = message.data
    target.question_id = _id(data.question_id)
    target.text = data.content
    if data.create_time:
        _set_time(target.created_at, data.create_time)
    fill_user(target.user, data.user)
    return event


def battle(message: webcast_pb2.WebcastLinkMicBattle) -> live_pb2.LiveEvent:
    """Teams are TikTok's teams in a team battle, else one per host (anchors_info)."""
    event = live_pb2.LiveEvent()
    target = event.battle
    target.battle_id = _id(message.battle_id)
    target.action = _BATTLE_ACTIONS.get(message.action, live_pb2.BATTLE_ACTION_UNSPECIFIED)
    settings = message.battle_settings
    if settings.start_time_ms:
        _set_time(target.started_at, settings.start_time_ms)
    target.duration.seconds = settings.duration
    hosts = {wrapper.key: wrapper.value.user for wrapper in message.anchors_info}
    if message.team_battle_result:
        for result in message.team_battle_result:
            team = target.teams.add()
            team.team_id = _id(result.team_id)
            team.score = result.total_score
            team.outcome = _BATTLE_OUTCOMES.get(result.result, live_pb2.BATTLE_OUTCOME_UNSPECIFIED)
            for member_ in result.team_user:
                _fill_host(team.hosts.add(), member_.user_id, hosts)
        return event
    results = message.battle_result
    for host_id in hosts:
        team = target.teams.add()
        team.team_id = _id(host_id)
        _fill_host(team.hosts.add(), host_id, hosts)
        if host_id in results:
            outcome = results[host_id]
            team.score = outcome.score
            team.outcome = _BATTLE_OUTCOMES.get(outcome.result, live_pb2.BATTLE_OUTCOME_UNSPECIFIED)
    return event


def _fill_host(
    target: live_pb2.LiveUser,
    user_id: int,
    hosts: Mapping[int, webcast_pb2.BattleBaseUserInfo],
) -> None:
    """A battle's host as anchors_info describes them, or by id alone."""
    host = hosts.get(user_id)
    if host is None:
        target.user_id = _id(user_id)
        return
    fill_user_ref(target, host.user_id or user_id, host.nick_name, host.avatar_thumb)
    target.unique_id = host.display_id


def battle_armies(message: webcast_pb2.WebcastLinkMicArmies) -> live_pb2.LiveEvent:
    """One army per team in a team battle, else one per host (`armies`, keyed by host id)."""
    event = live_pb2.LiveEvent()
    target = event.battle_armies
    target.battle_id = _id(message.battle_id)
    if message.team_armies:
        for team in message.team_armies:
            army = target.armies.add()
            army.team_id = _id(team.team_id)
            army.score = team.team_total_score
            _fill_army(army, team.user_armies, 0)
        return event
    for host_id, armies in sorted(message.armies.items()):
        army = target.armies.add()
        army.team_id = _id(host_id)
        army.score = armies.hostscore
        _fill_army(army, armies, host_id)
    return event


def _fill_army(
    army: live_pb2.BattleArmy, armies: webcast_pb2.BattleUserArmies, host_id: int
) -> None:
    army.host_user_id = armies.anchor_id_str or _id(host_id)
    for soldier in sorted(armies.user_armies, key=lambda soldier: -soldier.score):
        contributor = army.top_contributors.add()
        contributor.score = soldier.score
        fill_user_ref(
            contributor.user,
            soldier.user_id_str or soldier.user_id,
            soldier.nickname,
            soldier.avatar_thumb,
        )


def emote_chat(
    message: webcast_pb2.WebcastEmoteChatMessage, raw_user: bytes, users: UserCache
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.emote_chat
    users.fill(target.user, raw_user)
    if message.HasField("user_identity"):
        fill_identity(target.user, message.user_identity)
    for emote in message.emote_list:
        added = target.emotes.add()
        added.emote_id = emote.emote_id
        added.image_url = first_url(emote.image)
    return event


def envelope(
    message: webcast_pb2.WebcastEnvelopeMessage, super_fan_box: bool
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.envelope
    info = message.envelope_info
    target.envelope_id = info.envelope_id
    fill_user_ref(target.sender, info.send_user_id, info.send_user_name, info.send_user_avatar)
    target.diamond_count = info.diamond_count
    target.people_count = info.people_count
    if info.unpack_at:
        _set_time(target.unpack_at, info.unpack_at)
    target.super_fan_box = super_fan_box
    target.hidden = message.display == webcast_pb2.ENVELOPE_DISPLAY_HIDE
    return event


def subscribe(message: webcast_pb2.WebcastSubNotifyMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.subscribe
    fill_user(target.user, message.user)
    target.sub_months = message.sub_month
    target.auto_renew = message.subscribe_type == webcast_pb2.SUBSCRIBE_TYPE_AUTO
    target.resubscribe = message.old_subscribe_status == webcast_pb2.OLD_SUBSCRIBE_STATUS_RESUB
    target.gifted = message.gift_source != webcast_pb2.GIFT_SOURCE_GIFT_SOURCE_UNKNOWN
    return event


def sub_notify(message: webcast_pb2.WebcastSubNotifyMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.sub_notify
    if message.HasField("user"):
        fill_user(target.user, message.user)
    target.notice_type = _NOTICE_TYPES.get(message.message_type, str(message.message_type))
    target.sub_months = message.sub_month
    return event


def poll(message: webcast_pb2.WebcastPollMessage) -> live_pb2.LiveEvent:
    """The action is the content TikTok sent: start, votes or end."""
    event = live_pb2.LiveEvent()
    target = event.poll
    target.poll_id = _id(message.poll_id) or message.poll_basic_info.poll_id_str
    target.title = message.poll_basic_info.title
    content: (
        webcast_pb2.PollStartContent
        | webcast_pb2.PollEndContent
        | webcast_pb2.PollUpdateVotesContent
        | None
    ) = None
    if message.HasField("end_content"):
        target.action = live_pb2.POLL_ACTION_END
        content = message.end_content
    elif message.HasField("start_content"):
        target.action = live_pb2.POLL_ACTION_START
        start = content = message.start_content
        target.title = start.title or target.title
        if start.end_time:
            _set_time(target.ends_at, start.end_time)
    elif message.HasField("update_votes_content"):
        target.action = live_pb2.POLL_ACTION_UPDATE
        content = message.update_votes_content
    if content is None:
        return event
    for option in content.option_list:
        added = target.options.add()
        added.index = option.option_idx
        added.text = option.display_content
        added.votes = option.votes
    if content.HasField("operator"):
        fill_user(target.operator, content.operator)
    return event


def goal_update(message: webcast_pb2.WebcastGoalUpdateMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.goal_update
    goal = message.goal
    target.goal_id = goal.id_str or _id(goal.id)
    target.description = goal.description
    for sub_goal in goal.sub_goals:
        added = target.targets.add()
        added.target_id = sub_goal.id_str or _id(sub_goal.id)
        added.progress = sub_goal.progress
        added.target = sub_goal.target
        if sub_goal.HasField("gift"):
            gift_ = sub_goal.gift
            added.gift_id = sub_goal.id
            added.gift_name = gift_.name
            added.gift_image_url = first_url(gift_.icon)
            added.gift_diamond_count = gift_.diamond_count
    if message.contributor_id or message.contributor_id_str:
        contributor = target.contributor
        fill_user_ref(
            contributor,
            message.contributor_id_str or message.contributor_id,
            "",
            message.contributor_avatar,
        )
        contributor.unique_id = message.contributor_display_id
    target.contribute_count = message.contribute_count
    target.update_source = _GOAL_SOURCES.get(message.update_source, str(message.update_source))
    return event


def rank_update(message: webcast_pb2.WebcastRankUpdateMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    event.rank_update.SetInParent()  # present even when TikTok sent no update
    ranks = event.rank_update.ranks
    for update in message.updates:
        added = ranks.add()
        added.rank_type = _RANK_TYPES.get(update.rank_type, str(update.rank_type))
        added.rank = update.own_rank
        added.score = update.current_score
    return event


def hourly_rank(message: webcast_pb2.WebcastHourlyRankRewardMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    event.hourly_rank.SetInParent()  # present even when TikTok named no winner
    winners = event.hourly_rank.winners
    for winner in message.winners:
        added = winners.add()
        added.user_id = _id(winner.user_id)
        added.text = winner.notify.content
    return event


def room_pin(message: webcast_pb2.WebcastRoomPinMessage) -> live_pb2.LiveEvent:
    """The pinned message's author and, for a comment, its text."""
    event = live_pb2.LiveEvent()
    target = event.room_pin
    if message.HasField("operator"):
        fill_user(target.operator, message.operator)
    target.pinned = message.action == webcast_pb2.PIN_MESSAGE_ACTION_TYPE_PIN
    target.pin_id = _id(message.pin_msg_id)
    if message.pin_time:
        _set_time(target.pinned_at, message.pin_time)
    target.display_duration.seconds = message.display_duration
    target.message_type = message.method
    if message.HasField("chat_message"):
        target.text = message.chat_message.content
        fill_user(target.author, message.chat_message.user)
    else:
        for pinned in ("gift_message", "social_message", "member_message", "like_message"):
            if message.HasField(pinned):
                fill_user(target.author, getattr(message, pinned).user)
                break
    return event


def caption(message: webcast_pb2.WebcastCaptionMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.caption
    target.sentence_id = _id(message.sentence_id)
    for content in message.content:
        added = target.texts.add()
        added.language = content.lang
        added.text = content.content
    target.final = message.definite
    if message.timestamp_ms:
        _set_time(target.spoken_at, message.timestamp_ms)
    _set_milliseconds(target.duration, message.duration_ms)
    return event


def live_intro(message: webcast_pb2.WebcastLiveIntroMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.live_intro
    fill_user(target.host, message.user)
    target.text = message.content
    target.language = message.content_language
    return event


def _barrage_user(message: webcast_pb2.WebcastBarrageMessage) -> webcast_pb2.User | None:
    """The user a banner is about: its own field, else the first user its text names."""
    if message.HasField("user"):
        return message.user
    for piece in message.content.pieces:
        if piece.HasField("user_value"):
            return piece.user_value.user
    return None


def barrage(message: webcast_pb2.WebcastBarrageMessage) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.barrage
    user = _barrage_user(message)
    if user is not None:
        fill_user(target.user, user)
    target.barrage_type = _BARRAGE_TYPES.get(message.msg_type, str(message.msg_type))
    content = message.content if message.HasField("content") else message.common_barrage_content
    target.display_type = content.key
    target.text = content.default_pattern
    return event


def super_fan(
    message: webcast_pb2.WebcastBarrageMessage, action: live_pb2.SuperFanAction.ValueType
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.super_fan
    target.action = action
    user = _barrage_user(message)
    if user is not None:
        fill_user(target.user, user)
    return event


def live_pause(paused: bool) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    event.live_pause.paused = paused
    return event


def social(
    message: webcast_pb2.WebcastSocialMessage, display_type: str, raw_user: bytes, users: UserCache
) -> live_pb2.LiveEvent:
    event = live_pb2.LiveEvent()
    target = event.social
    users.fill(target.user, raw_user)
    target.display_type = display_type
    target.action = message.action
    return event

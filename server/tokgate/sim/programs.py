"""What a live room's stream plays: the weighted mix of a busy room, every event type in
turn (and every event), or a link-mic battle on a loop.

``EVENT_MIX`` weighs each kind of message sequence by how often a busy room sends it (per
thousand draws); chat, likes and joins dominate, as on TikTok. ``EVERY_TYPE`` has a builder
for each of the 62 message types TikTokLive 7.0.1 maps to an event class; ``every_variant``
adds the messages whose event depends on their content (a subscription or another
notice, a plain or a super-fan banner, a follow, a share or another social action, ...).
"""

from __future__ import annotations

from tokgate.sim import battle, room_messages
from tokgate.sim.other_messages import OTHER_TYPES
from tokgate.sim.payloads import Builder, Payload
from tokgate.sim.viewers import VIEWER_NAMES, streamer

VARIANTS = len(VIEWER_NAMES)  # sequences per mix kind: one per viewer
MIX_HOST = "sim_live"  # the streamer the mix's battles name as the room's side
BATTLE_HOST = "sim_battle"
BATTLE_ROUNDS = 6  # gifts (and score updates) per battle of sim_battle
MIX_BATTLE_ROUNDS = 2


# (kind, weight per thousand draws): the realistic mix of a busy room.
EVENT_MIX: tuple[tuple[str, int], ...] = (
    ("chat", 285),
    ("like", 210),
    ("join", 150),
    ("gift_streak", 55),
    ("gift", 40),
    ("follow", 55),
    ("share", 35),
    ("viewers", 55),
    ("unknown", 40),
    ("emote_chat", 12),
    ("caption", 8),
    ("subscribe", 8),
    ("repost", 8),
    ("barrage", 6),
    ("sub_notify", 5),
    ("question", 5),
    ("goal_update", 5),
    ("rank_update", 5),
    ("envelope", 3),
    ("poll", 3),
    ("room_pin", 2),
    ("battle", 2),
    ("hourly_rank", 1),
    ("live_intro", 1),
    ("pause", 1),
)
# Kinds whose sequences are not built from payloads: encoded by hand (see events).
UNKNOWN_KIND = "unknown"


def _single(builder: Builder) -> list[list[Payload]]:
    return [[builder(n)] for n in range(VARIANTS)]


def mix_kinds() -> dict[str, list[list[Payload]]]:
    """Every payload kind of EVENT_MIX as ``VARIANTS`` message sequences."""
    host = streamer(MIX_HOST)
    m = room_messages
    return {
        "chat": _single(m.chat),
        "like": _single(m.like),
        "join": _single(m.join),
        "gift_streak": [m.gift_streak(n, 2 + n * 5 % 4) for n in range(VARIANTS)],
        "gift": _single(m.gift),
        "follow": _single(m.follow),
        "share": _single(m.share),
        "viewers": _single(m.viewers),
        "emote_chat": _single(m.emote_chat),
        "caption": _single(m.caption),
        "subscribe": _single(m.subscribe),
        "repost": _single(m.repost),
        "barrage": _single(m.barrage),
        # Half are new subscriptions (tokgate: subscribe), half other notices (sub_notify).
        "sub_notify": [[m.sub_notify(n) if n % 2 else m.sub_notice(n)] for n in range(VARIANTS)],
        "question": _single(m.question),
        "goal_update": _single(m.goal_update),
        "rank_update": _single(m.rank_update),
        "envelope": _single(m.envelope),
        "poll": [m.poll(n) for n in range(VARIANTS)],
        "room_pin": _single(m.room_pin),
        "battle": [battle.battle(host, n, MIX_BATTLE_ROUNDS, n % 2 == 0) for n in range(VARIANTS)],
        "hourly_rank": _single(m.hourly_rank),
        "live_intro": _single(m.live_intro),
        "pause": [m.pause() for _ in range(VARIANTS)],
    }


def _battle_message(method: str) -> Builder:
    """The first message of type ``method`` in a battle (for EVERY_TYPE)."""

    def build(n: int) -> Payload:
        sequence = battle.battle(streamer(MIX_HOST), n, 1, True)
        return next(payload for payload in sequence if payload.method == method)

    return build


# One builder per message type TikTokLive 7.0.1 maps to an event (its EVENT_MAPPINGS keys).
EVERY_TYPE: dict[str, Builder] = {
    "WebcastBarrageMessage": room_messages.barrage,
    "WebcastCaptionMessage": room_messages.caption,
    "WebcastChatMessage": room_messages.chat,
    # A pause: TikTokLive ends the connection on STREAM_ENDED, and the loop must go on.
    "WebcastControlMessage": lambda _n: room_messages.control(room_messages.STREAM_PAUSED),
    "WebcastEmoteChatMessage": room_messages.emote_chat,
    "WebcastEnvelopeMessage": room_messages.envelope,
    "WebcastGiftMessage": room_messages.gift,
    "WebcastGoalUpdateMessage": room_messages.goal_update,
    "WebcastHourlyRankRewardMessage": room_messages.hourly_rank,
    "WebcastLikeMessage": room_messages.like,
    "WebcastLinkMicArmies": _battle_message("WebcastLinkMicArmies"),
    "WebcastLinkMicBattle": _battle_message("WebcastLinkMicBattle"),
    "WebcastLinkMicBattlePunishFinish": _battle_message("WebcastLinkMicBattlePunishFinish"),
    "WebcastLiveIntroMessage": room_messages.live_intro,
    "WebcastMemberMessage": room_messages.join,
    "WebcastPollMessage": lambda n: room_messages.poll(n)[0],
    "WebcastQuestionNewMessage": room_messages.question,
    "WebcastRankUpdateMessage": room_messages.rank_update,
    "WebcastRoomPinMessage": room_messages.room_pin,
    "WebcastRoomUserSeqMessage": room_messages.viewers,
    "WebcastSocialMessage": room_messages.follow,
    "WebcastSubNotifyMessage": room_messages.sub_notify,
    **OTHER_TYPES,
}


def every_type() -> list[Payload]:
    """One message of each type, in the order of their names."""
    return [EVERY_TYPE[method](index) for index, method in enumerate(sorted(EVERY_TYPE))]


def every_variant() -> list[Payload]:
    """One message of each kind whose event depends on its content, where ``EVERY_TYPE``'s
    one message per type shows only one. Comments: TikTokLive's event; tokgate's member."""
    m = room_messages
    return [
        m.barrage(0),  # a fan-level banner: BarrageEvent; barrage
        m.barrage(2),  # became a super fan: BarrageEvent; super_fan BECAME
        m.barrage(3),  # a super fan joined: BarrageEvent; super_fan JOINED
        m.sub_notify(0),  # SUB_SUCCESS: SubNotifyEvent; subscribe
        m.sub_notice(0),  # a subscription about to expire: SubNotifyEvent; sub_notify
        m.subscribe(0),  # a member message, SUBSCRIBED: JoinEvent; join
        m.follow(0),  # SocialEvent, FollowEvent; follow
        m.share(0),  # SocialEvent, ShareEvent; share
        m.repost(0),  # neither follow nor share: SocialEvent; social
        m.envelope(0),  # a treasure chest: EnvelopeEvent; envelope
        m.envelope(2),  # a super-fan box: EnvelopeEvent, SuperFanBoxEvent; envelope
        m.control(m.STREAM_PAUSED),  # LivePauseEvent; live_pause
        m.control(m.STREAM_UNPAUSED),  # LiveUnpauseEvent; live_pause, not paused
    ]


def every_event() -> list[Payload]:
    """sim_every_event's loop: every type (``every_type``), then every variant."""
    return [*every_type(), *every_variant()]


def battle_loop() -> list[Payload]:
    """sim_battle's loop: a battle its streamer wins, then one the rival wins."""
    host = streamer(BATTLE_HOST)
    return [
        *battle.battle(host, 0, BATTLE_ROUNDS, host_wins=True),
        *battle.battle(host, 1, BATTLE_ROUNDS, host_wins=False),
    ]

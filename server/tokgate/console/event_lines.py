"""One readable line per LIVE event, for ``tokgate watch``: who did what, coloured by kind.

Each event member has its own small formatter; the table maps the oneof member's name to it, so a
member this version does not know prints as ``(empty event)`` (a newer server's type).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from tokgate.console.render import paint
from tokgate.v1 import live_pb2


def who(user: live_pb2.LiveUser) -> str:
    """A user as the room shows them: nickname and @username, with a moderator's mark."""
    name = user.nickname or user.unique_id or user.user_id or "someone"
    label = f"{name} (@{user.unique_id})" if user.unique_id and user.nickname else name
    return f"{label} [mod]" if user.is_moderator else label


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _status(status: live_pb2.StreamStatus, colour: bool) -> str:
    state = live_pb2.StreamState.Name(status.state).removeprefix("STREAM_STATE_")
    line = f"[{state}] {status.message}"
    if status.HasField("error") and status.error.error:
        line += f" ({status.error.error}: {status.error.message})"
    return paint(line, "yellow" if state != "RESUMED" else "green", colour)


def _gift(gift: live_pb2.GiftEvent, colour: bool) -> str:
    """Streak progress dim; the final count (the one to count) bold with its diamonds."""
    base = f"{who(gift.user)} sent {gift.gift_name or gift.gift_id} x{gift.repeat_count}"
    if gift.streak_state == live_pb2.GIFT_STREAK_STATE_IN_PROGRESS:
        return paint(base + " (streak going on...)", "grey", colour)
    total = gift.diamond_count * max(gift.repeat_count, 1)
    ended = " (streak ended)" if gift.streak_state == live_pb2.GIFT_STREAK_STATE_ENDED else ""
    return paint(f"{base}{ended}: {_plural(total, 'diamond')}", "magenta", colour)


def _battle(battle: live_pb2.BattleEvent, colour: bool) -> str:
    """A battle's phase, then each side: its hosts, score and, at the end, its outcome."""
    action = live_pb2.BattleAction.Name(battle.action).removeprefix("BATTLE_ACTION_").lower()
    sides = []
    for team in battle.teams:
        hosts = " & ".join(who(host) for host in team.hosts) or team.team_id
        side = f"{hosts} {team.score}"
        if team.outcome:
            side += " " + live_pb2.BattleOutcome.Name(team.outcome).removeprefix("BATTLE_OUTCOME_")
        sides.append(side)
    return paint(f"battle {action}: {' vs '.join(sides)}", "yellow", colour)


def _battle_armies(armies: live_pb2.BattleArmiesEvent, colour: bool) -> str:
    """The sides' scores in the battle's order, each with its top contributor."""
    sides = []
    for army in armies.armies:
        top = army.top_contributors[0] if army.top_contributors else None
        sides.append(f"{army.score} (top: {who(top.user)} {top.score})" if top else str(army.score))
    return paint(f"battle score: {' vs '.join(sides)}", "yellow", colour)


def _envelope(envelope: live_pb2.EnvelopeEvent, colour: bool) -> str:
    kind = "super fan box" if envelope.super_fan_box else "treasure chest"
    if envelope.hidden:
        return paint(f"{kind} {envelope.envelope_id} is gone", "grey", colour)
    return paint(
        f"{who(envelope.sender)} dropped a {kind}: {_plural(envelope.diamond_count, 'diamond')}"
        f" for {_plural(envelope.people_count, 'viewer')}",
        "magenta",
        colour,
    )


def _subscribe(subscribe: live_pb2.SubscribeEvent, colour: bool) -> str:
    how = "resubscribed" if subscribe.resubscribe else "subscribed"
    gifted = " (a gift)" if subscribe.gifted else ""
    months = f" for {_plural(subscribe.sub_months, 'month')}" if subscribe.sub_months else ""
    return paint(f"{who(subscribe.user)} {how}{months}{gifted}", "magenta", colour)


def _poll(poll: live_pb2.PollEvent, colour: bool) -> str:
    action = live_pb2.PollAction.Name(poll.action).removeprefix("POLL_ACTION_").lower()
    options = ", ".join(f"{option.text} {option.votes}" for option in poll.options)
    title = f" {poll.title!r}" if poll.title else ""
    return paint(f"poll {action}{title}: {options}", "blue", colour)


def _goal_update(goal: live_pb2.GoalUpdateEvent, colour: bool) -> str:
    targets = ", ".join(
        f"{target.gift_name or target.target_id} {target.progress}/{target.target}"
        for target in goal.targets
    )
    by = (
        f" (+{goal.contribute_count} from {who(goal.contributor)})" if goal.contribute_count else ""
    )
    return paint(f"goal {goal.description!r}: {targets}{by}", "blue", colour)


def _rank_update(rank_update: live_pb2.RankUpdateEvent, colour: bool) -> str:
    ranks = ", ".join(f"{rank.rank_type.lower()} #{rank.rank}" for rank in rank_update.ranks)
    return paint(f"rankings: {ranks or 'no change'}", "grey", colour)


def _room_pin(pin: live_pb2.RoomPinEvent, colour: bool) -> str:
    if not pin.pinned:
        return paint(f"{who(pin.operator)} unpinned a message", "grey", colour)
    pinned = f"{who(pin.author)}: {pin.text}" if pin.text else pin.message_type
    return paint(f"{who(pin.operator)} pinned {pinned}", "cyan", colour)


def _caption(caption: live_pb2.CaptionEvent, colour: bool) -> str:
    texts = " / ".join(f"[{text.language}] {text.text}" for text in caption.texts)
    return paint(f"caption: {texts}", "grey" if not caption.final else "cyan", colour)


def _barrage(barrage: live_pb2.BarrageEvent, colour: bool) -> str:
    about = f"{who(barrage.user)}: " if barrage.user.unique_id or barrage.user.nickname else ""
    return paint(f"banner {barrage.barrage_type.lower()}: {about}{barrage.text}", "grey", colour)


def _super_fan(super_fan: live_pb2.SuperFanEvent, colour: bool) -> str:
    joined = super_fan.action == live_pb2.SUPER_FAN_ACTION_JOINED
    what = "a super fan, joined" if joined else "became a super fan"
    return paint(f"{who(super_fan.user)} {what}", "magenta", colour)


_Line = Callable[[live_pb2.LiveEvent, bool], str]

_LINES: Final[dict[str, _Line]] = {
    "comment": lambda e, c: f"{paint(who(e.comment.user), 'cyan', c)}: {e.comment.text}",
    "gift": lambda e, c: _gift(e.gift, c),
    "like": lambda e, c: paint(
        f"{who(e.like.user)} liked x{e.like.count} (total {e.like.total_likes})", "red", c
    ),
    "join": lambda e, c: paint(f"{who(e.join.user)} joined", "grey", c),
    "follow": lambda e, c: paint(f"{who(e.follow.user)} followed", "blue", c),
    "share": lambda e, c: paint(f"{who(e.share.user)} shared the LIVE", "blue", c),
    "viewer_count": lambda e, c: paint(f"viewers: {e.viewer_count.viewer_count}", "bold", c),
    "connected": lambda e, c: paint(f"connected to @{e.unique_id} (room {e.room_id})", "green", c),
    "live_ended": lambda e, c: paint(
        f"the LIVE ended ({e.live_ended.reason or 'no reason given'})", "bold", c
    ),
    "status": lambda e, c: _status(e.status, c),
    "other": lambda e, c: paint(f"{e.other.type_name} ({len(e.other.payload)} bytes)", "grey", c),
    "question": lambda e, c: paint(f"{who(e.question.user)} asked: {e.question.text}", "cyan", c),
    "battle": lambda e, c: _battle(e.battle, c),
    "battle_armies": lambda e, c: _battle_armies(e.battle_armies, c),
    "emote_chat": lambda e, c: (
        f"{paint(who(e.emote_chat.user), 'cyan', c)}: "
        + " ".join(f":{emote.emote_id}:" for emote in e.emote_chat.emotes)
    ),
    "envelope": lambda e, c: _envelope(e.envelope, c),
    "subscribe": lambda e, c: _subscribe(e.subscribe, c),
    "sub_notify": lambda e, c: paint(
        f"subscription notice {e.sub_notify.notice_type.lower()}"
        + (f" about {who(e.sub_notify.user)}" if e.sub_notify.user.nickname else ""),
        "grey",
        c,
    ),
    "poll": lambda e, c: _poll(e.poll, c),
    "goal_update": lambda e, c: _goal_update(e.goal_update, c),
    "rank_update": lambda e, c: _rank_update(e.rank_update, c),
    "hourly_rank": lambda e, c: paint(
        "hourly ranking winners: "
        + ", ".join(winner.text or winner.user_id for winner in e.hourly_rank.winners),
        "yellow",
        c,
    ),
    "room_pin": lambda e, c: _room_pin(e.room_pin, c),
    "caption": lambda e, c: _caption(e.caption, c),
    "live_intro": lambda e, c: paint(
        f"{who(e.live_intro.host)}'s intro: {e.live_intro.text}", "grey", c
    ),
    "barrage": lambda e, c: _barrage(e.barrage, c),
    "live_pause": lambda e, c: paint(
        "the LIVE is paused" if e.live_pause.paused else "the LIVE goes on", "bold", c
    ),
    "super_fan": lambda e, c: _super_fan(e.super_fan, c),
    "social": lambda e, c: paint(
        f"{who(e.social.user)} {e.social.display_type or 'did something'}", "blue", c
    ),
}


def format_event(event: live_pb2.LiveEvent, colour: bool = False) -> str:
    """One event as a line: its sequence number, then what happened."""
    prefix = paint(f"{event.sequence:>6}", "grey", colour) + " "
    kind = event.WhichOneof("event")
    line = _LINES.get(kind) if kind else None
    return prefix + (line(event, colour) if line else "(empty event)")

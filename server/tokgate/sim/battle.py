"""Payloads of a link-mic battle between the room's streamer and a rival streamer.

A battle is what TikTok sends for one: ``WebcastLinkMicBattle`` OPEN (settings, both anchors),
then for every gift a ``WebcastGiftMessage`` and a ``WebcastLinkMicArmies`` score update (each
side's points and its top supporters), then a final armies update (BATTLE_END), the FINISH
message with each anchor's result, and the end of the punishment phase.
"""

from __future__ import annotations

from typing import Any

from tokgate.sim import room_messages
from tokgate.sim.gifts import GIFTS
from tokgate.sim.payloads import Payload
from tokgate.sim.viewers import rival, viewer

BATTLE_SECONDS = 300
FIRST_BATTLE_ID = 7_450_000_000_000_000_000
START_MS = 1_717_200_000_000
OPEN, FINISH = "OPEN", "FINISH"  # LinkMicBattleBattleAction
# Battles are fought with the small gifts, and a gift scores its diamonds, as on TikTok. The
# winning side's supporters send every battle gift in streaks of WINNING_STREAK, the losing
# side's a single 1-diamond gift each time, so the winner is the one the caller chose.
BATTLE_GIFTS = tuple(gift for gift in GIFTS if gift.diamonds <= 30)
CHEAP_GIFTS = tuple(gift for gift in BATTLE_GIFTS if gift.diamonds == 1)
WINNING_STREAK = 3


def _settings(battle_id: int, status: str) -> dict[str, Any]:
    return {
        "battleId": battle_id,
        "channelId": battle_id + 1,
        "startTimeMs": START_MS,
        "duration": BATTLE_SECONDS,
        "endTimeMs": START_MS + BATTLE_SECONDS * 1000,
        "status": status,
        "battleType": "NORMAL_BATTLE",
    }


def _anchor(user: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": user["id"],
        "value": {
            "user": {
                "userId": user["id"],
                "nickName": user["nickname"],
                "displayId": user["displayId"],
                "avatarThumb": user["avatarThumb"],
            }
        },
    }


def battle(host: dict[str, Any], n: int, rounds: int, host_wins: bool) -> list[Payload]:
    """One battle of ``rounds`` gifts, alternating sides (the host first); ``host_wins`` decides
    the winner."""
    battle_id = FIRST_BATTLE_ID + n
    other = rival()
    scores = {host["id"]: 0, other["id"]: 0}
    supporters: dict[str, list[dict[str, Any]]] = {host["id"]: [], other["id"]: []}
    opened = {
        "battleId": battle_id,
        "battleSettings": _settings(battle_id, "BATTLE_STARTED"),
        "action": OPEN,
        "anchorsInfo": [_anchor(host), _anchor(other)],
        "bubbleText": f"Battle: {host['nickname']} vs {other['nickname']}",
    }
    out = [Payload("WebcastLinkMicBattle", opened)]

    def armies(
        reason: str, gift_id: int, count: int, sender: dict[str, Any], diamonds: int
    ) -> Payload:
        body = {
            "battleId": battle_id,
            "channelId": battle_id + 1,
            "armies": {
                anchor: {
                    "hostscore": score,
                    "anchorIdStr": anchor,
                    "userArmies": supporters[anchor][-3:],
                }
                for anchor, score in scores.items()
            },
            "triggerReason": reason,
            "fromUserId": sender["id"],
            "giftId": gift_id,
            "giftCount": count,
            "totalDiamondCount": diamonds,
            "battleSettings": _settings(
                battle_id, "BATTLE_FINISHED" if reason == "BATTLE_END" else "BATTLE_STARTED"
            ),
        }
        return Payload("WebcastLinkMicArmies", body)

    for step in range(rounds):
        to_host = step % 2 == 0
        side = host if to_host else other
        winning = to_host == host_wins
        gifts = BATTLE_GIFTS if winning else CHEAP_GIFTS
        gift = gifts[(n + step) % len(gifts)]
        count = WINNING_STREAK if winning else 1
        sender = viewer(n + step)
        points = gift.diamonds * count
        scores[side["id"]] += points
        supporters[side["id"]].append(
            {"userId": sender["id"], "nickname": sender["nickname"], "score": points}
        )
        out.append(room_messages.gift_message(gift, sender, count, battle_id + step, to_user=side))
        out.append(armies("SCORE_UPDATE", gift.id, count, sender, points))
    out.append(armies("BATTLE_END", 0, 0, host, 0))
    winner = host["id"] if host_wins else other["id"]
    results = {
        anchor: {"userId": anchor, "result": "WIN" if anchor == winner else "LOSE", "score": score}
        for anchor, score in scores.items()
    }
    finished = {
        "battleId": battle_id,
        "battleSettings": _settings(battle_id, "BATTLE_FINISHED"),
        "action": FINISH,
        "battleResult": results,
        "anchorsInfo": [_anchor(host), _anchor(other)],
    }
    out.append(Payload("WebcastLinkMicBattle", finished))
    punish_over = {
        "channelId": battle_id + 1,
        "opUid": winner,
        "reason": "TIME_UP",
        "battleId": battle_id,
        "battleSettings": _settings(battle_id, "BATTLE_PUNISH_FINISHED"),
    }
    out.append(Payload("WebcastLinkMicBattlePunishFinish", punish_over))
    return out

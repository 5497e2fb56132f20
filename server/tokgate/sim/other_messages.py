"""Payloads of the message types TikTokLive maps to events that a room sends rarely or only
to some viewers: moderation, shopping, partnerships, link-mic plumbing, system notices.

``sim_every_type`` plays them next to the busy room's types, so every one of TikTokLive
7.0.1's 62 event types can be round-tripped. Each fills the fields that say what happened.
"""

from __future__ import annotations

from tokgate.sim.gifts import GIFTS, image
from tokgate.sim.payloads import Builder, Payload, text
from tokgate.sim.profiles import CDN
from tokgate.sim.viewers import rival, viewer

_TASK = "7460000000000000000"


def _notify(n: int, content: str) -> dict[str, object]:
    """A ``WebcastRoomNotifyMessage`` body (also nested in gift broadcasts and marquees)."""
    return {"content": content, "notifyType": 1, "user": viewer(n), "schema": "sslocal://sim"}


def _simple(method: str, body: dict[str, object], display_key: str = "") -> Builder:
    """A builder of one fixed message (the variant number does not change it)."""
    return lambda _n: Payload(method, body, display_key)


def access_control(n: int) -> Payload:
    captcha = {"captchaRecordId": 7_461_000_000 + n, "verifyDurationInSec": 60}
    return Payload("WebcastAccessControlMessage", {"captcha": captcha})


def access_recall(n: int) -> Payload:
    body = {
        "status": 1,
        "duration": 600,
        "endTime": 1_717_200_600 + n,
        "scene": "live_restriction",
        "notice": text("ttlive_access_recall", "Your access was restored"),
        "content": text("ttlive_access_recall_detail", "You can go LIVE again"),
    }
    return Payload("WebcastAccessRecallMessage", body)


def gift_broadcast(n: int) -> Payload:
    sender = viewer(n)
    lion = max(GIFTS, key=lambda gift: gift.diamonds)  # what TikTok broadcasts: a big gift
    body = {
        "fromUserId": sender["id"],
        "leftIcon": image(lion.image_url),
        "notify": _notify(n, f"{sender['nickname']} sent a {lion.name} in a room near you"),
    }
    return Payload("WebcastGiftBroadcastMessage", body)


def gift_panel_update(n: int) -> Payload:
    body = {"timestamp": 1_717_200_000 + n, "strategyContext": "panel_refresh"}
    return Payload("WebcastGiftPanelUpdateMessage", body)


def gift_prompt(n: int) -> Payload:
    body = {
        "title": "Take a break?",
        "body": "You have sent many gifts today.",
        "orderId": f"sim-order-{n}",
        "orderTimestamp": 1_717_200_000 + n,
    }
    return Payload("WebcastGiftPromptMessage", body)


def guide(n: int) -> Payload:
    gift = GIFTS[n % len(GIFTS)]
    body = {
        "guideType": 1,
        "giftId": gift.id,
        "description": f"Send a {gift.name} to support the streamer",
        "duration": 5,
        "scene": "gift_guide",
    }
    return Payload("WebcastGuideMessage", body)


def im_delete(n: int) -> Payload:
    body = {"deleteMsgIds": [7_430_000_000_000 + n], "deleteUserIds": [viewer(n)["id"]]}
    return Payload("WebcastImDeleteMessage", body)


def link(n: int) -> Payload:
    body = {"messageType": 6, "linkerId": 7_462_000_000 + n, "scene": 4, "extra": "{}"}
    return Payload("WebcastLinkMessage", body)


def link_layer(n: int) -> Payload:
    body = {
        "messageType": "LINKER_CREATE",
        "channelId": 7_463_000_000 + n,
        "scene": "CO_HOST",
        "source": "sim",
        "rtcRoomId": 7_463_100_000 + n,
    }
    return Payload("WebcastLinkLayerMessage", body)


def link_mic_battle_item_card(n: int) -> Payload:
    notice = {"displayContent": text("ttlive_battle_card_award", "A booster card was awarded")}
    body = {"battleId": 7_450_000_000_000_000_000 + n, "msgType": "AWARD_CARD_NOTICE"}
    return Payload("WebcastLinkMicBattleItemCard", {**body, "awardCardNotice": notice})


def link_mic_fan_ticket(n: int) -> Payload:
    notice = {"totalLinkmicFanTicket": 1200 + n, "matchId": 7_450_000_000_000_000_000 + n}
    return Payload("WebcastLinkMicFanTicketMethod", {"fanTicketRoomNotice": notice})


def link_mic_method(n: int) -> Payload:
    other = rival()
    body = {
        "messageType": 1,
        "userId": other["id"],
        "fanTicket": 40 + n,
        "totalLinkmicFanTicket": 1200 + n,
        "channelId": 7_463_000_000 + n,
        "toUserId": other["id"],
        "tips": f"{other['nickname']} joined the LIVE",
    }
    return Payload("WebcastLinkMicMethod", body)


def link_mic_layout_state(n: int) -> Payload:
    body = {"channelId": 7_463_000_000 + n, "scene": 1, "version": 1 + n}
    return Payload("WebcastLinkMicLayoutStateMessage", body)


def link_state(n: int) -> Payload:
    body = {"channelId": 7_463_000_000 + n, "scene": "CO_HOST", "stateType": "STATE_LAYOUT"}
    return Payload("WebcastLinkStateMessage", {**body, "version": 1 + n})


def link_mic_battle_task(n: int) -> Payload:
    body = {"taskMessageType": "START", "battleId": 7_450_000_000_000_000_000 + n}
    return Payload("WebcastLinkmicBattleTaskMessage", body)


def notice(n: int) -> Payload:
    body = {
        "content": "Remember to follow the community guidelines.",
        "noticeType": 1,
        "title": text("ttlive_notice_title", "Notice"),
        "scene": "room",
    }
    return Payload("WebcastNoticeMessage", body)


def oec_live_shopping(n: int) -> Payload:
    product = {
        "title": "Sim Ring Light",
        "price": "$19.99",
        "imageUrl": f"{CDN}/product/ring_light.png",
        "productId": 1_729_000_000 + n,
        "productStatus": 1,
    }
    body = {"actionType": 1, "liveProductNumber": 3, "popProduct": product}
    return Payload("WebcastOecLiveShoppingMessage", body)


def partnership_drops_update(n: int) -> Payload:
    body = {
        "changeMode": "CHANGE_MODE_SHOW",
        "dropsId": f"drops-{n}",
        "taskId": _TASK,
        "eventId": "sim-event",
    }
    return Payload("WebcastPartnershipDropsUpdateMessage", body)


def partnership_game_offline(n: int) -> Payload:
    game = {"taskId": _TASK, "toastText": "This game task has ended", "gameId": "sim-game"}
    return Payload("WebcastPartnershipGameOfflineMessage", {"offlineGameList": [game]})


def _punish(n: int) -> dict[str, object]:
    return {
        "punishType": "comment_restricted",
        "punishReason": "spam",
        "punishId": f"punish-{n}",
        "duration": 600,
        "showReason": "Repeated comments",
    }


def partnership_punish(n: int) -> Payload:
    return Payload("WebcastPartnershipPunishMessage", {"punishInfo": _punish(n)})


def perception(n: int) -> Payload:
    dialog = {
        "title": text("ttlive_perception_title", "Keep it friendly"),
        "subTitle": text("ttlive_perception_sub", "Some comments were hidden"),
        "countDownTime": 10,
    }
    body = {"dialog": dialog, "punishInfo": _punish(n), "endTime": 1_717_200_600 + n}
    return Payload("WebcastPerceptionMessage", body)


def rank_text(n: int) -> Payload:
    body = {
        "scene": "ONLINE_AUDIENCE_TOP_N_UPDATE_PUBLIC_SCREEN",
        "ownerIdxAfterUpdate": 1 + n % 3,
        "curUserId": viewer(n)["id"],
        "content": text("ttlive_rank_text", "is now No. 1 among viewers"),
    }
    return Payload("WebcastRankTextMessage", body)


def room(n: int) -> Payload:
    body = {"content": "Welcome to the LIVE! Be kind.", "source": 1, "isWelcome": True}
    return Payload("WebcastRoomMessage", {**body, "scene": "welcome"})


def room_notify(n: int) -> Payload:
    return Payload("WebcastRoomNotifyMessage", _notify(n, "The streamer reached 1,000 likes"))


def marquee(n: int) -> Payload:
    entity = {"notify": _notify(n, "A big gift was sent in this LIVE")}
    body = {"messageScene": "gift_marquee", "messageEntity": [entity]}
    return Payload("WebcastMarqueeAnnouncementMessage", body)


def sub_pin_event(n: int) -> Payload:
    card = {
        "timeToLive": 60,
        "title": {"content": "Subscribe for badges"},
        "id": 7_464_000_000 + n,
    }
    body = {"actionType": "SUB_PIN_EVENT_MESSAGE_ACTION_TYPE_PIN", "card": card}
    return Payload("WebcastSubPinEventMessage", {**body, "operatorUserId": 0})


def unauthorized_member(n: int) -> Payload:
    body = {
        "action": 1,
        "nickName": "Guest 4821",
        "nickNamePrefix": text("ttlive_guest_prefix", "Guest"),
        "enterText": text("live_room_enter_toast", "joined"),
    }
    return Payload("WebcastUnauthorizedMemberMessage", body)


def viewer_picks_update(n: int) -> Payload:
    info = {
        "viewerPicksId": 7_465_000_000 + n,
        "viewerPicksIdStr": str(7_465_000_000 + n),
        "status": 1,
        "roundDurationSec": 120,
    }
    return Payload("WebcastViewerPicksUpdateMessage", {"updateType": 1, "info": info})


def msg_detect(n: int) -> Payload:
    timing = {"clientStartMs": 1_717_200_000_000 + n, "apiRecvTimeMs": 1_717_200_000_020 + n}
    body = {"dType": 1, "tInfo": timing, "triggerBy": 1, "fromRegion": "US"}
    return Payload("WebcastMsgDetectMessage", body)


OTHER_TYPES: dict[str, Builder] = {
    "WebcastAccessControlMessage": access_control,
    "WebcastAccessRecallMessage": access_recall,
    "WebcastBoostCardMessage": _simple(
        "WebcastBoostCardMessage", {"cards": [{"mCardId": 1, "taskSource": 1, "taskId": 7}]}
    ),
    "WebcastBottomMessage": _simple(
        "WebcastBottomMessage",
        {"content": "Comments are limited for a while", "showType": "PLUG", "duration": 5},
    ),
    "WebcastCapsuleMessage": _simple(
        "WebcastCapsuleMessage",
        {"desc": text("ttlive_capsule", "Try the new LIVE effect"), "scene": "capsule"},
    ),
    "WebcastGameRankNotifyMessage": _simple(
        "WebcastGameRankNotifyMessage",
        {"msgType": "MSG_TYPE_RANK_CHANGE", "notifyText": text("ttlive_game_rank", "Top 10")},
    ),
    "WebcastGiftBroadcastMessage": gift_broadcast,
    "WebcastGiftDynamicRestrictionMessage": _simple(
        "WebcastGiftDynamicRestrictionMessage", {"dynamicRestriction": {}}
    ),
    "WebcastGiftPanelUpdateMessage": gift_panel_update,
    "WebcastGiftPromptMessage": gift_prompt,
    "WebcastGuideMessage": guide,
    "WebcastImDeleteMessage": im_delete,
    "WebcastInRoomBannerMessage": _simple("WebcastInRoomBannerMessage", {}),
    "WebcastLinkMessage": link,
    "WebcastLinkLayerMessage": link_layer,
    "WebcastLinkMicBattleItemCard": link_mic_battle_item_card,
    "WebcastLinkMicFanTicketMethod": link_mic_fan_ticket,
    "WebcastLinkMicLayoutStateMessage": link_mic_layout_state,
    "WebcastLinkMicMethod": link_mic_method,
    "WebcastLinkStateMessage": link_state,
    "WebcastLinkmicBattleTaskMessage": link_mic_battle_task,
    "WebcastLiveGameIntroMessage": _simple(
        "WebcastLiveGameIntroMessage",
        {"content": text("ttlive_game_intro", "Playing: Sim Racer"), "hasRankInfo": True},
    ),
    "WebcastMarqueeAnnouncementMessage": marquee,
    "WebcastMsgDetectMessage": msg_detect,
    "WebcastNoticeMessage": notice,
    "WebcastOecLiveShoppingMessage": oec_live_shopping,
    "WebcastPartnershipDropsUpdateMessage": partnership_drops_update,
    "WebcastPartnershipGameOfflineMessage": partnership_game_offline,
    "WebcastPartnershipPunishMessage": partnership_punish,
    "WebcastPerceptionMessage": perception,
    "WebcastRankTextMessage": rank_text,
    "WebcastRoomMessage": room,
    "WebcastRoomNotifyMessage": room_notify,
    "WebcastRoomVerifyMessage": _simple(
        "WebcastRoomVerifyMessage",
        {"action": 1, "content": "This LIVE is being reviewed", "noticeType": 1},
    ),
    "WebcastSpeakerMessage": _simple("WebcastSpeakerMessage", {}),
    "WebcastSubPinEventMessage": sub_pin_event,
    "WebcastSystemMessage": _simple(
        "WebcastSystemMessage", {"message": "Welcome to TikTok LIVE! Be kind and respectful."}
    ),
    "WebcastToastMessage": _simple(
        "WebcastToastMessage", {"displayDurationMillisecond": 3000, "scene": "toast"}
    ),
    "WebcastUnauthorizedMemberMessage": unauthorized_member,
    "WebcastViewerPicksUpdateMessage": viewer_picks_update,
}

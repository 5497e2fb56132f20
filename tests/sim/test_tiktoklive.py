"""The real, unmodified TikTokLive 7.0.1 against the simulator: events and every LIVE scenario.

TikTokLive is pointed at the simulator exactly as docs/simulator.md describes:
``WebDefaults.tiktok_app_url = URL``, ``tiktok_webcast_url = URL + "/webcast"``,
``tiktok_sign_url = URL``, and an SSL context trusting the simulator's certificate for httpx and
for the websocket.
"""

from __future__ import annotations

import asyncio
import collections
import ssl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from TikTokLive.client import errors as live_errors
from tokgate.testing import SimulatorHandle
from websockets.exceptions import ConnectionClosedError

# Every event class TikTokLive emits but WebsocketResponseEvent (one per message): the 62 mapped
# to webcast message types and the ones it derives from them or from the connection.
CUSTOM_EVENT_NAMES = (
    "ConnectEvent",
    "DisconnectEvent",
    "UnknownEvent",
    "FollowEvent",
    "ShareEvent",
    "LiveEndEvent",
    "LivePauseEvent",
    "LiveUnpauseEvent",
    "SuperFanEvent",
    "SuperFanJoinEvent",
    "SuperFanBoxEvent",
)


@dataclass
class LiveRecorder:
    """A TikTokLive client on the simulator and the events it received, by class name."""

    client: Any
    seen: collections.Counter[str] = field(default_factory=collections.Counter)
    events: list[Any] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def record(self, event: Any) -> None:
        self.seen[type(event).__name__] += 1
        self.events.append(event)
        async with self.changed:
            self.changed.notify_all()

    async def wait_for(self, *names: str, within: float = 10.0) -> None:
        """Until every event class in ``names`` arrived at least once."""
        async with asyncio.timeout(within), self.changed:
            await self.changed.wait_for(lambda: all(self.seen[name] for name in names))

    async def wait_for_count(self, count: int, within: float = 10.0) -> None:
        """Until ``count`` events arrived."""
        async with asyncio.timeout(within), self.changed:
            await self.changed.wait_for(lambda: len(self.events) >= count)

    async def close(self) -> None:
        await self.client.disconnect()
        await self.client.web.close()


@pytest.fixture(scope="module")
def live_client(simulator: SimulatorHandle) -> Iterator[Callable[[str], LiveRecorder]]:
    """Make TikTokLive clients that talk to the simulator (WebDefaults restored after)."""
    from TikTokLive import TikTokLiveClient
    from TikTokLive import events as live_events
    from TikTokLive.client.web.web_settings import WebDefaults
    from TikTokLive.events.proto_events import EVENT_MAPPINGS

    saved = (
        WebDefaults.tiktok_app_url,
        WebDefaults.tiktok_webcast_url,
        WebDefaults.tiktok_sign_url,
    )
    WebDefaults.tiktok_app_url = simulator.url
    WebDefaults.tiktok_webcast_url = simulator.url + "/webcast"
    WebDefaults.tiktok_sign_url = simulator.url
    context: ssl.SSLContext = simulator.ssl_context()

    def make(unique_id: str) -> LiveRecorder:
        client = TikTokLiveClient(
            unique_id, web_kwargs={"httpx_kwargs": {"verify": context}}, ws_kwargs={"ssl": context}
        )
        recorder = LiveRecorder(client)
        for name in CUSTOM_EVENT_NAMES:
            client.add_listener(getattr(live_events, name), recorder.record)
        for event_class in EVENT_MAPPINGS.values():
            client.add_listener(event_class, recorder.record)
        return recorder

    yield make
    (WebDefaults.tiktok_app_url, WebDefaults.tiktok_webcast_url, WebDefaults.tiktok_sign_url) = (
        saved
    )


async def control(simulator: SimulatorHandle, method: str, path: str, **kwargs: Any) -> Any:
    """The control API without blocking the loop the TikTokLive client runs on."""
    async with httpx.AsyncClient(verify=simulator.ssl_context(), timeout=10.0) as client:
        response = await client.request(method, f"{simulator.url}/_sim/{path}", **kwargs)
        response.raise_for_status()
        return response.json()


MAIN_EVENTS = (
    "ConnectEvent",
    "CommentEvent",
    "GiftEvent",
    "LikeEvent",
    "JoinEvent",
    "FollowEvent",
    "ShareEvent",
    "RoomUserSeqEvent",
    "UnknownEvent",
)
Factory = Callable[[str], LiveRecorder]


async def test_sim_live_delivers_every_main_event_type(
    live_client: Factory, simulator: SimulatorHandle
) -> None:
    recorder = live_client("sim_live")
    try:
        task = await recorder.client.start(fetch_room_info=True, fetch_gift_info=True)
        await recorder.wait_for(*MAIN_EVENTS)
        assert not task.done()
        assert recorder.client.room_info["id_str"] == str(recorder.client.room_id)
        assert recorder.client.gift_info["gifts"]
        counters = await control(simulator, "GET", "counters")
        assert counters["open_websockets"] == {"sim_live": 1}
    finally:
        await recorder.close()
    gifts = [event for event in recorder.events if type(event).__name__ == "GiftEvent"]
    assert any(gift.streaking for gift in gifts), "a gift streak in progress"
    assert any(gift.gift.type == 1 and not gift.streaking for gift in gifts), "a streak's end"
    comments = [event for event in recorder.events if type(event).__name__ == "CommentEvent"]
    assert all(comment.content and comment.user.display_id for comment in comments)
    counters = await control(simulator, "GET", "counters")
    assert counters["enter_room_received"] >= 1
    assert counters["acks_received"] >= 1
    assert counters["websocket_opens_by_room"]["sim_live"] == 1
    assert counters["sign_requests_by_room"]["sim_live"] == 1
    assert counters["http_requests"]["GET /@{unique_id}/live"] >= 1


async def test_events_are_deterministic_for_a_seed(live_client: Factory) -> None:
    orders = []
    for _ in range(2):
        recorder = live_client("sim_live")
        try:
            await recorder.client.start()
            await recorder.wait_for("ConnectEvent")
            await recorder.wait_for_count(30)
        finally:
            await recorder.close()
        orders.append([type(event).__name__ for event in recorder.events[:30]])
    assert orders[0] == orders[1]


@pytest.mark.parametrize(
    ("unique_id", "error", "reason"),
    [
        ("sim_offline", live_errors.UserOfflineError, None),
        ("sim_not_found", live_errors.UserNotFoundError, None),
        ("thisisnotarealuser12345", live_errors.UserNotFoundError, None),
        ("sim_sign_rate_limited", live_errors.SignatureRateLimitError, "RATE_LIMIT"),
        ("sim_sign_429_bare", TypeError, None),
        ("sim_sign_error", live_errors.SignAPIError, "SIGN_NOT_200"),
        ("sim_sign_empty", live_errors.SignAPIError, "EMPTY_PAYLOAD"),
        ("sim_no_cookies", live_errors.SignAPIError, "EMPTY_COOKIES"),
    ],
)
async def test_start_raises(
    live_client: Factory, unique_id: str, error: type[BaseException], reason: str | None
) -> None:
    recorder = live_client(unique_id)
    try:
        with pytest.raises(error) as raised:
            await recorder.client.start()
    finally:
        await recorder.close()
    if reason is not None:
        assert raised.value.reason.name == reason  # type: ignore[attr-defined]
    if error is live_errors.SignAPIError:
        assert type(raised.value) is live_errors.SignAPIError, "a bare SignAPIError"


async def test_sign_rate_limit_carries_its_headers(live_client: Factory) -> None:
    recorder = live_client("sim_sign_rate_limited")
    try:
        with pytest.raises(live_errors.SignatureRateLimitError) as raised:
            await recorder.client.start()
    finally:
        await recorder.close()
    error = raised.value
    assert error.retry_after == 0  # TikTokLive reads RateLimit-Remaining as the delay
    assert error.reset_time > 1_700_000_000  # a unix timestamp
    assert error.log_id and error.agent_id == "sim-agent-1"
    assert error.response is not None
    assert error.response.headers["Retry-After"] == "1"


async def test_age_restriction_shows_with_room_info(live_client: Factory) -> None:
    recorder = live_client("sim_age_restricted")
    try:
        with pytest.raises(live_errors.AgeRestrictedError):
            await recorder.client.start(fetch_room_info=True)
    finally:
        await recorder.close()
    unchecked = live_client("sim_age_restricted")
    try:
        await unchecked.client.start()  # without room info, nothing notices
        await unchecked.wait_for("ConnectEvent", "CommentEvent")
    finally:
        await unchecked.close()


@pytest.mark.parametrize(
    ("unique_id", "error"),
    [
        ("sim_no_cursor", live_errors.InitialCursorMissingError),
        ("sim_no_ws_url", live_errors.WebsocketURLMissingError),
        ("sim_blocked", live_errors.WebcastBlockedError),
        ("sim_malformed", EOFError),
    ],
)
async def test_connection_task_raises(
    live_client: Factory, unique_id: str, error: type[BaseException]
) -> None:
    recorder = live_client(unique_id)
    try:
        task = await recorder.client.start()
        with pytest.raises(error):
            await asyncio.wait_for(task, 10)
    finally:
        await recorder.close()
    if unique_id == "sim_malformed":
        assert recorder.seen["ConnectEvent"] == 1


async def test_drop_closes_1011_then_the_room_is_live_again(live_client: Factory) -> None:
    first = live_client("sim_drop")
    try:
        task = await first.client.start()
        with pytest.raises(ConnectionClosedError) as raised:
            await asyncio.wait_for(task, 10)
    finally:
        await first.close()
    assert raised.value.rcvd is not None and raised.value.rcvd.code == 1011
    assert first.seen["CommentEvent"] + first.seen["LikeEvent"] > 0
    second = live_client("sim_drop")
    try:
        await second.client.start()
        await second.wait_for("CommentEvent")
        await asyncio.sleep(0.7)  # past --drop-after: this connection stays
        assert second.client.connected
    finally:
        await second.close()


async def test_silent_websocket_sends_nothing(
    live_client: Factory, simulator: SimulatorHandle
) -> None:
    recorder = live_client("sim_silent")
    try:
        task = await recorder.client.start()
        await asyncio.sleep(1.0)
        assert not task.done()
        assert (await control(simulator, "GET", "counters"))["open_websockets"] == {"sim_silent": 1}
    finally:
        await recorder.close()
    assert set(recorder.seen) <= {"ConnectEvent", "DisconnectEvent"}


async def test_live_end_ends_and_goes_offline(
    live_client: Factory, simulator: SimulatorHandle
) -> None:
    recorder = live_client("sim_live_end")
    try:
        task = await recorder.client.start()
        await recorder.wait_for("LiveEndEvent", "DisconnectEvent")
        await asyncio.wait_for(task, 5)
    finally:
        await recorder.close()
    assert recorder.seen["CommentEvent"] + recorder.seen["GiftEvent"] > 0
    after = live_client("sim_live_end")
    try:
        with pytest.raises(live_errors.UserOfflineError):
            await after.client.start()
    finally:
        await after.close()
    await control(simulator, "POST", "rooms/sim_live_end", json={"live": True})


async def test_control_api_drives_a_room(live_client: Factory, simulator: SimulatorHandle) -> None:
    """Any valid name: offline until put live; then drop, armed sign fault, end."""
    offline = live_client("ctl_streamer")
    try:
        with pytest.raises(live_errors.UserOfflineError):
            await offline.client.start()
    finally:
        await offline.close()

    await control(simulator, "POST", "rooms/ctl_streamer", json={"live": True, "event_rate": 50})
    dropped = live_client("ctl_streamer")
    try:
        task = await dropped.client.start()
        await dropped.wait_for("CommentEvent")
        assert (await control(simulator, "POST", "rooms/ctl_streamer/drop"))[
            "dropped_websockets"
        ] == 1
        with pytest.raises(ConnectionClosedError):
            await asyncio.wait_for(task, 5)
    finally:
        await dropped.close()

    await control(simulator, "POST", "rooms/ctl_streamer/fault", json={"fault": "server_error"})
    armed = live_client("ctl_streamer")
    try:
        with pytest.raises(live_errors.SignAPIError):
            await armed.client.start()
    finally:
        await armed.close()

    ended = live_client("ctl_streamer")
    try:
        await ended.client.start()
        await ended.wait_for("CommentEvent")
        await control(simulator, "POST", "rooms/ctl_streamer/end")
        await ended.wait_for("LiveEndEvent", "DisconnectEvent")
    finally:
        await ended.close()
    room = await control(simulator, "GET", "rooms/ctl_streamer")
    assert room["live"] is False
    assert room["open_websockets"] == 0


async def test_control_api_stream_faults(live_client: Factory, simulator: SimulatorHandle) -> None:
    """Armed handshake block; silence and resume; one corrupt frame on demand."""
    await control(simulator, "POST", "rooms/ctl_faults", json={"live": True, "event_rate": 50})
    await control(simulator, "POST", "rooms/ctl_faults/fault", json={"fault": "blocked"})
    blocked = live_client("ctl_faults")
    try:
        task = await blocked.client.start()
        with pytest.raises(live_errors.WebcastBlockedError):
            await asyncio.wait_for(task, 5)
    finally:
        await blocked.close()

    recorder = live_client("ctl_faults")
    try:
        task = await recorder.client.start()
        await recorder.wait_for("CommentEvent")
        await control(simulator, "POST", "rooms/ctl_faults/fault", json={"fault": "silence"})
        await asyncio.sleep(0.3)
        before = len(recorder.events)
        await asyncio.sleep(0.5)
        assert len(recorder.events) == before
        await control(simulator, "POST", "rooms/ctl_faults/fault", json={"fault": "resume"})
        await recorder.wait_for_count(before + 5)
        await control(simulator, "POST", "rooms/ctl_faults/fault", json={"fault": "malformed"})
        with pytest.raises(EOFError):
            await asyncio.wait_for(task, 5)
    finally:
        await recorder.close()


async def test_every_type_arrives_as_its_event_class(live_client: Factory) -> None:
    """sim_every_type: each of the 62 message types TikTokLive maps is parsed into its class."""
    from TikTokLive.events.proto_events import EVENT_MAPPINGS

    names = {event_class.__name__ for event_class in EVENT_MAPPINGS.values()}
    assert len(EVENT_MAPPINGS) == 62
    recorder = live_client("sim_every_type")
    try:
        task = await recorder.client.start()
        await recorder.wait_for(*names, within=20)
        assert not task.done()
    finally:
        await recorder.close()
    assert recorder.seen["LivePauseEvent"] >= 1, "its control message is a pause"
    assert recorder.seen["UnknownEvent"] == 0 and recorder.seen["LiveEndEvent"] == 0
    by_class = {type(event).__name__: event for event in recorder.events}
    assert by_class["QuestionNewEvent"].data.content.endswith("?")
    assert by_class["LinkMicBattleEvent"].battle_id
    assert by_class["CaptionEvent"].content[0].content
    assert by_class["SystemEvent"].message


async def test_every_event_adds_each_content_dependent_event(live_client: Factory) -> None:
    """sim_every_event: the 62 types, then the variants one message per type cannot show."""
    from TikTokLive.events.proto_events import EVENT_MAPPINGS

    names = {event_class.__name__ for event_class in EVENT_MAPPINGS.values()}
    custom = ("LiveUnpauseEvent", "FollowEvent", "ShareEvent", "SuperFanBoxEvent")
    recorder = live_client("sim_every_event")
    try:
        task = await recorder.client.start()
        await recorder.wait_for(*names, "LivePauseEvent", *custom, within=20)
        assert not task.done()
    finally:
        await recorder.close()
    assert recorder.seen["UnknownEvent"] == 0 and recorder.seen["LiveEndEvent"] == 0
    events = recorder.events
    socials = {event.action for event in events if type(event).__name__ == "SocialEvent"}
    assert {1, 3, 5} <= socials, "a follow, a share and another social action"
    notices = {
        event.message_type.name for event in events if type(event).__name__ == "SubNotifyEvent"
    }
    assert "SUB_SUCCESS" in notices and len(notices) >= 2, notices
    keys = {event.content.key for event in events if type(event).__name__ == "BarrageEvent"}
    assert any("ttlive_superfan" in key for key in keys)
    assert any("ttlive_superfan" not in key for key in keys)


def test_sim_lives_mix_weighs_every_overlay_kind_and_chat_likes_joins_dominate() -> None:
    """Every overlay kind is in sim_live's mix, rarer than joins, while chat, likes and joins
    are most of it. That TikTokLive parses each kind's messages is shown deterministically by
    sim_every_event above; watching the random mix for its rarest kinds (1 in 1,000 draws)
    would only test how fast this machine is."""
    from tokgate.sim.programs import EVENT_MIX, UNKNOWN_KIND, mix_kinds

    weights = dict(EVENT_MIX)
    overlay = {
        "emote_chat", "caption", "subscribe", "repost", "barrage", "sub_notify", "question",
        "goal_update", "rank_update", "envelope", "poll", "room_pin", "battle", "hourly_rank",
        "live_intro", "pause",
    }  # fmt: skip
    assert overlay <= {kind for kind, weight in weights.items() if weight > 0}
    assert set(weights) - {UNKNOWN_KIND} == set(mix_kinds())
    assert all(weights[kind] < weights["join"] / 10 for kind in overlay)
    assert weights["chat"] + weights["like"] + weights["join"] > sum(weights.values()) / 2
    # Subscription notices are both new subscriptions and other notices (two event types).
    notices = {payload.body["messageType"] for [payload] in mix_kinds()["sub_notify"]}
    assert "SUB_SUCCESS" in notices and len(notices) > 1, notices


async def test_sim_battle_runs_a_full_battle(live_client: Factory) -> None:
    """sim_battle from the start of a connection: the streamer's win, then the rival's."""
    battle_names = (
        "LinkMicBattleEvent", "GiftEvent", "LinkMicArmiesEvent", "LinkMicBattlePunishFinishEvent",
    )  # fmt: skip
    recorder = live_client("sim_battle")
    try:
        await recorder.client.start()
        async with asyncio.timeout(15), recorder.changed:
            await recorder.changed.wait_for(
                lambda: recorder.seen["LinkMicBattlePunishFinishEvent"] >= 2
            )
    finally:
        await recorder.close()
    sequence = [event for event in recorder.events if type(event).__name__ in battle_names]
    first, second = sequence[:16], sequence[16:32]
    rounds = ["GiftEvent", "LinkMicArmiesEvent"] * 6
    for battle in (first, second):
        assert [type(event).__name__ for event in battle] == [
            "LinkMicBattleEvent", *rounds, "LinkMicArmiesEvent", "LinkMicBattleEvent",
            "LinkMicBattlePunishFinishEvent",
        ]  # fmt: skip
        opened, finished = battle[0], battle[-2]
        assert opened.action.name == "OPEN" and finished.action.name == "FINISH"
        assert len(opened.anchors_info) == 2 and battle[-3].trigger_reason.name == "BATTLE_END"
        final = {anchor: army.hostscore for anchor, army in battle[-3].armies.items()}
        winner = max(final, key=lambda anchor: final[anchor])
        results = {anchor: result.result.name for anchor, result in finished.battle_result.items()}
        assert results[winner] == "WIN" and sorted(results.values()) == ["LOSE", "WIN"]
        assert {result.score for result in finished.battle_result.values()} == set(final.values())
        # Each side scores the diamonds of the gifts sent to its streamer, as on TikTok.
        diamonds = {anchor: 0 for anchor in final}
        for gift in battle[1:-3:2]:
            diamonds[gift.to_user.id] += gift.gift.diamond_count * gift.repeat_count
        assert diamonds == final
    first_winner = max(first[-3].armies.items(), key=lambda item: item[1].hostscore)[0]
    second_winner = max(second[-3].armies.items(), key=lambda item: item[1].hostscore)[0]
    assert first_winner != second_winner, "the streamer wins the first, the rival the second"


def test_every_battle_scores_its_gifts_diamonds_and_the_chosen_side_wins() -> None:
    """The mix's short battles too: scores follow the gifts' diamonds, never tie, and the
    side the caller chose wins."""
    from tokgate.sim.battle import battle
    from tokgate.sim.programs import BATTLE_ROUNDS, MIX_BATTLE_ROUNDS, VARIANTS
    from tokgate.sim.viewers import streamer

    host = streamer("sim_live")
    for rounds in (MIX_BATTLE_ROUNDS, BATTLE_ROUNDS):
        for n in range(VARIANTS):
            for host_wins in (True, False):
                sequence = battle(host, n, rounds, host_wins)
                diamonds = {host["id"]: 0}
                for payload in sequence:
                    if payload.method == "WebcastGiftMessage":
                        side = payload.body["toUser"]["id"]
                        gift_diamonds = payload.body["gift"]["diamondCount"]
                        diamonds[side] = (
                            diamonds.get(side, 0) + gift_diamonds * payload.body["repeatCount"]
                        )
                finished = [p for p in sequence if p.method == "WebcastLinkMicBattle"][-1]
                results = finished.body["battleResult"]
                assert {anchor: r["score"] for anchor, r in results.items()} == diamonds
                winner = max(diamonds, key=lambda anchor: diamonds[anchor])
                assert len(set(diamonds.values())) == 2, diamonds
                assert (winner == host["id"]) == host_wins
                assert results[winner]["result"] == "WIN"


def test_room_info_keeps_its_start_time_until_a_new_live(monkeypatch: pytest.MonkeyPatch) -> None:
    """A room's LIVE started once: room info says the same start time on every request, and a
    new one only when the room goes live again."""
    from tokgate.sim import state as sim_state
    from tokgate.sim.webcast import room_info_data

    now = [1_800_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    room = sim_state.SimState(seed=1, timing=sim_state.Timing()).room("sim_live")
    first = room_info_data(room)
    now[0] += 90
    assert room_info_data(room) == first and first["start_time"] == 1_800_000_000 - 600
    room.go_live()  # already live: the same LIVE
    assert room_info_data(room)["start_time"] == first["start_time"]
    room.live = False
    assert room_info_data(room)["start_time"] == 0
    room.go_live()
    assert room_info_data(room)["start_time"] == 1_800_000_090


async def test_room_info_and_gift_list_with_tiktoklives_web_client(
    live_client: Factory, simulator: SimulatorHandle
) -> None:
    recorder = live_client("sim_live")
    web = recorder.client.web
    try:
        room_id = int((await control(simulator, "GET", "rooms/sim_live"))["room_id"])
        before = (await control(simulator, "GET", "counters"))["http_requests"]
        info = await web.fetch_room_info(room_id=room_id)
        by_user = await web.fetch_room_info(unique_id="sim_live")
        gifts = (await web.fetch_gift_list())["gifts"]
        with pytest.raises(live_errors.AgeRestrictedError):
            await web.fetch_room_info(room_id=123)  # TikTokLive's reading of "no such room"
        after = (await control(simulator, "GET", "counters"))["http_requests"]
    finally:
        await recorder.close()
    assert info == by_user
    assert info["id_str"] == str(room_id) and info["status"] == 2 and info["title"]
    assert info["owner"]["display_id"] == "sim_live" and info["owner"]["follow_info"]
    assert info["user_count"] > 0 and info["stats"]["like_count"] > 0 and info["start_time"]
    assert info["cover"]["url_list"] and info["age_restricted"]["restricted"] is False
    assert set(info["stream_url"]["flv_pull_url"]) == {"FULL_HD1", "HD1", "SD1", "SD2"}
    assert set(info["stream_url"]["hls_pull_url_map"]) == {"FULL_HD1", "HD1", "SD1", "SD2"}
    assert info["lang"] and info["region"]
    assert {"Rose", "Lion"} <= {gift["name"] for gift in gifts}
    for gift in gifts:
        assert gift["id"] and gift["diamond_count"] > 0 and gift["image"]["url_list"]
        assert gift["combo"] is (gift["type"] == 1)
    room_route = "GET /webcast/room/info/"
    assert after[room_route] - before.get(room_route, 0) == 2
    assert after["GET /webcast/gift/list/"] - before.get("GET /webcast/gift/list/", 0) == 1
    async with httpx.AsyncClient(verify=simulator.ssl_context()) as client:
        unknown = await client.get(f"{simulator.url}/webcast/room/info/", params={"room_id": 123})
    assert unknown.json()["status_code"] == 4003102
    assert unknown.json()["data"] == {"message": "room not found"}


async def test_gift_events_match_the_gift_list(live_client: Factory) -> None:
    recorder = live_client("sim_live")
    try:
        await recorder.client.start(fetch_gift_info=True)
        await recorder.wait_for("GiftEvent")
        catalogue = {gift["id"]: gift for gift in recorder.client.gift_info["gifts"]}
    finally:
        await recorder.close()
    for event in (e for e in recorder.events if type(e).__name__ == "GiftEvent"):
        listed = catalogue[event.gift.id]
        assert (event.gift.name, event.gift.diamond_count) == (
            listed["name"], listed["diamond_count"]
        )  # fmt: skip
        assert event.gift.combo is listed["combo"]

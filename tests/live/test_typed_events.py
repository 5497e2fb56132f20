"""Every typed event, end to end: the simulator's TikTok messages through a real tokgate serve to
a client, and `tokgate watch`'s one line for each.

The simulator's `sim_every_event` plays each of the 62 message types TikTokLive maps, in turn,
then each message whose event depends on its content; `sim_battle` plays a whole link-mic
battle. The watch lines are also checked on events built here, so every member of LiveEvent
has a readable line.
"""

from __future__ import annotations

import asyncio
import io
import time

import grpc
import pytest
from tokgate.console.event_lines import format_event
from tokgate.console.watch import watch
from tokgate.testing import ServerHandle
from tokgate.v1 import live_pb2, live_pb2_grpc

ET = live_pb2.EventType
# The members a LIVE's TikTok messages can become (not CONNECTED, STREAM_STATUS, LIVE_ENDED).
WEBCAST_MEMBERS = {
    field.name
    for field in live_pb2.LiveEvent.DESCRIPTOR.oneofs_by_name["event"].fields
    if field.name not in {"connected", "status", "live_ended"}
}


async def _kinds(
    server: ServerHandle,
    unique_id: str,
    seconds: float,
    event_types: tuple[live_pb2.EventType.ValueType, ...] = (),
    *,
    until: set[str] | None = None,
) -> list[live_pb2.LiveEvent]:
    """The events of one stream for `seconds`, or until every member of `until` has come."""
    events: list[live_pb2.LiveEvent] = []
    missing = set(until or ())
    async with server.aio_channel() as channel:
        stub = live_pb2_grpc.LiveServiceStub(channel)
        call = stub.StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=unique_id, event_types=event_types)
        )
        try:
            async with asyncio.timeout(seconds):
                async for response in call:
                    events.append(response.event)
                    missing.discard(str(response.event.WhichOneof("event")))
                    if until is not None and not missing:
                        call.cancel()
                        break
        except TimeoutError:
            call.cancel()
        except grpc.aio.AioRpcError as err:
            pytest.fail(f"the stream failed: {err.code()} {err.details()}")
    return events


async def test_every_message_type_arrives_typed_or_as_other(server: ServerHandle) -> None:
    # sim_every_event: the 62 types, then the messages whose member depends on their content (a
    # sub notice and a subscription, a plain and a super-fan barrage, a social action that is
    # neither follow nor share, ...): one loop is every member a TikTok message can become. Read
    # until each has come (a loop takes about 5 s; the room's first request also loads
    # TikTokLive, which took 8 s of a fixed window on a slow host).
    events = await _kinds(server, "sim_every_event", seconds=45, until=WEBCAST_MEMBERS)
    kinds = {event.WhichOneof("event") for event in events}
    assert kinds >= WEBCAST_MEMBERS, sorted(WEBCAST_MEMBERS - kinds)
    others = {event.other.type_name for event in events if event.HasField("other")}
    assert "WebcastChatMessage" not in others and "WebcastLinkMicBattle" not in others
    # A typed event always says something: its member is set and its line is not empty.
    for event in events:
        assert event.WhichOneof("event") is not None
        assert "(empty event)" not in format_event(event)


async def test_events_carry_when_tiktok_created_them(server: ServerHandle) -> None:
    # The simulator stamps each message's header (create_time, ms) as it sends its frame; every
    # event made from a TikTok message carries it, OTHER too, and tokgate's own events none.
    started = time.time()
    events = await _kinds(server, "sim_every_event", seconds=3)
    made_here = {"connected", "status"}
    from_tiktok = [event for event in events if event.WhichOneof("event") not in made_here]
    assert from_tiktok and any(event.HasField("other") for event in from_tiktok)
    for event in from_tiktok:
        assert event.HasField("created_at"), event.WhichOneof("event")
        created, received = event.created_at.ToNanoseconds(), event.received_at.ToNanoseconds()
        assert started - 5 < created / 1e9 < time.time() + 1
        assert created <= received < created + 5_000_000_000  # one clock: sent, then received
    made = [event for event in events if event.WhichOneof("event") in made_here]
    assert made and all(not event.HasField("created_at") for event in made)
    assert events[0].HasField("connected")


async def test_a_filter_of_new_types_gets_only_them(server: ServerHandle) -> None:
    wanted = (ET.EVENT_TYPE_BATTLE, ET.EVENT_TYPE_BATTLE_ARMIES)
    events = await _kinds(server, "sim_battle", seconds=4, event_types=wanted)
    kinds = [event.WhichOneof("event") for event in events]
    assert kinds[0] == "connected"
    assert set(kinds[1:]) == {"battle", "battle_armies"}
    battles = [event.battle for event in events if event.HasField("battle")]
    assert any(battle.action == live_pb2.BATTLE_ACTION_START for battle in battles)
    assert all(battle.battle_id for battle in battles)


async def test_watch_prints_a_battle(server: ServerHandle) -> None:
    out = io.StringIO()
    assert await watch(server.address, "@sim_battle", duration=4, out=out) == 0
    lines = out.getvalue().splitlines()
    assert any("battle start:" in line and " vs " in line for line in lines), lines
    assert any("battle score" in line for line in lines), lines


def test_every_member_has_a_line() -> None:
    for name in WEBCAST_MEMBERS | {"connected", "status", "live_ended"}:
        event = live_pb2.LiveEvent(sequence=7)
        getattr(event, name).SetInParent()
        line = format_event(event)
        assert line.startswith("     7 ") and "(empty event)" not in line, name
    assert format_event(live_pb2.LiveEvent(sequence=8)).endswith("(empty event)")


def _user(nickname: str, unique_id: str, **fields: object) -> live_pb2.LiveUser:
    return live_pb2.LiveUser(nickname=nickname, unique_id=unique_id, **fields)  # type: ignore[arg-type]


def test_lines_say_what_happened() -> None:
    host_a, host_b = _user("Mila", "mila"), _user("Kenji", "kenji")
    finished = live_pb2.LiveEvent(
        battle=live_pb2.BattleEvent(
            action=live_pb2.BATTLE_ACTION_FINISH,
            teams=[
                live_pb2.BattleTeam(hosts=[host_a], score=420, outcome=live_pb2.BATTLE_OUTCOME_WIN),
                live_pb2.BattleTeam(
                    hosts=[host_b], score=300, outcome=live_pb2.BATTLE_OUTCOME_LOSE
                ),
            ],
        )
    )
    assert format_event(finished).endswith(
        "battle finish: Mila (@mila) 420 WIN vs Kenji (@kenji) 300 LOSE"
    )
    moderator = _user("Ines", "ines", is_moderator=True)
    question = live_pb2.LiveEvent(question=live_pb2.QuestionEvent(user=moderator, text="Why?"))
    assert format_event(question).endswith("Ines (@ines) [mod] asked: Why?")
    chest = live_pb2.LiveEvent(
        envelope=live_pb2.EnvelopeEvent(sender=host_a, diamond_count=500, people_count=20)
    )
    assert format_event(chest).endswith(
        "Mila (@mila) dropped a treasure chest: 500 diamonds for 20 viewers"
    )
    poll = live_pb2.LiveEvent(
        poll=live_pb2.PollEvent(
            action=live_pb2.POLL_ACTION_END,
            title="Dinner?",
            options=[
                live_pb2.PollOption(text="Pizza", votes=12),
                live_pb2.PollOption(text="Sushi", votes=9),
            ],
        )
    )
    assert format_event(poll).endswith("poll end 'Dinner?': Pizza 12, Sushi 9")
    fan = live_pb2.LiveEvent(
        super_fan=live_pb2.SuperFanEvent(user=host_b, action=live_pb2.SUPER_FAN_ACTION_BECAME)
    )
    assert format_event(fan).endswith("Kenji (@kenji) became a super fan")
    paused = live_pb2.LiveEvent(live_pause=live_pb2.LivePauseEvent(paused=True))
    assert format_event(paused).endswith("the LIVE is paused")
    subscribed = live_pb2.LiveEvent(
        subscribe=live_pb2.SubscribeEvent(user=host_b, sub_months=3, resubscribe=True)
    )
    assert format_event(subscribed).endswith("Kenji (@kenji) resubscribed for 3 months")

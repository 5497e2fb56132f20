"""The event_types filter as the contract words it (docs/live.md, "A stream"): a filtered
subscriber still gets CONNECTED, every STREAM_STATUS and LIVE_ENDED; every upstream message
is numbered before filtering, so subscribers with different filters see the same sequence for
the same event and gaps exactly where their filter removed events.

One broadcast, recorded once for the module: two filtered subscribers wait for a LIVE that
starts, is dropped (RECONNECTING, RESUMED) and ends; an unfiltered third resumes from the
first event they saw and so receives every event numbered after it, from the room's history
and then live.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc

ET = live_pb2.EventType
ST = live_pb2.StreamState
ROOM = "filter_contract"
# Each subscriber's filter: the event types it asks for and the LiveEvent members they are.
COMMENTS = {ET.EVENT_TYPE_COMMENT: "comment"}
GIFTS_AND_LIKES = {ET.EVENT_TYPE_GIFT: "gift", ET.EVENT_TYPE_LIKE: "like"}
# What every subscriber gets whatever its filter says (StreamEventsRequest.event_types).
ALWAYS = {"connected", "status", "live_ended"}


@pytest.fixture(scope="module")
def server_args(server_args: list[str]) -> list[str]:
    """The live tests' server, with a history that still holds the broadcast's start when
    the third subscriber resumes from it."""
    return [*server_args, "--room-history-max-age", "60"]


@dataclass
class Watcher:
    """One StreamEvents call read to its end in the background."""

    call: grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse]
    events: list[live_pb2.LiveEvent] = field(default_factory=list)
    task: asyncio.Task[None] | None = None

    @classmethod
    def open(
        cls, stub: live_pb2_grpc.LiveServiceAsyncStub, request: live_pb2.StreamEventsRequest
    ) -> Watcher:
        watcher = cls(stub.StreamEvents(request, timeout=120))
        watcher.task = asyncio.create_task(watcher._read())
        return watcher

    async def _read(self) -> None:
        async for response in self.call:
            self.events.append(response.event)

    async def end_ok(self) -> None:
        assert self.task is not None
        await asyncio.wait_for(self.task, 30)
        assert await self.call.code() == grpc.StatusCode.OK

    def kinds(self) -> list[str | None]:
        return [event.WhichOneof("event") for event in self.events]

    def states(self) -> list[int]:
        return [event.status.state for event in self.events if event.HasField("status")]


@dataclass(frozen=True)
class Broadcast:
    comments: list[live_pb2.LiveEvent]
    gifts_and_likes: list[live_pb2.LiveEvent]
    # The unfiltered subscriber: every event numbered after ``start``.
    everything: list[live_pb2.LiveEvent]
    # The first event either filtered subscriber saw.
    start: live_pb2.LiveEvent
    # Events up to here were numbered while only the two filtered subscribers were there.
    numbered_before_everything: int


async def eventually(check: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


def filtered(types: Collection[live_pb2.EventType.ValueType]) -> live_pb2.StreamEventsRequest:
    return live_pb2.StreamEventsRequest(unique_id=ROOM, event_types=types, wait_until_live=True)


@pytest.fixture(scope="module")
async def broadcast(server: ServerHandle, simulator: SimulatorHandle) -> Broadcast:
    async with server.aio_channel() as channel:
        live = live_pb2_grpc.LiveServiceStub(channel)
        admin = admin_pb2_grpc.AdminServiceStub(channel)
        comments = Watcher.open(live, filtered(COMMENTS))
        gifts_and_likes = Watcher.open(live, filtered(GIFTS_AND_LIKES))

        async def waiting_with_both() -> bool:
            answer = await admin.ListRooms(admin_pb2.ListRoomsRequest())
            return any(
                room.unique_id == ROOM
                and room.state == admin_pb2.ROOM_STATE_WAITING_FOR_LIVE
                and room.subscriber_count == 2
                for room in answer.rooms
            )

        deadline = time.monotonic() + 30
        while not await waiting_with_both():  # both joined, the room found the streamer offline
            assert time.monotonic() < deadline, "the room did not wait for the LIVE in time"
            await asyncio.sleep(0.05)
        simulator.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": 100})
        filtered_ones = (comments, gifts_and_likes)
        await eventually(lambda: all(len(w.events) >= 15 for w in filtered_ones))
        start = min((w.events[0] for w in filtered_ones), key=lambda event: event.sequence)
        numbered = max(w.events[-1].sequence for w in filtered_ones)
        position = live_pb2.StreamPosition(sequence=start.sequence, epoch=start.epoch)
        everything = Watcher.open(
            live, live_pb2.StreamEventsRequest(unique_id=ROOM, resume_from=position)
        )
        await eventually(
            lambda: bool(everything.events) and everything.events[-1].sequence > numbered
        )
        simulator.control("POST", f"rooms/{ROOM}/drop")
        await eventually(lambda: ST.STREAM_STATE_RESUMED in everything.states())
        resumed = len(everything.events)
        await eventually(lambda: len(everything.events) >= resumed + 50)
        simulator.control("POST", f"rooms/{ROOM}/end")
        for watcher in (*filtered_ones, everything):
            await watcher.end_ok()
    return Broadcast(comments.events, gifts_and_likes.events, everything.events, start, numbered)


@pytest.mark.parametrize("name", ["comments", "gifts_and_likes"])
def test_a_filtered_subscriber_still_gets_connected_every_status_and_live_ended(
    broadcast: Broadcast, name: str
) -> None:
    events: list[live_pb2.LiveEvent] = getattr(broadcast, name)
    kinds = [event.WhichOneof("event") for event in events]
    wanted = set((COMMENTS if name == "comments" else GIFTS_AND_LIKES).values())
    assert set(kinds) <= wanted | ALWAYS
    assert wanted <= set(kinds)
    assert "connected" in kinds and kinds[-1] == "live_ended"
    states = [event.status.state for event in events if event.HasField("status")]
    waiting, reconnecting, resumed = (
        ST.STREAM_STATE_WAITING_FOR_LIVE,
        ST.STREAM_STATE_RECONNECTING,
        ST.STREAM_STATE_RESUMED,
    )
    assert waiting in states and reconnecting in states and resumed in states
    assert states.index(reconnecting) < states.index(resumed)


@pytest.mark.parametrize("name", ["comments", "gifts_and_likes"])
def test_a_filtered_subscriber_sees_the_rooms_numbering_with_gaps_where_it_filtered(
    broadcast: Broadcast, name: str
) -> None:
    everything = broadcast.everything
    sequences = [event.sequence for event in everything]
    first = broadcast.start.sequence + 1
    assert sequences == list(range(first, first + len(sequences)))  # nothing lost
    wanted = set((COMMENTS if name == "comments" else GIFTS_AND_LIKES).values()) | ALWAYS
    expected = [event for event in everything if event.WhichOneof("event") in wanted]
    got = [event for event in getattr(broadcast, name) if event.sequence >= first]
    # The same events, each with the sequence (and everything else) the room gave it.
    assert [e.sequence for e in got] == [e.sequence for e in expected]
    assert got == expected


def test_events_nobody_asked_for_are_numbered_too(broadcast: Broadcast) -> None:
    """Before the unfiltered subscriber came, each event was wanted by one filtered subscriber
    or by none: those wanted by none are numbered all the same (the others see the gaps)."""
    wanted = set(COMMENTS.values()) | set(GIFTS_AND_LIKES.values()) | ALWAYS
    early = [e for e in broadcast.everything if e.sequence <= broadcast.numbered_before_everything]
    unwanted = [e for e in early if e.WhichOneof("event") not in wanted]
    assert len(unwanted) >= 10, [e.WhichOneof("event") for e in early]
    seen = {e.sequence for e in (*broadcast.comments, *broadcast.gifts_and_likes)}
    assert not seen & {e.sequence for e in unwanted}

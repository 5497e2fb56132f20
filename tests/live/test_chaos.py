"""Chaos: 20 subscribers over 5 rooms while the simulator misbehaves at random, restarts with a
new certificate included; then quiet, and everything must come back.

For 25 s (``--soak``: 10 minutes) a seeded schedule injects, every second or two, one
of: a dropped websocket (1011), a corrupt frame, a silence, a refused sign request (429, then a
drop so the room signs again), the LIVE's end and its return, and a restart of the simulator
process (a new certificate, written where the server reads it). The subscribers read like a
real client: a stream that ends is reopened from its last position (``resume_from``) with
``wait_until_live``.

Invariants, checked on every event of every stream:
- a stream either goes on or ends typed (an ErrorDetail on every non-OK status);
- sequences never go backwards within an epoch, and an epoch changes only after a RESUME_GAP;
- every gap in a subscriber's sequence is reported in-band (EVENTS_DROPPED or RESUME_GAP
  covering it);
- after the faults stop, every room delivers events again to every subscriber;
- once the subscribers leave, ListRooms, tokgate_live_rooms and tokgate_live_subscribers
  return to their baseline.
A summary table of the faults injected and the outcomes is printed (``pytest -s`` shows it).
"""

from __future__ import annotations

import asyncio
import collections
import random
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

if TYPE_CHECKING:
    from tests.conftest import Tier

ROOMS = [f"chaos_{index}" for index in range(5)]
PER_ROOM = 4
RATE = 20.0
RECOVERY_SECONDS = 45.0

STATE = live_pb2.StreamState


@pytest.fixture(scope="module")
def server_args(server_args: list[str]) -> list[str]:
    """The live tests' fast timings (tests/live/conftest.py), and room enough to recover."""
    return [
        *server_args,
        "--reconnect-max-attempts",
        "1000",
        "--reload-watch-interval",
        "0.2",
        "--room-history-max-age",
        "120",
    ]


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return []


@dataclass
class Subscriber:
    """One client of one room, reopening its stream from its position as a real one does."""

    room: str
    epoch: str = ""
    last: int = 0
    events: int = 0
    events_after_quiet: int = 0
    # What ended each of its streams: a status code name, and whether it was typed.
    endings: collections.Counter[str] = field(default_factory=collections.Counter)
    reported_gaps: int = 0
    violations: list[str] = field(default_factory=list)
    # The highest sequence an in-band notice said was lost (or skipped), in this epoch.
    covered: int = 0
    quiet: bool = False

    def request(self) -> live_pb2.StreamEventsRequest:
        request = live_pb2.StreamEventsRequest(unique_id=self.room, wait_until_live=True)
        if self.epoch:
            request.resume_from.sequence = self.last
            request.resume_from.epoch = self.epoch
        return request

    def see(self, event: live_pb2.LiveEvent) -> None:
        if event.WhichOneof("event") == "status" and event.status.state in (
            STATE.STREAM_STATE_EVENTS_DROPPED,
            STATE.STREAM_STATE_RESUME_GAP,
        ):
            self.reported_gaps += 1
            if event.epoch != self.epoch:  # a new numbering, announced
                self.epoch, self.last, self.covered = event.epoch, 0, 0
            self.covered = max(self.covered, event.status.last_dropped_sequence)
            return
        if not event.sequence:
            return  # a notice for this subscriber alone carries its own position
        if event.WhichOneof("event") == "connected" and not self.last:
            # The start state of a stream opened afresh: live events follow from now, so the
            # first of them may be numbered anything above it.
            self.epoch = event.epoch
            return
        if event.epoch != self.epoch:
            if self.epoch:
                self.violations.append(f"epoch {self.epoch} -> {event.epoch} without RESUME_GAP")
            self.epoch, self.last, self.covered = event.epoch, 0, 0
        if event.sequence <= self.last:
            self.violations.append(f"sequence went back: {self.last} -> {event.sequence}")
        elif self.last and event.sequence > self.last + 1 and event.sequence - 1 > self.covered:
            self.violations.append(f"unreported gap {self.last + 1}..{event.sequence - 1}")
        self.last = max(self.last, event.sequence)
        self.events += 1
        self.events_after_quiet += self.quiet

    async def run(self, server: ServerHandle, stop: asyncio.Event) -> None:
        async with grpc.aio.insecure_channel(server.address) as channel:
            stub = live_pb2_grpc.LiveServiceStub(channel)
            while not stop.is_set():
                call = stub.StreamEvents(self.request())
                reader = asyncio.ensure_future(self._read(call))
                stopping = asyncio.ensure_future(stop.wait())
                await asyncio.wait({reader, stopping}, return_when=asyncio.FIRST_COMPLETED)
                stopping.cancel()
                if not reader.done():
                    call.cancel()
                    reader.cancel()
                    return
                await asyncio.sleep(0.2)  # a client's pause before it reopens

    async def _read(self, call: grpc.aio.UnaryStreamCall) -> None:  # type: ignore[type-arg]
        try:
            async for response in call:
                self.see(response.event)
        except grpc.aio.AioRpcError as error:
            typed = error_detail_from(error) is not None
            self.endings[f"{error.code().name}{'' if typed else ' (untyped)'}"] += 1
            if not typed:
                self.violations.append(f"untyped end: {error.code().name} {error.details()}")
        else:
            self.endings["OK"] += 1


def inject(
    simulator: SimulatorHandle, chooser: random.Random, faults: collections.Counter[str]
) -> None:
    """One fault, chosen by the seeded schedule."""
    room = chooser.choice(ROOMS)
    fault = chooser.choices(
        ["drop", "malformed", "silence", "sign_429", "end", "restart"],
        weights=[4, 3, 2, 2, 2, 1],
    )[0]
    if fault == "restart" and faults["restart"] >= 2:
        fault = "drop"
    faults[fault] += 1
    if fault == "drop":
        simulator.control("POST", f"rooms/{room}/drop")
    elif fault == "malformed":
        simulator.control("POST", f"rooms/{room}/fault", json={"fault": "malformed"})
    elif fault == "silence":
        simulator.control("POST", f"rooms/{room}/fault", json={"fault": "silence"})
    elif fault == "sign_429":
        simulator.control("POST", f"rooms/{room}/fault", json={"fault": "rate_limited"})
        simulator.control("POST", f"rooms/{room}/drop")
    elif fault == "end":
        simulator.control("POST", f"rooms/{room}/end")
    else:
        simulator.restart()
    if fault in ("end", "restart", "silence"):
        live_again(simulator)


def live_again(simulator: SimulatorHandle) -> None:
    """Every room live at its rate, and sending (a silence lifted)."""
    for room in ROOMS:
        simulator.control("POST", f"rooms/{room}", json={"live": True, "event_rate": RATE})


def gauge(server: ServerHandle, name: str) -> float:
    for line in server.metrics().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not exported")


def open_rooms(server: ServerHandle) -> list[str]:
    """Rooms with an upstream or subscribers (a closed room's history may stay listed for
    ``room_history_max_age``, so that a client can still resume)."""
    admin = admin_pb2_grpc.AdminServiceStub(server.channel())
    return sorted(
        room.unique_id
        for room in admin.ListRooms(admin_pb2.ListRoomsRequest()).rooms
        if room.state != admin_pb2.ROOM_STATE_CLOSED or room.subscriber_count
    )


@pytest.mark.timeout(600)
async def test_streams_survive_random_upstream_faults_and_recover(
    simulator: SimulatorHandle, server: ServerHandle, tier: Tier
) -> None:
    baseline = (open_rooms(server), gauge(server, "tokgate_live_rooms"))
    live_again(simulator)
    stop = asyncio.Event()
    subscribers = [Subscriber(room) for room in ROOMS for _ in range(PER_ROOM)]
    tasks = [asyncio.create_task(s.run(server, stop)) for s in subscribers]
    chooser = random.Random(tier.seed)
    faults: collections.Counter[str] = collections.Counter()
    await asyncio.sleep(3)
    end = time.monotonic() + tier.seconds(25, 600)
    while time.monotonic() < end:
        await asyncio.to_thread(inject, simulator, chooser, faults)
        await asyncio.sleep(chooser.uniform(1.0, 2.0))
        if faults["silence"] and chooser.random() < 0.5:
            for room in ROOMS:  # a silence lasts a second or two
                simulator.control("POST", f"rooms/{room}/fault", json={"fault": "resume"})

    # Quiet: every room live and sending; every subscriber must get events again.
    await asyncio.to_thread(live_again, simulator)
    for room in ROOMS:
        simulator.control("POST", f"rooms/{room}/fault", json={"fault": "resume"})
    for subscriber in subscribers:
        subscriber.quiet = True
    for _ in range(int(RECOVERY_SECONDS / 0.5)):
        if all(s.events_after_quiet >= 10 for s in subscribers):
            break
        await asyncio.sleep(0.5)
    recovered = sum(s.events_after_quiet >= 10 for s in subscribers)
    stop.set()
    await asyncio.gather(*tasks)

    endings: collections.Counter[str] = collections.Counter()
    for subscriber in subscribers:
        endings.update(subscriber.endings)
    violations = [f"{s.room}: {v}" for s in subscribers for v in s.violations]
    print_summary(faults, endings, subscribers, recovered)
    assert not violations, violations[:10]
    assert recovered == len(subscribers), f"{recovered} of {len(subscribers)} recovered"
    assert sum(faults.values()) >= 10, faults

    # Back to baseline once the subscribers are gone (rooms linger, then close).
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = (open_rooms(server), gauge(server, "tokgate_live_rooms"))
        if now == baseline and gauge(server, "tokgate_live_subscribers") == 0:
            break
        await asyncio.sleep(0.5)
    assert (open_rooms(server), gauge(server, "tokgate_live_rooms")) == baseline
    assert gauge(server, "tokgate_live_subscribers") == 0


def print_summary(
    faults: collections.Counter[str],
    endings: collections.Counter[str],
    subscribers: list[Subscriber],
    recovered: int,
) -> None:
    print("\nchaos summary")
    print(f"  {'fault injected':<28}{'count':>8}")
    for fault, count in sorted(faults.items()):
        print(f"  {fault:<28}{count:>8}")
    print(f"  {'stream ended with':<28}{'count':>8}")
    for ending, count in sorted(endings.items()):
        print(f"  {ending:<28}{count:>8}")
    print(f"  {'events received':<28}{sum(s.events for s in subscribers):>8}")
    print(f"  {'gaps reported in-band':<28}{sum(s.reported_gaps for s in subscribers):>8}")
    print(f"  {'subscribers recovered':<28}{recovered:>5} of {len(subscribers)}")

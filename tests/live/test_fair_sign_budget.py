"""The sign budget shared fairly between callers, on real processes (issue 13, defect 6).

Caller A (one API key) opens 10 rooms, then caller B (another key) opens one: B's room signs
at once (the reserve), while A's rooms wait their turn, each told its place in the queue and
its expected wait in-band, updated as the place changes. Rooms are spread over two sign API
keys, each with its own budget, as the simulator's sign counters by key show; the keys never
reach the server's log.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import itertools
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from pydantic import SecretStr
from tokgate.config import Settings
from tokgate.live.sign_budget import SignBudget, _Grant, _Ticket
from tokgate.live.upstream import sign_keys
from tokgate.security import hash_key
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import live_pb2, live_pb2_grpc

from tests.live.conftest import FAST_LIVE_ARGS

WAITING = live_pb2.STREAM_STATE_WAITING_FOR_SIGN_BUDGET
CALLER_A = "fair-caller-a-key"
CALLER_B = "fair-caller-b-key"
SIGN_KEYS = ("fair-sign-key-one", "fair-sign-key-two")
# Per sign key and window: 2 grants, the last of them the reserve's. With two keys, caller A
# alone gets two grants a window, and the two reserved ones wait for a caller without one.
BUDGET, WINDOW, RESERVE = 2, 4.0, 1
A_ROOMS = 10


def key_name(key: str) -> str:
    """How the simulator names a sign key in its counters."""
    return hashlib.sha256(key.encode()).hexdigest()[:12]


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return []  # rooms that stay up: a reconnect would sign again


@pytest.fixture(scope="module")
def server(
    simulator: SimulatorHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    args = [
        *FAST_LIVE_ARGS,
        "--sign-budget-per-minute",
        str(BUDGET),
        "--sign-budget-window",
        str(WINDOW),
        "--sign-budget-reserve",
        str(RESERVE),
        "--api-key-hashes",
        f"{hash_key(CALLER_A)},{hash_key(CALLER_B)}",
    ]
    env = {"TOKGATE_SIGN_API_KEYS": ",".join(SIGN_KEYS)}
    with run_server(
        upstream=simulator, args=args, env=env, workdir=tmp_path_factory.mktemp("fair")
    ) as handle:
        yield handle


@dataclass
class Room:
    """One caller's StreamEvents of one room, read in the background."""

    name: str
    call: Any
    events: list[tuple[float, live_pb2.LiveEvent]] = field(default_factory=list)
    connected_at: float | None = None

    async def read(self) -> None:
        async for response in self.call:
            self.events.append((time.monotonic(), response.event))
            if response.event.WhichOneof("event") == "connected" and self.connected_at is None:
                self.connected_at = time.monotonic()

    def waits(self) -> list[live_pb2.StreamStatus]:
        return [
            event.status
            for _, event in self.events
            if event.WhichOneof("event") == "status" and event.status.state == WAITING
        ]


@pytest.fixture(scope="module")
async def channel(server: ServerHandle) -> AsyncIterator[grpc.aio.Channel]:
    async with server.aio_channel() as opened:
        yield opened


async def until(check: Callable[[], bool], seconds: float) -> None:
    """Poll ``check`` until it holds; fail after ``seconds``."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not reached in time")


def counters(simulator: SimulatorHandle) -> dict[str, Any]:
    answer: dict[str, Any] = simulator.control("GET", "counters")
    return answer


async def test_a_second_caller_is_not_starved_and_waiting_rooms_hear_their_place(
    channel: grpc.aio.Channel, simulator: SimulatorHandle, server: ServerHandle
) -> None:
    stub = live_pb2_grpc.LiveServiceStub(channel)
    names = [f"fair_a_{n:02d}" for n in range(A_ROOMS)] + ["fair_b_00"]
    for name in names:
        simulator.control("POST", f"rooms/{name}", json={"live": True})

    def open_room(name: str, key: str) -> Room:
        request = live_pb2.StreamEventsRequest(unique_id=name)
        call = stub.StreamEvents(request, metadata=(("authorization", f"Bearer {key}"),))
        return Room(name, call)

    a_rooms = [open_room(name, CALLER_A) for name in names[:A_ROOMS]]
    opened = list(a_rooms)
    readers = [asyncio.create_task(room.read()) for room in a_rooms]
    try:
        # A's rooms are all in the queue (the waiting ones told so) before B comes.
        await until(lambda: sum(1 for room in a_rooms if room.waits()) == A_ROOMS - 2, 10)
        b_room = open_room(names[-1], CALLER_B)
        opened.append(b_room)
        b_opened = time.monotonic()
        readers.append(asyncio.create_task(b_room.read()))
        await until(lambda: b_room.connected_at is not None, 5)
        b_waited = (b_room.connected_at or 0) - b_opened
        signed = counters(simulator)["sign_requests_by_room"]
        a_signed = sum(signed.get(name, 0) for name in names[:A_ROOMS])
        # B did not queue behind A's eight waiting rooms (four windows, 16 s, first come
        # first served): it signed with a grant the reserve kept, within a second.
        assert b_waited < 1.5, b_waited
        assert signed.get(names[-1]) == 1 and a_signed == 2, signed
        assert not b_room.waits()

        # Each waiting room was told its own place, and its wait: two grants a window (within
        # a second: on a loaded machine the window's first grants come that far apart; one
        # grant a window would be 4 s off).
        firsts = sorted((room.waits()[0] for room in a_rooms if room.waits()), key=_place)
        assert [status.queue_position for status in firsts] == list(range(1, A_ROOMS - 1))
        for status in firsts:
            expected = status.retry_after.ToTimedelta().total_seconds()
            assert abs(expected - WINDOW * ((status.queue_position + 1) // 2)) < 1.0, status

        # After a window A's next two rooms sign, and the others hear their new places.
        last = max(a_rooms, key=lambda room: room.waits()[0].queue_position if room.waits() else 0)
        await until(lambda: len(last.waits()) >= 2, WINDOW + 3)
        first_place, next_place = (status.queue_position for status in last.waits()[:2])
        assert next_place < first_place
        updates = [at for at, event in last.events if event.WhichOneof("event") == "status"]
        assert all(b - a >= 0.95 for a, b in itertools.pairwise(updates))
        await until(lambda: sum(1 for room in a_rooms if room.connected_at) == 4, 2)
        signed = counters(simulator)["sign_requests_by_room"]
        assert sum(signed.get(name, 0) for name in names[:A_ROOMS]) == 4  # two a window

        # Rooms were spread over both sign keys, within each key's budget.
        by_key = counters(simulator)["sign_requests_by_key"]
        assert {key_name(key) for key in SIGN_KEYS} <= set(by_key), by_key
        assert all(by_key[key_name(key)] <= 2 * BUDGET for key in SIGN_KEYS), by_key
        assert "none" not in by_key
    finally:
        for room in opened:
            room.call.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    log = server.process.logs()
    assert not any(key in log for key in (*SIGN_KEYS, CALLER_A, CALLER_B))


def _place(status: live_pb2.StreamStatus) -> int:
    return status.queue_position


def test_every_sign_key_is_a_secret_the_redaction_knows() -> None:
    settings = Settings(
        sign_api_key=SecretStr("first-key"),
        sign_api_keys=(SecretStr("second-key"), SecretStr("third-key")),
    )
    assert {"first-key", "second-key", "third-key"} <= set(settings.secret_values())
    assert sign_keys(settings) == ["first-key", "second-key", "third-key"]
    assert sign_keys(Settings(sign_api_keys=(SecretStr("k"), SecretStr("k")))) == ["k"]
    assert sign_keys(Settings()) == [""]  # no key: the sign server counts per IP


def planned(budget: SignBudget, now: float, seconds: float = 5.0) -> list[Any]:
    """``budget``'s plan at ``now``, made in a thread of its own: a plan that never ends fails
    the test instead of hanging it (the thread is a daemon, left spinning)."""
    steps: list[Any] = []
    thread = threading.Thread(target=lambda: steps.extend(budget._plan(now)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the plan never ended"
    return steps


def test_a_plan_ends_when_a_grants_window_ends_on_a_rounded_sum() -> None:
    """1016.278229168168 + 10 rounds (crossing 1024) to a sum whose difference with 10 is
    below 1016.278229168168: the grant's window is over at that moment by the key's free time,
    yet was still in it by ``at > moment - window``, so the reserve kept waiting for it to
    leave, forever (the event loop with it: the monotonic clock crosses such sums at every
    power of two of seconds)."""
    at, window = 1016.278229168168, 10.0
    budget = SignBudget(per_window=1, window=window, reserve=0)
    budget._grants[0].append(_Grant(at, frozenset({"caller"})))
    budget._tickets.append(_Ticket(lambda: frozenset({"caller"}), 0))
    steps = planned(budget, at + 0.1)
    assert [step.at for step in steps] == [at + window]


def test_a_long_queue_is_planned_round_robin_between_callers() -> None:
    """2,000 rooms of one caller, then 3 of another and 1 of a third: the plan takes turns
    between callers by grants, then by who was served longest ago, then by arrival."""
    budget = SignBudget(per_window=10_000, window=60.0, reserve=0)
    callers = ["a"] * 2000 + ["b"] * 3 + ["c"]
    for arrival, caller in enumerate(callers):
        budget._tickets.append(_Ticket(functools.partial(frozenset, {caller}), arrival))
    steps = planned(budget, 1000.0)
    order = [callers[step.ticket.arrival] for step in steps]
    assert order[:9] == ["a", "b", "c", "a", "b", "a", "b", "a", "a"]
    assert sorted(step.ticket.arrival for step in steps) == list(range(len(callers)))

"""The cluster's sign budget, fair between callers across replicas (issue 13, defect 6).

Two replicas on one redis-server and one simulator. Caller A opens rooms through replica a,
caller B one room through replica b: B's room signs at once with the grant the reserve kept,
while A's rooms wait in the cluster-wide queue, told their places; the grants are spread over
two sign API keys, each within its own budget.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tokgate.security import hash_key
from tokgate.testing import RedisHandle, ServerHandle, SimulatorHandle
from tokgate.v1 import live_pb2, live_pb2_grpc

from tests.cluster.test_cluster import flush, started
from tests.live.test_fair_sign_budget import Room, until

CALLER_A = "cluster-fair-a-key"
CALLER_B = "cluster-fair-b-key"
SIGN_KEYS = ("cluster-sign-key-one", "cluster-sign-key-two")
# Per sign key and window: 2 grants, the last the reserve's; A alone gets two a window.
BUDGET, WINDOW = 2, 6.0
A_ROOMS = 6


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--event-rate", "20"]


@pytest.fixture
def replicas(
    simulator: SimulatorHandle, redis_server: RedisHandle, tmp_path: Path
) -> Iterator[dict[str, ServerHandle]]:
    flush(redis_server)
    extra = [
        "--sign-budget-per-minute",
        str(BUDGET),
        "--sign-budget-window",
        str(WINDOW),
        "--api-key-hashes",
        f"{hash_key(CALLER_A)},{hash_key(CALLER_B)}",
        "--sign-api-keys",
        ",".join(SIGN_KEYS),
    ]
    with started(simulator, redis_server, tmp_path, "ab", extra) as running:
        yield running


def signed(simulator: SimulatorHandle, counter: str) -> dict[str, int]:
    answer: dict[str, Any] = simulator.control("GET", "counters")
    return dict(answer[counter])


async def test_the_cluster_sign_budget_is_fair_between_callers_with_a_reserve(
    replicas: dict[str, ServerHandle], simulator: SimulatorHandle
) -> None:
    names = [f"cfair_a_{n}" for n in range(A_ROOMS)] + ["cfair_b_0"]
    for name in names:
        simulator.control("POST", f"rooms/{name}", json={"live": True})
    channels = {name: handle.aio_channel() for name, handle in replicas.items()}
    rooms: list[Room] = []
    readers: list[asyncio.Task[None]] = []

    def open_room(name: str, replica: str, key: str) -> Room:
        stub = live_pb2_grpc.LiveServiceStub(channels[replica])
        call = stub.StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=name),
            metadata=(("authorization", f"Bearer {key}"),),
        )
        room = Room(name, call)
        rooms.append(room)
        readers.append(asyncio.create_task(room.read()))
        return room

    try:
        a_rooms = [open_room(name, "a", CALLER_A) for name in names[:A_ROOMS]]
        await until(lambda: sum(1 for room in a_rooms if room.waits()) == A_ROOMS - 2, 15)
        b_room = open_room(names[-1], "b", CALLER_B)
        opened = asyncio.get_running_loop().time()
        await until(lambda: b_room.connected_at is not None, 5)
        by_room = signed(simulator, "sign_requests_by_room")
        # B signed at once (first come, first served it would wait two windows behind A).
        assert (b_room.connected_at or 0) - opened < 2.0
        assert sum(by_room.get(name, 0) for name in names[:A_ROOMS]) == 2, by_room
        assert by_room.get(names[-1]) == 1 and not b_room.waits()

        # A's waiting rooms each hold a place in the cluster's queue, with a wait to match
        # (each room's first place counts the rooms queued before its first poll; the places
        # settle, told as they change, at most once a second).
        def places() -> list[int]:
            return sorted(room.waits()[-1].queue_position for room in a_rooms if room.waits())

        await until(lambda: places() == list(range(1, A_ROOMS - 1)), 3)
        assert all(
            room.waits()[0].retry_after.ToTimedelta().total_seconds() > 0
            for room in a_rooms
            if room.waits()
        )
        # Both keys signed, each within its budget.
        by_key = signed(simulator, "sign_requests_by_key")
        digests = {hashlib.sha256(key.encode()).hexdigest()[:12] for key in SIGN_KEYS}
        assert digests == set(by_key), by_key
        assert all(count <= BUDGET for count in by_key.values()), by_key
    finally:
        for room in rooms:
            room.call.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        for channel in channels.values():
            await channel.close()
    for handle in replicas.values():
        log = handle.process.logs()
        assert not any(key in log for key in (*SIGN_KEYS, CALLER_A, CALLER_B))

"""The cluster's sign budget, fair between callers across replicas (issue 13, defect 6).

Two replicas on one redis-server and one simulator, shared by the module. Caller A opens rooms
through replica a, caller B one room through replica b: B's room signs at once with the grant
the reserve kept, while A's rooms wait in the cluster-wide queue, told their places; the grants
are spread over two sign API keys, each within its own budget. And a room's owner counts the
callers subscribed through the other replicas, each as itself.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from tokgate.live.cluster import PREFIX, SIGN_NOT_BEFORE_KEY
from tokgate.security import hash_key
from tokgate.testing import RedisHandle, ServerHandle, SimulatorHandle
from tokgate.v1 import live_pb2, live_pb2_grpc

from tests.cluster.test_cluster import LEASE_TTL, flush, started
from tests.live.test_fair_sign_budget import Room, until

CALLER_A = "cluster-fair-a-key"
CALLER_B = "cluster-fair-b-key"
# Opens rooms on replica a (which takes their leases), then leaves them to A's and B's streams
# through replica b.
OPENER = "cluster-fair-opener-key"
SIGN_KEYS = ("cluster-sign-key-one", "cluster-sign-key-two")
# Per sign key and window: 2 grants, the last the reserve's; A alone gets two a window.
BUDGET, WINDOW = 2, 6.0
A_ROOMS = 6


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--event-rate", "20"]


@pytest.fixture(scope="module")
def replicas(
    simulator: SimulatorHandle, redis_server: RedisHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, ServerHandle]]:
    flush(redis_server)
    extra = [
        "--sign-budget-per-minute",
        str(BUDGET),
        "--sign-budget-window",
        str(WINDOW),
        "--api-key-hashes",
        f"{hash_key(CALLER_A)},{hash_key(CALLER_B)},{hash_key(OPENER)}",
        "--sign-api-keys",
        ",".join(SIGN_KEYS),
    ]
    workdir = tmp_path_factory.mktemp("replicas")
    with started(simulator, redis_server, workdir, "ab", extra) as running:
        yield running


class Streams:
    """StreamEvents calls through the replicas, each read in the background."""

    def __init__(self, replicas: dict[str, ServerHandle]) -> None:
        self._channels = {name: handle.aio_channel() for name, handle in replicas.items()}
        self._rooms: list[Room] = []
        self._readers: list[asyncio.Task[None]] = []

    def open(self, name: str, replica: str, key: str) -> Room:
        """A stream of room ``name`` through ``replica``, with API key ``key``."""
        stub = live_pb2_grpc.LiveServiceStub(self._channels[replica])
        call = stub.StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=name),
            metadata=(("authorization", f"Bearer {key}"),),
        )
        room = Room(name, call)
        self._rooms.append(room)
        self._readers.append(asyncio.create_task(room.read()))
        return room

    async def close(self) -> None:
        for room in self._rooms:
            room.call.cancel()
        await asyncio.gather(*self._readers, return_exceptions=True)
        for channel in self._channels.values():
            await channel.close()


def signed(simulator: SimulatorHandle, counter: str) -> dict[str, int]:
    answer: dict[str, Any] = simulator.control("GET", "counters")
    return dict(answer[counter])


async def test_the_cluster_sign_budget_is_fair_between_callers_with_a_reserve(
    replicas: dict[str, ServerHandle], simulator: SimulatorHandle
) -> None:
    names = [f"cfair_a_{n}" for n in range(A_ROOMS)] + ["cfair_b_0"]
    for name in names:
        simulator.control("POST", f"rooms/{name}", json={"live": True})
    streams = Streams(replicas)

    try:
        a_rooms = [streams.open(name, "a", CALLER_A) for name in names[:A_ROOMS]]
        await until(lambda: sum(1 for room in a_rooms if room.waits()) == A_ROOMS - 2, 15)
        b_room = streams.open(names[-1], "b", CALLER_B)
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
        # A has had grants, so the reserve is not for it: each window gives its rooms one grant
        # a key, two in all, and places 3 and 4 wait a window longer than places 1 and 2.
        told = {
            room.waits()[-1].queue_position: room.waits()[-1].retry_after.ToTimedelta()
            for room in a_rooms
            if room.waits()
        }
        assert all(told[place].total_seconds() < WINDOW + 0.5 for place in (1, 2)), told
        assert all(told[place].total_seconds() > WINDOW for place in (3, 4)), told
        # Both keys signed, each within its budget.
        by_key = signed(simulator, "sign_requests_by_key")
        digests = {hashlib.sha256(key.encode()).hexdigest()[:12] for key in SIGN_KEYS}
        assert digests == set(by_key), by_key
        assert all(count <= BUDGET for count in by_key.values()), by_key
    finally:
        await streams.close()
    for handle in replicas.values():
        log = handle.process.logs()
        assert not any(key in log for key in (*SIGN_KEYS, CALLER_A, CALLER_B))


def hold_every_grant(redis_server: RedisHandle) -> None:
    """Forget the grants of earlier tests, and let nobody sign until released (as a 429's
    reset does, through the same key)."""
    with redis.Redis.from_url(redis_server.url) as client:
        client.delete(*client.keys(f"{PREFIX}sign_*"))
        client.set(SIGN_NOT_BEFORE_KEY, int(client.time()[0] + 60) * 1000, px=60_000)


def release_grants(redis_server: RedisHandle) -> None:
    with redis.Redis.from_url(redis_server.url) as client:
        client.delete(SIGN_NOT_BEFORE_KEY)


async def test_the_owner_counts_each_caller_of_the_other_replicas_apart(
    replicas: dict[str, ServerHandle], simulator: SimulatorHandle, redis_server: RedisHandle
) -> None:
    """Replica a owns five rooms waiting to sign, whose only subscribers are on replica b: four
    of caller A's, then one of caller B's. Counted as one caller ("the other replicas"), B's
    room would queue behind A's for windows; counted apart, it takes the second grant."""
    names = [f"cown_a_{n}" for n in range(4)] + ["cown_b_0"]
    for name in names:
        simulator.control("POST", f"rooms/{name}", json={"live": True})
    hold_every_grant(redis_server)
    streams = Streams(replicas)

    try:
        # a takes the leases (the opener's streams) and queues the rooms, B's last.
        on_a = [streams.open(name, "a", OPENER) for name in names]
        await until(lambda: all(room.waits() for room in on_a), 10)
        on_b = [streams.open(name, "b", CALLER_A) for name in names[:-1]]
        b_room = streams.open(names[-1], "b", CALLER_B)
        await until(lambda: all(room.waits() for room in [*on_b, b_room]), 10)
        for room in on_a:
            room.call.cancel()
        # a's renewals (every third of the lease TTL) read b's reports.
        await asyncio.sleep(LEASE_TTL)
        release_grants(redis_server)
        await until(lambda: b_room.connected_at is not None, 4)

        def signed_of_a() -> int:
            by_room = signed(simulator, "sign_requests_by_room")
            return sum(by_room.get(name, 0) for name in names[:-1])

        # The first grant (one of A's rooms) and B's are given at the release: their sign
        # requests race to the simulator, so A's may be counted after B has connected.
        await until(lambda: signed_of_a() >= 1, 4)
        by_room = signed(simulator, "sign_requests_by_room")
        assert by_room.get(names[-1]) == 1
        assert signed_of_a() == 1, by_room
    finally:
        await streams.close()

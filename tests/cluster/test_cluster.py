"""Cluster mode, for real: three `tokgate serve` replicas, one simulator and one redis-server,
with subscribers spread over the replicas through the Python client (which resumes by itself).

Each test starts its own three replicas on the module's simulator and Redis (flushed first),
because most of them kill, stop or restart something. Leases are short (2 s) so a failover
takes seconds; docs/scaling.md has the figures with the default 5 s.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import signal
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest
import redis
from tokgate.testing import RedisHandle, ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc
from tokgate_client import AsyncClient, RetryPolicy
from tokgate_client.errors import from_rpc_error

ST = live_pb2.StreamState
LEASE_TTL = 2.0
REPLICA_ARGS = [
    "--sessions",
    "0",
    "--room-linger",
    "1",
    "--cluster-lease-ttl",
    str(LEASE_TTL),
    "--sign-budget-per-minute",
    "1000",
    "--reconnect-initial-backoff",
    "0.05",
    "--reconnect-max-backoff",
    "0.3",
    "--grace-period",
    "2",
]
# Patient enough for a failover and a Redis restart; quick to retry.
RESUME = RetryPolicy(max_attempts=40, initial_backoff=0.05, max_backoff=0.5, max_total=60.0)


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--event-rate", "50"]


@dataclass
class Cluster:
    """Three replicas (a, b, c) on one Redis, and how to reach, kill or restart them."""

    redis: RedisHandle
    replicas: dict[str, ServerHandle]

    def target(self, first: str) -> str:
        """A client target naming every replica, ``first`` first (pick_first: the client
        talks to ``first`` and moves on to the next when it is gone)."""
        names = [first, *sorted(set(self.replicas) - {first})]
        return "ipv4:" + ",".join(self.replicas[name].address for name in names)

    def kill(self, name: str) -> None:
        os.kill(self.replicas[name].process.pid, signal.SIGKILL)
        popen = self.replicas[name].process.popen
        assert popen is not None
        popen.wait()

    async def rooms(self, via: str) -> dict[str, admin_pb2.Room]:
        channel = self.replicas[via].aio_channel()
        try:
            listed = await admin_pb2_grpc.AdminServiceStub(channel).ListRooms(
                admin_pb2.ListRoomsRequest(), timeout=5
            )
        finally:
            await channel.close()
        return {room.unique_id: room for room in listed.rooms}

    async def owner(self, unique_id: str, via: str) -> str:
        return (await self.rooms(via)).get(unique_id, admin_pb2.Room()).owner_replica

    async def new_owner(self, unique_id: str, old: str, via: str, seconds: float = 10) -> str:
        """Wait until a replica other than ``old`` holds the room's lease; that replica."""
        async with asyncio.timeout(seconds):
            while (owner := await self.owner(unique_id, via)) in ("", old):  # noqa: ASYNC110
                await asyncio.sleep(0.2)
        return owner


@contextlib.contextmanager
def started(
    simulator: SimulatorHandle,
    redis_server: RedisHandle,
    workdir: Path,
    names: str = "abc",
    extra: Sequence[str] = (),
) -> Iterator[dict[str, ServerHandle]]:
    """Replicas named by the letters of ``names``, started side by side (each spends seconds
    on its imports and health check); stopped on exit."""
    starting = {}
    for name in names:
        (workdir / name).mkdir()
        args = [*REPLICA_ARGS, *extra, "--cluster-url", redis_server.url, "--cluster-replica", name]
        starting[name] = run_server(upstream=simulator, args=args, workdir=workdir / name)
    with contextlib.ExitStack() as stack:
        with concurrent.futures.ThreadPoolExecutor(len(starting)) as pool:
            entered = {name: pool.submit(manager.__enter__) for name, manager in starting.items()}
        for name, future in entered.items():
            if future.exception() is None:
                stack.push(starting[name].__exit__)
        yield {name: future.result() for name, future in entered.items()}


def flush(redis_server: RedisHandle) -> None:
    with redis.Redis.from_url(redis_server.url) as client:
        client.flushall()


@pytest.fixture
def cluster(
    simulator: SimulatorHandle, redis_server: RedisHandle, tmp_path: Path
) -> Iterator[Cluster]:
    flush(redis_server)
    with started(simulator, redis_server, tmp_path) as replicas:
        yield Cluster(redis_server, replicas)


@dataclass
class Subscriber:
    """One client stream, resuming by itself, and every event it yielded."""

    replica: str
    events: list[live_pb2.LiveEvent] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    error: BaseException | None = None

    def numbers(self) -> list[int]:
        return [event.sequence for event in self.events]

    def states(self) -> list[int]:
        return [event.status.state for event in self.events if event.HasField("status")]


class Subscribers:
    """Subscribers of one room, spread over the replicas round the clock."""

    def __init__(self, cluster: Cluster, unique_id: str = "sim_live") -> None:
        self.cluster = cluster
        self.unique_id = unique_id
        self.all: list[Subscriber] = []

    def open(self, count: int, replicas: str = "abc") -> None:
        for index in range(count):
            subscriber = Subscriber(replicas[index % len(replicas)])
            subscriber.task = asyncio.create_task(self._run(subscriber))
            self.all.append(subscriber)

    async def _run(self, subscriber: Subscriber) -> None:
        target = self.cluster.target(subscriber.replica)
        try:
            async with AsyncClient(target) as client:
                async for event in client.live.stream_events(self.unique_id, resume=RESUME):
                    subscriber.events.append(event)
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # kept for the assertion message
            subscriber.error = exc

    async def until(self, done: Callable[[Subscriber], bool], seconds: float = 30) -> None:
        """Wait until every subscriber satisfies ``done``."""
        deadline = time.monotonic() + seconds
        while not all(done(s) for s in self.all):
            failed = [s.error for s in self.all if s.error is not None]
            assert not failed, failed[0]
            assert time.monotonic() < deadline, [
                (e.sequence, e.epoch, e.status.state) for e in self.all[0].events[-8:]
            ]
            await asyncio.sleep(0.1)

    async def more(self, count: int, seconds: float = 30) -> None:
        """Wait until every subscriber has ``count`` more events than now."""
        marks = {id(s): len(s.events) for s in self.all}
        await self.until(lambda s: len(s.events) >= marks[id(s)] + count, seconds)

    async def close(self) -> None:
        for subscriber in self.all:
            assert subscriber.task is not None
            subscriber.task.cancel()
        await asyncio.gather(*(s.task for s in self.all if s.task), return_exceptions=True)


@pytest.fixture
async def subscribers(cluster: Cluster) -> AsyncIterator[Subscribers]:
    opened = Subscribers(cluster)
    yield opened
    await opened.close()


def assert_gap_free(subscriber: Subscriber) -> None:
    """From its first event on, within each epoch, the stream's numbers never decrease and
    leave no hole (a notice shares the number of the event before it)."""
    by_epoch: dict[str, list[int]] = {}
    for event in subscriber.events:
        by_epoch.setdefault(event.epoch, []).append(event.sequence)
    for epoch, numbers in by_epoch.items():
        tail = numbers[1:]  # the first is the start state's CONNECTED
        assert tail == sorted(tail), (epoch, numbers)
        unique = sorted(set(tail))
        assert unique == list(range(unique[0], unique[0] + len(unique))), (epoch, numbers)


def open_websockets(simulator: SimulatorHandle) -> dict[str, int]:
    counters: dict[str, dict[str, int]] = simulator.control("GET", "counters")
    return counters["open_websockets"]


async def eventually(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.1)


async def test_thirty_subscribers_on_three_replicas_share_one_upstream(
    cluster: Cluster, subscribers: Subscribers, simulator: SimulatorHandle
) -> None:
    subscribers.open(30)
    await subscribers.more(40)
    assert open_websockets(simulator).get("sim_live") == 1
    # One reader per replica, not per subscriber: at most 3 XREADs per event appended (each
    # returns at least one), and a few more for the reads that time out.
    with redis.Redis.from_url(cluster.redis.url) as client:
        before = client.info("commandstats")
        first = (await cluster.rooms("a"))["sim_live"].last_sequence
        await subscribers.more(50)
        after = client.info("commandstats")
        appended = (await cluster.rooms("a"))["sim_live"].last_sequence - first
    reads = after["cmdstat_xread"]["calls"] - before["cmdstat_xread"]["calls"]
    assert appended >= 50 and reads <= 3 * appended + 30, (reads, appended)
    room = (await cluster.rooms("a"))["sim_live"]
    assert room.owner_replica in cluster.replicas and room.state == admin_pb2.ROOM_STATE_LIVE
    assert {r.replica: r.subscriber_count for r in room.replicas} == {"a": 10, "b": 10, "c": 10}
    assert room.subscriber_count == 30 and len(room.epoch) == 8
    # One numbering: every subscriber's events carry the room's epoch, gap-free.
    for subscriber in subscribers.all:
        assert {event.epoch for event in subscriber.events} == {room.epoch}
        assert_gap_free(subscriber)


async def test_the_owners_kill_9_hands_the_room_to_a_survivor_and_nothing_is_lost(
    cluster: Cluster, subscribers: Subscribers, simulator: SimulatorHandle
) -> None:
    subscribers.open(30)
    await subscribers.more(20)
    owner = await cluster.owner("sim_live", "a")
    survivor = next(name for name in "abc" if name != owner)
    cluster.kill(owner)
    await cluster.new_owner("sim_live", owner, via=survivor, seconds=10)
    # Every subscriber, the dead replica's included (resumed on a survivor), goes on.
    await subscribers.more(60, seconds=40)
    for subscriber in subscribers.all:
        assert len({event.epoch for event in subscriber.events}) == 1
        assert_gap_free(subscriber)
    await eventually(lambda: open_websockets(simulator).get("sim_live") == 1)


async def test_redis_killed_and_restarted_mid_stream_ends_in_recovery(
    cluster: Cluster, subscribers: Subscribers, simulator: SimulatorHandle
) -> None:
    subscribers.open(6)
    await subscribers.more(20)
    cluster.redis.kill()
    await subscribers.until(lambda s: ST.STREAM_STATE_CLUSTER_UNAVAILABLE in s.states(), 15)
    cluster.redis.restart()  # no persistence: every key is gone, so a new epoch
    await subscribers.until(lambda s: ST.STREAM_STATE_RESUME_GAP in s.states(), 30)
    await subscribers.more(40, seconds=30)
    for subscriber in subscribers.all:
        states = subscriber.states()
        assert states[0] == ST.STREAM_STATE_CLUSTER_UNAVAILABLE, [
            (e.sequence, e.epoch, e.status.state, e.WhichOneof("event"))
            for e in subscriber.events[:4]
        ]
        assert states.index(ST.STREAM_STATE_CLUSTER_UNAVAILABLE) < states.index(
            ST.STREAM_STATE_RESUME_GAP
        )
        assert len({event.epoch for event in subscriber.events}) == 2
        assert_gap_free(subscriber)
    await eventually(lambda: open_websockets(simulator).get("sim_live") == 1, 20)


async def test_a_rolling_restart_loses_nothing(
    cluster: Cluster, subscribers: Subscribers, simulator: SimulatorHandle
) -> None:
    subscribers.open(9)
    await subscribers.more(20)
    for name in "abc":
        # SIGTERM: its streams end retryable and its leases are handed back at once; it must
        # exit by itself (a shutdown that hangs is killed by restart() and exits -9).
        assert await asyncio.to_thread(cluster.replicas[name].restart) == 0
        await subscribers.more(15, seconds=40)
    for subscriber in subscribers.all:
        assert len({event.epoch for event in subscriber.events}) == 1
        assert_gap_free(subscriber)
    await eventually(lambda: open_websockets(simulator).get("sim_live") == 1)


async def test_two_replicas_racing_for_a_new_room_open_one_upstream(
    cluster: Cluster, simulator: SimulatorHandle
) -> None:
    racers = Subscribers(cluster, "sim_battle")
    racers.open(2, replicas="ab")  # at the same moment, on two replicas
    try:
        await racers.more(10)
        assert open_websockets(simulator).get("sim_battle") == 1
        rooms = await cluster.rooms("c")
        assert rooms["sim_battle"].owner_replica in ("a", "b")
        (first, second) = racers.all
        assert first.events[-1].epoch == second.events[-1].epoch
    finally:
        await racers.close()


async def test_a_lease_that_lapses_while_its_owner_is_only_slow_fences_the_owner_out(
    cluster: Cluster, subscribers: Subscribers, simulator: SimulatorHandle
) -> None:
    subscribers.open(6)
    await subscribers.more(20)
    owner = await cluster.owner("sim_live", "a")
    survivor = next(name for name in "abc" if name != owner)
    pid = cluster.replicas[owner].process.pid
    os.kill(pid, signal.SIGSTOP)  # frozen: no renewal, its websocket still open
    try:
        await cluster.new_owner("sim_live", owner, via=survivor, seconds=10)
    finally:
        os.kill(pid, signal.SIGCONT)
    # Awake again, the old owner finds its lease gone and closes its upstream.
    await eventually(lambda: open_websockets(simulator).get("sim_live") == 1, 15)
    await subscribers.more(40, seconds=40)
    for subscriber in subscribers.all:
        assert len({event.epoch for event in subscriber.events}) == 1
        assert_gap_free(subscriber)
    lost = cluster.replicas[owner].metrics()
    assert 'tokgate_cluster_leases_total{event="lost"}' in lost


async def test_after_a_failover_the_sign_budget_goes_to_watched_rooms_last(
    simulator: SimulatorHandle, redis_server: RedisHandle, tmp_path: Path
) -> None:
    # Four rooms on replica a, with a budget of 1 signature per 3 s: three with subscribers
    # (moved to b before a dies) and one only watched. One grant a window, so the order in
    # which the rooms come back is the order of their grants, not of two connects racing.
    where = (simulator, redis_server, tmp_path)
    rooms = ["budget_1", "budget_2", "budget_3"]
    for name in [*rooms, "budget_watched"]:
        simulator.control("POST", f"rooms/{name}", json={"live": True})
    budget = ["--sign-budget-per-minute", "1", "--sign-budget-window", "3"]
    extra = [*budget, "--watch", "budget_watched"]
    flush(redis_server)
    with contextlib.ExitStack() as stack:
        cluster = Cluster(redis_server, stack.enter_context(started(*where, "a", extra)))
        on_a = [Subscribers(cluster, room) for room in rooms]
        for group in on_a:
            group.open(1, replicas="a")
        for group in on_a:
            await group.more(5, seconds=30)
        await eventually(lambda: open_websockets(simulator).get("budget_watched") == 1, 30)
        later = started(*where, "b", extra)
        cluster.replicas.update(await asyncio.to_thread(stack.enter_context, later))
        on_b = [Subscribers(cluster, room) for room in rooms]
        for group in on_b:
            group.open(1, replicas="b")
        for group in on_b:
            await group.more(5, seconds=30)
        try:
            assert {await cluster.owner(room, "b") for room in [*rooms, "budget_watched"]} == {"a"}
            cluster.kill("a")
            killed = time.monotonic()
            owned_at: dict[str, float] = {}
            async with asyncio.timeout(60):
                while len(owned_at) < 4:
                    listed = await cluster.rooms("b")
                    for room, entry in listed.items():
                        live = (
                            entry.owner_replica == "b" and entry.state == admin_pb2.ROOM_STATE_LIVE
                        )
                        if room not in owned_at and live:
                            owned_at[room] = time.monotonic() - killed
                    await asyncio.sleep(0.2)
            # Every room with subscribers was back before the room only watched.
            assert max(owned_at[room] for room in rooms) < owned_at["budget_watched"], owned_at
            # The ones that waited for a signature were told so in-band.
            waited = [
                group.all[0]
                for group in on_b
                if ST.STREAM_STATE_WAITING_FOR_SIGN_BUDGET in group.all[0].states()
            ]
            assert waited, owned_at
            for group in on_b:
                await group.more(5, seconds=30)
                assert_gap_free(group.all[0])
        finally:
            for group in [*on_a, *on_b]:
                await group.close()


async def _event(
    call: grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse],
) -> live_pb2.LiveEvent:
    response = await call.read()
    assert isinstance(response, live_pb2.StreamEventsResponse), "the stream ended"
    return response.event


async def test_a_lasting_redis_outage_ends_streams_typed_and_opens_no_upstream(
    simulator: SimulatorHandle, redis_server: RedisHandle, tmp_path: Path
) -> None:
    flush(redis_server)
    grace = ["--cluster-outage-grace", "3"]
    with started(simulator, redis_server, tmp_path, "ab", grace) as replicas:
        cluster = Cluster(redis_server, replicas)
        channel = replicas["b"].aio_channel()
        stub = live_pb2_grpc.LiveServiceStub(channel)
        call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id="sim_live"))
        try:
            async with asyncio.timeout(20):
                while (await _event(call)).sequence < 20:
                    pass
                redis_server.kill()
                killed = time.monotonic()
                while (await _event(call)).status.state != ST.STREAM_STATE_CLUSTER_UNAVAILABLE:
                    pass
                with pytest.raises(grpc.aio.AioRpcError) as raised:
                    while True:
                        await call.read()
            ended = time.monotonic() - killed
            error = from_rpc_error(raised.value)
            assert error.code == grpc.StatusCode.UNAVAILABLE and error.detail.retryable
            assert error.detail.exception_type.endswith("ClusterUnavailableError")
            assert 3 <= ended < 10
            # No replica can prove it owns the room: its upstream is closed, none opens.
            await eventually(lambda: open_websockets(simulator).get("sim_live", 0) == 0, 10)
            assert all(
                f'tokgate_cluster_redis_up{{replica="{name}"}} 0.0' in h.metrics()
                for name, h in replicas.items()
            )
            # Nothing hangs: the replica answers, and its room listing is what it can tell.
            assert await cluster.rooms("a") == {}
        finally:
            call.cancel()
            await channel.close()
            redis_server.restart()

"""Cluster mode against one process: CPU per delivery, failover time, resume throughput.

Real processes throughout (``tokgate sim``, ``tokgate serve``, Debian's ``redis-server``), CPU
time (user + system) read from /proc for each, every server with ``--sessions 0`` and a sign
budget that never throttles. In one run:

0. Upkeep, first: each server's CPU per second with no subscriber, then with one subscriber on
   each of one quiet room (live, no events): what a replica costs beyond its deliveries (its
   reader's blocking reads, lease renewals and subscriber reports), against the one process.
1. The same load, one simulator room at ``--rate`` events/s to ``--subscribers`` streams spread
   evenly, served by one ``tokgate serve`` and by 3 replicas (``--replicas``) on one Redis
   (``--cluster-url``): deliveries per CPU-second of tokgate, and of tokgate + Redis, and the
   cluster's overhead per delivery against the one process (target: at most 25%). The two
   setups run side by side and take the load in turns, so that both see the machine alike.
   The default load is one both keep up with on two cores (the share of the offered
   deliveries printed says whether they did): a process behind its subscribers spends less CPU
   per delivery, flattering it.
2. Failover, on the cluster: ``kill -9`` of the room's owner (AdminService.ListRooms'
   ``owner_replica``); the time until a survivor owns the room, and until a survivor's
   subscriber gets the first event numbered after the dead owner's last and the first from the
   new owner's upstream (target: at most 10 s); whether the survivors' sequences have a hole
   across it, and whether the dead replica's subscribers, resumed on a survivor from their
   last position, lost anything.
3. Resume: a client away ``--away`` seconds from a room at ``--resume-rate`` events/s comes
   back with its last position. Events recovered per second: the events it missed up to the
   live edge at its call, divided by the time from the call until it reached that edge; and
   events lost (target: 0). In one process, and on the cluster with the client coming back on
   another replica than the one it left.

    .venv/bin/python bench/bench_cluster.py [--seconds 10] [--rate 100] [--batch 50]
        [--subscribers 30] [--replicas 3] [--quick]

``--replicas 1`` serves the load from one replica on Redis: the cluster's cost without the
split of the subscribers over processes (and no failover, nor a resume on another replica).

``--quick`` (the smoke test's mode) runs part 1 only, with one replica, once each way for half
a second with three subscribers: it fails when either setup delivers nothing, and asserts
nothing about CPU.
The four servers start side by side (each spends seconds on its imports).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import grpc
from tokgate.testing import (
    ServerHandle,
    SimulatorHandle,
    cpu_seconds,
    run_redis,
    run_server,
    run_simulator,
)
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc

ROOM = "bench_room"
RESUME_ROOM = "bench_resume"
QUIET_ROOM = "bench_quiet"
REPLICAS = ("a", "b", "c")
TIMEOUT = 60.0
OVERHEAD_TARGET = 0.25
FAILOVER_TARGET = 10.0
BATCH_DELAY_MS = 50  # --batch: the most added delay a batch asks for
SERVER_ARGS = (
    "--sessions",
    "0",
    "--sign-budget-per-minute",
    "1000",
    "--room-history-max-entries",
    "50000",
    "--room-history-max-bytes",
    "67108864",
    # A room left behind closes soon, not beside the other setup's measurement.
    "--room-linger",
    "1",
)


@dataclass(frozen=True)
class Pace:
    """How long the bench waits at each step."""

    warm_up: float  # seconds for every stream to attach and the room to connect
    rounds: int  # turns of the load on each setup, alternately
    settle: float  # seconds of events checked after a failover or a catch-up


FULL = Pace(warm_up=3.0, rounds=2, settle=3.0)
# /proc counts CPU in ticks of 10 ms: over 10 s, 1 ms/s per process is the resolution.
UPKEEP_SECONDS = 10.0
QUICK = Pace(warm_up=1.0, rounds=1, settle=0.5)


async def wait_for(ready: Callable[[], Awaitable[bool]], what: str) -> None:
    """Poll ``ready`` every 50 ms until it holds; a bench that cannot go on says why."""
    deadline = time.monotonic() + TIMEOUT
    while not await ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {what} after {TIMEOUT:g}s")
        await asyncio.sleep(0.05)


class Watcher:
    """One client of a room across its StreamEvents calls (a resumed call continues the one
    before): the events it got while counting, and the holes in its sequence."""

    def __init__(self, unique_id: str, batch: int = 0) -> None:
        self.unique_id = unique_id
        self.batch = batch  # events a message (0: unbatched), at most 50 ms of added delay
        self.counting = False
        self.count = 0
        self.sequence = 0
        self.epoch = ""
        self.holes = 0
        self.lost = 0
        # When the first event numbered above ``above`` arrived (monotonic), once set, and the
        # first of them from TikTok (not tokgate's CONNECTED or an in-band status).
        self.above: int | None = None
        self.first_above: float | None = None
        self.first_upstream: float | None = None
        self.first_event: float | None = None  # when the current call's first event arrived
        self._check = False

    async def follow(self, channel: grpc.aio.Channel, resume: bool = False) -> None:
        """Stream until cancelled or the server goes; ``resume`` from the last position."""
        request = live_pb2.StreamEventsRequest(unique_id=self.unique_id)
        if self.batch:
            request.batching.max_events = self.batch
            request.batching.max_delay.FromMilliseconds(BATCH_DELAY_MS)
        if resume:
            request.resume_from.CopyFrom(
                live_pb2.StreamPosition(sequence=self.sequence, epoch=self.epoch)
            )
        self._check = resume
        self.first_event = None
        with contextlib.suppress(grpc.aio.AioRpcError):
            async for response in live_pb2_grpc.LiveServiceStub(channel).StreamEvents(request):
                for event in response.events or (response.event,):
                    self._take(event)

    def _take(self, event: live_pb2.LiveEvent) -> None:
        sequence = event.sequence
        if self.first_event is None:
            self.first_event = time.monotonic()
        if self._check and (sequence != self.sequence + 1 or event.epoch != self.epoch):
            self.holes += 1
            self.lost += max(0, sequence - self.sequence - 1)
        kind = event.WhichOneof("event")
        # A new stream's CONNECTED (its start state) may be older than the live events after it.
        self._check = kind != "connected"
        self.sequence, self.epoch = sequence, event.epoch
        if self.counting:
            self.count += 1
        if self.above is not None and sequence > self.above:
            now = time.monotonic()
            self.first_above = self.first_above or now
            if self.first_upstream is None and kind not in ("connected", "status"):
                self.first_upstream = now

    def forget_holes(self) -> None:
        self.holes = self.lost = 0


class Crowd:
    """Clients of one room spread evenly over servers, one channel per server."""

    def __init__(
        self, addresses: Sequence[str], size: int, unique_id: str = ROOM, batch: int = 0
    ) -> None:
        self.channels = {address: grpc.aio.insecure_channel(address) for address in addresses}
        self.where: dict[Watcher, str] = {}
        self._tasks: dict[Watcher, asyncio.Task[None]] = {}
        for index in range(size):
            self.follow(Watcher(unique_id, batch), addresses[index % len(addresses)])

    def follow(self, watcher: Watcher, address: str, resume: bool = False) -> None:
        self.where[watcher] = address
        self._tasks[watcher] = asyncio.create_task(watcher.follow(self.channels[address], resume))

    def on(self, addresses: Sequence[str]) -> list[Watcher]:
        return [watcher for watcher, address in self.where.items() if address in addresses]

    def count(self, counting: bool) -> None:
        for watcher in self.where:
            watcher.counting = counting

    async def leave(self, watcher: Watcher) -> None:
        self._tasks[watcher].cancel()
        await asyncio.gather(self._tasks[watcher], return_exceptions=True)

    async def close(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        for channel in self.channels.values():
            await channel.close()


# --- 1. the same load on one process and on 3 replicas ---------------------------------------


@dataclass
class Load:
    """Deliveries in the window and the CPU-seconds spent on them."""

    deliveries: int
    tokgate_cpu: float
    redis_cpu: float = 0.0
    replicas: int = 1

    def __add__(self, other: Load) -> Load:
        return Load(
            self.deliveries + other.deliveries,
            self.tokgate_cpu + other.tokgate_cpu,
            self.redis_cpu + other.redis_cpu,
            max(self.replicas, other.replicas),
        )

    def per_cpu(self, with_redis: bool = False) -> float:
        return self.deliveries / (self.tokgate_cpu + (self.redis_cpu if with_redis else 0.0))


async def measure_load(
    crowd: Crowd, tokgate_pids: Sequence[int], redis_pid: int | None, seconds: float, pace: Pace
) -> Load:
    """Count every delivery for ``seconds`` once the streams run (each has its first event,
    then ``pace.warm_up``), against the CPU of ``tokgate_pids`` (and Redis) over the window."""

    async def streaming() -> bool:
        return all(watcher.first_event is not None for watcher in crowd.where)

    await wait_for(streaming, "event on every stream")
    await asyncio.sleep(pace.warm_up)
    tokgate_before = sum(cpu_seconds(pid) for pid in tokgate_pids)
    redis_before = cpu_seconds(redis_pid) if redis_pid else 0.0
    crowd.count(True)
    await asyncio.sleep(seconds)
    crowd.count(False)
    tokgate = sum(cpu_seconds(pid) for pid in tokgate_pids) - tokgate_before
    redis = cpu_seconds(redis_pid) - redis_before if redis_pid else 0.0
    deliveries = sum(watcher.count for watcher in crowd.where)
    return Load(deliveries, tokgate, redis, len(tokgate_pids))


# --- 2. failover ------------------------------------------------------------------------------


@dataclass
class Failover:
    """Seconds from the kill to a survivor's lease, to the first event it numbered and to the
    first from its upstream; the holes."""

    owner: str
    owned_after: float
    first_event_after: float
    upstream_after: float
    survivors: int
    survivor_holes: int
    survivor_lost: int
    resumed: int
    resumed_holes: int
    resumed_lost: int


async def room_view(channel: grpc.aio.Channel, unique_id: str) -> admin_pb2.Room | None:
    listed = await admin_pb2_grpc.AdminServiceStub(channel).ListRooms(admin_pb2.ListRoomsRequest())
    return next((room for room in listed.rooms if room.unique_id == unique_id), None)


async def owner_of(channel: grpc.aio.Channel, unique_id: str) -> str:
    """The replica holding the room's lease, once one does."""
    owner = ""

    async def owned() -> bool:
        nonlocal owner
        room = await room_view(channel, unique_id)
        owner = room.owner_replica if room else ""
        return bool(owner)

    await wait_for(owned, f"owner of {unique_id}")
    return owner


async def failover(crowd: Crowd, servers: dict[str, ServerHandle], pace: Pace) -> Failover:
    """Kill the owner of ROOM; time the takeover; resume the dead replica's clients elsewhere."""
    owner = await owner_of(crowd.channels[servers[REPLICAS[0]].address], ROOM)
    dead = servers[owner]
    alive = [server.address for name, server in servers.items() if name != owner]
    survivors, orphans = crowd.on(alive), crowd.on([dead.address])
    ask = crowd.channels[alive[0]]
    for watcher in crowd.where:
        watcher.forget_holes()
    killed = time.monotonic()
    os.kill(dead.process.pid, signal.SIGKILL)
    room = await room_view(ask, ROOM)
    assert room is not None, f"{ROOM} is not listed"
    for watcher in survivors:
        watcher.above = room.last_sequence  # the dead owner appended nothing after this
    new_owner = ""

    async def taken_over() -> bool:
        nonlocal new_owner
        new_owner = await owner_of(ask, ROOM)
        return new_owner != owner

    await wait_for(taken_over, "new owner")
    owned_after = time.monotonic() - killed

    async def flowing() -> bool:
        return any(watcher.first_upstream is not None for watcher in survivors)

    await wait_for(flowing, "upstream event after the takeover")
    first = min(w.first_above for w in survivors if w.first_above is not None) - killed
    upstream = min(w.first_upstream for w in survivors if w.first_upstream is not None) - killed
    for index, watcher in enumerate(orphans):
        await crowd.leave(watcher)  # its call already ended UNAVAILABLE with the replica
        watcher.forget_holes()
        crowd.follow(watcher, alive[index % len(alive)], resume=True)
    await asyncio.sleep(pace.settle)
    return Failover(
        owner,
        owned_after,
        first,
        upstream,
        len(survivors),
        sum(w.holes for w in survivors),
        sum(w.lost for w in survivors),
        len(orphans),
        sum(w.holes for w in orphans),
        sum(w.lost for w in orphans),
    )


# --- 0. upkeep -----------------------------------------------------------------------------


@dataclass
class Upkeep:
    """Milliseconds of CPU per second: the one process, the mean replica and Redis, idle and
    with one quiet room read on each server."""

    idle: tuple[float, float, float]
    quiet_room: tuple[float, float, float]


async def cpu_rates(pids: Sequence[int], seconds: float) -> list[float]:
    """Each process's CPU over ``seconds``, in ms per second."""
    before = [cpu_seconds(pid) for pid in pids]
    await asyncio.sleep(seconds)
    return [
        (cpu_seconds(pid) - was) / seconds * 1000 for pid, was in zip(pids, before, strict=True)
    ]


async def upkeep(
    single: ServerHandle, servers: dict[str, ServerHandle], redis_pid: int, pace: Pace
) -> Upkeep:
    """Idle (once the servers' start-up is over), then one subscriber on each server of a
    room that sends nothing."""
    replica_pids = [server.process.pid for server in servers.values()]
    pids = [single.process.pid, redis_pid, *replica_pids]

    async def rates() -> tuple[float, float, float]:
        one, redis, *replicas = await cpu_rates(pids, UPKEEP_SECONDS)
        return one, sum(replicas) / len(replicas), redis

    await asyncio.sleep(pace.warm_up)
    idle = await rates()
    crowd = Crowd([single.address, *(server.address for server in servers.values())], 0)
    for address in crowd.channels:
        crowd.follow(Watcher(QUIET_ROOM), address)
    try:
        await asyncio.sleep(pace.warm_up)
        return Upkeep(idle, await rates())
    finally:
        await crowd.close()


# --- 3. resume ----------------------------------------------------------------------------


@dataclass
class Resumed:
    """A client back after ``away`` seconds: what it missed, how fast it got it (its first
    event, the live edge), the CPU of the server it came back to meanwhile, what it lost."""

    missed: int
    first_event: float
    seconds: float
    server_cpu: float
    holes: int
    lost: int

    @property
    def per_second(self) -> float:
        return self.missed / self.seconds


async def resume(left: str, back: ServerHandle, away: float, pace: Pace) -> Resumed:
    """A keeper on ``left`` holds the room open and marks the live edge; the client leaves
    ``left`` and, ``away`` seconds later, resumes on ``back`` from its last position."""
    crowd = Crowd([left, back.address], 0, RESUME_ROOM)
    keeper, client = Watcher(RESUME_ROOM), Watcher(RESUME_ROOM)
    crowd.follow(keeper, left)
    crowd.follow(client, left)
    try:
        await asyncio.sleep(pace.warm_up)
        await crowd.leave(client)
        await asyncio.sleep(away)
        edge = keeper.sequence
        client.above = edge - 1
        client.forget_holes()
        missed = edge - client.sequence
        cpu_before = cpu_seconds(back.process.pid)
        called = time.monotonic()
        crowd.follow(client, back.address, resume=True)

        async def caught_up() -> bool:
            return client.first_above is not None

        await wait_for(caught_up, "catch-up to the live edge")
        server_cpu = cpu_seconds(back.process.pid) - cpu_before
        assert client.first_above is not None and client.first_event is not None
        first_event, seconds = client.first_event - called, client.first_above - called
        await asyncio.sleep(pace.settle)
        return Resumed(missed, first_event, seconds, server_cpu, client.holes, client.lost)
    finally:
        await crowd.close()


# --- the run ----------------------------------------------------------------------------


@dataclass
class Results:
    """Everything one run prints."""

    single: Load
    replicas: Load
    upkeep: Upkeep
    single_resume: Resumed
    # With one replica (--replicas 1) there is no survivor to fail over to: None.
    failover: Failover | None
    cluster_resume: Resumed | None


async def compare(
    single: ServerHandle,
    servers: dict[str, ServerHandle],
    redis_pid: int,
    seconds: float,
    *,
    size: int,
    pace: Pace,
    batch: int = 0,
) -> tuple[Load, Load, Crowd]:
    """The load on the one process, then on the replicas, ``pace.rounds`` times in turn, so
    that both see the machine alike; the replicas' last crowd stays on for the failover."""
    one, many = Load(0, 0.0), Load(0, 0.0)
    pids = [server.process.pid for server in servers.values()]
    window = seconds / pace.rounds
    for turn in range(pace.rounds):
        crowd = Crowd([single.address], size, batch=batch)
        try:
            one += await measure_load(crowd, [single.process.pid], None, window, pace)
        finally:
            await crowd.close()
        crowd = Crowd([server.address for server in servers.values()], size, batch=batch)
        try:
            many += await measure_load(crowd, pids, redis_pid, window, pace)
        finally:
            if turn < pace.rounds - 1:
                await crowd.close()
    return one, many, crowd


async def run(
    single: ServerHandle,
    servers: dict[str, ServerHandle],
    redis_pid: int,
    args: argparse.Namespace,
) -> Results:
    kept = await upkeep(single, servers, redis_pid, FULL)
    one, many, crowd = await compare(
        single, servers, redis_pid, args.seconds, size=args.subscribers, pace=FULL, batch=args.batch
    )
    try:
        down = await failover(crowd, servers, FULL) if len(servers) > 1 else None
    finally:
        await crowd.close()
    single_resume = await resume(single.address, single, args.away, FULL)
    if down is None:
        return Results(one, many, kept, single_resume, None, None)
    left, back = [server for name, server in servers.items() if name != down.owner][:2]
    cluster_resume = await resume(left.address, back, args.away, FULL)
    return Results(one, many, kept, single_resume, down, cluster_resume)


async def quick_load(
    single: ServerHandle, servers: dict[str, ServerHandle], redis_pid: int, rate: float
) -> tuple[Load, Load]:
    """Part 1 only, at the QUICK pace: half a second each way, three subscribers."""
    one, many, crowd = await compare(single, servers, redis_pid, 0.5, size=3, pace=QUICK)
    await crowd.close()
    return one, many


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report_load(
    single: Load,
    replicas: Load,
    *,
    rate: float,
    seconds: float,
    subscribers: int,
    pace: Pace,
    batch: int = 0,
) -> None:
    offered = round(rate * seconds) * subscribers
    batching = f"batched ({batch} events, {BATCH_DELAY_MS} ms)" if batch else "unbatched"
    print(
        f"load: {rate:g} events/s to {subscribers} subscribers, {batching}, {seconds:g} s each, in "
        f"{pace.rounds} turns; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(
        f"  one process: {single.deliveries} deliveries, {single.tokgate_cpu:.2f} CPU-s, "
        f"{single.per_cpu():,.0f} deliveries/CPU-s ({single.deliveries / offered:.0%} of the "
        f"{offered} offered)"
    )
    print(
        f"  {replicas.replicas} replicas:  {replicas.deliveries} deliveries, "
        f"tokgate {replicas.tokgate_cpu:.2f} "
        f"CPU-s + redis {replicas.redis_cpu:.2f} CPU-s, {replicas.per_cpu():,.0f} "
        f"deliveries/CPU-s (tokgate), {replicas.per_cpu(with_redis=True):,.0f} (with redis) "
        f"({replicas.deliveries / offered:.0%} offered)"
    )
    for label, with_redis in (("tokgate", False), ("tokgate+redis", True)):
        overhead = single.per_cpu() / replicas.per_cpu(with_redis) - 1
        print(
            f"  cluster overhead per delivery ({label}): {overhead:+.0%} "
            f"(target <= {OVERHEAD_TARGET:.0%}) {verdict(overhead <= OVERHEAD_TARGET)}"
        )


def report_failover(down: Failover) -> None:
    print(
        f"failover: kill -9 of owner '{down.owner}'; ListRooms named a survivor owner after "
        f"{down.owned_after:.2f} s; at a survivor's subscriber, the first new event after "
        f"{down.first_event_after:.2f} s, the first from the new upstream after "
        f"{down.upstream_after:.2f} s (target <= {FAILOVER_TARGET:g} s) "
        f"{verdict(down.upstream_after <= FAILOVER_TARGET)}"
    )
    print(
        f"  {down.survivors} survivors' subscribers: {down.survivor_holes} holes, "
        f"{down.survivor_lost} events lost; {down.resumed} of the dead replica's resumed on a "
        f"survivor: {down.resumed_holes} holes, {down.resumed_lost} events lost"
    )


def report_upkeep(kept: Upkeep) -> None:
    for label, (one, replica, redis) in (
        ("idle", kept.idle),
        ("one quiet room, a subscriber on each server", kept.quiet_room),
    ):
        print(
            f"upkeep, {label}: one process {one:.1f} ms CPU/s, a replica {replica:.1f} ms/s "
            f"(mean), redis {redis:.1f} ms/s (to {10 / UPKEEP_SECONDS:g} ms/s: /proc's ticks)"
        )


def report_resume(where: str, back: Resumed, args: argparse.Namespace) -> None:
    print(
        f"resume ({where}): away {args.away:g} s at {args.resume_rate:g} events/s, "
        f"{back.missed} events missed, first back after {back.first_event:.2f} s, caught up in "
        f"{back.seconds:.2f} s = {back.per_second:,.0f} events recovered/s (its server: "
        f"{back.server_cpu / back.seconds:.0%} of a core); {back.holes} holes, {back.lost} lost "
        f"{verdict(back.holes == 0 and back.lost == 0)}"
    )


def start_servers(
    stack: contextlib.ExitStack, sim: SimulatorHandle, redis_url: str, replicas: Sequence[str]
) -> tuple[ServerHandle, dict[str, ServerHandle]]:
    """The one process and the replicas, started side by side; stopped by ``stack``."""
    starting = {"single": run_server(upstream=sim, args=SERVER_ARGS)}
    for name in replicas:
        cluster = ["--cluster-url", redis_url, "--cluster-replica", name]
        starting[name] = run_server(upstream=sim, args=[*SERVER_ARGS, *cluster])
    with concurrent.futures.ThreadPoolExecutor(len(starting)) as pool:
        entered = {name: pool.submit(manager.__enter__) for name, manager in starting.items()}
    for name, future in entered.items():
        if future.exception() is None:
            stack.push(starting[name].__exit__)
    servers = {name: future.result() for name, future in entered.items()}
    return servers.pop("single"), servers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load window")
    parser.add_argument("--rate", type=float, default=100.0, help="events/s of the load")
    parser.add_argument("--subscribers", type=int, default=30)
    parser.add_argument(
        "--batch", type=int, default=0, help="events a message of the load (0: unbatched)"
    )
    parser.add_argument("--away", type=float, default=10.0, help="seconds a resumer is away")
    parser.add_argument("--resume-rate", type=float, default=1000.0, help="events/s")
    parser.add_argument(
        "--replicas",
        type=int,
        choices=range(1, len(REPLICAS) + 1),
        default=len(REPLICAS),
        help="replicas on Redis (1: Redis's own cost, without the split; no failover then)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke test: part 1, briefly")
    args = parser.parse_args()
    with (
        run_simulator(args=["--log-level", "WARNING"]) as sim,
        run_redis() as redis,
        contextlib.ExitStack() as stack,
    ):
        sim.control("POST", f"rooms/{ROOM}", json={"live": True, "event_rate": args.rate})
        rate = {"live": True, "event_rate": args.resume_rate}
        sim.control("POST", f"rooms/{RESUME_ROOM}", json=rate)
        sim.control("POST", f"rooms/{QUIET_ROOM}", json={"live": True, "event_rate": 0})
        # --quick: one replica (still on Redis): each server's start costs about 4 CPU-seconds
        # (TikTokLive's import), and the smoke test has seconds on two shared cores.
        replicas = REPLICAS[:1] if args.quick else REPLICAS[: args.replicas]
        single, servers = start_servers(stack, sim, redis.url, replicas)
        if args.quick:
            one, many = asyncio.run(quick_load(single, servers, redis.pid, args.rate))
            if not one.deliveries or not many.deliveries:
                print("FAILED: a setup delivered nothing", file=sys.stderr)
                return 1
            report_load(one, many, rate=args.rate, seconds=0.5, subscribers=3, pace=QUICK)
            return 0
        results = asyncio.run(run(single, servers, redis.pid, args))
    report_load(
        results.single,
        results.replicas,
        rate=args.rate,
        seconds=args.seconds,
        subscribers=args.subscribers,
        pace=FULL,
        batch=args.batch,
    )
    report_upkeep(results.upkeep)
    if results.failover is not None:
        report_failover(results.failover)
    report_resume("one process", results.single_resume, args)
    if results.cluster_resume is not None:
        report_resume("cluster, back on another replica", results.cluster_resume, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

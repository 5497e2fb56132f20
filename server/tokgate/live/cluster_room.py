"""Cluster mode, one room on one replica: the room's log on Redis, the replica's one reader
of it, and, while this replica holds the room's lease, the upstream connection.

Every replica with subscribers of a room reads the room's Redis stream once and fans it out
locally; exactly one replica (the lease holder) runs the upstream and appends to the stream.
The owner renews its lease every third of ``cluster_lease_ttl``; a replica that finds the
lease gone while it has subscribers (or watches the room) takes it, and continues the log's
numbering. An owner that cannot renew closes its upstream before its lease can have lapsed,
and an append after another replica took over is refused by Redis (the fence), so two
upstreams of one room never overlap (docs/design/streams.md §10, docs/scaling.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import struct
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from redis.exceptions import RedisError

from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure, ClusterUnavailableError
from tokgate.errors.kinds import kind_info
from tokgate.live.cluster import REPORTED_CALLERS, Cluster, room_keys
from tokgate.live.connection import Connection
from tokgate.live.events import Delivery, Stamp, status_event
from tokgate.live.fanout import FanOut
from tokgate.live.log import (
    Numbering,
    Replay,
    StartStateRole,
    new_epoch,
    plan_replay,
    start_state_role,
)
from tokgate.live.subscriber import Subscriber
from tokgate.metrics import CLUSTER_LEASES, CLUSTER_ROOMS_OWNED, LIVE_EVENTS_DROPPED
from tokgate.v1 import admin_pb2, errors_pb2, live_pb2

logger = logging.getLogger(__name__)

# Stream entries per XREAD and per page of a replay (an entry is one upstream frame).
READ_COUNT = 500
# A replay's first page is short (a frame may hold hundreds of events): its first events go
# out after one small read, the rest follows in pages of READ_COUNT.
FIRST_PAGE = 20
_REDIS_FAILURES = (RedisError, OSError)
# A Connection made for this room's log and audience (the hub knows the upstream's parts).
ConnectionFactory = Callable[["RedisLog", "ClusterAudience", bool], Connection]
Classify = Callable[[BaseException, str], Awaitable[ClassifiedFailure]]
Fields = dict[bytes, bytes]


def _sequence_of(entry_id: bytes) -> tuple[int, bool]:
    """A stream id's sequence (a frame's last), and whether it is a frame of events
    (``<seq>-0``) or a control entry."""
    sequence, _, part = entry_id.partition(b"-")
    return int(sequence), part == b"0"


def frame_fields(deliveries: Sequence[Delivery]) -> list[bytes]:
    """One frame's events as one stream entry's fields: their types (a byte each), their
    sealed lengths and their sealed bytes end to end (cluster.py's layout)."""
    types = bytes(delivery.event_type for delivery in deliveries)
    lengths = struct.pack(f"<{len(deliveries)}I", *(len(d.wire) for d in deliveries))
    return [types, lengths, b"".join(delivery.wire for delivery in deliveries)]


def frame_events(last: int, fields: Fields, received: float, after: int = 0) -> list[Delivery]:
    """The events of a frame's entry whose last sequence is ``last``, those after ``after``."""
    types = fields[b"k"]
    lengths = struct.unpack(f"<{len(types)}I", fields[b"l"])
    wires = fields[b"w"]
    sequence, start = last - len(types), 0
    events = []
    for event_type, length in zip(types, lengths, strict=True):
        sequence += 1
        end = start + length
        if sequence > after:
            events.append(Delivery(sequence, event_type, wires[start:end], received))
        start = end
    return events


def first_sequence(entry_id: bytes, fields: Fields) -> int:
    """The first sequence an entry holds (a control entry: the one after its own)."""
    sequence, is_event = _sequence_of(entry_id)
    return sequence - len(fields[b"k"]) + 1 if is_event else sequence + 1


def start_state_change(deliveries: Sequence[Delivery]) -> tuple[bytes, int, bytes]:
    """What a frame does to the start state, as APPEND takes it: its last CONNECTED (or
    b""), then the status's fate (NONE kept, HOLDING_STATUS set to the third, CLEARS_STATUS)."""
    connected, fate, status = b"", StartStateRole.NONE, b""
    for delivery in deliveries:
        role = start_state_role(delivery)
        if role is StartStateRole.CONNECTED:
            connected, fate = delivery.wire, StartStateRole.CLEARS_STATUS
        elif role is StartStateRole.HOLDING_STATUS:
            fate, status = role, delivery.wire
        elif role is StartStateRole.CLEARS_STATUS:
            fate = role
    return connected, int(fate), status


class RedisLog(Numbering):
    """A room's log on Redis: the owner numbers, seals and appends; every replica reads."""

    def __init__(self, key: str, cluster: Cluster, settings: Settings) -> None:
        super().__init__(key, "")
        self.token: str | None = None
        self.keys = room_keys(key)
        self._cluster = cluster
        # Called when an append is refused because the lease is not ours any more.
        self.on_fenced: Callable[[], None] = lambda: None
        self.reconfigure(settings)

    def reconfigure(self, settings: Settings) -> None:
        self._keep_ms = int(settings.room_history_max_age * 1000)
        self._max_entries = settings.room_history_max_entries
        self._max_bytes = settings.room_history_max_bytes

    def own(self, token: str, epoch: str, sequence: int, connected: bytes | None) -> None:
        """This replica holds the lease: continue the log's numbering from Redis."""
        self.token, self.epoch, self.last_sequence = token, epoch, sequence
        self.connected = Delivery.from_wire(connected, time.monotonic()) if connected else None
        self.status = None

    async def publish(self, deliveries: Sequence[Delivery]) -> None:
        """Append one frame's events as one stream entry, in one script call; fenced by the
        lease and the numbering. Events that cannot be appended are counted lost, and
        numbered again."""
        first = deliveries[0].sequence
        args: list[Any] = [
            self.token or "",
            self.epoch,
            first,
            self._keep_ms,
            self._max_entries,
            self._max_bytes,
            self._keep_ms,
            *frame_fields(deliveries),
            *start_state_change(deliveries),
        ]
        try:
            result = int(await self._cluster.run("append", list(self.keys[:3]), args))
        except _REDIS_FAILURES:
            result = 0
        if result > 0:
            for delivery in deliveries:
                self.keep_start_state(delivery)
            return
        self.last_sequence = first - 1
        LIVE_EVENTS_DROPPED.labels(reason="cluster_unavailable").inc(len(deliveries))
        if result < 0:
            self.on_fenced()

    async def control(self, what: str, detail: errors_pb2.ErrorDetail | None) -> bool:
        """A control entry every replica's reader acts on (end streams); False if refused."""
        wire = detail.SerializeToString() if detail is not None else b""
        args = [self.token or "", self.epoch, what, wire]
        try:
            return int(await self._cluster.run("control", list(self.keys[:3]), args)) == 1
        except _REDIS_FAILURES:
            return False

    async def replay(self, position: live_pb2.StreamPosition | None, room_id: str) -> Replay:
        """Read the meta and the history after ``position`` (in pages); plan as one process."""
        redis = self._cluster.redis
        epoch, last, connected, status = await self._cluster.call(
            redis.hmget(self.keys[1], ["epoch", "seq", "connected", "status"])
        )
        # No epoch: no replica has opened the room yet; its first entries will name one.
        epoch_text = epoch.decode() if epoch else ""
        last_sequence = int(last or 0)
        first = last_sequence + 1
        oldest = await self._cluster.call(redis.xrange(self.keys[2], "-", "+", count=1))
        if oldest:
            first = first_sequence(*oldest[0])
        page = Page([], 0, more=False)
        if (
            position is not None
            and position.epoch == epoch_text
            and position.sequence <= last_sequence
        ):
            page = await self.read_page(max(position.sequence, first - 1), FIRST_PAGE)
        now = time.monotonic()
        start_state = tuple(
            Delivery.from_wire(wire, now) if wire else None for wire in (connected, status)
        )
        replay = plan_replay(
            position,
            where=Stamp(self.key, room_id, epoch_text),
            last=last_sequence,
            first=first,
            start_state=(start_state[0], start_state[1]),
            retained_after=lambda after: [d for d in page.entries if d.sequence > after],
        )
        if page.more and not replay.ends:
            replay.continues_after = page.read_through
        return replay

    async def read_page(self, sequence: int, count: int = READ_COUNT) -> Page:
        """The events after ``sequence`` of up to ``count`` stream entries (frames), and
        where the next page starts. A long replay goes page by page, so its first events go
        out at once. The first frame read may hold events up to ``sequence``: skipped."""
        entries = await self._cluster.call(
            self._cluster.redis.xrange(self.keys[2], f"{sequence + 1}-0", "+", count=count)
        )
        now = time.monotonic()
        page = Page([], sequence, more=len(entries) == count)
        for entry_id, fields in entries:
            number, is_event = _sequence_of(entry_id)
            page.read_through = number
            if is_event:
                page.entries += frame_events(number, fields, now, after=sequence)
        return page


@dataclass(slots=True)
class Page:
    """One read of a room's history: its events, the last sequence read, and whether the
    stream may hold more after it."""

    entries: list[Delivery]
    read_through: int
    more: bool


class ClusterAudience:
    """The owner's connection ends streams on every replica, through the log."""

    def __init__(self, room: ClusterRoom) -> None:
        self._room = room

    async def end_all(self, failure: ClassifiedFailure | None) -> None:
        detail = failure.detail if failure is not None else None
        if not await self._room.log.control("end", detail):
            await self._room.fanout.end_all(failure)

    async def end_unless_waiting(self, failure: ClassifiedFailure) -> bool:
        if not await self._room.log.control("offline", failure.detail):
            await self._room.fanout.end_unless_waiting(failure)
        return self._room.cluster_subscribers > 0 or bool(self._room.fanout.subscribers)

    def set_room_id(self, room_id: str) -> None:
        self._room.set_room_id(room_id)

    def callers(self) -> frozenset[str]:
        """The callers of the room's subscribers on every replica: its sign grants count for
        them (tokgate.live.sign_budget)."""
        return self._room.callers()

    def sign_priority(self) -> int:
        """1 while the room is only watched (no subscriber anywhere), else 0."""
        room = self._room
        watched_only = room.watched and not room.fanout.subscribers
        return 1 if watched_only and not room.cluster_subscribers else 0


class ClusterRoom:
    """One room on this replica: its reader, its subscriber report and, as owner, its
    upstream connection."""

    def __init__(
        self,
        key: str,
        cluster: Cluster,
        settings: Settings,
        *,
        make_connection: ConnectionFactory,
        classify: Classify,
        on_idle: Callable[[ClusterRoom], None],
    ) -> None:
        self.key = key
        self.cluster = cluster
        self.fanout = FanOut(key)
        self.log = RedisLog(key, cluster, settings)
        self.watched = False
        self.connection: Connection | None = None
        # Each local subscriber's caller (tokgate.callers), reported with their count.
        self.members: dict[Subscriber, str] = {}
        # Subscribers cluster-wide and their callers, as of the owner's last renewal.
        self.cluster_subscribers = 0
        self.cluster_callers: frozenset[str] = frozenset()
        self._settings = settings
        self._make_connection = make_connection
        self._classify = classify
        self._on_idle = on_idle
        self._last_id = b"0-0"
        # The epoch of the stream this replica's reader delivers (the owner's log may be
        # numbering a newer one already: the reader must notice the change itself).
        self.reader_epoch = ""
        self._reader: asyncio.Task[None] | None = None
        self._owner: asyncio.Task[None] | None = None
        self._fenced = asyncio.Event()
        self._told_unavailable = False
        self._reported = -1
        self._reported_callers = ""
        self._started = False
        # A watched room without subscribers: since when its lease has been seen free.
        self._free_since: float | None = None
        self._pending: set[asyncio.Future[Any]] = set()

    @property
    def tick(self) -> float:
        """How often leases are renewed, checked and raced for: a third of their TTL."""
        return self.cluster.lease_ttl / 3

    # --- subscribers ---------------------------------------------------------------

    async def start(self) -> None:
        """Before the first subscriber's replay: read from the stream's end, report, and
        race for the lease if nobody holds it (Redis down: the reader retries)."""
        if self._started:
            return
        self._started = True
        with contextlib.suppress(*_REDIS_FAILURES):
            last = await self.cluster.call(
                self.cluster.redis.xrevrange(self.log.keys[2], "+", "-", count=1)
            )
            if last:
                self._last_id = last[0][0]
            epoch, leased = await self._report()
            self.reader_epoch = epoch.decode() if epoch else ""
            await self._race(leased)
        self._reader = asyncio.create_task(self._read(), name=f"cluster-reader:{self.key}")

    def adopt_epoch(self, epoch: str) -> None:
        """A subscriber's replay was read in ``epoch``: the reader's, if it had none yet."""
        if not self.reader_epoch:
            self._adopt(epoch)

    def _adopt(self, epoch: str) -> None:
        """The room's first epoch is known: streams that started before it was take it."""
        self.reader_epoch = epoch
        for subscriber in self.fanout.subscribers:
            subscriber.epoch = subscriber.epoch or epoch

    def set_room_id(self, room_id: str) -> None:
        """The owner connected to a broadcast: here, and in the meta for other replicas."""
        self.fanout.set_room_id(room_id)
        self._background(self.cluster.redis.hset(self.log.keys[1], "room_id", room_id))

    def _background(self, command: Any) -> None:
        """A best-effort write (the up/down state records a failure)."""
        task = asyncio.ensure_future(self.cluster.call(command))
        self._pending.add(task)
        task.add_done_callback(self._settled)

    def _settled(self, task: asyncio.Future[Any]) -> None:
        self._pending.discard(task)
        if not task.cancelled():
            task.exception()

    def callers(self) -> frozenset[str]:
        """The callers of the room's subscribers here and, as of the last renewal, on every
        replica."""
        return frozenset(self.members.values()) | self.cluster_callers

    def _reported_names(self) -> str:
        """This replica's callers of the room as a report names them (REPORTED_CALLERS)."""
        return "\n".join(sorted(set(self.members.values()))[:REPORTED_CALLERS])

    @property
    def idle(self) -> bool:
        """Nothing keeps this room here: no local subscriber, no lease, not watched."""
        return not self.fanout.subscribers and self._owner is None and not self.watched

    async def close(self) -> None:
        """Stop reading and, as owner, the upstream (handing the lease back)."""
        tasks = [task for task in (self._reader, self._owner) if task is not None]
        for task in tasks:
            task.cancel()
        if tasks:
            # Bounded: a shutdown must not wait for a task that ignores its cancellation.
            await asyncio.wait(tasks, timeout=self.cluster.lease_ttl)
        self._reader = None
        await self._stop_owning(release=True)
        with contextlib.suppress(*_REDIS_FAILURES):
            self.fanout.subscribers.clear()
            await self._report()

    # --- the reader ----------------------------------------------------------------

    async def _read(self) -> None:
        """XREAD the room's stream from the last id, fan out; on each timeout, the chores."""
        redis = self.cluster.redis
        block_ms = max(100, int(self.tick * 1000))
        next_chores = time.monotonic()
        while True:
            if self._told_unavailable:
                # Back from an outage: a Redis that lost its keys must be noticed before
                # anything of the new stream is delivered as if it were the old one.
                await self._chores()
                if not self.cluster.up:
                    continue
            try:
                answer = await self.cluster.call(
                    redis.xread({self.log.keys[2]: self._last_id}, count=READ_COUNT, block=block_ms)
                )
            except _REDIS_FAILURES:
                await self._unavailable()
                continue
            if self._told_unavailable:
                self._told_unavailable = False
                self._tell(live_pb2.STREAM_STATE_RESUMED, "Redis answers again; events flow")
            for _, entries in answer or ():
                await self._deliver(entries)
            if time.monotonic() >= next_chores:
                next_chores = time.monotonic() + self.tick
                await self._chores()
            if self.idle:
                self._on_idle(self)
                return

    async def _deliver(self, entries: list[tuple[bytes, Fields]]) -> None:
        now = time.monotonic()
        fanout = self.fanout
        if not self.reader_epoch and entries:
            self._adopt(entries[0][1][b"v"].decode())
        epoch = self.reader_epoch.encode()
        events: list[Delivery] = []  # a run of events, offered at once
        for entry_id, fields in entries:
            if fields[b"v"] != epoch:
                # The room's keys were remade (Redis lost them): not the stream it was reading.
                fanout.deliver(events)
                await self._new_epoch()
                return
            self._last_id = entry_id
            sequence, is_event = _sequence_of(entry_id)
            if is_event:
                events += frame_events(sequence, fields, now)
                continue
            fanout.deliver(events)
            events = []
            wire = fields.get(b"d", b"")
            failure = ClassifiedFailure(errors_pb2.ErrorDetail.FromString(wire)) if wire else None
            if fields.get(b"c") == b"offline" and failure is not None:
                await fanout.end_unless_waiting(failure)
            else:
                await fanout.end_all(failure)
        fanout.deliver(events)

    async def _chores(self) -> None:
        """Report this replica's subscribers, notice a new epoch, race for a free lease."""
        try:
            epoch, leased = await self._report()
            if epoch is not None and not self.reader_epoch:
                self._adopt(epoch.decode())
            elif epoch is not None and epoch.decode() != self.reader_epoch:
                await self._new_epoch()
            await self._race(leased)
        except _REDIS_FAILURES:
            await self._unavailable()

    async def _report(self) -> tuple[bytes | None, bool]:
        """Report this replica's subscribers and their callers; the room's epoch (None: none
        yet), and whether its lease is held, read in the same round trip."""
        count = len(self.fanout.subscribers)
        callers = self._reported_names()
        ttl_ms = int(self.cluster.lease_ttl * 1000)
        lease, meta, _, subs = self.log.keys
        epoch, leased = await self.cluster.run(
            "report", [subs, meta, lease], [self.cluster.replica, count, ttl_ms, callers]
        )
        self._reported, self._reported_callers = count, callers
        return epoch, bool(leased)

    async def report_soon(self) -> None:
        """The local subscribers changed: tell Redis now if their count crossed zero or a
        caller came or went (the owner's sign budget counts by caller)."""
        count = len(self.fanout.subscribers)
        crossed = (count == 0) != (self._reported == 0)
        if crossed or self._reported_names() != self._reported_callers:
            with contextlib.suppress(*_REDIS_FAILURES):
                await self._report()

    async def _new_epoch(self) -> None:
        """The room's keys were lost and made anew: every local stream gets RESUME_GAP and
        the new log's start; the reader starts over."""
        self._last_id = b"0-0"
        replay = await self.log.replay(
            live_pb2.StreamPosition(sequence=0, epoch=self.reader_epoch or "none"),
            self.fanout.room_id,
        )
        self.reader_epoch = replay.epoch
        for subscriber in self.fanout.subscribers:
            # One that resumed since is numbered in the new epoch already.
            if subscriber.epoch != replay.epoch:
                subscriber.start(replay)

    async def _unavailable(self) -> None:
        """Redis does not answer: tell the streams once, end them after the grace."""
        if not self._told_unavailable:
            self._told_unavailable = True
            self._tell(
                live_pb2.STREAM_STATE_CLUSTER_UNAVAILABLE,
                "this replica cannot reach Redis; events pause until it can",
            )
        down_since = self.cluster.down_since or time.monotonic()
        if self.fanout.subscribers and (
            time.monotonic() - down_since > self._settings.cluster_outage_grace
        ):
            failure = await self._classify(
                ClusterUnavailableError(
                    f"Redis unreachable for over {self._settings.cluster_outage_grace:g}s"
                ),
                self.key,
            )
            await self.fanout.end_all(failure)
        await asyncio.sleep(min(1.0, self.tick))

    def _tell(self, state: live_pb2.StreamState.ValueType, message: str) -> None:
        for subscriber in self.fanout.subscribers:
            subscriber.tell(state, message)

    # --- ownership -----------------------------------------------------------------

    async def _race(self, leased: bool) -> None:
        """Take the lease if nobody holds it (``leased``: someone did a moment ago) and
        someone here needs the room.

        Rooms with subscribers waiting go first: a room only watched races once its lease
        has been free for a whole TTL, so after a failover the sign budget goes to the rooms
        people are watching (docs/scaling.md)."""
        if self._owner is not None or not (self.fanout.subscribers or self.watched):
            return
        if leased:
            self._free_since = None
            return
        if not self.fanout.subscribers:
            now = time.monotonic()
            self._free_since = self._free_since or now
            if now - self._free_since < self.cluster.lease_ttl:
                return
        token = self.cluster.new_token()
        ttl_ms = int(self.cluster.lease_ttl * 1000)
        lease, meta = self.log.keys[:2]
        got = await self.cluster.run("acquire", [lease, meta], [token, ttl_ms, new_epoch()])
        if not got:
            return
        epoch, sequence = got[0].decode(), int(got[1])
        connected = await self.cluster.call(self.cluster.redis.hget(meta, "connected"))
        self.log.own(token, epoch, sequence, connected)
        CLUSTER_LEASES.labels(event="taken_over" if sequence else "acquired").inc()
        CLUSTER_ROOMS_OWNED.inc()
        logger.info(
            "took the room's lease",
            extra={"unique_id": self.key, "replica": self.cluster.replica, "sequence": sequence},
        )
        self._fenced.clear()
        self.log.on_fenced = self._fenced.set
        if connected:  # a takeover: the room was connected under another owner
            status = status_event(
                live_pb2.STREAM_STATE_RECONNECTING,
                f"replica {self.cluster.replica} took the room over; reconnecting upstream",
            )
            now = time.monotonic()
            sealed = self.log.seal(
                status, live_pb2.EVENT_TYPE_STREAM_STATUS, self.fanout.room_id, now, time.time_ns()
            )
            await self.log.publish((sealed,))
        self.connection = self._make_connection(self.log, ClusterAudience(self), self.watched)
        self.connection.start()
        self._owner = asyncio.create_task(self._own(), name=f"cluster-owner:{self.key}")

    async def _own(self) -> None:
        """Hold the lease while the upstream runs; then close it (handing the lease back
        unless it was lost)."""
        assert self.connection is not None
        try:
            release = await self._hold(self.connection)
        except asyncio.CancelledError:
            self._owner = None
            raise
        except Exception:  # a bug of tokgate's: never keep an upstream nobody renews
            logger.exception(
                "the room's lease holder failed; closing its upstream",
                extra={"error_kind": kind_info(errors_pb2.ERROR_KIND_INTERNAL).label},
            )
            release = True
        self._owner = None
        await self._stop_owning(release)

    async def _hold(self, connection: Connection) -> bool:
        """Renew the lease every TTL/3 until the upstream is finished or idle (True: hand the
        lease back), or the lease is lost (False). Lost means: an append was fenced, a renewal
        was refused, or none succeeded for two thirds of the TTL, so the upstream closes before
        the lease can have lapsed and another replica can have connected."""
        ttl = self.cluster.lease_ttl
        last_renewed = time.monotonic()
        idle_since: float | None = None
        while not connection.finished:
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a
            # cancellation that meets its timeout, and a shutdown would wait here forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.tick):
                    await self._fenced.wait()
            if self._fenced.is_set():
                self._lost("an append was refused: another replica holds the lease")
                return False
            renewal = self.cluster.run(
                "renew",
                list(self.log.keys),
                [
                    self.log.token,
                    int(ttl * 1000),
                    int(self._settings.room_history_max_age * 1000),
                    connection.state,
                ],
            )
            give_up_at = last_renewed + ttl * 2 / 3
            try:
                # Bounded: a renewal that hangs must not outlast the lease unnoticed.
                wait = max(0.05, min(self.tick, give_up_at - time.monotonic()))
                async with asyncio.timeout(wait):
                    count, callers = await renewal
            except (*_REDIS_FAILURES, TimeoutError):
                if time.monotonic() >= give_up_at - 0.05:
                    self._lost("Redis unreachable: the lease cannot be renewed")
                    return False
                continue
            last_renewed = time.monotonic()
            total = int(count)
            if total < 0:
                self._lost("the lease was taken: this replica was too slow to renew it")
                return False
            self.cluster_subscribers = total
            self.cluster_callers = frozenset(callers.decode().split("\n")) - {""}
            if total or self.watched:
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= self._settings.room_linger:
                return True
        return True

    def _lost(self, why: str) -> None:
        CLUSTER_LEASES.labels(event="lost").inc()
        logger.warning(
            "lost the room's lease; closing its upstream",
            extra={
                "error_kind": kind_info(errors_pb2.ERROR_KIND_NETWORK).label,
                "unique_id": self.key,
                "replica": self.cluster.replica,
                "reason": why,
            },
        )

    async def _stop_owning(self, release: bool) -> None:
        connection, self.connection = self.connection, None
        if connection is None:
            return
        await connection.close()
        CLUSTER_ROOMS_OWNED.dec()
        token, self.log.token = self.log.token, None
        if release and token:
            with contextlib.suppress(*_REDIS_FAILURES):
                await self.cluster.run("release", list(self.log.keys[:2]), [token])
                CLUSTER_LEASES.labels(event="released").inc()

    # --- admin ---------------------------------------------------------------------

    async def describe(self) -> admin_pb2.Room:
        """The cluster's view of the room: owner, subscribers per replica, epoch."""
        redis = self.cluster.redis
        lease, meta, _, subs = self.log.keys
        owner, fields, reports = await asyncio.gather(
            self.cluster.call(redis.get(lease)),
            self.cluster.call(redis.hmget(meta, ["epoch", "seq", "room_id", "state"])),
            self.cluster.call(redis.hgetall(subs)),
        )
        epoch, sequence, room_id, state = fields
        room = admin_pb2.Room(
            unique_id=self.key,
            room_id=(room_id or b"").decode() or self.fanout.room_id,
            epoch=(epoch or b"").decode(),
            last_sequence=int(sequence or 0),
            owner_replica=owner.decode().rpartition("/")[0] if owner else "",
            watched=self.watched,
            state=int(state or 0) if owner else admin_pb2.ROOM_STATE_CLOSED,  # type: ignore[arg-type]
        )
        for replica, report in sorted(reports.items()):
            count = int(report.split(b":")[0])
            room.replicas.add(replica=replica.decode(), subscriber_count=count)
            room.subscriber_count += count
        if self.connection is not None:
            room.state = self.connection.state
            room.events_received = self.connection.events_received
            room.reconnects = self.connection.reconnects
            room.open_time.FromNanoseconds(self.connection.open_time_ns)
        return room

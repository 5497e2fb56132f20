"""The room hub: every room of the process, by streamer; the one-off upstream requests (live
status, room info, gift lists) and their caches.

A room is a log, a fan-out and, while someone listens, an upstream connection. The connection
opens with the room's first subscriber (or for a watched streamer) and closes a linger after
its last one left; the log outlives it by ``room_history_max_age``, so a client that dropped
can still resume, and then goes too (no task, websocket or history of it is left).

Rooms are keyed by the streamer's normalized username (lower case, without "@"). A room
opened from a room id uses that broadcast for its first connection (no username lookup);
room info and gift catalogues come from an open room when it has them, else from the caches.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure, MalformedUpstreamError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.cluster import Cluster, ClusterSignBudget, replica_name
from tokgate.live.cluster_room import ClusterAudience, RedisLog
from tokgate.live.cluster_rooms import ClusterRooms
from tokgate.live.connection import Connection
from tokgate.live.fanout import FanOut
from tokgate.live.gifts import Catalogue, GiftCache
from tokgate.live.log import BUFFER as HISTORY_BUFFER
from tokgate.live.log import MemoryLog
from tokgate.live.room_info import RoomInfoCache, RoomTarget
from tokgate.live.sign_budget import Budget, Callers, SignBudget
from tokgate.live.subscriber import BUFFER as SUBSCRIBER_BUFFER
from tokgate.live.subscriber import Subscriber
from tokgate.live.upstream import (
    UpstreamTrust,
    failure_context,
    prepare_upstream,
    sign_keys,
    upstream_client_type,
)
from tokgate.metrics import LIVE_SUBSCRIBERS
from tokgate.v1 import admin_pb2, live_pb2
from tokgate.validation import UNIQUE_ID_PATTERN, user_key

if TYPE_CHECKING:
    from tokgate.live.adapter import UpstreamClient

T = TypeVar("T")

logger = logging.getLogger(__name__)

# Who holds a room nobody subscribes to: the operator's watch list.
WATCH_LIST = "watch"


@dataclass(eq=False)
class Room:
    """One streamer's room in this process."""

    log: MemoryLog
    fanout: FanOut
    connection: Connection | None = None
    watched: bool = False
    # Each subscriber's caller (tokgate.callers): the sign budget shares grants out by them.
    members: dict[Subscriber, str] = field(default_factory=dict, repr=False)
    # The caller of the room's first subscriber: holds it while nobody subscribes (a linger).
    opener: str = WATCH_LIST
    # The linger after the last subscriber left; the log's expiry after the connection closed.
    linger: asyncio.Task[None] | None = None
    expiry: asyncio.Task[None] | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        return self.log.key

    def callers(self) -> frozenset[str]:
        """The callers the room's sign grants count for."""
        return frozenset(self.members.values()) or frozenset({self.opener})


class RoomHub:
    """Every room of the process, keyed by streamer."""

    def __init__(
        self, settings: Settings, pipeline: ErrorPipeline, cluster: Cluster | None = None
    ) -> None:
        """``cluster``: this replica's connection to the cluster's Redis (cluster mode), which
        the quotas share; None: the rooms of one process."""
        prepare_upstream(settings)
        self._settings = settings
        self._pipeline = pipeline
        self.replica = replica_name(settings)
        self.trust = UpstreamTrust(settings)
        keys = len(sign_keys(settings))
        self._budget: SignBudget | None = SignBudget(
            settings.sign_budget_per_minute,
            settings.sign_budget_window,
            keys=keys,
            reserve=settings.sign_budget_reserve,
        )
        # Cluster mode: rooms shared with the other replicas on Redis, and their sign budget.
        self._cluster: ClusterRooms | None = None
        self._cluster_budget: ClusterSignBudget | None = None
        if cluster is not None:
            self._budget = None
            self._cluster_budget = ClusterSignBudget(
                cluster,
                settings.sign_budget_per_minute,
                settings.sign_budget_window,
                keys=keys,
                reserve=settings.sign_budget_reserve,
            )
            self._cluster = ClusterRooms(cluster, settings, self._cluster_connection, self._fail)
        self._proxies = itertools.cycle([p.get_secret_value() for p in settings.proxies] or [None])
        self._rooms: dict[str, Room] = {}
        # One for every subscriber (thousands may be idle), replaced on reload.
        self._queue_bounds = Bounds.from_settings(settings, SUBSCRIBER_BUFFER)
        self.room_info = RoomInfoCache(Bounds.from_settings(settings, "room_info_cache"), self.ask)
        self.gifts = GiftCache(Bounds.from_settings(settings, "gift_cache"), self.ask)

    @property
    def settings(self) -> Settings:
        """The live settings in force (reloads replace them)."""
        return self._settings

    def start(self) -> None:
        """Open the watched streamers' rooms (call on the running loop)."""
        self._watch(frozenset(self._settings.watch))

    def _cluster_connection(
        self, log: RedisLog, audience: ClusterAudience, watched: bool
    ) -> Connection:
        """The upstream of a room whose lease this replica took (cluster mode); it signs
        before rooms only watched while it has subscribers, for their callers on every
        replica."""
        assert self._cluster_budget is not None, "cluster mode only"
        return Connection(
            log,
            audience,
            self._settings,
            pipeline=self._pipeline,
            budget=self._cluster_budget.for_room(
                lambda: audience.callers() or frozenset({WATCH_LIST}), audience.sign_priority
            ),
            trust=self.trust,
            proxy=next(self._proxies),
            on_finished=lambda _: None,
            gifts=self.gifts,
            watched=watched,
        )

    def _room_budget(self, callers: Callers) -> Budget:
        """The sign budget as a room of ``callers`` sees it."""
        if self._cluster_budget is not None:
            return self._cluster_budget.for_room(callers, lambda: 0)
        assert self._budget is not None
        return self._budget.for_room(callers)

    async def _fail(self, error: BaseException, unique_id: str) -> ClassifiedFailure:
        """Report a room's failure that is not its upstream's (cluster mode: Redis)."""
        detail = await self._pipeline.report(error, failure_context("cluster", unique_id=unique_id))
        return ClassifiedFailure(detail)

    def _room(self, key: str) -> Room:
        """The room of ``key``, made with a new log (a new epoch) if it has none."""
        room = self._rooms.get(key)
        if room is None:
            fanout = FanOut(key)
            bounds = Bounds.from_settings(self._settings, HISTORY_BUFFER)
            room = Room(MemoryLog(key, bounds, fanout.deliver), fanout)
            self._rooms[key] = room
        if room.expiry is not None:
            room.expiry.cancel()
            room.expiry = None
        return room

    async def subscribe(
        self,
        unique_id: str,
        event_types: AbstractSet[int],
        wait_until_live: bool,
        live_room_id: str = "",
        position: live_pb2.StreamPosition | None = None,
        *,
        caller: str = "",
    ) -> Subscriber:
        """A new subscriber of ``unique_id``'s room (a room key), resuming after ``position``
        if given; opens the room's connection if none is open. A new connection connects
        first to ``live_room_id``, a broadcast known to be live. ``caller`` (tokgate.callers)
        holds the room while the subscriber does: the sign budget is shared out by callers."""
        settings = self._settings
        subscriber = Subscriber(
            unique_id, event_types, wait_until_live, self._queue_bounds, settings.overflow_policy
        )
        LIVE_SUBSCRIBERS.inc()
        if self._cluster is not None:
            await self._cluster.subscribe(subscriber, position, caller)
            return subscriber
        room = self._room(unique_id)
        if not room.members and not room.watched:
            room.opener = caller
        room.members[subscriber] = caller
        # Registered before the replay is read, so no event falls between the two.
        room.fanout.attach(subscriber)
        replay = await room.log.replay(position, room.fanout.room_id)
        subscriber.start(replay)
        if replay.ends:  # the replay holds the LIVE's end: nothing to connect for
            room.fanout.detach(subscriber)
            room.members.pop(subscriber, None)
            self._settle(room)
            return subscriber
        connection = room.connection
        if connection is None or not connection.accepting:
            self._connect(room, live_room_id)
        elif connection.offline is not None and not wait_until_live:
            room.fanout.detach(subscriber)
            room.members.pop(subscriber, None)
            subscriber.end(ClassifiedFailure(connection.offline))
        if room.linger is not None:
            room.linger.cancel()
            room.linger = None
        return subscriber

    def _connect(self, room: Room, live_room_id: str = "") -> None:
        connection = Connection(
            room.log,
            room.fanout,
            self._settings,
            pipeline=self._pipeline,
            budget=self._room_budget(room.callers),
            trust=self.trust,
            proxy=next(self._proxies),
            on_finished=self._connection_finished,
            gifts=self.gifts,
            first_room_id=live_room_id,
            watched=room.watched,
        )
        room.connection = connection
        connection.start()

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """The subscriber's RPC is over; the room lingers if it was the last."""
        LIVE_SUBSCRIBERS.dec()
        if self._cluster is not None:
            self._cluster.unsubscribe(subscriber)
            return
        room = self._rooms.get(subscriber.unique_id)
        if room is not None:
            room.members.pop(subscriber, None)
        if room is None or subscriber not in room.fanout.subscribers:
            return
        room.fanout.detach(subscriber)
        self._settle(room)

    def _settle(self, room: Room) -> None:
        """After a room lost a subscriber or its connection: linger, expire, or nothing."""
        if room.fanout.subscribers or room.watched:
            return
        if room.connection is not None:
            if room.linger is None:
                room.linger = asyncio.create_task(self._linger(room))
        elif room.expiry is None:
            room.expiry = asyncio.create_task(self._expire(room))

    async def _linger(self, room: Room) -> None:
        await asyncio.sleep(self._settings.room_linger)
        room.linger = None
        connection = room.connection
        if connection is not None:
            self._connection_finished(connection)
            await connection.close()

    async def _expire(self, room: Room) -> None:
        """No connection for ``room_history_max_age``: nothing in the history is left."""
        await asyncio.sleep(self._settings.room_history_max_age)
        if self._rooms.get(room.key) is room and room.connection is None:
            room.expiry = None
            del self._rooms[room.key]
            room.log.history.clear()

    def _connection_finished(self, connection: Connection) -> None:
        """A room's upstream is gone (linger over, LIVE ended, or failed for good)."""
        room = self._rooms.get(connection.unique_id)
        if room is None or room.connection is not connection:
            return
        room.connection = None
        if room.linger is not None and room.linger is not asyncio.current_task():
            room.linger.cancel()
        room.linger = None
        if room.watched:
            # A watched room that gave up: start over after the longest reconnect delay.
            room.expiry = asyncio.create_task(self._rewatch(room))
            return
        self._settle(room)

    async def _rewatch(self, room: Room) -> None:
        await asyncio.sleep(self._settings.reconnect_max_backoff)
        room.expiry = None
        if room.watched and room.connection is None:
            self._connect(room)

    def _watch(self, keys: frozenset[str]) -> None:
        """Keep exactly ``keys`` watched: open the new ones, let the others go as unwatched."""
        if self._cluster is not None:
            self._cluster.watch(keys)
            return
        for key in keys:
            room = self._room(user_key(key))
            room.watched = True
            room.opener = WATCH_LIST
            if room.connection is None or not room.connection.accepting:
                self._connect(room)
            else:
                room.connection.watched = True
        for room in list(self._rooms.values()):
            if room.watched and room.key not in {user_key(key) for key in keys}:
                room.watched = False
                if room.connection is not None:
                    room.connection.watched = False
                self._settle(room)

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """New live settings: for new subscribers, and for open rooms from their next step."""
        if settings == self._settings:
            return None

        def commit() -> None:
            self._settings = settings
            self._queue_bounds = Bounds.from_settings(settings, SUBSCRIBER_BUFFER)
            self.room_info.bounds = Bounds.from_settings(settings, "room_info_cache")
            self.gifts.bounds = Bounds.from_settings(settings, "gift_cache")
            if self._cluster is not None:
                self._cluster.reconfigure(settings)
            history = Bounds.from_settings(settings, HISTORY_BUFFER)
            for room in self._rooms.values():
                room.log.reconfigure(history)
                if room.connection is not None:
                    room.connection.reconfigure(settings)
            self._watch(frozenset(settings.watch))

        return commit

    @property
    def has_subscribers(self) -> bool:
        """Whether any room has a subscriber (a stream a shutdown would end)."""
        if self._cluster is not None:
            return self._cluster.has_subscribers
        return any(room.fanout.subscribers for room in self._rooms.values())

    async def list_rooms(self) -> list[admin_pb2.Room]:
        """Every room: with its connection, or CLOSED while its log waits to expire; in
        cluster mode, the cluster's rooms as Redis holds them."""
        if self._cluster is not None:
            return await self._cluster.list_rooms()
        rooms = []
        for room in self._rooms.values():
            connection = room.connection
            subscribers = len(room.fanout.subscribers)
            entry = admin_pb2.Room(
                unique_id=room.key,
                room_id=room.fanout.room_id,
                subscriber_count=subscribers,
                last_sequence=room.log.last_sequence,
                epoch=room.log.epoch,
                replicas=[
                    admin_pb2.RoomReplica(replica=self.replica, subscriber_count=subscribers)
                ],
                watched=room.watched,
            )
            if connection is None:
                entry.state = admin_pb2.ROOM_STATE_CLOSED
            else:
                entry.state = (
                    admin_pb2.ROOM_STATE_LINGERING if room.linger is not None else connection.state
                )
                entry.owner_replica = self.replica
                entry.events_received = connection.events_received
                entry.reconnects = connection.reconnects
                entry.open_time.FromNanoseconds(connection.open_time_ns)
            rooms.append(entry)
        return rooms

    async def live_status(self, unique_id: str) -> tuple[bool, str]:
        """Is ``unique_id`` live, and in which room: from an open LIVE room, or one request."""
        connection = self._connection_of(RoomTarget(unique_id=unique_id))
        if connection is not None and connection.state == admin_pb2.ROOM_STATE_LIVE:
            return True, connection.room_id
        return await self.ask(
            RoomTarget(unique_id=unique_id), lambda client: client.fetch_live_status()
        )

    def _connection_of(self, target: RoomTarget) -> Connection | None:
        """The open connection the target names (its streamer's, or the one in that
        broadcast)."""
        if self._cluster is not None:
            return self._cluster.connection_of(target.unique_id, target.room_id)
        if target.unique_id:
            room = self._rooms.get(target.unique_id)
            return room.connection if room is not None else None
        return next(
            (
                room.connection
                for room in self._rooms.values()
                if room.connection is not None and room.connection.room_id == target.room_id
            ),
            None,
        )

    async def resolve(self, target: RoomTarget) -> tuple[str, str]:
        """The room key the target names, and the broadcast a new room may connect to first
        (a room id whose broadcast is live; else "")."""
        if target.unique_id:
            return target.unique_id, ""
        connection = self._connection_of(target)
        if connection is not None:
            return connection.unique_id, ""
        info = await self.room_info.info(target)
        owner = info.owner.unique_id
        if not UNIQUE_ID_PATTERN.fullmatch(owner):
            raise MalformedUpstreamError(f"room info of room {target.room_id} without its owner")
        return user_key(owner), target.room_id if info.is_live else ""

    async def get_room_info(
        self, target: RoomTarget, fresh: bool = False
    ) -> live_pb2.GetRoomInfoResponse:
        """The target's room info: the open room's own fetch, else the cache's; ``fresh``
        (the caller's cache-control: no-cache): a new request."""
        connection = self._connection_of(target)
        if not fresh and connection is not None and connection.info is not None:
            return connection.info
        return await self.room_info.info(target, fresh)

    async def gift_catalogue(self, target: RoomTarget, fresh: bool = False) -> Catalogue:
        """The gifts of the target's broadcast (a streamer's current or last one): the open
        room's own fetch, else the cache's; ``fresh``: new requests."""
        connection = self._connection_of(target)
        if not fresh and connection is not None and connection.catalogue is not None:
            return connection.catalogue
        if not target.room_id:
            info = await self.get_room_info(target, fresh)
            target = RoomTarget(unique_id=target.unique_id, room_id=info.room_id)
        return await self.gifts.catalogue(target, fresh)

    async def ask(self, target: RoomTarget, request: Callable[[UpstreamClient], Awaitable[T]]) -> T:
        """Run one request on a fresh upstream client; a failure is reported to the error
        pipeline and raised classified."""
        client = (await upstream_client_type(self._settings))(
            target.unique_id,
            self._settings,
            tls=self.trust.context,
            budget=self._room_budget(frozenset),  # one-off requests never sign
            proxy=next(self._proxies),
        )
        try:
            return await request(client)
        except Exception as exc:
            context = failure_context(
                client.step,
                unique_id=target.unique_id,
                room_id=target.room_id,
                evidence=client.evidence,
            )
            detail = await self._pipeline.report(exc, context)
            raise ClassifiedFailure(detail) from exc
        finally:
            await client.close_all()

    async def stop(self, failure: ClassifiedFailure | None) -> None:
        """Shutdown: end every stream with ``failure`` (None: there are no streams) and
        close every upstream."""
        if self._cluster is not None:
            await self._cluster.stop(failure)
            return
        connections = []
        for room in self._rooms.values():
            room.watched = False
            for task in (room.linger, room.expiry):
                if task is not None:
                    task.cancel()
            room.linger = room.expiry = None
            if failure is not None:
                await room.fanout.end_all(failure)
            if room.connection is not None:
                connections.append(room.connection)
        await asyncio.gather(*(c.close() for c in connections), return_exceptions=True)
        self._rooms.clear()

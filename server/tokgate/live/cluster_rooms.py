"""Cluster mode's rooms on this replica: what the hub does with rooms when ``cluster_url`` is
set. A room is here while it has local subscribers, while this replica owns it, or while it
is watched; its log, lease and subscriber counts live in Redis (see cluster_room.py)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable

from redis.exceptions import RedisError

from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure, ClusterUnavailableError
from tokgate.live.cluster import ROOM_PREFIX, Cluster
from tokgate.live.cluster_room import Classify, ClusterRoom, ConnectionFactory
from tokgate.live.connection import Connection
from tokgate.live.subscriber import Subscriber
from tokgate.v1 import admin_pb2, live_pb2
from tokgate.validation import user_key


class ClusterRooms:
    """This replica's rooms, by streamer, in cluster mode."""

    def __init__(
        self,
        cluster: Cluster,
        settings: Settings,
        make_connection: ConnectionFactory,
        classify: Classify,
    ) -> None:
        self.cluster = cluster
        self._settings = settings
        self._make_connection = make_connection
        self._classify = classify
        self._rooms: dict[str, ClusterRoom] = {}
        self._closing: set[asyncio.Task[None]] = set()
        self._health: asyncio.Task[None] | None = None

    def _room(self, key: str) -> ClusterRoom:
        room = self._rooms.get(key)
        if room is None:
            room = ClusterRoom(
                key,
                self.cluster,
                self._settings,
                make_connection=self._make_connection,
                classify=self._classify,
                on_idle=self._idle,
            )
            self._rooms[key] = room
        return room

    async def subscribe(
        self, subscriber: Subscriber, position: live_pb2.StreamPosition | None, caller: str
    ) -> None:
        """Attach (live events queue up), start the room's reader, then the replay.
        ``caller`` (tokgate.callers) holds the room while the subscriber does."""
        room = self._room(subscriber.unique_id)
        room.members[subscriber] = caller
        room.fanout.attach(subscriber)
        try:
            await room.start()
            await room.report_soon()
        except BaseException:
            room.members.pop(subscriber, None)
            raise
        try:
            replay = await room.log.replay(position, room.fanout.room_id)
        except (RedisError, OSError) as exc:
            room.fanout.detach(subscriber)
            subscriber.end(await self._unavailable(exc, subscriber.unique_id))
            return
        room.adopt_epoch(replay.epoch)
        subscriber.start(replay)
        if replay.ends:
            room.fanout.detach(subscriber)
        elif replay.continues_after:
            self._spawn(self._page(room, subscriber, replay.continues_after))

    async def _page(self, room: ClusterRoom, subscriber: Subscriber, after: int) -> None:
        """Hand a long replay's later pages to its subscriber, which waits for them."""
        try:
            while not subscriber.ended:
                page = await room.log.read_page(after)
                subscriber.continue_replay(page.entries, last=not page.more)
                if not page.more:
                    return
                after = page.read_through
        except (RedisError, OSError) as exc:
            room.fanout.detach(subscriber)
            subscriber.end(await self._unavailable(exc, subscriber.unique_id))

    async def _unavailable(self, error: Exception, unique_id: str) -> ClassifiedFailure:
        """A replay Redis did not answer: CLUSTER_UNAVAILABLE (retryable: another replica
        may reach Redis), not the Redis client's own exception."""
        failure = ClusterUnavailableError("Redis unreachable: the room's history cannot be read")
        failure.__cause__ = error
        return await self._classify(failure, unique_id)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        room = self._rooms.get(subscriber.unique_id)
        if room is None:
            return
        room.members.pop(subscriber, None)
        if subscriber not in room.fanout.subscribers:
            return
        room.fanout.detach(subscriber)
        self._spawn(room.report_soon())

    def _idle(self, room: ClusterRoom) -> None:
        """The room's reader found nothing keeping it here: it goes."""
        if self._rooms.get(room.key) is room:
            del self._rooms[room.key]
        self._spawn(room.close())

    def _spawn(self, work: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(work)
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def watch(self, keys: frozenset[str]) -> None:
        """Keep exactly ``keys`` watched: every replica races for their leases. (The first
        call, at start, also starts the Redis health check.)"""
        if self._health is None:
            self._health = asyncio.create_task(self.cluster.watch_health(), name="cluster-health")
        wanted = {user_key(key) for key in keys}
        for key in wanted:
            room = self._room(key)
            room.watched = True
            self._spawn(room.start())
        for room in list(self._rooms.values()):
            if room.watched and room.key not in wanted:
                room.watched = False

    def reconfigure(self, settings: Settings) -> None:
        self._settings = settings
        for room in self._rooms.values():
            room.log.reconfigure(settings)
            if room.connection is not None:
                room.connection.reconfigure(settings)

    @property
    def has_subscribers(self) -> bool:
        return any(room.fanout.subscribers for room in self._rooms.values())

    def connection_of(self, unique_id: str, room_id: str) -> Connection | None:
        """The upstream this replica holds for the streamer (or broadcast), if it owns it."""
        for room in self._rooms.values():
            connection = room.connection
            if connection is None:
                continue
            if (unique_id and room.key == unique_id) or (room_id and connection.room_id == room_id):
                return connection
        return None

    async def list_rooms(self) -> list[admin_pb2.Room]:
        """Every room of the cluster this replica knows of: its own, and any with a lease or
        a log in Redis (found by SCAN, for operators, not the hot path)."""
        keys = set(self._rooms)
        with contextlib.suppress(RedisError, OSError):
            metas = self.cluster.redis.scan_iter(match=f"{ROOM_PREFIX}{{*}}:meta", count=500)
            async for name in metas:
                keys.add(name.decode().split("{", 1)[1].rsplit("}", 1)[0])
        rooms = []
        for key in sorted(keys):
            room = self._rooms.get(key) or ClusterRoom(
                key,
                self.cluster,
                self._settings,
                make_connection=self._make_connection,
                classify=self._classify,
                on_idle=lambda _: None,
            )
            with contextlib.suppress(RedisError, OSError):
                rooms.append(await room.describe())
        return rooms

    async def stop(self, failure: ClassifiedFailure | None) -> None:
        """Shutdown: end local streams, hand owned leases back at once (so another replica
        takes over without waiting for them to lapse), stop reading. (The connection to Redis
        stays open: the quotas share it, and the server closes it last.)"""
        if self._health is not None:
            self._health.cancel()
        rooms = list(self._rooms.values())
        self._rooms.clear()
        for room in rooms:
            room.watched = False
            if failure is not None:
                await room.fanout.end_all(failure)
        await asyncio.gather(*(room.close() for room in rooms), return_exceptions=True)
        await asyncio.gather(*self._closing, return_exceptions=True)

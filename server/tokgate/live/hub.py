"""The room hub: one Room per streamer, opened by its first subscriber and closed a linger
after its last one left (then no room, task or websocket of it is left); the one-off upstream
requests (live status, room info, gift lists) and their caches.

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
from typing import TypeVar

from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure, MalformedUpstreamError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.adapter import (
    UpstreamClient,
    UpstreamTrust,
    configure_upstream,
    failure_context,
)
from tokgate.live.gifts import Catalogue, GiftCache
from tokgate.live.room import Room
from tokgate.live.room_info import RoomInfoCache, RoomTarget, room_key
from tokgate.live.sign_budget import SignBudget
from tokgate.live.subscriber import Subscriber
from tokgate.metrics import LIVE_SUBSCRIBERS
from tokgate.v1 import admin_pb2, live_pb2
from tokgate.validation import UNIQUE_ID_PATTERN

T = TypeVar("T")

logger = logging.getLogger(__name__)


class RoomHub:
    """Every open room of the process, keyed by streamer."""

    def __init__(self, settings: Settings, pipeline: ErrorPipeline) -> None:
        configure_upstream(settings)
        self._settings = settings
        self._pipeline = pipeline
        self.trust = UpstreamTrust(settings)
        self._budget = SignBudget(settings.sign_budget_per_minute, settings.sign_budget_window)
        self._proxies = itertools.cycle([p.get_secret_value() for p in settings.proxies] or [None])
        self._rooms: dict[str, Room] = {}
        self._lingers: dict[Room, asyncio.Task[None]] = {}
        self.room_info = RoomInfoCache(Bounds.from_settings(settings, "room_info_cache"), self.ask)
        self.gifts = GiftCache(Bounds.from_settings(settings, "gift_cache"), self.ask)

    def subscribe(
        self,
        unique_id: str,
        event_types: AbstractSet[int],
        wait_until_live: bool,
        live_room_id: str = "",
    ) -> Subscriber:
        """A new subscriber of ``unique_id``'s room (a room key), opening the room if it is the
        first; a new room connects first to ``live_room_id``, a broadcast known to be live."""
        settings = self._settings
        subscriber = Subscriber(
            unique_id,
            event_types,
            wait_until_live,
            Bounds.from_settings(settings, "subscriber_queue"),
            settings.overflow_policy,
        )
        room = self._rooms.get(unique_id)
        if room is None or not room.accepting:
            room = Room(
                unique_id,
                settings,
                pipeline=self._pipeline,
                budget=self._budget,
                trust=self.trust,
                proxy=next(self._proxies),
                on_finished=self._room_finished,
                gifts=self.gifts,
                first_room_id=live_room_id,
            )
            self._rooms[unique_id] = room
            room.add(subscriber)
            room.start()
        else:
            linger = self._lingers.pop(room, None)
            if linger is not None:
                linger.cancel()
            room.add(subscriber)
        LIVE_SUBSCRIBERS.inc()
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """The subscriber's RPC is over; the room lingers if it was the last."""
        LIVE_SUBSCRIBERS.dec()
        room = self._rooms.get(subscriber.unique_id)
        if room is None or subscriber not in room.subscribers:
            return
        room.remove(subscriber)
        if not room.subscribers:
            self._lingers[room] = asyncio.create_task(self._linger(room))

    async def _linger(self, room: Room) -> None:
        await asyncio.sleep(self._settings.room_linger)
        self._room_finished(room)
        await room.close()

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """New live settings: for new subscribers, and for open rooms from their next step."""
        if settings == self._settings:
            return None

        def commit() -> None:
            self._settings = settings
            self.room_info.bounds = Bounds.from_settings(settings, "room_info_cache")
            self.gifts.bounds = Bounds.from_settings(settings, "gift_cache")
            for room in self._rooms.values():
                room.reconfigure(settings)

        return commit

    def _room_finished(self, room: Room) -> None:
        """A room's upstream is gone (linger over, LIVE ended, or failed for good)."""
        if self._rooms.get(room.unique_id) is room:
            del self._rooms[room.unique_id]
        linger = self._lingers.pop(room, None)
        if linger is not None and linger is not asyncio.current_task():
            linger.cancel()

    @property
    def has_subscribers(self) -> bool:
        """Whether any open room has a subscriber (a stream a shutdown would end)."""
        return any(room.subscribers for room in self._rooms.values())

    def _state_of(self, room: Room) -> admin_pb2.RoomState.ValueType:
        """LINGERING while the room's linger runs, else its upstream's state."""
        return admin_pb2.ROOM_STATE_LINGERING if room in self._lingers else room.state

    def list_rooms(self) -> list[admin_pb2.Room]:
        rooms = []
        for room in self._rooms.values():
            entry = admin_pb2.Room(
                unique_id=room.unique_id,
                room_id=room.room_id,
                state=self._state_of(room),
                subscriber_count=len(room.subscribers),
                last_sequence=room.sequence,
                events_received=room.events_received,
                reconnects=room.reconnects,
            )
            entry.open_time.FromNanoseconds(room.open_time_ns)
            rooms.append(entry)
        return rooms

    async def live_status(self, unique_id: str) -> tuple[bool, str]:
        """Is ``unique_id`` live, and in which room: from an open LIVE room, or one request."""
        room = self._rooms.get(unique_id)
        if room is not None and self._state_of(room) == admin_pb2.ROOM_STATE_LIVE:
            return True, room.room_id
        return await self.ask(RoomTarget(unique_id=unique_id), UpstreamClient.fetch_live_status)

    def _open_room(self, target: RoomTarget) -> Room | None:
        """The open room the target names (its streamer's, or the one in that broadcast)."""
        if target.unique_id:
            return self._rooms.get(target.unique_id)
        return next((room for room in self._rooms.values() if room.room_id == target.room_id), None)

    async def resolve(self, target: RoomTarget) -> tuple[str, str]:
        """The room key the target names, and the broadcast a new room may connect to first
        (a room id whose broadcast is live; else "")."""
        if target.unique_id:
            return target.unique_id, ""
        room = self._open_room(target)
        if room is not None:
            return room.unique_id, ""
        info = await self.room_info.info(target)
        owner = info.owner.unique_id
        if not UNIQUE_ID_PATTERN.fullmatch(owner):
            raise MalformedUpstreamError(f"room info of room {target.room_id} without its owner")
        return room_key(owner), target.room_id if info.is_live else ""

    async def get_room_info(self, target: RoomTarget) -> live_pb2.GetRoomInfoResponse:
        """The target's room info: the open room's own fetch, else the cache's."""
        room = self._open_room(target)
        if room is not None and room.info is not None:
            return room.info
        return await self.room_info.info(target)

    async def gift_catalogue(self, target: RoomTarget) -> Catalogue:
        """The gifts of the target's broadcast (a streamer's current or last one): the open
        room's own fetch, else the cache's."""
        room = self._open_room(target)
        if room is not None and room.catalogue is not None:
            return room.catalogue
        if not target.room_id:
            info = await self.get_room_info(target)
            target = RoomTarget(unique_id=target.unique_id, room_id=info.room_id)
        return await self.gifts.catalogue(target)

    async def ask(self, target: RoomTarget, request: Callable[[UpstreamClient], Awaitable[T]]) -> T:
        """Run one request on a fresh upstream client; a failure is reported to the error
        pipeline and raised classified."""
        client = UpstreamClient(
            target.unique_id,
            self._settings,
            tls=self.trust.context,
            budget=self._budget,
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
        for linger in self._lingers.values():
            linger.cancel()
        self._lingers.clear()
        rooms = list(self._rooms.values())
        if failure is not None:
            for room in rooms:
                room.end_all(failure)
        await asyncio.gather(*(room.close() for room in rooms), return_exceptions=True)
        for room in rooms:
            self._room_finished(room)

"""The room hub: one Room per streamer, opened by its first subscriber and closed a linger
after its last one left (then no room, task or websocket of it is left)."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from collections.abc import Set as AbstractSet

from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.errors.exceptions import ClassifiedFailure
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.adapter import (
    UpstreamClient,
    UpstreamTrust,
    configure_upstream,
    failure_context,
)
from tokgate.live.room import Room
from tokgate.live.sign_budget import SignBudget
from tokgate.live.subscriber import Subscriber
from tokgate.metrics import LIVE_SUBSCRIBERS
from tokgate.v1 import admin_pb2

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

    def subscribe(
        self, unique_id: str, event_types: AbstractSet[int], wait_until_live: bool
    ) -> Subscriber:
        """A new subscriber of ``unique_id``'s room, opening the room if it is the first."""
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
        client = UpstreamClient(
            unique_id,
            self._settings,
            tls=self.trust.context,
            budget=self._budget,
            proxy=next(self._proxies),
        )
        try:
            return await client.fetch_live_status()
        except Exception as exc:
            context = failure_context(client.step, unique_id=unique_id, evidence=client.evidence)
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

"""One streamer's upstream: the TikTokLive connection a room's subscribers share.

The connection decodes every upstream message into a typed event, whatever the subscribers
filter (the room's log must be complete for resumes), and hands each frame's events to the
room's log, which numbers, seals, keeps and delivers them. It supervises the websocket: a
failure is reported to the error pipeline once for the whole room; a retryable one is retried
with exponential backoff and full jitter (never sooner than the upstream asked), told in-band
as RECONNECTING then RESUMED; anything else ends every stream of the room with the classified
failure.

It keeps what it learns on connecting: the broadcast's room info (for GetRoomInfo) and, fetched
beside the connection, the broadcast's gift catalogue (for ListGifts, and to complete gift
events that arrive without a name, diamonds or image).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import ssl
import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.detail import UPSTREAM_TLS
from tokgate.errors.exceptions import ClassifiedFailure
from tokgate.errors.kinds import ErrorKind, kind_info
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.backoff import reconnect_delay, upstream_floor
from tokgate.live.decode import WebcastDecoder
from tokgate.live.events import Delivery, status_event
from tokgate.live.fanout import Audience
from tokgate.live.frames import FetchResult
from tokgate.live.gifts import Catalogue, GiftCache
from tokgate.live.ingest import seal_frame
from tokgate.live.log import RoomLog
from tokgate.live.room_info import RoomTarget, room_info_from_tiktok
from tokgate.live.sign_budget import Budget
from tokgate.live.upstream import (
    STEP_WEBSOCKET,
    UpstreamTrust,
    failure_context,
    upstream_client_type,
)
from tokgate.live.webcast_user import BUFFER as USER_CACHE_BUFFER
from tokgate.metrics import (
    LIVE_EVENTS,
    LIVE_EVENTS_DROPPED,
    LIVE_RECONNECTS,
    LIVE_ROOMS,
    count_undecodable_message,
    count_untyped_message,
)
from tokgate.v1 import admin_pb2, errors_pb2, live_pb2

if TYPE_CHECKING:
    from tokgate.live.adapter import UpstreamClient

logger = logging.getLogger(__name__)

_TYPE_LABELS: dict[int, str] = {
    number: name.removeprefix("EVENT_TYPE_").lower() for name, number in live_pb2.EventType.items()
}


class _EventCounters(dict[int, Any]):
    """``tokgate_live_events_total``'s child of each event type, made on first use: a frame
    moves one a type, without a ``labels()`` look-up each time."""

    def __missing__(self, event_type: int) -> Any:
        child = self[event_type] = LIVE_EVENTS.labels(type=_TYPE_LABELS[event_type])
        return child


_EVENT_COUNTERS = _EventCounters()


class _Next(enum.Enum):
    """What a room does after a failure."""

    RETRY = 1
    WAIT_FOR_LIVE = 2
    STOP = 3


class UpstreamClosedError(ConnectionResetError):
    """The websocket ended although the LIVE did not (a drop): reconnect."""


class UpstreamSilentError(TimeoutError):
    """No frame arrived for ``watchdog_silence`` seconds (the library has no read timeout)."""


class Connection:
    """The upstream connection of one streamer, feeding the room's log."""

    def __init__(
        self,
        log: RoomLog,
        audience: Audience,
        settings: Settings,
        *,
        pipeline: ErrorPipeline,
        budget: Budget,
        trust: UpstreamTrust,
        proxy: str | None,
        on_finished: Callable[[Connection], None],
        gifts: GiftCache,
        first_room_id: str = "",
        watched: bool = False,
    ) -> None:
        self.unique_id = log.key
        self.log = log
        self.audience = audience
        # Kept open with no subscriber, waiting until live, and again after a LIVE ends.
        self.watched = watched
        self.room_id = ""
        # What the room's last connection learnt about its broadcast.
        self.info: live_pb2.GetRoomInfoResponse | None = None
        self.catalogue: Catalogue | None = None
        self.events_received = 0
        self.reconnects = 0
        self.open_time_ns = time.time_ns()
        self._settings = settings
        self._pipeline = pipeline
        self._budget = budget
        self._trust = trust
        self._proxy = proxy
        self._on_finished = on_finished
        self._gifts = gifts
        # A broadcast known to be live: the first connection skips the username lookup.
        self._first_room_id = first_room_id
        self._gift_load: asyncio.Task[None] | None = None
        self._decoder = WebcastDecoder(Bounds.from_settings(settings, USER_CACHE_BUFFER))
        self._state: admin_pb2.RoomState.ValueType = admin_pb2.ROOM_STATE_CONNECTING
        # The streamer was offline at the last try: why (a new subscriber that does not wait
        # ends with it).
        self.offline: errors_pb2.ErrorDetail | None = None
        self._attempt = 0
        self._last_frame = time.monotonic()
        self._live_ended = asyncio.Event()
        self._finishing = False
        self._task: asyncio.Task[None] | None = None

    @property
    def state(self) -> admin_pb2.RoomState.ValueType:
        """The upstream's state; the hub reports LINGERING for a room it is about to close."""
        return self._state

    @property
    def finished(self) -> bool:
        """The upstream is gone for good (the LIVE ended, or the room gave up)."""
        return self._task is not None and self._task.done()

    @property
    def accepting(self) -> bool:
        """False once the room has decided to end: a new subscriber needs a new room."""
        return not self._finishing

    def reconfigure(self, settings: Settings) -> None:
        """Reloaded settings: the next wait, reconnect or watchdog check uses them, and the
        user cache its new bounds."""
        self._settings = settings
        self._decoder.user_cache_bounds = Bounds.from_settings(settings, USER_CACHE_BUFFER)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"room:{self.unique_id}")

    async def end_all(self, failure: ClassifiedFailure | None) -> None:
        """End every stream of the room: OK (None) or with the classified failure."""
        self._finishing = True
        await self.audience.end_all(failure)

    async def close(self) -> None:
        """Stop the upstream (linger over, or shutdown) and wait until it is gone."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    # --- into the log --------------------------------------------------------------

    def _seal(
        self, event: live_pb2.LiveEvent, event_type: int, received: float, wall_ns: int
    ) -> Delivery:
        """Number and serialize one of tokgate's own events (connected, a status), once for
        every subscriber; TikTok's are sealed a frame at a time (live/ingest.py)."""
        return self.log.seal(event, event_type, self.room_id, received, wall_ns)

    async def _publish_status(
        self,
        state: live_pb2.StreamState.ValueType,
        message: str,
        *,
        error: errors_pb2.ErrorDetail | None = None,
        retry_after: float | None = None,
        attempt: int = 0,
        queue_position: int = 0,
    ) -> None:
        event = status_event(state, message, error=error, retry_after=retry_after, attempt=attempt)
        event.status.queue_position = queue_position
        delivery = self._seal(
            event, live_pb2.EVENT_TYPE_STREAM_STATUS, time.monotonic(), time.time_ns()
        )
        await self.log.publish((delivery,))

    async def on_sign_budget_wait(self, place: int, delay: float) -> None:
        await self._publish_status(
            live_pb2.STREAM_STATE_WAITING_FOR_SIGN_BUDGET,
            f"number {place} in the queue for the sign-server budget: about {delay:.1f}s",
            retry_after=delay,
            queue_position=place,
        )

    def on_frame(self) -> None:
        """A websocket frame: the socket lives (watchdog), and the reconnect run is over."""
        self._last_frame = time.monotonic()
        self._attempt = 0

    async def on_response(self, response: Any) -> None:
        """One ProtoMessageFetchResult, decoded, sealed (live/ingest.py) and fanned out: tokgate's
        loop's (its bytes) or the library's (its messages; the sign server's first one too)."""
        received = time.monotonic()
        wall_ns = time.time_ns()
        self._last_frame = received
        if response.is_first:
            await self._on_connected(received, wall_ns)
        frame = seal_frame(
            response.body if isinstance(response, FetchResult) else response.messages,
            self.log,
            self._decoder,
            room_id=self.room_id,
            received=received,
            wall_ns=wall_ns,
            catalogue=self.catalogue,
        )
        for method, count in Counter(frame.untyped).items():
            count_untyped_message(method, count)
        for method, malformed in frame.malformed:
            count_undecodable_message(method)
            await self._report_malformed(
                malformed, "a webcast message did not decode: delivered as OTHER"
            )
        if frame.ends_live:
            self._live_ended.set()
        for event_type, count in frame.counts.items():  # the counter moves once a type a frame
            _EVENT_COUNTERS[event_type].inc(count)
        self.events_received += len(frame.deliveries)
        if frame.deliveries:
            await self.log.publish(frame.deliveries)

    async def _on_connected(self, received: float, wall_ns: int) -> None:
        self._state = admin_pb2.ROOM_STATE_LIVE
        self.offline = None
        if self.log.connected is not None:
            await self._publish_status(
                live_pb2.STREAM_STATE_RESUMED, "reconnected; events flow again"
            )
            return
        event = live_pb2.LiveEvent(connected=live_pb2.ConnectedEvent(room_id=self.room_id))
        delivery = self._seal(event, live_pb2.EVENT_TYPE_CONNECTED, received, wall_ns)
        await self.log.publish((delivery,))

    async def on_malformed(self, exc: Exception) -> None:
        """Count, report and log a frame that does not decode; the room goes on without it."""
        LIVE_EVENTS_DROPPED.labels(reason="malformed").inc()
        await self._report_malformed(exc, "dropped a malformed webcast frame")

    async def _report_malformed(self, exc: Exception, what: str) -> None:
        """Report a frame or message that does not decode (operation `decode`), and log it."""
        context = self._context("decode")
        detail = await self._pipeline.report(exc, context)
        logger.warning(
            what,
            extra={
                "error_kind": kind_info(detail.kind).label,
                "unique_id": self.unique_id,
                "room_id": self.room_id,
                "error": str(exc),
            },
        )

    # --- the upstream connection ---------------------------------------------------

    async def _run(self) -> None:
        """Connect, supervise, reconnect; end the streams when the room cannot go on."""
        LIVE_ROOMS.inc()
        try:
            await self._supervise()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug of tokgate's: still end the streams typed
            context = self._context("room")
            detail = await self._pipeline.report(exc, context)
            await self.end_all(ClassifiedFailure(detail))
        finally:
            if self._gift_load is not None:
                self._gift_load.cancel()
            self.log.clear_start_state()
            self._state = admin_pb2.ROOM_STATE_CLOSED
            LIVE_ROOMS.dec()
        self._on_finished(self)

    async def _supervise(self) -> None:
        waiting_for_live = False
        while True:
            client = (await upstream_client_type(self._settings))(
                self.unique_id,
                self._settings,
                tls=self._trust.context,
                budget=self._budget,
                listener=self,
                proxy=self._proxy,
            )
            try:
                await self._connect_once(client)
                if not self.watched:
                    await self.end_all(None)
                    return
                # A watched room ends its streams with the LIVE and waits for the next one.
                await self.audience.end_all(None)
                self.log.clear_start_state()
                waiting_for_live = True
                await asyncio.sleep(self._settings.offline_poll_interval)
                continue
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                context = self._context(client.step, client)
                if waiting_for_live:  # still offline is the answer the room waits through
                    verdict = await self._pipeline.classify(exc, context)
                    if verdict.kind == errors_pb2.ERROR_KIND_USER_OFFLINE:
                        await asyncio.sleep(self._settings.offline_poll_interval)
                        continue
                detail = await self._pipeline.report(exc, context)
                next_step = await self._after_failure(detail, client.step, client.tls)
                if next_step is _Next.STOP:
                    return
                waiting_for_live = next_step is _Next.WAIT_FOR_LIVE
            finally:
                await client.close_all()

    async def _connect_once(self, client: UpstreamClient) -> None:
        """One connection, until the LIVE ends (return) or the upstream fails (raise)."""
        self._live_ended.clear()
        first_room_id, self._first_room_id = self._first_room_id, ""
        task = await client.start(
            fetch_room_info=True,
            process_connect_events=self.log.connected is None,
            room_id=int(first_room_id) if first_room_id else None,
        )
        await client.close_http()  # the websocket is all the room needs from here on
        self.room_id = str(client.room_id or "")
        self.info = room_info_from_tiktok(client.room_info) if client.room_info else None
        self._load_gifts()
        self.audience.set_room_id(self.room_id)
        self._last_frame = time.monotonic()
        ended = asyncio.create_task(self._live_ended.wait())
        silence = self._settings.watchdog_silence
        try:
            while not task.done() and not self._live_ended.is_set():
                remaining = self._last_frame + silence - time.monotonic()
                if remaining <= 0:
                    raise UpstreamSilentError(
                        f"no frame from the websocket for {silence:g}s (watchdog)"
                    )
                await asyncio.wait(
                    {task, ended}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
                )
        finally:
            ended.cancel()
        if self._live_ended.is_set():
            return
        client.enter_step(STEP_WEBSOCKET)
        failure = task.exception()
        if failure is not None:
            raise failure
        raise UpstreamClosedError("the websocket closed although the LIVE did not end")

    def _load_gifts(self) -> None:
        """Fetch the broadcast's gift catalogue beside the connection, unless it is held."""
        held = self.catalogue is not None and self.catalogue.room_id == self.room_id
        if held or (self._gift_load is not None and not self._gift_load.done()):
            return
        self._gift_load = asyncio.create_task(self._fetch_gifts(self.room_id))

    async def _fetch_gifts(self, room_id: str) -> None:
        """The catalogue, for gift events and ListGifts; without it events go on as sent."""
        try:
            self.catalogue = await self._gifts.catalogue(
                RoomTarget(unique_id=self.unique_id, room_id=room_id)
            )
        except ClassifiedFailure as failure:
            logger.warning(
                "could not fetch the room's gift catalogue",
                extra={
                    "error_kind": kind_info(failure.detail.kind).label,
                    "unique_id": self.unique_id,
                    "room_id": room_id,
                },
            )

    async def _after_failure(
        self, detail: errors_pb2.ErrorDetail, step: str, trusted: ssl.SSLContext
    ) -> _Next:
        """Decide what a reported failure means for the room, and wait as it says."""
        failure = ClassifiedFailure(detail)
        if detail.metadata.get(UPSTREAM_TLS) == "untrusted" and await self._new_trust(
            detail, step, trusted
        ):
            return _Next.RETRY
        if detail.kind == ErrorKind.ERROR_KIND_USER_OFFLINE:
            self.offline = detail
            if not await self.audience.end_unless_waiting(failure) and not self.watched:
                self._finishing = True
                return _Next.STOP
            self._attempt = 0
            self._state = admin_pb2.ROOM_STATE_WAITING_FOR_LIVE
            poll = self._settings.offline_poll_interval
            await self._publish_status(
                live_pb2.STREAM_STATE_WAITING_FOR_LIVE,
                f"@{self.unique_id} is offline; checking every {poll:g}s",
                error=detail,
                retry_after=poll,
            )
            await asyncio.sleep(poll)
            return _Next.WAIT_FOR_LIVE
        self._attempt += 1
        settings = self._settings
        if not detail.retryable or self._attempt > settings.reconnect_max_attempts:
            await self.end_all(failure)
            return _Next.STOP
        delay = reconnect_delay(
            detail,
            self._attempt,
            settings.reconnect_initial_backoff,
            settings.reconnect_max_backoff,
        )
        floor = upstream_floor(detail)
        if floor > 0:
            self._budget.defer_until(time.monotonic() + floor)
        self._state = admin_pb2.ROOM_STATE_RECONNECTING
        self.reconnects += 1
        LIVE_RECONNECTS.labels(kind=kind_info(detail.kind).label).inc()
        await self._publish_status(
            live_pb2.STREAM_STATE_RECONNECTING,
            f"{detail.error} at {step}; reconnecting in {delay:.1f}s "
            f"(attempt {self._attempt} of {settings.reconnect_max_attempts})",
            error=detail,
            retry_after=delay,
            attempt=self._attempt,
        )
        logger.warning(
            "live upstream failed; reconnecting",
            extra={
                "error_kind": kind_info(detail.kind).label,
                "unique_id": self.unique_id,
                "room_id": self.room_id,
                "operation": step,
                "attempt": self._attempt,
                "delay": round(delay, 3),
            },
        )
        await asyncio.sleep(delay)
        return _Next.RETRY

    async def _new_trust(
        self, detail: errors_pb2.ErrorDetail, step: str, trusted: ssl.SSLContext
    ) -> bool:
        """The upstream's certificate was refused: whether the trust was renewed since, or is
        within ``reconnect_max_backoff`` (an upstream restarted with a new certificate whose CA
        file is rewritten, then reloaded), so that the room connects again. Otherwise the
        streams end with the failure, which is the operator's to fix."""
        wait = self._settings.reconnect_max_backoff
        self._state = admin_pb2.ROOM_STATE_RECONNECTING
        await self._publish_status(
            live_pb2.STREAM_STATE_RECONNECTING,
            f"{detail.error} at {step}; waiting up to {wait:g}s for upstream_ca_file to change",
            error=detail,
            retry_after=wait,
            attempt=self._attempt + 1,
        )
        logger.warning(
            "the upstream's certificate is not trusted; waiting for upstream_ca_file to change",
            extra={
                "error_kind": kind_info(detail.kind).label,
                "unique_id": self.unique_id,
                "operation": step,
                "wait": wait,
            },
        )
        return await self._trust.renewed(trusted, wait)

    def _context(self, operation: str, client: UpstreamClient | None = None) -> ErrorContext:
        return failure_context(
            operation,
            unique_id=self.unique_id,
            room_id=self.room_id,
            attempt=self._attempt + 1,
            evidence=client.evidence if client else None,
        )

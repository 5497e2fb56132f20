"""LiveService over the room hub: StreamEvents (a subscriber of a shared room), GetLiveStatus,
GetRoomInfo and ListGifts. A request names its streamer by username or by a broadcast's room
id (exactly one; docs/design/streams.md §2).

StreamEvents writes each event's bytes exactly as the room serialized them once for all its
subscribers. That needs the RPC registered without a response serializer, which
``LiveComponent.add_to_server`` does (``pre_serialized``); registered the generated way
(``add_LiveServiceServicer_to_server``) it still works, yielding the room's one shared message
object, which grpc then serializes per subscriber.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, cast

import grpc

from tokgate.callers import caller_of
from tokgate.errors.exceptions import ClassifiedFailure, InvalidArgumentError, SlowConsumerError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.batching import Batcher, batch_policy, concatenate
from tokgate.live.hub import RoomHub
from tokgate.live.room_info import target_of
from tokgate.live.upstream import failure_context
from tokgate.metrics import LIVE_BATCH_EVENTS, LIVE_EVENT_DELAY_SECONDS
from tokgate.query_cache import QueryCache, bypasses_cache
from tokgate.quotas import hold_room
from tokgate.v1 import live_pb2, live_pb2_grpc
from tokgate.validation import user_key

if TYPE_CHECKING:
    from typing import TypeAlias

    ServicerContext: TypeAlias = grpc.aio.ServicerContext[object, object]

_EVENT_TYPES = frozenset(live_pb2.EventType.values()) - {live_pb2.EVENT_TYPE_UNSPECIFIED}


def validate_event_types(values: Sequence[int]) -> frozenset[int]:
    """The requested filter, or InvalidArgumentError for an unknown or unspecified type."""
    unknown = [value for value in values if value not in _EVENT_TYPES]
    if unknown:
        raise InvalidArgumentError(
            "event_types", f"unknown event types {unknown} (EVENT_TYPE_UNSPECIFIED included)"
        )
    return frozenset(values)


EPOCH_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,32}")


def validate_position(request: live_pb2.StreamEventsRequest) -> live_pb2.StreamPosition | None:
    """The resume position, if set; InvalidArgumentError for an epoch that cannot be one."""
    if not request.HasField("resume_from"):
        return None
    position = request.resume_from
    if not EPOCH_PATTERN.fullmatch(position.epoch):
        raise InvalidArgumentError(
            "resume_from.epoch",
            "a resume position needs the epoch of its event as received (1 to 32 of [A-Za-z0-9_-])",
        )
    return position


class LiveServicer(live_pb2_grpc.LiveServiceServicer):
    """StreamEvents, GetLiveStatus, GetRoomInfo and ListGifts."""

    def __init__(self, hub: RoomHub, pipeline: ErrorPipeline, cache: QueryCache) -> None:
        self._hub = hub
        self._pipeline = pipeline
        self._cache = cache
        # True when registered without a response serializer: yield the room's bytes.
        self.pre_serialized = False

    async def StreamEvents(
        self, request: live_pb2.StreamEventsRequest, context: ServicerContext
    ) -> AsyncIterator[live_pb2.StreamEventsResponse]:
        target = target_of(request.unique_id, request.room_id)
        event_types = validate_event_types(request.event_types)
        position = validate_position(request)
        policy = batch_policy(request, self._hub.settings.stream_batch_max_bytes)
        unique_id, live_room_id = await self._hub.resolve(target)
        await hold_room(unique_id)  # the caller's rooms quota (tokgate.quotas)
        subscriber = await self._hub.subscribe(
            unique_id,
            event_types,
            request.wait_until_live,
            live_room_id,
            position,
            caller=caller_of(context),
        )
        try:
            if policy is None:
                while (delivery := await subscriber.next()) is not None:
                    if self.pre_serialized:
                        # grpc.aio writes bytes as they are when the method has no serializer.
                        yield cast(live_pb2.StreamEventsResponse, delivery.wire)
                    else:
                        yield delivery.message
                    LIVE_EVENT_DELAY_SECONDS.observe(time.monotonic() - delivery.received)
            else:
                batcher = Batcher(subscriber, policy)
                while batch := await batcher.next():
                    if self.pre_serialized:
                        yield cast(live_pb2.StreamEventsResponse, concatenate(batch))
                    else:
                        events = [delivery.message.event for delivery in batch]
                        yield live_pb2.StreamEventsResponse(events=events)
                    LIVE_BATCH_EVENTS.observe(len(batch))
                    # Once a message, as unbatched: its oldest event's delay (its longest).
                    LIVE_EVENT_DELAY_SECONDS.observe(time.monotonic() - batch[0].received)
        except SlowConsumerError as exc:
            detail = await self._pipeline.report(
                exc,
                failure_context(
                    "StreamEvents",
                    unique_id=unique_id,
                    room_id=subscriber.room_id,
                ),
            )
            raise ClassifiedFailure(detail) from exc
        finally:
            self._hub.unsubscribe(subscriber)

    async def GetLiveStatus(
        self, request: live_pb2.GetLiveStatusRequest, context: ServicerContext
    ) -> live_pb2.GetLiveStatusResponse:
        """Shared by identical calls and kept briefly (tokgate.query_cache)."""
        unique_id = user_key(request.unique_id)

        async def load() -> live_pb2.GetLiveStatusResponse:
            is_live, room_id = await self._hub.live_status(unique_id)
            return live_pb2.GetLiveStatusResponse(
                unique_id=unique_id, is_live=is_live, room_id=room_id
            )

        return await self._cache.answer("GetLiveStatus", (unique_id,), load, context)

    async def GetRoomInfo(
        self, request: live_pb2.GetRoomInfoRequest, context: ServicerContext
    ) -> live_pb2.GetRoomInfoResponse:
        target = target_of(request.unique_id, request.room_id)
        return await self._hub.get_room_info(target, bypasses_cache(context))

    async def ListGifts(
        self, request: live_pb2.ListGiftsRequest, context: ServicerContext
    ) -> live_pb2.ListGiftsResponse:
        target = target_of(request.unique_id, request.room_id)
        return (await self._hub.gift_catalogue(target, bypasses_cache(context))).answer

"""A room that receives a message whose payload does not decode as its type: it is delivered as
OTHER (type name and payload), counted and reported, and the room goes on with the next messages.

A real Room (not started: no upstream) is handed one fetch result, as its TikTokLive connection
hands it each one, built with TikTokLive's own classes.
"""

from __future__ import annotations

import logging

import pytest
import TikTokLive.proto as tl
from tokgate.bounds import Bounds
from tokgate.config import Settings
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.live.connection import Connection
from tokgate.live.fanout import FanOut
from tokgate.live.hub import RoomHub
from tokgate.live.log import MemoryLog, Replay
from tokgate.live.sign_budget import SignBudget
from tokgate.live.subscriber import Subscriber
from tokgate.metrics import REGISTRY
from tokgate.v1 import live_pb2

CORRUPT = b"\x1a\x10short"  # field 3 claims 16 bytes, 5 follow
FUTURE_TYPE = "WebcastTokgateFutureMessage"


def _counted(metric: str, type_name: str) -> float:
    return REGISTRY.get_sample_value(f"{metric}_total", {"type_name": type_name}) or 0.0


async def test_an_undecodable_payload_is_other_counted_reported_and_the_room_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = Settings()
    pipeline = ErrorPipeline.from_settings(settings)
    hub = RoomHub(settings, pipeline)
    fanout = FanOut("sim_live")
    log = MemoryLog("sim_live", Bounds.from_settings(settings, "room_history"), fanout.deliver)
    room = Connection(
        log,
        fanout,
        settings,
        pipeline=pipeline,
        budget=SignBudget(settings.sign_budget_per_minute, settings.sign_budget_window).for_room(
            frozenset
        ),
        trust=hub.trust,
        proxy=None,
        on_finished=lambda _: None,
        gifts=hub.gifts,
    )
    everything = Subscriber(
        "sim_live",
        frozenset(),
        False,
        Bounds.from_settings(settings, "subscriber_queue"),
        settings.overflow_policy,
    )
    comments = Subscriber(
        "sim_live",
        {live_pb2.EVENT_TYPE_COMMENT},
        False,
        Bounds.from_settings(settings, "subscriber_queue"),
        settings.overflow_policy,
    )
    fanout.attach(everything)
    everything.start(Replay(epoch=log.epoch))
    fanout.attach(comments)
    comments.start(Replay(epoch=log.epoch))
    chat = tl.WebcastChatMessage(
        user=tl.User(id=42, display_id="mila_rose", nickname="Mila"), content="still here"
    )
    result = tl.ProtoMessageFetchResult(
        messages=[
            tl.BaseProtoMessage(method="WebcastChatMessage", payload=CORRUPT),
            tl.BaseProtoMessage(method="WebcastChatMessage", payload=bytes(chat)),
            tl.BaseProtoMessage(method=FUTURE_TYPE, payload=b"\x08\x01"),
        ]
    )
    undecodable = _counted("tokgate_live_undecodable_messages", "WebcastChatMessage")
    untyped = _counted("tokgate_live_untyped_messages", FUTURE_TYPE)

    with caplog.at_level(logging.WARNING, logger="tokgate.live.room"):
        await room.on_response(result)

    delivered = [await everything.next() for _ in range(3)]
    events = [delivery.message.event for delivery in delivered if delivery is not None]
    assert [event.WhichOneof("event") for event in events] == ["other", "comment", "other"]
    assert events[0].other == live_pb2.OtherEvent(type_name="WebcastChatMessage", payload=CORRUPT)
    assert events[1].comment.text == "still here"
    assert [event.sequence for event in events] == [1, 2, 3]  # the undecodable one is numbered
    # A subscriber of comments only gets the good comment; the numbering is the room's.
    only = await comments.next()
    assert only is not None and only.message.event.sequence == 2
    assert _counted("tokgate_live_undecodable_messages", "WebcastChatMessage") == undecodable + 1
    assert _counted("tokgate_live_untyped_messages", FUTURE_TYPE) == untyped + 1
    (record,) = [r for r in caplog.records if "did not decode" in r.getMessage()]
    assert record.error_kind  # type: ignore[attr-defined]
    assert not everything.ended and not comments.ended

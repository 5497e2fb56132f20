"""The drift counters' label guard: webcast-shaped names pass, anything else and anything past
the limit is ``other``, so an upstream cannot grow the registry."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from tokgate.metrics import (
    REGISTRY,
    MessageTypeLabels,
    count_undecodable_message,
    count_untyped_message,
)


@pytest.mark.parametrize(
    "name", ["WebcastChatMessage", "WebcastX", "Webcast" + "A1" * 32, "WebcastRoomPinMessage"]
)
def test_webcast_names_are_kept(name: str) -> None:
    assert MessageTypeLabels(limit=5)(name) == name


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Webcast",
        "ChatMessage",
        "webcastChatMessage",
        "Webcast" + "A" * 65,
        "WebcastChat Message",
        "WebcastChat_Message",
        "WebcastChat\nMessage",
        "WebcastChatMessage\n",
        'Webcast"}',
        "WebcastÄrger",
    ],
)
def test_other_shapes_are_other(name: str) -> None:
    assert MessageTypeLabels(limit=5)(name) == "other"


def test_names_past_the_limit_are_other_and_known_ones_stay() -> None:
    labels = MessageTypeLabels(limit=2)
    assert [labels(n) for n in ("WebcastA", "WebcastB", "WebcastC", "WebcastA", "WebcastB")] == [
        "WebcastA",
        "WebcastB",
        "other",
        "WebcastA",
        "WebcastB",
    ]


class _SlowSet(set[str]):
    """A set whose size takes a while to read: threads interleave between the limit check and
    the add, so a guard without its lock lets more than the limit through."""

    def __len__(self) -> int:
        size = super().__len__()
        time.sleep(0.001)
        return size


def test_the_limit_holds_under_threads() -> None:
    labels = MessageTypeLabels(limit=10)
    labels._seen = _SlowSet()
    names = [f"Webcast{i}" for i in range(500)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        kept = {label for label in pool.map(labels, names) if label != "other"}
    assert len(kept) == 10


def _value(metric: str, type_name: str) -> float:
    return REGISTRY.get_sample_value(metric, {"type_name": type_name}) or 0.0


def test_counters_count_by_guarded_type_name() -> None:
    untyped = "tokgate_live_untyped_messages_total"
    undecodable = "tokgate_live_undecodable_messages_total"
    before = (_value(untyped, "WebcastPollMessage"), _value(undecodable, "other"))
    count_untyped_message("WebcastPollMessage")
    count_untyped_message("WebcastPollMessage")
    count_undecodable_message("not a webcast name")
    assert _value(untyped, "WebcastPollMessage") == before[0] + 2
    assert _value(undecodable, "other") == before[1] + 1


def test_an_untyped_type_the_schema_lacks_also_counts_as_unknown() -> None:
    unknown = "tokgate_live_unknown_message_types_total"
    before = (_value(unknown, "WebcastNeverHeardOfMessage"), _value(unknown, "WebcastPollMessage"))
    count_untyped_message("WebcastNeverHeardOfMessage")
    count_untyped_message("WebcastPollMessage")  # in the schema: untyped only
    assert _value(unknown, "WebcastNeverHeardOfMessage") == before[0] + 1
    assert _value(unknown, "WebcastPollMessage") == before[1] == 0.0
    assert _value("tokgate_live_untyped_messages_total", "WebcastNeverHeardOfMessage") >= 1

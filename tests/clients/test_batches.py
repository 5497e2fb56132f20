"""The Python client hides batches: a response's ``events`` are yielded one by one, in order,
and the resume position advances with each one yielded, not with each message (no server)."""

from __future__ import annotations

from itertools import islice

from google.protobuf.duration_pb2 import Duration
from tokgate.v1 import live_pb2
from tokgate_client.connection import stream_events_request
from tokgate_client.resume import StreamResume

EPOCH = "e1"


def _events(*sequences: int) -> list[live_pb2.LiveEvent]:
    return [live_pb2.LiveEvent(sequence=sequence, epoch=EPOCH) for sequence in sequences]


def _resume(batching: live_pb2.StreamBatching | None = None) -> StreamResume:
    request = stream_events_request("someone", "", (), False, resume_from=None, batching=batching)
    return StreamResume(request, True, None)


def test_a_batch_is_yielded_event_by_event_and_the_position_is_its_last() -> None:
    resume = _resume()
    batch = live_pb2.StreamEventsResponse(events=_events(1, 2, 3))

    assert [event.sequence for event in resume.events(batch)] == [1, 2, 3]
    assert resume.position == live_pb2.StreamPosition(sequence=3, epoch=EPOCH)


def test_a_single_event_response_is_yielded_as_before() -> None:
    resume = _resume()
    (event,) = _events(7)

    assert list(resume.events(live_pb2.StreamEventsResponse(event=event))) == [event]
    assert resume.position == live_pb2.StreamPosition(sequence=7, epoch=EPOCH)


def test_a_break_mid_batch_resumes_after_the_last_event_yielded() -> None:
    """The user got two of four: the next call resumes from the second, batching kept."""
    batching = live_pb2.StreamBatching(max_events=4, max_delay=Duration(nanos=20_000_000))
    resume = _resume(batching)
    batch = live_pb2.StreamEventsResponse(events=_events(10, 11, 12, 13))

    assert [event.sequence for event in islice(resume.events(batch), 2)] == [10, 11]
    request = resume.request()
    assert request.resume_from == live_pb2.StreamPosition(sequence=11, epoch=EPOCH)
    assert request.batching == batching

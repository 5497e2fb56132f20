"""Resuming a broken event stream where it stopped (docs/design/streams.md §5.6).

The blocking and the async ``stream_events`` share this: a stream keeps the position
(``sequence``, ``epoch``) of the last LiveEvent it received, of any kind. When the stream breaks
(UNAVAILABLE without an ErrorDetail, i.e. the connection; or a failure whose ErrorDetail says
``retryable``, SLOW_CONSUMER included), it is called again with ``resume_from`` set to that
position, after a full-jitter backoff of the stream's :class:`~tokgate_client.retry.RetryPolicy`
(never sooner than the server's RetryInfo). The server then sends what was missed, or a
``STREAM_STATE_RESUME_GAP`` status first when it cannot. A stream that ends OK (the LIVE ended)
or with a failure that is not retryable ends as it would without resume. The policy bounds each
run of failures with no event received in between.

A stream that asked for batching (``batching=StreamBatching(...)``) gets several events per
message; it yields them one by one all the same, and the position advances with each one yielded,
so a break in the middle of a batch resumes after the last event the user got.

A program that restarts can continue too, from the position it stored::

    stream = client.live.stream_events("someone", resume_from=load_position())
    for event in stream:
        handle(event)
        save_position(stream.position)
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import grpc
from tokgate.v1 import live_pb2

from tokgate_client.errors import from_rpc_error
from tokgate_client.retry import RetryPolicy, _Schedule


class StreamResume:
    """One stream's resume state: its request, the last position and the current failure run.

    ``resume`` is the policy of the backoff, True for the default one, or False to turn resume
    off (the first failure is raised, typed).
    """

    def __init__(
        self,
        request: live_pb2.StreamEventsRequest,
        resume: bool | RetryPolicy,
        deadline: float | None,
    ) -> None:
        self._request = request
        self._policy = (
            resume if isinstance(resume, RetryPolicy) else RetryPolicy() if resume else None
        )
        self._ends_at = None if deadline is None else time.monotonic() + deadline
        self._failures: _Schedule | None = None
        self._resumed_from = request.resume_from if request.HasField("resume_from") else None
        # The last event given: the position, made from it only when asked for (a position
        # per event cost about as much as the rest of the client's work on it).
        self._last: live_pb2.LiveEvent | None = None

    @property
    def position(self) -> live_pb2.StreamPosition | None:
        """The last event given (its sequence and epoch), or where the stream resumed from."""
        last = self._last
        if last is None:
            return self._resumed_from
        return live_pb2.StreamPosition(sequence=last.sequence, epoch=last.epoch)

    def request(self) -> live_pb2.StreamEventsRequest:
        """The request of the next call: the stream's, resuming from the last position."""
        position = self.position
        if position is None:
            return self._request
        request = live_pb2.StreamEventsRequest()
        request.CopyFrom(self._request)
        request.resume_from.CopyFrom(position)
        return request

    def timeout(self) -> float | None:
        """The next call's deadline: what is left of the stream's ``deadline``, if it has one."""
        return None if self._ends_at is None else max(0.0, self._ends_at - time.monotonic())

    def events(self, response: live_pb2.StreamEventsResponse) -> Iterator[live_pb2.LiveEvent]:
        """A response's events in order (a batch's ``events``, else its ``event``), each noted
        as received only when it is given, so the position is never ahead of the user."""
        for event in response.events or (response.event,):
            self._last = event
            self._failures = None
            yield event

    def after_failure(self, error: grpc.RpcError) -> float:
        """The wait before resuming; raises the typed error when the stream cannot resume."""
        if self._policy is None:
            raise from_rpc_error(error) from error
        if self._failures is None:
            self._failures = _Schedule(self._policy)
        return self._failures.next_delay(error)

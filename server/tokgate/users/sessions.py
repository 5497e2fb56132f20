"""One supervised browser session: tokgate's stable id, its state and its figures."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from tokgate.users.token_evidence import TokenEvidence
from tokgate.v1 import admin_pb2, errors_pb2

State = admin_pb2.SessionState

BROWSER = "chromium"


@dataclass
class SessionSlot:
    """A place in the pool with a stable id (``s1``...); its TikTokApi session is replaced
    when it dies, the id and the counters stay."""

    id: str
    concurrency: int
    state: admin_pb2.SessionState.ValueType = State.SESSION_STATE_STARTING
    # TikTokApi's TikTokPlaywrightSession while one exists (untyped library class).
    session: Any = None
    created_at: float | None = None
    last_used_at: float | None = None
    requests: int = 0
    failures: int = 0
    last_error_kind: errors_pb2.ErrorKind.ValueType = errors_pb2.ERROR_KIND_UNSPECIFIED
    in_flight: int = 0
    consecutive_timeouts: int = 0
    # Counts the sessions this slot has had: a retry may go to a recreated one.
    generation: int = 0
    # Event-loop time of the next (re)creation attempt while FAILED.
    retry_at: float | None = None
    lost: asyncio.Event = field(default_factory=asyncio.Event)
    # What this slot's answers say about its session's ms token.
    ms_token: TokenEvidence = field(default_factory=TokenEvidence)
    # Which configured ms token (its place in ms_tokens) the session uses, if any.
    ms_token_index: int | None = None
    # The session is to move to another token: a reload dropped its own, or its rotation is due.
    stale_token: bool = False
    # Taking no new calls until its own are done, then recreated at once (no backoff).
    draining: bool = False

    @property
    def lease_key(self) -> str:
        """This slot's current session, e.g. ``s1#2``: what a retry excludes."""
        return f"{self.id}#{self.generation}"

    @property
    def available(self) -> bool:
        """Healthy and with room for one more concurrent call."""
        return (
            self.state == State.SESSION_STATE_HEALTHY
            and not self.draining
            and self.in_flight < self.concurrency
        )

    def to_proto(self, now: float) -> admin_pb2.Session:
        message = admin_pb2.Session(
            id=self.id,
            state=self.state,
            browser=BROWSER,
            request_count=self.requests,
            failure_count=self.failures,
            last_error_kind=self.last_error_kind,
            in_flight=self.in_flight,
        )
        if self.created_at is not None:
            message.create_time.CopyFrom(_timestamp(self.created_at))
            message.age.CopyFrom(_duration(max(0.0, now - self.created_at)))
        if self.last_used_at is not None:
            message.last_used_time.CopyFrom(_timestamp(self.last_used_at))
        return message


def _timestamp(seconds: float) -> Timestamp:
    stamp = Timestamp()
    stamp.FromNanoseconds(int(seconds * 1e9))
    return stamp


def _duration(seconds: float) -> Duration:
    duration = Duration()
    duration.FromNanoseconds(int(seconds * 1e9))
    return duration


def wall_time() -> float:
    return time.time()

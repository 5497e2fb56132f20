"""How one user query runs: a deadline, a borrowed session, classification, retries.

Every query gets the caller's gRPC deadline (less a small margin, so tokgate answers with its
own TIMEOUT detail before the caller gives up) or ``call_deadline``. A failure is reported to
the error pipeline once, with the HTTP status and redacted body that caused it; retryable
kinds are tried again on another session while the deadline allows, others end the call.
TIKTOK_API and BOT_DETECTION retries wait first (the guide: add delays): ``retry_delay`` with
jitter, which the caller is told as the detail's ``retry_after`` (its RetryInfo).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

import grpc

from tokgate import tracing
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext, MsTokenState
from tokgate.errors.exceptions import ClassifiedFailure, SessionUnavailableError
from tokgate.errors.kinds import kind_info
from tokgate.users.binding import CallBinding, bind
from tokgate.users.supervisor import SessionSupervisor
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.users.token_evidence import bare_minus_one
from tokgate.v1 import errors_pb2

if TYPE_CHECKING:
    from tokgate.errors.pipeline import ErrorPipeline

logger = logging.getLogger(__name__)

T = TypeVar("T")

Query = Callable[[SupervisedTikTokApi], Awaitable[T]]

# Kept back from the caller's deadline so tokgate's own TIMEOUT reaches it.
DEADLINE_MARGIN = 0.25
# The kinds whose retry waits ``retry_delay`` when TikTok named no delay itself.
DELAYED_KINDS = frozenset({errors_pb2.ERROR_KIND_TIKTOK_API, errors_pb2.ERROR_KIND_BOT_DETECTION})
# A wait is drawn from (1 - JITTER) to (1 + JITTER) times ``retry_delay``, so calls that failed
# together do not all come back at once.
JITTER = 0.5
# The span of one attempt of a query on a session (traces on): the TikTokApi fetch and, when it
# fails, its classification.
ATTEMPT_SPAN = "TikTokApi fetch"


class UpstreamTimeoutError(TimeoutError):
    """TikTok (through the browser) did not answer within the call's deadline."""


def call_budget(context: grpc.aio.ServicerContext[object, object] | None, default: float) -> float:
    """Seconds this call may take: the caller's deadline less a margin, else ``default``."""
    remaining = context.time_remaining() if context is not None else None
    if remaining is None:
        return default
    return max(0.0, remaining - min(DEADLINE_MARGIN, remaining * 0.1))


class CallRunner:
    """Runs queries on supervised sessions and turns every failure into a typed one."""

    def __init__(
        self, settings: Settings, supervisor: SessionSupervisor, pipeline: ErrorPipeline
    ) -> None:
        self._settings = settings
        self._supervisor = supervisor
        self._pipeline = pipeline

    def prepare_reload(self, settings: Settings) -> Callable[[], None] | None:
        """New settings (call_deadline, retry_delay) for calls that start after the commit."""
        current = (self._settings.call_deadline, self._settings.retry_delay)
        if (settings.call_deadline, settings.retry_delay) == current:
            return None

        def commit() -> None:
            self._settings = settings

        return commit

    async def run(
        self,
        operation: str,
        query: Query[T],
        context: grpc.aio.ServicerContext[object, object] | None,
        unique_id: str | None = None,
    ) -> T:
        """``query(api)`` on a healthy session within the deadline, or ClassifiedFailure."""
        loop = asyncio.get_running_loop()
        budget = call_budget(context, self._settings.call_deadline)
        deadline = loop.time() + budget
        tried: list[str] = []
        last: errors_pb2.ErrorDetail | None = None
        attempt = 0
        while True:
            attempt += 1
            try:
                slot = await self._supervisor.acquire(deadline, exclude=tried)
            except SessionUnavailableError as exc:
                if last is not None:  # no other session to try: the last failure stands
                    raise ClassifiedFailure(last) from None
                detail = await self._pipeline.report(
                    exc,
                    ErrorContext(
                        source="users", operation=operation, unique_id=unique_id, attempt=attempt
                    ),
                )
                raise ClassifiedFailure(detail) from exc
            binding = CallBinding(slot.session, slot.id, slot.session.ms_token is None)
            attempt_span = tracing.span(
                ATTEMPT_SPAN,
                {
                    "tokgate.operation": operation,
                    "tokgate.attempt": attempt,
                    "tokgate.api_session": slot.id,
                },
            )
            with attempt_span:
                try:
                    result = await self._attempt(query, binding, deadline, operation, budget)
                except Exception as exc:
                    refused = slot.ms_token.failed(
                        slot.generation, binding.last_fetch, unique_id
                    ) or (
                        self._supervisor.token_refused(slot) and bare_minus_one(binding.last_fetch)
                    )
                    detail = await self._report(
                        exc, operation, unique_id, attempt, binding, token_refused=refused
                    )
                    # The verdict is the pipeline's: a SESSION failure (a browser that crashed or
                    # closed, TikTokApi out of sessions) or a session invalidated under the call.
                    died = (
                        detail.kind == errors_pb2.ERROR_KIND_SESSION or not binding.session.is_valid
                    )
                    self._supervisor.record_failure(slot, detail.kind, died)
                    tried.append(slot.lease_key)
                    last = detail
                    delay: float | None
                    if refused and self._supervisor.refuse_token(slot):
                        delay = 0.0  # recreated on another token; another session may serve now
                    else:
                        delay = self._retry_delay(detail, deadline - loop.time())
                    if delay is None:
                        raise ClassifiedFailure(detail) from exc
                    logger.info(
                        "%s failed on session %s, retrying on another in %.1fs",
                        operation,
                        slot.id,
                        delay,
                        extra={"error_kind": kind_info(detail.kind).label, "attempt": attempt},
                    )
                else:
                    slot.ms_token.worked()
                    self._supervisor.record_success(slot)
                    self._pipeline.record_success("users")
                    return result
                finally:
                    await self._supervisor.release(slot)
            await asyncio.sleep(delay)

    async def _attempt(
        self,
        query: Query[T],
        binding: CallBinding,
        deadline: float,
        operation: str,
        budget: float,
    ) -> T:
        self._supervisor.api.claim_endpoint_classes()
        with bind(binding):
            try:
                async with asyncio.timeout_at(deadline):
                    return await query(self._supervisor.api)
            except TimeoutError as exc:
                raise UpstreamTimeoutError(
                    f"{operation}: no answer from TikTok within the {budget:.1f}s deadline"
                ) from exc

    async def _report(
        self,
        exc: BaseException,
        operation: str,
        unique_id: str | None,
        attempt: int,
        binding: CallBinding,
        *,
        token_refused: bool,
    ) -> errors_pb2.ErrorDetail:
        fetch = binding.last_fetch
        extra = {"upstream_operation": fetch.operation} if fetch is not None else {}
        ms_token: MsTokenState | None = None
        if binding.ms_token_missing:
            ms_token = "missing"
        elif token_refused:  # this session's own answers: outranks any pattern in the history
            ms_token = "refused"
        return await self._pipeline.report(
            exc,
            ErrorContext(
                source="users",
                operation=operation,
                unique_id=unique_id,
                attempt=attempt,
                http_status=fetch.http_status if fetch is not None else None,
                body=fetch.body if fetch is not None else None,
                headers=fetch.headers if fetch is not None else {},
                session_id=binding.session_id,
                ms_token=ms_token,
                extra=extra,
            ),
        )

    def _retry_delay(self, detail: errors_pb2.ErrorDetail, remaining: float) -> float | None:
        """Seconds to wait before retrying on another session, or None: not retryable (the
        pipeline's verdict, the one the caller sees), a timeout (the deadline is spent), or a
        ``retry_after`` the deadline cannot wait for. A kind that waits (DELAYED_KINDS) and
        has no ``retry_after`` of TikTok's gets a jittered ``retry_delay`` as its
        ``retry_after``, so the caller is told it too; this call waits at most half the time
        left, so the retry still runs in time."""
        if detail.kind == errors_pb2.ERROR_KIND_TIMEOUT or not detail.retryable:
            return None
        base = self._settings.retry_delay
        if detail.kind in DELAYED_KINDS and not detail.HasField("retry_after") and base > 0:
            wait = base * random.uniform(1 - JITTER, 1 + JITTER)
            detail.retry_after.FromNanoseconds(int(wait * 1e9))
            return min(wait, remaining / 2)
        delay = detail.retry_after.ToTimedelta().total_seconds()
        return delay if delay < remaining else None

"""The session supervisor: keeps N healthy TikTokApi browser sessions and lends them out.

Each slot has a keeper task that opens its session, waits for it to die, closes it and opens
a new one after a backoff (doubling while attempts keep failing or sessions die young, reset
once a session lived longer than the longest backoff). Calls
borrow a slot with :meth:`SessionSupervisor.lease`, at most ``session_concurrency`` at a time
per slot. ms tokens and proxies rotate across the sessions as they are (re)created; a token
TikTok refuses (``refuse_token``) is skipped from then on, and the session that used it is
recreated on another. A reload that changes the tokens (``replace_tokens``) moves the sessions
off tokens no longer configured one at a time, each after its calls are done, so the others
keep serving. With ``ms_token_rotation`` set (a reload may change it), the session longest on
its token moves the same way to another usable one when its time is up. A session that is the
only one serving moves make-before-break instead (``_move_in_place``): its new session opens
on the new token while the old one serves, so the pool never empties.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable, Collection, Iterator
from typing import Any

from pydantic import SecretStr

from tokgate import metrics
from tokgate.config import Settings
from tokgate.errors.exceptions import SessionUnavailableError
from tokgate.users.browser import BrowserOptions, playwright_proxy
from tokgate.users.sessions import SessionSlot, State, wall_time
from tokgate.users.tiktok_api import SupervisedTikTokApi
from tokgate.users.token_file import read_ms_tokens
from tokgate.v1 import admin_pb2, errors_pb2

logger = logging.getLogger(__name__)

MAX_BACKOFF = 60.0
# A session whose calls time out this many times in a row is deemed hung and recreated.
HUNG_AFTER_TIMEOUTS = 3

ApiFactory = Callable[[BrowserOptions, Callable[[Any], None]], SupervisedTikTokApi]


class SessionSupervisor:
    """Owns the one TikTokApi instance of the process and its sessions."""

    def __init__(
        self,
        settings: Settings,
        api_factory: ApiFactory = SupervisedTikTokApi,
    ) -> None:
        self._settings = settings
        self.api = api_factory(BrowserOptions.from_settings(settings), self._session_lost)
        self.slots = [
            SessionSlot(f"s{number}", max(1, settings.session_concurrency))
            for number in range(1, settings.sessions + 1)
        ]
        self._tokens: tuple[SecretStr, ...] = read_ms_tokens(settings)
        self._next_token = 0
        # Places in _tokens of the tokens TikTok refused.
        self._refused_tokens: set[int] = set()
        self._proxies: Iterator[SecretStr] | None = (
            itertools.cycle(settings.proxies) if settings.proxies else None
        )
        # The metric is the one count; GetSessionStats shows the part since this start.
        self._recreations_before = _recreations_counted()
        self._changed: asyncio.Condition | None = None
        self._keepers: list[asyncio.Task[None]] = []
        self._moves_due = asyncio.Event()
        self._mover: asyncio.Task[None] | None = None
        self._rotation = settings.ms_token_rotation
        self._rotator: asyncio.Task[None] | None = None
        self._publish()

    @property
    def tokens(self) -> tuple[SecretStr, ...]:
        """The ms tokens in force, in turn order."""
        return self._tokens

    @property
    def rotation(self) -> float:
        """Seconds a session keeps its ms token (0: no scheduled rotation)."""
        return self._rotation

    # --- life cycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Start one keeper per slot; the sessions open in the background."""
        self._changed = asyncio.Condition()
        self._keepers = [
            asyncio.create_task(self._keep(slot), name=f"tokgate-session-{slot.id}")
            for slot in self.slots
        ]
        self._mover = asyncio.create_task(self._move_off_stale_tokens(), name="tokgate-tokens")
        self.set_rotation(self._rotation)

    def set_rotation(self, seconds: float) -> None:
        """Rotate every ``seconds`` from now on (0: never); a reload changes it while running."""
        self._rotation = seconds
        if self._rotator is not None:
            self._rotator.cancel()
            self._rotator = None
        if seconds > 0 and self.slots and self._changed is not None:
            self._rotator = asyncio.create_task(self._rotate(), name="tokgate-token-rotation")

    async def stop(self) -> None:
        """Stop the keepers and close every session, the browser and Playwright."""
        tasks = [*self._keepers, *(task for task in (self._mover, self._rotator) if task)]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._keepers = []
        self._mover = None
        self._rotator = None
        try:
            await self.api.shutdown()
        except Exception as exc:  # the browser may already be gone
            logger.warning("closing TikTokApi failed: %s", exc, extra={"error_kind": "session"})
        for slot in self.slots:
            slot.state = State.SESSION_STATE_CLOSED
            slot.session = None
        self._publish()

    async def _keep(self, slot: SessionSlot) -> None:
        delay = self._settings.session_recreate_backoff
        first = True
        while True:
            if not first:
                await self._set_state(slot, State.SESSION_STATE_RECREATING)
                metrics.API_SESSION_RECREATIONS.inc()
            first = False
            try:
                session, token = await self._open(slot)
            except Exception as exc:
                logger.error(
                    "browser session %s could not be opened: %s: %s",
                    slot.id,
                    type(exc).__name__,
                    exc,
                    extra={"error_kind": "session", "session_id": slot.id, "retry_in": delay},
                )
                await self._fail_until(slot, delay)
                delay = min(delay * 2, MAX_BACKOFF)
                continue
            self._put_on(slot, session, token)
            slot.retry_at = None
            slot.lost.clear()
            await self._set_state(slot, State.SESSION_STATE_HEALTHY)
            logger.info("browser session %s is ready", slot.id, extra={"session_id": slot.id})
            await slot.lost.wait()
            lived = wall_time() - (slot.created_at or 0.0)
            # The slot's session now: a move in place may have replaced the one opened here.
            await self.api.close_session(slot.session)
            slot.session = None
            if slot.draining:
                logger.info(
                    "browser session %s moves to another ms token",
                    slot.id,
                    extra={"session_id": slot.id},
                )
                continue
            # A session that died young does not reset the backoff.
            delay = self._settings.session_recreate_backoff if lived > MAX_BACKOFF else delay
            logger.error(
                "browser session %s died after %.1fs; recreating in %.1fs",
                slot.id,
                lived,
                delay,
                extra={"error_kind": "session", "session_id": slot.id},
            )
            await self._fail_until(slot, delay)
            delay = min(delay * 2, MAX_BACKOFF)

    async def _fail_until(self, slot: SessionSlot, delay: float) -> None:
        """FAILED for ``delay`` seconds; callers may wait for it if their deadline allows."""
        slot.retry_at = asyncio.get_running_loop().time() + delay
        await self._set_state(slot, State.SESSION_STATE_FAILED)
        await asyncio.sleep(delay)

    async def _open(self, slot: SessionSlot) -> tuple[Any, SecretStr | None]:
        """A new session for ``slot`` on the next token in turn, and that token; the slot
        itself is untouched (its session may still be serving)."""
        index = self._take_token(leaving=slot.ms_token_index)
        token = self._tokens[index] if index is not None else None
        proxy = playwright_proxy(next(self._proxies).get_secret_value()) if self._proxies else None
        session = await self.api.open_session(
            token.get_secret_value() if token is not None else None,
            proxy,
            self._settings.session_start_timeout,
        )
        return session, token

    def _put_on(self, slot: SessionSlot, session: Any, token: SecretStr | None) -> None:
        """``slot`` serves ``session``, opened on ``token``, from now on: a new generation. A
        token a reload dropped while the session opened leaves the slot due to move again."""
        slot.session = session
        slot.generation += 1
        slot.created_at = wall_time()
        slot.consecutive_timeouts = 0
        slot.draining = False
        slot.ms_token_index = self._tokens.index(token) if token in self._tokens else None
        slot.stale_token = slot.ms_token_index is None and (token is not None or bool(self._tokens))

    def _take_token(self, leaving: int | None) -> int | None:
        """The next token in turn that TikTok has not refused, other than the one the session
        is ``leaving`` if another is usable; when TikTok refused them all, the next in turn
        anyway (a session on a refused token still answers what needs none)."""
        if not self._tokens:
            return None
        count = len(self._tokens)
        turns = [(self._next_token + step) % count for step in range(count)]
        usable = [index for index in turns if index not in self._refused_tokens]
        others = [index for index in usable if index != leaving] or usable
        index = others[0] if others else turns[0]
        self._next_token = (index + 1) % count
        return index

    def replace_tokens(self, tokens: tuple[SecretStr, ...]) -> None:
        """Run on ``tokens`` from now on (a reload read them). A token still configured keeps
        its sessions and its refusal; the sessions on the others, or on none while tokens now
        exist, move to the new ones one at a time (``_move_off_stale_tokens``)."""
        values = [token.get_secret_value() for token in tokens]
        refused = {self._tokens[index].get_secret_value() for index in self._refused_tokens}
        for slot in self.slots:
            index = slot.ms_token_index
            value = self._tokens[index].get_secret_value() if index is not None else None
            if value in values:
                slot.ms_token_index = values.index(value)
            else:
                slot.ms_token_index = None
                slot.stale_token = slot.stale_token or value is not None or bool(values)
        self._tokens = tokens
        self._refused_tokens = {index for index, value in enumerate(values) if value in refused}
        self._next_token = 0
        logger.info(
            "ms tokens replaced: %d configured, %d sessions to move",
            len(tokens),
            sum(slot.stale_token for slot in self.slots),
        )
        self._publish()
        self._moves_due.set()

    async def _move_off_stale_tokens(self) -> None:
        """After each token change or rotation, every session due to move (its token no
        longer configured, or its rotation time up) is drained (no new calls; its own finish)
        and recreated on another token, and only once it is healthy again is the next one
        moved: the pool never loses more than one session."""
        while True:
            await self._moves_due.wait()
            self._moves_due.clear()
            for slot in self.slots:
                await self._move(slot)

    async def _rotate(self) -> None:
        """Every ``ms_token_rotation`` seconds spread over the pool, the session longest on
        its token is due to move (``_move``: one at a time) when its time is up, and only
        while every session is healthy: a rotation never takes the last one serving."""
        every = self._rotation
        while True:
            await asyncio.sleep(every / len(self.slots))
            healthy = [s for s in self.slots if s.state == State.SESSION_STATE_HEALTHY]
            if len(healthy) < len(self.slots):
                continue
            oldest = min(healthy, key=lambda s: s.created_at or 0.0)
            if wall_time() - (oldest.created_at or 0.0) >= every:
                oldest.stale_token = True
                self._moves_due.set()

    async def _move(self, slot: SessionSlot) -> None:
        assert self._changed is not None, "the supervisor is not started"
        async with self._changed:
            await self._changed.wait_for(
                lambda: not slot.stale_token or slot.state == State.SESSION_STATE_HEALTHY
            )
            if not slot.stale_token:
                return
        serving = [s for s in self.slots if s.state == State.SESSION_STATE_HEALTHY]
        if not any(other is not slot and not other.draining for other in serving):
            await self._move_in_place(slot)
            return
        async with self._changed:
            slot.draining = True
            await self._changed.wait_for(lambda: slot.in_flight == 0)
        self._lose(slot)
        async with self._changed:
            await self._changed.wait_for(lambda: not slot.draining)

    async def _move_in_place(self, slot: SessionSlot) -> None:
        """Make before break, for the only session serving: open the new session while the
        old one keeps serving, then let the old one finish its calls (new ones wait for the
        swap, which is immediate), put the new one in its place and close the old. The slot
        stays HEALTHY throughout. Opening fails: the old one serves on and it is tried again
        after a backoff, as long as the slot is due to move."""
        assert self._changed is not None, "the supervisor is not started"
        delay = self._settings.session_recreate_backoff
        while slot.stale_token and slot.state == State.SESSION_STATE_HEALTHY:
            generation = slot.generation
            try:
                session, token = await self._open(slot)
            except Exception as exc:
                logger.error(
                    "a new browser session for %s could not be opened: %s: %s; the old one "
                    "serves on",
                    slot.id,
                    type(exc).__name__,
                    exc,
                    extra={"error_kind": "session", "session_id": slot.id, "retry_in": delay},
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF)
                continue
            if slot.generation != generation or slot.state != State.SESSION_STATE_HEALTHY:
                await self.api.close_session(session)  # died meanwhile: its keeper recreates it
                return
            async with self._changed:
                slot.draining = True
                await self._changed.wait_for(lambda: slot.in_flight == 0)
            if slot.generation != generation or slot.state != State.SESSION_STATE_HEALTHY:
                await self.api.close_session(session)
                return
            old = slot.session
            self._put_on(slot, session, token)
            metrics.API_SESSION_RECREATIONS.inc()
            await self._notify()
            logger.info(
                "browser session %s moves to another ms token, opened before the old one closes",
                slot.id,
                extra={"session_id": slot.id},
            )
            await self.api.close_session(old)
            self._publish()
            return

    def token_refused(self, slot: SessionSlot) -> bool:
        """Whether ``slot``'s session runs on a token already known refused."""
        return slot.ms_token_index in self._refused_tokens

    def refuse_token(self, slot: SessionSlot) -> bool:
        """TikTok refuses ``slot``'s ms token (``users.token_evidence``): mark it refused, so
        no session is opened on it again, and recreate the session on another token. False
        when nothing changes for the session: it has no configured token, or every token is
        refused (recreating it would only churn)."""
        index = slot.ms_token_index
        if index is None:
            return False
        if index not in self._refused_tokens:
            self._refused_tokens.add(index)
            logger.error(
                "ms token %d of %d refused by TikTok; session %s is recreated on another",
                index + 1,
                len(self._tokens),
                slot.id,
                extra={"error_kind": "authentication", "session_id": slot.id},
            )
            self._publish()
        if len(self._refused_tokens) == len(self._tokens):
            return False
        self._lose(slot)
        return True

    # --- lending ---------------------------------------------------------------------------

    async def acquire(self, deadline: float, exclude: Collection[str] = ()) -> SessionSlot:
        """Borrow the least busy healthy session whose ``lease_key`` is not in ``exclude``,
        waiting until ``deadline`` (event-loop time) for one to start, be recreated or free
        up; SessionUnavailableError if none can come in time. Give it back with
        :meth:`release`."""
        slot = await self._acquire(deadline, exclude)
        slot.in_flight += 1
        slot.requests += 1
        slot.last_used_at = wall_time()
        return slot

    async def release(self, slot: SessionSlot) -> None:
        slot.in_flight -= 1
        await self._notify()

    async def _acquire(self, deadline: float, exclude: Collection[str]) -> SessionSlot:
        assert self._changed is not None, "the supervisor is not started"
        loop = asyncio.get_running_loop()
        async with self._changed:
            while True:
                self._check_sessions()
                ready = [s for s in self.slots if s.available and s.lease_key not in exclude]
                if ready:
                    return min(ready, key=lambda s: (s.in_flight, s.last_used_at or 0.0))
                if not any(self._may_serve(s, deadline, exclude) for s in self.slots):
                    raise SessionUnavailableError(self._unavailable_reason(exclude))
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise SessionUnavailableError(self._unavailable_reason(exclude))
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
                # that races with the wake-up.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(remaining):
                        await self._changed.wait()

    @staticmethod
    def _may_serve(slot: SessionSlot, deadline: float, exclude: Collection[str]) -> bool:
        """Busy, or opening, or due to be recreated before ``deadline``."""
        if slot.state == State.SESSION_STATE_HEALTHY:
            return slot.lease_key not in exclude
        if slot.state in (State.SESSION_STATE_STARTING, State.SESSION_STATE_RECREATING):
            return True
        return (
            slot.state == State.SESSION_STATE_FAILED
            and slot.retry_at is not None
            and slot.retry_at < deadline
        )

    def _unavailable_reason(self, exclude: Collection[str]) -> str:
        if not self.slots:
            return "user queries are disabled: this server runs with --sessions 0"

        def describe(slot: SessionSlot) -> str:
            state = admin_pb2.SessionState.Name(slot.state).removeprefix("SESSION_STATE_")
            if slot.state == State.SESSION_STATE_HEALTHY:
                state += f" {slot.in_flight}/{slot.concurrency} busy"
            return f"{slot.id}: {state}"

        tried = f"; already tried {', '.join(sorted(exclude))}" if exclude else ""
        states = ", ".join(describe(slot) for slot in self.slots)
        return f"no browser session could take the call in time ({states}{tried})"

    def _check_sessions(self) -> None:
        """Sessions whose page closed or that TikTokApi marked invalid are lost. A browser
        that went away closed every page first: Playwright reports each page's close before
        the browser's disconnect."""
        for slot in self.slots:
            if slot.state != State.SESSION_STATE_HEALTHY or slot.session is None:
                continue
            if slot.session.page.is_closed() or not slot.session.is_valid:
                self._lose(slot)

    # --- outcomes ----------------------------------------------------------------------------

    def record_success(self, slot: SessionSlot) -> None:
        slot.consecutive_timeouts = 0

    def record_failure(
        self, slot: SessionSlot, kind: errors_pb2.ErrorKind.ValueType, session_dead: bool
    ) -> None:
        """Count a failed call; a dead (or hung) session is handed to its keeper."""
        slot.failures += 1
        slot.last_error_kind = kind
        if kind == errors_pb2.ERROR_KIND_TIMEOUT:
            slot.consecutive_timeouts += 1
        else:
            slot.consecutive_timeouts = 0
        if session_dead or slot.consecutive_timeouts >= HUNG_AFTER_TIMEOUTS:
            self._lose(slot)

    def _session_lost(self, session: Any) -> None:
        """TikTokApi's own verdict (a Playwright error during a fetch)."""
        for slot in self.slots:
            if slot.session is session:
                self._lose(slot)

    def _lose(self, slot: SessionSlot) -> None:
        if slot.state == State.SESSION_STATE_HEALTHY:
            slot.retry_at = asyncio.get_running_loop().time()
            slot.state = State.SESSION_STATE_FAILED
            self._publish()
        slot.lost.set()

    async def _set_state(self, slot: SessionSlot, state: admin_pb2.SessionState.ValueType) -> None:
        slot.state = state
        self._publish()
        await self._notify()

    async def _notify(self) -> None:
        if self._changed is not None:
            async with self._changed:
                self._changed.notify_all()

    def _publish(self) -> None:
        """``tokgate_api_sessions{state}``: how many sessions are in each state."""
        for value in admin_pb2.SessionState.values():
            if value == State.SESSION_STATE_UNSPECIFIED:
                continue
            label = admin_pb2.SessionState.Name(value).removeprefix("SESSION_STATE_").lower()
            metrics.API_SESSIONS.labels(state=label).set(
                sum(1 for slot in self.slots if slot.state == value)
            )
        refused = len(self._refused_tokens)
        metrics.API_MS_TOKENS.labels(state="refused").set(refused)
        metrics.API_MS_TOKENS.labels(state="usable").set(len(self._tokens) - refused)

    # --- figures ---------------------------------------------------------------------------

    def stats(self) -> admin_pb2.GetSessionStatsResponse:
        now = wall_time()
        return admin_pb2.GetSessionStatsResponse(
            sessions=[slot.to_proto(now) for slot in self.slots],
            configured_sessions=len(self.slots),
            healthy_sessions=sum(
                1 for slot in self.slots if slot.state == State.SESSION_STATE_HEALTHY
            ),
            recreations=int(_recreations_counted() - self._recreations_before),
            total_requests=sum(slot.requests for slot in self.slots),
            total_failures=sum(slot.failures for slot in self.slots),
            ms_tokens=[self._token_entry(index) for index in range(len(self._tokens))],
        )

    def _token_entry(self, index: int) -> admin_pb2.MsToken:
        """Token ``index`` by its place (as the log lines name it), never by its value."""
        return admin_pb2.MsToken(
            position=index + 1,
            state=admin_pb2.MS_TOKEN_STATE_REFUSED
            if index in self._refused_tokens
            else admin_pb2.MS_TOKEN_STATE_USABLE,
            session_ids=[slot.id for slot in self.slots if slot.ms_token_index == index],
        )


def _recreations_counted() -> float:
    """``tokgate_api_session_recreations_total`` as the process counted it."""
    value = metrics.REGISTRY.get_sample_value("tokgate_api_session_recreations_total")
    return value or 0.0

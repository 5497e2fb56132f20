"""The process-wide sign-server budget: at most N sign requests per window and per sign API key,
shared fairly between the callers whose rooms wait for it.

The free sign tier allows 5 requests per minute per key (or per IP); tokgate keeps under that
itself instead of learning it from 429s. A 429's ``RateLimit-Reset`` also holds every room back
until that moment (``defer_until``), so no sign request leaves before the server said it may.

Fairness: a room belongs to the callers (``tokgate.callers``) whose subscribers hold it. When
several rooms wait, the next grant goes to the room whose least-served caller has had the
fewest grants in the window (ties: the caller served longest ago, then the room that came
first), so one caller's many rooms take turns with another's one instead of queueing ahead.
The last ``reserve`` grants of each key's window go only to rooms of a caller with no grant in
the window: a caller that holds no room is never locked out by one that holds many.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import time
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

# Whose a room is: the callers holding it now (asked again at every decision).
Callers = Callable[[], AbstractSet[str]]
# Told to a waiting room: its place in the queue (1: next) and its expected wait, seconds.
OnWait = Callable[[int, float], Awaitable[None]]

# How long a caller's last grant is remembered, in windows (round-robin's tie-break).
LAST_GRANT_WINDOWS = 10
# A waiting room hears of its new place at most this often (not once per grant in a storm).
TELL_INTERVAL = 1.0


class Budget(Protocol):
    """One room's view of a sign-server budget: this process's (SignBudget) or the cluster's."""

    async def acquire(self, on_wait: OnWait | None = None) -> int:
        """Wait for a grant; the index of the sign API key to sign with. ``on_wait(place,
        expected seconds)`` is told while the room waits, as its place changes."""

    def defer_until(self, monotonic_time: float) -> None:
        """Grant nothing before ``monotonic_time`` (e.g. a 429's RateLimit-Reset)."""


class PlaceTeller:
    """Tells a waiting room its place as it changes, at most once per TELL_INTERVAL."""

    def __init__(self, on_wait: OnWait | None) -> None:
        self._on_wait = on_wait
        self._place = 0
        self._at = float("-inf")

    async def update(self, place: int, wait: float) -> float | None:
        """Tell ``place`` (and the expected ``wait``) if it is news and the last telling is old
        enough; else the seconds until news may be told (None: nothing to tell)."""
        if self._on_wait is None or place in (0, self._place):
            return None
        since = time.monotonic() - self._at
        if since < TELL_INTERVAL:
            return TELL_INTERVAL - since
        self._place, self._at = place, time.monotonic()
        await self._on_wait(place, wait)
        return None


@dataclass(eq=False)
class _Ticket:
    """One room waiting for a grant."""

    callers: Callers
    arrival: int
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    key: int | None = None  # the granted key
    place: int = 0  # 0: not placed yet
    wait: float = 0.0


@dataclass
class _Grant:
    at: float
    callers: frozenset[str]


@dataclass
class _Step:
    """One grant of a plan: which room, from which key, when."""

    ticket: _Ticket
    key: int
    at: float


class SignBudget:
    """Sliding windows, one per sign API key, shared fairly by every room of the process."""

    def __init__(self, per_window: int, window: float, *, keys: int = 1, reserve: int = 1) -> None:
        if per_window < 1:
            raise ValueError("sign_budget_per_minute must be at least 1")
        self._per_window = per_window
        self._window = window
        # At least one grant of a window is for anyone, so a lone caller still gets one.
        self._reserve = max(0, min(reserve, per_window - 1))
        self._grants: list[collections.deque[_Grant]] = [collections.deque() for _ in range(keys)]
        # Each caller's last grant: of two callers as served in the window, the one served
        # longer ago goes first.
        self._last_grant: dict[str, float] = {}
        self._not_before = 0.0
        self._tickets: list[_Ticket] = []
        self._arrivals = itertools.count()
        self._wake = asyncio.Event()
        self._scheduler: asyncio.Task[None] | None = None

    def for_room(self, callers: Callers) -> RoomBudget:
        """This budget as the room whose holders ``callers`` tells sees it."""
        return RoomBudget(self, callers)

    def defer_until(self, monotonic_time: float) -> None:
        """Grant nothing before ``monotonic_time`` (e.g. a 429's RateLimit-Reset)."""
        self._not_before = max(self._not_before, monotonic_time)
        self._wake.set()

    async def acquire(self, callers: Callers, on_wait: OnWait | None = None) -> int:
        """Wait for a grant for a room of ``callers``; the index of the key to sign with."""
        ticket = _Ticket(callers, next(self._arrivals))
        self._tickets.append(ticket)
        self._kick()
        teller = PlaceTeller(on_wait)
        try:
            while ticket.key is None:
                ticket.changed.clear()
                timeout = await teller.update(ticket.place, ticket.wait)
                if ticket.changed.is_set():  # granted or moved while telling
                    continue
                try:
                    async with asyncio.timeout(timeout):
                        await ticket.changed.wait()
                except TimeoutError:
                    pass
            return ticket.key
        finally:
            if ticket in self._tickets:  # cancelled while waiting
                self._tickets.remove(ticket)
                self._kick()

    def _kick(self) -> None:
        """Something changed (a room came or left, a deferral): plan again."""
        self._wake.set()
        if self._scheduler is None or self._scheduler.done():
            self._scheduler = asyncio.get_running_loop().create_task(
                self._schedule(), name="sign-budget"
            )

    async def _schedule(self) -> None:
        """Grant what may be granted now, place the others, sleep until the next change."""
        while self._tickets:
            self._wake.clear()
            now = time.monotonic()
            plan = self._plan(now)
            later = [step for step in plan if step.at > now]
            for step in plan[: len(plan) - len(later)]:
                self._tickets.remove(step.ticket)
                callers = frozenset(step.ticket.callers())
                self._grants[step.key].append(_Grant(now, callers))
                self._last_grant.update(dict.fromkeys(callers, now))
                step.ticket.key = step.key
                step.ticket.changed.set()
            for place, step in enumerate(later, 1):
                ticket = step.ticket
                ticket.wait = step.at - now
                if ticket.place != place:
                    ticket.place = place
                    ticket.changed.set()
            timeout = later[0].at - now if later else None
            try:
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            except TimeoutError:
                pass

    def _plan(self, now: float) -> list[_Step]:
        """Every waiting room's grant, in order, as things stand: which key, and when."""
        window, per_window = self._window, self._per_window
        grants = [[g for g in key if g.at > now - window] for key in self._grants]
        for recorded, kept in zip(self._grants, grants, strict=True):
            while len(recorded) > len(kept):
                recorded.popleft()
        forgotten = now - LAST_GRANT_WINDOWS * window
        for caller in [c for c, at in self._last_grant.items() if at < forgotten]:
            del self._last_grant[caller]
        last_grant = dict(self._last_grant)
        waiting = sorted(self._tickets, key=lambda ticket: ticket.arrival)
        holders = {id(ticket): frozenset(ticket.callers()) or frozenset({""}) for ticket in waiting}
        steps: list[_Step] = []
        held_until = [0.0] * len(grants)  # a key whose free grants are all reserved
        moment = max(now, self._not_before)
        while waiting:
            in_window = [[g for g in key if g.at > moment - window] for key in grants]
            free_at = [
                max(held, moment if len(used) < per_window else used[-per_window].at + window)
                for used, held in zip(in_window, held_until, strict=True)
            ]
            # The key free soonest; of those free together, the one with most grants left.
            key = min(range(len(free_at)), key=lambda k: (free_at[k], len(in_window[k])))
            if free_at[key] > moment:
                moment = free_at[key]
                continue
            served = collections.Counter(c for used in in_window for g in used for c in g.callers)
            eligible = waiting
            if per_window - len(in_window[key]) <= self._reserve:
                eligible = [t for t in waiting if any(served[c] == 0 for c in holders[id(t)])]
            if not eligible:
                # Until a grant leaves the window, this key's free grants are the reserve's.
                held_until[key] = min(g.at for used in in_window for g in used) + window
                continue
            ticket = min(
                eligible,
                key=lambda t: (
                    min((served[c], last_grant.get(c, -1.0)) for c in holders[id(t)]),
                    t.arrival,
                ),
            )
            waiting.remove(ticket)
            steps.append(_Step(ticket, key, moment))
            grants[key].append(_Grant(moment, holders[id(ticket)]))
            last_grant.update(dict.fromkeys(holders[id(ticket)], moment))
        return steps


@dataclass(frozen=True)
class RoomBudget:
    """A SignBudget as one room sees it (Budget): its grants count for the room's callers."""

    budget: SignBudget
    callers: Callers

    async def acquire(self, on_wait: OnWait | None = None) -> int:
        return await self.budget.acquire(self.callers, on_wait)

    def defer_until(self, monotonic_time: float) -> None:
        self.budget.defer_until(monotonic_time)

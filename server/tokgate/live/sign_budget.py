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
import heapq
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
        """Every waiting room's grant, in order, as things stand: which key, and when.

        It runs on every arrival, departure and grant, so it takes O(n log n) in the rooms
        waiting: the rooms of the same callers queue together by arrival (they share their
        place in the round-robin), the callers' queues sit in a heap by their place (stale
        entries skipped when they surface), and the grants in the window are kept as the
        plan's moment advances, not counted anew each grant."""
        window, per_window = self._window, self._per_window
        for recorded in self._grants:
            while recorded and recorded[0].at + window <= now:
                recorded.popleft()
        forgotten = now - LAST_GRANT_WINDOWS * window
        for caller in [c for c, at in self._last_grant.items() if at < forgotten]:
            del self._last_grant[caller]
        plan = _Plan(self._grants, self._last_grant, window)
        for ticket in sorted(self._tickets, key=lambda ticket: ticket.arrival):
            plan.add(ticket)
        steps: list[_Step] = []
        in_window = plan.in_window
        held_until = [0.0] * len(in_window)  # a key whose free grants are all reserved
        moment = max(now, self._not_before)
        while plan.queues:
            plan.forget_until(moment)
            free_at = [
                max(held, moment if len(used) < per_window else used[-per_window].at + window)
                for used, held in zip(in_window, held_until, strict=True)
            ]
            # The key free soonest; of those free together, the one with most grants left.
            key = min(range(len(free_at)), key=lambda k: (free_at[k], len(in_window[k])))
            if free_at[key] > moment:
                moment = free_at[key]
                continue
            holders, (least_served, _) = plan.first()
            if per_window - len(in_window[key]) <= self._reserve and least_served:
                # No caller waiting is without a grant: until a grant leaves the window,
                # this key's free grants are the reserve's.
                held_until[key] = min(used[0].at for used in in_window if used) + window
                continue
            steps.append(_Step(plan.grant(holders, key, moment), key, moment))
        return steps


class _Plan:
    """A plan's state: the grants in each key's window, and the callers' queues in a heap by
    their place (how many grants their least-served caller had, then how long ago its last,
    then the arrival of their first room)."""

    def __init__(
        self, grants: list[collections.deque[_Grant]], last_grant: dict[str, float], window: float
    ) -> None:
        self._window = window
        self.in_window = [collections.deque(key) for key in grants]
        self.queues: dict[frozenset[str], collections.deque[_Ticket]] = {}
        self._served = collections.Counter(
            c for used in self.in_window for g in used for c in g.callers
        )
        self._last_grant = dict(last_grant)
        self._heap: list[tuple[tuple[int, float], int, frozenset[str]]] = []
        self._queues_of: dict[str, list[frozenset[str]]] = collections.defaultdict(list)

    def add(self, ticket: _Ticket) -> None:
        """Queue a room (in order of arrival)."""
        holders = frozenset(ticket.callers()) or frozenset({""})
        queue = self.queues.get(holders)
        if queue is None:
            queue = self.queues[holders] = collections.deque()
            for caller in holders:
                self._queues_of[caller].append(holders)
            queue.append(ticket)
            self._push(holders)
        else:
            queue.append(ticket)

    def forget_until(self, moment: float) -> None:
        """Grants whose window is over at ``moment`` leave it. (``at + window``, the very sum
        a key's free time is: ``at > moment - window`` can round the other way, keeping a
        grant the key's free time says is gone, and the plan would wait for it forever.)"""
        for used in self.in_window:
            while used and used[0].at + self._window <= moment:
                self._changed(used.popleft().callers, -1)

    def first(self) -> tuple[frozenset[str], tuple[int, float]]:
        """The queue whose room is served next, and its place."""
        while True:
            place, arrival, holders = self._heap[0]
            queue = self.queues.get(holders)
            if queue is not None and queue[0].arrival == arrival and place == self._place(holders):
                return holders, place
            heapq.heappop(self._heap)  # stale: its queue or its place changed since

    def grant(self, holders: frozenset[str], key: int, moment: float) -> _Ticket:
        """The first room of ``holders``' queue takes a grant of ``key`` at ``moment``."""
        queue = self.queues[holders]
        ticket = queue.popleft()
        if not queue:
            del self.queues[holders]
        self.in_window[key].append(_Grant(moment, holders))
        self._last_grant.update(dict.fromkeys(holders, moment))
        self._changed(holders, 1)
        return ticket

    def _changed(self, callers: frozenset[str], grants: int) -> None:
        """``callers`` had ``grants`` more in the window: their queues move."""
        for caller in callers:
            self._served[caller] += grants
        for holders in {q for caller in callers for q in self._queues_of.get(caller, ())}:
            if holders in self.queues:
                self._push(holders)

    def _place(self, holders: frozenset[str]) -> tuple[int, float]:
        return min((self._served[c], self._last_grant.get(c, -1.0)) for c in holders)

    def _push(self, holders: frozenset[str]) -> None:
        entry = (self._place(holders), self.queues[holders][0].arrival, holders)
        heapq.heappush(self._heap, entry)


@dataclass(frozen=True)
class RoomBudget:
    """A SignBudget as one room sees it (Budget): its grants count for the room's callers."""

    budget: SignBudget
    callers: Callers

    async def acquire(self, on_wait: OnWait | None = None) -> int:
        return await self.budget.acquire(self.callers, on_wait)

    def defer_until(self, monotonic_time: float) -> None:
        self.budget.defer_until(monotonic_time)

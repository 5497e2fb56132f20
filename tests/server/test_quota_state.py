"""The quotas' own state: memory stays bounded (idle callers are forgotten, the busy ones
never), and a reload changes the limits without touching what is held."""

from __future__ import annotations

import pytest
from tokgate.config import Settings
from tokgate.errors.exceptions import QuotaExceededError
from tokgate.quotas import FORGET_AFTER, Quotas


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def names(held: Quotas) -> set[str]:
    return {caller.name for caller in (await held.list_callers()).callers}


async def test_idle_callers_are_forgotten_and_callers_with_streams_are_kept() -> None:
    clock = Clock()
    held = Quotas(Settings(caller_unary_rate=1, caller_unary_burst=1), clock=clock)
    async with held.stream("peer:busy"):
        await held.take_unary("peer:idle")
        with pytest.raises(QuotaExceededError) as refusal:
            await held.take_unary("peer:idle")
        assert refusal.value.retry_after == pytest.approx(1.0)
        clock.now += FORGET_AFTER + 1
        await held.take_unary("peer:new")
        assert await names(held) == {"peer:busy", "peer:new"}
        # Forgotten, it starts again with a full bucket.
        await held.take_unary("peer:idle")


async def test_beyond_the_most_callers_the_least_recently_seen_idle_ones_go() -> None:
    clock = Clock()
    held = Quotas(Settings(), clock=clock, max_callers=3)
    async with held.stream("peer:streaming"):
        for index in range(5):
            clock.now += 1
            await held.take_unary(f"peer:{index}")
        assert await names(held) == {"peer:streaming", "peer:3", "peer:4"}


async def test_a_reload_changes_the_limits_and_keeps_the_streams_held() -> None:
    held = Quotas(Settings(caller_max_streams=2))
    assert held.prepare_reload(Settings(caller_max_streams=2)) is None
    async with held.stream("peer:a"), held.stream("peer:a"):
        commit = held.prepare_reload(Settings(caller_max_streams=1))
        assert commit is not None
        commit()
        # Both streams stay; a new one is over the new limit...
        with pytest.raises(QuotaExceededError) as refusal:
            async with held.stream("peer:a"):
                pass
        assert (refusal.value.quota, refusal.value.limit) == ("caller_max_streams", 1)
    # ... until they end.
    async with held.stream("peer:a"):
        pass

"""LoadingCache: the TTLs, the bounds, single-flight loads, shared failures, cancellation by
the last caller, fresh loads, and the lookups and evictions counted."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from tokgate import metrics
from tokgate.bounds import Bounds
from tokgate.cache import LoadingCache

pytestmark = pytest.mark.asyncio

ROOMY = Bounds(max_bytes=1_000_000, max_age=60.0, max_entries=1_000)


class Upstream:
    """A load function that counts its calls; each waits for ``release`` when it is given."""

    def __init__(self, release: asyncio.Event | None = None, fail: Exception | None = None) -> None:
        self.calls = 0
        self.cancelled = 0
        self._release = release
        self._fail = fail

    def loader(self, value: str) -> Callable[[], Awaitable[str]]:
        async def load() -> str:
            self.calls += 1
            if self._release is not None:
                try:
                    await self._release.wait()
                except asyncio.CancelledError:
                    self.cancelled += 1
                    raise
            if self._fail is not None:
                raise self._fail
            return value

        return load


def cache(bounds: Bounds = ROOMY, buffer: str = "test_cache") -> LoadingCache[str, str]:
    return LoadingCache(buffer, bounds, size_of=len)


async def test_a_held_answer_is_served_without_a_load() -> None:
    answers, upstream = cache(), Upstream()
    assert await answers.get("a", upstream.loader("one")) == "one"
    assert await answers.get("a", upstream.loader("two")) == "one"
    assert upstream.calls == 1


async def test_an_answer_expires_after_max_age() -> None:
    answers = cache(Bounds(max_bytes=1_000, max_age=0.1, max_entries=10))
    upstream = Upstream()
    await answers.get("a", upstream.loader("one"))
    await asyncio.sleep(0.15)
    assert len(answers) == 0
    assert await answers.get("a", upstream.loader("two")) == "two"
    assert upstream.calls == 2


async def test_the_oldest_answers_go_over_the_entry_and_byte_bounds() -> None:
    answers = cache(Bounds(max_bytes=10, max_age=60.0, max_entries=2))
    upstream = Upstream()
    for key in "abc":
        await answers.get(key, upstream.loader("xx"))
    assert len(answers) == 2
    await answers.get("a", upstream.loader("xx"))  # "a" went first: loaded again
    assert upstream.calls == 4
    await answers.get("d", upstream.loader("x" * 9))  # 9 + 2 bytes > 10: only "d" stays
    assert len(answers) == 1
    await answers.get("d", upstream.loader("never"))
    assert upstream.calls == 5


async def test_an_answer_larger_than_the_bounds_is_returned_but_not_kept() -> None:
    answers, upstream = cache(Bounds(max_bytes=4, max_age=60.0, max_entries=10)), Upstream()
    assert await answers.get("a", upstream.loader("too large")) == "too large"
    assert len(answers) == 0


async def test_concurrent_callers_share_one_load() -> None:
    release = asyncio.Event()
    answers, upstream = cache(), Upstream(release)
    callers = [asyncio.create_task(answers.get("a", upstream.loader("one"))) for _ in range(50)]
    await asyncio.sleep(0.01)
    release.set()
    assert await asyncio.gather(*callers) == ["one"] * 50
    assert upstream.calls == 1


async def test_a_failure_is_shared_by_its_callers_and_not_kept() -> None:
    release = asyncio.Event()
    failure = RuntimeError("upstream down")
    answers, failing = cache(), Upstream(release, fail=failure)
    callers = [asyncio.create_task(answers.get("a", failing.loader("-"))) for _ in range(5)]
    await asyncio.sleep(0.01)
    release.set()
    results = await asyncio.gather(*callers, return_exceptions=True)
    assert results == [failure] * 5
    assert failing.calls == 1
    healthy = Upstream()
    assert await answers.get("a", healthy.loader("one")) == "one"
    assert healthy.calls == 1


async def test_a_cancelled_caller_does_not_cancel_the_load_of_the_others() -> None:
    release = asyncio.Event()
    answers, upstream = cache(), Upstream(release)
    leaving = asyncio.create_task(answers.get("a", upstream.loader("one")))
    staying = asyncio.create_task(answers.get("a", upstream.loader("one")))
    await asyncio.sleep(0.01)
    leaving.cancel()
    await asyncio.gather(leaving, return_exceptions=True)
    assert leaving.cancelled()
    release.set()
    assert await staying == "one"
    assert upstream.calls == 1


async def test_the_last_caller_to_leave_cancels_the_load() -> None:
    release = asyncio.Event()
    answers, upstream = cache(), Upstream(release)
    callers = [asyncio.create_task(answers.get("a", upstream.loader("one"))) for _ in range(3)]
    await asyncio.sleep(0.01)
    for caller in callers[:2]:
        caller.cancel()
    await asyncio.sleep(0.01)
    assert upstream.cancelled == 0  # one caller still waits
    callers[2].cancel()
    await asyncio.gather(*callers, return_exceptions=True)
    await asyncio.sleep(0.01)
    assert upstream.cancelled == 1
    # The next caller starts a load of its own instead of joining the cancelled one.
    release.set()
    assert await answers.get("a", upstream.loader("two")) == "two"
    assert upstream.calls == 2


async def test_each_get_may_give_its_answer_a_shorter_ttl() -> None:
    answers, upstream = cache(), Upstream()
    await answers.get("a", upstream.loader("one"), ttl=lambda value: 0.05)
    await answers.get("b", upstream.loader("kept"), ttl=lambda value: 0.0)  # not kept
    assert len(answers) == 1
    await asyncio.sleep(0.08)
    assert len(answers) == 0
    assert await answers.get("a", upstream.loader("two")) == "two"
    assert await answers.get("b", upstream.loader("three")) == "three"
    assert upstream.calls == 4


async def test_a_fresh_get_loads_anew_and_keeps_its_answer_for_the_others() -> None:
    answers, upstream = cache(), Upstream()
    await answers.get("a", upstream.loader("old"))
    assert await answers.get("a", upstream.loader("new"), fresh=True) == "new"
    assert await answers.get("a", upstream.loader("never")) == "new"
    assert upstream.calls == 2


async def test_a_fresh_get_does_not_join_a_load_in_flight() -> None:
    release = asyncio.Event()
    answers, upstream = cache(), Upstream(release)
    shared = asyncio.create_task(answers.get("a", upstream.loader("one")))
    await asyncio.sleep(0.01)
    fresh = asyncio.create_task(answers.get("a", upstream.loader("two"), fresh=True))
    await asyncio.sleep(0.01)
    release.set()
    assert list(await asyncio.gather(shared, fresh)) == ["one", "two"]
    assert upstream.calls == 2


def lookups(rpc: str, result: str) -> float:
    labels = {"rpc": rpc, "result": result}
    return metrics.REGISTRY.get_sample_value("tokgate_cache_lookups_total", labels) or 0.0


def evictions(rpc: str, reason: str) -> float:
    labels = {"rpc": rpc, "reason": reason}
    return metrics.REGISTRY.get_sample_value("tokgate_cache_evictions_total", labels) or 0.0


async def test_lookups_and_evictions_are_counted_by_the_label_of_the_key() -> None:
    release = asyncio.Event()
    answers: LoadingCache[tuple[str, str], str] = LoadingCache(
        "test_cache_counts",
        Bounds(max_bytes=1_000, max_age=60.0, max_entries=1),
        size_of=len,
        label=lambda key: key[0],
    )
    upstream = Upstream(release)
    callers = [
        asyncio.create_task(answers.get(("GetX", "a"), upstream.loader("one"))) for _ in range(3)
    ]
    await asyncio.sleep(0.01)
    release.set()
    await asyncio.gather(*callers)
    await answers.get(("GetX", "a"), upstream.loader("-"))
    await answers.get(("GetX", "a"), upstream.loader("-"), fresh=True)
    await answers.get(("GetY", "b"), upstream.loader("-"), ttl=lambda value: 0.01)
    await asyncio.sleep(0.02)
    await answers.get(("GetY", "b"), upstream.loader("-"))
    counted = {result: lookups("GetX", result) for result in ("miss", "coalesced", "hit")}
    assert counted == {"miss": 1, "coalesced": 2, "hit": 1}
    assert lookups("GetX", "bypass") == 1
    assert lookups("GetY", "miss") == 2
    assert evictions("GetX", "bounds") == 1  # pushed out by GetY's answer (one entry)
    assert evictions("GetY", "expired") == 1


async def test_the_size_is_reported_as_a_buffer() -> None:
    answers = cache(buffer="test_cache_metrics")
    await answers.get("a", Upstream().loader("12345"))
    labels = {"buffer": "test_cache_metrics"}
    assert metrics.REGISTRY.get_sample_value("tokgate_buffer_bytes", labels) == 5
    assert metrics.REGISTRY.get_sample_value("tokgate_buffer_entries", labels) == 1

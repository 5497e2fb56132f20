"""LoadingCache: the TTL, the bounds, single-flight loads, shared failures, cancellation."""

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
        self._release = release
        self._fail = fail

    def loader(self, value: str) -> Callable[[], Awaitable[str]]:
        async def load() -> str:
            self.calls += 1
            if self._release is not None:
                await self._release.wait()
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


async def test_a_load_whose_callers_all_left_is_still_kept() -> None:
    release = asyncio.Event()
    answers, upstream = cache(), Upstream(release)
    caller = asyncio.create_task(answers.get("a", upstream.loader("one")))
    await asyncio.sleep(0.01)
    caller.cancel()
    release.set()
    await asyncio.sleep(0.01)
    assert await answers.get("a", upstream.loader("two")) == "one"
    assert upstream.calls == 1


async def test_the_size_is_reported_as_a_buffer() -> None:
    answers = cache(buffer="test_cache_metrics")
    await answers.get("a", Upstream().loader("12345"))
    labels = {"buffer": "test_cache_metrics"}
    assert metrics.REGISTRY.get_sample_value("tokgate_buffer_bytes", labels) == 5
    assert metrics.REGISTRY.get_sample_value("tokgate_buffer_entries", labels) == 1

"""GetLiveStatus through the query cache, on a real server and simulator: identical calls in
flight share one upstream request (counted by the simulator), answers expire, NOT_FOUND is kept
for its shorter TTL, ``cache-control: no-cache`` bypasses, and a caller that leaves does not
cancel the request of the others; GetRoomInfo and ListGifts share and bypass alike. GetUser
and GetHashtag, with a browser: tests/users/test_query_cache_users.py.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any, cast

import grpc
import pytest
from tokgate.config import Settings
from tokgate.query_cache import QueryCache, bypasses_cache
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

ROUTE = "GET /api-live/user/room/"  # the one request behind GetLiveStatus
SLOW_DELAY = 1.0
TTL = 1.0
NOT_FOUND_TTL = 0.4
NO_CACHE = (("cache-control", "no-cache"),)


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--slow-delay", str(SLOW_DELAY)]


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions",
        "0",
        "--live-status-cache-ttl",
        str(TTL),
        "--not-found-cache-ttl",
        str(NOT_FOUND_TTL),
    ]


def upstream_requests(simulator: SimulatorHandle) -> int:
    return int(simulator.control("GET", "counters")["http_requests"].get(ROUTE, 0))


def lookups(server: ServerHandle, result: str) -> float:
    return server.metric("tokgate_cache_lookups_total", rpc="GetLiveStatus", result=result)


async def statuses(
    server: ServerHandle,
    names: Sequence[str],
    metadata: tuple[tuple[str, str], ...] = (),
) -> list[object]:
    """One GetLiveStatus per name, all at once; each answer or error."""
    async with grpc.aio.insecure_channel(server.address) as channel:
        stub = live_pb2_grpc.LiveServiceStub(channel)
        calls = [
            stub.GetLiveStatus(
                live_pb2.GetLiveStatusRequest(unique_id=name), metadata=metadata, timeout=10
            )
            for name in names
        ]
        return list(await asyncio.gather(*calls, return_exceptions=True))


def status(server: ServerHandle, name: str, **kwargs: tuple[tuple[str, str], ...]) -> object:
    return asyncio.run(statuses(server, [name], **kwargs))[0]


def test_identical_calls_in_flight_share_one_upstream_request(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    before, coalesced = upstream_requests(simulator), lookups(server, "coalesced")
    # Spelt three ways, normalized to one key; the simulator answers after SLOW_DELAY.
    names = ["sim_slow", "@sim_slow", "@SIM_Slow"] * 10
    answers = asyncio.run(statuses(server, names))
    assert upstream_requests(simulator) == before + 1
    assert all(answer == answers[0] for answer in answers)
    assert isinstance(answers[0], live_pb2.GetLiveStatusResponse)
    assert answers[0].unique_id == "sim_slow" and answers[0].is_live
    assert lookups(server, "coalesced") == coalesced + len(names) - 1


def test_an_answer_is_reused_until_its_ttl_passes(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    before = upstream_requests(simulator)
    first = status(server, "cache_expiry")
    assert status(server, "@cache_expiry") == first
    assert upstream_requests(simulator) == before + 1
    time.sleep(TTL + 0.1)
    assert status(server, "cache_expiry") == first
    assert upstream_requests(simulator) == before + 2


def test_not_found_is_kept_for_its_shorter_ttl(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    before = upstream_requests(simulator)
    details = []
    for _ in range(3):
        error = status(server, "sim_not_found")
        assert isinstance(error, grpc.aio.AioRpcError)
        assert error.code() == grpc.StatusCode.NOT_FOUND
        details.append(error_detail_from(error))
    assert details[0] is not None and details[0].kind == errors_pb2.ERROR_KIND_USER_NOT_FOUND
    assert details == [details[0]] * 3  # the same typed error, from one request
    assert upstream_requests(simulator) == before + 1
    time.sleep(NOT_FOUND_TTL + 0.1)  # shorter than TTL: an answer would still be held
    assert isinstance(status(server, "sim_not_found"), grpc.aio.AioRpcError)
    assert upstream_requests(simulator) == before + 2


def test_no_cache_metadata_makes_a_request_whose_answer_the_next_calls_get(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    simulator.control("POST", "rooms/cache_bypass", json={"live": False})
    before = upstream_requests(simulator)
    offline = status(server, "cache_bypass")
    assert isinstance(offline, live_pb2.GetLiveStatusResponse) and not offline.is_live
    simulator.control("POST", "rooms/cache_bypass", json={"live": True})
    assert status(server, "cache_bypass") == offline  # held: still offline
    live = status(server, "cache_bypass", metadata=NO_CACHE)
    assert isinstance(live, live_pb2.GetLiveStatusResponse) and live.is_live
    assert status(server, "cache_bypass") == live  # the fresh answer replaced the held one
    assert upstream_requests(simulator) == before + 2
    assert lookups(server, "bypass") >= 1


def test_a_caller_that_leaves_does_not_cancel_the_request_of_the_others(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    time.sleep(TTL + 0.1)  # sim_slow's held answer from the first test is gone

    async def scenario() -> tuple[list[object], bool]:
        async with grpc.aio.insecure_channel(server.address) as channel:
            stub = live_pb2_grpc.LiveServiceStub(channel)
            request = live_pb2.GetLiveStatusRequest(unique_id="sim_slow")
            leaving = stub.GetLiveStatus(request, timeout=10)
            short_deadline = stub.GetLiveStatus(request, timeout=SLOW_DELAY / 2)
            staying = [stub.GetLiveStatus(request, timeout=10) for _ in range(3)]
            await asyncio.sleep(SLOW_DELAY / 4)
            leaving.cancel()
            answers = await asyncio.gather(short_deadline, *staying, return_exceptions=True)
            return list(answers), leaving.cancelled()

    before = upstream_requests(simulator)
    answers, cancelled = asyncio.run(scenario())
    assert cancelled
    assert isinstance(answers[0], grpc.aio.AioRpcError)
    assert answers[0].code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert all(isinstance(answer, live_pb2.GetLiveStatusResponse) for answer in answers[1:])
    assert upstream_requests(simulator) == before + 1


def test_room_info_and_gift_lists_are_shared_and_bypassed_alike(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    def requests() -> tuple[int, int]:
        counts = simulator.control("GET", "counters")["http_requests"]
        info, gifts = "GET /webcast/room/info_by_user/", "GET /webcast/gift/list/"
        return int(counts.get(info, 0)), int(counts.get(gifts, 0))

    async def ask(metadata: tuple[tuple[str, str], ...] = ()) -> None:
        async with grpc.aio.insecure_channel(server.address) as channel:
            stub = live_pb2_grpc.LiveServiceStub(channel)
            await asyncio.gather(
                *(
                    stub.GetRoomInfo(
                        live_pb2.GetRoomInfoRequest(unique_id="cache_rooms"),
                        metadata=metadata,
                        timeout=10,
                    )
                    for _ in range(5)
                ),
                stub.ListGifts(
                    live_pb2.ListGiftsRequest(unique_id="cache_rooms"),
                    metadata=metadata,
                    timeout=10,
                ),
            )

    simulator.control("POST", "rooms/cache_rooms", json={"live": True})
    before = requests()
    asyncio.run(ask())
    asyncio.run(ask())
    assert requests() == (before[0] + 1, before[1] + 1)
    asyncio.run(ask(NO_CACHE))  # each call its own request
    assert requests() == (before[0] + 7, before[1] + 2)


class Metadata:
    """The one part of a servicer context the cache reads."""

    def __init__(self, *pairs: tuple[str, str]) -> None:
        self.pairs = pairs

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self.pairs


@pytest.mark.parametrize(
    ("pairs", "bypass"),
    [
        ((), False),
        ((("cache-control", "no-cache"),), True),
        ((("Cache-Control", "max-age=0, No-Cache"),), True),
        ((("cache-control", "no-store"),), False),
        ((("authorization", "Bearer no-cache"),), False),
    ],
)
def test_only_a_no_cache_directive_bypasses(
    pairs: tuple[tuple[str, str], ...], bypass: bool
) -> None:
    assert bypasses_cache(cast(Any, Metadata(*pairs))) is bypass


def test_a_reload_applies_new_ttls_and_bounds_to_the_answers_loaded_after_it() -> None:
    settings = Settings(live_status_cache_ttl=60.0)
    cache = QueryCache(settings)
    loads: list[str] = []

    async def ask(name: str) -> None:
        async def load() -> live_pb2.GetLiveStatusResponse:
            loads.append(name)
            return live_pb2.GetLiveStatusResponse(unique_id=name)

        await cache.answer("GetLiveStatus", (name,), load, None)

    for name in ("x", "x"):
        asyncio.run(ask(name))
    assert loads == ["x"]
    assert cache.prepare_reload(settings) is None  # nothing of the cache's changed
    one_entry = settings.model_copy(update={"query_cache_max_entries": 1})
    commit = cache.prepare_reload(one_entry)
    assert commit is not None
    commit()
    for name in ("y", "x"):  # y's answer pushes x's out
        asyncio.run(ask(name))
    assert loads == ["x", "y", "x"]
    commit = cache.prepare_reload(one_entry.model_copy(update={"live_status_cache_ttl": 0.0}))
    assert commit is not None
    commit()
    for name in ("z", "z"):  # not kept at TTL 0
        asyncio.run(ask(name))
    assert loads == ["x", "y", "x", "z", "z"]

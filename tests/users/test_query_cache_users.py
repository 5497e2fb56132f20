"""UserService through the query cache, with the real TikTokApi in Chromium against the
simulator: identical GetUser / GetHashtag calls in flight share one upstream request (counted by
the simulator), an error (TIMEOUT here) reaches every waiter of the request but is not kept,
and NOT_FOUND is kept for its TTL. GetLiveStatus's cases: tests/server/test_query_cache.py.
"""

from __future__ import annotations

import asyncio
import time

import grpc
import pytest
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, users_pb2, users_pb2_grpc
from tokgate_client import error_detail_from

pytestmark = pytest.mark.browser

SLOW_DELAY = 2.0
NOT_FOUND_TTL = 1.0
CALLS = 12


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--slow-delay", str(SLOW_DELAY)]


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return ["--sessions", "1", "--call-deadline", "10", "--not-found-cache-ttl", str(NOT_FOUND_TTL)]


@pytest.fixture(scope="module")
def ready(server: ServerHandle) -> ServerHandle:
    admin = admin_pb2_grpc.AdminServiceStub(server.channel())
    end = time.monotonic() + 60
    while admin.GetSessionStats(admin_pb2.GetSessionStatsRequest()).healthy_sessions < 1:
        assert time.monotonic() < end, "the browser session did not open"
        time.sleep(0.2)
    return server


def upstream_requests(simulator: SimulatorHandle, route: str) -> int:
    return int(simulator.control("GET", "counters")["http_requests"].get(f"GET {route}", 0))


Request = users_pb2.GetUserRequest | users_pb2.GetHashtagRequest


async def gathered(server: ServerHandle, requests: list[Request], deadline: float) -> list[object]:
    """The requests all at once, each with ``deadline`` seconds; each answer or error."""
    async with grpc.aio.insecure_channel(server.address) as channel:
        stub = users_pb2_grpc.UserServiceStub(channel)
        calls = [
            stub.GetUser(request, timeout=deadline)
            if isinstance(request, users_pb2.GetUserRequest)
            else stub.GetHashtag(request, timeout=deadline)
            for request in requests
        ]
        return list(await asyncio.gather(*calls, return_exceptions=True))


def test_an_error_reaches_every_waiter_and_is_not_kept(
    ready: ServerHandle, simulator: SimulatorHandle
) -> None:
    # The request outlives the deadline of the call that made it: TIMEOUT for every waiter.
    before = upstream_requests(simulator, "/api/user/detail/")
    requests: list[Request] = [users_pb2.GetUserRequest(unique_id="sim_slow")] * CALLS
    errors = asyncio.run(gathered(ready, requests, deadline=SLOW_DELAY * 0.75))
    details = [error_detail_from(error) for error in errors if isinstance(error, grpc.RpcError)]
    assert len(details) == CALLS
    assert details[0] is not None and details[0].kind == errors_pb2.ERROR_KIND_TIMEOUT
    assert details == [details[0]] * CALLS
    assert upstream_requests(simulator, "/api/user/detail/") == before + 1
    # Not kept: the next test's calls for sim_slow make a request of their own.


def test_identical_get_user_calls_share_one_upstream_request(
    ready: ServerHandle, simulator: SimulatorHandle
) -> None:
    before = upstream_requests(simulator, "/api/user/detail/")
    names = ["sim_slow", "@sim_slow", "@Sim_Slow"]
    requests: list[Request] = [
        users_pb2.GetUserRequest(unique_id=names[i % 3]) for i in range(CALLS)
    ]
    answers = asyncio.run(gathered(ready, requests, deadline=15))
    assert all(isinstance(answer, users_pb2.GetUserResponse) for answer in answers)
    assert all(answer == answers[0] for answer in answers)
    assert upstream_requests(simulator, "/api/user/detail/") == before + 1
    # Held for user_cache_ttl (30 s): the next call makes no request.
    asyncio.run(gathered(ready, requests[:1], deadline=15))
    assert upstream_requests(simulator, "/api/user/detail/") == before + 1


def test_identical_get_hashtag_calls_share_one_upstream_request(
    ready: ServerHandle, simulator: SimulatorHandle
) -> None:
    before = upstream_requests(simulator, "/api/challenge/detail/")
    requests: list[Request] = [
        users_pb2.GetHashtagRequest(name=name) for name in ["#sim_slow", "SIM_SLOW"] * 4
    ]
    answers = asyncio.run(gathered(ready, requests, deadline=15))
    assert all(isinstance(answer, users_pb2.GetHashtagResponse) for answer in answers)
    assert upstream_requests(simulator, "/api/challenge/detail/") == before + 1


def test_not_found_is_shared_and_kept_for_its_ttl(
    ready: ServerHandle, simulator: SimulatorHandle
) -> None:
    before = upstream_requests(simulator, "/api/user/detail/")
    requests: list[Request] = [users_pb2.GetUserRequest(unique_id="sim_user_not_found")] * 4
    errors = asyncio.run(gathered(ready, requests, deadline=15))
    errors += asyncio.run(gathered(ready, requests[:1], deadline=15))  # held
    details = [error_detail_from(error) for error in errors if isinstance(error, grpc.RpcError)]
    assert len(details) == len(errors)
    assert details == [details[0]] * len(details)
    assert details[0] is not None and details[0].kind == errors_pb2.ERROR_KIND_USER_NOT_FOUND
    assert upstream_requests(simulator, "/api/user/detail/") == before + 1
    time.sleep(NOT_FOUND_TTL + 0.2)
    asyncio.run(gathered(ready, requests[:1], deadline=15))
    assert upstream_requests(simulator, "/api/user/detail/") == before + 2

"""Per-caller quotas on a real server and simulator: concurrent streams, rooms held through
them, a unary token bucket; refusals are RESOURCE_EXHAUSTED with an ErrorDetail and RetryInfo,
counted like any failure, and AdminService.ListCallers reports who uses what."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator

import grpc
import pytest
from tokgate.security import generate_key, hash_key
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client.errors import TokgateError, from_rpc_error

from tests.live.conftest import FAST_LIVE_ARGS

STREAMER_KEY = generate_key()
POLLER_KEY = generate_key()
ADMIN_KEY = generate_key()
ROOMS = ("quota_a", "quota_b", "quota_c")
MAX_STREAMS = 3
MAX_ROOMS = 2
RATE = 1.0
BURST = 3
Metadata = tuple[tuple[str, str], ...]
Call = grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse]


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return []


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    keys = ",".join(hash_key(key) for key in (STREAMER_KEY, POLLER_KEY, ADMIN_KEY))
    return [
        *FAST_LIVE_ARGS,
        "--api-key-hashes",
        keys,
        "--admin-key-hashes",
        hash_key(ADMIN_KEY),
        "--caller-max-streams",
        str(MAX_STREAMS),
        "--caller-max-rooms",
        str(MAX_ROOMS),
        "--caller-unary-rate",
        str(RATE),
        "--caller-unary-burst",
        str(BURST),
    ]


def bearer(key: str) -> Metadata:
    return (("authorization", f"Bearer {key}"),)


def name_of(key: str) -> str:
    return "key:" + hash_key(key)[:12]


class Streams:
    """StreamEvents calls of one caller, cancelled at the end."""

    def __init__(self, channel: grpc.aio.Channel, key: str) -> None:
        self._stub = live_pb2_grpc.LiveServiceStub(channel)
        self._metadata = bearer(key)
        self.calls: list[Call] = []

    async def open(self, room: str) -> Call:
        """A stream whose first message arrived (it holds its slot and room)."""
        call = self._stub.StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=room), metadata=self._metadata
        )
        self.calls.append(call)
        async with asyncio.timeout(15):
            await call.read()
        return call

    async def refused(self, room: str) -> TokgateError:
        call = self._stub.StreamEvents(
            live_pb2.StreamEventsRequest(unique_id=room), metadata=self._metadata
        )
        with pytest.raises(grpc.aio.AioRpcError) as failure:
            async with asyncio.timeout(15):
                await call.read()
        return from_rpc_error(failure.value)

    def close(self) -> None:
        for call in self.calls:
            call.cancel()
        self.calls.clear()


@pytest.fixture(scope="module")
def live_rooms(simulator: SimulatorHandle) -> None:
    for room in ROOMS:
        simulator.control("POST", f"rooms/{room}", json={"live": True, "event_rate": 5})


@pytest.fixture
async def channel(server: ServerHandle, live_rooms: None) -> AsyncIterator[grpc.aio.Channel]:
    async with grpc.aio.insecure_channel(server.address) as opened:
        yield opened


async def list_callers(channel: grpc.aio.Channel) -> dict[str, admin_pb2.Caller]:
    answer = await admin_pb2_grpc.AdminServiceStub(channel).ListCallers(
        admin_pb2.ListCallersRequest(), metadata=bearer(ADMIN_KEY), timeout=10
    )
    assert answer.limits == admin_pb2.CallerLimits(
        max_streams=MAX_STREAMS, max_rooms=MAX_ROOMS, unary_rate=RATE, unary_burst=BURST
    )
    return {caller.name: caller for caller in answer.callers}


def assert_quota_refusal(error: TokgateError, quota: str, limit: str) -> None:
    assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert error.detail.kind == errors_pb2.ERROR_KIND_RATE_LIMIT
    assert error.detail.retryable
    assert error.detail.metadata["quota"] == quota
    assert error.detail.metadata["limit"] == limit
    assert error.retry_info is not None and error.retry_info.retry_delay.ToNanoseconds() > 0
    for key in (STREAMER_KEY, POLLER_KEY, ADMIN_KEY):
        assert key not in str(error.detail)


def refusals_counted(server: ServerHandle) -> float:
    found = re.findall(
        r'^tokgate_errors_total\{[^}]*kind="rate_limit"[^}]*\} (\S+)$', server.metrics(), re.M
    )
    return sum(float(value) for value in found)


def refusals_by_quota(server: ServerHandle) -> dict[str, float]:
    """tokgate_quota_refusals_total, by its ``quota`` label."""
    found = re.findall(
        r'^tokgate_quota_refusals_total\{quota="([a-z_]+)"\} (\S+)$', server.metrics(), re.M
    )
    return {quota: float(value) for quota, value in found}


async def test_streams_and_rooms_are_held_per_caller_until_their_streams_end(
    server: ServerHandle, channel: grpc.aio.Channel
) -> None:
    streamer, other = Streams(channel, STREAMER_KEY), Streams(channel, POLLER_KEY)
    counted = refusals_counted(server)
    by_quota = refusals_by_quota(server)
    try:
        await streamer.open("quota_a")
        await streamer.open("quota_b")
        rooms = await streamer.refused("quota_c")
        assert_quota_refusal(rooms, "caller_max_rooms", str(MAX_ROOMS))
        # A room it already holds takes no new room: a third stream is fine...
        await streamer.open("quota_a")
        # ... and a fourth is one stream too many.
        streams = await streamer.refused("quota_a")
        assert_quota_refusal(streams, "caller_max_streams", str(MAX_STREAMS))
        # Another caller has quotas of its own.
        await other.open("quota_c")

        callers = await list_callers(channel)
        mine = callers[name_of(STREAMER_KEY)]
        assert mine.open_streams == MAX_STREAMS
        assert list(mine.rooms) == ["quota_a", "quota_b"]
        assert dict(mine.refusals) == {"caller_max_rooms": 1, "caller_max_streams": 1}
        assert callers[name_of(POLLER_KEY)].open_streams == 1
        assert refusals_counted(server) == counted + 2
        # Told apart by quota (every quota's series there from the start, at 0).
        assert refusals_by_quota(server) == {
            "caller_max_rooms": by_quota["caller_max_rooms"] + 1,
            "caller_max_streams": by_quota["caller_max_streams"] + 1,
            "caller_unary_rate": by_quota["caller_unary_rate"],
        }

        # Streams give their slots and rooms back when they end, however they end.
        streamer.close()
        for _ in range(200):
            if not (await list_callers(channel))[name_of(STREAMER_KEY)].open_streams:
                break
            await asyncio.sleep(0.05)
        ended = (await list_callers(channel))[name_of(STREAMER_KEY)]
        assert ended.open_streams == 0 and not ended.rooms
        await streamer.open("quota_c")
    finally:
        streamer.close()
        other.close()


async def test_unary_calls_take_from_a_bucket_and_admin_calls_never_do(
    server: ServerHandle, channel: grpc.aio.Channel
) -> None:
    by_quota = refusals_by_quota(server)
    stub = live_pb2_grpc.LiveServiceStub(channel)
    request = live_pb2.GetLiveStatusRequest(unique_id="quota_status")
    started = time.monotonic()
    for _ in range(BURST):
        await stub.GetLiveStatus(request, metadata=bearer(POLLER_KEY), timeout=10)
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        await stub.GetLiveStatus(request, metadata=bearer(POLLER_KEY), timeout=10)
    assert time.monotonic() - started < 1 / RATE, "too slow to empty the bucket"
    refusal = from_rpc_error(failure.value)
    assert_quota_refusal(refusal, "caller_unary_rate", f"{RATE:g}")
    assert refusal.detail.retry_after.ToNanoseconds() <= 1e9 / RATE
    # Administrators can look in a storm: many more calls than the bucket holds.
    for _ in range(BURST * 4):
        await list_callers(channel)
    # The next token comes when RetryInfo says.
    await asyncio.sleep(refusal.detail.retry_after.ToNanoseconds() / 1e9)
    await stub.GetLiveStatus(request, metadata=bearer(POLLER_KEY), timeout=10)
    poller = (await list_callers(channel))[name_of(POLLER_KEY)]
    assert poller.unary_calls_last_minute == BURST + 2
    assert poller.refusals["caller_unary_rate"] == 1
    assert refusals_by_quota(server)["caller_unary_rate"] == by_quota["caller_unary_rate"] + 1

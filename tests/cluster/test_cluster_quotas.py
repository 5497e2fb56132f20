"""Per-caller quotas in cluster mode, for real: two replicas on one redis-server count a caller's
streams and rooms across them, share its unary bucket, and forget a dead replica's streams
within the lease TTL. The quotas use the rooms' connection to Redis, not one of their own."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest
import redis
from tokgate.quotas_cluster import caller_keys
from tokgate.security import generate_key, hash_key
from tokgate.testing import RedisHandle, ServerHandle, SimulatorHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, live_pb2, live_pb2_grpc
from tokgate_client.errors import TokgateError, from_rpc_error

from tests.cluster.test_cluster import LEASE_TTL, flush, started

KEY = generate_key()
ADMIN_KEY = generate_key()
CALLER = "key:" + hash_key(KEY)[:12]
QUOTA_ARGS = [
    "--api-key-hashes",
    f"{hash_key(KEY)},{hash_key(ADMIN_KEY)}",
    "--admin-key-hashes",
    hash_key(ADMIN_KEY),
    "--caller-max-streams",
    "2",
    "--caller-max-rooms",
    "1",
    "--caller-unary-rate",
    "0.1",
    "--caller-unary-burst",
    "2",
]


@pytest.fixture(scope="module")
def replicas(
    simulator: SimulatorHandle, redis_server: RedisHandle, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, ServerHandle]]:
    flush(redis_server)
    simulator.control("POST", "rooms/quota_elsewhere", json={"live": True, "event_rate": 5})
    with started(
        simulator, redis_server, tmp_path_factory.mktemp("replicas"), "ab", QUOTA_ARGS
    ) as running:
        yield running


@pytest.fixture
async def channels(replicas: dict[str, ServerHandle]) -> AsyncIterator[dict[str, grpc.aio.Channel]]:
    opened = {name: grpc.aio.insecure_channel(server.address) for name, server in replicas.items()}
    yield opened
    for channel in opened.values():
        await channel.close()


def bearer(key: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {key}"),)


def stream(
    channel: grpc.aio.Channel, room: str
) -> grpc.aio.UnaryStreamCall[live_pb2.StreamEventsRequest, live_pb2.StreamEventsResponse]:
    request = live_pb2.StreamEventsRequest(unique_id=room)
    return live_pb2_grpc.LiveServiceStub(channel).StreamEvents(request, metadata=bearer(KEY))


async def refusal(channel: grpc.aio.Channel, room: str) -> TokgateError:
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        async with asyncio.timeout(15):
            await stream(channel, room).read()
    return from_rpc_error(failure.value)


async def caller(channel: grpc.aio.Channel) -> admin_pb2.Caller:
    listed = await admin_pb2_grpc.AdminServiceStub(channel).ListCallers(
        admin_pb2.ListCallersRequest(), metadata=bearer(ADMIN_KEY), timeout=10
    )
    found = {caller.name: caller for caller in listed.callers}
    return found.get(CALLER, admin_pb2.Caller(name=CALLER))


def redis_connections(pid: int, redis_port: int) -> int:
    """The TCP connections process ``pid`` holds established to ``redis_port`` (from /proc:
    its sockets' inodes, matched in the table of the TCP connections)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    count = 0
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        remote_port = int(fields[2].rpartition(":")[2], 16)
        if remote_port == redis_port and fields[3] == "01" and fields[9] in inodes:
            count += 1
    return count


async def test_the_quotas_share_the_rooms_connection_pool(
    replicas: dict[str, ServerHandle],
    channels: dict[str, grpc.aio.Channel],
    redis_server: RedisHandle,
) -> None:
    """One Redis pool per replica (one writer of tokgate_cluster_redis_up): an idle replica
    whose health check and quota reads take turns holds a single connection to Redis."""
    for _ in range(3):
        await caller(channels["b"])  # the cluster-wide usage, read from Redis
        await asyncio.sleep(0.1)
    assert redis_connections(replicas["b"].process.pid, redis_server.port) == 1


async def test_a_callers_streams_rooms_and_bucket_hold_across_replicas(
    replicas: dict[str, ServerHandle], channels: dict[str, grpc.aio.Channel]
) -> None:
    on_a, on_b = stream(channels["a"], "sim_live"), stream(channels["b"], "sim_live")
    async with asyncio.timeout(15):
        await on_a.read()
        await on_b.read()
    # One stream on each replica: a third on either is one too many.
    for name in "ab":
        refused = await refusal(channels[name], "sim_live")
        assert refused.code == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert refused.detail.metadata["quota"] == "caller_max_streams"
    seen = await caller(channels["b"])
    assert seen.open_streams == 2 and list(seen.rooms) == ["sim_live"]

    # b's stream ends; its room is still held through a, so b may not open another room.
    on_b.cancel()
    for _ in range(100):
        if (await caller(channels["b"])).open_streams == 1:
            break
        await asyncio.sleep(0.05)
    refused = await refusal(channels["b"], "quota_elsewhere")
    assert refused.detail.metadata["quota"] == "caller_max_rooms"

    # One bucket for the caller: two calls through a empty it for b.
    status = live_pb2.GetLiveStatusRequest(unique_id="sim_live")
    for name in "aa":
        await live_pb2_grpc.LiveServiceStub(channels[name]).GetLiveStatus(
            status, metadata=bearer(KEY), timeout=10
        )
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        await live_pb2_grpc.LiveServiceStub(channels["b"]).GetLiveStatus(
            status, metadata=bearer(KEY), timeout=10
        )
    assert from_rpc_error(failure.value).detail.metadata["quota"] == "caller_unary_rate"

    # A replica that dies stops counting once its entries expire (the lease TTL).
    os.kill(replicas["a"].process.pid, signal.SIGKILL)
    for _ in range(int(LEASE_TTL * 2 / 0.1)):
        if (await caller(channels["b"])).open_streams == 0:
            break
        await asyncio.sleep(0.1)
    assert (await caller(channels["b"])).open_streams == 0
    async with asyncio.timeout(15):
        await stream(channels["b"], "quota_elsewhere").read()


async def test_with_redis_down_each_replica_holds_its_callers_to_its_own_counts(
    replicas: dict[str, ServerHandle],
    channels: dict[str, grpc.aio.Channel],
    redis_server: RedisHandle,
) -> None:
    """Redis stopped by its pid (SIGSTOP: it hangs, the worst case): once replica b found it
    gone, b answers at once, enforcing the quotas on its own counts (its two streams, its own
    bucket of two), without waiting on Redis call after call. Once Redis is back (killed and
    started again, empty), the shared counts and the shared bucket apply again. (Runs on b:
    the test above killed a.)"""
    live = live_pb2_grpc.LiveServiceStub(channels["b"])
    status = live_pb2.GetLiveStatusRequest(unique_id="sim_live")
    for _ in range(100):  # the test above's last stream is over
        if (await caller(channels["b"])).open_streams == 0:
            break
        await asyncio.sleep(0.05)
    held = [stream(channels["b"], "sim_live") for _ in range(2)]
    async with asyncio.timeout(15):
        for call in held:
            await call.read()
    os.kill(redis_server.pid, signal.SIGSTOP)
    # The first call to find Redis gone waits for it (the socket timeout); no call after it.
    with contextlib.suppress(grpc.aio.AioRpcError):
        await live.GetLiveStatus(status, metadata=bearer(KEY), timeout=10)
    started = time.monotonic()
    refused = await refusal(channels["b"], "sim_live")
    assert refused.detail.metadata["quota"] == "caller_max_streams"
    await live.GetLiveStatus(status, metadata=bearer(KEY), timeout=10)
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        await live.GetLiveStatus(status, metadata=bearer(KEY), timeout=10)
    assert from_rpc_error(failure.value).detail.metadata["quota"] == "caller_unary_rate"
    assert time.monotonic() - started < 1.0

    redis_server.kill()  # SIGKILL ends a stopped process too
    redis_server.restart()  # no persistence: an empty Redis, a full shared bucket
    streams_key = caller_keys(CALLER)[0]
    with redis.Redis.from_url(redis_server.url) as client:
        for _ in range(int(LEASE_TTL * 3 / 0.1)):
            if client.hget(streams_key, "b"):
                break
            await asyncio.sleep(0.1)
        # b wrote its counts again (its renewal, every third of the lease TTL).
        assert (client.hget(streams_key, "b") or b"").startswith(b"2:")
    # b's own bucket is empty for ten seconds more: this token is the shared bucket's.
    await live.GetLiveStatus(status, metadata=bearer(KEY), timeout=10)
    for call in held:
        call.cancel()

"""Over a real loopback tokgate serve (routed to the simulator) with the example plugin on
its PYTHONPATH only: trailers of a unary call and of a stream that fails after sending
events, the plugin's override and enrichment in real RPCs, ListPlugins and GetErrorStats."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2
from tokgate.errors.status import DETAILS_KEY
from tokgate.testing import ServerHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

K = errors_pb2.ErrorKind
RUNBOOK = "https://runbooks.example.com/tokgate/rate-limits"


@pytest.fixture(scope="module")
def server_env(example_plugin_path: Path) -> dict[str, str]:
    path = os.pathsep.join([str(example_plugin_path), os.environ.get("PYTHONPATH", "")])
    return {"PYTHONPATH": path}


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return [
        "--sessions",
        "0",
        "--reconnect-initial-backoff",
        "0.05",
        "--reconnect-max-backoff",
        "0.2",
        "--reconnect-max-attempts",
        "2",
        "--sign-budget-per-minute",
        "1000",
    ]


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--rate-limit-reset", "2"]


@pytest.fixture(scope="module")
async def channel(server: ServerHandle) -> AsyncIterator[grpc.aio.Channel]:
    channel = server.aio_channel()
    yield channel
    await channel.close()


def status_of(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    trailers: dict[str, Any] = dict(error.trailing_metadata() or ())
    return status_pb2.Status.FromString(trailers[DETAILS_KEY])


def unpack(
    status: status_pb2.Status,
) -> tuple[error_details_pb2.ErrorInfo, error_details_pb2.RetryInfo | None]:
    info = error_details_pb2.ErrorInfo()
    retry: error_details_pb2.RetryInfo | None = None
    for holder in status.details:
        if holder.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            holder.Unpack(info)
        elif holder.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            holder.Unpack(retry)
    return info, retry


async def test_unary_call_trailer(channel: grpc.aio.Channel) -> None:
    live = live_pb2_grpc.LiveServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_not_found"))
    error = failed.value
    assert error.code() == grpc.StatusCode.NOT_FOUND
    detail = error_detail_from(error)
    assert detail is not None
    assert detail.kind == K.ERROR_KIND_USER_NOT_FOUND and detail.error == "User Not Found"
    assert detail.classifier == "tokgate.tiktoklive"
    assert detail.exception_type == "TikTokLive.client.errors.UserNotFoundError"
    assert detail.metadata["unique_id"] == "sim_not_found"
    assert error.details() == f"User Not Found: {detail.message}"
    status = status_of(error)
    assert status.code == grpc.StatusCode.NOT_FOUND.value[0]
    info, retry = unpack(status)
    assert (info.reason, info.domain) == ("USER_NOT_FOUND", "tokgate")
    assert dict(info.metadata) == dict(detail.metadata)
    assert retry is None


async def test_plugin_override_in_a_real_stream(channel: grpc.aio.Channel) -> None:
    live = live_pb2_grpc.LiveServiceStub(channel)
    call = live.StreamEvents(live_pb2.StreamEventsRequest(unique_id="@sim_offline"))
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        async with asyncio.timeout(30):
            async for _ in call:
                pass
    error = failed.value
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    detail = error_detail_from(error)
    assert detail is not None
    assert detail.kind == K.ERROR_KIND_USER_OFFLINE
    assert detail.classifier == "example"
    assert detail.message == "@sim_offline is not live now; see their streaming schedule"
    assert detail.metadata["schedule_url"] == "https://schedule.example.com/streamers/sim_offline"
    info, retry = unpack(status_of(error))
    assert info.reason == "USER_OFFLINE"
    assert retry is not None and retry.retry_delay.seconds == 900


async def test_stream_fails_after_events_with_enriched_rate_limit(
    channel: grpc.aio.Channel,
) -> None:
    live = live_pb2_grpc.LiveServiceStub(channel)
    call = live.StreamEvents(live_pb2.StreamEventsRequest(unique_id="sim_sign_rate_limited"))
    events: list[live_pb2.LiveEvent] = []
    with pytest.raises(grpc.aio.AioRpcError) as failed:
        async with asyncio.timeout(60):
            async for response in call:
                events.append(response.event)
    in_band = [
        e.status for e in events if e.WhichOneof("event") == "status" and e.status.error.kind
    ]
    assert in_band, "the stream sent in-band status events before failing"
    assert all(s.error.metadata["runbook_url"] == RUNBOOK for s in in_band)
    error = failed.value
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    detail = error_detail_from(error)
    assert detail is not None
    assert detail.kind == K.ERROR_KIND_RATE_LIMIT and detail.classifier == "tokgate.tiktoklive"
    assert detail.metadata["sign_reason"] == "RATE_LIMIT"
    assert detail.suggestions[-1] == f"Follow the rate-limit runbook: {RUNBOOK}"
    info, retry = unpack(status_of(error))
    assert info.reason == "RATE_LIMIT" and info.metadata["runbook_url"] == RUNBOOK
    assert retry is not None and retry.retry_delay == detail.retry_after


async def test_list_plugins_and_error_stats(channel: grpc.aio.Channel) -> None:
    admin = admin_pb2_grpc.AdminServiceStub(channel)
    plugins = {p.name: p for p in (await admin.ListPlugins(admin_pb2.ListPluginsRequest())).plugins}
    example = plugins["example"]
    assert (example.version, example.distribution) == ("1.2.0", "tokgate-example-plugin")
    assert example.state == admin_pb2.PLUGIN_STATE_ENABLED and not example.builtin
    assert list(example.hooks) == ["tokgate_classify_error", "tokgate_enrich_error"]
    assert plugins["tokgate.catch_all"].builtin
    assert {"tokgate.tiktoklive", "tokgate.tiktokapi", "tokgate.network"} <= set(plugins)

    stats = await admin.GetErrorStats(admin_pb2.GetErrorStatsRequest(top_users=5))
    kinds = {k.kind: k.count for k in stats.by_kind}
    assert kinds[K.ERROR_KIND_USER_OFFLINE] >= 1 and kinds[K.ERROR_KIND_USER_NOT_FOUND] >= 1
    assert stats.total >= 3
    assert {"sim_offline", "sim_not_found"} <= {u.unique_id for u in stats.top_failed_users}


def test_metrics_count_the_plugin_classification(server: ServerHandle) -> None:
    page = server.metrics()
    line = next(
        line
        for line in page.splitlines()
        if line.startswith("tokgate_errors_total{") and 'classifier="example"' in line
    )
    assert 'kind="user_offline"' in line and 'status_code="none"' in line
    assert 'source="live"' in line

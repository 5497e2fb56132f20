"""TikTokLive is imported when the first LIVE request needs it, once, while the server serves.

Its import costs about 4 s of CPU and 30 MB: a server that answers only user queries, or has
not opened a room yet, does not pay it, and its failures are still classified.
"""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest
from tokgate.testing import ServerHandle
from tokgate.v1 import admin_pb2, admin_pb2_grpc, errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client.errors import from_rpc_error

Kind = errors_pb2.ErrorKind

LOADED = "TikTokLive loaded"


def loaded_lines(server: ServerHandle) -> list[dict[str, object]]:
    """The server's "TikTokLive loaded" log records."""
    records = []
    for line in server.process.logs().splitlines():
        if LOADED in line:
            records.append(json.loads(line))
    return records


async def test_only_the_first_live_request_imports_tiktoklive(server: ServerHandle) -> None:
    async with server.aio_channel() as channel:
        admin = admin_pb2_grpc.AdminServiceStub(channel)
        live = live_pb2_grpc.LiveServiceStub(channel)
        await admin.ListPlugins(admin_pb2.ListPluginsRequest(), timeout=30)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="no spaces"))
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert from_rpc_error(refused.value).detail.kind == Kind.ERROR_KIND_INVALID_ARGUMENT
        assert loaded_lines(server) == []  # served and classified without it

        live_now, offline = await asyncio.gather(  # two rooms at once (not coalesced)
            live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_live"), timeout=60),
            live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_offline"), timeout=60),
        )
        assert live_now.is_live and not offline.is_live
        with pytest.raises(grpc.aio.AioRpcError) as failed:  # TikTokLive's failures classified
            await live.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="sim_not_found"))
        assert from_rpc_error(failed.value).detail.kind == Kind.ERROR_KIND_USER_NOT_FOUND

    (record,) = loaded_lines(server)  # two requests at once, one import
    assert isinstance(record["seconds"], float)

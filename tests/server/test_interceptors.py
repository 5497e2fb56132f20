"""The server's interceptors on a real in-process grpc.aio server, with a LiveService whose
behaviour the test chooses: every exception becomes a rich status, counted exactly once; a
caller's cancellation is never an error; the grpc_server_* metrics follow each call; a stream
holds its caller's quota slot however it ends, without a layer of the quota's per message."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from tokgate import metrics
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.exceptions import ClassifiedFailure, UnimplementedError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.interceptors import ApiKeyInterceptor, ErrorInterceptor, QuotaInterceptor
from tokgate.metrics import MetricsInterceptor
from tokgate.quotas import Quotas
from tokgate.rpc import ServicerContext
from tokgate.security import ApiKeys
from tokgate.v1 import errors_pb2, live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

SERVICE = "tokgate.v1.LiveService"


class ScriptedLive(live_pb2_grpc.LiveServiceServicer):
    """GetLiveStatus / StreamEvents do what the request's unique_id names."""

    def __init__(self, pipeline: ErrorPipeline) -> None:
        self.pipeline = pipeline
        self.waiting = asyncio.Event()
        self.cancelled = asyncio.Event()
        # The functions a stream's second message was asked for through (callers first).
        self.message_path: list[str] = []

    async def _act(self, action: str) -> None:
        if action == "bug":
            raise ZeroDivisionError("a bug in a servicer")
        if action == "unimplemented":
            raise UnimplementedError(f"{SERVICE}/GetLiveStatus")
        if action == "classified":
            detail = await self.pipeline.report(
                TimeoutError("upstream took too long"), ErrorContext("live", "fetch_room_info")
            )
            raise ClassifiedFailure(detail)
        if action == "hang":
            self.waiting.set()
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:
                self.cancelled.set()
                raise

    async def GetLiveStatus(
        self, request: live_pb2.GetLiveStatusRequest, context: ServicerContext
    ) -> live_pb2.GetLiveStatusResponse:
        await self._act(request.unique_id)
        return live_pb2.GetLiveStatusResponse(unique_id=request.unique_id, is_live=True)

    async def GetRoomInfo(
        self, request: live_pb2.GetRoomInfoRequest, context: ServicerContext
    ) -> live_pb2.GetRoomInfoResponse:
        await self._act(request.unique_id)
        return live_pb2.GetRoomInfoResponse()

    async def ListGifts(
        self, request: live_pb2.ListGiftsRequest, context: ServicerContext
    ) -> live_pb2.ListGiftsResponse:
        await self._act(request.unique_id)
        return live_pb2.ListGiftsResponse()

    async def StreamEvents(
        self, request: live_pb2.StreamEventsRequest, context: ServicerContext
    ) -> AsyncIterator[live_pb2.StreamEventsResponse]:
        for sequence in (1, 2):
            yield live_pb2.StreamEventsResponse(
                event=live_pb2.LiveEvent(unique_id=request.unique_id, sequence=sequence)
            )
            self.message_path = _callers_of(sys._getframe())
        await self._act(request.unique_id)


def _callers_of(frame: Any) -> list[str]:
    """The Python functions above ``frame`` (an async generator's, as the consumer resumed it)."""
    names = []
    while (frame := frame.f_back) is not None:
        names.append(frame.f_code.co_qualname)
    return names


@contextlib.asynccontextmanager
async def serving(
    settings: Settings, quotas: Quotas | None = None
) -> AsyncIterator[tuple[grpc.aio.Channel, ScriptedLive]]:
    """A ScriptedLive behind the server's interceptors (the quotas' too, if given)."""
    pipeline = ErrorPipeline.from_settings(settings)
    servicer = ScriptedLive(pipeline)
    interceptors: list[grpc.aio.ServerInterceptor] = [
        MetricsInterceptor(),
        ErrorInterceptor(pipeline),
        ApiKeyInterceptor(ApiKeys.from_settings(settings)),
    ]
    if quotas is not None:
        interceptors.append(QuotaInterceptor(quotas))
    server = grpc.aio.server(interceptors=interceptors)
    live_pb2_grpc.add_LiveServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield channel, servicer
    await server.stop(None)


@pytest.fixture(scope="module")
async def served() -> AsyncIterator[tuple[grpc.aio.Channel, ScriptedLive]]:
    async with serving(Settings()) as running:
        yield running


def _sample(name: str, **labels: str) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


async def _counted(name: str, before: float, **labels: str) -> float:
    """How much ``name`` grew since ``before``, once the server counted the call: the
    status reaches the caller when the handler aborts, the metrics interceptor counts it
    a moment later, as the handler's frames unwind (a race, on a loaded machine)."""
    for _ in range(200):
        if _sample(name, **labels) != before:
            break
        await asyncio.sleep(0.01)
    return _sample(name, **labels) - before


def _errors() -> float:
    return sum(
        sample.value
        for family in metrics.REGISTRY.collect()
        if family.name == "tokgate_errors"
        for sample in family.samples
        if sample.name == "tokgate_errors_total"
    )


def _labels(method: str, rpc_type: str) -> dict[str, str]:
    return {"grpc_service": SERVICE, "grpc_method": method, "grpc_type": rpc_type}


async def _unary_failure(channel: grpc.aio.Channel, action: str) -> grpc.aio.AioRpcError:
    stub = live_pb2_grpc.LiveServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        await stub.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id=action), timeout=10)
    return failure.value


@pytest.mark.parametrize(
    ("action", "status", "kind", "source"),
    [
        ("bug", (grpc.StatusCode.INTERNAL, "Internal"), errors_pb2.ERROR_KIND_INTERNAL, "server"),
        (
            "unimplemented",
            (grpc.StatusCode.UNIMPLEMENTED, "Unimplemented"),
            errors_pb2.ERROR_KIND_UNIMPLEMENTED,
            "server",
        ),
        (
            "classified",
            (grpc.StatusCode.DEADLINE_EXCEEDED, "DeadlineExceeded"),
            errors_pb2.ERROR_KIND_TIMEOUT,
            "live",
        ),
    ],
)
async def test_every_failure_is_a_rich_status_counted_once(
    served: tuple[grpc.aio.Channel, ScriptedLive],
    action: str,
    status: tuple[grpc.StatusCode, str],
    kind: int,
    source: str,
) -> None:
    """``status``: the code the caller gets and its grpc_code label (Go's spelling)."""
    channel, _ = served
    code, grpc_code = status
    errors_before = _errors()
    handled = dict(**_labels("GetLiveStatus", "unary"), grpc_code=grpc_code)
    handled_before = _sample("grpc_server_handled_total", **handled)

    error = await _unary_failure(channel, action)

    assert error.code() == code
    detail = error_detail_from(error)
    assert detail is not None and detail.kind == kind
    assert detail.metadata["source"] == source
    assert _errors() - errors_before == 1
    assert await _counted("grpc_server_handled_total", handled_before, **handled) == 1


async def test_a_stream_that_fails_after_events_ends_with_the_rich_status(
    served: tuple[grpc.aio.Channel, ScriptedLive],
) -> None:
    channel, _ = served
    labels = _labels("StreamEvents", "server_stream")
    sent_before = _sample("grpc_server_msg_sent_total", **labels)
    errors_before = _errors()
    stream = live_pb2_grpc.LiveServiceStub(channel).StreamEvents(
        live_pb2.StreamEventsRequest(unique_id="bug"), timeout=10
    )
    received = []
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        async for message in stream:
            received.append(message.event.sequence)
    assert received == [1, 2]
    assert failure.value.code() == grpc.StatusCode.INTERNAL
    detail = error_detail_from(failure.value)
    assert detail is not None and detail.exception_type.endswith("ZeroDivisionError")
    assert _errors() - errors_before == 1
    assert _sample("grpc_server_msg_sent_total", **labels) - sent_before == 2


async def test_a_successful_call_is_counted_ok(
    served: tuple[grpc.aio.Channel, ScriptedLive],
) -> None:
    channel, _ = served
    labels = _labels("GetLiveStatus", "unary")
    started_before = _sample("grpc_server_started_total", **labels)
    ok_before = _sample("grpc_server_handled_total", **labels, grpc_code="OK")
    answer = await live_pb2_grpc.LiveServiceStub(channel).GetLiveStatus(
        live_pb2.GetLiveStatusRequest(unique_id="fine"), timeout=10
    )
    assert answer.is_live
    assert _sample("grpc_server_started_total", **labels) - started_before == 1
    assert await _counted("grpc_server_handled_total", ok_before, **labels, grpc_code="OK") == 1


@pytest.mark.parametrize("rpc", ["GetLiveStatus", "StreamEvents"])
async def test_a_cancelled_call_is_never_an_error(
    served: tuple[grpc.aio.Channel, ScriptedLive], rpc: str
) -> None:
    channel, servicer = served
    servicer.waiting.clear()
    servicer.cancelled.clear()
    stub = live_pb2_grpc.LiveServiceStub(channel)
    rpc_type = "unary" if rpc == "GetLiveStatus" else "server_stream"
    cancelled = dict(**_labels(rpc, rpc_type), grpc_code="Canceled")
    cancelled_before = _sample("grpc_server_handled_total", **cancelled)
    errors_before = _errors()
    call: Any
    if rpc == "GetLiveStatus":
        call = stub.GetLiveStatus(live_pb2.GetLiveStatusRequest(unique_id="hang"), timeout=30)
    else:
        call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id="hang"), timeout=30)
        await call.read()
    await asyncio.wait_for(servicer.waiting.wait(), 10)
    call.cancel()
    await asyncio.wait_for(servicer.cancelled.wait(), 10)
    # The metrics interceptor, the outermost, counts the call once the others are done.
    deadline = asyncio.get_running_loop().time() + 10
    while _sample("grpc_server_handled_total", **cancelled) == cancelled_before:
        assert asyncio.get_running_loop().time() < deadline, "the cancellation was not counted"
        await asyncio.sleep(0.01)
    assert _errors() == errors_before
    assert _sample("grpc_server_handled_total", **cancelled) - cancelled_before == 1


@pytest.fixture(scope="module")
async def quota_served() -> AsyncIterator[tuple[grpc.aio.Channel, ScriptedLive, Quotas]]:
    """The server's interceptors, quotas included: one stream per caller."""
    settings = Settings(caller_max_streams=1)
    quotas = Quotas(settings)
    async with serving(settings, quotas) as (channel, servicer):
        yield channel, servicer, quotas


async def _released(quotas: Quotas) -> None:
    """Wait until no caller holds a stream slot."""
    for _ in range(200):
        if not quotas.held():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"slots still held: {quotas.held()}")


async def test_a_stream_gives_its_quota_slot_back_however_it_ends(
    quota_served: tuple[grpc.aio.Channel, ScriptedLive, Quotas],
) -> None:
    channel, servicer, quotas = quota_served
    stub = live_pb2_grpc.LiveServiceStub(channel)
    servicer.waiting.clear()
    servicer.cancelled.clear()
    hanging = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id="hang"), timeout=30)
    await hanging.read()
    await asyncio.wait_for(servicer.waiting.wait(), 10)
    assert list(quotas.held().values()) == [(1, {})]
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id="ok")).read()
    assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    hanging.cancel()  # by the caller
    await _released(quotas)
    # Ended by the server: its last message, or a failure after some.
    for action, code in (("ok", grpc.StatusCode.OK), ("bug", grpc.StatusCode.INTERNAL)):
        call = stub.StreamEvents(live_pb2.StreamEventsRequest(unique_id=action), timeout=10)
        messages = []
        with contextlib.suppress(grpc.aio.AioRpcError):
            async for message in call:
                messages.append(message)
        assert len(messages) == 2 and await call.code() == code
        await _released(quotas)


async def test_the_quota_adds_no_layer_to_a_streams_messages(
    quota_served: tuple[grpc.aio.Channel, ScriptedLive, Quotas],
) -> None:
    """grpc.aio asks the error interceptor's generator for each message, and it asks the
    behaviour's own: the quota only set the stream up."""
    channel, servicer, _ = quota_served
    call = live_pb2_grpc.LiveServiceStub(channel).StreamEvents(
        live_pb2.StreamEventsRequest(unique_id="ok"), timeout=10
    )
    assert len([message async for message in call]) == 2
    path = [name for name in servicer.message_path if name.endswith(".stream")]
    assert path[0] == "_RichStatusCall.stream", servicer.message_path
    assert "_QuotaCall.stream" not in path, servicer.message_path

"""/metrics after provoked failures: each failure counted once, where it originates, with the
right labels; the grpc_server_* metrics from the interceptor; a caller's cancellation is no
error."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families
from tokgate.metrics import GRPC_CODE_LABELS
from tokgate.testing import ServerHandle, SimulatorHandle
from tokgate.v1 import live_pb2, live_pb2_grpc, users_pb2, users_pb2_grpc
from tokgate.versions import CONTRACT_VERSION, SERVER_VERSION, library_versions

Labels = dict[str, str]
LIVE_STREAMER = "metrics_star"


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return ["--sessions", "0"]  # no test here queries users


class Scrape:
    """One /metrics page: sample values by name and labels."""

    def __init__(self, text: str) -> None:
        self.samples: list[tuple[str, Labels, float]] = [
            (sample.name, dict(sample.labels), sample.value)
            for family in text_string_to_metric_families(text)
            for sample in family.samples
        ]

    def value(self, name: str, **labels: str) -> float:
        """The sum over samples of ``name`` whose labels include ``labels``."""
        return sum(
            value
            for sample_name, sample_labels, value in self.samples
            if sample_name == name and labels.items() <= sample_labels.items()
        )


Delta = Callable[..., float]
# How long the server may take to count what follows a call (e.g. a cancellation it sees).
SETTLE_SECONDS = 15.0


def _difference(before: Scrape, after: Scrape) -> Delta:
    return lambda name, **labels: after.value(name, **labels) - before.value(name, **labels)


def _delta(
    server: ServerHandle,
    provoke: Callable[[], None],
    settled: Callable[[Delta], bool] = lambda _: True,
) -> Delta:
    """How the metrics moved across ``provoke``, scraped again until ``settled`` holds (what
    the server counts after the call returned is in) or SETTLE_SECONDS passed."""
    before = Scrape(server.metrics())
    provoke()
    deadline = time.monotonic() + SETTLE_SECONDS
    delta = _difference(before, Scrape(server.metrics()))
    while not settled(delta) and time.monotonic() < deadline:
        time.sleep(0.05)
        delta = _difference(before, Scrape(server.metrics()))
    return delta


def _fails(call: Callable[[], Any]) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as failure:
        call()
    return failure.value.code()


def _grpc(service: str, method: str, rpc_type: str) -> Labels:
    return {"grpc_service": f"tokgate.v1.{service}", "grpc_method": method, "grpc_type": rpc_type}


# Go's codes.Code.String() (grpc-go codes/code_string.go), indexed by the code's number: what
# Go's grpc-prometheus writes into grpc_code. Copied by hand, to check tokgate's table against.
GO_CODE_STRINGS = (
    "OK",
    "Canceled",
    "Unknown",
    "InvalidArgument",
    "DeadlineExceeded",
    "NotFound",
    "AlreadyExists",
    "PermissionDenied",
    "ResourceExhausted",
    "FailedPrecondition",
    "Aborted",
    "OutOfRange",
    "Unimplemented",
    "Internal",
    "Unavailable",
    "DataLoss",
    "Unauthenticated",
)


@pytest.mark.parametrize("code", list(grpc.StatusCode), ids=lambda code: code.name)
def test_every_status_code_has_the_go_grpc_code_label(code: grpc.StatusCode) -> None:
    number = code.value[0]
    assert GRPC_CODE_LABELS[code] == GO_CODE_STRINGS[number]
    if code is not grpc.StatusCode.CANCELLED:  # Go's one spelling of its own: one L
        camel = "".join(word.capitalize() for word in code.name.split("_"))
        assert GRPC_CODE_LABELS[code] == ("OK" if code is grpc.StatusCode.OK else camel)


def test_the_grpc_code_table_is_exactly_the_status_codes() -> None:
    assert set(GRPC_CODE_LABELS) == set(grpc.StatusCode)
    assert len(set(GRPC_CODE_LABELS.values())) == len(GO_CODE_STRINGS) == len(grpc.StatusCode)


def test_invalid_requests_are_counted_once_each_at_the_server(server: ServerHandle) -> None:
    users = users_pb2_grpc.UserServiceStub(server.channel())
    live = live_pb2_grpc.LiveServiceStub(server.channel())

    def provoke() -> None:
        request = users_pb2.GetUserRequest(unique_id="no such user!")
        stream_request = live_pb2.StreamEventsRequest(unique_id="x")
        for _ in range(3):
            code = _fails(lambda: users.GetUser(request, timeout=10))
            assert code == grpc.StatusCode.INVALID_ARGUMENT
        for _ in range(2):
            code = _fails(lambda: list(live.StreamEvents(stream_request, timeout=10)))
            assert code == grpc.StatusCode.INVALID_ARGUMENT

    delta = _delta(server, provoke)
    errors = {"kind": "invalid_argument", "source": "server", "status_code": "none"}
    assert delta("tokgate_errors_total", **errors) == 5
    assert delta("tokgate_errors_total") == 5  # nothing else was counted
    get_user = _grpc("UserService", "GetUser", "unary")
    stream = _grpc("LiveService", "StreamEvents", "server_stream")
    assert delta("grpc_server_started_total", **get_user) == 3
    assert delta("grpc_server_handled_total", **get_user, grpc_code="InvalidArgument") == 3
    assert delta("grpc_server_handling_seconds_count", **get_user) == 3
    assert delta("grpc_server_msg_sent_total", **get_user) == 0
    assert delta("grpc_server_started_total", **stream) == 2
    assert delta("grpc_server_handled_total", **stream, grpc_code="InvalidArgument") == 2


def test_an_upstream_failure_is_counted_once_where_it_originates(server: ServerHandle) -> None:
    live = live_pb2_grpc.LiveServiceStub(server.channel())
    request = live_pb2.GetLiveStatusRequest(unique_id="sim_not_found")

    def provoke() -> None:
        _fails(lambda: live.GetLiveStatus(request, timeout=60))

    delta = _delta(server, provoke)
    assert delta("tokgate_errors_total") == 1
    assert delta("tokgate_errors_total", kind="user_not_found", source="live") == 1
    labels = _grpc("LiveService", "GetLiveStatus", "unary")
    assert delta("grpc_server_handled_total", **labels, grpc_code="NotFound") == 1


def _open_stream(
    server: ServerHandle, request: live_pb2.StreamEventsRequest
) -> Iterator[live_pb2.StreamEventsResponse]:
    stub = live_pb2_grpc.LiveServiceStub(server.channel())
    return stub.StreamEvents(request, timeout=120)


def _cancel_counted(labels: Labels) -> Callable[[Delta], bool]:
    """The server has seen the cancellation (the outermost interceptor counts it last)."""
    return lambda delta: delta("grpc_server_handled_total", **labels, grpc_code="Canceled") >= 1


def test_messages_sent_on_a_stream_are_counted_and_a_cancel_is_no_error(
    server: ServerHandle, simulator: SimulatorHandle
) -> None:
    simulator.control("POST", f"rooms/{LIVE_STREAMER}", json={"live": True})
    received = 0

    def provoke() -> None:
        nonlocal received
        stream: Any = _open_stream(server, live_pb2.StreamEventsRequest(unique_id=LIVE_STREAMER))
        for _ in stream:
            received += 1
            if received == 5:
                break
        stream.cancel()

    labels = _grpc("LiveService", "StreamEvents", "server_stream")
    delta = _delta(server, provoke, _cancel_counted(labels))
    assert delta("grpc_server_msg_sent_total", **labels) >= received
    assert delta("grpc_server_msg_received_total", **labels) == 1  # its one request
    assert delta("grpc_server_handled_total", **labels, grpc_code="Canceled") == 1
    assert delta("tokgate_errors_total") == 0


def test_messages_received_are_counted_per_request_message(server: ServerHandle) -> None:
    """As go-grpc-prometheus counts them: one for a unary call (failed or not), one per
    message of a request stream (reflection's)."""
    requests = [reflection_pb2.ServerReflectionRequest(list_services="") for _ in range(3)]
    unary = _grpc("UserService", "GetUser", "unary")
    bidi = {
        "grpc_service": "grpc.reflection.v1alpha.ServerReflection",
        "grpc_method": "ServerReflectionInfo",
        "grpc_type": "bidi_stream",
    }

    def provoke() -> None:
        _fails(
            lambda: users_pb2_grpc.UserServiceStub(server.channel()).GetUser(
                users_pb2.GetUserRequest(unique_id="someone"), timeout=10
            )
        )
        stub = reflection_pb2_grpc.ServerReflectionStub(server.channel())
        assert len(list(stub.ServerReflectionInfo(iter(requests), timeout=10))) == len(requests)

    delta = _delta(
        server, provoke, lambda d: d("grpc_server_handled_total", **bidi, grpc_code="OK") == 1
    )
    assert delta("grpc_server_msg_received_total", **unary) == 1
    assert delta("grpc_server_msg_received_total", **bidi) == len(requests)
    assert delta("grpc_server_msg_sent_total", **bidi) == len(requests)


def test_build_info_names_the_versions(server: ServerHandle) -> None:
    (build,) = [
        labels
        for name, labels, value in Scrape(server.metrics()).samples
        if name == "tokgate_build_info" and value == 1
    ]
    libraries = library_versions()
    assert build == {
        "version": SERVER_VERSION,
        "contract": CONTRACT_VERSION,
        "python": platform.python_version(),
        "tiktoklive": libraries["TikTokLive"],
        "tiktokapi": libraries["TikTokApi"],
    }


def test_cancelling_a_stream_waiting_for_a_streamer_is_no_error(server: ServerHandle) -> None:
    stream: Any = _open_stream(
        server, live_pb2.StreamEventsRequest(unique_id="sim_offline", wait_until_live=True)
    )
    # The stream says it waits for the LIVE: the offline check that made it say so was
    # reported (and counted) before.
    next(stream)
    labels = _grpc("LiveService", "StreamEvents", "server_stream")
    delta = _delta(server, stream.cancel, _cancel_counted(labels))
    assert delta("tokgate_errors_total") == 0
    assert delta("grpc_server_handled_total", **labels, grpc_code="Canceled") == 1


def test_the_exporter_listens_only_on_its_configured_address(server: ServerHandle) -> None:
    port = int(server.metrics_url.rsplit(":", 1)[1].split("/")[0])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            for line in list(lines)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, and nothing else


@pytest.mark.parametrize("values", [[], [0.0005], [0.0001, 0.0005, 0.003, 0.003, 7.0, 2.5, 5.0]])
def test_a_loop_histogram_exports_what_prometheus_clients_would(values: list[float]) -> None:
    from prometheus_client import CollectorRegistry, Histogram, generate_latest
    from tokgate.metrics import LoopHistogram

    buckets = (0.0005, 0.001, 0.0025, 0.005, 2.5, 5)
    ours, theirs = CollectorRegistry(), CollectorRegistry()
    loop = LoopHistogram("delay_seconds", "a delay", buckets, ours)
    locked = Histogram("delay_seconds", "a delay", buckets=buckets, registry=theirs)
    for value in values:
        loop.observe(value)
        locked.observe(value)
    exported = [
        line
        for line in generate_latest(theirs).decode().splitlines()
        if "delay_seconds_created" not in line
    ]
    assert generate_latest(ours).decode().splitlines() == exported

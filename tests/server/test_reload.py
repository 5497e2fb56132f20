"""The one reload path, on real servers: SIGHUP and watched files, applied or refused whole.

Two servers share one simulator: one reloads on SIGHUP only (``--reload-watch-interval 0``),
so what it picks up was picked up by the signal; the other also watches its files.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families
from tokgate.config import Settings
from tokgate.interceptors import ApiKeyInterceptor
from tokgate.security import ApiKeys, hash_key
from tokgate.sim.certs import make_certificate
from tokgate.testing import ServerHandle, SimulatorHandle, run_server
from tokgate.v1 import live_pb2, live_pb2_grpc
from tokgate_client import error_detail_from

KEY_1 = "tgk_first-key-for-reload-tests"
KEY_2 = "tgk_second-key-for-reload-tests"


def write_config(path: Path, *keys: str, extra: str = "") -> None:
    """Replace the config file in one step, as an editor or a ConfigMap update does."""
    hashes = ", ".join(f'"{hash_key(key)}"' for key in keys)
    scratch = path.with_suffix(".tmp")
    scratch.write_text(f"api_key_hashes = [{hashes}]\n{extra}")
    scratch.replace(path)


def bearer(key: str) -> tuple[tuple[str, str]]:
    return (("authorization", f"Bearer {key}"),)


def reloads(server: ServerHandle, trigger: str, result: str) -> float:
    return server.metric("tokgate_reloads_total", trigger=trigger, result=result)


def gauge(server: ServerHandle, name: str) -> float:
    for family in text_string_to_metric_families(server.metrics()):
        for sample in family.samples:
            if sample.name == name:
                return float(sample.value)
    raise AssertionError(f"{name} is not exported")


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def sighup_and_wait(server: ServerHandle, *results: str) -> None:
    """SIGHUP, then wait until a reload ended with one of ``results``."""

    def count() -> float:
        return sum(reloads(server, "signal", result) for result in results)

    before = count()
    os.kill(server.process.pid, signal.SIGHUP)
    wait_for(lambda: count() > before, f"a reload ending {' or '.join(results)}")


def live_status(server: ServerHandle, key: str) -> live_pb2.GetLiveStatusResponse:
    stub = live_pb2_grpc.LiveServiceStub(server.channel())
    request = live_pb2.GetLiveStatusRequest(unique_id="sim_live")
    answer: live_pb2.GetLiveStatusResponse = stub.GetLiveStatus(
        request, metadata=bearer(key), timeout=20
    )
    return answer


def refused_code(call: Callable[[], object]) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    code = caught.value.code()
    assert isinstance(code, grpc.StatusCode)
    return code


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reload")


def start(
    simulator: SimulatorHandle, directory: Path, watch_interval: str
) -> Iterator[tuple[ServerHandle, Path, Path]]:
    config, ca_file = directory / "tokgate.toml", directory / "upstream-ca.pem"
    write_config(config, KEY_1)
    # At first the server trusts a CA that did not sign the simulator's certificate.
    ca_file.write_bytes(make_certificate()[0])
    args = [
        "--sessions",
        "0",
        "--config",
        str(config),
        "--tiktok-upstream",
        simulator.url,
        "--upstream-ca-file",
        str(ca_file),
        "--reload-watch-interval",
        watch_interval,
        "--reconnect-max-attempts",
        "0",
    ]
    with run_server(args=args, workdir=directory) as server:
        yield server, config, ca_file


@pytest.fixture(scope="module")
def sighup_server(
    simulator: SimulatorHandle, workdir: Path
) -> Iterator[tuple[ServerHandle, Path, Path]]:
    directory = workdir / "sighup"
    directory.mkdir()
    yield from start(simulator, directory, "0")


@pytest.fixture(scope="module")
def watching_server(
    simulator: SimulatorHandle, workdir: Path
) -> Iterator[tuple[ServerHandle, Path, Path]]:
    directory = workdir / "watching"
    directory.mkdir()
    yield from start(simulator, directory, "0.2")


def test_a_sighup_with_a_new_ca_file_is_picked_up_mid_run(
    sighup_server: tuple[ServerHandle, Path, Path], simulator: SimulatorHandle
) -> None:
    server, _, ca_file = sighup_server
    with pytest.raises(grpc.RpcError) as untrusted:
        live_status(server, KEY_1)
    assert error_detail_from(untrusted.value) is not None  # typed, as every failure
    shutil.copyfile(simulator.cert_path, ca_file)
    assert not live_status_ok(server), "the file alone changes nothing without a signal"
    sighup_and_wait(server, "applied")
    assert live_status(server, KEY_1).is_live


def live_status_ok(server: ServerHandle) -> bool:
    try:
        return live_status(server, KEY_1).is_live
    except grpc.RpcError:
        return False


def test_a_refused_reload_keeps_the_old_state_in_force(
    sighup_server: tuple[ServerHandle, Path, Path], simulator: SimulatorHandle
) -> None:
    server, config, ca_file = sighup_server
    shutil.copyfile(simulator.cert_path, ca_file)
    sighup_and_wait(server, "applied", "unchanged")
    assert live_status(server, KEY_1).is_live

    # A bad value: nothing of the file applies, not even its valid new keys.
    write_config(config, KEY_2, extra='room_linger = "soon"\n')
    sighup_and_wait(server, "refused")
    assert gauge(server, "tokgate_reload_last_successful") == 0
    assert live_status(server, KEY_1).is_live
    assert refused_code(lambda: live_status(server, KEY_2)) == grpc.StatusCode.UNAUTHENTICATED

    # A CA file that holds no certificate: refused, the working trust stays.
    write_config(config, KEY_1)
    ca_file.write_text("not a certificate\n")
    sighup_and_wait(server, "refused")
    assert live_status(server, KEY_1).is_live
    logs = server.process.logs()
    assert "reload refused; the running settings stay in force" in logs
    assert '"error_kind": "invalid_argument"' in logs
    assert "holds no usable PEM certificate" in logs

    # Fixed: the next reload applies and the gauge says so.
    shutil.copyfile(simulator.cert_path, ca_file)
    write_config(config, KEY_2)
    sighup_and_wait(server, "applied")
    assert gauge(server, "tokgate_reload_last_successful") == 1
    assert live_status(server, KEY_2).is_live


def test_a_changed_file_is_reloaded_without_a_signal_and_no_call_is_dropped(
    watching_server: tuple[ServerHandle, Path, Path], simulator: SimulatorHandle
) -> None:
    server, config, ca_file = watching_server
    before = reloads(server, "file", "applied")
    shutil.copyfile(simulator.cert_path, ca_file)
    wait_for(lambda: reloads(server, "file", "applied") > before, "the CA file's reload")
    assert live_status(server, KEY_1).is_live

    # A stream opened before the reloads, and unary calls made during them.
    stub = live_pb2_grpc.LiveServiceStub(server.channel())
    stream = stub.StreamEvents(
        live_pb2.StreamEventsRequest(unique_id="sim_live"), metadata=bearer(KEY_1), timeout=60
    )
    sequences = [next(stream).event.sequence for _ in range(3)]
    failures: list[BaseException] = []
    stop = threading.Event()

    def call_during_the_reloads() -> None:
        while not stop.is_set():
            try:
                live_status(server, KEY_1)
            except grpc.RpcError as exc:
                failures.append(exc)

    caller = threading.Thread(target=call_during_the_reloads)
    caller.start()
    try:
        before = reloads(server, "file", "applied")
        write_config(config, KEY_1, KEY_2)  # KEY_1 stays valid throughout
        wait_for(lambda: reloads(server, "file", "applied") > before, "the keys' reload")
        assert live_status(server, KEY_2).is_live
    finally:
        stop.set()
        caller.join()
    assert not failures, f"calls failed during a reload: {failures[:3]}"

    before = reloads(server, "file", "applied")
    write_config(config, KEY_2, extra="live_user_cache_max_entries = 3\n")
    wait_for(lambda: reloads(server, "file", "applied") > before, "KEY_1's removal")
    assert refused_code(lambda: live_status(server, KEY_1)) == grpc.StatusCode.UNAUTHENTICATED

    # The stream admitted with KEY_1 before its removal goes on: a reload drops no call.
    sequences += [next(stream).event.sequence for _ in range(20)]
    assert sequences == sorted(set(sequences))
    stream.cancel()
    # The open room took the new bounds of its user cache.
    assert 0 < buffer_entries(server, "live_user_cache") <= 3


def buffer_entries(server: ServerHandle, buffer: str) -> float:
    for family in text_string_to_metric_families(server.metrics()):
        for sample in family.samples:
            if sample.name == "tokgate_buffer_entries" and sample.labels == {"buffer": buffer}:
                return float(sample.value)
    raise AssertionError(f"no tokgate_buffer_entries for {buffer}")


def test_keys_cannot_be_removed_from_a_server_exposed_only_because_of_them() -> None:
    settings = Settings(listen="0.0.0.0:50051", api_key_hashes=(hash_key(KEY_1),))
    interceptor = ApiKeyInterceptor(ApiKeys.from_settings(settings))
    assert interceptor.prepare_reload(settings, "0.0.0.0") is None
    with pytest.raises(ValueError, match="not a loopback address"):
        interceptor.prepare_reload(Settings(listen="0.0.0.0:50051"), "0.0.0.0")
    with pytest.raises(ValueError, match="not a sha256 hex digest"):
        interceptor.prepare_reload(Settings(api_key_hashes=("beef",)), "127.0.0.1")

"""Start the simulator, the server and Redis as real processes, for tests and for your own.

Each helper starts ``tokgate sim``, ``tokgate serve`` or Debian's ``redis-server`` (cluster
mode's store) as a child process on free loopback ports, waits until it answers, and stops it
by its process id (SIGTERM, then SIGKILL after a
grace period). Output goes to a log file whose path the handle carries, so a failing test can
show it. Your own client tests can use them the same way::

    with run_simulator() as sim, run_server(upstream=sim) as server:
        channel = grpc.insecure_channel(server.address)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import httpx
import redis
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families
from redis.backoff import NoBackoff
from redis.retry import Retry

from tokgate.plugin_kit.recorder import RECORD_VARIABLE
from tokgate.v1 import admin_pb2, admin_pb2_grpc

STARTUP_TIMEOUT = 60.0
# Debian's redis-server, installed by `make system-deps`.
REDIS_SERVER = Path("/usr/bin/redis-server")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux /proc): what benches compare,
    since wall time on a shared machine measures the neighbours too."""
    return stat_cpu_seconds(Path(f"/proc/{pid}/stat").read_text())


def stat_cpu_seconds(stat: str) -> float:
    """The user + system CPU seconds of a /proc ``stat`` line (a process's or a thread's)."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ManagedProcess:
    """A child process with its log file, stopped by its pid."""

    argv: list[str]
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")  # a restart keeps what the process wrote before
        self.popen = subprocess.Popen(
            self.argv,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()

    @property
    def pid(self) -> int:
        assert self.popen is not None, "not started"
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def logs(self) -> str:
        """Everything the process wrote so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, wait up to ``timeout``, then SIGKILL; returns the exit code."""
        if self.popen is None:
            return 0
        if self.popen.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.popen.wait()
        return int(self.popen.returncode)


def install_plugin(root: Path, module: str, source: str) -> Path:
    """A third-party error plugin as an installed distribution in ``root`` (its module and a
    dist-info with the ``tokgate`` entry point); ``root`` on a server's PYTHONPATH loads it."""
    (root / f"{module}.py").write_text(source)
    name = module.replace("_", "-")
    info = root / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[tokgate]\n{module} = {module}\n")
    return root


def canary(kind: str) -> str:
    """A secret no one else could write, for tests that prove it never leaves the process:
    ``canary<kind><16 random hex>``, which no redaction pattern expects."""
    return f"canary{kind}{secrets.token_hex(8)}"


def tokgate_argv(*args: str) -> list[str]:
    """The command line running ``tokgate ARGS`` with this interpreter."""
    return [sys.executable, "-m", "tokgate", *args]


def serve_refused(*args: str) -> subprocess.CompletedProcess[str]:
    """``tokgate serve ARGS`` (no sessions, no metrics port) run to its end, for settings it
    must refuse at start: the exit code and the output, captured."""
    argv = tokgate_argv(
        "serve", "--listen", "127.0.0.1:0", "--metrics-listen", "", "--sessions", "0", *args
    )
    return subprocess.run(
        argv, env=child_env(), capture_output=True, text=True, timeout=60, check=False
    )


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without any ``TOKGATE_*`` setting, plus ``extra``. The
    error corpus's ``TOKGATE_CORPUS_RECORD`` (not a setting) is kept: the servers the tests
    start record their failures (``tokgate.plugin_kit.recorder``)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("TOKGATE_") or k == RECORD_VARIABLE
    }
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


def wait_until(
    condition: Callable[[], bool], within: float = 60.0, what: str = "condition"
) -> None:
    """Poll ``condition`` every 0.2 s until it holds; AssertionError naming ``what`` when it
    still does not after ``within`` seconds."""
    end = time.monotonic() + within
    while not condition():
        assert time.monotonic() < end, f"{what} not met within {within:.0f}s"
        time.sleep(0.2)


def _wait_until(ready: Any, process: ManagedProcess, what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    last_error: BaseException | None = None
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"{what} exited during start-up:\n{process.logs()}")
        try:
            if ready():
                return
        except Exception as exc:  # not up yet
            last_error = exc
        time.sleep(0.1)
    process.stop()
    raise RuntimeError(
        f"{what} not ready after {STARTUP_TIMEOUT}s ({last_error}):\n{process.logs()}"
    )


@dataclass
class SimulatorHandle:
    """A running ``tokgate sim``."""

    process: ManagedProcess
    port: int
    cert_path: Path

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts the simulator's certificate."""
        return ssl.create_default_context(cafile=str(self.cert_path))

    def control(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call the control API (``/_sim/...``) and return its JSON answer."""
        with httpx.Client(verify=self.ssl_context(), timeout=10.0) as client:
            response = client.request(method, f"{self.url}/_sim/{path.lstrip('/')}", **kwargs)
            response.raise_for_status()
            return response.json() if response.content else None

    def restart(self) -> None:
        """Kill it as a crash and start it again on the same port: it makes a new certificate,
        written to the same ``cert_path``, and begins with a fresh state."""
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.popen is not None
        self.process.popen.wait()
        old_certificate = self.cert_path.read_bytes()
        self.process.start()

        def ready() -> bool:
            renewed = self.cert_path.exists() and self.cert_path.read_bytes() != old_certificate
            return renewed and self.control("GET", "health") is not None

        _wait_until(ready, self.process, "tokgate sim")


@dataclass
class ServerHandle:
    """A running ``tokgate serve``."""

    process: ManagedProcess
    port: int
    metrics_port: int
    channel_credentials: grpc.ChannelCredentials | None = None
    _channels: list[grpc.Channel] = field(default_factory=list)
    _admin: admin_pb2_grpc.AdminServiceStub | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"

    def channel(self) -> grpc.Channel:
        """A blocking channel to the server, closed when the server stops."""
        channel = self._new_channel()
        self._channels.append(channel)
        return channel

    def _new_channel(self) -> grpc.Channel:
        if self.channel_credentials is not None:
            return grpc.secure_channel(self.address, self.channel_credentials)
        return grpc.insecure_channel(self.address)

    def aio_channel(self) -> grpc.aio.Channel:
        """An asyncio channel to the server; the caller closes it."""
        if self.channel_credentials is not None:
            return grpc.aio.secure_channel(self.address, self.channel_credentials)
        return grpc.aio.insecure_channel(self.address)

    def metrics(self) -> str:
        """The /metrics page as text."""
        return httpx.get(self.metrics_url, timeout=10.0).text

    def metric(self, name: str, **labels: str) -> float:
        """The sum of the samples of ``name`` whose labels include ``labels`` (0 when none)."""
        return sum(
            sample.value
            for family in text_string_to_metric_families(self.metrics())
            for sample in family.samples
            if sample.name == name and labels.items() <= sample.labels.items()
        )

    def session_stats(self) -> admin_pb2.GetSessionStatsResponse:
        """AdminService.GetSessionStats: the browser sessions and the ms tokens right now (one
        channel for every poll)."""
        if self._admin is None:
            self._admin = admin_pb2_grpc.AdminServiceStub(self.channel())
        answer: admin_pb2.GetSessionStatsResponse = self._admin.GetSessionStats(
            admin_pb2.GetSessionStatsRequest(), timeout=5
        )
        return answer

    def serving(self) -> bool:
        """Whether it answers grpc.health.v1 with SERVING right now."""
        # A fresh channel each call (one that failed to connect would back off), closed
        # right away rather than kept until the server stops.
        with self._new_channel() as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            answer = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=1.0)
        return bool(answer.status == health_pb2.HealthCheckResponse.SERVING)

    def restart(self) -> int:
        """Stop it (SIGTERM: a graceful shutdown), start it again on the same ports, and wait
        until it serves: a rolling restart's step. The stopped process's exit code: 0 for a
        clean shutdown, -9 when it had to be killed."""
        code = self.process.stop()
        self.process.start()
        _wait_until(self.serving, self.process, "tokgate serve")
        return code

    def close_channels(self) -> None:
        for channel in self._channels:
            channel.close()
        self._channels.clear()
        self._admin = None


@contextlib.contextmanager
def run_simulator(
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    workdir: Path | None = None,
) -> Iterator[SimulatorHandle]:
    """Start ``tokgate sim`` on a free port; stop it on exit."""
    with contextlib.ExitStack() as stack:
        directory = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        port = free_port()
        cert_path = directory / f"sim-{port}.pem"
        process = ManagedProcess(
            tokgate_argv("sim", "--port", str(port), "--cert-out", str(cert_path), *args),
            child_env(env),
            directory / f"sim-{port}.log",
        )
        process.start()
        handle = SimulatorHandle(process, port, cert_path)
        stack.callback(process.stop)

        def ready() -> bool:
            return cert_path.exists() and handle.control("GET", "health") is not None

        _wait_until(ready, process, "tokgate sim")
        yield handle


@contextlib.contextmanager
def run_server(
    upstream: SimulatorHandle | None = None,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    workdir: Path | None = None,
    channel_credentials: grpc.ChannelCredentials | None = None,
) -> Iterator[ServerHandle]:
    """Start ``tokgate serve`` on free ports (routed to ``upstream``); stop it on exit."""
    with contextlib.ExitStack() as stack:
        directory = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        port, metrics_port = free_port(), free_port()
        argv = tokgate_argv(
            "serve",
            "--listen",
            f"127.0.0.1:{port}",
            "--metrics-listen",
            f"127.0.0.1:{metrics_port}",
        )
        if upstream is not None:
            argv += [
                "--tiktok-upstream",
                upstream.url,
                "--upstream-ca-file",
                str(upstream.cert_path),
            ]
        process = ManagedProcess([*argv, *args], child_env(env), directory / f"server-{port}.log")
        process.start()
        handle = ServerHandle(process, port, metrics_port, channel_credentials)
        stack.callback(process.stop)
        stack.callback(handle.close_channels)

        _wait_until(handle.serving, process, "tokgate serve")
        yield handle


@dataclass
class RedisHandle:
    """A running ``redis-server``, which a chaos test may kill and restart in place."""

    process: ManagedProcess
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pid(self) -> int:
        return self.process.pid

    def answers(self) -> bool:
        """Whether it answers PING right now."""
        # No retries: redis-py's default backs off for about a second on a refused connection.
        no_retry = Retry(NoBackoff(), retries=0)
        with redis.Redis("127.0.0.1", self.port, socket_timeout=1.0, retry=no_retry) as client:
            return bool(client.ping())

    def kill(self) -> None:
        """SIGKILL, as a crash: no shutdown, no final save."""
        os.kill(self.pid, signal.SIGKILL)
        assert self.process.popen is not None
        self.process.popen.wait()

    def restart(self) -> None:
        """Stop it if it runs, start it again on the same port and directory (so an append-only
        file is read back), and wait until it answers."""
        self.process.stop()
        self.process.start()
        _wait_until(self.answers, self.process, "redis-server")


@contextlib.contextmanager
def run_redis(appendonly: bool = False, workdir: Path | None = None) -> Iterator[RedisHandle]:
    """Start Debian's ``redis-server`` on a free port with its own directory; stop it on exit.

    Nothing is persisted unless ``appendonly``: then every write reaches the append-only file
    before Redis replies (the file is written before replying, fsynced each second), so a
    restart after ``kill()`` gets back every write a client saw acknowledged."""
    if not REDIS_SERVER.exists():
        raise RuntimeError(
            f"{REDIS_SERVER} is missing: install Debian's redis-server (make system-deps)"
        )
    with contextlib.ExitStack() as stack:
        directory = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        port = free_port()
        argv = [
            str(REDIS_SERVER),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(directory),
            "--save",
            "",
            "--appendonly",
            "yes" if appendonly else "no",
            "--appendfsync",
            "everysec",
            "--daemonize",
            "no",
            "--logfile",
            "",
        ]
        process = ManagedProcess(argv, child_env(), directory / f"redis-{port}.log")
        process.start()
        handle = RedisHandle(process, port, directory)
        stack.callback(process.stop)
        _wait_until(handle.answers, process, "redis-server")
        yield handle

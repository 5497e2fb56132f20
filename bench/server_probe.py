"""Looking into a running ``tokgate serve`` from a bench: its memory from /proc, its metrics,
and the server started through a wrapper that answers signals (a tracemalloc snapshot on
SIGUSR1), so no server code changes for a bench's probe.

``wrapped_server`` starts ``tokgate serve`` as ``run_server`` does (free ports, routed to the
simulator) but with a wrapper command in front: a bench file that installs its signal handlers
and then runs ``tokgate.cli.main(["serve", ...])`` in the same process. ``traced_server`` is one
such wrapper, this file's own: a tracemalloc snapshot written on SIGUSR1 (tracing from the
first one on).
"""

from __future__ import annotations

import os
import signal
import statistics
import sys
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tokgate.testing import ManagedProcess, ServerHandle, SimulatorHandle, child_env, free_port

STARTUP_TIMEOUT = 60.0


@dataclass(frozen=True)
class Memory:
    """A process's memory, KiB (/proc/<pid>/smaps_rollup)."""

    rss: int  # resident: what the machine gives it
    pss: int  # resident, shared pages divided among their sharers
    anonymous: int  # resident heap and stacks (no mapped files)

    def __sub__(self, other: Memory) -> Memory:
        return Memory(self.rss - other.rss, self.pss - other.pss, self.anonymous - other.anonymous)


def memory_of(pid: int) -> Memory:
    """The memory of process ``pid`` now."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return Memory(fields["Rss"], fields["Pss"], fields["Anonymous"])


def settled_memory(pid: int, samples: int = 3, interval: float = 0.5) -> Memory:
    """The median of a few samples ``interval`` apart: one reading catches a passing burst."""
    readings = []
    for index in range(samples):
        if index:
            time.sleep(interval)
        readings.append(memory_of(pid))
    return Memory(
        int(statistics.median(m.rss for m in readings)),
        int(statistics.median(m.pss for m in readings)),
        int(statistics.median(m.anonymous for m in readings)),
    )


def metric(server: ServerHandle, name: str, labels: str = "") -> float:
    """The sum of a metric's samples whose line starts with ``name`` then ``labels`` (e.g.
    ``'{buffer="room_history"}'``), from the server's /metrics page."""
    prefix = name + labels
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in server.metrics().splitlines()
        if line.startswith(prefix) and line[len(prefix)] in " {"
    )


@contextmanager
def wrapped_server(
    upstream: SimulatorHandle, wrapper: Sequence[str], args: Sequence[str], directory: Path
) -> Iterator[ServerHandle]:
    """``tokgate serve ARGS`` routed to ``upstream``, started as ``WRAPPER serve-args...``."""
    port, metrics_port = free_port(), free_port()
    argv = [
        *wrapper,
        "--listen",
        f"127.0.0.1:{port}",
        "--metrics-listen",
        f"127.0.0.1:{metrics_port}",
        "--tiktok-upstream",
        upstream.url,
        "--upstream-ca-file",
        str(upstream.cert_path),
        *args,
    ]
    process = ManagedProcess(argv, child_env(), directory / f"server-{port}.log")
    process.start()
    handle = ServerHandle(process, port, metrics_port)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if not process.alive():
                raise RuntimeError(f"wrapped server exited:\n{process.logs()}")
            try:
                if handle.serving():
                    break
            except Exception:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)
        yield handle
    finally:
        handle.close_channels()
        process.stop()


# --- tracemalloc: a snapshot on SIGUSR1 -------------------------------------------------------

TRACED_FLAG = "--traced-server"


class TracedServer:
    """A server under tracemalloc: ``snapshot()`` has it write one and loads it here."""

    def __init__(self, handle: ServerHandle, directory: Path) -> None:
        self.handle = handle
        self._directory = directory
        self._taken = 0

    def snapshot(self, timeout: float = 60.0) -> tracemalloc.Snapshot:
        self._taken += 1
        path = self._directory / f"snapshot-{self._taken}.pickle"
        signal_and_wait(self.handle.process.pid, signal.SIGUSR1, path, timeout)
        return tracemalloc.Snapshot.load(str(path))


def signal_and_wait(pid: int, signum: int, path: Path, timeout: float) -> None:
    """Send ``signum`` and wait until the process has written ``path`` whole."""
    os.kill(pid, signum)
    deadline = time.monotonic() + timeout
    while not (path.exists() and path.with_suffix(".done").exists()):
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {path.name} after {timeout:g}s")
        time.sleep(0.1)


@contextmanager
def traced_server(
    upstream: SimulatorHandle, args: Sequence[str], directory: Path, frames: int = 8
) -> Iterator[TracedServer]:
    """``tokgate serve ARGS``, traced by tracemalloc (``frames`` deep) from its first
    snapshot on."""
    wrapper = [sys.executable, __file__, TRACED_FLAG, str(directory), str(frames), "serve"]
    with wrapped_server(upstream, wrapper, args, directory) as handle:
        yield TracedServer(handle, directory)


def _traced_serve(directory: Path, frames: int, argv: list[str]) -> int:
    """Serve; SIGUSR1 writes a snapshot, the first one starting tracemalloc (so the start-up
    runs at full speed, and growth from there on is traced)."""
    taken = 0

    def dump(signum: int, frame: Any) -> None:
        nonlocal taken
        if not tracemalloc.is_tracing():
            tracemalloc.start(frames)
        taken += 1
        path = directory / f"snapshot-{taken}.pickle"
        tracemalloc.take_snapshot().dump(str(path))
        path.with_suffix(".done").touch()

    signal.signal(signal.SIGUSR1, dump)
    from tokgate.cli import main as tokgate_main

    return tokgate_main(argv)


def top_growth(
    before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, per: int, limit: int = 12
) -> list[str]:
    """The biggest growths between two snapshots by allocating traceback, in bytes per unit
    (``per`` units added between them), as printable lines."""
    ignore = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<*>")]
    stats = after.filter_traces(ignore).compare_to(before.filter_traces(ignore), "traceback")
    total = sum(stat.size_diff for stat in stats)
    lines = [f"{total / per:9.0f} B/unit in all (Python allocations; C ones are not traced)"]
    for stat in stats[:limit]:
        frames = [
            f"{Path(frame.filename).name}:{frame.lineno}" for frame in stat.traceback[-4:][::-1]
        ]
        lines.append(
            f"{stat.size_diff / per:9.0f} B/unit {stat.count_diff / per:6.1f} blocks/unit  "
            + " < ".join(frames)
        )
    return lines


if __name__ == "__main__" and len(sys.argv) > 4 and sys.argv[1] == TRACED_FLAG:
    raise SystemExit(_traced_serve(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]))

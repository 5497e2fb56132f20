"""Every bench/bench_*.py runs in its ``--quick`` mode and exits 0 (issue 12, point 6).

A smoke test of the benches' pipelines (real simulator, servers and clients, through
tokgate.testing), never of their figures: a quick run asserts nothing about timings and exits
non-zero only when something broke (no event delivered, a process died). The benches are
found by glob, so a new one is covered the day it lands. They run two at a time, since most of
a quick run waits (a server's start, a measuring window): each takes about 10 to 17 s alone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from tokgate.testing import child_env

REPO = Path(__file__).resolve().parents[2]
BENCHES = sorted(path.name for path in (REPO / "bench").glob("bench_*.py"))
AT_ONCE = 2
TIMEOUT = 150.0  # seconds for one bench, two sharing a busy machine's two cores
INTERRUPT_GRACE = 30.0  # after SIGINT, for the bench to stop its own processes
SHOWN = 4000  # characters of a failed run's output shown


def run_quick(name: str) -> tuple[int, str]:
    """``python bench/NAME --quick``: its exit code and output. A run past TIMEOUT gets
    SIGINT, so that it stops the processes it started (KeyboardInterrupt runs its exits),
    then SIGKILL after INTERRUPT_GRACE."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "bench" / name), "--quick"],
        cwd=REPO,
        env=child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGINT)
        try:
            output, _ = process.communicate(timeout=INTERRUPT_GRACE)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
        return -1, f"timed out after {TIMEOUT:g} s\n" + output.decode(errors="replace")
    return process.returncode, output.decode(errors="replace")


@pytest.fixture(scope="module")
def quick_runs(request: pytest.FixtureRequest) -> Iterator[dict[str, Future[tuple[int, str]]]]:
    """The selected benches' quick runs, started together, AT_ONCE at a time."""
    selected = [
        item.callspec.params["bench"]
        for item in request.session.items
        if item.path == request.path and hasattr(item, "callspec")
    ]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        yield {name: pool.submit(run_quick, name) for name in selected}


@pytest.mark.timeout(2 * (TIMEOUT + INTERRUPT_GRACE))
@pytest.mark.parametrize("bench", BENCHES)
def test_quick_mode_exits_zero(bench: str, quick_runs: dict[str, Future[tuple[int, str]]]) -> None:
    code, output = quick_runs[bench].result()
    assert code == 0, f"bench/{bench} --quick exited {code}:\n{output[-SHOWN:]}"

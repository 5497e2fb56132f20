"""Fixtures of the client tests: run another language's suite against this module's server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from tokgate.testing import ServerHandle, child_env

REPO = Path(__file__).resolve().parents[2]
GO_BIN = Path("/usr/local/go/bin")


def polyglot_env(server_address: str) -> dict[str, str]:
    """The environment of another language's tools: this venv, Go, and TOKGATE_ADDR."""
    path = os.pathsep.join([str(Path(sys.executable).parent), str(GO_BIN), os.environ["PATH"]])
    return child_env({"PATH": path, "TOKGATE_ADDR": server_address})


def make(target: str, env: dict[str, str], timeout: float = 420) -> None:
    """``make <target>`` (deps, skipped when current); fails with its output."""
    tool = shutil.which("make", path=env["PATH"])
    assert tool, "make is not installed"
    deps = subprocess.run(
        [tool, "-s", "-C", str(REPO), target],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert deps.returncode == 0, f"make {target} failed:\n{deps.stdout}\n{deps.stderr}"


def run_suite(
    make_target: str, argv: Sequence[str], cwd: Path, server_address: str, timeout: float = 420
) -> None:
    """``make <make_target>``, then ``argv`` in ``cwd``.

    The suite reads TOKGATE_ADDR, so it calls the test module's server instead of starting
    its own. Fails with the suite's whole output when it does not exit 0.
    """
    env = polyglot_env(server_address)
    make(make_target, env, timeout)
    tool = shutil.which(argv[0], path=env["PATH"])
    assert tool, f"{argv[0]} is not installed (PATH={env['PATH']})"
    suite = subprocess.run(
        [tool, *argv[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert suite.returncode == 0, (
        f"{' '.join(argv)} failed ({suite.returncode}):\n{suite.stdout}\n{suite.stderr}"
    )


SuiteRunner = Callable[[str, Sequence[str], Path], None]


@pytest.fixture
def run_polyglot_suite(server: ServerHandle) -> SuiteRunner:
    """``run(make_target, argv, cwd)``: :func:`run_suite` against the module's server."""

    def run(make_target: str, argv: Sequence[str], cwd: Path) -> None:
        run_suite(make_target, argv, cwd, server.address)

    return run


@pytest.fixture(scope="module")
def node_env(server: ServerHandle) -> dict[str, str]:
    """The Node package's dependencies installed (``make node-deps``), and the environment to
    run Node in against the module's server (TOKGATE_ADDR)."""
    env = polyglot_env(server.address)
    make("node-deps", env)
    return env

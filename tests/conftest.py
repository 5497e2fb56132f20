"""Shared fixtures: one simulator and one server per test module, as real processes.

A module changes the server's flags or environment by overriding the ``server_args`` /
``server_env`` fixtures (module scope). Processes are stopped by their pid at module end.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tokgate.testing import ServerHandle, SimulatorHandle, run_server, run_simulator


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return []


@pytest.fixture(scope="module")
def simulator(
    simulator_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SimulatorHandle]:
    with run_simulator(args=simulator_args, workdir=tmp_path_factory.mktemp("sim")) as sim:
        yield sim


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return []


@pytest.fixture(scope="module")
def server_env() -> dict[str, str]:
    return {}


@pytest.fixture(scope="module")
def server(
    simulator: SimulatorHandle,
    server_args: list[str],
    server_env: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ServerHandle]:
    with run_server(
        upstream=simulator,
        args=server_args,
        env=server_env,
        workdir=tmp_path_factory.mktemp("server"),
    ) as handle:
        yield handle

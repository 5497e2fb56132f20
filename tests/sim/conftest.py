"""Fixtures for the simulator's tests: a simulator with short timings, one per module."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return [
        "--event-rate",
        "200",
        "--drop-after",
        "0.5",
        "--end-after",
        "0.5",
        "--slow-delay",
        "0.5",
        "--rate-limit-reset",
        "1",
        "--log-level",
        "WARNING",
    ]

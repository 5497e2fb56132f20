"""The live tests' server: small timings so the module runs in seconds, no browser sessions."""

from __future__ import annotations

import pytest

FAST_LIVE_ARGS = [
    "--sessions",
    "0",
    "--room-linger",
    "0.5",
    "--reconnect-initial-backoff",
    "0.05",
    "--reconnect-max-backoff",
    "0.2",
    "--reconnect-max-attempts",
    "3",
    "--watchdog-silence",
    "1.5",
    "--sign-timeout",
    "1",
    "--offline-poll-interval",
    "0.3",
    "--sign-budget-per-minute",
    "1000",
    "--subscriber-queue-max-entries",
    "500",
    "--room-history-max-age",
    "3",
]


@pytest.fixture(scope="module")
def server_args() -> list[str]:
    return FAST_LIVE_ARGS


@pytest.fixture(scope="module")
def simulator_args() -> list[str]:
    return ["--drop-after", "1", "--end-after", "1", "--rate-limit-reset", "2"]

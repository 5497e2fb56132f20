"""Fixtures of the server tests: a server without upstream, and the helpers they share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tokgate.testing import ServerHandle, run_server


@pytest.fixture(scope="module")
def bare_server_args() -> list[str]:
    """Extra ``tokgate serve`` flags for this module's ``bare_server``."""
    return []


@pytest.fixture(scope="module")
def bare_server(
    bare_server_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    """A real ``tokgate serve`` with no upstream: enough for everything that fails (or
    answers) before tokgate talks to TikTok. No browser sessions (``--sessions 0``): user
    queries are disabled and the machine stays free for the other tests."""
    args = ["--sessions", "0", *bare_server_args]
    with run_server(args=args, workdir=tmp_path_factory.mktemp("server")) as server:
        yield server

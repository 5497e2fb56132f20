"""Helpers the user-query modules share, as fixtures (``tests`` is not importable here):
``tokgate_user`` runs the ``tokgate user`` command against the module's server, ``calling``
keeps callers calling while a block runs (``failure`` is tests/conftest.py's)."""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import grpc
import pytest
from tokgate.testing import ServerHandle, child_env, tokgate_argv
from tokgate.v1 import users_pb2, users_pb2_grpc
from tokgate_client import from_rpc_error

TokgateUser = Callable[..., subprocess.CompletedProcess[str]]
NO_CACHE = (("cache-control", "no-cache"),)


@dataclass
class Calls:
    """What the callers of ``calling`` got: answers counted, failures' ErrorDetails kept."""

    answered: int = 0
    failures: list[str] = field(default_factory=list)


@contextlib.contextmanager
def _calling(
    users: users_pb2_grpc.UserServiceStub, callers: int = 1, timeout: float = 15.0
) -> Iterator[Calls]:
    calls, stop = Calls(), threading.Event()

    def call() -> None:
        while not stop.is_set():
            try:
                users.GetUser(
                    users_pb2.GetUserRequest(unique_id="alice"), timeout=timeout, metadata=NO_CACHE
                )
                calls.answered += 1
            except grpc.RpcError as exc:
                calls.failures.append(str(from_rpc_error(exc).detail))

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    try:
        yield calls
    finally:
        stop.set()
        for thread in threads:
            thread.join()


Calling = Callable[..., contextlib.AbstractContextManager[Calls]]


@pytest.fixture(scope="module")
def tokgate_user(server: ServerHandle) -> TokgateUser:
    """``tokgate_user(*words)``: ``tokgate user WORDS`` against the module's server, run to
    its end (plain output, no colours)."""

    def run(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            tokgate_argv("user", *words, "--address", server.address),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=child_env({"NO_COLOR": "1"}),
        )

    return run


@pytest.fixture(scope="session")
def calling() -> Calling:
    """``with calling(users, callers=1, timeout=15.0) as calls:`` ``callers`` threads call
    GetUser (uncached, each with ``timeout``) in a loop until the block ends; ``calls`` holds
    what they got."""
    return _calling

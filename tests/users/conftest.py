"""Helpers the user-query modules share, as fixtures (``tests`` is not importable here):
``failure`` catches a call's typed error, ``tokgate_user`` runs the ``tokgate user`` command
against the module's server."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from tokgate.testing import ServerHandle, tokgate_argv
from tokgate.v1 import errors_pb2
from tokgate_client import from_rpc_error

Failure = Callable[[Callable[[], Any]], tuple[grpc.StatusCode, errors_pb2.ErrorDetail]]
TokgateUser = Callable[..., subprocess.CompletedProcess[str]]


def _failure(call: Callable[[], Any]) -> tuple[grpc.StatusCode, errors_pb2.ErrorDetail]:
    with pytest.raises(grpc.RpcError) as caught:
        call()
    error = from_rpc_error(caught.value)
    assert error.has_detail, f"no ErrorDetail in {caught.value}"
    return error.code, error.detail


@pytest.fixture(scope="session")
def failure() -> Failure:
    """``failure(call)``: the gRPC code and ErrorDetail of the error ``call`` must raise."""
    return _failure


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
            env={**os.environ, "NO_COLOR": "1"},
        )

    return run

"""Fixtures for the error tests: a fresh pipeline and a checker that asserts every field.

docs/errors.md's kind table is copied here on purpose: the tests check ``kinds.py`` against it
instead of against itself.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import grpc
import pytest
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext, Source
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.errors.status import rich_status
from tokgate.v1 import errors_pb2

EXAMPLE_PLUGIN_SOURCE = Path(__file__).parents[2] / "plugins" / "examples"

K = errors_pb2.ErrorKind
C = grpc.StatusCode

# kind -> (title, gRPC code, retryable), from docs/errors.md "The kinds".
DOCUMENTED_KINDS: dict[int, tuple[str, grpc.StatusCode, bool]] = {
    K.ERROR_KIND_TIKTOK_API: ("TikTok API Error", C.UNAVAILABLE, True),
    K.ERROR_KIND_AUTHENTICATION: ("Authentication Error", C.FAILED_PRECONDITION, False),
    K.ERROR_KIND_RATE_LIMIT: ("Rate Limit Error", C.RESOURCE_EXHAUSTED, True),
    K.ERROR_KIND_BOT_DETECTION: ("Bot Detection Error", C.UNAVAILABLE, True),
    K.ERROR_KIND_SESSION: ("Session Error", C.UNAVAILABLE, True),
    K.ERROR_KIND_DATA: ("Data Error", C.NOT_FOUND, False),
    K.ERROR_KIND_USER_NOT_FOUND: ("User Not Found", C.NOT_FOUND, False),
    K.ERROR_KIND_PRIVATE_ACCOUNT: ("Private Account", C.PERMISSION_DENIED, False),
    K.ERROR_KIND_USER_OFFLINE: ("User Offline", C.FAILED_PRECONDITION, False),
    K.ERROR_KIND_AGE_RESTRICTED: ("Age Restricted", C.PERMISSION_DENIED, False),
    K.ERROR_KIND_SIGN_API: ("Sign API Error", C.UNAVAILABLE, True),
    K.ERROR_KIND_ALREADY_CONNECTED: ("Already Connected", C.ALREADY_EXISTS, False),
    K.ERROR_KIND_NETWORK: ("Network Error", C.UNAVAILABLE, True),
    K.ERROR_KIND_TIMEOUT: ("Timeout", C.DEADLINE_EXCEEDED, True),
    K.ERROR_KIND_SLOW_CONSUMER: ("Slow Consumer", C.RESOURCE_EXHAUSTED, True),
    K.ERROR_KIND_INVALID_ARGUMENT: ("Invalid Argument", C.INVALID_ARGUMENT, False),
    K.ERROR_KIND_UNAUTHENTICATED: ("Unauthenticated", C.UNAUTHENTICATED, False),
    K.ERROR_KIND_PERMISSION_DENIED: ("Permission Denied", C.PERMISSION_DENIED, False),
    K.ERROR_KIND_UNIMPLEMENTED: ("Not Implemented", C.UNIMPLEMENTED, False),
    K.ERROR_KIND_INTERNAL: ("Internal Error", C.INTERNAL, False),
}


class Report(Protocol):
    def __call__(
        self,
        error: BaseException,
        operation: str = ...,
        source: Source = ...,
        **context: Any,
    ) -> Awaitable[errors_pb2.ErrorDetail]: ...


@pytest.fixture
def pipeline() -> ErrorPipeline:
    return ErrorPipeline.from_settings(Settings())


@pytest.fixture
def report(pipeline: ErrorPipeline) -> Report:
    """``await report(error, operation, source, **ErrorContext fields)`` through the pipeline."""

    async def run(
        error: BaseException, operation: str = "connect", source: Source = "live", **context: Any
    ) -> errors_pb2.ErrorDetail:
        return await pipeline.report(error, ErrorContext(source, operation, **context))

    return run


def check_detail(
    detail: errors_pb2.ErrorDetail,
    *,
    kind: int,
    message: str,
    causes: Sequence[str],
    suggestions: Sequence[str],
    raw_error: str,
    classifier: str,
    exception_type: str,
    metadata: Mapping[str, str],
    status_code: int | None = None,
    retry_after: float | None = None,
) -> None:
    """Assert every field of ``detail`` and the gRPC code its rich status gets."""
    title, code, retryable = DOCUMENTED_KINDS[kind]
    assert errors_pb2.ErrorKind.Name(detail.kind) == errors_pb2.ErrorKind.Name(
        errors_pb2.ErrorKind.ValueType(kind)
    )
    assert detail.error == title
    assert detail.message == message
    assert list(detail.possible_causes) == list(causes)
    assert list(detail.suggestions) == list(suggestions)
    assert detail.raw_error == raw_error
    assert detail.classifier == classifier
    assert detail.exception_type == exception_type
    assert dict(detail.metadata) == dict(metadata)
    assert detail.retryable is retryable
    if status_code is None:
        assert not detail.HasField("status_code")
    else:
        assert detail.HasField("status_code") and detail.status_code == status_code
    if retry_after is None:
        assert not detail.HasField("retry_after")
    else:
        assert detail.retry_after.ToNanoseconds() / 1e9 == pytest.approx(retry_after, abs=1.5)
    assert rich_status(detail).code == code


@pytest.fixture
def check() -> Callable[..., None]:
    return check_detail


@pytest.fixture(scope="session")
def example_plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``plugins/examples`` installed with ``pip --target`` into a directory of its own:
    only a process given it on PYTHONPATH (or sys.path) sees the plugin."""
    root = tmp_path_factory.mktemp("example-plugin")
    source = shutil.copytree(EXAMPLE_PLUGIN_SOURCE, root / "src")  # build files stay out
    target = root / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return target

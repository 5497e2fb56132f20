"""The level a classified failure is logged at: ERROR for a server-side fault (an operator's
``grep ERROR`` finds it), INFO for a caller-side outcome (docs/operations.md, "Log levels")."""

from __future__ import annotations

import logging

import pytest
from tokgate.config import Settings
from tokgate.errors import texts
from tokgate.errors.context import ErrorContext, Source
from tokgate.errors.exceptions import TokgateError
from tokgate.errors.kinds import KIND_TABLE, kind_info
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.v1 import errors_pb2

K = errors_pb2.ErrorKind

# The rule as docs/operations.md states it, written out here so the test checks the code.
SERVER_SIDE = {
    K.ERROR_KIND_TIKTOK_API,
    K.ERROR_KIND_AUTHENTICATION,
    K.ERROR_KIND_RATE_LIMIT,
    K.ERROR_KIND_BOT_DETECTION,
    K.ERROR_KIND_SESSION,
    K.ERROR_KIND_SIGN_API,
    K.ERROR_KIND_ALREADY_CONNECTED,
    K.ERROR_KIND_NETWORK,
    K.ERROR_KIND_TIMEOUT,
    K.ERROR_KIND_INTERNAL,
}


def _failure(kind: errors_pb2.ErrorKind.ValueType) -> TokgateError:
    """A tokgate exception that the built-in classifier answers with ``kind``."""

    class Failure(TokgateError):
        advice = texts.Advice(kind, f"a {kind_info(kind).label} failure", (), ())

    return Failure()


@pytest.fixture(scope="module")
def pipeline() -> ErrorPipeline:
    return ErrorPipeline.from_settings(Settings())


async def _logged_level(
    pipeline: ErrorPipeline,
    caplog: pytest.LogCaptureFixture,
    kind: errors_pb2.ErrorKind.ValueType,
    source: Source,
) -> int:
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="tokgate.errors.pipeline"):
        detail = await pipeline.report(_failure(kind), ErrorContext(source, "GetUser"))
    assert detail.kind == kind
    (record,) = [r for r in caplog.records if r.name == "tokgate.errors.pipeline"]
    assert vars(record)["error_kind"] == kind_info(kind).label
    return record.levelno


@pytest.mark.parametrize("kind", sorted(KIND_TABLE), ids=lambda k: kind_info(k).name)
async def test_server_side_faults_log_at_error_and_caller_outcomes_at_info(
    pipeline: ErrorPipeline, caplog: pytest.LogCaptureFixture, kind: errors_pb2.ErrorKind.ValueType
) -> None:
    expected = logging.ERROR if kind in SERVER_SIDE else logging.INFO
    assert await _logged_level(pipeline, caplog, kind, "users") == expected


async def test_a_callers_own_quota_is_a_caller_side_outcome(
    pipeline: ErrorPipeline, caplog: pytest.LogCaptureFixture
) -> None:
    """RATE_LIMIT from tokgate's own quotas (source "server") is the caller's doing."""
    level = await _logged_level(pipeline, caplog, K.ERROR_KIND_RATE_LIMIT, "server")
    assert level == logging.INFO

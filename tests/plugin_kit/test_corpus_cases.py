"""Failures as data (the error corpus's cases): real exceptions of TikTokLive, TikTokApi,
httpx and the OS, written as JSON and rebuilt, are instances of the real classes, read the
same, and get the same ErrorDetail from the built-ins; the corpus key moves with the code."""

from __future__ import annotations

import dataclasses
import errno
import json
import time

import httpx
import pytest
from TikTokApi import exceptions as api
from TikTokLive.client import errors as live
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext, PastError
from tokgate.errors.hookspecs import HOOKS_VERSION
from tokgate.errors.manager import PluginManager
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.plugin_kit import assert_detail
from tokgate.plugin_kit.corpus_cases import (
    context_case,
    corpus_key,
    exception_case,
    rebuild,
    rebuild_context,
)

SIGN = httpx.Request("GET", "https://sign.example/webcast/fetch")


def _rate_limited() -> BaseException:
    headers = {"RateLimit-Remaining": "0", "RateLimit-Reset": "30"}
    response = httpx.Response(429, headers=headers, text="slow down", request=SIGN)
    error: BaseException = live.SignatureRateLimitError(None, "again in %s s", response=response)
    return error


def _refused() -> BaseException:
    try:
        try:
            raise ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
        except OSError as exc:
            raise httpx.ConnectError("All connection attempts failed", request=SIGN) from exc
    except httpx.ConnectError as exc:
        return exc


def _missing_user() -> BaseException:
    error: BaseException = api.InvalidResponseException({"statusCode": 10202}, "no user", 10202)
    error.__cause__ = KeyError("user")  # TikTokApi's "user not found" is a bare KeyError
    return error


CASES = [
    (_rate_limited, ErrorContext("live", "sign", unique_id="star")),
    (_refused, ErrorContext("live", "sign")),
    (_missing_user, ErrorContext("users", "user_detail", unique_id="nobody")),
    (live.UserOfflineError, ErrorContext("live", "connect", unique_id="star")),
    (lambda: KeyError("user"), ErrorContext("users", "user_detail", http_status=200)),
]


def _chain(
    error: BaseException | None,
) -> list[tuple[type[BaseException], str, tuple[object, ...]]]:
    found = []
    while error is not None:
        found.append((type(error), str(error), error.args))
        error = error.__cause__ or error.__context__
    return found


@pytest.mark.parametrize(("make", "context"), CASES)
async def test_a_rebuilt_failure_is_the_failure(make: object, context: ErrorContext) -> None:
    assert callable(make)
    error: BaseException = make()
    copy = rebuild(json.loads(json.dumps(exception_case(error))))
    assert isinstance(copy, type(error)) and type(copy) is type(error)
    assert _chain(copy) == _chain(error)
    assert vars(copy).keys() == vars(error).keys()
    pipeline = ErrorPipeline(Settings(), PluginManager.load(Settings(), entry_points=[]))
    details = [await pipeline.classify(each, context) for each in (copy, error)]
    for detail in details:
        detail.ClearField("reset_time")  # now + retry_after: a moment apart
    assert_detail(*details)


def test_responses_and_errnos_survive() -> None:
    copy = rebuild(json.loads(json.dumps(exception_case(_rate_limited()))))
    assert isinstance(copy, live.SignatureRateLimitError)
    assert copy.response.status_code == 429 and copy.response.headers["RateLimit-Reset"] == "30"
    assert copy.response.text == "slow down" and copy.response.request.url == SIGN.url
    cause = rebuild(exception_case(_refused())).__cause__
    assert isinstance(cause, ConnectionRefusedError) and cause.errno == errno.ECONNREFUSED


def test_the_corpus_key_names_what_the_failures_depend_on() -> None:
    key = corpus_key()
    assert key["TikTokLive"] == "7.0.1" and key["TikTokApi"] == "7.3.3"
    assert key["hooks"] == HOOKS_VERSION and key["context"] == ErrorContext.VERSION


def test_a_context_replayed_later_meets_the_same_patterns() -> None:
    recorded_at = time.time() - 3600
    past = PastError(recorded_at - 5, "users", "a", -1, 1)
    context = ErrorContext(
        "users", "user_detail", history=(past,), recent_successes=(recorded_at - 2,)
    )
    data = json.loads(json.dumps(context_case(context, now=recorded_at)))
    now = time.time()
    replayed = rebuild_context(data, now=now)
    assert replayed.history[0].time == pytest.approx(now - 5)
    assert replayed.recent_successes[0] == pytest.approx(now - 2)
    assert dataclasses.replace(replayed, history=(), recent_successes=()) == dataclasses.replace(
        context, history=(), recent_successes=()
    )

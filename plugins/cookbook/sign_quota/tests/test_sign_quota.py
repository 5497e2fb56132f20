"""The sign_quota plugin, installed, run through tokgate's real error pipeline by the kit's
``tokgate_harness`` fixture, on failures the real TikTokLive raises: against a local provider
that answers quotas (HTTP 429 and 402 with a quota body), and against ``tokgate sim``'s sign
server, whose free-tier 429, bare 429 and 500 stay the built-ins' to classify."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from TikTokLive import TikTokLiveClient
from TikTokLive.client.errors import SignAPIError, SignatureRateLimitError
from TikTokLive.client.web.routes.fetch_signed_websocket import WebcastPlatform
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail
from tokgate.live.upstream import STEP_SIGN, HttpEvidence, failure_context
from tokgate.plugin_kit import PluginHarness, assert_detail
from tokgate.testing import SimulatorHandle, run_simulator

Harness = Callable[..., PluginHarness]
RESETS_IN = 3600  # seconds until the provider's quota resets
#: The provider's answers, by the room id TikTokLive asks to sign for: (status, headers, body).
QUOTA = {"plan": "Business", "period": "day", "limit": 50000, "used": 50000}
ANSWERS: dict[str, tuple[int, dict[str, str], Callable[[], object]]] = {
    # 429 with the reset only in the body (no RateLimit-* headers): TikTokLive's TypeError.
    "1": (429, {}, lambda: {"code": 429, "message": "Daily quota used", "quota": _quota(True)}),
    # 429 with RateLimit-Remaining too: a SignatureRateLimitError; the reset as ISO 8601.
    "2": (
        429,
        {"RateLimit-Remaining": "0"},
        lambda: {"code": 429, "message": "Daily quota used", "quota": _quota(False)},
    ),
    # 402: a SignAPIError (SIGN_NOT_200), the quota resets.
    "3": (402, {}, lambda: {"code": 402, "message": "Payment required", "quota": _quota(True)}),
    # 402 with no reset: the plan's credits are used up.
    "4": (402, {}, lambda: {"code": 402, "message": "Credits used up", "quota": QUOTA}),
    # 429 whose body is no quota: the built-ins' rate limit.
    "5": (429, {"RateLimit-Remaining": "0"}, lambda: {"code": 429, "message": "Slow down"}),
}


def _quota(as_number: bool) -> dict[str, object]:
    reset = time.time() + RESETS_IN
    at = reset if as_number else datetime.fromtimestamp(reset, UTC).isoformat()
    return {**QUOTA, "reset_at": at}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A paid sign provider whose every plan is spent: ``GET /webcast/fetch?room_id=N``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            room = parse_qs(urlsplit(self.path).query).get("room_id", [""])[0]
            status, headers, body = ANSWERS[room]
            payload = json.dumps(body()).encode()
            self.send_response(status)
            for name, value in {**headers, "Content-Type": "application/json"}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorHandle]:
    with run_simulator() as handle:
        yield handle


@pytest.fixture
def harness(tokgate_harness: Harness) -> PluginHarness:
    return tokgate_harness("sign_quota")


def sign_failure(sign_url: str, room_id: str) -> tuple[BaseException, ErrorContext]:
    """What TikTokLive raises when it asks ``sign_url`` to sign for ``room_id``, and the
    context tokgate's live adapter hands the pipeline with it (the sign answer as evidence)."""

    async def attempt() -> tuple[BaseException, ErrorContext]:
        client = TikTokLiveClient(
            "star", web_kwargs={"signer_kwargs": {"sign_api_base": sign_url, "sign_api_key": "k"}}
        )
        answers: list[HttpEvidence] = []

        async def record(response: httpx.Response) -> None:
            await response.aread()
            answers.append(
                HttpEvidence(STEP_SIGN, response.status_code, dict(response.headers), response.text)
            )

        signer = client.web.signer.sdk_client.get_async_httpx_client()
        signer.event_hooks["response"].append(record)
        try:
            await client.web.fetch_signed_websocket(WebcastPlatform.WEB, room_id=int(room_id))
        except (SignAPIError, TypeError) as exc:
            assert answers, f"no answer from the sign server: {exc!r}"
            return exc, failure_context(STEP_SIGN, unique_id="star", evidence=answers[-1])
        finally:
            await client.web.close()
        raise AssertionError(f"the sign server at {sign_url} signed room {room_id}")

    return asyncio.run(attempt())


def _without_times(
    harness: PluginHarness, error: BaseException, context: ErrorContext
) -> tuple[ErrorDetail, ErrorDetail]:
    """With the plugin and without it, the delay until a reset left out (the two
    classifications are a moment apart, and its seconds with them)."""
    details = harness.report(error, context), harness.builtin(error, context)
    assert details[0].HasField("retry_after") == details[1].HasField("retry_after")
    for detail in details:
        detail.ClearField("reset_time")
        detail.ClearField("retry_after")
    return details


@pytest.mark.parametrize(
    ("room", "raised"), [("1", TypeError), ("2", SignatureRateLimitError), ("3", SignAPIError)]
)
def test_a_quota_answer_is_a_rate_limit_until_its_reset(
    provider: str, harness: PluginHarness, room: str, raised: type[BaseException]
) -> None:
    error, context = sign_failure(provider, room)
    assert type(error) is raised
    detail = harness.report(error, context)
    assert_detail(
        detail,
        kind="RATE_LIMIT",
        classifier="sign_quota",
        possible_causes=[
            f"The sign provider says: {json.loads(context.body or '')['message']}",
            "Every sign request of this day is spent",
        ],
    )
    assert detail.message.startswith("The sign provider's day quota is used up; it resets in ")
    assert RESETS_IN - 60 < detail.retry_after.seconds <= RESETS_IN
    assert abs(detail.reset_time.seconds - (time.time() + RESETS_IN)) < 60
    assert detail.metadata["quota_plan"] == "Business" and detail.metadata["quota_used"] == "50000"
    assert detail.metadata["sign_http_status"] == str(context.http_status)
    builtin = harness.builtin(error, context)
    assert not builtin.HasField("retry_after")  # what the plugin adds: when to retry


def test_a_402_with_no_reset_is_the_operators_to_fix(provider: str, harness: PluginHarness) -> None:
    error, context = sign_failure(provider, "4")
    assert_detail(
        harness.report(error, context),
        kind="AUTHENTICATION",
        retryable=False,
        suggestions=["Top up or renew the sign provider's plan for this sign API key"],
    )


def test_a_429_without_a_quota_is_left_to_the_builtins(
    provider: str, harness: PluginHarness
) -> None:
    error, context = sign_failure(provider, "5")
    assert_detail(*_without_times(harness, error, context))


@pytest.mark.parametrize("user", ["sim_sign_rate_limited", "sim_sign_429_bare", "sim_sign_error"])
def test_the_simulators_sign_failures_are_left_to_the_builtins(
    sim: SimulatorHandle, harness: PluginHarness, user: str
) -> None:
    room_id = sim.control("GET", f"rooms/{user}")["room_id"]
    error, context = sign_failure(sim.url, room_id)
    assert isinstance(error, SignAPIError | TypeError)
    detail, builtin = _without_times(harness, error, context)
    assert_detail(detail, builtin)
    assert detail.classifier == "tokgate.tiktoklive"
    assert harness.record.failures == 0

"""The notifier, installed, run through tokgate's real error pipeline by the kit's
``tokgate_harness`` fixture, against a real local HTTP server: a webhook that works, one that
is down, one that is slow, one that answers 500; and a full queue."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from tokgate.errors.hookspecs import ErrorContext
from tokgate.errors.manager import PluginLoadError
from tokgate.plugin_kit import PluginHarness, assert_detail
from tokgate.testing import free_port
from tokgate_webhook_notifier.notifier import URL_VARIABLE, NotifierConfigError, WebhookNotifier

Harness = Callable[..., PluginHarness]
SLOW_ANSWER = 1.0  # seconds the slow webhook takes
TIMEOUT = 0.2  # seconds the notifier gives a POST in these tests
SECRET = "Zq81secretMsToken"
FLUSH = 5.0


@dataclass
class Webhook:
    """A local webhook: ``/ok`` takes the POST, ``/fail`` answers 500, ``/slow`` answers
    after SLOW_ANSWER seconds."""

    port: int
    received: list[bytes] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


@pytest.fixture(scope="module")
def webhook() -> Iterator[Webhook]:
    hook = Webhook(0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path == "/slow":
                time.sleep(SLOW_ANSWER)
            if self.path == "/fail":
                self.send_error(500, "upstream broken")
                return
            hook.received.append(body)
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test reads what arrived."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    hook.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    server.shutdown()
    server.server_close()


@pytest.fixture
def notifiers() -> Iterator[Callable[..., WebhookNotifier]]:
    made: list[WebhookNotifier] = []

    def make(url: str, *, timeout: float = TIMEOUT, queue_size: int = 10) -> WebhookNotifier:
        notifier = WebhookNotifier(url, timeout=timeout, queue_size=queue_size)
        made.append(notifier)
        return notifier

    yield make
    for notifier in made:
        notifier.close(timeout=SLOW_ANSWER * 2)


def _failure() -> httpx.ConnectError:
    """A sign server that cannot be reached; the URL carries an ms token to be redacted."""
    request = httpx.Request("GET", f"https://sign.example/webcast/fetch?msToken={SECRET}")
    return httpx.ConnectError(f"connect failed: {request.url}", request=request)


def test_loaded_by_its_entry_point_from_the_environment(
    tokgate_harness: Harness, webhook: Webhook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_VARIABLE, webhook.url("ok"))
    monkeypatch.delitem(sys.modules, "tokgate_webhook_notifier.plugin", raising=False)
    harness = tokgate_harness("webhook_notifier")
    assert harness.record.hooks == ("tokgate_error_handled",)
    before = len(webhook.received)
    harness.report(_failure(), operation="sign", unique_id="star")
    notifier = sys.modules["tokgate_webhook_notifier.plugin"].notifier
    assert notifier.flush(FLUSH) and notifier.delivered == 1
    assert len(webhook.received) == before + 1


def test_each_failure_arrives_as_a_redacted_summary_and_the_detail_is_unchanged(
    tokgate_harness: Harness, webhook: Webhook, notifiers: Callable[..., WebhookNotifier]
) -> None:
    notifier = notifiers(webhook.url("ok"))
    harness = tokgate_harness(notifier)
    before = len(webhook.received)
    where = ErrorContext("live", "sign", unique_id="star")
    detail = harness.report(_failure(), where)
    assert_detail(detail, harness.builtin(_failure(), where))
    assert notifier.flush(FLUSH)
    (body,) = webhook.received[before:]
    assert SECRET not in body.decode()
    summary = json.loads(body)
    assert summary.pop("time") == pytest.approx(time.time(), abs=30)
    assert summary == {
        "kind": "NETWORK",
        "title": detail.error,
        "message": detail.message,
        "retryable": True,
        "classifier": "tokgate.network",
        "exception_type": "httpx.ConnectError",
        "source": "live",
        "operation": "sign",
        "unique_id": "star",
        "room_id": None,
    }
    assert harness.record.failures == 0


@pytest.mark.parametrize("where", ["down", "fail", "slow"])
def test_a_webhook_down_failing_or_slow_changes_nothing_and_is_never_struck(
    where: str,
    tokgate_harness: Harness,
    webhook: Webhook,
    notifiers: Callable[..., WebhookNotifier],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"http://127.0.0.1:{free_port()}/hook" if where == "down" else webhook.url(where)
    notifier = notifiers(url, timeout=TIMEOUT)
    harness = tokgate_harness(notifier)
    error = ConnectionResetError("reset by peer")
    with caplog.at_level(logging.WARNING):
        assert_detail(harness.report(error), harness.builtin(error))
        assert notifier.flush(FLUSH)
    assert (notifier.delivered, notifier.failed) == (0, 1)
    assert harness.record.failures == 0 and harness.record.enabled
    (line,) = [r for r in caplog.records if r.name == "tokgate_webhook_notifier.notifier"]
    assert line.getMessage().startswith("webhook notification failed: the webhook ")
    assert line.__dict__["error_kind"] == "network"
    assert url not in caplog.text


def test_a_full_queue_drops_counts_and_logs_without_blocking(
    tokgate_harness: Harness,
    webhook: Webhook,
    notifiers: Callable[..., WebhookNotifier],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One POST stuck on the slow webhook, one waiting: the rest are dropped, and every hook
    call still returns inside its budget (a late one would be a strike)."""
    notifier = notifiers(webhook.url("slow"), timeout=TIMEOUT, queue_size=1)
    harness = tokgate_harness(notifier)
    with caplog.at_level(logging.WARNING):
        for _ in range(5):
            harness.report(TimeoutError("read timed out"))
        assert notifier.flush(FLUSH)
    assert notifier.dropped >= 3 and notifier.dropped + notifier.failed == 5
    assert harness.record.failures == 0
    dropped = [
        r for r in caplog.records if r.getMessage().startswith("webhook notification dropped")
    ]
    assert len(dropped) == notifier.dropped
    assert {r.__dict__["error_kind"] for r in dropped} == {"timeout"}


def test_a_missing_or_bad_setting_stops_the_load_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    monkeypatch.delitem(sys.modules, "tokgate_webhook_notifier.plugin", raising=False)
    with pytest.raises(PluginLoadError, match=f"set {URL_VARIABLE} to the webhook's http"):
        PluginHarness("webhook_notifier")
    token_url = "ftp://hooks.example/T0KEN"
    with pytest.raises(NotifierConfigError, match="not an http") as refused:
        WebhookNotifier.from_environment({URL_VARIABLE: token_url})
    assert "T0KEN" not in str(refused.value)
    with pytest.raises(NotifierConfigError, match="WEBHOOK_NOTIFIER_QUEUE must be 1 or more"):
        WebhookNotifier.from_environment({URL_VARIABLE: "https://x", "WEBHOOK_NOTIFIER_QUEUE": "0"})

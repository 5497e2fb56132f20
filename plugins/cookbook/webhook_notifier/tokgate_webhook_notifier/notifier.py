"""Every failure's summary POSTed, as JSON, to a webhook (a chat, an incident tool).

``tokgate_error_handled`` runs off the request's path, but still under the plugin's time
budget and strikes, so the hook only queues: it returns in microseconds. One daemon thread
delivers the queue, each POST under a timeout. Delivery is bounded (a full queue drops the
notification, counted and logged with its ``error_kind``) and its failures are isolated (a
webhook that is down, slow or answers 500 costs a count and a log line, never a strike, and
never changes the ErrorDetail tokgate gives its caller: the hook gets a copy).

The webhook's URL often holds its credential (a token in the path), so it is never logged.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import os
import queue
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl, kind_info

logger = logging.getLogger(__name__)

URL_VARIABLE: Final = "WEBHOOK_NOTIFIER_URL"
TIMEOUT_VARIABLE: Final = "WEBHOOK_NOTIFIER_TIMEOUT"
QUEUE_VARIABLE: Final = "WEBHOOK_NOTIFIER_QUEUE"
DEFAULT_TIMEOUT: Final = 2.0
DEFAULT_QUEUE: Final = 100
USER_AGENT: Final = "tokgate-webhook-notifier/1.0"

Summary = dict[str, Any]


class NotifierConfigError(ValueError):
    """The notifier's settings are missing or wrong: tokgate refuses to start, saying which."""


def summarize(detail: ErrorDetail, context: ErrorContext) -> Summary:
    """What the webhook receives: what failed, where, and whether to retry. The detail arrives
    redacted; the summary also leaves out what a chat need not show: ``raw_error``, the
    metadata, and the upstream's headers and body."""
    summary: Summary = {
        "kind": kind_info(detail.kind).name,
        "title": detail.error,
        "message": detail.message,
        "retryable": detail.retryable,
        "classifier": detail.classifier,
        "exception_type": detail.exception_type,
        "source": context.source,
        "operation": context.operation,
        "unique_id": context.unique_id,
        "room_id": context.room_id,
        "time": time.time(),
    }
    if detail.HasField("status_code"):
        summary["status_code"] = detail.status_code
    if detail.HasField("retry_after"):
        summary["retry_after"] = detail.retry_after.ToNanoseconds() / 1e9
    return summary


class WebhookNotifier:
    """The plugin object: its hook queues a summary, its thread POSTs them one at a time."""

    TOKGATE_HOOKS_SUPPORTED: Final = ">=1.0,<2"

    def __init__(
        self, url: str, *, timeout: float = DEFAULT_TIMEOUT, queue_size: int = DEFAULT_QUEUE
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            # Not the URL itself: it may hold the webhook's token.
            raise NotifierConfigError(f"{URL_VARIABLE} is not an http(s) URL with a host")
        if timeout <= 0:
            raise NotifierConfigError(f"{TIMEOUT_VARIABLE} must be more than 0 s, not {timeout}")
        if queue_size < 1:
            raise NotifierConfigError(f"{QUEUE_VARIABLE} must be 1 or more, not {queue_size}")
        self.url = url
        self.timeout = timeout
        self.delivered = 0
        self.failed = 0
        self.dropped = 0
        self._queue: queue.Queue[Summary | None] = queue.Queue(queue_size)
        self._pending = 0  # queued or being delivered
        self._lock = threading.Condition()  # guards the counts; notified when one settles
        self._thread = threading.Thread(
            target=self._deliver_all, name="tokgate-webhook-notifier", daemon=True
        )
        self._thread.start()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> WebhookNotifier:
        """``WEBHOOK_NOTIFIER_URL`` (required), ``WEBHOOK_NOTIFIER_TIMEOUT`` (seconds a POST may
        take, 2 by default) and ``WEBHOOK_NOTIFIER_QUEUE`` (notifications waiting, 100)."""
        url = environ.get(URL_VARIABLE, "").strip()
        if not url:
            raise NotifierConfigError(f"set {URL_VARIABLE} to the webhook's http(s) URL")
        queue_size = _number(environ, QUEUE_VARIABLE, DEFAULT_QUEUE)
        if not queue_size.is_integer():
            raise NotifierConfigError(f"{QUEUE_VARIABLE} must be a whole number, not {queue_size}")
        timeout = _number(environ, TIMEOUT_VARIABLE, DEFAULT_TIMEOUT)
        return cls(url, timeout=timeout, queue_size=int(queue_size))

    @hookimpl
    def tokgate_error_handled(self, detail: ErrorDetail, context: ErrorContext) -> None:
        """Queue the failure's summary and return at once; a full queue drops it."""
        summary = summarize(detail, context)
        with self._lock:
            self._pending += 1
        try:
            self._queue.put_nowait(summary)
        except queue.Full:
            with self._lock:
                self._pending -= 1
                self.dropped += 1
                dropped = self.dropped
            logger.warning(
                "webhook notification dropped: %d already waiting",
                self._queue.maxsize,
                extra={"error_kind": kind_info(detail.kind).label, "dropped": dropped},
            )

    def flush(self, timeout: float) -> bool:
        """Wait until every queued notification is delivered or failed; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)

    def close(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Stop the thread once the queue is delivered (tokgate itself just exits: the
        thread is a daemon, and what is still queued then is lost, as tokgate's own queue)."""
        with contextlib.suppress(queue.Full):  # still full: the thread is stuck on a POST
            self._queue.put(None, timeout=timeout)
        self._thread.join(timeout)

    def _deliver_all(self) -> None:
        while (summary := self._queue.get()) is not None:
            self._deliver(summary)

    def _deliver(self, summary: Summary) -> None:
        request = urllib.request.Request(
            self.url,
            data=json.dumps(summary).encode(),
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT},
            method="POST",
        )
        problem = ""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            exc.close()
            problem = f"the webhook answered HTTP {exc.code}"
        except (OSError, http.client.HTTPException) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            problem = f"the webhook is unreachable: {type(exc).__name__}: {reason}"
        with self._lock:  # settled, and said so, before flush() returns
            if problem:
                self.failed += 1
                logger.warning(
                    "webhook notification failed: %s",
                    problem,
                    extra={"error_kind": summary["kind"].lower(), "failed": self.failed},
                )
            else:
                self.delivered += 1
            self._pending -= 1
            self._lock.notify_all()


def _number(environ: Mapping[str, str], name: str, default: float) -> float:
    value = environ.get(name, "").strip()
    if not value:
        return float(default)
    try:
        return float(value)
    except ValueError:
        raise NotifierConfigError(f"{name}={value!r} is not a number") from None

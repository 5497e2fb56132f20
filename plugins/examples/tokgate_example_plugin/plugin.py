"""Example tokgate plugin: re-classify one failure, enrich another.

* Overrides the built-in classification of TikTokLive's ``UserOfflineError``: same kind
  (USER_OFFLINE), but the message and suggestions point at the streamer's schedule and a
  retry delay is given, so clients can wait instead of polling.
* Enriches every RATE_LIMIT ErrorDetail (whoever classified it) with a runbook link.
"""

from __future__ import annotations

from TikTokLive.client.errors import UserOfflineError
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, ErrorKind, hookimpl, new_detail

RUNBOOK_URL = "https://runbooks.example.com/tokgate/rate-limits"
SCHEDULE_URL = "https://schedule.example.com/streamers/{user}"
OFFLINE_RETRY_SECONDS = 900


@hookimpl
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    """Runs before every built-in classifier; answers only for offline streamers."""
    if not isinstance(error, UserOfflineError):
        return None
    user = (context.unique_id or "").removeprefix("@")
    schedule = SCHEDULE_URL.format(user=user or "unknown")
    return new_detail(
        ErrorKind.ERROR_KIND_USER_OFFLINE,
        f"@{user} is not live now; see their streaming schedule",
        error=error,
        causes=["The streamer is between scheduled streams"],
        suggestions=[f"Check the schedule: {schedule}", "Subscribe with wait_until_live"],
        retry_after=OFFLINE_RETRY_SECONDS,
        metadata={"schedule_url": schedule},
    )


@hookimpl
def tokgate_enrich_error(detail: ErrorDetail) -> None:
    """Adds the runbook to every rate-limit error (a hook may take a subset of arguments)."""
    if detail.kind == ErrorKind.ERROR_KIND_RATE_LIMIT:
        detail.suggestions.append(f"Follow the rate-limit runbook: {RUNBOOK_URL}")
        detail.metadata["runbook_url"] = RUNBOOK_URL

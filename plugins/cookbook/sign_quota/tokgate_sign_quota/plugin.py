"""A paid sign provider's quota answers, classified: when to retry, not just "sign failed".

A paid sign API (Euler Stream's paid plans, or a provider like it) answers a spent quota with
HTTP 429, or 402 Payment Required, and a JSON body saying which quota and when it resets::

    {"code": 429, "message": "Daily quota of 50000 sign requests used",
     "quota": {"plan": "Business", "period": "day", "limit": 50000, "used": 50000,
               "reset_at": 1767225600}}

``reset_at`` is a Unix time or an ISO 8601 time. TikTokLive 7.0.1 raises, for such answers:
on a 429, ``SignatureRateLimitError`` if the answer has a ``RateLimit-Remaining`` header, else
a bare ``TypeError`` (from that error's constructor); on a 402, ``SignAPIError``
(``SIGN_NOT_200``). tokgate's built-ins make them a RATE_LIMIT without a delay (there is no
``RateLimit-Reset`` header) or a SIGN_API failure. This plugin reads the body (tokgate's
evidence on the context, else the error's response) and answers:

* a quota that resets: RATE_LIMIT, with ``retry_after`` and ``reset_time`` at the reset (a
  caller gets them as a ``google.rpc.RetryInfo``, and tokgate's rooms wait that long);
* a 402 with no reset to wait for (the plan's credits are used up): AUTHENTICATION, since
  the operator must act;
* anything else: ``None``, so the built-ins answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from TikTokLive.client.errors import SignAPIError
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, ErrorKind, hookimpl, new_detail

#: The tokgate hook versions this plugin is written for.
TOKGATE_HOOKS_SUPPORTED = ">=1.0,<2"

SIGN_OPERATION = "sign"
QUOTA_STATUSES = frozenset({402, 429})
#: ``sign_reason`` in the metadata, next to the built-ins' TikTokLive reasons.
SIGN_REASON = "QUOTA"
#: The quota's facts copied into the metadata, as ``quota_<name>``.
QUOTA_FACTS = ("plan", "period", "limit", "used")


@hookimpl
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    """A sign answer with a quota body: a rate limit until its reset, or the operator's job."""
    answer = _quota_answer(error, context)
    if answer is None:
        return None
    status, quota, said = answer
    period = str(quota.get("period") or "plan")
    metadata = {
        "sign_reason": SIGN_REASON,
        "sign_http_status": str(status),
        **{f"quota_{fact}": str(quota[fact]) for fact in QUOTA_FACTS if fact in quota},
    }
    causes = [f"The sign provider says: {said}"] if said else []
    reset = _reset_time(quota.get("reset_at"))
    if reset is not None:
        delay = max(reset - time.time(), 0.0)
        when = datetime.fromtimestamp(reset, UTC).isoformat(timespec="seconds")
        return new_detail(
            ErrorKind.ERROR_KIND_RATE_LIMIT,
            f"The sign provider's {period} quota is used up; it resets in {delay:.0f} s",
            error=error,
            causes=[*causes, f"Every sign request of this {period} is spent"],
            suggestions=[
                f"Wait for the reset at {when}: retry_after says how long",
                "Raise the plan's quota, or add sign API keys (sign_api_keys) to spread the "
                "rooms over",
            ],
            retry_after=delay,
            reset_time=reset,
            metadata=metadata,
        )
    if status == 402:
        return new_detail(
            ErrorKind.ERROR_KIND_AUTHENTICATION,
            "The sign provider's plan has no quota left, and no reset to wait for",
            error=error,
            causes=[*causes, "The plan's sign credits are used up, or it has lapsed"],
            suggestions=["Top up or renew the sign provider's plan for this sign API key"],
            metadata=metadata,
        )
    return None


def _quota_answer(
    error: BaseException, context: ErrorContext
) -> tuple[int, Mapping[str, Any], str] | None:
    """(HTTP status, the body's quota, the provider's message) of a sign quota answer."""
    if context.operation != SIGN_OPERATION:
        return None
    status, body = context.http_status, context.body
    response = error.response if isinstance(error, SignAPIError) else None
    if body is None and response is not None:
        status, body = response.status_code, response.text
    if status not in QUOTA_STATUSES or not body:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    quota = data.get("quota") if isinstance(data, dict) else None
    if not isinstance(quota, dict):
        return None
    return status, quota, str(data.get("message") or "")


def _reset_time(value: object) -> float | None:
    """A Unix time from ``reset_at``: a number, or an ISO 8601 time (UTC when it names no
    zone); None when absent or garbled."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()

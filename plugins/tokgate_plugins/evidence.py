"""Reading the evidence classifiers need from an upstream body, headers and error history.

TikTok's JSON bodies say more than the exceptions built from them: ``statusCode``, an empty
``userInfo`` (the guide's user-not-found sign), a private account, a captcha page.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from tokgate.errors.hookspecs import ErrorContext, ErrorKind
from tokgate.errors.tiktok_body import status_code, status_msg

#: TikTok statusCodes that mean "no such user".
USER_NOT_FOUND_CODES = frozenset({10201, 10202, 10221})
#: TikTok statusCode for a private account.
PRIVATE_ACCOUNT_CODES = frozenset({10222})

# TikTok's answers about content (a user or video that does not exist, a private account): the
# token and the access worked, so for the error patterns they are not failures.
CONTENT_ANSWERS = frozenset(
    {
        ErrorKind.ERROR_KIND_USER_NOT_FOUND,
        ErrorKind.ERROR_KIND_PRIVATE_ACCOUNT,
        ErrorKind.ERROR_KIND_DATA,
    }
)

# The error patterns (see tiktok_status): how far back, and how much evidence is enough.
PATTERN_WINDOW_SECONDS = 600.0
PATTERN_MIN_FAILURES = 3
PATTERN_CONSISTENT_SHARE = 0.8


@dataclass(frozen=True)
class BodyFacts:
    """The key facts of one upstream body."""

    status_code: int | None = None
    status_msg: str = ""
    user_info_empty: bool = False
    private: bool = False
    captcha: bool = False

    def summary(self) -> str:
        """``"statusCode: -1, userInfo: {}"``: the facts raw_error carries."""
        parts = []
        if self.status_code is not None:
            parts.append(f"statusCode: {self.status_code}")
        if self.user_info_empty:
            parts.append("userInfo: {}")
        if self.status_msg:
            parts.append(f"statusMsg: {self.status_msg}")
        if self.captcha:
            parts.append("captcha")
        return ", ".join(parts)


def body_facts(body: str | None) -> BodyFacts:
    """The facts of ``body`` (JSON or not; empty facts when there is no body)."""
    if not body:
        return BodyFacts()
    captcha = "captcha" in body.lower()
    try:
        data: Any = json.loads(body)
    except ValueError:
        return BodyFacts(captcha=captcha)
    if not isinstance(data, dict):
        return BodyFacts(captcha=captcha)
    code = status_code(data)
    message = status_msg(data)
    user_info = data.get("userInfo")
    user = user_info.get("user") if isinstance(user_info, dict) else None
    private = (
        code in PRIVATE_ACCOUNT_CODES
        or "private" in message.lower()
        or (isinstance(user, dict) and user.get("privateAccount") is True)
    )
    return BodyFacts(
        status_code=code,
        status_msg=message,
        user_info_empty="userInfo" in data and not user_info,
        private=private,
        captcha=captcha,
    )


def header(headers: Mapping[str, str], name: str) -> str | None:
    """A header's value, whatever its case."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def seconds_until_reset(reset: str | None, now: float | None = None) -> tuple[float, float] | None:
    """``(delay, reset_time)`` from a ``RateLimit-Reset`` / ``Retry-After`` value.

    Accepts both forms seen in the wild: seconds to wait (the IETF draft) and a Unix
    timestamp (what TikTokLive's ``reset_time`` assumes). ``None`` when absent or garbled.
    """
    if reset is None:
        return None
    try:
        value = float(reset.strip())
    except ValueError:
        return None
    now = time.time() if now is None else now
    if value > 1e9:  # a timestamp
        return max(value - now, 0.0), value
    return max(value, 0.0), now + max(value, 0.0)


class Pattern(Enum):
    """The guide's error patterns for statusCode -1."""

    CONSISTENT = "consistent"  # across different users: the ms token
    SPECIFIC_USER = "specific_user"  # one user only: that user
    RANDOM = "random"  # mixed with other failures: bot detection


@dataclass(frozen=True)
class PatternFinding:
    pattern: Pattern
    failures: int
    users: tuple[str, ...]


def minus_one_pattern(context: ErrorContext, now: float | None = None) -> PatternFinding | None:
    """Which pattern recent statusCode -1 failures (this one included) show, if any.

    Looks at this source's failures of the last ``PATTERN_WINDOW_SECONDS``. With fewer than
    ``PATTERN_MIN_FAILURES`` -1 answers there is no pattern. One user only: SPECIFIC_USER.
    Several users, -1 is (nearly) every recent failure and most recent requests (successes
    included, where the source records them) failed so: CONSISTENT. Several users otherwise:
    RANDOM. TikTok's answers about content (user not found, "userInfo: {}" included, a private
    account, missing data) are not failures here: TikTok answered, so they say nothing against
    the token, and many of them must not make a refused token read as "mixed failures".
    """
    now = time.time() if now is None else now
    recent = [
        (past.status_code, past.unique_id)
        for past in context.history
        if past.source == context.source
        and now - past.time <= PATTERN_WINDOW_SECONDS
        and past.kind not in CONTENT_ANSWERS
    ]
    recent.append((-1, context.unique_id))
    minus_one = [user for code, user in recent if code == -1]
    users = tuple(sorted({user.removeprefix("@") for user in minus_one if user}))
    if len(minus_one) < PATTERN_MIN_FAILURES or not users:
        return None
    if len(users) == 1:
        return PatternFinding(Pattern.SPECIFIC_USER, len(minus_one), users)
    successes = sum(1 for when in context.recent_successes if now - when <= PATTERN_WINDOW_SECONDS)
    most_requests = len(minus_one) > (len(recent) + successes) / 2
    if len(minus_one) >= PATTERN_CONSISTENT_SHARE * len(recent) and most_requests:
        return PatternFinding(Pattern.CONSISTENT, len(minus_one), users)
    return PatternFinding(Pattern.RANDOM, len(minus_one), users)

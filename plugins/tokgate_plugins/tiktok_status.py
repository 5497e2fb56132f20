"""TikTok's statusCode rules (the guide's "Common statusCode Values" and its error patterns).

tokgate checks every TikTok body at one place and raises ``UpstreamStatusError`` for a
non-zero (or missing) ``statusCode``; TikTokApi's own bare ``KeyError: 'user'`` lands here
too (via ``tiktokapi``) when the body is known. The rules, first match wins:

* a captcha page, or 10000 (TikTok's verify answer) -> BOT_DETECTION
* ``userInfo: {}`` (whatever the code) or 10201/10202/10221 -> USER_NOT_FOUND: the guide's
  rule, a missing user is not an auth error
* a private account (statusMsg, ``privateAccount``, 10222) -> PRIVATE_ACCOUNT
* 429 (statusCode or HTTP) -> RATE_LIMIT, retry after ``Retry-After`` or the guide's 5 minutes
* 403 -> AUTHENTICATION: "access forbidden" without a private-account sign means TikTok
  refused tokgate's credentials (ms token) or its IP; retrying unchanged does not help,
  the operator must act (a private account is recognised above)
* content that is not there (CONTENT_CODES): 10204 a video ("item doesn't exist"), 10205 a
  hashtag ("challenge not found"), 10219 withheld in this region -> DATA, named for what is
  missing: asking again does not make it exist
* 404, or 0 (success) without the data -> DATA
* -1 -> the ms token when the caller knows it is missing or refused; else the error
  patterns: across users -> AUTHENTICATION (ms token), one user -> that user, mixed ->
  BOT_DETECTION; else the guide's "TikTok API Error" word for word
* no statusCode at all -> TIKTOK_API (invalid response); any other code -> TIKTOK_API
"""

from __future__ import annotations

from tokgate.errors import texts
from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl, raw_error

from tokgate_plugins.evidence import (
    USER_NOT_FOUND_CODES,
    BodyFacts,
    Pattern,
    body_facts,
    header,
    minus_one_pattern,
    seconds_until_reset,
)

#: TikTok's verify (captcha) answer, sometimes without a captcha page in the body.
CAPTCHA_CODE = 10000
#: TikTok's statusCodes for content that is not there, beyond users.
CONTENT_CODES = {
    10204: texts.VIDEO_NOT_FOUND,
    10205: texts.HASHTAG_NOT_FOUND,
    10219: texts.REGION_UNAVAILABLE,
}


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    if not isinstance(error, UpstreamStatusError):
        return None
    facts = body_facts(error.body or context.body)
    if facts.status_code is None and error.status_code is not None:
        facts = BodyFacts(
            error.status_code,
            facts.status_msg or error.status_msg,
            facts.user_info_empty,
            facts.private,
            facts.captcha,
        )
    http_status = error.http_status if error.http_status is not None else context.http_status
    return classify_status(error, facts, context, http_status)


def classify_status(
    error: BaseException, facts: BodyFacts, context: ErrorContext, http_status: int | None
) -> ErrorDetail:
    """The ErrorDetail for an upstream answer with these body facts (rules above)."""
    code = facts.status_code
    raw = raw_error(error, facts.summary())
    metadata = {"status_msg": facts.status_msg} if facts.status_msg else {}
    if facts.captcha or code == CAPTCHA_CODE:
        return texts.BOT_DETECTION.detail(error, raw=raw, status_code=code, metadata=metadata)
    if facts.user_info_empty or code in USER_NOT_FOUND_CODES:
        message = texts.USER_NOT_FOUND.for_user(context.unique_id)
        return texts.USER_NOT_FOUND.detail(
            error, message=message, raw=raw, status_code=code, metadata=metadata
        )
    if facts.private:
        return texts.PRIVATE_ACCOUNT.detail(error, raw=raw, status_code=code, metadata=metadata)
    content = CONTENT_CODES.get(code) if code is not None else None
    if content is not None:
        return content.detail(error, raw=raw, status_code=code, metadata=metadata)
    if code == 429 or http_status == 429:
        timing = seconds_until_reset(header(context.headers, "Retry-After"))
        delay, reset = timing if timing else (texts.RATE_LIMIT_DEFAULT_DELAY, None)
        return texts.RATE_LIMIT.detail(
            error,
            raw=raw,
            status_code=code if code is not None else 429,
            retry_after=delay,
            reset_time=reset,
            metadata=metadata,
        )
    if code == 403 or http_status == 403:
        return texts.FORBIDDEN.detail(error, raw=raw, status_code=code, metadata=metadata)
    if code in (0, 404) or http_status == 404:
        return texts.DATA.detail(error, raw=raw, status_code=code, metadata=metadata)
    if code == -1:
        return _minus_one(error, raw, context, metadata)
    if code is None:
        return texts.INVALID_RESPONSE.detail(error, raw=raw, metadata=metadata)
    message = texts.TIKTOK_API_STATUS_MESSAGE.format(status_code=code)
    return texts.TIKTOK_API.detail(
        error, message=message, raw=raw, status_code=code, metadata=metadata
    )


def _minus_one(
    error: BaseException, raw: str, context: ErrorContext, metadata: dict[str, str]
) -> ErrorDetail:
    if context.ms_token is not None:
        return ms_token_detail(error, context.ms_token, raw=raw, status_code=-1, metadata=metadata)
    finding = minus_one_pattern(context)
    if finding is None:
        return texts.TIKTOK_API.detail(error, raw=raw, status_code=-1, metadata=metadata)
    metadata = {
        **metadata,
        "error_pattern": finding.pattern.value,
        "pattern_failures": str(finding.failures),
        "pattern_users": str(len(finding.users)),
    }
    if finding.pattern is Pattern.CONSISTENT:
        message = texts.PATTERN_CONSISTENT_MESSAGE.format(users=len(finding.users))
        return texts.AUTHENTICATION.detail(
            error, message=message, raw=raw, status_code=-1, metadata=metadata
        )
    if finding.pattern is Pattern.SPECIFIC_USER:
        message = texts.PATTERN_SPECIFIC_USER_MESSAGE.format(
            user=finding.users[0], count=finding.failures
        )
        return texts.TIKTOK_API.detail(
            error,
            message=message,
            raw=raw,
            status_code=-1,
            extra_causes=(texts.PATTERN_SPECIFIC_USER_CAUSE,),
            metadata=metadata,
        )
    return texts.BOT_DETECTION.detail(
        error,
        message=texts.PATTERN_RANDOM_MESSAGE,
        raw=raw,
        status_code=-1,
        metadata=metadata,
    )


def ms_token_detail(
    error: BaseException,
    problem: str,
    *,
    raw: str | None = None,
    status_code: int | None = None,
    metadata: dict[str, str] | None = None,
) -> ErrorDetail:
    """The guide's Authentication Error, with ``metadata["ms_token"]`` = missing / refused."""
    return texts.AUTHENTICATION.detail(
        error, raw=raw, status_code=status_code, metadata={**(metadata or {}), "ms_token": problem}
    )

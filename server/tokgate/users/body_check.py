"""The one place every TikTok answer is checked, before TikTokApi parses it.

TikTok reports failures in the body's ``statusCode`` (some endpoints say ``status_code``);
TikTokApi checks only ``status_code`` and only logs it, and its in-page fetch drops the HTTP
status, so a -1, 429 or refused answer would otherwise come back as an empty success.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.tiktok_body import status_code, status_msg

# How much of a body an error carries as evidence.
EVIDENCE_LIMIT = 4000


def check_api_body(
    text: str, http_status: int | None, operation: str, redact: Callable[[str], str]
) -> None:
    """Raise UpstreamStatusError unless ``text`` is a JSON object with statusCode 0.

    Where the body carries no code but the HTTP status is an error, that status stands in
    (the seed's 403 / 404 / 429). An empty body is left to TikTokApi (it raises
    EmptyResponseException, the bot-detection sign). The body, redacted, is the evidence.
    """
    if text == "":
        return
    http_error = http_status if http_status is not None and http_status >= 400 else None

    def failure(code: int | None, message: str) -> UpstreamStatusError:
        # Redacted only on failure: every good answer passes through here.
        evidence = redact(text[:EVIDENCE_LIMIT])
        return UpstreamStatusError(code, evidence, operation, http_status, message)

    try:
        data = json.loads(text)
    except ValueError:
        raise failure(http_error, "the answer is not JSON") from None
    if not isinstance(data, dict):
        raise failure(http_error, "the answer is not a JSON object")
    code = status_code(data)
    message = status_msg(data)
    if code is None and http_error is None:
        raise failure(None, message or "the answer has no statusCode")
    if code is None or (code == 0 and http_error is not None):
        code = http_error
    if code != 0:
        raise failure(code, message)

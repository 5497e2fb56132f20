"""Reading TikTok's own verdict from an answer: its ``statusCode``, ``statusMsg`` and the HTTP
status it came with.

One reader and one check for everyone who looks at TikTok answers (the users service's fetches
and pages, the LIVE adapter's routes, the built-in classifiers), so they never disagree about
what an answer said. A failed check raises ``UpstreamStatusError`` with the answer as evidence,
raw: the error pipeline redacts it before anyone reads it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tokgate.errors.exceptions import UpstreamStatusError

# How much of an answer an error carries as evidence.
EVIDENCE_LIMIT = 4000


def status_code(data: Mapping[str, Any]) -> int | None:
    """TikTok's status code of a JSON answer (``statusCode``, else ``status_code``).

    Some endpoints send it as a string (``"-1"``); a boolean is not a code.
    """
    for key in ("statusCode", "status_code"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
    return None


def status_msg(data: Mapping[str, Any]) -> str:
    """TikTok's status message (``statusMsg``, else ``status_msg``), or ``""``."""
    return str(data.get("statusMsg") or data.get("status_msg") or "")


def evidence(text: str) -> str:
    """An answer as an error carries it: cut to size (raw; the pipeline redacts it)."""
    return text[:EVIDENCE_LIMIT]


def check_answer(
    data: object,
    http_status: int | None,
    operation: str,
    body: str,
    *,
    code_required: bool = True,
    why: str = "the answer is not a JSON object",
) -> Mapping[str, Any]:
    """``data`` (a parsed answer) if it says statusCode 0; else UpstreamStatusError.

    An HTTP error status stands in where the body carries no code, and overrules a 0 that came
    with it. An answer without any code fails, unless ``code_required`` is False (data
    embedded in a page, which leaves it out when all is well). ``body`` is the evidence;
    ``why`` says what is wrong with an answer that is no JSON object.
    """
    http_error = http_status if http_status is not None and http_status >= 400 else None
    if not isinstance(data, Mapping):
        raise UpstreamStatusError(http_error, evidence(body), operation, http_status, why)
    code = status_code(data)
    message = status_msg(data)
    if code is None and http_error is None:
        if code_required:
            message = message or "the answer has no statusCode"
            raise UpstreamStatusError(None, evidence(body), operation, http_status, message)
        code = 0
    if code is None or (code == 0 and http_error is not None):
        code = http_error
    if code != 0:
        raise UpstreamStatusError(code, evidence(body), operation, http_status, message)
    return data


def check_text(text: str, http_status: int | None, operation: str) -> None:
    """:func:`check_answer` of a raw answer; an empty one is left to the caller (TikTokApi
    raises EmptyResponseException for it: bot detection), one that is not JSON fails."""
    if text == "":
        return
    try:
        data = json.loads(text)
    except ValueError:
        data = None
        why = "the answer is not JSON"
    else:
        why = "the answer is not a JSON object"
    check_answer(data, http_status, operation, text, why=why)

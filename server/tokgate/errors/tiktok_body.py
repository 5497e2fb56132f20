"""Reading TikTok's own verdict from a JSON answer: its ``statusCode`` and ``statusMsg``.

One reader for everyone who looks at TikTok bodies (the users service's body check and the
built-in classifiers), so they never disagree about what code an answer carried.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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

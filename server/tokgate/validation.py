"""Request validation shared by every service: fail before any upstream request."""

from __future__ import annotations

import re

from tokgate.errors.exceptions import InvalidArgumentError

UNIQUE_ID_PATTERN = re.compile(r"^@?[A-Za-z0-9_.]{2,24}$")


def normalize_unique_id(value: str, field: str = "unique_id") -> str:
    """The TikTok username without "@", or InvalidArgumentError naming ``field``."""
    if not UNIQUE_ID_PATTERN.fullmatch(value):
        # A long value is not echoed: a cut-off secret would escape literal redaction.
        shown = repr(value) if len(value) <= 40 else f"a {len(value)}-character value"
        raise InvalidArgumentError(
            field,
            f"{shown} is not a TikTok username (2 to 24 letters, digits, '_' or '.', "
            "optionally starting with '@')",
        )
    return value.removeprefix("@")

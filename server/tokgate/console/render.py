"""Readable terminal output shared by the console commands: colour and typed errors."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from tokgate.v1 import errors_pb2

_CODES = {
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "grey": "90",
    "bold": "1",
}


def use_colour(stream: TextIO = sys.stdout) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def paint(text: str, colour: str, enabled: bool) -> str:
    return f"\x1b[{_CODES[colour]}m{text}\x1b[0m" if enabled else text


def render_error(detail: errors_pb2.ErrorDetail, colour: bool = False) -> str:
    """An ErrorDetail as a person reads it: title, message, causes, suggestions."""
    kind = errors_pb2.ErrorKind.Name(detail.kind).removeprefix("ERROR_KIND_")
    lines = [paint(f"✖ {detail.error} [{kind}]", "red", colour) + f": {detail.message}"]
    if detail.HasField("status_code"):
        lines.append(f"  TikTok statusCode: {detail.status_code}")
    if detail.raw_error:
        lines.append(paint(f"  raw: {detail.raw_error}", "grey", colour))
    if detail.possible_causes:
        lines.append("  Possible causes:")
        lines += [f"    - {cause}" for cause in detail.possible_causes]
    if detail.suggestions:
        lines.append("  Suggestions:")
        lines += [f"    - {tip}" for tip in detail.suggestions]
    retry = "retryable" if detail.retryable else "not retryable"
    if detail.HasField("retry_after"):
        retry += f", after {detail.retry_after.ToTimedelta().total_seconds():g}s"
    lines.append(paint(f"  ({retry}; classified by {detail.classifier})", "grey", colour))
    return "\n".join(lines)

"""Process-wide logging: one handler on the root logger, JSON lines by default.

Configured once, by ``tokgate serve``; every logger (tokgate's, grpc's, httpx's,
TikTokLive's, TikTokApi's) writes through the root handler, and the handler's formatter
redacts every part of every line (message, structured fields, tracebacks) so no secret is
written whoever logged it. Structured fields passed with ``extra={...}`` become JSON keys
(or ``key=value`` pairs in the text format).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else on a record came from ``extra``.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", logging.INFO, "", 0, "", (), None))) | {
    "message",
    "asctime",
}


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The structured fields a log call passed with ``extra``."""
    return {
        key: value
        for key, value in vars(record).items()
        if key not in _RECORD_ATTRIBUTES and not key.startswith("_")
    }


Redact = Callable[[str], str]


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the extra fields, and the
    exception's traceback where there is one; every text in it redacted."""

    def __init__(self, redact: Redact) -> None:
        super().__init__()
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._redact(record.getMessage()),
        }
        for key, value in extra_fields(record).items():
            entry[key] = _redact_value(value, self._redact)
        if record.exc_info:
            entry["exception"] = self._redact(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = self._redact(self.formatStack(record.stack_info))
        return json.dumps(entry, default=lambda v: self._redact(str(v)), ensure_ascii=False)


def _redact_value(value: Any, redact: Redact) -> Any:
    """Numbers, booleans and None stay as they are; everything else becomes redacted text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return redact(value if isinstance(value, str) else str(value))


class TextFormatter(logging.Formatter):
    """Human-readable lines with the extra fields appended as ``key=value``, redacted."""

    def __init__(self, redact: Redact) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))

    def formatMessage(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{key}={value}" for key, value in extra_fields(record).items())
        line = super().formatMessage(record)
        return f"{line} {fields}" if fields else line


def configure_logging(
    level: str, log_format: str, redact: Redact, filters: Sequence[logging.Filter] = ()
) -> None:
    """Replace the root logger's handlers with one stderr handler that redacts with
    ``redact`` and carries ``filters``."""
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter(redact) if log_format == "json" else TextFormatter(redact)
    handler.setFormatter(formatter)
    for log_filter in filters:
        handler.addFilter(log_filter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())

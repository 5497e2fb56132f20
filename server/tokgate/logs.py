"""Process-wide logging: one handler on the root logger, text on a terminal, JSON lines
otherwise (for a collector), unless ``log_format`` says which.

Configured once, by ``tokgate serve``; every logger (tokgate's, grpc's, httpx's,
TikTokApi's) writes through the root handler, so the redaction filter placed on it
(``tokgate.errors.log_redaction``) sees every line. Structured fields passed with
``extra={...}`` become JSON keys (or ``key=value`` pairs in the text format).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
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


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the extra fields, and the
    exception's traceback where there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **extra_fields(record),
        }
        # A filter may have set (and redacted) exc_text already: use it, as logging does.
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Human-readable lines with the extra fields appended as ``key=value``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        fields = " ".join(f"{key}={value}" for key, value in extra_fields(record).items())
        line = super().formatMessage(record)
        return f"{line} {fields}" if fields else line


def prepare_log_level(level: str) -> Callable[[], None] | None:
    """A reload's new log level: the commit setting it, or None when it is unchanged."""
    root = logging.getLogger()
    if logging.getLevelName(root.level) == level.upper():
        return None
    return lambda: root.setLevel(level.upper())


def configure_logging(level: str, log_format: str) -> None:
    """Replace the root logger's handlers with one stderr handler (``log_format`` auto:
    text when stderr is a terminal, JSON otherwise)."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "auto":
        log_format = "text" if sys.stderr.isatty() else "json"
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())

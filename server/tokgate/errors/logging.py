"""Log setup: one root handler, JSON or text, with every record redacted.

The redaction filter sits on the root logger's handlers, so it sees every record that
reaches them, third-party ones included (httpx logs request URLs with ``msToken`` at INFO;
TikTokApi logs response bodies). TikTokLive logs through its own handler and does not
propagate, so the filter is put on its logger as well.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any, TextIO

from tokgate.config import Settings
from tokgate.errors.redaction import Redactor

# Loggers that keep their own handlers and do not propagate to the root.
NON_PROPAGATING_LOGGERS = ("TikTokLive",)
# LogRecord attributes that are not "extra" fields.
_STANDARD_ATTRS = frozenset(
    {*vars(logging.LogRecord("", 0, "", 0, "", None, None)), "message", "asctime", "taskName"}
)


class RedactingFilter(logging.Filter):
    """Redacts a record's message, arguments, extra fields, exception and stack text."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        redact = self._redactor.redact
        record.msg = redact(record.getMessage())
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, redact(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, extra fields, exception."""

    @staticmethod
    def converter(seconds: float | None, /) -> time.struct_time:
        return time.gmtime(seconds)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS:
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, default=str)


def install_log_redaction(settings: Settings) -> RedactingFilter:
    """Add the redaction filter to every root handler and to non-propagating loggers."""
    redacting = RedactingFilter(Redactor(settings.secret_values()))
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
    for name in NON_PROPAGATING_LOGGERS:
        logging.getLogger(name).addFilter(redacting)
    return redacting


def configure_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Replace the root handlers with one stream handler (``settings.log_format``, level
    ``settings.log_level``) whose every record is redacted."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    install_log_redaction(settings)

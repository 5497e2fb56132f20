"""Log redaction: a filter that removes secrets from every log record.

``install_log_redaction`` puts it on the root logger's handlers, so it sees every record
that reaches them, third-party ones included (httpx logs request URLs with ``msToken`` at
INFO; TikTokApi logs response bodies). TikTokLive logs through its own handler and does not
propagate, so the filter goes on its logger as well. Call it after the root handlers are
configured (``tokgate.logs.configure_logging``), and hand the filter's Redactor to the error
pipeline: one Redactor for both, so a secret a reload teaches the pipeline is known here too.
"""

from __future__ import annotations

import logging

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
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        redact = self.redactor.redact
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


def install_log_redaction(settings: Settings) -> RedactingFilter:
    """Add the redaction filter to every root handler and to non-propagating loggers; its
    ``redactor`` (the configured secrets) is the one to give the error pipeline."""
    redacting = RedactingFilter(Redactor(settings.secret_values()))
    for handler in logging.getLogger().handlers:
        handler.addFilter(redacting)
    for name in NON_PROPAGATING_LOGGERS:
        logging.getLogger(name).addFilter(redacting)
    return redacting

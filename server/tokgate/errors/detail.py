"""Building ErrorDetails: the title and retryability come from the kind table, never by hand.

Plugins and tokgate use :func:`new_detail` so a classification states only what it knows
(kind, message, causes, suggestions, evidence) and the kind's fixed facts are filled in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from tokgate.errors.kinds import kind_info
from tokgate.v1 import errors_pb2

#: ``ErrorDetail.metadata`` key, ``"untrusted"`` when the upstream's TLS certificate failed
#: verification: the operator's trust setting, not the network. A LIVE room that meets it
#: waits for ``upstream_ca_file`` to change (a restarted upstream's new certificate) before
#: it gives up.
UPSTREAM_TLS: Final = "upstream_tls"


def exception_type(error: BaseException) -> str:
    """The fully qualified class name, e.g. ``TikTokLive.client.errors.UserOfflineError``."""
    cls = type(error)
    return cls.__name__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def raw_error(error: BaseException, facts: str = "") -> str:
    """``"<ExceptionType>: <message>"`` plus the upstream body's key facts, if any.

    The facts are appended in parentheses (``"KeyError: 'user' (statusCode: -1, userInfo: {})"``)
    so a caller can test ``"userInfo: {}" in raw_error`` as the error-handling guide does.
    """
    text = f"{type(error).__name__}: {error}"
    return f"{text} ({facts})" if facts else text


def new_detail(
    kind: errors_pb2.ErrorKind.ValueType,
    message: str,
    *,
    error: BaseException | None = None,
    raw: str | None = None,
    status_code: int | None = None,
    causes: Iterable[str] = (),
    suggestions: Iterable[str] = (),
    retry_after: float | None = None,
    reset_time: float | None = None,
    metadata: Mapping[str, str] | None = None,
    classifier: str = "",
) -> errors_pb2.ErrorDetail:
    """An ErrorDetail of ``kind`` with its title and ``retryable`` from the kind table.

    ``raw`` defaults to :func:`raw_error` of ``error``; ``exception_type`` is taken from
    ``error``. ``retry_after`` is in seconds, ``reset_time`` a Unix timestamp. tokgate fills
    ``classifier`` with the plugin's name when it is left empty.
    """
    info = kind_info(kind)
    detail = errors_pb2.ErrorDetail(
        kind=info.kind,
        error=info.title,
        message=message,
        retryable=info.retryable,
        possible_causes=list(causes),
        suggestions=list(suggestions),
        classifier=classifier,
        metadata=dict(metadata or {}),
    )
    if raw is not None:
        detail.raw_error = raw
    elif error is not None:
        detail.raw_error = raw_error(error)
    if error is not None:
        detail.exception_type = exception_type(error)
    if status_code is not None:
        detail.status_code = status_code
    if retry_after is not None:
        detail.retry_after.FromNanoseconds(int(max(retry_after, 0.0) * 1e9))
    if reset_time is not None:
        detail.reset_time.FromNanoseconds(int(reset_time * 1e9))
    return detail


def complete(
    detail: errors_pb2.ErrorDetail, error: BaseException, classifier: str
) -> errors_pb2.ErrorDetail:
    """Fill what a classifier left empty (title, raw_error, exception_type, classifier), so
    every ErrorDetail that leaves tokgate is whole even when a plugin was terse."""
    info = kind_info(detail.kind)
    detail.kind = info.kind
    if not detail.error:
        detail.error = info.title
    if not detail.message:
        detail.message = str(error) or info.title
    if not detail.raw_error:
        detail.raw_error = raw_error(error)
    if not detail.exception_type:
        detail.exception_type = exception_type(error)
    if not detail.classifier:
        detail.classifier = classifier
    return detail


def copied(detail: errors_pb2.ErrorDetail) -> errors_pb2.ErrorDetail:
    """A copy of ``detail``: what a plugin that may be abandoned mid-way works on."""
    copy = errors_pb2.ErrorDetail()
    copy.CopyFrom(detail)
    return copy

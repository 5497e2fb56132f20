"""tokgate's own exceptions (``tokgate.errors.exceptions``): each carries its shape as class
attributes (``advice``, ``detail_message``, ``detail_metadata``, ``retry_delay``); this
classifier only reads them. Those without advice (UpstreamStatusError: see ``tiktok_status``)
are left to the others."""

from __future__ import annotations

from tokgate.errors.exceptions import TokgateError
from tokgate.errors.hookspecs import ErrorDetail, hookimpl


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException) -> ErrorDetail | None:
    if not isinstance(error, TokgateError) or error.advice is None:
        return None
    return error.advice.detail(
        error,
        message=error.detail_message,
        retry_after=error.retry_delay,
        metadata=error.detail_metadata,
    )

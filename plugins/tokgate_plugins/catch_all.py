"""The catch-all: runs last and always answers, so every failure gets a complete ErrorDetail."""

from __future__ import annotations

from tokgate.errors import texts
from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail:
    message = f"Unexpected error during {context.operation}: {type(error).__name__}"
    return texts.INTERNAL.detail(error, message=message)

"""TikTokLive's failures (``tiktoklive_errors`` tells them apart).

TikTokLive is imported when the first room or LIVE request needs it (``tokgate.live.upstream``):
about 4 s of CPU and 30 MB a server that opens no room never pays. None of its errors can
exist before, a sign 429's ``TypeError`` included, so until then this classifier answers None
without importing it.
"""

from __future__ import annotations

import sys

from tokgate.errors.hookspecs import ErrorContext, ErrorDetail, hookimpl


@hookimpl(trylast=True)
def tokgate_classify_error(error: BaseException, context: ErrorContext) -> ErrorDetail | None:
    if "TikTokLive" not in sys.modules:
        return None
    from tokgate_plugins import tiktoklive_errors

    return tiktoklive_errors.classify(error, context)

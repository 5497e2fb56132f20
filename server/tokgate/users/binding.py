"""The browser session bound to the running call, and what its upstream requests returned.

TikTokApi picks sessions by list position (which shifts when one dies) and re-resolves the
position at every step of a request. tokgate binds one session to each call instead, in a
context variable that :class:`~tokgate.users.tiktok_api.SupervisedTikTokApi` reads, and records
every response there so a failure carries the HTTP status and body that caused it.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchResult:
    """One upstream answer as the browser saw it (``body`` cut to size, raw: the error
    pipeline redacts it)."""

    operation: str
    http_status: int | None
    body: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class CallBinding:
    """The session a call runs on and the responses it received, newest last."""

    session: Any  # TikTokApi's TikTokPlaywrightSession (untyped library class)
    session_id: str
    # The session has no msToken (none configured, none set by TikTok's page).
    ms_token_missing: bool = False
    fetches: list[FetchResult] = field(default_factory=list)

    @property
    def last_fetch(self) -> FetchResult | None:
        return self.fetches[-1] if self.fetches else None


_CURRENT: contextvars.ContextVar[CallBinding | None] = contextvars.ContextVar(
    "tokgate_users_call_binding", default=None
)


def current_binding() -> CallBinding | None:
    """The binding of the running call, or None outside a supervised call."""
    return _CURRENT.get()


@contextlib.contextmanager
def bind(binding: CallBinding) -> Iterator[CallBinding]:
    """Run the enclosed library calls on ``binding.session``."""
    token = _CURRENT.set(binding)
    try:
        yield binding
    finally:
        _CURRENT.reset(token)

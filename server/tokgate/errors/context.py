"""ErrorContext: what tokgate knew when something failed.

Classifiers need it because many upstream exceptions carry no evidence of their own:
TikTokLive's 429 surfaces as a plain ``TypeError`` and TikTokApi's "user not found" as a bare
``KeyError: 'user'``; only the operation, the HTTP status and the body tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar, Literal

Source = Literal["live", "users", "admin", "server"]
#: What the caller of report() knows about the ms token of the request that failed: the
#: session has none, or its own answers say TikTok refused it (tokgate.users.token_evidence).
MsTokenState = Literal["missing", "refused"]

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class PastError:
    """One earlier failure, for the error guide's patterns (consistent vs. per-user)."""

    time: float
    source: str
    unique_id: str | None
    status_code: int | None
    kind: int


@dataclass(frozen=True)
class ErrorContext:
    """A frozen record of one failure's circumstances. Every field but the first two is
    optional: fill in what is known. ``headers`` and ``body`` may be passed as received:
    ``ErrorPipeline.report`` redacts them before any plugin sees them.

    ``VERSION`` is part of the plugin contract (``tokgate.errors.hookspecs.HOOKS_VERSION``):
    a new optional field is a minor step, a removed or changed one a major step."""

    VERSION: ClassVar[str] = "1.0"

    source: Source
    # The RPC ("GetUser") or upstream step ("sign", "fetch_room_info", "websocket",
    # "user_detail", ...) that failed.
    operation: str
    unique_id: str | None = None
    room_id: str | None = None
    # 1 for the first try; reconnects and retries count up.
    attempt: int = 1
    # The upstream HTTP status, where there was a response.
    http_status: int | None = None
    headers: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    body: str | None = None
    # tokgate's stable id of the browser session that ran the call (users).
    session_id: str | None = None
    # The ms token's state where the caller knows it is at fault (users); outranks patterns.
    ms_token: MsTokenState | None = None
    # Recent failures, newest last; the pipeline fills it in before classifying.
    history: tuple[PastError, ...] = ()
    # When this source's recent upstream requests succeeded (newest last), for judging
    # failure patterns against every request, not only the failed ones; the pipeline fills
    # it in from what components record with ``ErrorPipeline.record_success``.
    recent_successes: tuple[float, ...] = ()
    # Anything else worth keeping in the ErrorDetail metadata.
    extra: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

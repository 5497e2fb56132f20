"""Redaction: secrets never leave the process (ErrorDetails, log lines, metric labels).

Two layers: patterns for every credential shape tokgate or its libraries handle (ms tokens,
session cookies, sign API keys, cookie headers, proxy credentials, bearer API keys), and the
literal values of the configured secrets (``Settings.secret_values()``), raw and URL-encoded,
so a secret is caught even where no pattern expects it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from tokgate.v1 import errors_pb2

REDACTED = "[REDACTED]"

# Cookie / query / form names whose values are credentials or identify a session.
_SECRET_NAMES = (
    r"msToken|ms_token|sessionid(?:_ss)?|session_id|sid_tt|sid_guard|sid_ucp_v1|ssid_ucp_v1"
    r"|uid_tt(?:_ss)?|tt_webid(?:_v2)?|ttwid|tt_chain_token|odin_tt|passport_csrf_token"
    r"|s_v_web_id|tt_csrf_token|sign_api_key|apiKey|api_key|x-api-key|X-Bogus|_signature"
    r"|X-Gnarly|password|passwd|token"
)
# Headers whose whole value is a credential.
_SECRET_HEADERS = r"Cookie|Set-Cookie|X-Set-TT-Cookie|x-api-key|Authorization|Proxy-Authorization"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Header lines and header mappings: "Cookie: a=b; c=d", "'cookie': 'a=b'", "cookie=..."
    (
        re.compile(
            rf"""(?P<key>["']?(?:{_SECRET_HEADERS})["']?\s*[:=]\s*)(?P<q>["']?)[^\r\n"']+(?P=q)""",
            re.IGNORECASE,
        ),
        rf"\g<key>\g<q>{REDACTED}\g<q>",
    ),
    # JSON / dict entries: "msToken": "value"
    (
        re.compile(
            rf"""(?P<key>["'](?:{_SECRET_NAMES})["']\s*:\s*)(["'])[^"']*\2""", re.IGNORECASE
        ),
        rf"\g<key>\2{REDACTED}\2",
    ),
    # Query strings and cookie pairs: msToken=value, sessionid=value;
    (
        re.compile(
            rf"(?P<key>(?<![\w-])(?:{_SECRET_NAMES})=)(?!\[REDACTED\])[^&;\s\"',)\]}}]+",
            re.IGNORECASE,
        ),
        rf"\g<key>{REDACTED}",
    ),
    # Bearer API keys.
    (re.compile(r"(?P<key>\bBearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE), rf"\g<key>{REDACTED}"),
    # Credentials in URLs: scheme://user:pass@host
    (
        re.compile(r"(?P<key>\b[a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]*@", re.IGNORECASE),
        rf"\g<key>{REDACTED}@",
    ),
)

# Literal secrets shorter than this are not replaced verbatim (they would shred ordinary
# text); the patterns above still catch them in their usual places.
_MIN_LITERAL = 6


class Redactor:
    """Replaces secrets in text with ``[REDACTED]``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._known: frozenset[str] = frozenset()
        self._literals: re.Pattern[str] | None = None
        self.add_secrets(secrets)

    def add_secrets(self, secrets: Iterable[str]) -> None:
        """Know more secrets by value (e.g. ms tokens a reload read), before they are used.
        None is ever forgotten: a secret taken out of service may still show up late."""
        known = self._known | {
            form
            for secret in secrets
            if len(secret) >= _MIN_LITERAL
            for form in (secret, quote(secret, safe=""), quote(secret, safe="/:"))
        }
        if known == self._known:
            return
        # Longest first so a secret that contains another is removed whole.
        ordered = sorted(known, key=len, reverse=True)
        # One reference swap: a redaction under way keeps the pattern it started with.
        self._literals = re.compile("|".join(re.escape(s) for s in ordered))
        self._known = known

    def redact(self, text: str) -> str:
        """``text`` with every secret replaced."""
        if not text:
            return text
        if self._literals is not None:
            text = self._literals.sub(REDACTED, text)
        for pattern, replacement in _PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def redact_detail(self, detail: errors_pb2.ErrorDetail) -> errors_pb2.ErrorDetail:
        """Redact every text of ``detail`` in place (and return it): every string field,
        repeated or nested, and the keys and values of scalar maps, found by the descriptor,
        so a field added to ErrorDetail (and set by a third-party enricher) is covered."""
        self._redact_message(detail)
        return detail

    def _redact_message(self, message: Message) -> None:
        for field, value in message.ListFields():
            if field.message_type is not None and field.message_type.GetOptions().map_entry:
                cleaned = {self._redact_any(k): self._redact_any(v) for k, v in value.items()}
                value.clear()
                value.update(cleaned)
            elif field.message_type is not None:
                for item in value if field.is_repeated else [value]:
                    self._redact_message(item)
            elif field.type == FieldDescriptor.TYPE_STRING:
                if field.is_repeated:
                    cleaned_items = [self.redact(item) for item in value]
                    del value[:]
                    value.extend(cleaned_items)
                else:
                    setattr(message, field.name, self.redact(value))

    def _redact_any(self, value: object) -> object:
        return self.redact(value) if isinstance(value, str) else value

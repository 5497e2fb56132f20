"""Request validation shared by every service: fail before any upstream request.

Two layers. ``screen_request`` runs on every decoded request of every RPC, before any
behaviour: no string field anywhere in it may hold a control character (a username, a hashtag
or a search query is never multi-line, and an escape or NUL echoed into a reply, a log line or
an upstream URL is an injection). Then each service checks its own fields with a rule per
field (``normalize_unique_id`` here, the others next to their service).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from google.protobuf.message import Message

from tokgate.errors.exceptions import InvalidArgumentError
from tokgate.username import UNIQUE_ID_PATTERN as UNIQUE_ID_PATTERN  # noqa: PLC0414 (re-exported)

# C0 controls (NUL, ESC, CR, LF, TAB...), DEL and the C1 controls (NEL...).
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def normalize_unique_id(value: str, field: str = "unique_id") -> str:
    """The TikTok username without "@", or InvalidArgumentError naming ``field``."""
    # Periods alone ("..", "...") are no name but a path step in the URLs built from it.
    if not UNIQUE_ID_PATTERN.fullmatch(value) or not value.strip("@."):
        # A long value is not echoed: a cut-off secret would escape literal redaction.
        shown = repr(value) if len(value) <= 40 else f"a {len(value)}-character value"
        raise InvalidArgumentError(
            field,
            f"{shown} is not a TikTok username (2 to 24 letters, digits, '_' or '.', "
            "not only '.', optionally starting with '@')",
        )
    return value.removeprefix("@")


def user_key(unique_id: str) -> str:
    """How tokgate keys a TikTok user (a room, a token's scope): the username without "@",
    lower case (TikTok's names are case-insensitive); InvalidArgumentError as above."""
    return normalize_unique_id(unique_id).lower()


def requested_user(request: object) -> str | None:
    """The valid username a request names in ``unique_id``, or None (none, or not valid)."""
    value = getattr(request, "unique_id", None)
    if not isinstance(value, str) or not value:
        return None
    try:
        return normalize_unique_id(value)
    except InvalidArgumentError:
        return None


def screen_request(request: Message) -> None:
    """InvalidArgumentError naming the first string field (``resume_from.epoch``,
    ``names[2]``) of ``request`` that holds a control character, shown as its code point."""
    for path, text in _strings(request, ""):
        found = CONTROL_CHARACTER.search(text)
        if found:
            raise InvalidArgumentError(
                path,
                f"control character U+{ord(found.group()):04X} at position {found.start()} "
                "(no field takes control characters)",
            )


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in ``value`` (a message, a field's value, a map or a repeated field),
    with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Message):
        for field, child in value.ListFields():
            yield from _strings(child, f"{path}.{field.name}" if path else field.name)
    elif isinstance(value, Mapping):
        for key, child in value.items():
            yield from _strings(key, f"{path} (a key)")
            yield from _strings(child, f"{path}[{key!r}]")
    elif isinstance(value, Sequence):
        for index, child in enumerate(value):
            yield from _strings(child, f"{path}[{index}]")

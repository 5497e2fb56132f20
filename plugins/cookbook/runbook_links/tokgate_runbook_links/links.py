"""The operator's runbook link on each kind of failure they wrote one for.

The links come from a TOML or JSON file (``RUNBOOK_LINKS_FILE``) or the same JSON in
``RUNBOOK_LINKS``: a base URL and a path per kind, or an absolute URL that stands alone::

    base_url = "https://runbooks.example.com/tokgate/"

    [kinds]
    RATE_LIMIT = "rate-limits"
    SIGN_API = "sign-server#when-it-is-down"
    AUTHENTICATION = "https://wiki.example.com/credentials"

An ErrorDetail has no field of its own for help links, so the link goes where every caller
finds it: ``metadata["runbook_url"]`` (which a gRPC client also reads in the status's
``google.rpc.ErrorInfo`` metadata) and a suggestion. Kinds without a link are left as they
are. The file is read and checked once, at load: a bad one is a clear error then.
"""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final
from urllib.parse import urlsplit

from tokgate.errors.hookspecs import ErrorDetail, ErrorKind, hookimpl

FILE_VARIABLE: Final = "RUNBOOK_LINKS_FILE"
INLINE_VARIABLE: Final = "RUNBOOK_LINKS"
METADATA_KEY: Final = "runbook_url"
KEYS: Final = ("base_url", "kinds")
#: Kind names as the config writes them (``RATE_LIMIT``, the google.rpc.ErrorInfo reason).
KIND_NAMES: Final = {
    name.removeprefix("ERROR_KIND_"): value
    for name, value in ErrorKind.items()
    if value != ErrorKind.ERROR_KIND_UNSPECIFIED
}


class RunbookConfigError(ValueError):
    """The links' file or variable is missing or wrong: tokgate refuses to start, saying
    where and why."""


@dataclass(frozen=True, eq=False)  # hashed by identity, as a plugin object is
class RunbookLinks:
    """The plugin object: a URL per kind."""

    TOKGATE_HOOKS_SUPPORTED: ClassVar[str] = ">=1.0,<2"

    urls: Mapping[int, str]

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> RunbookLinks:
        """From the file ``RUNBOOK_LINKS_FILE`` names, or the JSON in ``RUNBOOK_LINKS``."""
        path, inline = environ.get(FILE_VARIABLE, ""), environ.get(INLINE_VARIABLE, "")
        if bool(path) == bool(inline):
            raise RunbookConfigError(
                f"set one of {FILE_VARIABLE} (a .toml or .json file) or {INLINE_VARIABLE} (JSON)"
            )
        if path:
            return cls.from_file(Path(path))
        return cls.parse(_decode(json.loads, inline, INLINE_VARIABLE, "JSON"), INLINE_VARIABLE)

    @classmethod
    def from_file(cls, path: Path) -> RunbookLinks:
        """A ``.toml`` or ``.json`` file."""
        formats: dict[str, tuple[str, Callable[[str], Any]]] = {
            ".toml": ("TOML", tomllib.loads),
            ".json": ("JSON", json.loads),
        }
        if path.suffix not in formats:
            raise RunbookConfigError(f"{path}: a runbook links file is .toml or .json")
        name, parse = formats[path.suffix]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RunbookConfigError(f"{path}: cannot be read: {exc}") from None
        return cls.parse(_decode(parse, text, str(path), name), str(path))

    @classmethod
    def parse(cls, data: object, source: str) -> RunbookLinks:
        """Checked: only ``base_url`` and ``kinds``; each kind a known one with a path or a
        URL; a base URL whenever a path needs one."""
        if not isinstance(data, dict):
            raise RunbookConfigError(f"{source}: expected a table with {' and '.join(KEYS)}")
        unknown = sorted(set(data) - set(KEYS))
        if unknown:
            raise RunbookConfigError(f"{source}: unknown key(s) {', '.join(unknown)}")
        kinds = data.get("kinds")
        if not isinstance(kinds, dict) or not kinds:
            raise RunbookConfigError(f"{source}: 'kinds' must map kinds to runbook paths")
        base = data.get("base_url", "")
        if base and not (isinstance(base, str) and _is_url(base)):
            raise RunbookConfigError(f"{source}: base_url {base!r} is not an http(s) URL")
        return cls(
            {_kind(name, source): _url(base, path, name, source) for name, path in kinds.items()}
        )

    @hookimpl
    def tokgate_enrich_error(self, detail: ErrorDetail) -> None:
        """The kind's runbook, in the metadata and as a suggestion; other kinds untouched."""
        url = self.urls.get(detail.kind)
        if url is None:
            return
        detail.metadata[METADATA_KEY] = url
        suggestion = f"Follow the runbook: {url}"
        if suggestion not in detail.suggestions:
            detail.suggestions.append(suggestion)


def _decode(parse: Callable[[str], Any], text: str, source: str, name: str) -> object:
    try:
        return parse(text)
    except ValueError as exc:  # json.JSONDecodeError and tomllib.TOMLDecodeError are
        raise RunbookConfigError(f"{source}: not valid {name}: {exc}") from None


def _kind(name: object, source: str) -> int:
    kind = KIND_NAMES.get(str(name))
    if kind is None:
        close = difflib.get_close_matches(str(name), KIND_NAMES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise RunbookConfigError(
            f"{source}: {name!r} is not an error kind{hint}; kinds: {', '.join(KIND_NAMES)}"
        )
    return kind


def _url(base: str, path: object, name: object, source: str) -> str:
    if not isinstance(path, str) or not path.strip():
        raise RunbookConfigError(f"{source}: the runbook of {name} must be a path or a URL")
    if _is_url(path):
        return path
    if not base:
        raise RunbookConfigError(f"{source}: {name}'s runbook {path!r} is a path: set base_url")
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


def _is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)

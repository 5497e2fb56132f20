"""Failures as data, for the error corpus (docs/plugins.md, "The error corpus").

An exception is written down as its class (``module.qualname``), ``args``, ``str()``, its
attributes and its cause chain, and rebuilt from that without calling its ``__init__`` (which
may compute from arguments that are gone, as TikTokLive's ``SignatureRateLimitError`` reads
its response's headers): ``cls.__new__`` with the args, then the attributes. The rebuilt
exception is an instance of the real class, so a plugin's ``isinstance`` checks hold.

A context is written down the same way, its history's times as ages (seconds before the
failure), so that a case replayed later meets the same failure patterns it met when recorded.

``corpus_key`` is what a recorded corpus is valid for: the upstream libraries' versions and
the hook contract; when it differs, the failures must be recorded again.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
from importlib import metadata
from typing import Any

import httpx

from tokgate.errors.context import ErrorContext, PastError
from tokgate.errors.hookspecs import HOOKS_VERSION

#: The libraries whose failures the corpus records: a new version may fail differently.
LIBRARIES = ("TikTokLive", "TikTokApi", "httpx", "websockets")
_RESPONSE = "httpx.Response"
_REQUEST = "httpx.Request"
_ENUM = "enum"
_DATACLASS = "dataclass"
_SCALARS = (str, int, float, bool, type(None))


def exception_case(error: BaseException) -> dict[str, Any]:
    """``error`` as JSON-able data; attributes that are not data are listed in ``dropped``."""
    attributes: dict[str, Any] = {}
    dropped: list[str] = []
    for name, value in vars(error).items():
        written = _value(value)
        if written is _UNWRITABLE:
            dropped.append(name)
        else:
            attributes[name] = written
    case: dict[str, Any] = {
        "type": f"{type(error).__module__}.{type(error).__qualname__}",
        "args": [_argument(arg) for arg in error.args],
        "message": str(error),
        "attributes": attributes,
        "dropped": dropped,
    }
    if error.__cause__ is not None:
        case["cause"] = exception_case(error.__cause__)
    elif error.__context__ is not None and not error.__suppress_context__:
        case["context"] = exception_case(error.__context__)
    return case


def _argument(value: Any) -> Any:
    written = _value(value)
    return repr(value) if written is _UNWRITABLE else written


def rebuild(case: dict[str, Any]) -> BaseException:
    """The exception ``case`` describes, an instance of its real class."""
    cls = _class(case["type"])
    error = cls.__new__(cls, *case["args"])
    error.args = tuple(case["args"])
    for name, value in case["attributes"].items():
        setattr(error, name, _restored(value))
    if "cause" in case:
        error.__cause__ = rebuild(case["cause"])
    elif "context" in case:
        error.__context__ = rebuild(case["context"])
    return error


def context_case(context: ErrorContext, *, now: float) -> dict[str, Any]:
    """``context`` as JSON-able data, its history's times as ages before ``now``."""
    case = {field.name: getattr(context, field.name) for field in dataclasses.fields(context)}
    case["headers"] = dict(context.headers)
    case["extra"] = dict(context.extra)
    case["history"] = [
        {**dataclasses.asdict(past), "time": round(now - past.time, 3)} for past in context.history
    ]
    case["recent_successes"] = [round(now - when, 3) for when in context.recent_successes]
    return case


def rebuild_context(case: dict[str, Any], *, now: float) -> ErrorContext:
    """The ErrorContext ``case`` describes, as if the failure happened at ``now``."""
    fields = dict(case)
    fields["history"] = tuple(
        PastError(**{**past, "time": now - past["time"]}) for past in case["history"]
    )
    fields["recent_successes"] = tuple(now - age for age in case["recent_successes"])
    return ErrorContext(**fields)


def corpus_key() -> dict[str, str]:
    """What the recorded failures depend on: the libraries' versions, HOOKS_VERSION and
    ErrorContext.VERSION. (The built-ins' answers are recomputed, not keyed: ``corpus``.)"""
    key = {library: metadata.version(library) for library in LIBRARIES}
    return {**key, "hooks": HOOKS_VERSION, "context": ErrorContext.VERSION}


class _Unwritable:
    """Marks a value that is not data (a lock, a client, a coroutine)."""


_UNWRITABLE = _Unwritable()


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        kind = type(value)
        return {_ENUM: f"{kind.__module__}.{kind.__qualname__}.{value.name}"}
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple) and all(isinstance(item, _SCALARS) for item in value):
        return list(value)
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, _SCALARS) for k, v in value.items()
    ):
        return dict(value)
    if isinstance(value, httpx.Response):
        request = _request_of(value)
        return {
            _RESPONSE: {
                "status": value.status_code,
                "headers": list(value.headers.multi_items()),
                "text": value.text,
                "request": _value(request) if request is not None else None,
            }
        }
    if isinstance(value, httpx.Request):
        return {_REQUEST: {"method": value.method, "url": str(value.url)}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Small records such as websockets' Close frame (a ConnectionClosed's rcvd / sent).
        fields = {f.name: _value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if _UNWRITABLE not in fields.values():
            record = type(value)
            return {_DATACLASS: f"{record.__module__}.{record.__qualname__}", "fields": fields}
    return _UNWRITABLE


def _request_of(response: httpx.Response) -> httpx.Request | None:
    try:
        return response.request
    except RuntimeError:  # a response built without one
        return None


def _restored(value: Any) -> Any:
    if isinstance(value, dict) and _RESPONSE in value:
        fields = value[_RESPONSE]
        request = fields["request"]
        return httpx.Response(
            fields["status"],
            headers=fields["headers"],
            text=fields["text"],
            request=_restored(request) if request is not None else None,
        )
    if isinstance(value, dict) and _ENUM in value:
        return find_named(value[_ENUM])
    if isinstance(value, dict) and _DATACLASS in value:
        fields = {name: _restored(field) for name, field in value["fields"].items()}
        return find_named(value[_DATACLASS])(**fields)
    if isinstance(value, dict) and _REQUEST in value:
        return httpx.Request(value[_REQUEST]["method"], value[_REQUEST]["url"])
    return value


def _class(name: str) -> type[BaseException]:
    found = find_named(name)
    if isinstance(found, type) and issubclass(found, BaseException):
        return found
    raise LookupError(f"{name} is not an exception class")


def find_named(name: str) -> Any:
    """What ``module.qualname`` names (the longest importable module, then attributes)."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            found = getattr(found, attribute)
        return found
    raise LookupError(f"{name} names nothing importable")

"""Comparing ErrorDetails the way a reader compares them: a unified diff of their text form.

A failed ``assert actual == expected`` on two protobuf messages prints two one-line reprs;
this prints the fields that differ, one per line, with the kind by name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, cast

from google.protobuf import text_format

from tokgate.errors.detail import copied
from tokgate.v1.errors_pb2 import ErrorDetail, ErrorKind


def detail_diff(expected: ErrorDetail, actual: ErrorDetail) -> list[str]:
    """The unified diff from ``expected`` to ``actual`` (empty when they are equal)."""
    if expected == actual:
        return []
    return list(
        difflib.unified_diff(
            _lines(expected), _lines(actual), "expected", "actual", n=1, lineterm=""
        )
    )


def assert_detail(actual: ErrorDetail, expected: ErrorDetail | None = None, **fields: Any) -> None:
    """Assert ``actual`` equals ``expected`` (when given) with ``fields`` set on it, or, with
    only ``fields``, that those fields of ``actual`` are as given. ``kind`` may be a name
    (``"USER_OFFLINE"``), ``retry_after`` seconds, repeated fields lists, ``metadata`` a
    dict. On a mismatch the AssertionError shows the diff."""
    wanted = copied(expected if expected is not None else actual)
    for name, value in fields.items():
        _set(wanted, name, value)
    diff = detail_diff(wanted, actual)
    if diff:
        raise AssertionError("ErrorDetail differs:\n" + "\n".join(diff))


def _lines(detail: ErrorDetail) -> list[str]:
    return str(text_format.MessageToString(detail)).splitlines()


def _set(detail: ErrorDetail, name: str, value: Any) -> None:
    field = ErrorDetail.DESCRIPTOR.fields_by_name.get(name)
    if field is None:
        known = ", ".join(ErrorDetail.DESCRIPTOR.fields_by_name)
        raise TypeError(f"ErrorDetail has no field {name!r}; its fields are {known}")
    if name == "kind" and isinstance(value, str):
        value = ErrorKind.Value(value if value.startswith("ERROR_KIND_") else f"ERROR_KIND_{value}")
    if value is None:  # the field unset (status_code, retry_after, ...)
        cast(Any, detail).ClearField(name)
    elif name == "retry_after":
        detail.retry_after.FromNanoseconds(round(float(value) * 1e9))
    elif name == "reset_time":
        detail.reset_time.CopyFrom(value)
    elif name == "metadata":
        detail.metadata.clear()
        detail.metadata.update(value)
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        repeated = getattr(detail, name)
        del repeated[:]
        repeated.extend(value)
    else:
        setattr(detail, name, value)

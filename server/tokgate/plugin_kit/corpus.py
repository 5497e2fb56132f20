"""The error corpus: the real failures tokgate's tests produce, as cases a plugin is tested
against (docs/plugins.md, "The error corpus").

``corpus.json`` beside this module holds, per case, the exception (``corpus_cases``), the
``ErrorContext`` the plugins were given and the ErrorDetail the built-ins give it. It is
made by ``make corpus`` from what the test servers recorded (``recorder``): one case per
exception class, operation, kind, classifier and message shape. Its ``key`` says which
upstream libraries and hook contract the failures were recorded with; the built-ins' answers
are recomputed by ``refresh`` (seconds, no browser) when only tokgate's classifiers changed.

``scripts/corpus.py`` (``make corpus``, ``make corpus-refresh``) writes it.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from google.protobuf import json_format

from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.kinds import kind_info
from tokgate.errors.manager import PluginManager
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.plugin_kit.corpus_cases import corpus_key, rebuild, rebuild_context
from tokgate.v1.errors_pb2 import ErrorDetail

#: The corpus shipped in the package.
CORPUS_FILE = Path(__file__).with_name("corpus.json")
#: How many message shapes of one class, source, operation, kind and classifier are kept.
SHAPES_PER_GROUP = 3
#: The layout of corpus.json; a change that readers must know about bumps it.
FORMAT = 1
# Exception classes that only tests define cannot be rebuilt outside them.
_TEST_MODULES = re.compile(r"^(tests?|test_\w*|conftest|__main__)(\.|$)")
_VOLATILE = re.compile(r"\d+|0x[0-9a-f]+|[0-9a-f]{8,}|'[^']*'|\"[^\"]*\"", re.IGNORECASE)


class StaleCorpusError(Exception):
    """The corpus was recorded with other libraries or another hook contract."""


@dataclass(frozen=True)
class CorpusCase:
    """One recorded failure. ``error()``, ``context()`` and ``detail`` are made afresh at
    each use (a plugin or a test may change what it is given); ``detail`` is what the
    built-ins answer, without ``reset_time``."""

    id: str
    exception: dict[str, Any]
    context_data: dict[str, Any]
    detail_bytes: bytes

    @property
    def detail(self) -> ErrorDetail:
        return ErrorDetail.FromString(self.detail_bytes)

    def error(self) -> BaseException:
        return rebuild(self.exception)

    def context(self, now: float | None = None) -> ErrorContext:
        return rebuild_context(self.context_data, now=time.time() if now is None else now)

    @property
    def kind(self) -> str:
        return kind_info(self.detail.kind).label


@dataclass(frozen=True)
class Corpus:
    key: dict[str, str]
    cases: tuple[CorpusCase, ...]

    def __iter__(self) -> Iterator[CorpusCase]:
        return iter(self.cases)

    def __len__(self) -> int:
        return len(self.cases)

    def check_current(self) -> None:
        """Raise StaleCorpusError when the installed libraries or hooks differ from the key."""
        current = corpus_key()
        if self.key != current:
            keys = current.keys() | self.key.keys()
            changed = sorted(k for k in keys if self.key.get(k) != current.get(k))
            raise StaleCorpusError(
                "the error corpus was recorded with "
                + ", ".join(f"{k} {self.key.get(k)} (now {current.get(k)})" for k in changed)
                + ": run `make corpus`"
            )


@cache
def load(path: Path = CORPUS_FILE) -> Corpus:
    """The corpus in ``path`` (by default the one shipped with tokgate)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise StaleCorpusError(f"{path}: format {data.get('format')}, this tokgate reads {FORMAT}")
    cases = tuple(
        CorpusCase(
            case["id"],
            case["exception"],
            case["context"],
            json_format.ParseDict(case["detail"], ErrorDetail()).SerializeToString(),
        )
        for case in data["cases"]
    )
    return Corpus(data["key"], cases)


def comparable(detail: ErrorDetail) -> ErrorDetail:
    """``detail`` without what depends on the moment (``reset_time``: now plus retry_after)."""
    copy = ErrorDetail()
    copy.CopyFrom(detail)
    copy.ClearField("reset_time")
    return copy


async def builtin_details(
    cases: Iterable[tuple[dict[str, Any], dict[str, Any]]],
) -> list[ErrorDetail]:
    """What the built-in classifiers answer for each (exception, context) case now."""
    settings = Settings()
    pipeline = ErrorPipeline(settings, PluginManager.load(settings, entry_points=[]))
    now = time.time()
    try:
        return [
            comparable(await pipeline.classify(rebuild(error), rebuild_context(context, now=now)))
            for error, context in cases
        ]
    finally:
        await pipeline.stop()


def recorded(directories: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """The cases the recorders wrote into ``directories`` that can be rebuilt here."""
    for directory in directories:
        for path in sorted(Path(directory).glob("cases-*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                case = json.loads(line)
                if _rebuildable(case["exception"]):
                    yield case


def _rebuildable(exception: dict[str, Any]) -> bool:
    """Whether the exception rebuilds faithfully here: its class importable (not a test's),
    and the copy reads as the original did (``str()``), down its chain."""
    if _TEST_MODULES.match(exception["type"]):
        return False
    try:
        faithful = str(rebuild(exception)) == exception["message"]
    except Exception:  # a class that is gone, or one that needs what was dropped
        return False
    links = ("cause", "context")
    return faithful and all(_rebuildable(exception[link]) for link in links if link in exception)


def _shape(message: str) -> str:
    return _VOLATILE.sub("#", message)[:120]


async def build(raw_cases: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """corpus.json's content: one case per (class, source, operation, kind, classifier,
    message shape), the smallest of each, at most ``SHAPES_PER_GROUP`` shapes of one class,
    source, operation, kind and classifier (the fuzz tests' refusals differ in every
    message), in a stable order."""
    raw = list(raw_cases)
    details = await builtin_details((case["exception"], case["context"]) for case in raw)
    chosen: dict[tuple[str, ...], tuple[str, dict[str, Any], ErrorDetail]] = {}
    for case, detail in zip(raw, details, strict=True):
        exception, context = case["exception"], case["context"]
        group = (
            exception["type"],
            context["source"],
            context["operation"],
            kind_info(detail.kind).label,
            detail.classifier,
            _shape(exception["message"]),
        )
        text = json.dumps(case, sort_keys=True)
        if group not in chosen or (len(text), text) < (len(chosen[group][0]), chosen[group][0]):
            chosen[group] = (text, case, detail)
    kept: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in sorted(chosen, key=lambda key: (key[:-1], len(chosen[key][0]), key)):
        shapes = kept.setdefault(key[:-1], [])
        if len(shapes) < SHAPES_PER_GROUP:
            shapes.append(key)
    cases = []
    names: dict[str, int] = {}
    for key in sorted(key for shapes in kept.values() for key in shapes):
        _, case, detail = chosen[key]
        name = f"{key[2]}-{key[0].rsplit('.', 1)[-1]}-{key[3]}"
        names[name] = names.get(name, 0) + 1
        cases.append(
            {
                "id": name if names[name] == 1 else f"{name}-{names[name]}",
                "exception": case["exception"],
                "context": case["context"],
                "detail": _detail_data(detail),
            }
        )
    return {"format": FORMAT, "key": corpus_key(), "cases": cases}


async def refreshed(data: dict[str, Any]) -> dict[str, Any]:
    """The corpus ``data`` with the built-ins' answers recomputed (same cases, same key)."""
    details = await builtin_details((case["exception"], case["context"]) for case in data["cases"])
    for case, detail in zip(data["cases"], details, strict=True):
        case["detail"] = _detail_data(detail)
    return data


def _detail_data(detail: ErrorDetail) -> dict[str, Any]:
    return json_format.MessageToDict(detail, preserving_proto_field_name=True)


def write(data: dict[str, Any], path: Path = CORPUS_FILE) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")

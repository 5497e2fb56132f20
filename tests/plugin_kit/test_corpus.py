"""The error corpus shipped with tokgate (``tokgate/plugin_kit/corpus.json``): current for the
installed libraries, answered by today's built-ins as recorded, rebuilt faithfully, and free
of secrets. None of this runs a browser: the failures were recorded by the suites that
produce them (``make corpus``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from tokgate.errors.redaction import Redactor
from tokgate.plugin_kit import detail_diff
from tokgate.plugin_kit.corpus import CORPUS_FILE, CorpusCase, builtin_details, load
from tokgate.plugin_kit.corpus_cases import find_named

CORPUS = load()


def test_the_corpus_was_recorded_with_the_installed_libraries_and_hooks() -> None:
    CORPUS.check_current()  # StaleCorpusError: "... run `make corpus`"


def test_the_builtins_still_give_the_recorded_answers() -> None:
    cases = list(CORPUS)
    now = asyncio.run(builtin_details((case.exception, case.context_data) for case in cases))
    stale = {
        case.id: detail_diff(case.detail, detail)
        for case, detail in zip(cases, now, strict=True)
        if detail != case.detail
    }
    assert not stale, (
        "the built-in classifiers answer these corpus cases differently now; if that is "
        "intended, run `make corpus-refresh` and commit corpus.json:\n"
        + "\n".join(f"{name}:\n" + "\n".join(diff) for name, diff in stale.items())
    )


def _chain(case: dict[str, Any]) -> Iterator[dict[str, Any]]:
    while case:
        yield case
        case = case.get("cause") or case.get("context") or {}


@pytest.mark.parametrize("case", CORPUS.cases, ids=[case.id for case in CORPUS.cases])
def test_a_case_rebuilds_as_an_instance_of_its_real_class(case: CorpusCase) -> None:
    error: BaseException | None = case.error()
    for recorded in _chain(case.exception):
        assert error is not None
        assert isinstance(error, find_named(recorded["type"])), recorded["type"]
        assert str(error) == recorded["message"]
        error = error.__cause__ or error.__context__


def test_the_corpus_holds_failures_of_both_libraries_and_their_transport() -> None:
    modules = {
        recorded["type"].split(".")[0] for case in CORPUS for recorded in _chain(case.exception)
    }
    assert {"TikTokLive", "TikTokApi", "tokgate", "builtins"} <= modules
    assert {case.context().source for case in CORPUS} >= {"live", "users", "server"}


def test_no_string_in_the_corpus_holds_a_secret() -> None:
    patterns = Redactor()

    def strings(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)

    leaks = [s for s in strings(json.loads(CORPUS_FILE.read_text())) if patterns.redact(s) != s]
    assert not leaks

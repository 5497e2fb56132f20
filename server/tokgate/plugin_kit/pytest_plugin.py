"""The pytest plugin for tokgate plugin authors (entry point ``pytest11``: loaded by pytest
wherever tokgate is installed).

* ``tokgate_harness(plugin, timeout=..., max_strikes=...)``: a :class:`PluginHarness` for an
  installed plugin (its entry-point name) or a plugin object, closed after the test.
* ``tokgate_corpus_case``: a test that takes it runs once per case of the error corpus (every
  real failure tokgate's tests produce), a :class:`~tokgate.plugin_kit.corpus.CorpusCase`
  (``harness.report_case(case)`` reports it; ``case.detail`` is the built-ins' answer).
* ``assert a == b`` on two ErrorDetails shows a diff of their fields (and
  ``tokgate.plugin_kit.assert_detail`` does the same for a few fields).

Imports of tokgate happen only when a fixture or a comparison needs them, so projects that
merely have tokgate installed pay nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tokgate.plugin_kit.harness import PluginHarness


@pytest.fixture
def tokgate_harness() -> Iterator[Callable[..., PluginHarness]]:
    """``tokgate_harness(plugin, *, timeout=None, max_strikes=None) -> PluginHarness``."""
    from tokgate.plugin_kit.harness import PluginHarness

    made: list[PluginHarness] = []

    def make(plugin: str | object, **options: Any) -> PluginHarness:
        harness = PluginHarness(plugin, **options)
        made.append(harness)
        return harness

    yield make
    for harness in made:
        harness.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``tokgate_corpus_case`` over the error corpus, one test id per case."""
    if "tokgate_corpus_case" not in metafunc.fixturenames:
        return
    from tokgate.plugin_kit.corpus import load

    cases = list(load())
    metafunc.parametrize("tokgate_corpus_case", cases, ids=[case.id for case in cases])


def pytest_assertrepr_compare(op: str, left: object, right: object) -> list[str] | None:
    """A field diff for ``==`` between two ErrorDetails."""
    if op != "==" or type(left).__name__ != "ErrorDetail" or type(right) is not type(left):
        return None
    from tokgate.plugin_kit.details import detail_diff
    from tokgate.v1.errors_pb2 import ErrorDetail

    if not isinstance(left, ErrorDetail) or not isinstance(right, ErrorDetail):
        return None
    return ["ErrorDetails differ (- left, + right):", *detail_diff(left, right)[2:]]

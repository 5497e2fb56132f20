"""The Go client's ``go test ./...`` against this module's tokgate server and simulator.

It asserts that events arrive from ``sim_live`` and that failing calls (``sim_offline``, an
invalid username) carry an ErrorDetail of the right kind; see clients/go/tokgate/*_test.go.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

GO_MODULE = Path(__file__).resolve().parents[2] / "clients" / "go"


@pytest.mark.polyglot
@pytest.mark.timeout(900)  # a fresh machine downloads and compiles the dependencies first
def test_go_client_suite_passes(
    run_polyglot_suite: Callable[[str, Sequence[str], Path], None],
) -> None:
    run_polyglot_suite("go-deps", ["go", "test", "-count=1", "./..."], GO_MODULE)

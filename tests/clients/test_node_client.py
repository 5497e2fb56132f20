"""The Node client's ``node --test`` against this module's tokgate server and simulator.

It asserts that events arrive from ``sim_live`` and that failing calls (``sim_offline``, an
invalid username) carry an ErrorDetail of the right kind; see clients/node/test/.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

NODE_PACKAGE = Path(__file__).resolve().parents[2] / "clients" / "node"


@pytest.mark.polyglot
@pytest.mark.timeout(900)  # a fresh machine downloads and compiles the dependencies first
def test_node_client_suite_passes(
    run_polyglot_suite: Callable[[str, Sequence[str], Path], None],
) -> None:
    run_polyglot_suite("node-deps", ["node", "--test"], NODE_PACKAGE)

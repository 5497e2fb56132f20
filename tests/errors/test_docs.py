"""docs/errors.md renders the kind table of the code, not a copy that drifts."""

from __future__ import annotations

import re
from pathlib import Path

from tokgate.errors.kinds import KIND_TABLE

DOC = Path(__file__).parents[2] / "docs" / "errors.md"


def test_kind_table_in_docs_matches_the_code() -> None:
    rows = re.findall(
        r"^\| `([A-Z_]+)` \| ([^|]+) \| `([A-Z_]+)` \| (yes|no) \| `([a-z_]+)` \|$",
        DOC.read_text(),
        re.M,
    )
    expected = [
        (info.name, info.title, info.code.name, "yes" if info.retryable else "no", info.label)
        for info in KIND_TABLE.values()
    ]
    assert [
        (name, title.strip(), code, retry, label) for name, title, code, retry, label in rows
    ] == (expected)

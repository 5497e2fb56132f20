"""No drafting note is published: the docs and the README read as finished pages, not as
notes between the people who wrote them ("draft for the lead", "the lead merges this")."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted([REPO / "README.md", REPO / "CHANGELOG.md", *(REPO / "docs").rglob("*.md")])
NOTES = re.compile(
    r"draft for|\(draft\b|the lead merges|for the lead\b|TODO\(\w+\)|\bFIXME\b|\bXXX\b",
    re.IGNORECASE,
)


def test_no_page_carries_a_drafting_note() -> None:
    found = [
        f"{page.relative_to(REPO)}:{number}: {line.strip()}"
        for page in PAGES
        for number, line in enumerate(page.read_text().splitlines(), start=1)
        if NOTES.search(line)
    ]
    assert found == [], "drafting notes in published pages:\n" + "\n".join(found)


def test_the_note_patterns_catch_the_notes_once_published() -> None:
    for note in (
        "> Draft for the README: the lead merges this section.",
        "## README section (draft for the lead)",
        "TODO(lead): merge",
    ):
        assert NOTES.search(note), note

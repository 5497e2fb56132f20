"""The project stands on its own files: nothing in it (code, comments, docs, tests) points to
design notes or source documents kept outside the repository; what a reader needs is in docs/."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Spelt in pieces so that this file does not name them itself.
OUTSIDE = ("DESIGN" + ".md", "../" + "shared", "seeds" + "/", "seed " + "000")


def test_no_tracked_file_points_outside_the_repository() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    found = []
    for name in filter(None, listed):
        path = ROOT / name.decode()
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{name.decode()}: {needle}" for needle in OUTSIDE if needle in text]
    assert found == []

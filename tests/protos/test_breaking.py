"""The breaking-change check `make test` runs (`make protos-breaking`) catches a breaking change.

It runs buf the way the Makefile does, against protos/released.json (the contract as last
released), on a scratch copy of protos/: unchanged it passes, an added field passes, and a
changed field type or a field moved into a oneof fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUF = Path(sys.executable).parent / "buf"
WAIT = "  bool wait_until_live = 3;"


def breaking(protos: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BUF), "breaking", str(protos), "--against", str(REPO / "protos" / "released.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def protos(tmp_path: Path) -> Path:
    copy = tmp_path / "protos"
    shutil.copytree(REPO / "protos", copy, ignore=shutil.ignore_patterns("released.json"))
    return copy


def edit_live_proto(protos: Path, old: str, new: str) -> None:
    live = protos / "tokgate" / "v1" / "live.proto"
    text = live.read_text()
    assert old in text, f"{old!r} is not in live.proto any more: update this test"
    live.write_text(text.replace(old, new, 1))


def test_the_contract_as_it_is_and_an_addition_pass(protos: Path) -> None:
    assert breaking(protos).returncode == 0, breaking(protos).stdout
    edit_live_proto(protos, WAIT, WAIT + "\n  string added_for_the_test = 99;")
    result = breaking(protos)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("new", "reported"),
    [
        ("  int32 wait_until_live = 3;", "changed type"),
        ("  oneof wait { bool wait_until_live = 3; }", "oneof"),
    ],
)
def test_a_breaking_change_fails(protos: Path, new: str, reported: str) -> None:
    edit_live_proto(protos, WAIT, new)
    result = breaking(protos)
    assert result.returncode != 0
    assert reported in (result.stdout + result.stderr).lower(), result.stdout + result.stderr

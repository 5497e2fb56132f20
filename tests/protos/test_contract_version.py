"""Versions (docs/releases.md): the contract's version moves with its .proto files and the
newest CHANGELOG.md entry names it; every version is semantic; ``tokgate --version`` says
what runs. Runs on a fresh clone: no git history is read."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tomllib
from pathlib import Path

from tokgate.testing import child_env, tokgate_argv
from tokgate.versions import CONTRACT_PROTOS_SHA256, CONTRACT_VERSION, SERVER_VERSION

REPO = Path(__file__).resolve().parents[2]
PROTOS = REPO / "protos"
CHANGELOG = REPO / "CHANGELOG.md"
SEMVER = re.compile(r"\d+\.\d+\.\d+")
HOW_TO_BUMP = """protos/tokgate changed, and the contract's version did not. In
server/tokgate/versions.py, bump CONTRACT_VERSION (docs/releases.md: minor for an addition,
patch for comments only; a breaking change is a new package, tokgate.v2, and major) and set
CONTRACT_PROTOS_SHA256 = "{digest}"; then name the new version in CHANGELOG.md's newest entry
("Contract: X.Y.Z") with what changed."""


def protos_digest(protos: Path) -> str:
    """SHA-256 of the contract's .proto files (protos/tokgate), paths and contents, line
    endings normalized; webcast/ is TikTok's wire, not the contract."""
    digest = hashlib.sha256()
    for path in sorted((protos / "tokgate").rglob("*.proto")):
        digest.update(path.relative_to(protos).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


def newest_entry(changelog: str) -> str:
    """The text of the first ``## [...]`` section."""
    sections = re.split(r"^## ", changelog, flags=re.MULTILINE)
    assert len(sections) > 1, "CHANGELOG.md has no entry"
    return sections[1]


def test_the_contract_version_belongs_to_these_protos() -> None:
    digest = protos_digest(PROTOS)
    assert digest == CONTRACT_PROTOS_SHA256, HOW_TO_BUMP.format(digest=digest)


def test_the_newest_changelog_entry_names_the_contract_version() -> None:
    entry = newest_entry(CHANGELOG.read_text())
    named = re.findall(r"^Contract: (\S+)", entry, flags=re.MULTILINE)
    assert named == [CONTRACT_VERSION], (
        f"CHANGELOG.md's newest entry must say 'Contract: {CONTRACT_VERSION}' once"
    )


def test_the_changelog_keeps_a_changelog() -> None:
    text = CHANGELOG.read_text()
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/" in text and "https://semver.org/" in text
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings and all(
        re.fullmatch(r"\[Unreleased\]|\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", heading)
        for heading in headings
    ), headings
    kinds = set(re.findall(r"^### (.+)$", text, flags=re.MULTILINE))
    assert kinds <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}, kinds


def test_every_version_is_semantic() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    node = json.loads((REPO / "clients" / "node" / "package.json").read_text())
    for what, version in (
        ("the server (pyproject.toml)", pyproject["project"]["version"]),
        ("the contract", CONTRACT_VERSION),
        ("the Node client", node["version"]),
    ):
        assert SEMVER.fullmatch(version), f"{what}: {version!r} is not MAJOR.MINOR.PATCH"
    # The contract's major version is its package's: tokgate.v1 is 1.x.y.
    packages = {path.name for path in (PROTOS / "tokgate").iterdir() if path.is_dir()}
    assert packages == {f"v{CONTRACT_VERSION.split('.')[0]}"}


def test_tokgate_version_names_the_contract_and_the_pinned_libraries() -> None:
    shown = subprocess.run(
        tokgate_argv("--version"),
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    pins = dict(
        re.findall(r'"(TikTokLive|TikTokApi)==([^"]+)"', (REPO / "pyproject.toml").read_text())
    )
    assert shown.strip() == (
        f"tokgate {SERVER_VERSION} (contract {CONTRACT_VERSION}; "
        f"TikTokLive {pins['TikTokLive']}, TikTokApi {pins['TikTokApi']})"
    )

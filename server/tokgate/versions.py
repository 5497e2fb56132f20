"""What this build is: the server's version, the contract's, and the TikTok libraries'.

tokgate, its contract (protos/tokgate, the package ``tokgate.v1``) and each client follow
semantic versioning independently (docs/releases.md). The contract's version lives here, beside
the SHA-256 of the .proto files it names: tests/protos/test_contract_version.py fails when the
protos change without a new version (and a CHANGELOG.md entry that names it), and prints the
digest to write here.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    SERVER_VERSION = version("tokgate")
except PackageNotFoundError:  # running from a source tree that was never installed
    SERVER_VERSION = "0.0.0"
CONTRACT_VERSION = "1.2.0"
CONTRACT_PROTOS_SHA256 = "fdebd36d3254b11f37bb864abb597fb2e855faea3f8b184cebfa7d1cbdd98098"

# The upstream libraries, pinned in pyproject.toml, as their distributions are named.
UPSTREAM_LIBRARIES = ("TikTokLive", "TikTokApi")


def library_versions() -> dict[str, str]:
    """Each upstream library's installed version ("not installed" when it is missing)."""
    found: dict[str, str] = {}
    for name in UPSTREAM_LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def version_text() -> str:
    """``tokgate --version``'s line."""
    libraries = ", ".join(f"{name} {found}" for name, found in library_versions().items())
    return f"tokgate {SERVER_VERSION} (contract {CONTRACT_VERSION}; {libraries})"

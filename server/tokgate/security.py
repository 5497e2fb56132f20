"""Who may call tokgate: API keys (stored hashed), TLS / mutual TLS, and the exposure rule.

The server keeps only the sha256 digests of its callers' keys (``api_key_hashes``,
``admin_key_hashes``), so a leaked configuration reveals no key; ``tokgate hash-key`` makes
the digests. Keys are compared in constant time and never logged. A server that would
listen beyond loopback with neither keys nor TLS refuses to start unless ``--insecure``.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import ipaddress
import secrets
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tokgate.config import Settings
from tokgate.errors.exceptions import PermissionDeniedError, UnauthenticatedError

if TYPE_CHECKING:
    import grpc

# Methods every caller may use without a key: probes and tooling (grpcurl) need them.
OPEN_SERVICES = (
    "grpc.health.v1.Health",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
)
ADMIN_SERVICE = "tokgate.v1.AdminService"
KEY_PREFIX = "tgk_"


def hash_key(key: str) -> str:
    """The sha256 hex digest the server stores for ``key``."""
    return hashlib.sha256(key.encode()).hexdigest()


def generate_key() -> str:
    """A new random API key (256 bits)."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


@dataclass(frozen=True)
class ApiKeys:
    """The accepted key digests; with none configured, every caller is accepted."""

    accepted: tuple[bytes, ...]
    admin: tuple[bytes, ...]

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiKeys:
        """Digests from the settings; a malformed one is a start-up error (ValueError)."""
        admin = tuple(_digest(h, "admin_key_hashes") for h in settings.admin_key_hashes)
        accepted = tuple(_digest(h, "api_key_hashes") for h in settings.api_key_hashes)
        return cls(accepted=accepted + admin, admin=admin)

    @property
    def enabled(self) -> bool:
        return bool(self.accepted)

    def check(self, service: str, metadata: Iterable[tuple[str, Any]]) -> None:
        """Raise UnauthenticatedError / PermissionDeniedError unless the call may go on."""
        if not self.enabled or service in OPEN_SERVICES:
            return
        key = bearer_key(metadata)
        if key is None:
            raise UnauthenticatedError(
                "this server requires an API key: send metadata 'authorization: Bearer <key>'"
            )
        digest = hashlib.sha256(key.encode()).digest()
        if not _contains(self.accepted, digest):
            raise UnauthenticatedError("the API key is not accepted by this server")
        if service == ADMIN_SERVICE and self.admin and not _contains(self.admin, digest):
            raise PermissionDeniedError(f"this API key may not call {ADMIN_SERVICE}")


def _digest(hex_digest: str, setting: str) -> bytes:
    try:
        raw = bytes.fromhex(hex_digest)
    except ValueError:
        raw = b""
    if len(raw) != hashlib.sha256().digest_size:
        raise ValueError(
            f"{setting}: an entry is not a sha256 hex digest (make one with `tokgate hash-key`)"
        )
    return raw


def _contains(digests: tuple[bytes, ...], digest: bytes) -> bool:
    """Constant-time membership: every entry is compared, each in constant time."""
    found = False
    for candidate in digests:
        found |= hmac.compare_digest(candidate, digest)
    return found


def bearer_key(metadata: Iterable[tuple[str, Any]]) -> str | None:
    """The key of an ``authorization: Bearer <key>`` header, if the call sends one."""
    for name, value in metadata:
        if name.lower() != "authorization" or not isinstance(value, str):
            continue
        scheme, _, key = value.strip().partition(" ")
        if scheme.lower() == "bearer" and key.strip():
            return key.strip()
    return None


def server_credentials(settings: Settings) -> grpc.ServerCredentials | None:
    """TLS credentials for the gRPC port (client certificates required with
    ``tls_client_ca``), or None for plaintext. Misconfiguration raises ValueError."""
    if not settings.tls_cert and not settings.tls_key:
        if settings.tls_client_ca:
            raise ValueError("tls_client_ca needs tls_cert and tls_key (mutual TLS is TLS)")
        return None
    if not (settings.tls_cert and settings.tls_key):
        raise ValueError("TLS needs both tls_cert and tls_key")
    import grpc

    key, chain = _read(settings.tls_key, "tls_key"), _read(settings.tls_cert, "tls_cert")
    client_ca = _read(settings.tls_client_ca, "tls_client_ca") if settings.tls_client_ca else None
    return grpc.ssl_server_credentials(
        [(key, chain)], root_certificates=client_ca, require_client_auth=client_ca is not None
    )


def _read(path: str, setting: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValueError(f"{setting}: cannot read {path}: {exc.strerror}") from None


def exposure_problem(settings: Settings, host: str, *, tls_counts: bool = True) -> str | None:
    """Why listening on ``host`` would be unsafe, or None when it is fine. ``tls_counts``:
    the port is served with the TLS settings; False for a plain HTTP port (the web port),
    which only API keys protect."""
    if is_loopback(host) or settings.insecure:
        return None
    if settings.api_key_hashes or settings.admin_key_hashes or (tls_counts and settings.tls_cert):
        return None
    missing = (
        "neither API keys (api_key_hashes) nor TLS (tls_cert, tls_key) are configured; set one "
        "of them"
        if tls_counts
        else "no API keys (api_key_hashes) are configured (the port is plain HTTP: TLS on the "
        "gRPC port does not cover it); set them"
    )
    return (
        f"refusing to listen on {host!r}: it is not a loopback address and {missing}, or pass "
        "--insecure (TOKGATE_INSECURE=true) if an open port is really what you want"
    )


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for wildcards and other names."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- `tokgate hash-key` ---------------------------------------------------------------


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "hash-key",
        help="print the sha256 digest of an API key (for api_key_hashes / admin_key_hashes)",
        description="Reads an API key from stdin and prints the digest tokgate stores; "
        "with --generate, makes a new random key and prints the key and its digest.",
    )
    parser.add_argument(
        "--generate", action="store_true", help="generate a new random key instead of reading one"
    )
    parser.set_defaults(handler=_hash_key_command)


def _hash_key_command(args: argparse.Namespace) -> int:
    if args.generate:
        key = generate_key()
        print(f"key:    {key}")
        print(f"sha256: {hash_key(key)}")
        return 0
    key = (getpass.getpass("API key: ") if sys.stdin.isatty() else sys.stdin.readline()).strip()
    if not key:
        print("tokgate hash-key: no key on stdin (or use --generate)", file=sys.stderr)
        return 2
    print(hash_key(key))
    return 0

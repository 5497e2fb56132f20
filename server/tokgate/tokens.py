"""Scoped tokens: what a web page may hold instead of an API key.

A token names the RPC methods it may call (read-only ones: never AdminService), the TikTok
users its requests may name, and when it expires. It is a JWT (PyJWT, HS256) signed with the
server's secret (``token_signing_key_file``), so the server verifies it without storing it;
the ``tgt_`` prefix tells it from an API key (``tgk_``). A token someone copies out of a page
can do no more than the page: read those users' data, for a while.
"""

from __future__ import annotations

import functools
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import jwt

from tokgate.errors.exceptions import (
    InvalidArgumentError,
    PermissionDeniedError,
    UnauthenticatedError,
)
from tokgate.errors.kinds import ErrorKind
from tokgate.errors.texts import Advice
from tokgate.validation import requested_user, user_key

TOKEN_PREFIX = "tgt_"
ALGORITHM = "HS256"
ISSUER = "tokgate"
# RFC 7518 3.2: an HS256 key at least as long as the hash.
MIN_KEY_BYTES = 32
# Services whose methods only read: what a token may be scoped to.
READ_ONLY_SERVICES = ("tokgate.v1.LiveService", "tokgate.v1.UserService")


class TokenRefusedError(UnauthenticatedError):
    """A token that expired, or that this server's key did not sign."""

    advice = Advice(
        ErrorKind.ERROR_KIND_UNAUTHENTICATED,
        "The scoped token is not accepted",
        ("The token has expired, or this server's signing key did not sign it",),
        ("Mint a new token with `tokgate token mint`",),
    )


class TokenScopeError(PermissionDeniedError):
    """A valid token asked for a method or a user outside its scope."""

    advice = Advice(
        ErrorKind.ERROR_KIND_PERMISSION_DENIED,
        "This token may not make this call",
        ("The token's scope names other methods or other users",),
        ("Mint a token for this method and user with `tokgate token mint`",),
    )


def read_signing_key(path: str) -> bytes:
    """The secret in ``path`` (surrounding whitespace dropped); ValueError when it is unreadable
    or too short (the message names the file, never its content)."""
    try:
        key = Path(path).read_bytes().strip()
    except OSError as exc:
        raise ValueError(f"token_signing_key_file: cannot read {path}: {exc.strerror}") from None
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(
            f"token_signing_key_file: {path} holds fewer than {MIN_KEY_BYTES} bytes "
            "(make one with `tokgate token new-key`)"
        )
    return key


def new_signing_key() -> str:
    """A new random signing key (256 bits), as text for a key file."""
    return secrets.token_urlsafe(32)


@functools.cache
def read_only_methods() -> tuple[str, ...]:
    """Every method a token may be scoped to, as ``tokgate.v1.LiveService/StreamEvents``
    (read from the contract once: every token check asks)."""
    from tokgate.v1 import live_pb2, users_pb2

    return tuple(
        f"{service.full_name}/{method.name}"
        for module in (live_pb2, users_pb2)
        for service in module.DESCRIPTOR.services_by_name.values()
        if service.full_name in READ_ONLY_SERVICES
        for method in service.methods
    )


@dataclass(frozen=True)
class TokenScope:
    """What one token allows: methods, users (empty: any) and its expiry (Unix seconds)."""

    methods: frozenset[str]
    users: frozenset[str]
    expires_at: int

    def check_method(self, full_method: str) -> None:
        """PermissionDeniedError unless ``/service/method`` is in scope."""
        method = full_method.lstrip("/")
        if method not in self.methods:
            raise TokenScopeError(f"this token may not call {method}")

    def check_request(self, request: object) -> None:
        """PermissionDeniedError unless the request names a user in scope by ``unique_id``
        (when the scope names users: a request by room id or sec_uid could reach anyone)."""
        if not self.users:
            return
        user = requested_user(request)
        if user is None or user.lower() not in self.users:
            raise TokenScopeError(
                "this token only reads the users it names, by unique_id: "
                + ", ".join(sorted(self.users))
            )


def scope_for(methods: Iterable[str], users: Iterable[str], ttl_seconds: float) -> TokenScope:
    """A scope from a minter's words: methods as ``Service/Method`` (with or without the
    ``tokgate.v1.`` package), users as TikTok names; ValueError for anything not allowed."""
    allowed = read_only_methods()
    chosen = set()
    for method in methods:
        name = method.strip().lstrip("/")
        full = name if name.startswith("tokgate.") else f"tokgate.v1.{name}"
        if full not in allowed:
            raise ValueError(
                f"{method!r} is not a read-only tokgate method; choose from: {', '.join(allowed)}"
            )
        chosen.add(full)
    if not chosen:
        raise ValueError("a token needs at least one method")
    if ttl_seconds <= 0:
        raise ValueError("a token's lifetime must be positive")
    try:
        names = frozenset(user_key(user) for user in users)
    except InvalidArgumentError as exc:
        raise ValueError(exc.detail_message) from None
    return TokenScope(frozenset(chosen), names, int(time.time() + ttl_seconds))


def mint(key: bytes, scope: TokenScope) -> str:
    """The token for ``scope``, signed with ``key``."""
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "iat": int(time.time()),
        "exp": scope.expires_at,
        "jti": secrets.token_hex(8),
        "methods": sorted(scope.methods),
        "users": sorted(scope.users),
    }
    return TOKEN_PREFIX + jwt.encode(claims, key, algorithm=ALGORITHM)


def is_token(credential: str) -> bool:
    return credential.startswith(TOKEN_PREFIX)


class TokenVerifier:
    """Checks tokens against the server's signing key."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "TokenVerifier([REDACTED])"

    def verify(self, token: str) -> TokenScope:
        """The token's scope; UnauthenticatedError when it is expired, forged or malformed."""
        try:
            claims = jwt.decode(
                token.removeprefix(TOKEN_PREFIX),
                self._key,
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenRefusedError(
                "the token has expired: mint a new one (`tokgate token mint`)"
            ) from None
        except jwt.InvalidTokenError:
            raise TokenRefusedError("the token is not accepted by this server") from None
        methods, users = claims.get("methods"), claims.get("users")
        if not _strings(methods) or not _strings(users):
            raise TokenRefusedError("the token is not accepted by this server")
        # A token only ever reads, whatever its signer wrote into it.
        read_only = frozenset(methods).intersection(read_only_methods())
        return TokenScope(read_only, frozenset(user.lower() for user in users), int(claims["exp"]))


def _strings(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)

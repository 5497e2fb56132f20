"""Who a call comes from: the identity budgets and quotas are shared out by.

A caller is its API key when the call sends one (named by the first 12 hex digits of the key's
sha256, the form ``api_key_hashes`` holds: never the key), else its peer's address without the
port (every connection from one host is one caller, as a sign server counts per IP). The name is
safe to log and to put in a metric label or an in-band message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, Protocol

from tokgate.security import bearer_key

# Digits of the key's digest that name it: enough to tell a team's keys apart, too few to
# search for the key by.
KEY_NAME_DIGITS = 12


class _Call(Protocol):
    """What a grpc.aio ServicerContext offers that identifies its caller."""

    def invocation_metadata(self) -> Iterable[tuple[str, Any]] | None: ...

    def peer(self) -> str: ...


def caller_of(context: _Call) -> str:
    """``key:<12 hex digits of its sha256>`` or ``peer:<address>`` (``peer:unknown`` when
    grpc does not say)."""
    key = bearer_key(context.invocation_metadata() or ())
    if key is not None:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:KEY_NAME_DIGITS]
    return "peer:" + peer_address(context.peer())


def peer_address(peer: str | None) -> str:
    """grpc's peer string (``ipv4:127.0.0.1:5000``, ``ipv6:[::1]:5000``, ``unix:/path``) without
    its scheme and port."""
    if not peer:
        return "unknown"
    scheme, _, address = peer.partition(":")
    if scheme == "ipv6" and address.startswith("["):
        return address[: address.find("]") + 1]
    if scheme == "ipv4":
        return address.rpartition(":")[0] or address
    return address or scheme

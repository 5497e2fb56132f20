"""Who a call comes from: an API key by its digest's prefix, else the peer's host."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from tokgate.callers import caller_of, peer_address
from tokgate.security import hash_key


class Call:
    def __init__(self, metadata: Iterable[tuple[str, Any]], peer: str) -> None:
        self._metadata = tuple(metadata)
        self._peer = peer

    def invocation_metadata(self) -> Iterable[tuple[str, Any]]:
        return self._metadata

    def peer(self) -> str:
        return self._peer


def test_a_key_names_its_caller_by_its_digest_never_by_itself() -> None:
    key = "tgk_secret_key_0123456789"
    caller = caller_of(Call([("authorization", f"Bearer {key}")], "ipv4:10.0.0.7:5123"))
    assert caller == "key:" + hash_key(key)[:12]
    assert key not in caller
    # The same key from another host is the same caller.
    assert caller_of(Call([("authorization", f"bearer {key}")], "ipv6:[::1]:9")) == caller


@pytest.mark.parametrize(
    ("peer", "address"),
    [
        ("ipv4:127.0.0.1:50312", "127.0.0.1"),
        ("ipv6:[::1]:50312", "[::1]"),
        ("ipv6:[2001:db8::1]:443", "[2001:db8::1]"),
        ("unix:/tmp/tokgate.sock", "/tmp/tokgate.sock"),
        ("", "unknown"),
    ],
)
def test_without_a_key_the_caller_is_the_peers_host(peer: str, address: str) -> None:
    assert peer_address(peer) == address
    assert caller_of(Call([("x-other", "1")], peer)) == f"peer:{address}"

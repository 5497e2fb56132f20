"""tokgate's compiled webcast decoder (native/src/lib.rs): the types of `methods()`, a message at a
time (`decode`) or a frame at a time (`seal_frame`)."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

_Delivery = TypeVar("_Delivery")

def decode(
    method: str, payload: bytes
) -> tuple[int, bytes, int, tuple[bytes, bytes] | None] | None:
    """A webcast message as (its EventType, its LiveEvent's bytes, when TikTok created it in ms,
    its user: bytes as sent and as LiveUser bytes, or None for a message without one); None when
    the Python decoder is to decide."""

def seal_frame(
    source: bytes | Iterable[Any],
    header: bytes,
    first_sequence: int,
    received: float,
    delivery: Callable[[int, int, bytes, float], _Delivery],
    gifts: Mapping[int, tuple[str, int, str]] | None,
    typed: frozenset[str],
    cached_users: dict[bytes, list[Any]] | None,
) -> tuple[
    list[_Delivery | tuple[Any, Any]],
    list[tuple[bytes, bytes]],
    list[int],
    list[tuple[int, str]],
]:
    """One frame's messages numbered from `first_sequence` and sealed under the log's `header`
    (`source`: the fetch result's bytes, its messages read in place, or the messages, each with
    `method` and `payload`), gifts completed from `gifts` (the room's catalogue: gift
    id to name, diamonds and image URL), a message of a type not in `typed` as OTHER, the users
    in `cached_users` (a UserCache's entries) neither checked nor converted again: (entries,
    users, rest, untyped). An entry is what `delivery(sequence, event_type, wire, received)` made
    of a sealed message, or the `(method, payload)` of one left to Python, whose places are
    `rest`; `users`: each sealed message's user not cached before, once, as sent and as LiveUser
    bytes; `untyped`:
    the place and type name of each message sealed as OTHER."""

def convert_user(raw_user: bytes) -> bytes | None:
    """TikTok's `User` bytes as the contract's LiveUser bytes; None when the Python conversion
    is to decide."""

def methods() -> list[str]:
    """The webcast message types `decode` reads."""

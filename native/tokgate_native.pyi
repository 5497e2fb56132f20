"""tokgate's compiled decoder for the frequent webcast messages (native/src/lib.rs)."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

_Delivery = TypeVar("_Delivery")

def decode(method: str, payload: bytes) -> tuple[int, bytes, int, bytes, bytes] | None:
    """A webcast message as (its EventType, its LiveEvent's bytes, when TikTok created it in ms,
    its user's bytes as sent, that user as LiveUser bytes); None when the Python decoder is to
    decide."""

def seal_frame(
    messages: Iterable[Any],
    header: bytes,
    first_sequence: int,
    received: float,
    delivery: Callable[[int, int, bytes, float], _Delivery],
    gifts: Mapping[int, tuple[str, int, str]] | None,
) -> tuple[list[_Delivery | tuple[Any, Any]], list[tuple[bytes, bytes]], list[int]]:
    """One frame's messages (each with `method` and `payload`) numbered from `first_sequence`
    and sealed under the log's `header`, gifts completed from `gifts` (the room's catalogue: gift
    id to name, diamonds and image URL): (entries, users, rest). An entry is what
    `delivery(sequence, event_type, wire, received)` made of a sealed message, or the
    `(method, payload)` of one left to Python, whose places are `rest`; `users`: each sealed
    message's user once, as sent and as LiveUser bytes."""

def convert_user(raw_user: bytes) -> bytes | None:
    """TikTok's `User` bytes as the contract's LiveUser bytes; None when the Python conversion
    is to decide."""

def methods() -> list[str]:
    """The webcast message types `decode` reads."""

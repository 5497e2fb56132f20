"""tokgate's compiled decoder for the frequent webcast messages (native/src/lib.rs)."""

def decode(method: str, payload: bytes) -> tuple[int, bytes, int, bytes, bytes] | None:
    """A webcast message as (its EventType, its LiveEvent's bytes, when TikTok created it in ms,
    its user's bytes as sent, that user as LiveUser bytes); None when the Python decoder is to
    decide."""

def convert_user(raw_user: bytes) -> bytes | None:
    """TikTok's `User` bytes as the contract's LiveUser bytes; None when the Python conversion
    is to decide."""

def methods() -> list[str]:
    """The webcast message types `decode` reads."""

"""tokgate's compiled decoder for the frequent webcast messages (native/src/lib.rs)."""

def decode(method: str, payload: bytes) -> tuple[int, bytes, int] | None:
    """A webcast message as (its EventType, its LiveEvent's bytes, when TikTok created it in
    ms); None when the Python decoder is to decide."""

def methods() -> list[str]:
    """The webcast message types `decode` reads."""

"""A disk cache of the encoded event pool, so a restart skips importing TikTokLive.

Building the pool means importing TikTokLive's protobuf package and building pydantic schemas:
seconds per start, and tests start a simulator per module. The pool is deterministic for a
seed, so its bytes are cached under a key made of the seed, the installed TikTokLive version and
a hash of the simulator's code; any change to one of them builds it afresh.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from tokgate.sim import events
from tokgate.sim.events import EventPool, PoolMessage

logger = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tokgate" / "sim"


def _cache_key(seed: int) -> str:
    """Every module of the simulator takes part in the hash: the pool is built from several
    (payloads, viewers, gifts, programs, ...), and a stale pool is worse than a rebuild."""
    digest = hashlib.sha256()
    for module in sorted(Path(events.__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    code = digest.hexdigest()[:16]
    return f"pool-{seed}-TikTokLive{metadata.version('TikTokLive')}-{code}.json"


def _encode(message: PoolMessage) -> list[str]:
    return [message.method, base64.b64encode(message.common).decode(),
            base64.b64encode(message.body).decode()]  # fmt: skip


def _decode(row: list[str]) -> PoolMessage:
    return PoolMessage(row[0], base64.b64decode(row[1]), base64.b64decode(row[2]))


def load_pool(seed: int, cache_dir: Path | None) -> EventPool:
    """The pool for ``seed``: from the cache when it holds it, else built (and cached)."""
    path = cache_dir / _cache_key(seed) if cache_dir is not None else None
    if path is not None and path.exists():
        try:
            data: dict[str, Any] = json.loads(path.read_text())
            kinds = {kind: [[_decode(row) for row in sequence] for sequence in sequences]
                     for kind, sequences in data["kinds"].items()}  # fmt: skip
            return EventPool(seed, kinds, _decode(data["control_end"]))
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            logger.warning(
                "event pool cache unreadable; rebuilding",
                extra={"error_kind": "DATA", "path": str(path), "error": str(exc)},
            )
    pool = EventPool.build(seed)
    if path is not None:
        _store(pool, path)
    return pool


def _store(pool: EventPool, path: Path) -> None:
    data = {"kinds": {kind: [[_encode(message) for message in sequence] for sequence in sequences]
                      for kind, sequences in pool.kinds.items()},
            "control_end": _encode(pool.control_end)}  # fmt: skip
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(data))
        partial.replace(path)
    except OSError as exc:
        logger.warning(
            "cannot write the event pool cache",
            extra={"error_kind": "DATA", "path": str(path), "error": str(exc)},
        )

"""Cluster mode's per-caller quotas on Redis: streams and rooms counted across replicas, and
one unary bucket per caller that every replica takes from.

Each caller's keys share the hash tag ``{<caller>}`` (one Redis Cluster slot, as a script
needs):

- ``tokgate:quota:{c}:streams``  a hash: replica → ``<streams>:<expiry ms>``;
- ``tokgate:quota:{c}:rooms``    a hash: ``<replica>/<room>`` → ``<streams>:<expiry ms>``;
- ``tokgate:quota:{c}:bucket``   a hash: ``tokens``, ``at`` (ms), gone once it would be full.

A replica writes its own counts (the truth about its streams) and renews them every third of
``cluster_lease_ttl``; a replica that dies stops renewing, and its entries expire with the
lease TTL. The checks sum the entries not expired.

When Redis does not answer, a check falls back to this replica's own counts and bucket
(``None`` from a method here): quotas never take the service down with Redis. While the
replica knows Redis is down (``Cluster.up``: its health check and its rooms find it back),
checks do not ask it at all, so an outage costs no call a connection attempt; once it is
back, the renewal writes this replica's counts again within a third of the lease TTL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from redis.exceptions import RedisError

from tokgate.live.cluster import PREFIX, Cluster

logger = logging.getLogger(__name__)

QUOTA_PREFIX = PREFIX + "quota:"

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

# KEYS streams; ARGV replica limit ttl_ms mine (this replica's streams, the new one included)
# -> -1 (held), or the caller's streams cluster-wide (refused: at the limit already).
OPEN_STREAM = (
    _NOW
    + """
local others = 0
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local count, expiry = string.match(entries[i + 1], '(%d+):(%d+)')
  if tonumber(expiry) < now then redis.call('HDEL', KEYS[1], entries[i])
  elseif entries[i] ~= ARGV[1] then others = others + tonumber(count) end
end
local mine = tonumber(ARGV[4])
if tonumber(ARGV[2]) > 0 and others + mine > tonumber(ARGV[2]) then return others + mine - 1 end
redis.call('HSET', KEYS[1], ARGV[1], mine .. ':' .. (now + tonumber(ARGV[3])))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return -1
"""
)

# KEYS rooms; ARGV replica/room room limit ttl_ms mine (this replica's streams of the room)
# -> -1 (held), or the rooms the caller holds cluster-wide (refused: a new one, at the limit).
HOLD_ROOM = (
    _NOW
    + """
local rooms, count = {}, 0
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local streams, expiry = string.match(entries[i + 1], '(%d+):(%d+)')
  if tonumber(expiry) < now then redis.call('HDEL', KEYS[1], entries[i])
  else
    local room = string.match(entries[i], '/(.*)$')
    if not rooms[room] then rooms[room] = true; count = count + 1 end
  end
end
if tonumber(ARGV[3]) > 0 and not rooms[ARGV[2]] and count >= tonumber(ARGV[3]) then
  return count
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[5] .. ':' .. (now + tonumber(ARGV[4])))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return -1
"""
)

# KEYS hash; ARGV field count ttl_ms: this replica's count (0 removes it), renewed.
REPORT = (
    _NOW
    + """
if ARGV[2] == '0' then redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + tonumber(ARGV[3])))
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 0
"""
)

# KEYS bucket; ARGV rate (per s) burst -> 0 (a token taken) or ms until the next one.
TAKE_TOKEN = (
    _NOW
    + """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1] or burst)
local at = tonumber(bucket[2] or now)
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait
"""
)


def caller_keys(caller: str) -> tuple[str, str, str]:
    """A caller's streams, rooms and bucket keys, in one hash slot."""
    tag = f"{QUOTA_PREFIX}{{{caller}}}"
    return f"{tag}:streams", f"{tag}:rooms", f"{tag}:bucket"


class SharedQuotas:
    """The cluster-wide side of tokgate.quotas.Quotas (which keeps this replica's counts and
    hands them here), on the rooms' connection to Redis (one pool and one view of Redis's
    health per replica)."""

    def __init__(self, cluster: Cluster) -> None:
        self._cluster = cluster
        self._ttl_ms = int(cluster.lease_ttl * 1000)
        self._scripts = {
            name: cluster.redis.register_script(text)
            for name, text in {
                "open_stream": OPEN_STREAM,
                "hold_room": HOLD_ROOM,
                "report": REPORT,
                "take_token": TAKE_TOKEN,
            }.items()
        }
        self._reports: set[asyncio.Task[Any]] = set()
        self._renewer: asyncio.Task[None] | None = None

    def start(self, held: Callable[[], Mapping[str, tuple[int, Mapping[str, int]]]]) -> None:
        """Renew this replica's counts (``held()``: caller → streams, {room: streams}) every
        third of the lease TTL, so they outlive no replica that dies."""
        self._renewer = asyncio.create_task(self._renew(held))

    async def stop(self) -> None:
        if self._renewer is not None:
            self._renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewer

    async def open_stream(self, caller: str, limit: int, mine: int) -> int | None:
        """-1 when the caller may open one more stream (``mine``: this replica's, the new one
        included), else its streams cluster-wide; None when Redis does not answer."""
        streams, _, _ = caller_keys(caller)
        args = [self._cluster.replica, limit, self._ttl_ms, mine]
        return await self._run("open_stream", [streams], args)

    async def hold_room(self, caller: str, room: str, limit: int, mine: int) -> int | None:
        """-1 when the caller may hold ``room`` (``mine``: this replica's streams of it, the
        new one included), else the rooms it holds cluster-wide; None when Redis is down."""
        _, rooms, _ = caller_keys(caller)
        args = [f"{self._cluster.replica}/{room}", room, limit, self._ttl_ms, mine]
        return await self._run("hold_room", [rooms], args)

    async def take_token(self, caller: str, rate: float, burst: int) -> float | None:
        """0 when the caller's shared bucket gave a token, else seconds until the next one;
        None when Redis does not answer."""
        _, _, bucket = caller_keys(caller)
        wait = await self._run("take_token", [bucket], [rate, burst])
        return None if wait is None else wait / 1000

    def report(self, caller: str, streams: int, rooms: Mapping[str, int]) -> None:
        """Write this replica's counts of ``caller`` now, without waiting (a stream ended)."""
        task = asyncio.create_task(self._report(caller, streams, rooms))
        self._reports.add(task)
        task.add_done_callback(self._reports.discard)

    async def usage(self, callers: Iterable[str]) -> dict[str, tuple[int, list[str]]]:
        """Each caller's streams and rooms cluster-wide (expired entries left out); empty
        when Redis does not answer."""
        names = list(callers)
        if not self._cluster.up:
            return {}
        pipeline = self._cluster.redis.pipeline(transaction=False)
        for caller in names:
            streams_key, rooms_key, _ = caller_keys(caller)
            pipeline.hgetall(streams_key)
            pipeline.hgetall(rooms_key)
        try:
            answers = await self._cluster.call(pipeline.execute())
            now_ms = await self._now_ms()
        except (RedisError, OSError):
            return {}
        found = {}
        for index, caller in enumerate(names):
            replicas = _fresh(answers[2 * index], now_ms)
            rooms = _fresh(answers[2 * index + 1], now_ms)
            found[caller] = (
                sum(replicas.values()),
                sorted({field.partition("/")[2] for field in rooms}),
            )
        return found

    async def _now_ms(self) -> int:
        seconds, micros = await self._cluster.call(self._cluster.redis.time())
        return int(seconds) * 1000 + int(micros) // 1000

    async def _report(self, caller: str, streams: int, rooms: Mapping[str, int]) -> None:
        streams_key, rooms_key, _ = caller_keys(caller)
        await self._run("report", [streams_key], [self._cluster.replica, streams, self._ttl_ms])
        for room, count in rooms.items():
            field = f"{self._cluster.replica}/{room}"
            await self._run("report", [rooms_key], [field, count, self._ttl_ms])

    async def _renew(self, held: Callable[[], Mapping[str, tuple[int, Mapping[str, int]]]]) -> None:
        while True:
            await asyncio.sleep(self._cluster.lease_ttl / 3)
            for caller, (streams, rooms) in list(held().items()):
                await self._report(caller, streams, rooms)

    async def _run(self, script: str, keys: list[str], args: list[Any]) -> int | None:
        if not self._cluster.up:
            return None
        try:
            return int(await self._cluster.call(self._scripts[script](keys=keys, args=args)))
        except (RedisError, OSError):
            logger.warning(
                "quotas: Redis does not answer; this replica's own counts apply",
                extra={"error_kind": "network", "replica": self._cluster.replica},
            )
            return None


def _fresh(entries: Mapping[bytes, bytes], now_ms: int) -> dict[str, int]:
    """The ``<count>:<expiry ms>`` entries of a hash not yet expired, by field."""
    fresh = {}
    for field, value in entries.items():
        count, _, expiry = value.decode().partition(":")
        if int(expiry) >= now_ms:
            fresh[field.decode()] = int(count)
    return fresh

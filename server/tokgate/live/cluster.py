"""Cluster mode's shared state on Redis: the keys of a room, the atomic steps as Lua
scripts, this replica's view of Redis's health, and the sign budget every replica shares.

Every key of a room shares the hash tag ``{<room key>}``, so one room's keys sit in one Redis
Cluster slot, as a Lua script needs (docs/design/streams.md §10). The ``2:`` in their names is
the layout's version: a replica of another layout uses other keys (docs/scaling.md, upgrades):

- ``tokgate:2:{k}:lease``  the owner's token (``<replica>/<random>``), ``PX cluster_lease_ttl``;
- ``tokgate:2:{k}:meta``   a hash: ``epoch``, ``seq``, ``bytes`` and ``events`` (what the log
  holds), ``room_id``, ``state``, and the start state's sealed ``connected`` and ``status``;
- ``tokgate:2:{k}:log``    a stream, one entry per upstream frame: id ``<last seq>-0``, fields
  ``k`` the events' types (a byte each, so their count), ``l`` their sealed lengths (``<I``
  each), ``w`` the sealed events end to end, ``t`` time, ``v`` epoch; ``<seq>-<n>`` for the
  owner's control entries (``c`` what, ``d`` the ErrorDetail, ``v`` epoch), which end streams
  on every replica. Each entry names its epoch, so a reader never mistakes a remade stream's
  entries for the old one's;
- ``tokgate:2:{k}:subs``   a hash: replica → ``<subscribers>:<expiry ms>:<their callers>``, the
  callers (tokgate.callers names, never a secret) one per line, at most REPORTED_CALLERS, so
  the owner's sign budget counts each caller of every replica as itself.

Times inside scripts come from Redis's ``TIME``, so the replicas' clocks do not matter.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Callable
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from tokgate.config import Settings
from tokgate.live.sign_budget import LAST_GRANT_WINDOWS, Callers, OnWait, PlaceTeller
from tokgate.metrics import CLUSTER_REDIS_UP

logger = logging.getLogger(__name__)

PREFIX = "tokgate:"
# The version of the rooms' Redis layout, in their keys' names (one per frame since 2).
ROOM_PREFIX = PREFIX + "2:"
# The grants of the first sign API key's window (``:<i>`` after it for the i-th next key).
SIGN_BUDGET_KEY = PREFIX + "sign_budget"
SIGN_NOT_BEFORE_KEY = PREFIX + "sign_not_before"
SIGN_WAITERS_KEY = PREFIX + "sign_waiters"
SIGN_SEEN_KEY = PREFIX + "sign_waiters_seen"
SIGN_HOLDERS_KEY = PREFIX + "sign_waiters_callers"
SIGN_LAST_GRANT_KEY = PREFIX + "sign_last_grant"
# How often a waiter asks again; one not heard of for STALE_WAITER_MS is gone (its replica).
SIGN_POLL = 0.2
STALE_WAITER_MS = 3000
# A replica's subscriber report names at most this many callers of the room (the first in
# order): a caller name is short (tokgate.callers), so a report stays small.
REPORTED_CALLERS = 32


def room_keys(key: str) -> tuple[str, str, str, str]:
    """A room's lease, meta, log and subs keys, in one hash slot."""
    tag = f"{ROOM_PREFIX}{{{key}}}"
    return f"{tag}:lease", f"{tag}:meta", f"{tag}:log", f"{tag}:subs"


# KEYS lease meta; ARGV token ttl_ms new_epoch -> {epoch, seq} or nil (held by another).
ACQUIRE = """
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
redis.call('HSETNX', KEYS[2], 'epoch', ARGV[3])
local meta = redis.call('HMGET', KEYS[2], 'epoch', 'seq')
return {meta[1], meta[2] or '0'}
"""

# KEYS lease meta log subs; ARGV token ttl_ms keep_ms state -> {subscribers cluster-wide,
# their callers (one per line)} of the fresh entries of subs, or {-1, ""} when the lease is not
# ours. (An entry without callers, as a replica of an older version writes, counts for none.)
RENEW = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1, ''} end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], 'state', ARGV[4])
for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local total, seen, callers = 0, {}, {}
local entries = redis.call('HGETALL', KEYS[4])
for i = 1, #entries, 2 do
  local count, expiry, names = string.match(entries[i + 1], '^(%d+):(%d+):?(.*)$')
  if tonumber(expiry) < now then redis.call('HDEL', KEYS[4], entries[i])
  else
    total = total + tonumber(count)
    for caller in string.gmatch(names, '[^\\n]+') do
      if not seen[caller] then
        seen[caller] = true
        table.insert(callers, caller)
      end
    end
  end
end
return {total, table.concat(callers, '\\n')}
"""

# KEYS lease meta log; ARGV token epoch first_seq keep_ms max_events max_bytes max_age_ms
# types lengths wires connected status_role status: one frame's events as one entry, and how
# they change the start state (its CONNECTED or "", then 0 status kept, 2 set, 3 cleared).
# Trims whole entries, oldest first, until the events, bytes and age are within the bounds.
# -> the last sequence, or -1 (lease), -2 (epoch), -3 (sequence).
APPEND = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local meta = redis.call('HMGET', KEYS[2], 'epoch', 'seq', 'bytes', 'events')
if meta[1] ~= ARGV[2] then return -2 end
local seq = tonumber(meta[2] or '0')
if seq ~= tonumber(ARGV[3]) - 1 then return -3 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local types, wires = ARGV[8], ARGV[10]
seq = seq + #types
redis.call('XADD', KEYS[3], seq .. '-0', 'k', types, 'l', ARGV[9], 'w', wires, 't', now,
  'v', ARGV[2])
local bytes = tonumber(meta[3] or '0') + #wires
local events = tonumber(meta[4] or '0') + #types
if ARGV[11] ~= '' then redis.call('HSET', KEYS[2], 'connected', ARGV[11]) end
if ARGV[12] == '2' then redis.call('HSET', KEYS[2], 'status', ARGV[13])
elseif ARGV[12] == '3' then redis.call('HDEL', KEYS[2], 'status') end
local max_events, max_bytes = tonumber(ARGV[5]), tonumber(ARGV[6])
local oldest_allowed = now - tonumber(ARGV[7])
while true do
  local oldest = redis.call('XRANGE', KEYS[3], '-', '+', 'COUNT', 1)[1]
  if not oldest then break end
  local fields = oldest[2]
  local size, count, at = 0, 0, now
  for j = 1, #fields, 2 do
    local name = fields[j]
    if name == 'w' then size = #fields[j + 1]
    elseif name == 'k' then count = #fields[j + 1]
    elseif name == 't' then at = tonumber(fields[j + 1]) end
  end
  if events <= max_events and bytes <= max_bytes and at >= oldest_allowed then break end
  redis.call('XDEL', KEYS[3], oldest[1])
  bytes = bytes - size
  events = events - count
end
redis.call('HSET', KEYS[2], 'seq', seq, 'bytes', bytes, 'events', events)
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
return seq
"""

# KEYS lease meta log; ARGV token epoch what detail -> 1, or -1 / -2 as APPEND.
CONTROL = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local meta = redis.call('HMGET', KEYS[2], 'epoch', 'seq')
if meta[1] ~= ARGV[2] then return -2 end
redis.call('XADD', KEYS[3], (meta[2] or '0') .. '-*', 'c', ARGV[3], 'd', ARGV[4], 'v', ARGV[2])
return 1
"""

# KEYS lease meta; ARGV token -> 1 released (and the start state cleared), 0 not ours.
RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], 'connected', 'status')
redis.call('HSET', KEYS[2], 'state', '0')
return 1
"""

# KEYS subs meta lease; ARGV replica count ttl_ms callers (one per line) -> {epoch (nil: none
# yet), 1 if the lease is held}: a reader's chores in one round trip (it reports, checks the
# epoch, races if free).
REPORT_SUBSCRIBERS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[2] == '0' then redis.call('HDEL', KEYS[1], ARGV[1])
else
  local expiry = now + tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. expiry .. ':' .. ARGV[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {redis.call('HGET', KEYS[2], 'epoch'), redis.call('EXISTS', KEYS[3])}
"""

# KEYS not_before waiters seen holders last_grant grants...(one per sign API key); ARGV
# per_window window_ms member priority stale_ms reserve callers ("\n" between them)
# -> {0, key index from 0} granted, or {1, place from 1, expected wait ms}.
# A grant's member is "<waiter>\n<its callers>", so grants in the window count per caller.
# Waiters go by priority (rooms with subscribers, 0, before rooms only watched, 1), then by
# how many grants their least-served caller had in the window, then by how long ago it had
# its last (``last_grant``: caller -> ms, kept for LAST_GRANT_WINDOWS), then by arrival. When the
# freest key has at most ``reserve`` grants left, only a waiter of the first priority with a
# caller that has had none may take one. A grant goes to the first waiter that may take it,
# when it asks.
SIGN_GRANT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local per_window, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local member, stale, reserve = ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('ZADD', KEYS[2], 'NX', tonumber(ARGV[4]) * 1e13 + now, member)
redis.call('HSET', KEYS[3], member, now)
redis.call('HSET', KEYS[4], member, ARGV[7])
local seen = redis.call('HGETALL', KEYS[3])
for i = 1, #seen, 2 do
  if tonumber(seen[i + 1]) < now - stale then
    redis.call('ZREM', KEYS[2], seen[i])
    redis.call('HDEL', KEYS[3], seen[i])
    redis.call('HDEL', KEYS[4], seen[i])
  end
end
for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], stale) end
local last = {}
local lasts = redis.call('HGETALL', KEYS[5])
for i = 1, #lasts, 2 do
  if tonumber(lasts[i + 1]) < now - tonumber(ARGV[8]) * window then
    redis.call('HDEL', KEYS[5], lasts[i])
  else last[lasts[i]] = tonumber(lasts[i + 1]) end
end
local served, times, free, best = {}, {}, {}, nil
for k = 6, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', now - window)
  local grants = redis.call('ZRANGE', KEYS[k], 0, -1, 'WITHSCORES')
  for i = 1, #grants, 2 do
    table.insert(times, tonumber(grants[i + 1]))
    local first = true
    for caller in string.gmatch(grants[i], '[^\\n]+') do
      if not first then served[caller] = (served[caller] or 0) + 1 end
      first = false
    end
  end
  free[k] = per_window - #grants / 2
  if free[k] > 0 and (best == nil or free[k] > free[best]) then best = k end
end
local holders = {}
local pairs_ = redis.call('HGETALL', KEYS[4])
for i = 1, #pairs_, 2 do holders[pairs_[i]] = pairs_[i + 1] end
local order = {}
local waiters = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #waiters, 2 do
  local least, least_last = nil, -1
  for caller in string.gmatch(holders[waiters[i]] or '', '[^\\n]+') do
    local count, at = served[caller] or 0, last[caller] or -1
    if least == nil or count < least or (count == least and at < least_last) then
      least, least_last = count, at
    end
  end
  local score = tonumber(waiters[i + 1])
  table.insert(order, {waiters[i], math.floor(score / 1e13), least or 0, least_last, score})
end
table.sort(order, function(a, b)
  for j = 2, 5 do
    if a[j] ~= b[j] then return a[j] < b[j] end
  end
  return a[1] < b[1]
end)
local place = #order
for i, waiter in ipairs(order) do
  if waiter[1] == member then place = i end
end
local not_before = tonumber(redis.call('GET', KEYS[1]) or '0')
if not_before <= now and best ~= nil then
  local tier = order[1][2]
  for _, waiter in ipairs(order) do
    if waiter[2] ~= tier then break end
    if free[best] > reserve or waiter[3] == 0 then
      if waiter[1] ~= member then break end
      redis.call('ZREM', KEYS[2], member)
      redis.call('HDEL', KEYS[3], member)
      redis.call('HDEL', KEYS[4], member)
      redis.call('ZADD', KEYS[best], now, member .. '\\n' .. ARGV[7])
      redis.call('PEXPIRE', KEYS[best], window)
      for caller in string.gmatch(ARGV[7], '[^\\n]+') do
        redis.call('HSET', KEYS[5], caller, now)
      end
      redis.call('PEXPIRE', KEYS[5], tonumber(ARGV[8]) * window)
      return {0, best - 6}
    end
  end
end
local ahead, held = place, reserve
if order[place][3] == 0 then held = 0 end
for k = 6, #KEYS do ahead = ahead - math.max(free[k] - held, 0) end
local expected = 0
if ahead > 0 then
  -- From the first grant to leave the window on, each window has per_window - held grants a
  -- key for this waiter: the reserve stays for callers that have had none.
  local first = window
  if #times > 0 then table.sort(times); first = times[1] + window - now end
  local per_each = (#KEYS - 5) * math.max(per_window - held, 1)
  expected = first + math.floor((ahead - 1) / per_each) * window
end
return {1, place, math.max(expected, not_before - now, 1)}
"""

# KEYS not_before; ARGV delay_ms: nobody signs before now + delay (a 429's reset).
SIGN_DEFER = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = now + tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < until_ms then
  redis.call('SET', KEYS[1], until_ms, 'PX', ARGV[1])
end
return until_ms
"""


def replica_name(settings: Settings) -> str:
    """This process's name among replicas: in leases, subscriber reports and ListRooms."""
    return settings.cluster_replica or f"{socket.gethostname()}-{os.getpid()}"


class Cluster:
    """This replica's connection to the cluster's Redis, and its scripts."""

    def __init__(self, settings: Settings) -> None:
        self.replica = replica_name(settings)
        self.lease_ttl = settings.cluster_lease_ttl
        # Readers block in XREAD for a third of the lease TTL: the socket waits a little
        # longer, so a hung Redis reads as down without a blocked read looking hung.
        self.redis: aioredis.Redis = aioredis.Redis.from_url(
            settings.cluster_url.get_secret_value(),
            socket_timeout=self.lease_ttl / 3 + 2.0,
            socket_connect_timeout=max(1.0, self.lease_ttl / 3),
            health_check_interval=0,
            retry_on_timeout=False,
        )
        self._scripts = {
            name: self.redis.register_script(text)
            for name, text in {
                "acquire": ACQUIRE,
                "renew": RENEW,
                "append": APPEND,
                "control": CONTROL,
                "release": RELEASE,
                "report": REPORT_SUBSCRIBERS,
                "sign_grant": SIGN_GRANT,
                "sign_defer": SIGN_DEFER,
            }.items()
        }
        self.up = True
        self._up_gauge = CLUSTER_REDIS_UP.labels(replica=self.replica)
        self._up_gauge.set(1)
        # Since when Redis has been unreachable (None: it answers).
        self.down_since: float | None = None

    async def watch_health(self) -> None:
        """PING every lease TTL, so a replica with no room still knows whether it reaches
        Redis (tokgate_cluster_redis_up, and its alert)."""
        while True:
            with contextlib.suppress(RedisError, OSError):
                await self.call(self.redis.ping())
            await asyncio.sleep(self.lease_ttl)

    def new_token(self) -> str:
        """A lease token: which replica holds it, and which holding it is."""
        return f"{self.replica}/{secrets.token_hex(6)}"

    async def run(self, script: str, keys: list[str], args: list[Any]) -> Any:
        """One script call; marks Redis up or down as it answers."""
        return await self.call(self._scripts[script](keys=keys, args=args))

    async def call(self, command: Any) -> Any:
        """Await a Redis command (redis-py types its asyncio commands as sync-or-async),
        keeping the up/down state; RedisError propagates."""
        try:
            result = await command
        except (RedisError, OSError):
            self._mark(False)
            raise
        self._mark(True)
        return result

    def _mark(self, up: bool) -> None:
        if up == self.up:
            return
        self.up = up
        self._up_gauge.set(1 if up else 0)
        self.down_since = None if up else time.monotonic()
        if up:
            logger.info("Redis answers again", extra={"replica": self.replica})
        else:
            logger.warning(
                "Redis is unreachable",
                extra={"error_kind": "network", "replica": self.replica},
            )

    async def close(self) -> None:
        await self.redis.aclose()


class ClusterSignBudget:
    """The sign-server budget shared by every replica: the sign server limits per API key (or
    per IP), never per process. A room's view of it is a Budget (``for_room``); waiters are
    served cluster-wide by priority, then fairly between callers (as SignBudget), then in
    order of arrival, with the same reserve."""

    def __init__(
        self,
        cluster: Cluster,
        per_window: int,
        window: float,
        *,
        keys: int = 1,
        reserve: int = 1,
        callers: Callers = frozenset,
        priority: Callable[[], int] = lambda: 0,
    ) -> None:
        self._cluster = cluster
        self._per_window = per_window
        self._window = window
        self._keys = keys
        self._grant_keys = [SIGN_BUDGET_KEY] + [f"{SIGN_BUDGET_KEY}:{i}" for i in range(1, keys)]
        self._reserve = max(0, min(reserve, per_window - 1))
        self._callers = callers
        # 0: a room with subscribers waiting; 1: a room only watched.
        self._priority = priority

    def for_room(self, callers: Callers, priority: Callable[[], int]) -> ClusterSignBudget:
        """The same budget, for a room held by ``callers``, whose priority ``priority`` tells."""
        return ClusterSignBudget(
            self._cluster,
            self._per_window,
            self._window,
            keys=self._keys,
            reserve=self._reserve,
            callers=callers,
            priority=priority,
        )

    async def acquire(self, on_wait: OnWait | None = None) -> int:
        """Wait for a grant from Redis; the index of the key to sign with. ``on_wait`` is told
        the room's place and expected wait as the place changes."""
        teller = PlaceTeller(on_wait)
        member = secrets.token_hex(8)
        keys = [
            SIGN_NOT_BEFORE_KEY,
            SIGN_WAITERS_KEY,
            SIGN_SEEN_KEY,
            SIGN_HOLDERS_KEY,
            SIGN_LAST_GRANT_KEY,
        ]
        while True:
            args = [
                self._per_window,
                int(self._window * 1000),
                member,
                self._priority(),
                STALE_WAITER_MS,
                self._reserve,
                "\n".join(sorted(self._callers())) or "-",
                LAST_GRANT_WINDOWS,
            ]
            try:
                answer = await self._cluster.run("sign_grant", keys + self._grant_keys, args)
            except (RedisError, OSError):
                # Redis does not answer: the room waits for it, as its readers do (an owner
                # that cannot renew its lease closes this upstream, ending the wait).
                await asyncio.sleep(SIGN_POLL)
                continue
            if int(answer[0]) == 0:
                return int(answer[1])
            await teller.update(int(answer[1]), int(answer[2]) / 1000)
            await asyncio.sleep(SIGN_POLL)

    def defer_until(self, monotonic_time: float) -> None:
        """Nobody in the cluster signs before then (a 429's RateLimit-Reset)."""
        delay_ms = int((monotonic_time - time.monotonic()) * 1000)
        if delay_ms > 0:
            task = asyncio.get_running_loop().create_task(
                self._cluster.run("sign_defer", [SIGN_NOT_BEFORE_KEY], [delay_ms])
            )
            task.add_done_callback(_quiet)


def _quiet(task: asyncio.Task[Any]) -> None:
    """A best-effort write whose failure the up/down state already records."""
    if not task.cancelled():
        task.exception()

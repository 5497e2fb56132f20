"""The simulator's mutable world: rooms, counters, refused ms tokens and timing settings.

Everything here is plain data owned by one event loop; the HTTP routes, the push websocket and
the control API all read and change it. Identifiers (user ids, room ids, sec_uids) are derived
from the username, so the same name always gets the same data.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from tokgate.sim.scenarios import EventProgram, LivePage, Scenario, StreamFault, scenario_for

SEC_UID_PREFIX = "MS4wLjABAAAA"


def stable_number(*parts: str, digits: int = 19, lead: str = "7") -> int:
    """A deterministic ``digits``-long number for ``parts`` (same input, same id)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    tail = str(int(digest, 16))[: digits - len(lead)]
    return int(lead + tail.rjust(digits - len(lead), "0"))


def secret_name(secret: str | None) -> str:
    """A secret (an API key, an ms token) as a counter names it: its sha256's first 12 hex
    digits, never itself; "none" when there is none."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12] if secret else "none"


def user_id_of(unique_id: str) -> int:
    return stable_number("user", unique_id.lower(), lead="6")


def room_id_of(unique_id: str) -> int:
    return stable_number("room", unique_id.lower())


def sec_uid_of(unique_id: str) -> str:
    """TikTok-shaped sec_uid that encodes the username, so the simulator can read it back."""
    encoded = base64.urlsafe_b64encode(unique_id.lower().encode()).decode().rstrip("=")
    return SEC_UID_PREFIX + encoded


def unique_id_of_sec_uid(sec_uid: str) -> str | None:
    if not sec_uid.startswith(SEC_UID_PREFIX):
        return None
    encoded = sec_uid[len(SEC_UID_PREFIX) :]
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


@dataclass
class Timing:
    """Delays and rates the CLI sets and ``POST /_sim/config`` changes."""

    event_rate: float = 20.0  # events per second per live room
    slow_delay: float = 5.0  # sim_slow answers after this many seconds
    drop_after: float = 1.0  # sim_drop closes its first websocket after this long
    end_after: float = 1.0  # sim_live_end ends its LIVE after this long
    rate_limit_reset: int = 2  # seconds until a sign 429 resets (RateLimit-Reset)
    # A push websocket's client must ack each frame that asks for it, send a heartbeat at least
    # this often and enter the room first; a client that does not is closed (push.py).
    ack_timeout: float = 10.0
    heartbeat_timeout: float = 30.0  # the handshake's ping-timeout
    enter_room_timeout: float = 10.0


@dataclass
class Room:
    """One streamer as the simulator sees it."""

    unique_id: str
    room_id: int
    scenario: Scenario | None
    live: bool
    # When its LIVE started (epoch seconds): rooms live from the start have been for 10 min.
    started: int = field(default_factory=lambda: int(time.time()) - 600)
    event_rate: float | None = None  # None: the global rate
    dropped_once: bool = False  # sim_drop drops only its first websocket
    silenced: bool = False  # the "silence" fault: open websockets stop sending
    connections: set[Any] = field(default_factory=set)  # open push.Connection objects
    armed: collections.Counter[str] = field(default_factory=collections.Counter)

    def take_armed(self, names: tuple[str, ...]) -> str | None:
        """Consume one use of the first armed fault among ``names``, if any."""
        for name in names:
            if self.armed[name] > 0:
                self.armed[name] -= 1
                return name
        return None

    def go_live(self) -> None:
        """A new LIVE of this room starts now, unless one is on."""
        if not self.live:
            self.live = True
            self.started = int(time.time())

    @property
    def live_page(self) -> LivePage:
        if self.scenario is not None and self.scenario.live_page is LivePage.NOT_FOUND:
            return LivePage.NOT_FOUND
        return LivePage.LIVE if self.live else LivePage.OFFLINE

    @property
    def program(self) -> EventProgram:
        return self.scenario.program if self.scenario is not None else EventProgram.MIX

    @property
    def stream_fault(self) -> StreamFault | None:
        return self.scenario.stream_fault if self.scenario is not None else None


@dataclass
class Counters:
    """What a test reads back from ``GET /_sim/counters``."""

    http_requests: collections.Counter[str] = field(default_factory=collections.Counter)
    sign_requests: int = 0
    sign_requests_by_room: collections.Counter[str] = field(default_factory=collections.Counter)
    # By the X-Api-Key they came with: the first 12 hex digits of its sha256, or "none".
    sign_requests_by_key: collections.Counter[str] = field(default_factory=collections.Counter)
    websocket_opens: int = 0
    websocket_opens_by_room: collections.Counter[str] = field(default_factory=collections.Counter)
    frames_sent: int = 0
    events_sent: int = 0
    heartbeats_received: int = 0
    acks_received: int = 0
    # Acks for a frame never sent, sent twice or with another payload than its internal_ext.
    acks_invalid: int = 0
    enter_room_received: int = 0
    # Push websockets closed because their client misbehaved, by reason.
    misbehaving_closes: collections.Counter[str] = field(default_factory=collections.Counter)
    refused_ms_token_requests: int = 0
    # TikTok API requests by the msToken they carried, named by ``secret_name``.
    api_requests_by_ms_token: collections.Counter[str] = field(default_factory=collections.Counter)

    def as_json(self, rooms: dict[str, Room]) -> dict[str, Any]:
        return {
            "http_requests": dict(self.http_requests),
            "sign_requests": self.sign_requests,
            "sign_requests_by_room": dict(self.sign_requests_by_room),
            "sign_requests_by_key": dict(self.sign_requests_by_key),
            "websocket_opens": self.websocket_opens,
            "websocket_opens_by_room": dict(self.websocket_opens_by_room),
            "open_websockets": {
                name: len(room.connections) for name, room in rooms.items() if room.connections
            },
            "frames_sent": self.frames_sent,
            "events_sent": self.events_sent,
            "heartbeats_received": self.heartbeats_received,
            "acks_received": self.acks_received,
            "acks_invalid": self.acks_invalid,
            "enter_room_received": self.enter_room_received,
            "misbehaving_closes": dict(self.misbehaving_closes),
            "refused_ms_token_requests": self.refused_ms_token_requests,
            "api_requests_by_ms_token": dict(self.api_requests_by_ms_token),
        }


@dataclass
class SimState:
    """The whole world, created once per simulator process."""

    seed: int
    timing: Timing
    rooms: dict[str, Room] = field(default_factory=dict)
    rooms_by_id: dict[int, Room] = field(default_factory=dict)
    counters: Counters = field(default_factory=Counters)
    refused_ms_tokens: set[str] = field(default_factory=set)
    hashtags_by_id: dict[str, str] = field(default_factory=dict)
    video_owners: dict[str, str] = field(default_factory=dict)
    # The users (by numeric id), sounds (``music`` of an itemStruct) and playlists (their
    # owner and place in the owner's list) served so far.
    users_by_id: dict[str, str] = field(default_factory=dict)
    sounds_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    playlist_places: dict[str, tuple[str, int]] = field(default_factory=dict)

    def room(self, unique_id: str) -> Room:
        """The room of ``unique_id``, created on first mention."""
        key = unique_id.lstrip("@").lower()
        room = self.rooms.get(key)
        if room is None:
            scenario = scenario_for(key)
            live = scenario is not None and scenario.live_page is LivePage.LIVE
            room = Room(key, room_id_of(key), scenario, live)
            self.rooms[key] = room
            self.rooms_by_id[room.room_id] = room
        return room

    def room_by_id(self, room_id: int) -> Room | None:
        return self.rooms_by_id.get(room_id)

    def event_rate(self, room: Room) -> float:
        return room.event_rate if room.event_rate is not None else self.timing.event_rate

    def reset(self) -> None:
        """Forget every room change, counter and refused token (open sockets are closed
        by the caller first)."""
        self.rooms.clear()
        self.rooms_by_id.clear()
        self.counters = Counters()
        self.refused_ms_tokens.clear()

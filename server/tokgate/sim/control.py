"""The control API under ``/_sim/``: tests change the world and read counters while it runs.

``GET health | scenarios | counters | config | rooms/{id}``; ``POST config``,
``rooms/{id}`` (``{"live": bool}``, ``{"event_rate": float}``), ``rooms/{id}/end``,
``rooms/{id}/drop``, ``rooms/{id}/fault`` (``{"fault": name, "count": n}``),
``ms_tokens/refuse`` (``{"tokens": [...]}``), ``ms_tokens/accept``, ``reset``.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from aiohttp import web

from tokgate.sim import push
from tokgate.sim.events import PoolLoader
from tokgate.sim.scenarios import SCENARIOS, SignFault, is_valid_username
from tokgate.sim.sign import SIGN_FAULT_NAMES
from tokgate.sim.state import Room, SimState

# Faults armed for the next ``count`` sign requests / websocket handshakes of a room.
ARMED_FAULTS = (*SIGN_FAULT_NAMES, "blocked")
# Faults applied at once to the room's open websockets.
IMMEDIATE_FAULTS = ("drop", "malformed", "end", "silence", "resume")
assert {fault.value for fault in SignFault} <= set(ARMED_FAULTS)


class BadRequest(web.HTTPBadRequest):
    """A JSON 400 naming what was wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(text=json.dumps({"error": message}), content_type="application/json")


async def _json_body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except json.JSONDecodeError as exc:
        raise BadRequest(f"body is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    return body


def _is_count(value: Any, integral: bool = False) -> bool:
    """A JSON number >= 0 (an integer when ``integral``); ``true``/``false`` are not numbers."""
    kinds = int if integral else int | float
    return isinstance(value, kinds) and not isinstance(value, bool) and value >= 0


def room_json(room: Room, state: SimState) -> dict[str, Any]:
    return {
        "unique_id": room.unique_id,
        "room_id": str(room.room_id),
        "live": room.live,
        "scenario": room.scenario.name if room.scenario else None,
        "event_rate": state.event_rate(room),
        "silenced": room.silenced,
        "open_websockets": len(room.connections),
        "armed_faults": {name: count for name, count in room.armed.items() if count > 0},
    }


class ControlApi:
    """Handlers of ``/_sim/*``."""

    def __init__(self, state: SimState, pool: PoolLoader) -> None:
        self._state = state
        self._pool = pool

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/health", self.health),
            web.get("/_sim/scenarios", self.scenarios),
            web.get("/_sim/counters", self.counters),
            web.get("/_sim/config", self.get_config),
            web.post("/_sim/config", self.set_config),
            web.get("/_sim/rooms/{unique_id}", self.get_room),
            web.post("/_sim/rooms/{unique_id}", self.set_room),
            web.post("/_sim/rooms/{unique_id}/end", self.end),
            web.post("/_sim/rooms/{unique_id}/drop", self.drop),
            web.post("/_sim/rooms/{unique_id}/fault", self.fault),
            web.post("/_sim/ms_tokens/refuse", self.refuse_tokens),
            web.post("/_sim/ms_tokens/accept", self.accept_tokens),
            web.post("/_sim/reset", self.reset),
        ]

    def _room(self, request: web.Request) -> Room:
        unique_id = request.match_info["unique_id"]
        if not is_valid_username(unique_id):
            raise BadRequest(f"not a valid TikTok username: {unique_id!r}")
        return self._state.room(unique_id)

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({
            "status": "ok", "seed": self._state.seed, "rooms": len(self._state.rooms),
            "events_ready": self._pool.ready,
        })  # fmt: skip

    async def scenarios(self, request: web.Request) -> web.Response:
        return web.json_response([scenario.as_json() for scenario in SCENARIOS])

    async def counters(self, request: web.Request) -> web.Response:
        return web.json_response(self._state.counters.as_json(self._state.rooms))

    async def get_config(self, request: web.Request) -> web.Response:
        return web.json_response(dataclasses.asdict(self._state.timing))

    async def set_config(self, request: web.Request) -> web.Response:
        """Change timing settings: ``{"slow_delay": 0.5, "event_rate": 100, ...}``."""
        timing = self._state.timing
        for key, value in (await _json_body(request)).items():
            if key not in {f.name for f in dataclasses.fields(timing)}:
                raise BadRequest(f"unknown setting {key!r}")
            if not _is_count(value):
                raise BadRequest(f"{key} must be a number >= 0")
            setattr(timing, key, type(getattr(timing, key))(value))
        return web.json_response(dataclasses.asdict(timing))

    async def get_room(self, request: web.Request) -> web.Response:
        return web.json_response(room_json(self._room(request), self._state))

    async def set_room(self, request: web.Request) -> web.Response:
        """``{"live": true}`` puts a room live (``false``: offline, ending open streams);
        ``{"event_rate": 50}`` sets its rate (``null``: back to the global rate)."""
        room = self._room(request)
        body = await _json_body(request)
        if "event_rate" in body:
            rate = body["event_rate"]
            if rate is not None and not _is_count(rate):
                raise BadRequest("event_rate must be a number >= 0 or null")
            room.event_rate = None if rate is None else float(rate)
        if "live" in body:
            if not isinstance(body["live"], bool):
                raise BadRequest("live must be true or false")
            if body["live"]:
                room.go_live()
                room.dropped_once = False
            else:
                await push.end_live(room)
        return web.json_response(room_json(room, self._state))

    async def end(self, request: web.Request) -> web.Response:
        room = self._room(request)
        ended = await push.end_live(room)
        return web.json_response({**room_json(room, self._state), "ended_websockets": ended})

    async def drop(self, request: web.Request) -> web.Response:
        room = self._room(request)
        dropped = await push.drop_connections(room)
        return web.json_response({**room_json(room, self._state), "dropped_websockets": dropped})

    async def fault(self, request: web.Request) -> web.Response:
        """``{"fault": name, "count": n}``: arm a sign/handshake fault for the next ``n``
        requests (default 1), or apply a stream fault to the open websockets now."""
        room = self._room(request)
        body = await _json_body(request)
        name = body.get("fault")
        if name in ARMED_FAULTS:
            count = body.get("count", 1)
            if not _is_count(count, integral=True):
                raise BadRequest("count must be an integer >= 0")
            room.armed[name] = count
        elif name == "drop":
            await push.drop_connections(room)
        elif name == "malformed":
            await push.send_malformed(room)
        elif name == "end":
            await push.end_live(room)
        elif name in ("silence", "resume"):
            room.silenced = name == "silence"
        else:
            raise BadRequest(
                f"unknown fault {name!r}; known: {', '.join((*ARMED_FAULTS, *IMMEDIATE_FAULTS))}"
            )
        return web.json_response(room_json(room, self._state))

    async def refuse_tokens(self, request: web.Request) -> web.Response:
        tokens = await self._tokens(request)
        self._state.refused_ms_tokens.update(tokens)
        return web.json_response({"refused": len(self._state.refused_ms_tokens)})

    async def accept_tokens(self, request: web.Request) -> web.Response:
        tokens = await self._tokens(request)
        self._state.refused_ms_tokens.difference_update(tokens)
        return web.json_response({"refused": len(self._state.refused_ms_tokens)})

    async def _tokens(self, request: web.Request) -> list[str]:
        tokens = (await _json_body(request)).get("tokens")
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise BadRequest("tokens must be a list of strings")
        return tokens

    async def reset(self, request: web.Request) -> web.Response:
        """Close every websocket and forget every change, counter and refused token."""
        for room in list(self._state.rooms.values()):
            await push.drop_connections(room)
        self._state.reset()
        return web.json_response({"status": "reset"})

"""The simulator's aiohttp application: every route on one port, plus the middleware that
counts requests, delays ``sim_slow`` and refuses chosen ms tokens and faulty users.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from tokgate.sim.control import ControlApi
from tokgate.sim.events import PoolLoader
from tokgate.sim.push import PUSH_PATH, PushServer
from tokgate.sim.scenarios import ApiFault, scenario_for
from tokgate.sim.sign import SignServer
from tokgate.sim.state import SimState, secret_name
from tokgate.sim.subjects import subject_of
from tokgate.sim.web import WebRoutes, fault_response
from tokgate.sim.webcast import WebcastRoutes

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
STATE_KEY = web.AppKey("sim_state", SimState)
UNCOUNTED_PREFIX = "/_sim/"
REFUSED_TOKEN_BODY = {"statusCode": -1, "statusMsg": "", "status_code": -1, "status_msg": ""}


def _route_name(request: web.Request) -> str:
    resource = request.match_info.route.resource
    path = resource.canonical if resource is not None else "(unmatched)"
    return f"{request.method} {path}"


def _ms_token(request: web.Request) -> str | None:
    return request.query.get("msToken") or request.cookies.get("msToken")


@web.middleware
async def tiktok_behaviour(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count the request, then apply the scenario of the user it is about."""
    if request.path.startswith(UNCOUNTED_PREFIX):
        return await handler(request)
    state = request.app[STATE_KEY]
    state.counters.http_requests[_route_name(request)] += 1
    subject = subject_of(request, state)
    scenario = scenario_for(subject) if subject else None
    if scenario is not None and scenario.api_fault is ApiFault.SLOW:
        await asyncio.sleep(state.timing.slow_delay)
    if request.path.startswith("/api/") and request.path != "/api/ping/":
        token = _ms_token(request)
        state.counters.api_requests_by_ms_token[secret_name(token)] += 1
        if token is not None and token in state.refused_ms_tokens:
            # What TikTok answers to an expired msToken: a -1 with nothing in it.
            state.counters.refused_ms_token_requests += 1
            return web.json_response(REFUSED_TOKEN_BODY)
        if scenario is not None and scenario.api_fault is not None:
            response = fault_response(scenario.api_fault, request.path)
            if response is not None:
                return response
    return await handler(request)


def build_app(state: SimState, pool: PoolLoader) -> web.Application:
    """Every route the libraries use, and the control API, on one application."""
    app = web.Application(middlewares=[tiktok_behaviour])
    app[STATE_KEY] = state
    webcast = WebcastRoutes(state)
    sign = SignServer(state, pool)
    push = PushServer(state, pool)
    app.add_routes(ControlApi(state, pool).routes())
    app.add_routes(
        [
            web.get("/@{unique_id}/live", webcast.live_page),
            web.get("/api-live/user/room/", webcast.user_room),
            web.get("/webcast/room/check_alive/", webcast.check_alive),
            web.get("/webcast/room/info/", webcast.room_info),
            web.get("/webcast/room/info_by_user/", webcast.room_info),
            web.get("/webcast/gift/list/", webcast.gift_list),
            web.get("/webcast/fetch", sign.fetch),
            web.get("/webcast/fetch/", sign.fetch),
            web.get("/webcast/rooms/{room_id}/connect", sign.connect),
            web.post("/webcast/sign_url", sign.sign_url),
            web.post("/tiktok/sign_url", sign.sign_url),
            web.get(PUSH_PATH, push.handle),
        ]
    )
    app.add_routes(WebRoutes(state).routes())
    return app

"""The simulator itself: CLI, certificate, loopback, control API, sign routes, ms tokens."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from tokgate.testing import SimulatorHandle

REQUIRED_SCENARIOS = {
    "TikTokLive": {
        "sim_live", "sim_offline", "sim_not_found", "sim_age_restricted",
        "sim_sign_rate_limited", "sim_sign_429_bare", "sim_sign_error", "sim_no_cookies",
        "sim_no_cursor", "sim_no_ws_url", "sim_blocked", "sim_drop", "sim_silent",
        "sim_malformed", "sim_live_end", "sim_every_type", "sim_every_event", "sim_battle",
    },
    "TikTokApi": {
        "sim_user_not_found", "sim_invalid_profile", "sim_status_minus_one",
        "sim_bot_detected", "sim_captcha", "sim_api_rate_limited", "sim_forbidden",
        "sim_invalid_json", "sim_slow", "sim_private",
    },
}  # fmt: skip


def get(simulator: SimulatorHandle, path: str, **kwargs: Any) -> httpx.Response:
    with httpx.Client(verify=simulator.ssl_context(), timeout=10.0) as client:
        return client.get(f"{simulator.url}{path}", **kwargs)


def post(simulator: SimulatorHandle, path: str, **kwargs: Any) -> httpx.Response:
    with httpx.Client(verify=simulator.ssl_context(), timeout=10.0) as client:
        return client.post(f"{simulator.url}{path}", **kwargs)


def test_list_scenarios_json() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tokgate", "sim", "--list-scenarios", "--json"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rows = json.loads(out)
    for library, names in REQUIRED_SCENARIOS.items():
        assert names <= {row["name"] for row in rows if row["library"] == library}
    for row in rows:
        assert 2 <= len(row["name"]) <= 24
        assert row["behaviour"] and row["raises"]


def test_scenarios_match_the_control_api(simulator: SimulatorHandle) -> None:
    names = {row["name"] for row in simulator.control("GET", "scenarios")}
    assert set().union(*REQUIRED_SCENARIOS.values()) <= names


def test_certificate_names_every_host(simulator: SimulatorHandle) -> None:
    certificate = x509.load_pem_x509_certificate(simulator.cert_path.read_bytes())
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {"localhost", "www.tiktok.com"} <= set(names.get_values_for_type(x509.DNSName))
    assert "127.0.0.1" in {str(ip) for ip in names.get_values_for_type(x509.IPAddress)}
    assert get(simulator, "/_sim/health").json()["status"] == "ok"  # verified TLS


def _listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port``, read from /proc (no traffic
    to any address but loopback is ever sent by a test)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_listens_on_loopback_only(simulator: SimulatorHandle) -> None:
    assert _listening_addresses(simulator.port) == {"0100007F"}  # 127.0.0.1, nothing else


def test_control_api_changes_rooms_and_settings(simulator: SimulatorHandle) -> None:
    room = simulator.control("POST", "rooms/@Some.Streamer", json={"live": True})
    assert room["unique_id"] == "some.streamer" and room["live"] is True
    alive = get(simulator, "/webcast/room/check_alive/", params={"room_ids": room["room_id"]})
    assert alive.json()["data"][0]["alive"] is True
    room = simulator.control("POST", "rooms/some.streamer", json={"event_rate": 5})
    assert room["event_rate"] == 5
    assert simulator.control("POST", "rooms/some.streamer", json={"live": False})["live"] is False
    armed = simulator.control("POST", "rooms/some.streamer/fault", json={"fault": "no_cookies"})
    assert armed["armed_faults"] == {"no_cookies": 1}
    assert simulator.control("POST", "config", json={"slow_delay": 0.25})["slow_delay"] == 0.25
    for path, body in [
        ("rooms/not a name", {"live": True}),
        ("rooms/someone/fault", {"fault": "meteor"}),
        ("rooms/someone", {"live": "yes"}),
        ("rooms/someone", {"event_rate": True}),
        ("rooms/someone/fault", {"fault": "blocked", "count": True}),
        ("config", {"event_rate": False}),
        ("config", {"unknown": 1}),
        ("ms_tokens/refuse", {"tokens": "abc"}),
    ]:
        assert post(simulator, f"/_sim/{path}", json=body).status_code in (400, 404)
    simulator.control("POST", "reset")
    assert simulator.control("GET", "rooms/some.streamer")["live"] is False
    assert simulator.control("GET", "counters")["http_requests"] == {}


def test_counters_count_routes(simulator: SimulatorHandle) -> None:
    simulator.control("POST", "reset")
    get(simulator, "/@counted_user/live")
    get(simulator, "/api-live/user/room/", params={"uniqueId": "counted_user"})
    requests = simulator.control("GET", "counters")["http_requests"]
    assert requests == {"GET /@{unique_id}/live": 1, "GET /api-live/user/room/": 1}


def test_connect_route_answers_like_webcast_fetch(simulator: SimulatorHandle) -> None:
    from TikTokLive.proto import ProtoMessageFetchResult

    simulator.control("POST", "rooms/sign_user", json={"live": True})
    room_id = simulator.control("GET", "rooms/sign_user")["room_id"]
    for path, params in [
        ("/webcast/fetch", {"room_id": room_id, "client": "ttlive-python"}),
        (f"/webcast/rooms/{room_id}/connect", {}),
        ("/webcast/fetch", {"unique_id": "sign_user"}),
    ]:
        answer = get(simulator, path, params=params)
        assert answer.status_code == 200
        assert answer.headers["X-Set-TT-Cookie"]
        result = ProtoMessageFetchResult().parse(answer.content)
        assert result.cursor and result.is_first and result.need_ack
        assert (
            result.push_server
            == f"wss://127.0.0.1:{simulator.port}/webcast/im/ws_proxy/ws_reuse_supplement/"
        )
        assert result.route_params["cursor"] == result.cursor
        assert result.messages
    unknown = get(simulator, "/webcast/rooms/123/connect")
    assert unknown.status_code == 404


async def test_sign_url_routes(simulator: SimulatorHandle) -> None:
    from TikTokLive.client.web.web_signer import TikTokSigner

    signer = TikTokSigner(sign_api_base=simulator.url)
    signed = await signer.webcast_sign(
        url="https://webcast.tiktok.com/webcast/room/chat/?room_id=1",
        method="POST", sign_url_type="xhr", payload="", user_agent="Mozilla/5.0",
    )  # fmt: skip
    assert "msToken=" in str(signed.signed_url)
    answer = post(simulator, "/tiktok/sign_url", json={"url": "https://www.tiktok.com/api/x/"})
    assert "X-Bogus=" in answer.json()["response"]["signedUrl"]


def test_refused_ms_token_gets_status_minus_one(simulator: SimulatorHandle) -> None:
    simulator.control("POST", "ms_tokens/refuse", json={"tokens": ["expired-token"]})
    params = {"uniqueId": "token_user"}
    refused = get(simulator, "/api/user/detail/", params={**params, "msToken": "expired-token"})
    assert refused.json()["statusCode"] == -1 and "userInfo" not in refused.json()
    fresh = get(simulator, "/api/user/detail/", params={**params, "msToken": "fresh-token"})
    assert fresh.json()["userInfo"]["user"]["uniqueId"] == "token_user"
    assert simulator.control("GET", "counters")["refused_ms_token_requests"] == 1


def _pool_digest(pool: Any) -> str:
    digest = hashlib.sha256()
    for kind in sorted(pool.kinds):
        for sequence in pool.kinds[kind]:
            for message in sequence:
                digest.update(message.method.encode() + message.common + message.body)
    return digest.hexdigest()


_BUILD_AND_STORE = """
import hashlib, sys
from pathlib import Path
from tokgate.sim.pool_cache import load_pool
pool = load_pool(7, Path(sys.argv[1]))
digest = hashlib.sha256()
for kind in sorted(pool.kinds):
    for sequence in pool.kinds[kind]:
        for message in sequence:
            digest.update(message.method.encode() + message.common + message.body)
print(digest.hexdigest())
"""


def test_pool_cache_returns_the_built_pool(tmp_path: Path) -> None:
    """Built (and stored) in a child process: building constructs TikTokLive messages, which
    would change how this process's TikTokLive parses events (see docs/simulator.md)."""
    from tokgate.sim.pool_cache import load_pool

    built = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_STORE, str(tmp_path)],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    assert len(list(tmp_path.iterdir())) == 1
    cached = load_pool(7, tmp_path)
    assert _pool_digest(cached) == built

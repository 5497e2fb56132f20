"""run_redis starts a real redis-server that chaos tests can kill and restart in place, and
stops it by its pid."""

from __future__ import annotations

import os

import pytest
import redis
from tokgate.testing import RedisHandle, run_redis


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_module_fixture_answers_on_its_url(redis_server: RedisHandle) -> None:
    assert redis_server.url == f"redis://127.0.0.1:{redis_server.port}/0"
    with redis.Redis.from_url(redis_server.url, socket_timeout=5.0) as client:
        assert client.ping()
        assert client.config_get("dir")["dir"] == str(redis_server.directory)
        assert client.config_get("appendonly")["appendonly"] == "no"


@pytest.mark.parametrize("appendonly", [True, False])
def test_kill_and_restart_on_the_same_port(appendonly: bool) -> None:
    with run_redis(appendonly=appendonly) as handle:
        url, first_pid = handle.url, handle.pid
        with redis.Redis.from_url(url, socket_timeout=5.0) as client:
            client.xadd("room:sim_live", {"event": "1"})
        handle.kill()
        assert _gone(first_pid)
        with pytest.raises(redis.ConnectionError):
            handle.answers()
        handle.restart()
        assert handle.pid != first_pid
        with redis.Redis.from_url(url, socket_timeout=5.0) as client:
            assert client.xlen("room:sim_live") == (1 if appendonly else 0)
    assert _gone(handle.pid)

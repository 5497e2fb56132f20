"""Scoped tokens: minted for read-only methods and some users, checked by signature and expiry
(nothing stored), refused typed; ``tokgate token`` prints them and never the key. The server
side (both ports) is in test_web_port.py."""

from __future__ import annotations

import time
from pathlib import Path

import jwt
import pytest
from tokgate.cli import main
from tokgate.config import Settings
from tokgate.errors.exceptions import PermissionDeniedError, UnauthenticatedError
from tokgate.token_cli import parse_duration
from tokgate.tokens import (
    TOKEN_PREFIX,
    TokenScope,
    TokenVerifier,
    mint,
    new_signing_key,
    read_signing_key,
    scope_for,
)
from tokgate.v1 import live_pb2, users_pb2

KEY = new_signing_key().encode()
STREAM = "tokgate.v1.LiveService/StreamEvents"


def test_a_minted_token_verifies_to_its_scope() -> None:
    scope = scope_for(
        ["LiveService/StreamEvents", "tokgate.v1.UserService/GetUser"], ["@Alice"], 60
    )
    token = mint(KEY, scope)
    assert token.startswith(TOKEN_PREFIX)
    assert TokenVerifier(KEY).verify(token) == scope
    assert scope.users == frozenset({"alice"})  # normalized as the services normalize it


@pytest.mark.parametrize(
    ("methods", "users", "ttl", "words"),
    [
        (["AdminService/ListPlugins"], [], 60, "not a read-only tokgate method"),
        (["LiveService/Nope"], [], 60, "not a read-only tokgate method"),
        ([], [], 60, "at least one method"),
        (["LiveService/StreamEvents"], [], 0, "positive"),
        (["LiveService/StreamEvents"], ["not a user!"], 60, "unique_id"),
    ],
)
def test_a_scope_beyond_reading_is_refused_at_mint(
    methods: list[str], users: list[str], ttl: float, words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        scope_for(methods, users, ttl)


def test_an_expired_token_is_unauthenticated() -> None:
    token = mint(KEY, TokenScope(frozenset({STREAM}), frozenset(), int(time.time()) - 1))
    with pytest.raises(UnauthenticatedError, match="expired"):
        TokenVerifier(KEY).verify(token)


@pytest.mark.parametrize("how", ["other key", "unsigned", "tampered", "garbage"])
def test_a_forged_token_is_unauthenticated(how: str) -> None:
    claims = {"iss": "tokgate", "iat": 1, "exp": 2**40, "methods": [STREAM], "users": []}
    token = {
        "other key": lambda: TOKEN_PREFIX + jwt.encode(claims, new_signing_key(), "HS256"),
        "unsigned": lambda: TOKEN_PREFIX + jwt.encode(claims, "", "none"),
        "tampered": lambda: mint(KEY, scope_for([STREAM], ["alice"], 60)).replace(".", ".e", 1),
        "garbage": lambda: TOKEN_PREFIX + "not.a.token",
    }[how]()
    with pytest.raises(UnauthenticatedError, match="not accepted"):
        TokenVerifier(KEY).verify(token)


def test_a_signed_token_still_never_reaches_admin_service() -> None:
    claims = {
        "iss": "tokgate",
        "iat": 1,
        "exp": 2**40,
        "methods": ["tokgate.v1.AdminService/ListPlugins", STREAM],
        "users": [],
    }
    scope = TokenVerifier(KEY).verify(TOKEN_PREFIX + jwt.encode(claims, KEY, "HS256"))
    scope.check_method("/" + STREAM)
    with pytest.raises(PermissionDeniedError, match="AdminService/ListPlugins"):
        scope.check_method("/tokgate.v1.AdminService/ListPlugins")


def test_a_scope_with_users_needs_one_of_them_named() -> None:
    scope = scope_for([STREAM], ["alice"], 60)
    scope.check_request(live_pb2.StreamEventsRequest(unique_id="@Alice"))
    for request in (
        live_pb2.StreamEventsRequest(unique_id="bob"),
        live_pb2.StreamEventsRequest(room_id="7000000000000000001"),
        users_pb2.SearchUsersRequest(query="alice"),
    ):
        with pytest.raises(PermissionDeniedError, match="alice"):
            scope.check_request(request)
    scope_for([STREAM], [], 60).check_request(live_pb2.StreamEventsRequest(unique_id="bob"))


def test_the_signing_key_is_kept_secret(tmp_path: Path) -> None:
    key_file = tmp_path / "token.key"
    key_file.write_text("short-secret\n")
    with pytest.raises(ValueError, match="fewer than 32 bytes") as refused:
        read_signing_key(str(key_file))
    assert "short-secret" not in str(refused.value)
    key_file.write_text(KEY.decode() + "\n")
    assert read_signing_key(str(key_file)) == KEY
    assert KEY.decode() not in repr(TokenVerifier(KEY))
    # Its content is redacted wherever the configured secrets are.
    assert KEY.decode() in Settings(token_signing_key_file=str(key_file)).secret_values()


def test_tokgate_token_mint_prints_a_token_and_never_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "token.key"
    assert main(["token", "new-key"]) == 0
    key_file.write_text(capsys.readouterr().out)
    key = read_signing_key(str(key_file))
    argv = ["token", "mint", "--key-file", str(key_file), "--user", "alice", "--ttl", "2h"]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    scope = TokenVerifier(key).verify(out.strip())
    assert scope.methods == frozenset({STREAM}) and scope.users == frozenset({"alice"})
    assert 7100 < scope.expires_at - time.time() <= 7200
    assert "alice" in err and key.decode() not in out + err
    assert main(["token", "mint", "--key-file", str(tmp_path / "missing")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("30m", 1800), ("24h", 86400), ("7d", 604800), ("5", 5)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
    with pytest.raises(ValueError):
        parse_duration("a day")

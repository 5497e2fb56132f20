"""The statusCode check and the page tokens, on their own."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.exceptions import InvalidArgumentError, UpstreamStatusError
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.errors.tiktok_body import check_text
from tokgate.users.binding import FetchResult
from tokgate.users.browser import playwright_proxy
from tokgate.users.paging import PageCursor, decode_page_token, encode_page_token, next_token
from tokgate.users.token_evidence import TokenEvidence

SECRET = "SECRETmsTokenValue"


@pytest.mark.parametrize(
    ("body", "http_status", "status_code"),
    [
        ('{"statusCode": -1, "userInfo": {}}', 200, -1),
        ('{"statusCode": 10221}', 200, 10221),
        ('{"status_code": 10222, "status_msg": "private"}', 200, 10222),
        ('{"statusCode": 429}', 429, 429),
        ('{"statusMsg": "Forbidden"}', 403, 403),  # no code: the HTTP status stands in
        ('{"statusCode": 0}', 403, 403),  # a success code with an HTTP error is no success
        ("<html>verify</html>", 200, None),  # not JSON
        ('{"statusCode": 0, "userInfo": {"us', 200, None),  # truncated JSON
        ("[1, 2]", 200, None),  # not an object
        ('{"code": "10000", "type": "verify"}', 200, None),  # no statusCode at all
    ],
)
async def test_failures_raise_with_the_body_redacted_when_reported(
    body: str, http_status: int, status_code: int | None
) -> None:
    """The check keeps the evidence raw; the pipeline redacts it before anyone reads it."""
    with pytest.raises(UpstreamStatusError) as caught:
        check_text(
            body.replace("{", f'{{"t": "{SECRET}", ', 1) if body.startswith("{") else body,
            http_status,
            "user_detail",
        )
    assert caught.value.status_code == status_code
    assert caught.value.http_status == http_status
    pipeline = ErrorPipeline.from_settings(Settings(ms_tokens=(SecretStr(SECRET),)))
    detail = await pipeline.report(caught.value, ErrorContext("users", "GetUser"))
    assert SECRET not in caught.value.body and SECRET not in str(detail)


@pytest.mark.parametrize(
    "body", ['{"statusCode": 0, "userInfo": {}}', '{"status_code": 0}', '{"statusCode": "0"}', ""]
)
def test_success_and_empty_bodies_pass(body: str) -> None:
    check_text(body, 200, "user_detail")  # empty: TikTokApi's EmptyResponse


def test_page_tokens_round_trip_and_are_bound_to_their_list() -> None:
    cursor = PageCursor("ListUserVideos", "alice", 1_700_000_000_000, "MS4w.alice")
    token = encode_page_token(cursor)
    assert decode_page_token(token, "ListUserVideos", "alice") == cursor
    assert decode_page_token("", "ListUserVideos", "alice") == PageCursor("ListUserVideos", "alice")
    with pytest.raises(InvalidArgumentError):
        decode_page_token(token, "ListUserVideos", "bob")
    with pytest.raises(InvalidArgumentError):
        decode_page_token(token, "ListHashtagVideos", "alice")
    with pytest.raises(InvalidArgumentError):
        decode_page_token("!!not-base64!!", "ListUserVideos", "alice")
    assert next_token(cursor, None) == ""
    following = decode_page_token(next_token(cursor, 5), "ListUserVideos", "alice")
    assert (following.cursor, following.extra) == (5, "MS4w.alice")


def test_proxy_urls_become_playwright_settings() -> None:
    assert playwright_proxy("http://user:p%40ss@proxy.example:8080") == {
        "server": "http://proxy.example:8080",
        "username": "user",
        "password": "p@ss",
    }
    assert playwright_proxy("socks5://10.0.0.1:1080") == {"server": "socks5://10.0.0.1:1080"}


def answer(body: str) -> FetchResult:
    return FetchResult("user_detail", 200, body)


def test_a_token_is_refused_after_bare_minus_ones_for_several_users_in_a_row() -> None:
    bare, not_found = answer('{"statusCode": -1}'), answer('{"statusCode": -1, "userInfo": {}}')
    evidence = TokenEvidence()
    assert not evidence.failed(1, bare, "a")
    assert not evidence.failed(1, bare, "a")
    assert evidence.failed(1, bare, "@b")  # 3 in a row, 2 users
    # One user alone is that user's problem, not the token's.
    one_user = TokenEvidence()
    assert not any(one_user.failed(1, bare, "ghost") for _ in range(5))
    # An answer the token got through (a user that does not exist), a success or a new
    # session in between starts the count again.
    for between in ("not_found", "success", "new_session"):
        evidence = TokenEvidence()
        evidence.failed(1, bare, "a")
        evidence.failed(1, bare, "b")
        if between == "not_found":
            assert not evidence.failed(1, not_found, "x")
        elif between == "success":
            evidence.worked()
        else:
            assert not evidence.failed(2, bare, "c")
        assert not evidence.failed(evidence.generation, bare, "d"), between
    assert not TokenEvidence().failed(1, answer("not json"), "a")
    assert not TokenEvidence().failed(1, None, "a")

"""Secrets never leave the process: ErrorDetails, log lines (third-party loggers too)."""

from __future__ import annotations

import ast
import io
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from TikTokLive.client import errors as live
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.exceptions import UpstreamStatusError
from tokgate.errors.log_redaction import RedactingFilter, install_log_redaction
from tokgate.errors.pipeline import ErrorPipeline
from tokgate.errors.redaction import REDACTED, Redactor
from tokgate.errors.status import status_proto

MS_TOKEN = "canaryMsToken_Zx9-Q=="
SESSIONID = "canarysessionid0123456789"
SIGN_KEY = "euler_canary_sign_key_42"
PROXY = "http://proxyuser:canaryProxyPass@proxy.example:3128"
SETTINGS = Settings(
    ms_tokens=(SecretStr(MS_TOKEN),),
    sessionid=SecretStr(SESSIONID),
    sign_api_key=SecretStr(SIGN_KEY),
    proxies=(SecretStr(PROXY),),
)
CANARIES = (MS_TOKEN, SESSIONID, SIGN_KEY, "canaryProxyPass")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "GET https://www.tiktok.com/api/user/detail/?uniqueId=a&msToken=abc-_x%3D&aid=1988",
            f"GET https://www.tiktok.com/api/user/detail/?uniqueId=a&msToken={REDACTED}&aid=1988",
        ),
        ("Cookie: sessionid=abc; tt_webid=123", f"Cookie: {REDACTED}"),
        ("set-cookie: sid_tt=abc; Path=/", f"set-cookie: {REDACTED}"),
        ("X-Set-TT-Cookie: ttwid=1%7Cabc; odin_tt=x", f"X-Set-TT-Cookie: {REDACTED}"),
        (
            "{'cookie': 'sessionid=abc', 'x-api-key': 'k1'}",
            f"{{'cookie': '{REDACTED}', 'x-api-key': '{REDACTED}'}}",
        ),
        ('{"msToken": "zzz", "statusCode": -1}', f'{{"msToken": "{REDACTED}", "statusCode": -1}}'),
        (
            "https://sign.example/webcast/fetch?apiKey=euler_x&room_id=1",
            f"https://sign.example/webcast/fetch?apiKey={REDACTED}&room_id=1",
        ),
        ("authorization: Bearer tg_live_abcdef", f"authorization: {REDACTED}"),
        ("metadata Bearer tg_live_abcdef sent", f"metadata Bearer {REDACTED} sent"),
        ("via socks5://bob:hunter2@10.0.0.1:1080", f"via socks5://{REDACTED}@10.0.0.1:1080"),
        ("sid_tt=abc;sessionid=q", f"sid_tt={REDACTED};sessionid={REDACTED}"),
        ("statusCode: -1, userInfo: {}", "statusCode: -1, userInfo: {}"),
    ],
)
def test_patterns(text: str, expected: str) -> None:
    redactor = Redactor()
    assert redactor.redact(text) == expected
    assert redactor.redact(expected) == expected  # idempotent


def test_literal_secrets_raw_and_url_encoded() -> None:
    redactor = Redactor(SETTINGS.secret_values())
    text = f"token {MS_TOKEN} / encoded canaryMsToken_Zx9-Q%3D%3D / key {SIGN_KEY} / {PROXY}"
    cleaned = redactor.redact(text)
    assert not any(canary in cleaned for canary in CANARIES)
    assert "canaryMsToken_Zx9-Q%3D%3D" not in cleaned


async def test_every_detail_field_is_redacted() -> None:
    pipeline = ErrorPipeline.from_settings(SETTINGS)
    response = httpx.Response(
        500,
        headers={"X-Request-Id": f"log-{SIGN_KEY}", "X-Set-TT-Cookie": f"sessionid={SESSIONID}"},
        request=httpx.Request("GET", f"https://sign.example/webcast/fetch?apiKey={SIGN_KEY}"),
    )
    error = live.SignAPIError(
        live.SignAPIError.ErrorReason.SIGN_NOT_200,
        f"sign failed for https://www.tiktok.com/?msToken={MS_TOKEN} via {PROXY}",
        response=response,
    )
    context = ErrorContext(
        "live", "sign", unique_id="streamer", extra={"proxy": PROXY, "cookie": SESSIONID}
    )
    detail = await pipeline.report(error, context)
    wire = status_proto(detail).SerializeToString()
    assert detail.metadata["log_id"] == f"log-{REDACTED}"
    for canary in CANARIES:
        assert canary.encode() not in wire
        assert canary not in str(detail)
    assert pipeline.redact(f"x {MS_TOKEN}") == f"x {REDACTED}"


class WithBody(logging.Formatter):
    """Shows the ``body`` extra field, where a record has one."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{super().format(record)} {getattr(record, 'body', '')}"


@pytest.fixture
def redacted_log() -> Iterator[tuple[io.StringIO, RedactingFilter]]:
    """A root handler like the server's, with the redaction filter installed: what reaches
    the handler, and the filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(WithBody("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    live_logger = logging.getLogger("TikTokLive")
    filters_before = list(live_logger.filters)
    try:
        yield stream, install_log_redaction(SETTINGS)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        live_logger.filters = filters_before


@pytest.fixture
def redacted_root_log(redacted_log: tuple[io.StringIO, RedactingFilter]) -> io.StringIO:
    """What reaches the root handler, through the redaction filter."""
    return redacted_log[0]


async def test_log_filter_covers_third_party_loggers(redacted_root_log: io.StringIO) -> None:
    # httpx logs every request URL at INFO: make it do so for real.
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    async with httpx.AsyncClient(transport=transport) as client:
        await client.get(f"https://www.tiktok.com/api/user/detail/?msToken={MS_TOKEN}")
    logging.getLogger("TikTokApi.tiktok").error(
        "Got an unexpected status code: %s",
        {"cookie": f"sessionid={SESSIONID}"},
        extra={"body": f"sign key {SIGN_KEY}"},
    )
    try:
        raise RuntimeError(f"proxy {PROXY} failed")
    except RuntimeError:
        logging.getLogger("tokgate.test").exception("boom")
    text = redacted_root_log.getvalue()
    assert "HTTP Request: GET https://www.tiktok.com/api/user/detail/?msToken=" in text
    assert "TikTokApi.tiktok ERROR" in text and "RuntimeError: proxy" in text
    assert not any(canary in text for canary in CANARIES)


def test_tiktoklive_logger_does_not_propagate_but_is_filtered(
    redacted_root_log: io.StringIO,
) -> None:
    stream = io.StringIO()
    live_logger = logging.getLogger("TikTokLive")
    handler = logging.StreamHandler(stream)
    live_logger.addHandler(handler)
    try:
        # At ERROR: a TikTokLiveClient built earlier in the session sets its logger to ERROR.
        live_logger.error("Sending session ID %s to the sign server", SESSIONID)
    finally:
        live_logger.removeHandler(handler)
    assert SESSIONID not in stream.getvalue() and REDACTED in stream.getvalue()


async def test_plugins_see_a_redacted_context() -> None:
    from tokgate.errors.hookspecs import hookimpl
    from tokgate.errors.manager import PluginManager

    seen: list[ErrorContext] = []

    class Spy:
        @hookimpl
        def tokgate_classify_error(self, context: ErrorContext) -> None:
            seen.append(context)

    manager = PluginManager.load(SETTINGS, entry_points=[])
    manager.register(Spy(), "spy", "1", "spy", builtin=False)
    pipeline = ErrorPipeline(SETTINGS, manager)
    context = ErrorContext(
        "users", "GetUser", body=f'{{"msToken": "{MS_TOKEN}"}}', headers={"set-cookie": SESSIONID}
    )
    await pipeline.report(ValueError("x"), context)
    (received,) = seen
    assert MS_TOKEN not in (received.body or "")
    assert SESSIONID not in received.headers["set-cookie"]


REPO = Path(__file__).resolve().parents[2]
# Who may call the one redactor: the pipeline (and its hook runner, for a plugin's own
# exception text) and the log filter; redaction.py is the redactor itself.
REDACTOR_CALLERS = {
    "server/tokgate/errors/pipeline.py",
    "server/tokgate/errors/hooks.py",
    "server/tokgate/errors/log_redaction.py",
    "server/tokgate/errors/redaction.py",
    # Spans leave through the pipeline's own redact (ErrorPipeline.redact), like log lines.
    "server/tokgate/tracing/export.py",
    # The error corpus's recorder writes failures down with the same ErrorPipeline.redact.
    "server/tokgate/plugin_kit/recorder.py",
}


def redactor_uses(path: Path) -> list[str]:
    """Where ``path`` imports the redaction module, builds a Redactor or calls ``redact``,
    ``_redact`` or ``redact_detail`` (by any object's name for it)."""
    source = path.read_text()
    if "redact" not in source.lower():  # every name the check looks for holds it
        return []
    found = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.ImportFrom) and node.module == "tokgate.errors.redaction":
            found.append(f"line {node.lineno}: imports tokgate.errors.redaction")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name.lstrip("_") in ("redact", "redact_detail", "Redactor"):
                found.append(f"line {node.lineno}: calls {name}")
    return found


def test_only_the_pipeline_and_the_log_filter_call_the_redactor() -> None:
    """Evidence stays raw inside the process until ErrorPipeline.report redacts it once."""
    sources = [*(REPO / "server" / "tokgate").rglob("*.py"), *(REPO / "plugins").rglob("*.py")]
    offenders = {
        str(path.relative_to(REPO)): uses
        for path in sources
        if not path.name.endswith("_pb2.py")
        and str(path.relative_to(REPO)) not in REDACTOR_CALLERS
        and (uses := redactor_uses(path))
    }
    assert offenders == {}


async def test_plugins_see_the_evidence_an_exception_carries_redacted() -> None:
    """A body checked and carried raw by an UpstreamStatusError is redacted before any plugin
    (or the ErrorDetail) reads it."""
    from tokgate.errors.hookspecs import hookimpl
    from tokgate.errors.manager import PluginManager

    seen: list[str] = []

    class Spy:
        @hookimpl
        def tokgate_classify_error(self, error: BaseException) -> None:
            if isinstance(error, UpstreamStatusError):
                seen.append(error.body)

    manager = PluginManager.load(SETTINGS, entry_points=[])
    manager.register(Spy(), "spy", "1", "spy")
    pipeline = ErrorPipeline(SETTINGS, manager)
    body = f'{{"statusCode": -1, "msToken": "{MS_TOKEN}", "note": "{SESSIONID}"}}'
    detail = await pipeline.report(UpstreamStatusError(-1, body, "user_detail"), CONTEXT_USERS)
    (received,) = seen
    assert not any(canary in received for canary in CANARIES)
    assert not any(canary in str(detail) for canary in CANARIES)


CONTEXT_USERS = ErrorContext("users", "GetUser", unique_id="someone")


async def test_a_secret_learnt_after_start_is_redacted_in_details_and_log_lines(
    redacted_log: tuple[io.StringIO, RedactingFilter],
) -> None:
    """What a reload's ms tokens file adds: the pipeline and the log filter (one Redactor, as
    ``tokgate serve`` builds them) know it by value from then on, where no pattern would find
    it."""
    later = "canaryReloadedToken0123"
    redacted_root_log, log_redaction = redacted_log
    pipeline = ErrorPipeline.from_settings(SETTINGS, log_redaction.redactor)
    assert pipeline.redact(f"plain {later}") == f"plain {later}"
    pipeline.add_secrets([later])
    assert pipeline.redact(f"plain {later}") == f"plain {REDACTED}"
    logging.getLogger("tokgate.test").warning("plain %s", later)
    text = redacted_root_log.getvalue()
    assert later not in text and f"plain {REDACTED}" in text

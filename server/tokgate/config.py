"""One settings model for the whole process, on pydantic-settings.

Every setting is a field of :class:`Settings`, declared with :func:`setting`: its help text,
its section of docs/configuration.md, whether it holds a credential, and whether a reload
may change it at run time. Where the values come from (flags, ``TOKGATE_*`` variables, the
TOML config file) is :mod:`tokgate.config_sources`; ``Settings(...)`` itself takes only what
it is given, so tests and library users build one without touching the environment.

Bounded buffers (queues, histories, caches) share one model: ``<name>_max_bytes``,
``<name>_max_age`` and, where a count is natural, ``<name>_max_entries``; see
:mod:`tokgate.bounds`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, SecretStr
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

ENV_PREFIX = "TOKGATE_"

OverflowPolicy = Literal["drop_oldest", "disconnect"]
LogFormat = Literal["auto", "json", "text"]
UpstreamLoop = Literal["tokgate", "tiktoklive"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
SECTIONS = ("server", "plugins", "upstream", "live", "cluster", "users")


def _comma_list(value: Any) -> Any:
    """Lists arrive as ``a,b,c`` from flags and variables, and as TOML arrays from the file."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


# The value types settings are made of; each says what it accepts in docs and errors.
Seconds = Annotated[float, Field(ge=0)]
Count = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(gt=0)]
Names = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_comma_list)]
Secrets = Annotated[tuple[SecretStr, ...], NoDecode, BeforeValidator(_comma_list)]
Level = Annotated[LogLevel, BeforeValidator(_upper)]

MIB = 1024 * 1024


def setting(
    default: Any,
    help: str,
    *,
    section: str = "server",
    secret: bool = False,
    reloadable: bool = False,
) -> Any:
    """A settings field: its help (``--help``, docs), section, and whether it is a credential
    (masked, redacted everywhere) or may change on reload (SIGHUP, a watched file)."""
    assert section in SECTIONS, section
    return Field(
        default=default,
        description=help,
        json_schema_extra={"section": section, "secret": secret, "reloadable": reloadable},
    )


def is_secret(info: FieldInfo) -> bool:
    return bool(_extra(info).get("secret"))


def is_reloadable(info: FieldInfo) -> bool:
    return bool(_extra(info).get("reloadable"))


def section_of(info: FieldInfo) -> str:
    return str(_extra(info)["section"])


def _extra(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra
    assert isinstance(extra, dict), "declare settings with tokgate.config.setting()"
    return extra


class Settings(BaseSettings):
    """All of tokgate's settings. See docs/configuration.md and ``tokgate serve --help``."""

    model_config = SettingsConfigDict(frozen=True, extra="forbid", validate_default=True)

    # --- the gRPC server -------------------------------------------------------------
    config: str = setting("", "TOML config file of settings (reread on SIGHUP and when it changes)")
    listen: str = setting("127.0.0.1:50051", "gRPC address (host:port)")
    metrics_listen: str = setting(
        "127.0.0.1:9464", "Prometheus /metrics address (host:port; empty disables)"
    )
    metrics_idle_timeout: Annotated[float, Field(gt=0)] = setting(
        10.0,
        "seconds a /metrics connection may stay idle (between a scrape's requests too) "
        "before it is closed",
    )
    otlp_endpoint: str = setting(
        "",
        "OTLP/gRPC collector to send traces to (e.g. http://127.0.0.1:4317); empty: traces off "
        "unless OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/observability.md, Traces)",
    )
    grace_period: Seconds = setting(10.0, "seconds running calls get to finish on SIGTERM")
    insecure: bool = setting(
        False, "allow a non-loopback address without API keys or TLS (you must mean it)"
    )
    api_key_hashes: Names = setting(
        (),
        "accepted caller API keys, as sha256 hex digests (see `tokgate hash-key`)",
        reloadable=True,
    )
    admin_key_hashes: Names = setting(
        (),
        "API keys (sha256 hex) that may also call AdminService; empty: any valid key",
        reloadable=True,
    )
    reflection: bool = setting(
        True,
        "serve gRPC server reflection, open without an API key (it lists the services and their "
        "messages, nothing else); false closes it",
    )
    tls_cert: str = setting("", "PEM certificate chain for TLS on the gRPC port")
    tls_key: str = setting("", "PEM private key for TLS on the gRPC port")
    tls_client_ca: str = setting("", "PEM CA bundle: require client certificates (mutual TLS)")
    web_listen: str = setting(
        "",
        "Connect and gRPC-Web address (host:port) serving every tokgate service to browsers, "
        "plain HTTP; empty: off (docs/clients.md, Browsers)",
    )
    web_cors_origins: Names = setting(
        (),
        "origins (scheme://host[:port]) whose pages may call the web port; empty: none (CORS "
        "closed)",
    )
    web_root: str = setting(
        "",
        "directory whose files the web port also serves to GET (a page such as "
        "examples/overlay/dist, from the origin it calls); empty: none",
    )
    token_signing_key_file: str = setting(
        "",
        "file of the secret that signs scoped tokens (`tokgate token new-key`); empty: tokens "
        "are refused",
    )
    log_level: Level = setting("INFO", "log level", reloadable=True)
    log_format: LogFormat = setting(
        "auto", "log format; auto: text when stderr is a terminal, JSON lines otherwise"
    )
    reload_watch_interval: Seconds = setting(
        2.0,
        "seconds between checks of the watched files (config, CA file, ms tokens file); 0: SIGHUP "
        "only",
    )
    query_cache_max_bytes: Positive = setting(
        8 * MIB,
        "answers of GetLiveStatus, GetUser, GetVideo and GetHashtag kept for their TTLs "
        "(each service its own cache): most bytes",
        reloadable=True,
    )
    query_cache_max_entries: Positive = setting(10_000, "... their greatest count", reloadable=True)
    not_found_cache_ttl: Seconds = setting(
        5.0,
        "seconds a NOT_FOUND answer of those RPCs is reused (at most their own TTL; other "
        "errors never are)",
        reloadable=True,
    )

    caller_max_streams: Count = setting(
        0,
        "server streams (StreamEvents) one caller (an API key, else a host) may hold open at "
        "once; 0: unlimited (docs/operations.md, Quotas)",
        reloadable=True,
    )
    caller_max_rooms: Count = setting(
        0,
        "distinct rooms one caller's streams may hold open at once; 0: unlimited",
        reloadable=True,
    )
    caller_unary_rate: Annotated[float, Field(ge=0)] = setting(
        0.0,
        "unary calls per second one caller may make (a token bucket; AdminService, health and "
        "reflection are never limited); 0: unlimited",
        reloadable=True,
    )
    caller_unary_burst: Count = setting(
        0,
        "... how many may come at once (the bucket's size); 0: the rate, rounded up",
        reloadable=True,
    )

    # --- error plugins ---------------------------------------------------------------
    plugins: Names = setting(
        (), "allow only these third-party plugins (empty: all installed)", section="plugins"
    )
    disable_plugins: Names = setting((), "never load these third-party plugins", section="plugins")
    plugin_timeout: Seconds = setting(
        0.25,
        "seconds a third-party hook call may take before its answer is discarded",
        section="plugins",
        reloadable=True,
    )
    plugin_max_strikes: Positive = setting(
        5,
        "failures after which a third-party plugin is disabled",
        section="plugins",
        reloadable=True,
    )
    error_history_max_bytes: Positive = setting(
        1 * MIB,
        "recent failures and successes kept to detect error patterns: most bytes",
        section="plugins",
    )
    error_history_max_age: Seconds = setting(
        600.0, "... their greatest age, seconds", section="plugins"
    )
    error_history_max_entries: Positive = setting(
        200, "... their greatest count", section="plugins"
    )
    error_notifications_max_bytes: Positive = setting(
        4 * MIB,
        "tokgate_error_handled notifications waiting for plugins (then dropped): most bytes",
        section="plugins",
    )
    error_notifications_max_age: Seconds = setting(
        60.0, "... their greatest age, seconds", section="plugins"
    )
    error_notifications_max_entries: Positive = setting(
        1000, "... their greatest count", section="plugins"
    )

    # --- TikTok upstream --------------------------------------------------------------
    tiktok_upstream: str = setting(
        "", "route all TikTok traffic to this base URL (e.g. the simulator)", section="upstream"
    )
    upstream_ca_file: str = setting(
        "",
        "PEM CA to trust for the upstream (e.g. the simulator's --cert-out); watched",
        section="upstream",
        reloadable=True,
    )
    sign_api_key: SecretStr = setting(
        SecretStr(""), "API key for TikTokLive's sign server", secret=True, section="upstream"
    )
    sign_api_keys: Secrets = setting(
        (),
        "more sign server API keys (with sign_api_key, each once): each has its own sign budget, "
        "and rooms are spread over them",
        secret=True,
        section="upstream",
    )
    sessionid: SecretStr = setting(
        SecretStr(""),
        "TikTok sessionid cookie (age-restricted LIVEs)",
        secret=True,
        section="upstream",
    )
    sessionid_sign_host: str = setting(
        "",
        "the sign server host (host[:port]) you trust with the sessionid, which TikTokLive "
        "sends it when connecting: whoever holds it can use the account, and a sign IP shared "
        "by many can get it banned; must name the sign server in use; empty: a sessionid is "
        "refused at start (docs/security.md)",
        section="upstream",
    )
    proxies: Secrets = setting(
        (),
        "proxy URLs for upstream traffic (may hold credentials)",
        secret=True,
        section="upstream",
    )

    # --- live streaming ---------------------------------------------------------------
    sign_budget_per_minute: Positive = setting(
        5, "sign-server requests per window and API key (free tier: 5)", section="live"
    )
    sign_budget_window: Annotated[float, Field(gt=0)] = setting(
        60.0,
        "seconds the sign budget counts over (60: per minute; tests shorten it)",
        section="live",
    )
    sign_budget_reserve: Count = setting(
        1,
        "grants of each window, per sign API key, kept for callers with no grant in the window, "
        "so one caller's many rooms cannot lock a new caller out (at most "
        "sign_budget_per_minute - 1)",
        section="live",
    )
    room_linger: Seconds = setting(
        10.0,
        "seconds a room's upstream stays open after its last subscriber left",
        section="live",
        reloadable=True,
    )
    subscriber_queue_max_bytes: Positive = setting(
        8 * MIB,
        "events queued per subscriber before overflow_policy applies: most bytes",
        section="live",
        reloadable=True,
    )
    subscriber_queue_max_age: Annotated[float, Field(gt=0)] = setting(
        10.0,
        "... greatest age of a queued event, seconds",
        section="live",
        reloadable=True,
    )
    subscriber_queue_max_entries: Positive = setting(
        20_000, "... greatest count", section="live", reloadable=True
    )
    overflow_policy: OverflowPolicy = setting(
        "drop_oldest",
        "on overflow: drop_oldest (told in-band) or disconnect (SLOW_CONSUMER)",
        section="live",
        reloadable=True,
    )
    watchdog_silence: Annotated[float, Field(gt=0)] = setting(
        60.0,
        "seconds without a frame before a websocket is deemed dead",
        section="live",
        reloadable=True,
    )
    upstream_loop: UpstreamLoop = setting(
        "tokgate",
        "who reads a room's push websocket: tokgate (each frame parsed once) or tiktoklive "
        "(the library's own loop, a fallback; about 100 µs more CPU per event); new "
        "connections use it",
        section="live",
        reloadable=True,
    )
    sign_timeout: Annotated[float, Field(gt=0)] = setting(
        15.0, "seconds a sign request may take", section="live", reloadable=True
    )
    reconnect_initial_backoff: Seconds = setting(
        1.0,
        "first reconnect delay, seconds (exponential, full jitter)",
        section="live",
        reloadable=True,
    )
    reconnect_max_backoff: Seconds = setting(
        60.0, "longest reconnect delay", section="live", reloadable=True
    )
    reconnect_max_attempts: Count = setting(
        8,
        "consecutive failed reconnects before a room gives up",
        section="live",
        reloadable=True,
    )
    offline_poll_interval: Annotated[float, Field(gt=0)] = setting(
        30.0,
        "seconds between live checks while waiting for a streamer",
        section="live",
        reloadable=True,
    )
    room_info_cache_max_bytes: Positive = setting(
        4 * MIB,
        "room info answers kept for GetRoomInfo and room-id lookups: most bytes",
        section="live",
        reloadable=True,
    )
    room_info_cache_max_age: Seconds = setting(
        10.0, "... how long one is kept (the TTL), seconds", section="live", reloadable=True
    )
    room_info_cache_max_entries: Positive = setting(
        1_000, "... their greatest count", section="live", reloadable=True
    )
    gift_cache_max_bytes: Positive = setting(
        16 * MIB,
        "rooms' gift catalogues kept for ListGifts and gift events: most bytes",
        section="live",
        reloadable=True,
    )
    gift_cache_max_age: Seconds = setting(
        600.0, "... how long one is kept (the TTL), seconds", section="live", reloadable=True
    )
    gift_cache_max_entries: Positive = setting(
        200, "... their greatest count (rooms)", section="live", reloadable=True
    )
    live_user_cache_max_bytes: Positive = setting(
        2 * MIB,
        "users a room keeps checked and converted, by TikTok's bytes: most bytes",
        section="live",
        reloadable=True,
    )
    live_user_cache_max_age: Annotated[float, Field(gt=0)] = setting(
        600.0,
        "... how long one unused is kept, seconds (forgotten within twice this)",
        section="live",
        reloadable=True,
    )
    live_user_cache_max_entries: Positive = setting(
        2_048, "... their greatest count", section="live", reloadable=True
    )
    room_history_max_bytes: Positive = setting(
        4 * MIB,
        "each room's history of sealed events, for resuming streams: most bytes",
        section="live",
        reloadable=True,
    )
    room_history_max_age: Annotated[float, Field(gt=0)] = setting(
        300.0,
        "... greatest age of an event, seconds; a room's log outlives its last room this long",
        section="live",
        reloadable=True,
    )
    room_history_max_entries: Positive = setting(
        20_000, "... greatest count", section="live", reloadable=True
    )
    stream_batch_max_bytes: Annotated[int, Field(ge=1024, le=4 * MIB)] = setting(
        MIB,
        "most bytes in one batched StreamEvents message (a larger event goes alone)",
        section="live",
        reloadable=True,
    )
    watch: Names = setting(
        (),
        "streamers kept open with no subscriber, waiting until live, so their history fills",
        section="live",
        reloadable=True,
    )
    live_status_cache_ttl: Seconds = setting(
        2.0,
        "seconds a GetLiveStatus answer is reused (0: not kept; identical calls in flight still "
        "share one request)",
        section="live",
        reloadable=True,
    )

    # --- cluster mode -----------------------------------------------------------------
    cluster_url: SecretStr = setting(
        SecretStr(""),
        "Redis URL (redis://host:port/db) shared by the replicas of one gateway; empty: one "
        "process, in memory",
        secret=True,
        section="cluster",
    )
    cluster_replica: str = setting(
        "", "this replica's name in the cluster (empty: hostname-pid)", section="cluster"
    )
    cluster_lease_ttl: Annotated[float, Field(ge=1)] = setting(
        5.0,
        "seconds a room's ownership lease lasts unrenewed (renewed every third of it)",
        section="cluster",
    )
    cluster_outage_grace: Seconds = setting(
        30.0,
        "seconds Redis may stay unreachable before this replica's streams end UNAVAILABLE",
        section="cluster",
        reloadable=True,
    )

    # --- user queries (TikTokApi) -----------------------------------------------------
    sessions: Count = setting(
        2, "browser sessions to keep (0: no user queries, no browser)", section="users"
    )
    ms_tokens: Secrets = setting(
        (), "TikTok msToken cookies, rotated across sessions", secret=True, section="users"
    )
    ms_tokens_file: str = setting(
        "",
        "file of more TikTok msToken cookies, one a line; watched: a reload (SIGHUP, or the file "
        "changing) moves the sessions off tokens no longer in it, one at a time",
        section="users",
        reloadable=True,
    )
    ms_token_rotation: Seconds = setting(
        0.0,
        "seconds a session keeps its ms token before it moves to another usable one, a session "
        "at a time (0: never; TikTokApi's guide advises fresh tokens every 2-4 hours)",
        section="users",
        reloadable=True,
    )
    headless: bool = setting(True, "run the browser headless", section="users")
    browser_executable: str = setting(
        "/usr/lib/chromium/chromium",
        "Chromium binary (Debian's real one, not the wrapper)",
        section="users",
    )
    call_deadline: Annotated[float, Field(gt=0)] = setting(
        30.0,
        "default deadline for a user query when the caller sets none",
        section="users",
        reloadable=True,
    )
    user_cache_ttl: Seconds = setting(
        30.0,
        "seconds a GetUser answer is reused (0: not kept; identical calls in flight still share "
        "one query)",
        section="users",
        reloadable=True,
    )
    video_cache_ttl: Seconds = setting(
        30.0, "... a GetVideo answer", section="users", reloadable=True
    )
    hashtag_cache_ttl: Seconds = setting(
        60.0, "... a GetHashtag answer", section="users", reloadable=True
    )
    session_concurrency: Positive = setting(
        2, "concurrent calls per browser session", section="users"
    )
    session_recreate_backoff: Seconds = setting(
        2.0, "first delay before recreating a dead session (doubles, capped)", section="users"
    )
    session_start_timeout: Annotated[float, Field(gt=0)] = setting(
        45.0,
        "seconds a browser session may take to open (launch, page load, msToken)",
        section="users",
    )
    retry_delay: Seconds = setting(
        1.0,
        "seconds a TIKTOK_API or BOT_DETECTION failure waits before its retry on another "
        "session, with jitter (half to one and a half times it), shortened to fit the call's "
        "deadline; callers are told it in RetryInfo",
        section="users",
        reloadable=True,
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only what the constructor is given: tokgate.config_sources merges flags, the
        environment and the config file itself, so it can say where each value came from."""
        return (init_settings,)

    @classmethod
    def load(cls, args: Any = None, environ: Any = None) -> Settings:
        """Flags (an argparse namespace), then ``TOKGATE_*`` variables, then the config file,
        then the defaults. Raises :class:`tokgate.config_sources.SettingsError`."""
        from tokgate.config_sources import resolve

        return resolve(args, environ).settings

    def secret_values(self) -> list[str]:
        """Every configured credential, for the redaction filter."""
        found: list[str] = []
        for name, info in type(self).model_fields.items():
            if not is_secret(info):
                continue
            value = getattr(self, name)
            items = value if isinstance(value, tuple) else (value,)
            found.extend(item.get_secret_value() for item in items if item.get_secret_value())
        if self.token_signing_key_file:  # a file's name, whose content is a secret
            with contextlib.suppress(OSError, UnicodeDecodeError):
                found.extend(filter(None, [Path(self.token_signing_key_file).read_text().strip()]))
        return found

    def reloadable_changes(self, other: Settings) -> dict[str, Any]:
        """The reloadable settings whose value in ``other`` differs from this one's."""
        return {
            name: getattr(other, name)
            for name, info in type(self).model_fields.items()
            if is_reloadable(info) and getattr(other, name) != getattr(self, name)
        }

    def restart_only_changes(self, other: Settings) -> list[str]:
        """The settings ``other`` changes that only take effect after a restart."""
        return [
            name
            for name, info in type(self).model_fields.items()
            if not is_reloadable(info) and getattr(other, name) != getattr(self, name)
        ]

"""One settings object for the whole process.

Every setting comes from a dataclass field below, so there is one place to read them all.
Values are taken from the defaults, then from ``TOKGATE_<FIELD>`` environment variables,
then from command-line flags (``--field-name``). Fields marked ``secret`` hold credentials:
they print as ``***`` and their values feed the redaction filter.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

ENV_PREFIX = "TOKGATE_"

OverflowPolicy = Literal["drop_oldest", "disconnect"]
LogFormat = Literal["json", "text"]


class Secret(str):
    """A credential. Compares and serializes as its value but never prints it."""

    def __repr__(self) -> str:
        return "Secret('***')" if self else "Secret('')"

    def __str__(self) -> str:
        return "***" if self else ""

    @property
    def value(self) -> str:
        """The credential itself, for the one place that sends it upstream."""
        return str.__str__(self)


def _setting(default: Any, help: str, *, secret: bool = False, section: str = "server") -> Any:
    """A settings field with its help text (shown by --help) and its flags."""
    return field(default=default, metadata={"help": help, "secret": secret, "section": section})


@dataclass(frozen=True)
class Settings:
    """All of tokgate's settings. See docs/configuration.md and ``tokgate serve --help``."""

    # --- the gRPC server -------------------------------------------------------------
    listen: str = _setting("127.0.0.1:50051", "gRPC address (host:port)")
    metrics_listen: str = _setting(
        "127.0.0.1:9464", "Prometheus /metrics address (host:port; empty disables)"
    )
    grace_period: float = _setting(10.0, "seconds running calls get to finish on SIGTERM")
    insecure: bool = _setting(
        False, "allow a non-loopback address without API keys or TLS (you must mean it)"
    )
    api_key_hashes: tuple[str, ...] = _setting(
        (), "accepted caller API keys, as sha256 hex digests (see `tokgate hash-key`)"
    )
    admin_key_hashes: tuple[str, ...] = _setting(
        (), "API keys (sha256 hex) that may also call AdminService; empty: any valid key"
    )
    tls_cert: str = _setting("", "PEM certificate chain for TLS on the gRPC port")
    tls_key: str = _setting("", "PEM private key for TLS on the gRPC port")
    tls_client_ca: str = _setting("", "PEM CA bundle: require client certificates (mutual TLS)")
    log_level: str = _setting("INFO", "log level")
    log_format: LogFormat = _setting("json", "log format: json or text")

    # --- error plugins ---------------------------------------------------------------
    plugins: tuple[str, ...] = _setting(
        (), "allow only these third-party plugins (empty: all installed)", section="plugins"
    )
    disable_plugins: tuple[str, ...] = _setting(
        (), "never load these third-party plugins", section="plugins"
    )
    plugin_timeout: float = _setting(
        0.25,
        "seconds a third-party hook call may take before its answer is discarded",
        section="plugins",
    )
    plugin_max_strikes: int = _setting(
        5, "failures after which a third-party plugin is disabled", section="plugins"
    )

    # --- TikTok upstream --------------------------------------------------------------
    tiktok_upstream: str = _setting(
        "", "route all TikTok traffic to this base URL (e.g. the simulator)", section="upstream"
    )
    upstream_ca_file: str = _setting(
        "",
        "PEM CA to trust for the upstream (e.g. the simulator's --cert-out)",
        section="upstream",
    )
    sign_api_key: Secret = _setting(
        Secret(""), "API key for TikTokLive's sign server", secret=True, section="upstream"
    )
    sessionid: Secret = _setting(
        Secret(""),
        "TikTok sessionid cookie (age-restricted LIVEs)",
        secret=True,
        section="upstream",
    )
    proxies: tuple[Secret, ...] = _setting(
        (),
        "proxy URLs for upstream traffic (may hold credentials)",
        secret=True,
        section="upstream",
    )

    # --- live streaming ---------------------------------------------------------------
    sign_budget_per_minute: int = _setting(
        5, "sign-server requests per minute, process-wide (free tier: 5)", section="live"
    )
    sign_budget_window: float = _setting(
        60.0,
        "seconds the sign budget counts over (60: per minute; tests shorten it)",
        section="live",
    )
    room_linger: float = _setting(
        10.0,
        "seconds a room's upstream stays open after its last subscriber left",
        section="live",
    )
    subscriber_queue_size: int = _setting(
        1000, "events buffered per subscriber before overflow", section="live"
    )
    overflow_policy: OverflowPolicy = _setting(
        "drop_oldest",
        "on overflow: drop_oldest (told in-band) or disconnect (SLOW_CONSUMER)",
        section="live",
    )
    watchdog_silence: float = _setting(
        60.0, "seconds without a frame before a websocket is deemed dead", section="live"
    )
    sign_timeout: float = _setting(15.0, "seconds a sign request may take", section="live")
    reconnect_initial_backoff: float = _setting(
        1.0, "first reconnect delay, seconds (exponential, full jitter)", section="live"
    )
    reconnect_max_backoff: float = _setting(60.0, "longest reconnect delay", section="live")
    reconnect_max_attempts: int = _setting(
        8, "consecutive failed reconnects before a room gives up", section="live"
    )
    offline_poll_interval: float = _setting(
        30.0, "seconds between live checks while waiting for a streamer", section="live"
    )

    # --- user queries (TikTokApi) -----------------------------------------------------
    sessions: int = _setting(
        2, "browser sessions to keep (0: no user queries, no browser)", section="users"
    )
    ms_tokens: tuple[Secret, ...] = _setting(
        (), "TikTok msToken cookies, rotated across sessions", secret=True, section="users"
    )
    headless: bool = _setting(True, "run the browser headless", section="users")
    browser_executable: str = _setting(
        "/usr/lib/chromium/chromium",
        "Chromium binary (Debian's real one, not the wrapper)",
        section="users",
    )
    call_deadline: float = _setting(
        30.0, "default deadline for a user query when the caller sets none", section="users"
    )
    session_concurrency: int = _setting(2, "concurrent calls per browser session", section="users")
    session_recreate_backoff: float = _setting(
        2.0, "first delay before recreating a dead session (doubles, capped)", section="users"
    )
    session_start_timeout: float = _setting(
        45.0,
        "seconds a browser session may take to open (launch, page load, msToken)",
        section="users",
    )

    @classmethod
    def load(
        cls, args: argparse.Namespace | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Defaults, then ``TOKGATE_*`` variables, then flags that were given."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _parse(f, raw)
            flag_value = getattr(args, f.name, None) if args is not None else None
            if flag_value is not None:
                values[f.name] = (
                    _parse(f, flag_value) if isinstance(flag_value, str) else flag_value
                )
        return cls(**values)

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser, *sections: str) -> None:
        """Add a ``--flag`` per field (of the given sections; all when none given)."""
        for f in dataclasses.fields(cls):
            if sections and f.metadata["section"] not in sections:
                continue
            flag = "--" + f.name.replace("_", "-")
            env = ENV_PREFIX + f.name.upper()
            help_text = f"{f.metadata['help']} [env {env}]"
            if f.type in ("bool", bool):
                parser.add_argument(
                    flag,
                    dest=f.name,
                    default=None,
                    action=argparse.BooleanOptionalAction,
                    help=help_text,
                )
            else:
                parser.add_argument(flag, dest=f.name, default=None, help=help_text)

    def secret_values(self) -> list[str]:
        """Every configured credential, for the redaction filter."""
        found: list[str] = []
        for f in dataclasses.fields(self):
            if not f.metadata.get("secret"):
                continue
            value = getattr(self, f.name)
            items = value if isinstance(value, tuple) else (value,)
            found.extend(str.__str__(item) for item in items if item)
        return found


def _parse(f: dataclasses.Field[Any], raw: str) -> Any:
    """Parse one setting from its text form (environment variable or flag)."""
    kind = str(f.type)
    if kind == "bool":
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if kind in ("int", "float"):
        try:
            number = int(raw) if kind == "int" else float(raw)
        except ValueError:
            raise ValueError(f"{f.name} must be a number ({kind}), not {raw!r}") from None
        if number < 0:
            raise ValueError(f"{f.name} must not be negative, not {raw!r}")
        return number
    if kind.startswith("tuple["):
        parts = tuple(p.strip() for p in raw.split(",") if p.strip())
        return tuple(Secret(p) for p in parts) if "Secret" in kind else parts
    if kind == "Secret":
        return Secret(raw)
    if kind in ("OverflowPolicy", "LogFormat"):
        allowed = get_args(OverflowPolicy if kind == "OverflowPolicy" else LogFormat)
        if raw not in allowed:
            raise ValueError(f"{f.name} must be one of {', '.join(allowed)}, not {raw!r}")
    return raw

"""The exposure rule for the web port: the gRPC port's rule (tokgate.security), where TLS
does not count, since the web port has none of its own: only API keys (or an explicit
``--insecure``) let it listen beyond loopback. Checked at start, before anything heavy is
built."""

from __future__ import annotations

from tokgate.config import Settings
from tokgate.metrics import split_host_port
from tokgate.security import exposure_problem


def web_exposure_problem(settings: Settings) -> str | None:
    """Why ``web_listen`` may not be used as set, or None (also when it is empty)."""
    if not settings.web_listen:
        return None
    try:
        host, _ = split_host_port(settings.web_listen)
    except ValueError as exc:
        return f"web_listen: {exc}"
    problem = exposure_problem(settings, host, tls_counts=False)
    return f"web_listen: {problem}" if problem else None

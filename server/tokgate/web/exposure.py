"""The exposure rule for the web port: it has no TLS of its own, so only API keys (or an
explicit ``--insecure``) let it listen beyond loopback. Checked at start, before anything
heavy is built, like the gRPC port's rule (tokgate.security)."""

from __future__ import annotations

from tokgate.config import Settings
from tokgate.metrics import split_host_port
from tokgate.security import is_loopback


def web_exposure_problem(settings: Settings) -> str | None:
    """Why ``web_listen`` may not be used as set, or None (also when it is empty)."""
    if not settings.web_listen:
        return None
    try:
        host, _ = split_host_port(settings.web_listen)
    except ValueError as exc:
        return f"web_listen: {exc}"
    if is_loopback(host) or settings.insecure:
        return None
    if settings.api_key_hashes or settings.admin_key_hashes:
        return None
    return (
        f"web_listen: refusing to listen on {host!r}: it is not a loopback address and no API "
        "keys (api_key_hashes) are configured (the web port is plain HTTP: TLS on the gRPC port "
        "does not cover it); set them, or pass --insecure (TOKGATE_INSECURE=true) if something "
        "else protects the port"
    )

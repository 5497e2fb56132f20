"""``tokgate sim``: run the TikTok simulator, or list its scenarios."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_SEED = 20240601


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sim",
        help="run the TikTok simulator (TikTokLive + TikTokApi routes, on loopback)",
        description="A local stand-in for TikTok that the real TikTokLive and TikTokApi talk to. "
        "Scenarios are chosen by username: see --list-scenarios.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: loopback only)",
    )
    parser.add_argument("--port", type=int, default=8443, help="HTTPS port (default 8443)")
    parser.add_argument(
        "--cert-out",
        type=Path,
        default=Path("sim.pem"),
        help="where to write the self-signed certificate (default sim.pem)",
    )
    parser.add_argument(
        "--list-scenarios", action="store_true", help="print the scenario table and exit"
    )
    parser.add_argument("--json", action="store_true", help="with --list-scenarios: as JSON")
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help="random seed of the event generator (default %(default)s)",
    )
    parser.add_argument(
        "--event-rate",
        type=float,
        default=20.0,
        help="events per second per live room (default %(default)s)",
    )
    parser.add_argument(
        "--slow-delay",
        type=float,
        default=5.0,
        help="seconds sim_slow waits before answering (default %(default)s)",
    )
    parser.add_argument(
        "--drop-after",
        type=float,
        default=1.0,
        help="seconds before sim_drop closes its first websocket",
    )
    parser.add_argument(
        "--end-after", type=float, default=1.0, help="seconds before sim_live_end ends its LIVE"
    )
    parser.add_argument(
        "--rate-limit-reset",
        type=int,
        default=2,
        help="seconds until a sign 429 resets (RateLimit-Reset, Retry-After)",
    )
    parser.add_argument(
        "--pool-cache",
        default=None,
        help="directory caching the encoded event pool, so a restart skips importing "
        "TikTokLive (default: $XDG_CACHE_HOME/tokgate/sim; '' disables)",
    )
    parser.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.list_scenarios:
        return _list_scenarios(args.json)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    if not _is_loopback(args.host):
        logger.warning("the simulator listens beyond loopback", extra={"host": args.host})
    try:
        asyncio.run(_serve(args))
    except OSError as exc:
        logger.error("cannot listen", extra={"error_kind": "NETWORK", "error": str(exc)})
        return 1
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _list_scenarios(as_json: bool) -> int:
    from tokgate.sim.scenarios import SCENARIOS

    if as_json:
        json.dump([scenario.as_json() for scenario in SCENARIOS], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max(len(scenario.name) for scenario in SCENARIOS)
    for scenario in SCENARIOS:
        print(f"{scenario.name:<{width}}  {scenario.library:<10}  {scenario.behaviour}")
        print(f"{'':<{width}}  {'':<10}  -> {scenario.raises}")
    return 0


async def _serve(args: argparse.Namespace) -> None:
    from aiohttp import web

    from tokgate.sim.certs import make_certificate, server_ssl_context, write_certificate
    from tokgate.sim.events import PoolLoader
    from tokgate.sim.pool_cache import default_cache_dir, load_pool
    from tokgate.sim.server import build_app
    from tokgate.sim.state import SimState, Timing

    timing = Timing(
        event_rate=args.event_rate,
        slow_delay=args.slow_delay,
        drop_after=args.drop_after,
        end_after=args.end_after,
        rate_limit_reset=args.rate_limit_reset,
    )
    state = SimState(seed=args.seed, timing=timing)
    cache_dir = default_cache_dir() if args.pool_cache is None else (
        Path(args.pool_cache) if args.pool_cache else None)  # fmt: skip
    pool = PoolLoader(lambda: load_pool(args.seed, cache_dir))
    pool.start()  # in a worker thread, while the certificate and the server are made
    extra_hosts = () if args.host in ("127.0.0.1", "localhost", "0.0.0.0", "::") else (args.host,)
    cert_pem, key_pem = make_certificate(extra_hosts)
    runner = web.AppRunner(build_app(state, pool), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(
        runner,
        args.host,
        args.port,
        ssl_context=server_ssl_context(cert_pem, key_pem),
        shutdown_timeout=1.0,
    )
    await site.start()
    await pool.get()
    # The certificate file is the readiness signal (tokgate.testing waits for it): write it
    # only once every route, the sign and push ones included, answers at once.
    write_certificate(cert_pem, args.cert_out)
    logger.info(
        "tokgate sim listening",
        extra={"url": f"https://{args.host}:{args.port}", "cert": str(args.cert_out)},
    )
    print(
        f"tokgate sim: https://{args.host}:{args.port} (certificate: {args.cert_out})", flush=True
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()

"""``tokgate serve``: the grpc.aio server with every service, and its lifecycle.

It wires LiveService and UserService (from their components), AdminService, health and
reflection behind four interceptors (metrics outermost, then errors, API keys, quotas; traces'
own outside them when on), serves
the same services through the same interceptors over Connect and gRPC-Web on ``web_listen``
(tokgate.web), serves /metrics on its own port, reloads what may change on SIGHUP or when a
watched file changes (tokgate.reload), and stops gracefully on SIGTERM or SIGINT: health goes
NOT_SERVING, no new calls are accepted, LIVE streams end with an UNAVAILABLE "server is
shutting down" status, running calls get ``grace_period`` seconds and those still running then
end with the same status (an ErrorDetail too: grpc would cut them bare ``CUT_OFF_SECONDS``
later), and the process exits 0.
Invalid settings exit with code 2 before any port is bound.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from tokgate.config import Settings
from tokgate.config_sources import SettingsError, add_flags, resolve
from tokgate.tracing import Tracing

if TYPE_CHECKING:
    import grpc
    from google.protobuf.descriptor import ServiceDescriptor
    from opentelemetry.sdk.trace.export import SpanExporter

    from tokgate.errors.log_redaction import RedactingFilter
    from tokgate.errors.pipeline import CaseRecorder, ErrorPipeline
    from tokgate.health import HealthService
    from tokgate.interceptors import ApiKeyInterceptor, QuotaInterceptor, RunningCalls
    from tokgate.live.cluster import Cluster
    from tokgate.live.component import LiveComponent
    from tokgate.metrics_http import MetricsHttpServer
    from tokgate.quotas import Quotas
    from tokgate.security import ApiKeys
    from tokgate.tokens import TokenVerifier
    from tokgate.users.component import UsersComponent
    from tokgate.web.server import WebPort

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CONFIG = 2
KEEPALIVE_SECONDS = 60
# How long calls ended at the end of the grace period get to send their status before grpc
# cancels whatever still runs.
CUT_OFF_SECONDS = 1.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the gRPC gateway",
        description="Serve LiveService, UserService and AdminService (plus health and "
        "reflection) over gRPC, and Prometheus metrics over HTTP. Every flag can also be "
        "set with its TOKGATE_* environment variable; see docs/configuration.md.",
    )
    add_flags(parser)
    parser.set_defaults(handler=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    """Load the settings, configure logging once, and run the server until a signal."""
    try:
        resolved = resolve(args)
    except SettingsError as exc:
        print(f"tokgate serve: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    settings = resolved.settings
    environ = dict(os.environ)
    log_redaction = _configure_logging(settings)
    try:
        gateway = Gateway(
            settings, lambda: resolve(args, environ).settings, log_redaction=log_redaction
        )
        return asyncio.run(gateway.run())
    except Exception:
        logger.exception("tokgate serve failed", extra={"error_kind": "internal"})
        return EXIT_FAILED


def _configure_logging(settings: Settings) -> RedactingFilter:
    """One root handler (text on a terminal, JSON otherwise) carrying the redaction filter."""
    from tokgate.errors.log_redaction import install_log_redaction
    from tokgate.logs import configure_logging

    configure_logging(settings.log_level, settings.log_format)
    return install_log_redaction(settings)


class ConfigurationError(Exception):
    """A setting that keeps the server from starting (exit code 2)."""


class Gateway:
    """The running server: built by ``run``, stopped by a signal or ``stop``. ``tokgate serve``
    runs one; a test may run one in its own process (``span_exporter``: where its spans go,
    traces on, instead of the OTLP exporter). ``log_redaction``: the log filter ``serve``
    installed, whose Redactor the error pipeline shares (else the pipeline has its own)."""

    def __init__(
        self,
        settings: Settings,
        load: Callable[[], Settings] | None = None,
        *,
        span_exporter: SpanExporter | None = None,
        log_redaction: RedactingFilter | None = None,
    ) -> None:
        self.settings = settings
        # How a reload reads the settings again (default: they never change).
        self._load = load or (lambda: settings)
        self._span_exporter = span_exporter
        self._redactor = log_redaction.redactor if log_redaction else None
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Shut down as on SIGTERM."""
        self._stopping.set()

    async def run(self) -> int:
        """Serve until SIGTERM / SIGINT; the process exit code."""
        from tokgate.errors.manager import PluginLoadError

        try:
            return await self._run()
        except (ConfigurationError, PluginLoadError) as exc:
            print(f"tokgate serve: {exc}", file=sys.stderr)
            return EXIT_CONFIG

    async def _run(self) -> int:
        from tokgate.errors.pipeline import ErrorPipeline
        from tokgate.health import HealthService
        from tokgate.interceptors import ApiKeyInterceptor, QuotaInterceptor, RunningCalls
        from tokgate.logs import prepare_log_level
        from tokgate.metrics import split_host_port
        from tokgate.reload import Reloader, ReloadTarget
        from tokgate.users.component import UsersComponent
        from tokgate.users.token_file import TokenFileError

        settings = self.settings
        self._install_signal_handlers()  # a signal during start-up stops right after it
        keys, credentials = _callers(settings)
        key_check = ApiKeyInterceptor(keys, _token_verifier(settings))
        pipeline = ErrorPipeline.from_settings(settings, self._redactor)
        pipeline.record_cases(_corpus_recorder(pipeline))
        tracing = Tracing.start(settings, pipeline.redact, self._span_exporter)
        live, quotas, cluster = _live_and_quotas(settings, pipeline)
        try:
            users = UsersComponent(settings, pipeline)
        except TokenFileError as exc:
            raise ConfigurationError(str(exc)) from None
        health_servicer = HealthService()
        calls = RunningCalls()
        interceptors = [
            # Outermost: an RPC's span holds everything the call does, on either port.
            *tracing.server_interceptors(),
            *gateway_interceptors(pipeline, key_check, QuotaInterceptor(quotas), calls),
        ]

        def add_services(target: Any) -> None:
            add_tokgate_services(target, pipeline, quotas, live=live, users=users)

        server = build_server(
            interceptors,
            add_services,
            health_servicer=health_servicer,
            reflection=settings.reflection,
        )
        web = _web_port(settings, interceptors, add_services)
        host, _ = split_host_port(settings.listen)
        reloader = Reloader(
            settings,
            self._load,
            [
                ReloadTarget("logging", lambda new: prepare_log_level(new.log_level)),
                ReloadTarget("api_keys", lambda new: key_check.prepare_reload(new, host)),
                ReloadTarget("quotas", quotas.prepare_reload),
                *pipeline.reload_targets(),
                *live.reload_targets(),
                *users.reload_targets(),
            ],
        )
        try:
            if credentials is None:
                server.add_insecure_port(settings.listen)
            else:
                server.add_secure_port(settings.listen, credentials)
        except RuntimeError as exc:
            raise ConfigurationError(f"cannot listen on {settings.listen}: {exc}") from None
        exporter = await _start_exporter(settings)

        await _start_in_order(pipeline, live, users, quotas, server, web=web)
        reloader.start()
        await _set_serving(health_servicer)
        logger.info(
            "tokgate serving",
            extra={
                "listen": settings.listen,
                "metrics_listen": settings.metrics_listen,
                "tls": credentials is not None,
                "mutual_tls": bool(settings.tls_client_ca),
                "api_keys": keys.enabled,
                "web_listen": settings.web_listen,
                "scoped_tokens": key_check.tokens is not None,
            },
        )

        await self._stopping.wait()
        await reloader.stop()
        clean = await self._shut_down(
            server=server,
            calls=calls,
            health_servicer=health_servicer,
            live=live,
            users=users,
            pipeline=pipeline,
            tracing=tracing,
            web=web,
        )
        await quotas.stop()
        if cluster is not None:
            await cluster.close()
        if exporter is not None:
            await exporter.stop()
        logger.info("tokgate stopped", extra={"clean": clean})
        return EXIT_OK if clean else EXIT_FAILED

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self._on_signal, signum)
        # Until the reloader takes SIGHUP over, one must not end the process (its default).
        loop.add_signal_handler(signal.SIGHUP, self._on_early_sighup)

    def _on_early_sighup(self) -> None:
        logger.warning("SIGHUP during start-up: nothing to reload yet; send it again once serving")

    def _on_signal(self, signum: int) -> None:
        if self._stopping.is_set():
            logger.info("already shutting down", extra={"signal": signal.Signals(signum).name})
            return
        logger.info(
            "shutting down",
            extra={
                "signal": signal.Signals(signum).name,
                "grace_period": self.settings.grace_period,
            },
        )
        self.stop()

    async def _shut_down(
        self,
        *,
        server: grpc.aio.Server,
        calls: RunningCalls,
        health_servicer: HealthService,
        live: LiveComponent,
        users: UsersComponent,
        pipeline: ErrorPipeline,
        tracing: Tracing,
        web: WebPort | None,
    ) -> bool:
        """NOT_SERVING, stop accepting, end LIVE streams, let the rest finish (or end them
        typed when the grace period is over), stop the components. Every step runs even if
        one before it failed; False if any did."""
        await health_servicer.enter_graceful_shutdown()
        grace = self.settings.grace_period
        stopping = asyncio.create_task(server.stop(grace + CUT_OFF_SECONDS))
        cut_off = asyncio.get_running_loop().call_later(grace, calls.end_all)
        stopping.add_done_callback(lambda _: cut_off.cancel())
        await asyncio.sleep(0)  # the server stops accepting before streams are ended
        # The web port stops beside the gRPC port, while the rooms end their streams.
        web_stopping = [("web", asyncio.create_task(web.stop()))] if web is not None else []
        steps: list[tuple[str, Awaitable[Any]]] = [
            ("live", live.stop()),
            ("server", stopping),
            *web_stopping,
            ("users", users.stop()),
            ("errors", pipeline.stop()),
            ("tracing", tracing.stop()),  # the spans of the calls above exported
        ]
        clean = True
        for name, step in steps:
            try:
                await step
            except Exception:
                clean = False
                logger.exception(
                    "stopping %s failed", name, extra={"error_kind": "internal", "step": name}
                )
        return clean


def _corpus_recorder(pipeline: ErrorPipeline) -> CaseRecorder | None:
    """The error corpus's recorder when ``TOKGATE_CORPUS_RECORD`` is set (the tests' servers)."""
    from tokgate.plugin_kit.recorder import CorpusRecorder

    recorder = CorpusRecorder.from_environment(pipeline.redact)
    return recorder.record if recorder is not None else None


def _live_and_quotas(
    settings: Settings, pipeline: ErrorPipeline
) -> tuple[LiveComponent, Quotas, Cluster | None]:
    """LiveService's rooms and the per-caller quotas; in cluster mode, on one connection to
    Redis (one pool, one writer of its up gauge), which the caller closes once both stopped."""
    from tokgate.live.cluster import Cluster
    from tokgate.live.component import LiveComponent
    from tokgate.quotas import Quotas

    cluster = Cluster(settings) if settings.cluster_url.get_secret_value() else None
    try:
        live = LiveComponent(settings, pipeline, cluster)
    except ValueError as exc:  # an unusable upstream CA file, a sessionid not allowed out
        raise ConfigurationError(str(exc)) from None
    return live, Quotas.from_settings(settings, cluster), cluster


def _callers(settings: Settings) -> tuple[ApiKeys, grpc.ServerCredentials | None]:
    """The API keys and TLS credentials, after the exposure rule (ConfigurationError)."""
    from tokgate.metrics import split_host_port
    from tokgate.security import ApiKeys, exposure_problem, server_credentials
    from tokgate.web.exposure import web_exposure_problem

    try:
        host, _ = split_host_port(settings.listen)
        keys = ApiKeys.from_settings(settings)
        credentials = server_credentials(settings)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    problem = exposure_problem(settings, host) or web_exposure_problem(settings)
    if problem:
        raise ConfigurationError(problem)
    return keys, credentials


async def _start_exporter(settings: Settings) -> MetricsHttpServer | None:
    """/metrics served on ``metrics_listen``, unless it is empty (ConfigurationError when the
    address cannot be bound)."""
    from tokgate.metrics import REGISTRY, split_host_port
    from tokgate.metrics_http import MetricsHttpServer

    if not settings.metrics_listen:
        return None
    exporter = MetricsHttpServer(REGISTRY, settings.metrics_idle_timeout)
    try:
        await exporter.start(*split_host_port(settings.metrics_listen))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(
            f"cannot serve metrics on {settings.metrics_listen}: {exc}"
        ) from None
    return exporter


def build_server(
    interceptors: list[grpc.aio.ServerInterceptor],
    add_services: Callable[[Any], None],
    *,
    health_servicer: HealthService,
    reflection: bool,
) -> grpc.aio.Server:
    """The grpc.aio server with tokgate's services (``add_services``: the web port registers
    the same) behind ``interceptors`` (the tracing one and ``gateway_interceptors``: the web
    port's too), health, and server reflection unless closed (the ``reflection`` setting);
    ports not yet added."""
    import grpc
    from grpc_health.v1 import health, health_pb2_grpc
    from grpc_reflection.v1alpha import reflection as grpc_reflection

    server = grpc.aio.server(
        interceptors=interceptors,
        options=[
            # Without this, a second server could silently share the port (SO_REUSEPORT).
            ("grpc.so_reuseport", 0),
            # LIVE streams last hours: ping idle connections so dead callers are noticed,
            # and accept the keepalive pings clients and proxies commonly send.
            ("grpc.keepalive_time_ms", KEEPALIVE_SECONDS * 1000),
            ("grpc.keepalive_timeout_ms", 20_000),
            ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
            ("grpc.keepalive_permit_without_calls", 1),
        ],
    )
    add_services(server)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    if reflection:
        grpc_reflection.enable_server_reflection(
            [*tokgate_service_names(), health.SERVICE_NAME, grpc_reflection.SERVICE_NAME], server
        )
    return server


def gateway_interceptors(
    pipeline: ErrorPipeline,
    key_check: ApiKeyInterceptor,
    quota_check: QuotaInterceptor,
    calls: RunningCalls,
) -> list[grpc.aio.ServerInterceptor]:
    """Metrics outermost, then errors, API keys (and scoped tokens), quotas: the same
    instances on the gRPC port and the web port."""
    from tokgate.interceptors import ErrorInterceptor
    from tokgate.metrics import MetricsInterceptor

    return [MetricsInterceptor(), ErrorInterceptor(pipeline, calls), key_check, quota_check]


def add_tokgate_services(
    target: Any,
    pipeline: ErrorPipeline,
    quotas: Quotas,
    *,
    live: LiveComponent,
    users: UsersComponent,
) -> None:
    """Register LiveService, UserService and AdminService on ``target``: the grpc.aio server,
    or the web port's handler table."""
    from tokgate.admin import AdminServicer
    from tokgate.v1 import admin_pb2_grpc, users_pb2_grpc

    live.add_to_server(target)
    users_pb2_grpc.add_UserServiceServicer_to_server(users.servicer, target)
    admin_pb2_grpc.add_AdminServiceServicer_to_server(
        AdminServicer(live, users, pipeline, quotas), target
    )


def _token_verifier(settings: Settings) -> TokenVerifier | None:
    """Scoped tokens' verifier, when a signing key file is set (ConfigurationError when it
    cannot be used)."""
    from tokgate.tokens import TokenVerifier, read_signing_key

    if not settings.token_signing_key_file:
        return None
    try:
        return TokenVerifier(read_signing_key(settings.token_signing_key_file))
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None


def _web_port(
    settings: Settings,
    interceptors: list[grpc.aio.ServerInterceptor],
    add_services: Callable[[Any], None],
) -> WebPort | None:
    """Connect and gRPC-Web on ``web_listen`` (None when empty): the services
    ``add_services`` registers, through ``interceptors`` (the gRPC port's; its exposure rule
    is checked by ``_callers``). ConfigurationError when its address cannot be bound."""
    from tokgate.web.adapter import HandlerTable
    from tokgate.web.server import WebPort

    if not settings.web_listen:
        return None
    table = HandlerTable()
    add_services(table)
    try:
        return WebPort(
            settings.web_listen,
            table=table,
            interceptors=interceptors,
            services=tokgate_services(),
            cors_origins=settings.web_cors_origins,
            web_root=settings.web_root,
            grace_seconds=settings.grace_period + CUT_OFF_SECONDS,
        )
    except ValueError as exc:
        raise ConfigurationError(f"web_listen: {exc}") from None


def tokgate_services() -> list[ServiceDescriptor]:
    """tokgate's own services (LiveService, UserService, AdminService)."""
    from tokgate.v1 import admin_pb2, live_pb2, users_pb2

    return [
        service
        for module in (live_pb2, users_pb2, admin_pb2)
        for service in module.DESCRIPTOR.services_by_name.values()
    ]


def tokgate_service_names() -> list[str]:
    """The full names of tokgate's own services, e.g. ``tokgate.v1.LiveService``."""
    return [service.full_name for service in tokgate_services()]


async def _start_in_order(
    pipeline: ErrorPipeline,
    live: LiveComponent,
    users: UsersComponent,
    quotas: Quotas,
    server: grpc.aio.Server,
    *,
    web: WebPort | None,
) -> None:
    """The components before the ports that call them; the gRPC port, then the web port."""
    await pipeline.start()
    await live.start()
    await users.start()
    quotas.start()
    await server.start()
    if web is not None:
        await web.start()


async def _set_serving(health_servicer: HealthService) -> None:
    """SERVING for the server as a whole ("") and for each tokgate service."""
    from tokgate.health import SERVING

    for service in ["", *tokgate_service_names()]:
        await health_servicer.set(service, SERVING)

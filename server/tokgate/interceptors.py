"""The error and API-key interceptors.

The error interceptor makes sure that whatever a servicer raises, the caller gets a rich
status. A failure already classified where it originated (``ClassifiedFailure``) is sent as it is,
without counting it again; any other exception (``InvalidArgumentError``,
``UnimplementedError``, a bug) is reported to the pipeline once, here, with
``source="server"``. A caller's cancellation (``asyncio.CancelledError``) passes through
untouched and is never counted; a call a servicer already aborted keeps its status. When a
shutdown's grace period is over, ``RunningCalls.end_all`` ends the calls still running with
ServerShuttingDownError, before grpc would cut them with a bare UNAVAILABLE.

The API-key interceptor sits inside it and only raises, so a refused call is reported and
answered like any other failure. The quota interceptor sits inside that one (a call without an
accepted key uses no quota) and only raises too.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import grpc

from tokgate.callers import caller_of
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.exceptions import (
    ClassifiedFailure,
    PermissionDeniedError,
    ServerShuttingDownError,
    UnauthenticatedError,
)
from tokgate.errors.status import abort_with
from tokgate.quotas import Quotas
from tokgate.rpc import (
    HandlerWrapper,
    RpcInfo,
    ServicerContext,
    StreamSetUp,
    WrappingInterceptor,
    open_messages,
)
from tokgate.security import ADMIN_SERVICE, OPEN_SERVICES, ApiKeys, bearer_key, exposure_problem
from tokgate.tokens import TokenScope, TokenVerifier, is_token
from tokgate.tracing import record_failure
from tokgate.v1 import errors_pb2
from tokgate.validation import requested_user

if TYPE_CHECKING:
    from tokgate.errors.pipeline import ErrorPipeline


logger = logging.getLogger(__name__)


class RunningCalls:
    """The tasks of the calls running now, so that a shutdown can end them typed."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self.ended = False

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Keeps the current call's task for ``end_all`` while the block runs."""
        task = asyncio.current_task()
        assert task is not None, "a call runs in a task"
        self._tasks.add(task)
        try:
            yield
        finally:
            self._tasks.discard(task)

    def end_all(self) -> None:
        """Cancel every running call: each then ends with ServerShuttingDownError."""
        self.ended = True
        for task in self._tasks:
            task.cancel()


class ErrorInterceptor(WrappingInterceptor):
    """Turns every exception a handler raises into the rich status of its ErrorDetail."""

    def __init__(self, pipeline: ErrorPipeline, calls: RunningCalls | None = None) -> None:
        self._pipeline = pipeline
        self._calls = calls or RunningCalls()

    def wrapper(self, info: RpcInfo, details: grpc.HandlerCallDetails) -> HandlerWrapper:
        return _RichStatusCall(self._pipeline, self._calls, info)


class _RichStatusCall(HandlerWrapper):
    """One call whose failures end in a rich status."""

    def __init__(self, pipeline: ErrorPipeline, calls: RunningCalls, info: RpcInfo) -> None:
        self._pipeline = pipeline
        self._calls = calls
        self._info = info

    async def call(
        self, behavior: Callable[..., Awaitable[Any]], request: Any, context: ServicerContext
    ) -> Any:
        with self._calls.running():
            try:
                return await behavior(request, context)
            except asyncio.CancelledError:
                await self._unless_shutdown(request, context)
                raise
            except Exception as exc:
                await self._fail(exc, request, context)

    async def stream(
        self,
        behavior: Callable[..., AsyncGenerator[Any, None]],
        request: Any,
        context: ServicerContext,
    ) -> AsyncGenerator[Any, None]:
        with self._calls.running():
            try:
                messages = await open_messages(behavior, request, context)
                async with contextlib.aclosing(messages):
                    async for message in messages:
                        yield message
            except asyncio.CancelledError:
                await self._unless_shutdown(request, context)
                raise
            except Exception as exc:
                await self._fail(exc, request, context)

    async def _unless_shutdown(self, request: Any, context: ServicerContext) -> None:
        """A cancellation by ``RunningCalls.end_all`` ends the call typed (and never returns);
        a caller's own cancellation returns, to pass through untouched."""
        task = asyncio.current_task()
        if not self._calls.ended or task is None:
            return
        task.uncancel()
        await self._fail(ServerShuttingDownError(), request, context)

    async def _fail(self, error: Exception, request: Any, context: ServicerContext) -> NoReturn:
        if isinstance(error, grpc.aio.AbortError):
            raise error  # the call already has its status
        if isinstance(error, ClassifiedFailure):
            detail = error.detail
            # Classified under another span (a query attempt): the RPC's span learns it here;
            # a failure classified below (``report``) marks the RPC's span itself.
            record_failure(detail)
        else:
            detail = await self._pipeline.report(
                error,
                ErrorContext(
                    source="server",
                    operation=self._info.method,
                    unique_id=requested_user(request),
                ),
            )
            if detail.kind == errors_pb2.ERROR_KIND_INTERNAL:
                # Nothing knew this exception: most likely a bug, so keep its traceback.
                logger.error(
                    "unexpected exception in %s",
                    self._info.full_method,
                    exc_info=error,
                    extra={"error_kind": "internal", "operation": self._info.method},
                )
        await abort_with(context, detail)


class ApiKeyInterceptor(WrappingInterceptor):
    """Refuses calls without an accepted API key (health and reflection stay open), or,
    with a signing key, without a scoped token (tokgate.tokens) allowing the method and the
    user the request names.

    It sits inside the error interceptor and only raises UnauthenticatedError /
    PermissionDeniedError, so the refusal is classified, counted and sent like any failure.
    A reload swaps ``keys`` whole: a call is checked against one set or the other.
    """

    def __init__(self, keys: ApiKeys, tokens: TokenVerifier | None = None) -> None:
        self.keys = keys
        # Scoped tokens (tokgate.tokens), accepted in place of a key when a signing key is set.
        self.tokens = tokens

    def prepare_reload(self, settings: Settings, host: str) -> Callable[[], None] | None:
        """The commit putting new key digests in force; None when they are unchanged.

        Refuses (ValueError) a malformed digest, and keys removed from a server that the
        exposure rule lets listen on ``host`` only because it had keys.
        """
        keys = ApiKeys.from_settings(settings)
        problem = exposure_problem(settings, host)
        if problem:
            raise ValueError(problem)
        if keys == self.keys:
            return None

        def commit() -> None:
            self.keys = keys

        return commit

    def wrapper(self, info: RpcInfo, details: grpc.HandlerCallDetails) -> HandlerWrapper | None:
        metadata = details.invocation_metadata or ()
        credential = bearer_key(metadata)
        try:
            if self.tokens is not None and credential is not None and is_token(credential):
                if info.service in OPEN_SERVICES:
                    return None
                scope = self.tokens.verify(credential)
                scope.check_method(info.full_method)
                return _ScopedCall(scope)
            self.keys.check(info.service, metadata)
        except (UnauthenticatedError, PermissionDeniedError) as refusal:
            return _Refused(refusal)
        return None


class _ScopedCall(StreamSetUp):
    """A call with a scoped token: refused before its behaviour runs unless its request
    names a user the token may read."""

    def __init__(self, scope: TokenScope) -> None:
        self._scope = scope

    async def call(
        self, behavior: Callable[..., Awaitable[Any]], request: Any, context: ServicerContext
    ) -> Any:
        self._scope.check_request(request)
        return await behavior(request, context)

    async def set_up_stream(self, request: Any, context: ServicerContext) -> None:
        self._scope.check_request(request)


class _Refused(HandlerWrapper):
    """A call that fails with ``refusal`` before its behaviour runs."""

    def __init__(self, refusal: Exception) -> None:
        self._refusal = refusal

    async def call(
        self, behavior: Callable[..., Awaitable[Any]], request: Any, context: ServicerContext
    ) -> Any:
        raise self._refusal

    async def stream(
        self,
        behavior: Callable[..., AsyncGenerator[Any, None]],
        request: Any,
        context: ServicerContext,
    ) -> AsyncGenerator[Any, None]:
        raise self._refusal
        yield  # makes this an async generator


class QuotaInterceptor(WrappingInterceptor):
    """Holds every call to its caller's quotas (tokgate.quotas): a unary call takes a token
    (AdminService's are counted, never refused: operators must be able to look in a storm),
    a server stream holds a slot from its start to its end, however it ends. Health and
    reflection are never limited."""

    def __init__(self, quotas: Quotas) -> None:
        self.quotas = quotas

    def wrapper(self, info: RpcInfo, details: grpc.HandlerCallDetails) -> HandlerWrapper | None:
        if info.service in OPEN_SERVICES or info.rpc_type not in ("unary", "server_stream"):
            return None
        return _QuotaCall(self.quotas, info)


class _QuotaCall(StreamSetUp):
    """One call held to its caller's quotas. A stream's slot is given back when the call is
    done, however it ends (``context.add_done_callback``), so its messages pass through no
    layer of the quota's."""

    def __init__(self, quotas: Quotas, info: RpcInfo) -> None:
        self._quotas = quotas
        self._info = info

    async def call(
        self, behavior: Callable[..., Awaitable[Any]], request: Any, context: ServicerContext
    ) -> Any:
        if self._info.rpc_type == "server_stream":  # a stream written with context.write
            async with self._quotas.stream(caller_of(context)):
                return await behavior(request, context)
        await self._quotas.take_unary(
            caller_of(context), limited=self._info.service != ADMIN_SERVICE
        )
        return await behavior(request, context)

    async def set_up_stream(self, request: Any, context: ServicerContext) -> None:
        slot = await self._quotas.open_stream(caller_of(context))
        # grpc-stubs type the callback as a class of their own; grpc.aio calls it with the
        # context.
        context.add_done_callback(lambda _: self._quotas.close_stream(slot))  # type: ignore[arg-type]

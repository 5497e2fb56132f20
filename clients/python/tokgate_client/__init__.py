"""tokgate's Python client: async and blocking clients, typed errors, a retry helper, and
event streams that resume by themselves when they break.

Example::

    from tokgate_client import Client, RateLimitError

    with Client("127.0.0.1:50051") as client:
        try:
            print(client.users.get_user(unique_id="someone").user.nickname)
        except RateLimitError as exc:
            print("retry after", exc.retry_after)

It imports only the generated contract (``tokgate.v1``) and grpc/protobuf, never the server.
The exception classes (one per ErrorKind, e.g. ``RateLimitError``, ``UserOfflineError``) are
generated in :mod:`tokgate_client.errors` and re-exported here.
"""

from tokgate_client import errors
from tokgate_client.aio import (
    AsyncAdminClient,
    AsyncClient,
    AsyncEventStream,
    AsyncLiveClient,
    AsyncUserClient,
)
from tokgate_client.client import AdminClient, Client, EventStream, LiveClient, UserClient
from tokgate_client.connection import ConnectionOptions
from tokgate_client.errors import TokgateError, error_class, error_detail_from, from_rpc_error
from tokgate_client.retry import RetryPolicy, retry_async, retry_call

__all__ = [
    "AdminClient",
    "AsyncAdminClient",
    "AsyncClient",
    "AsyncEventStream",
    "AsyncLiveClient",
    "AsyncUserClient",
    "Client",
    "ConnectionOptions",
    "EventStream",
    "LiveClient",
    "RetryPolicy",
    "TokgateError",
    "UserClient",
    "error_class",
    "error_detail_from",
    "errors",
    "from_rpc_error",
    "retry_async",
    "retry_call",
]


def __getattr__(name: str) -> type[TokgateError]:
    """The generated exception classes, e.g. ``tokgate_client.UserOfflineError``."""
    return errors.__getattr__(name)

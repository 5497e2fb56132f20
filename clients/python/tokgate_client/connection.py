"""How a client reaches tokgate: address, API key, TLS and default deadline.

Shared by the async (:mod:`tokgate_client.aio`) and blocking (:mod:`tokgate_client.client`)
clients, so both connect the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import grpc
from tokgate.v1 import live_pb2

DEFAULT_TARGET = "127.0.0.1:50051"


@dataclass(frozen=True)
class ConnectionOptions:
    """Where tokgate listens and how to authenticate.

    ``api_key`` is sent as ``authorization: Bearer <key>`` on every call. ``tls`` turns on
    TLS (``root_certificates``: PEM bytes or a path to trust; the system roots when None);
    ``certificate_chain`` and ``private_key`` add a client certificate for mutual TLS.
    ``timeout`` is the default deadline of unary calls in seconds (streams have none unless
    given per call).
    """

    target: str = DEFAULT_TARGET
    api_key: str | None = field(default=None, repr=False)
    tls: bool = False
    root_certificates: bytes | str | Path | None = None
    certificate_chain: bytes | str | Path | None = None
    private_key: bytes | str | Path | None = field(default=None, repr=False)
    timeout: float | None = 30.0
    channel_options: Sequence[tuple[str, Any]] = ()

    def credentials(self) -> grpc.ChannelCredentials | None:
        """Channel credentials for TLS, or None for plaintext."""
        if not self.tls:
            return None
        return grpc.ssl_channel_credentials(
            root_certificates=_pem(self.root_certificates),
            private_key=_pem(self.private_key),
            certificate_chain=_pem(self.certificate_chain),
        )

    def metadata(self) -> tuple[tuple[str, str], ...]:
        """Per-call metadata: the bearer API key, when one is set."""
        return (("authorization", f"Bearer {self.api_key}"),) if self.api_key else ()

    def unary_deadline(self, deadline: float | None) -> float | None:
        """Seconds one unary call may take: the call's own ``deadline``, else ``timeout``."""
        return self.timeout if deadline is None else deadline


def resolve_options(
    target: str | None, options: ConnectionOptions | None, fields: Mapping[str, Any]
) -> ConnectionOptions:
    """The options a client was given: an options object or its fields, and the target."""
    if options is not None and fields:
        raise TypeError(f"pass either options= or {', '.join(sorted(fields))}, not both")
    resolved = options if options is not None else ConnectionOptions(**fields)
    return dataclasses.replace(resolved, target=target) if target is not None else resolved


def _pem(value: bytes | str | Path | None) -> bytes | None:
    if value is None or isinstance(value, bytes):
        return value
    return Path(value).read_bytes()


EventTypeLike: TypeAlias = live_pb2.EventType.ValueType | str
"""An event type: an ``EventType`` value, or its name (``"comment"``, ``"EVENT_TYPE_GIFT"``)."""


def event_type_values(event_types: Iterable[EventTypeLike]) -> list[live_pb2.EventType.ValueType]:
    """``["comment", live_pb2.EVENT_TYPE_GIFT]`` -> the enum values of StreamEventsRequest."""
    values: list[live_pb2.EventType.ValueType] = []
    for item in event_types:
        if isinstance(item, str):
            name = item.upper()
            full = name if name.startswith("EVENT_TYPE_") else "EVENT_TYPE_" + name
            values.append(live_pb2.EventType.Value(full))
        else:
            values.append(item)
    return values


def stream_events_request(
    unique_id: str,
    room_id: str,
    event_types: Iterable[EventTypeLike],
    wait_until_live: bool,
    *,
    resume_from: live_pb2.StreamPosition | None,
    batching: live_pb2.StreamBatching | None,
) -> live_pb2.StreamEventsRequest:
    """The StreamEvents request both clients send (a streamer by username or by room id)."""
    return live_pb2.StreamEventsRequest(
        unique_id=unique_id,
        room_id=room_id,
        event_types=event_type_values(event_types),
        wait_until_live=wait_until_live,
        resume_from=resume_from,
        batching=batching,
    )

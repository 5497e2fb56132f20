"""Fixtures of the server tests: a server without upstream, every RPC tokgate serves, and the
helpers they share."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import grpc
import pytest
import tokgate.v1
from google.protobuf import message_factory
from google.protobuf.descriptor import MethodDescriptor
from tokgate.testing import ServerHandle, run_server


@dataclass(frozen=True)
class Rpc:
    """One method of a tokgate.v1 service, called generically with an empty request."""

    method: MethodDescriptor

    @property
    def service(self) -> str:
        return self.method.containing_service.full_name

    @property
    def path(self) -> str:
        return f"/{self.service}/{self.method.name}"

    def call(
        self, channel: grpc.Channel, metadata: tuple[tuple[str, str | bytes], ...] = ()
    ) -> Any:
        """Make the call (a stream is read to its end): the answer, or grpc.RpcError."""
        request = message_factory.GetMessageClass(self.method.input_type)()
        response = message_factory.GetMessageClass(self.method.output_type)
        kind = "unary_stream" if self.method.server_streaming else "unary_unary"
        callable_: Any = getattr(channel, kind)(
            self.path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response.FromString,
        )
        answer = callable_(request, metadata=metadata, timeout=30)
        return list(answer) if self.method.server_streaming else answer


def every_rpc() -> list[Rpc]:
    """Every method of every service in tokgate.v1's generated modules, so a new RPC (or a
    new service) is covered by the tests that take ``tokgate_rpc`` without touching them."""
    found = []
    for module in pkgutil.iter_modules(tokgate.v1.__path__):
        if module.name.endswith("_pb2"):
            generated = importlib.import_module(f"tokgate.v1.{module.name}")
            for service in generated.DESCRIPTOR.services_by_name.values():
                found += [Rpc(method) for method in service.methods]
    # Client streams would need a request iterator: a new kind must be added here first.
    assert not any(rpc.method.client_streaming for rpc in found), "add client streams to Rpc"
    return sorted(found, key=lambda rpc: rpc.path)


@pytest.fixture(scope="session")
def tokgate_rpcs() -> list[Rpc]:
    return every_rpc()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``tokgate_rpc`` runs once per RPC of every tokgate service."""
    if "tokgate_rpc" in metafunc.fixturenames:
        rpcs = every_rpc()
        metafunc.parametrize("tokgate_rpc", rpcs, ids=[rpc.path.lstrip("/") for rpc in rpcs])


@pytest.fixture(scope="module")
def bare_server_args() -> list[str]:
    """Extra ``tokgate serve`` flags for this module's ``bare_server``."""
    return []


@pytest.fixture(scope="module")
def bare_server(
    bare_server_args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    """A real ``tokgate serve`` with no upstream: enough for everything that fails (or
    answers) before tokgate talks to TikTok. No browser sessions (``--sessions 0``): user
    queries are disabled and the machine stays free for the other tests."""
    args = ["--sessions", "0", *bare_server_args]
    with run_server(args=args, workdir=tmp_path_factory.mktemp("server")) as server:
        yield server

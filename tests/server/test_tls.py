"""TLS and mutual TLS on the gRPC port (every RPC of every service behind the client
certificate), with certificates this test makes, and the rule that a non-loopback address
needs keys or TLS unless --insecure."""

from __future__ import annotations

import datetime
import ipaddress
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from grpc_health.v1 import health_pb2, health_pb2_grpc
from tokgate.security import generate_key, hash_key
from tokgate.testing import (
    ManagedProcess,
    ServerHandle,
    child_env,
    free_port,
    run_server,
    tokgate_argv,
)
from tokgate_client import error_detail_from

if TYPE_CHECKING:
    from tests.server.conftest import Rpc

SERVING = health_pb2.HealthCheckResponse.SERVING


@dataclass(frozen=True)
class Identity:
    """A certificate and its private key, as PEM files and bytes."""

    cert_path: Path
    key_path: Path

    @property
    def cert(self) -> bytes:
        return self.cert_path.read_bytes()

    @property
    def key(self) -> bytes:
        return self.key_path.read_bytes()


@dataclass(frozen=True)
class Pki:
    ca: Identity
    server: Identity
    client: Identity
    stranger: Identity  # a client certificate from another CA


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _issue(
    directory: Path,
    name: str,
    issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None,
    usage: x509.ObjectIdentifier | None,
) -> tuple[Identity, x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(issuer_cert.subject if issuer_cert else _name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if usage == ExtendedKeyUsageOID.SERVER_AUTH:
        san = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    cert = builder.sign(issuer_key, hashes.SHA256())
    identity = Identity(directory / f"{name}.crt", directory / f"{name}.key")
    identity.cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    identity.key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return identity, cert, key


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    directory = tmp_path_factory.mktemp("pki")
    ca, ca_cert, ca_key = _issue(directory, "ca", None, None)
    server, _, _ = _issue(directory, "server", (ca_cert, ca_key), ExtendedKeyUsageOID.SERVER_AUTH)
    client, _, _ = _issue(directory, "client", (ca_cert, ca_key), ExtendedKeyUsageOID.CLIENT_AUTH)
    _, other_cert, other_key = _issue(directory, "other-ca", None, None)
    stranger, _, _ = _issue(
        directory, "stranger", (other_cert, other_key), ExtendedKeyUsageOID.CLIENT_AUTH
    )
    return Pki(ca, server, client, stranger)


def _tls_flags(pki: Pki) -> list[str]:
    return ["--tls-cert", str(pki.server.cert_path), "--tls-key", str(pki.server.key_path)]


ONE_SESSION = ["--sessions", "0"]  # no test here queries users: no browser


def _credentials(pki: Pki, client: Identity | None = None) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(
        root_certificates=pki.ca.cert,
        private_key=client.key if client else None,
        certificate_chain=client.cert if client else None,
    )


def _health(channel: grpc.Channel) -> int:
    stub = health_pb2_grpc.HealthStub(channel)
    return int(stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=5).status)


@pytest.fixture(scope="module")
def tls_server(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    with run_server(
        args=_tls_flags(pki),
        workdir=tmp_path_factory.mktemp("tls"),
        channel_credentials=_credentials(pki),
    ) as server:
        yield server


@pytest.fixture(scope="module")
def mtls_server(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    with run_server(
        args=[*ONE_SESSION, *_tls_flags(pki), "--tls-client-ca", str(pki.ca.cert_path)],
        workdir=tmp_path_factory.mktemp("mtls"),
        channel_credentials=_credentials(pki, pki.client),
    ) as server:
        yield server


def test_tls_serves_a_client_that_trusts_the_ca(tls_server: ServerHandle, pki: Pki) -> None:
    with grpc.secure_channel(tls_server.address, _credentials(pki)) as channel:
        assert _health(channel) == SERVING


def test_tls_refuses_a_plaintext_client(tls_server: ServerHandle) -> None:
    with grpc.insecure_channel(tls_server.address) as channel, pytest.raises(grpc.RpcError) as e:
        _health(channel)
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE


def test_mutual_tls_serves_a_client_with_a_certificate_of_the_ca(
    mtls_server: ServerHandle, pki: Pki
) -> None:
    with grpc.secure_channel(mtls_server.address, _credentials(pki, pki.client)) as channel:
        assert _health(channel) == SERVING


@pytest.mark.parametrize("client", ["none", "stranger"])
def test_mutual_tls_refuses_a_client_without_an_accepted_certificate(
    mtls_server: ServerHandle, pki: Pki, client: str
) -> None:
    identity = pki.stranger if client == "stranger" else None
    with (
        grpc.secure_channel(mtls_server.address, _credentials(pki, identity)) as channel,
        pytest.raises(grpc.RpcError) as e,
    ):
        _health(channel)
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE


@pytest.mark.parametrize("client", ["none", "stranger"])
def test_mutual_tls_refuses_every_rpc_without_an_accepted_certificate(
    mtls_server: ServerHandle, pki: Pki, client: str, tokgate_rpc: Rpc
) -> None:
    identity = pki.stranger if client == "stranger" else None
    with (
        grpc.secure_channel(mtls_server.address, _credentials(pki, identity)) as channel,
        pytest.raises(grpc.RpcError) as e,
    ):
        tokgate_rpc.call(channel)
    assert e.value.code() == grpc.StatusCode.UNAVAILABLE
    assert error_detail_from(e.value) is None  # refused in the handshake, before any service


def test_mutual_tls_lets_every_rpc_through_with_a_certificate_of_the_ca(
    mtls_server: ServerHandle, pki: Pki, tokgate_rpc: Rpc
) -> None:
    with grpc.secure_channel(mtls_server.address, _credentials(pki, pki.client)) as channel:
        try:
            tokgate_rpc.call(channel)
        except grpc.RpcError as error:  # the service's own answer to an empty request
            assert error_detail_from(error) is not None, error


# --- exposure: 0.0.0.0 needs keys or TLS, or --insecure ----------------------------------


def _serve_argv(port: int, *flags: str) -> list[str]:
    return tokgate_argv(
        "serve",
        "--listen",
        f"0.0.0.0:{port}",
        "--metrics-listen",
        f"127.0.0.1:{free_port()}",
        *flags,
    )


def test_a_wildcard_address_without_keys_or_tls_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        _serve_argv(free_port()),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=child_env(),
    )
    assert done.returncode == 2
    assert "refusing to listen on '0.0.0.0'" in done.stderr
    assert "--insecure" in done.stderr


@pytest.mark.parametrize("protection", ["insecure", "api-keys", "tls"])
def test_a_wildcard_address_is_served_when_protected_or_insecure_on_purpose(
    tmp_path: Path, pki: Pki, protection: str
) -> None:
    port = free_port()
    flags = {
        "insecure": ["--insecure"],
        "api-keys": ["--api-key-hashes", hash_key(generate_key())],
        "tls": _tls_flags(pki),
    }[protection]
    process = ManagedProcess(_serve_argv(port, *flags), child_env(), tmp_path / "server.log")
    process.start()
    try:
        address = f"127.0.0.1:{port}"
        channel = (
            grpc.secure_channel(address, _credentials(pki))
            if protection == "tls"
            else grpc.insecure_channel(address)
        )
        with channel:
            grpc.channel_ready_future(channel).result(timeout=60)
            assert _health(channel) == SERVING
    finally:
        assert process.stop() == 0, process.logs()

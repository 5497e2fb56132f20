"""The Python client's API key and TLS options against a server that requires both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from tokgate.security import generate_key, hash_key
from tokgate.testing import ServerHandle, run_server
from tokgate_client import Client, errors

INVALID_NAME = "not a user!"


@pytest.fixture(scope="module")
def api_key() -> str:
    return generate_key()


@pytest.fixture(scope="module")
def secure_server(
    api_key: str, certificate: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerHandle]:
    cert, key = certificate
    args = ["--tls-cert", str(cert), "--tls-key", str(key), "--api-key-hashes", hash_key(api_key)]
    credentials = grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())
    with run_server(
        args=args, channel_credentials=credentials, workdir=tmp_path_factory.mktemp("server")
    ) as server:
        yield server


def test_api_key_over_tls_reaches_the_service(
    secure_server: ServerHandle, api_key: str, certificate: tuple[Path, Path]
) -> None:
    client = Client(
        secure_server.address, tls=True, root_certificates=certificate[0], api_key=api_key
    )
    with client, pytest.raises(errors.InvalidArgumentError):  # past auth, refused by validation
        client.live.get_live_status(unique_id=INVALID_NAME)


@pytest.mark.parametrize("key", [None, "tgk_wrong"])
def test_missing_or_wrong_key_raises_unauthenticated(
    secure_server: ServerHandle, certificate: tuple[Path, Path], key: str | None
) -> None:
    client = Client(secure_server.address, tls=True, root_certificates=certificate[0], api_key=key)
    with client, pytest.raises(errors.UnauthenticatedError) as caught:
        client.live.get_live_status(unique_id="sim_live")
    assert caught.value.code is grpc.StatusCode.UNAUTHENTICATED
    assert caught.value.detail.message
    assert "tgk_wrong" not in str(caught.value.detail)  # the key never comes back

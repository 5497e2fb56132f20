"""tokgate-client as a distribution of its own (clients/python/pyproject.toml): its wheel,
installed into a fresh venv without the server, streams events and decodes a typed failure's
ErrorDetail from a real ``tokgate serve`` routed to the simulator.

The wheel's three dependencies come from the package index (or pip's cache), as for a user.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from tokgate.testing import ServerHandle, child_env

REPO = Path(__file__).resolve().parents[2]
CLIENT = REPO / "clients" / "python"
DEPENDENCIES = {"grpcio", "protobuf", "googleapis-common-protos"}

# Run by the venv's Python: five events of a live stream, then an offline streamer's failure.
WATCH = """
import sys
from tokgate_client import Client, UserOfflineError
from tokgate.v1 import errors_pb2

with Client(sys.argv[1]) as client:
    for count, event in enumerate(client.live.stream_events("@sim_live", deadline=60), 1):
        print("event", event.unique_id, event.WhichOneof("event"))
        if count == 5:
            break
    try:
        for _event in client.live.stream_events("sim_offline", deadline=60):
            print("unexpected event")
    except UserOfflineError as exc:
        print("failed", errors_pb2.ErrorKind.Name(exc.detail.kind), bool(exc.detail.message))
"""


def _run(argv: list[str], cwd: Path) -> str:
    done = subprocess.run(
        argv, cwd=cwd, env=child_env(), capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{argv}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """clients/python built into a wheel, from a copy (an in-tree build leaves build/ there)."""
    root = tmp_path_factory.mktemp("client-wheel")
    source = root / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    shutil.copytree(CLIENT, source, ignore=ignore)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", "dist", str(source)], root)
    (built,) = (root / "dist").glob("tokgate_client-*.whl")
    return built


@pytest.fixture(scope="module")
def python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel and its dependencies; its Python."""
    venv = tmp_path_factory.mktemp("client-venv") / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], venv.parent)
    _run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], venv.parent)
    return venv / "bin" / "python"


def test_the_wheel_depends_only_on_grpc_and_protobuf(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        requires = Parser().parsestr(archive.read(metadata).decode()).get_all("Requires-Dist")
    assert {re.split(r"[<>=!~ ;\[]", requirement)[0] for requirement in requires or []} == (
        DEPENDENCIES
    )
    assert "tokgate/v1/live_pb2.py" in names and "tokgate/v1/live_pb2.pyi" in names
    assert "tokgate/webcast/v1alpha/webcast_pb2.py" in names
    assert "tokgate_client/py.typed" in names and "tokgate/v1/py.typed" in names
    assert not any(name.startswith("tokgate/") and name.count("/") == 1 for name in names), (
        "tokgate is a namespace package: the client ships no module at its top"
    )


def test_the_server_requires_this_client_version() -> None:
    """The server takes its stubs from tokgate-client: the version it pins is the one here."""
    client = tomllib.loads((CLIENT / "pyproject.toml").read_text())["project"]
    server = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert f"tokgate-client=={client['version']}" in server["dependencies"]


def test_the_installed_client_has_no_server(python: Path) -> None:
    probe = (
        "import importlib.util as u\n"
        "print([m for m in ('tokgate.app', 'TikTokLive', 'TikTokApi') if u.find_spec(m)])"
    )
    assert _run([str(python), "-I", "-c", probe], python.parent).strip() == "[]"


def test_the_installed_client_streams_and_decodes_an_error_detail(
    python: Path, server: ServerHandle
) -> None:
    out = _run([str(python), "-I", "-c", WATCH, server.address], python.parent).splitlines()
    events, failure = out[:5], out[5:]
    assert [line.split()[:2] for line in events] == [["event", "sim_live"]] * 5
    assert events[0].split()[2] == "connected"
    assert failure == ["failed ERROR_KIND_USER_OFFLINE True"]

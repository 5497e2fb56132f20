"""The image's Python environment and healthcheck, without Docker: deploy/Dockerfile's COPY and
pip commands run into a fresh venv (the Python client installed from a checkout, as
docs/clients.md says), its probe built with the Dockerfile's own `go install`, and the
healthcheck run against tokgate served from that venv, configured as the container is (TOKGATE_*
variables), with and without TLS."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import grpc
import pytest
from tokgate.testing import (
    STARTUP_TIMEOUT,
    ManagedProcess,
    ServerHandle,
    SimulatorHandle,
    child_env,
    free_port,
)

REPO = Path(__file__).resolve().parents[2]
GO_BIN = Path("/usr/local/go/bin")
Stages = dict[str, list[tuple[str, str]]]
pytestmark = pytest.mark.timeout(900)  # a fresh machine downloads the wheels and Go modules


def _arguments(stage: list[tuple[str, str]], keyword: str) -> list[str]:
    return [arguments for word, arguments in stage if word == keyword]


def _sh(command: str, cwd: Path, env: Mapping[str, str]) -> None:
    done = subprocess.run(
        ["sh", "-c", command],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def image(dockerfile_stages: Stages, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The image's tree: WORKDIR's copies and the pip install into ``venv``, the probe built
    and ``bin`` holding what the Dockerfile puts in /usr/local/bin."""
    stage, root = dockerfile_stages[""], tmp_path_factory.mktemp("image")
    workdir, bin_dir, browsers = root / "workdir", root / "bin", root / "playwright-browsers"
    workdir.mkdir()
    bin_dir.mkdir()
    built = _build_probe(dockerfile_stages["health-probe"], root / "out")
    wheels = _build_native(dockerfile_stages["native"], root / "wheels")
    for copy in _arguments(stage, "COPY"):
        *sources, destination = copy.split()
        if sources[0].startswith("--from=health-probe"):
            shutil.copy(built / Path(sources[1]).name, bin_dir / Path(destination).name)
        elif sources[0].startswith("--from=native"):
            continue  # the wheels stay in ``wheels``, which the pip command is pointed at
        elif destination.startswith("/usr/local/bin/"):
            shutil.copy(REPO / sources[0], bin_dir / Path(destination).name)
        elif destination.endswith("/"):
            for source in sources:
                shutil.copy(REPO / source, workdir / destination / Path(source).name)
        else:
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(REPO / sources[0], workdir / destination, ignore=ignore)
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=120)
    env = child_env(
        {
            "PATH": f"{root / 'venv' / 'bin'}{os.pathsep}{os.environ['PATH']}",
            "PLAYWRIGHT_BROWSERS_PATH": str(browsers),
        }
    )
    for run in _arguments(stage, "RUN"):
        if "pip install" in run:
            words = [word for word in run.split() if not word.startswith("--mount=")]
            _sh(" ".join(words).replace("/wheels", str(wheels)), workdir, env)
    assert not browsers.exists(), "the install downloaded Playwright's browsers"
    return root


def _build_probe(stage: list[tuple[str, str]], out: Path) -> Path:
    """The health-probe stage's ``go install``, with its ARG's default, into ``out``."""
    (pin,) = _arguments(stage, "ARG")
    name, _, version = pin.partition("=")
    (build,) = _arguments(stage, "RUN")
    # The golang image builds with its own toolchain (GOTOOLCHAIN=local), as this does.
    path = f"{GO_BIN}{os.pathsep}{os.environ['PATH']}"
    env = child_env({name: version, "PATH": path, "GOTOOLCHAIN": "local"})
    _sh(build.replace("GOBIN=/out", f"GOBIN={out}"), REPO, env)
    return out


def _build_native(stage: list[tuple[str, str]], out: Path) -> Path:
    """The native stage's ``pip wheel``, with this machine's cargo, from the checkout (which
    holds what the stage copies, where it copies it), into ``out``."""
    (build,) = [run for run in _arguments(stage, "RUN") if "pip wheel" in run]
    words = [word for word in build.split() if not word.startswith("--mount=")]
    _sh(" ".join(words).replace("/wheels", str(out)), REPO, child_env())
    return out


@contextlib.contextmanager
def _serving(
    image: Path,
    simulator: SimulatorHandle,
    env: Mapping[str, str],
    credentials: grpc.ChannelCredentials | None = None,
) -> Iterator[ServerHandle]:
    """``tokgate serve`` from the image's venv, configured by TOKGATE_* variables as in the
    container (``env`` gives TOKGATE_LISTEN), once it serves."""
    port = int(env["TOKGATE_LISTEN"].rsplit(":", 1)[1])
    metrics_port = free_port()
    argv = [str(image / "venv" / "bin" / "tokgate"), "serve", "--sessions", "0"]
    argv += ["--tiktok-upstream", simulator.url, "--upstream-ca-file", str(simulator.cert_path)]
    environ = child_env({**env, "TOKGATE_METRICS_LISTEN": f"127.0.0.1:{metrics_port}"})
    process = ManagedProcess(argv, environ, image / f"serve-{port}.log")
    process.start()
    try:
        handle = ServerHandle(process, port, metrics_port, credentials)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _serves(handle):
            assert process.alive(), process.logs()
            assert time.monotonic() < deadline, f"not serving:\n{process.logs()}"
            time.sleep(0.2)
        yield handle
    finally:
        process.stop()


def _serves(handle: ServerHandle) -> bool:
    try:
        return handle.serving()
    except grpc.RpcError:
        return False


@pytest.fixture(scope="module")
def plaintext_env(image: Path, simulator: SimulatorHandle) -> Iterator[dict[str, str]]:
    env = {"TOKGATE_LISTEN": f"127.0.0.1:{free_port()}"}
    with _serving(image, simulator, env):
        yield env


@pytest.fixture(scope="module")
def tls_env(
    image: Path, simulator: SimulatorHandle, certificate: tuple[Path, Path]
) -> Iterator[dict[str, str]]:
    """As the container runs it: every interface (allowed with TLS), TLS from variables."""
    cert, key = certificate
    env = {
        "TOKGATE_LISTEN": f"0.0.0.0:{free_port()}",
        "TOKGATE_TLS_CERT": str(cert),
        "TOKGATE_TLS_KEY": str(key),
    }
    credentials = grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())
    with _serving(image, simulator, env, credentials):
        yield env


def _healthcheck(
    image: Path, dockerfile_stages: Stages, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """The image's HEALTHCHECK command, with its /usr/local/bin on PATH and ``env``."""
    (check,) = _arguments(dockerfile_stages[""], "HEALTHCHECK")
    command = json.loads(check.partition(" CMD ")[2])
    path = f"{image / 'bin'}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        command,
        env=child_env({**env, "PATH": path}),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_tokgate_version_runs(image: Path) -> None:
    done = subprocess.run(
        [str(image / "venv" / "bin" / "tokgate"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("tokgate "), done.stdout


def test_the_python_client_installed_from_a_checkout_calls_tokgate(
    image: Path, plaintext_env: dict[str, str]
) -> None:
    """docs/clients.md: ``pip install ./`` in a checkout brings tokgate_client."""
    script = (
        "import sys; from tokgate_client import Client\n"
        "with Client(sys.argv[1]) as client:\n"
        "    print(client.live.get_live_status('sim_live').is_live)\n"
    )
    done = subprocess.run(
        [str(image / "venv" / "bin" / "python"), "-c", script, plaintext_env["TOKGATE_LISTEN"]],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "True\n"), done.stderr


def test_healthcheck_asks_the_configured_address(
    image: Path, dockerfile_stages: Stages, plaintext_env: dict[str, str]
) -> None:
    healthy = _healthcheck(image, dockerfile_stages, plaintext_env)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert "status: SERVING" in healthy.stderr  # grpc-health-probe reports there
    elsewhere = _healthcheck(image, dockerfile_stages, {"TOKGATE_LISTEN": f"0.0.0.0:{free_port()}"})
    assert elsewhere.returncode != 0


def test_healthcheck_follows_tls(
    image: Path, dockerfile_stages: Stages, tls_env: dict[str, str]
) -> None:
    healthy = _healthcheck(image, dockerfile_stages, tls_env)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    plaintext = {"TOKGATE_LISTEN": tls_env["TOKGATE_LISTEN"]}
    assert _healthcheck(image, dockerfile_stages, plaintext).returncode != 0

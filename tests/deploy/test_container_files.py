"""deploy/Dockerfile and deploy/compose.yaml against Docker's and Playwright's container
guidance, read statically (Docker cannot run here): a real gRPC health probe, pinned, that
follows the configured address and TLS; an init and enough shared memory for Chromium; base
images pinned by tag, with the digest step written down; no Playwright browser download.
tests/deploy/test_container_env.py runs the same install and healthcheck for real."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from tokgate.users.browser import BASE_ARGS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
CHROMIUM_SERVICES = ("tokgate", "tokgate-a", "tokgate-b", "tokgate-c")
# Flags that would move tokgate away from what the healthcheck reads (TOKGATE_* variables).
ADDRESS_AND_TLS_FLAGS = ("--listen", "--tls-cert", "--tls-key", "--tls-client-ca", "--config")
Stages = dict[str, list[tuple[str, str]]]


def _arguments(stage: list[tuple[str, str]], keyword: str) -> list[str]:
    return [arguments for word, arguments in stage if word == keyword]


def _services() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    return services


def test_healthcheck_is_a_pinned_grpc_health_probe(dockerfile_stages: Stages) -> None:
    probe, image = dockerfile_stages["health-probe"], dockerfile_stages[""]
    (pin,) = _arguments(probe, "ARG")
    assert re.fullmatch(r"GRPC_HEALTH_PROBE_VERSION=v\d+\.\d+\.\d+", pin), pin
    (build,) = _arguments(probe, "RUN")
    assert (
        "go install github.com/grpc-ecosystem/grpc-health-probe@${GRPC_HEALTH_PROBE_VERSION}"
        in build
    )
    copies = _arguments(image, "COPY")
    assert "--from=health-probe /out/grpc-health-probe /usr/local/bin/grpc-health-probe" in copies
    (check,) = _arguments(image, "HEALTHCHECK")
    options, _, command = check.partition(" CMD ")
    assert json.loads(command) == ["tokgate-healthcheck"], "not the probe's script"
    assert "deploy/healthcheck.sh /usr/local/bin/tokgate-healthcheck" in copies
    script = (DEPLOY / "healthcheck.sh").read_text()
    assert "exec grpc-health-probe" in script
    for setting in ("TOKGATE_LISTEN", "TOKGATE_TLS_CERT", "-tls-ca-cert", "-tls-server-name"):
        assert setting in script, f"the healthcheck ignores {setting}"
    timeout = re.search(r"--timeout=(\d+)s", options)
    assert timeout and int(timeout.group(1)) > 2, "the probe's own 2 s timeouts must fit in it"


def test_tokgate_listens_where_its_healthcheck_asks(dockerfile_stages: Stages) -> None:
    """The address and TLS come from TOKGATE_* variables, which the healthcheck reads too; a
    flag on the command line would move tokgate where the healthcheck does not look."""
    image = dockerfile_stages[""]
    assert any("TOKGATE_LISTEN=0.0.0.0:50051" in env for env in _arguments(image, "ENV"))
    commands = [json.loads(cmd) for cmd in _arguments(image, "CMD")]
    commands += [
        service["command"]
        for service in _services().values()
        if service.get("image") == "tokgate:local" and service["command"][0] == "serve"
    ]
    for command in commands:
        assert not set(command) & set(ADDRESS_AND_TLS_FLAGS), command
    for name in CHROMIUM_SERVICES:
        assert "healthcheck" not in _services()[name], f"{name} overrides the image's healthcheck"


def _bytes(size: str) -> int:
    """A compose byte value ("1gb", "512m", "67108864") in bytes."""
    found = re.fullmatch(r"(\d+)\s*([kmg]?)b?", size.lower())
    assert found, f"not a byte value: {size}"
    return int(found[1]) << (10 * " kmg".index(found[2] or " "))


def test_chromium_gets_an_init_and_shared_memory() -> None:
    """Playwright's container guidance: an init process (Chromium's children get reaped) and
    more than Docker's 64 MB of /dev/shm, or --disable-dev-shm-usage; tokgate does both."""
    assert "--disable-dev-shm-usage" in BASE_ARGS
    services = _services()
    for name in CHROMIUM_SERVICES:
        service = services[name]
        assert service.get("init") is True, f"{name} has no init"
        shared = service.get("ipc") == "host" or _bytes(str(service.get("shm_size", "0"))) >= 2**28
        assert shared, f"{name}: /dev/shm stays at 64 MB"


def test_images_are_pinned_and_the_digest_step_is_written(dockerfile_stages: Stages) -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    for stage in dockerfile_stages.values():
        image = stage[0][1]
        name, _, tag = image.partition("@")[0].partition(":")
        assert re.match(r"\d", tag), f"{image}: not pinned to a version"
        inspect = f"docker buildx imagetools inspect {name}:{tag}"
        assert "@sha256:" in image or inspect in dockerfile, f"{image}: no digest, nor its step"
    for name, service in _services().items():
        if "image" in service and service["image"] != "tokgate:local":
            assert re.search(r":v?\d+\.\d+\.\d+", service["image"]), f"{name}: not pinned"


def test_no_playwright_browser_download(dockerfile_stages: Stages) -> None:
    """Debian's Chromium is the browser; Playwright's own download would add ~165 MB."""
    runs = " ".join(_arguments(dockerfile_stages[""], "RUN"))
    assert "chromium" in runs
    assert "playwright install" not in runs

"""The Kubernetes base (deploy/kubernetes) says what cluster mode needs: 3 gateway replicas on
one Redis, gRPC health probes on the serving port, a headless Service, a disruption budget,
and settings that are tokgate's, with secrets only from the Secret. `make deploy-check`
validates the same files against the Kubernetes schemas; no cluster runs here."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from tokgate.config import Settings, is_secret
from tokgate.config_sources import env_name

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "deploy" / "kubernetes"
SettingsFromEnv = Callable[[Mapping[str, str]], Settings]
# What the fieldRef of a pod's name gives a container: one pod's name, as an example.
POD_NAME = "tokgate-7d9c5b8f6d-x2x4q"


@pytest.fixture(scope="module")
def resources() -> dict[tuple[str, str], dict[str, Any]]:
    """The rendered base, by (kind, name). The kustomization only lists resources, so rendering
    is their concatenation (what `kustomize build` prints, in its own order)."""
    kustomization = yaml.safe_load((BASE / "kustomization.yaml").read_text())
    assert set(kustomization) == {"apiVersion", "kind", "resources"}, "render it with kustomize"
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path in kustomization["resources"]:
        for document in yaml.safe_load_all((BASE / path).read_text()):
            key = (document["kind"], document["metadata"]["name"])
            assert key not in found, f"{key} twice"
            found[key] = document
    return found


@pytest.fixture(scope="module")
def deployment(resources: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    return resources["Deployment", "tokgate"]


@pytest.fixture(scope="module")
def container(deployment: dict[str, Any]) -> dict[str, Any]:
    containers: list[dict[str, Any]] = deployment["spec"]["template"]["spec"]["containers"]
    (tokgate,) = containers
    return tokgate


@pytest.fixture(scope="module")
def settings(
    resources: dict[tuple[str, str], dict[str, Any]],
    container: dict[str, Any],
    settings_from_env: SettingsFromEnv,
) -> Settings:
    """tokgate's settings in a pod: plain values, the Secret's values and the pod's name."""
    environ: dict[str, str] = {}
    for variable in container["env"]:
        if "value" in variable:
            environ[variable["name"]] = variable["value"]
        elif "secretKeyRef" in variable["valueFrom"]:
            ref = variable["valueFrom"]["secretKeyRef"]
            environ[variable["name"]] = resources["Secret", ref["name"]]["stringData"][ref["key"]]
        else:
            assert variable["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
            environ[variable["name"]] = POD_NAME
    return settings_from_env(environ)


def _pod_labels(deployment: dict[str, Any]) -> dict[str, str]:
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    return labels


def _container_port(container: dict[str, Any], name: str) -> int:
    (port,) = [p["containerPort"] for p in container["ports"] if p["name"] == name]
    return int(port)


def test_three_replicas_of_tokgate_serve_in_cluster_mode(
    deployment: dict[str, Any], container: dict[str, Any], settings: Settings
) -> None:
    assert deployment["spec"]["replicas"] == 3
    assert container["args"] == ["serve"]
    assert settings.cluster_url.get_secret_value().startswith("redis://")
    assert settings.cluster_replica == POD_NAME
    assert settings.api_key_hashes, "listening beyond loopback needs caller API keys"


def test_secret_settings_come_only_from_the_secret(container: dict[str, Any]) -> None:
    secret_names = {
        env_name(name) for name, info in Settings.model_fields.items() if is_secret(info)
    }
    for variable in container["env"]:
        if variable["name"] in secret_names or variable["name"] == "TOKGATE_API_KEY_HASHES":
            assert "secretKeyRef" in variable.get("valueFrom", {}), variable["name"]


def test_the_cluster_url_names_the_redis_service(
    resources: dict[tuple[str, str], dict[str, Any]], settings: Settings
) -> None:
    url = urlsplit(settings.cluster_url.get_secret_value())
    service = resources["Service", str(url.hostname)]
    redis = resources["Deployment", str(url.hostname)]
    assert url.port in [port["port"] for port in service["spec"]["ports"]]
    assert service["spec"]["selector"].items() <= _pod_labels(redis).items()
    assert redis["spec"]["replicas"] == 1


def test_grpc_probes_ask_the_serving_port(container: dict[str, Any], settings: Settings) -> None:
    serving = int(settings.listen.rsplit(":", 1)[1])
    assert settings.listen.startswith("0.0.0.0:")
    assert _container_port(container, "grpc") == serving
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"] == {"port": serving}, probe
    metrics = int(settings.metrics_listen.rsplit(":", 1)[1])
    assert _container_port(container, "metrics") == metrics


def test_headless_service_selects_the_gateway_pods(
    resources: dict[tuple[str, str], dict[str, Any]], deployment: dict[str, Any]
) -> None:
    service = resources["Service", "tokgate"]
    assert service["spec"]["clusterIP"] == "None"
    assert service["spec"]["selector"].items() <= _pod_labels(deployment).items()
    assert {port["targetPort"] for port in service["spec"]["ports"]} == {"grpc", "metrics"}
    comment = (BASE / "tokgate-service.yaml").read_text()
    assert "one HTTP/2 connection" in comment


def test_disruption_budget_keeps_two_gateways(
    resources: dict[tuple[str, str], dict[str, Any]], deployment: dict[str, Any]
) -> None:
    budget = resources["PodDisruptionBudget", "tokgate"]["spec"]
    assert budget["selector"]["matchLabels"].items() <= _pod_labels(deployment).items()
    replicas = deployment["spec"]["replicas"]
    assert budget.get("maxUnavailable") == 1 or budget.get("minAvailable") == replicas - 1


def test_calls_finish_before_the_kubelet_kills(
    deployment: dict[str, Any], settings: Settings
) -> None:
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > (
        settings.grace_period
    )


@pytest.mark.parametrize("name", ["tokgate", "tokgate-redis"])
def test_pods_run_unprivileged_with_resources(
    resources: dict[tuple[str, str], dict[str, Any]], name: str
) -> None:
    pod = resources["Deployment", name]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    for each in pod["containers"]:
        assert each["securityContext"]["readOnlyRootFilesystem"] is True
        assert each["securityContext"]["allowPrivilegeEscalation"] is False
        assert {"cpu", "memory"} <= set(each["resources"]["requests"])
        assert {"cpu", "memory"} <= set(each["resources"]["limits"])


def test_image_is_the_one_deploy_builds(container: dict[str, Any]) -> None:
    compose = (REPO / "deploy" / "compose.yaml").read_text()
    assert f"image: {container['image']}" in compose


def test_schemas_are_vendored_for_the_pinned_kubernetes_version(
    resources: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """kubeconform runs offline: each kind of the base has a schema for the Makefile's version."""
    makefile = (REPO / "Makefile").read_text()
    match = re.search(r"^KUBERNETES_VERSION := (\S+)$", makefile, re.MULTILINE)
    assert match is not None
    version = f"v{match.group(1)}"
    vendor = (BASE / "vendor_schemas.py").read_text()
    assert f'KUBERNETES_VERSION = "{version}"' in vendor, "vendored for another version"
    schemas = BASE / "schemas" / f"{version}-standalone-strict"
    for document in resources.values():
        group, _, api_version = document["apiVersion"].rpartition("/")
        suffix = f"-{group.split('.')[0]}-{api_version}" if group else f"-{api_version}"
        assert (schemas / f"{document['kind'].lower()}{suffix}.json").exists(), document["kind"]

"""The deploy files check out without Docker: promtool, the rule unit tests, the generated
dashboard, the runbook, the compose file (both profiles) and provisioning files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from tokgate.cli import build_parser
from tokgate.config import Settings

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
DASHBOARD = DEPLOY / "grafana" / "tokgate-dashboard.json"
RULES = DEPLOY / "prometheus" / "rules" / "tokgate.rules.yml"
RULE_TESTS = DEPLOY / "prometheus" / "rules" / "tokgate.rules.test.yml"
PROMETHEUS_CONFIG = DEPLOY / "prometheus" / "prometheus.yml"
OBSERVABILITY_DOC = REPO / "docs" / "observability.md"
CLUSTER_REPLICAS = ("tokgate-a", "tokgate-b", "tokgate-c")


def _run(*argv: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def _assert_ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, f"{result.args}:\n{result.stdout}\n{result.stderr}"


def test_promtool_check_rules(promtool: str) -> None:
    _assert_ok(_run(promtool, "check", "rules", str(RULES)))


def test_promtool_check_config(promtool: str) -> None:
    _assert_ok(_run(promtool, "check", "config", str(PROMETHEUS_CONFIG)))


def test_promtool_rule_unit_tests(promtool: str) -> None:
    result = _run(promtool, "test", "rules", RULE_TESTS.name, cwd=RULE_TESTS.parent)
    _assert_ok(result)
    assert "SUCCESS" in result.stdout


def test_every_alert_is_unit_tested_firing_and_quiet(rule_groups: list[dict[str, Any]]) -> None:
    alerts = {rule["alert"] for group in rule_groups for rule in group["rules"] if "alert" in rule}
    fired: set[str] = set()
    quiet: set[str] = set()
    for case in yaml.safe_load(RULE_TESTS.read_text())["tests"]:
        for check in case.get("alert_rule_test", []):
            (fired if check.get("exp_alerts") else quiet).add(check["alertname"])
    assert alerts, "no alerting rules found"
    assert alerts - fired == set(), "alerts without a test that fires them"
    assert alerts - quiet == set(), "alerts without a test that keeps them quiet"


def test_every_alert_has_a_runbook_entry(rule_groups: list[dict[str, Any]]) -> None:
    doc = OBSERVABILITY_DOC.read_text()
    headings = {
        match.group(1).strip().lower() for match in re.finditer(r"^#+ (.+)$", doc, re.MULTILINE)
    }
    for group in rule_groups:
        for rule in group["rules"]:
            if "alert" not in rule:
                continue
            name = rule["alert"]
            assert name.lower() in headings, f"docs/observability.md has no section {name}"
            assert rule["annotations"]["runbook_url"].endswith(f"#{name.lower()}")
            assert rule["labels"]["severity"] in ("warning", "critical")


def test_dashboard_json_is_what_the_generator_builds() -> None:
    result = _run(sys.executable, str(DEPLOY / "grafana" / "build_dashboard.py"), "--check")
    _assert_ok(result)


def test_dashboard_takes_its_datasource_from_a_variable(dashboard: dict[str, Any]) -> None:
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == "${datasource}", panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == "${datasource}", panel["title"]


def test_dashboard_panels_do_not_overlap(dashboard: dict[str, Any]) -> None:
    taken: set[tuple[int, int]] = set()
    for panel in dashboard["panels"]:
        pos = panel["gridPos"]
        assert pos["x"] + pos["w"] <= 24, panel["title"]
        cells = {
            (x, y)
            for x in range(pos["x"], pos["x"] + pos["w"])
            for y in range(pos["y"], pos["y"] + pos["h"])
        }
        assert not cells & taken, f"{panel['title']} overlaps another panel"
        taken |= cells
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))


def test_grafana_provisioning_points_at_the_dashboard_and_prometheus() -> None:
    provisioning = DEPLOY / "grafana" / "provisioning"
    datasources = yaml.safe_load((provisioning / "datasources" / "prometheus.yaml").read_text())
    (prometheus,) = datasources["datasources"]
    assert prometheus["type"] == "prometheus"
    assert prometheus["url"] == "http://prometheus:9090"
    dashboards = yaml.safe_load((provisioning / "dashboards" / "tokgate.yaml").read_text())
    (provider,) = dashboards["providers"]
    assert provider["type"] == "file"
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    grafana_mounts = compose["services"]["grafana"]["volumes"]
    assert any(
        mount.endswith(f":{provider['options']['path']}/{DASHBOARD.name}:ro")
        for mount in grafana_mounts
    ), grafana_mounts


def test_compose_file_names_the_four_services_and_existing_files() -> None:
    """Docker cannot run here: the compose file is checked as YAML, not started."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"tokgate", "simulator", "prometheus", "grafana"} <= set(services)
    for name, service in services.items():
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name} mounts missing {source}"
        build = service.get("build")
        if build is not None:
            assert (DEPLOY / build["context"] / build["dockerfile"]).exists()
    prometheus_command = " ".join(services["prometheus"]["command"])
    assert "--config.file=/etc/prometheus/prometheus.yml" in prometheus_command


def test_compose_and_dockerfile_commands_are_valid_tokgate_commands() -> None:
    """The flags the containers pass exist (argparse exits on an unknown one)."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    (cmd_line,) = [line for line in dockerfile.splitlines() if line.startswith("CMD ")]
    commands = [
        *(
            service["command"]
            for service in compose["services"].values()
            if service.get("image") == "tokgate:local"
        ),
        json.loads(cmd_line.removeprefix("CMD ")),
    ]
    parser = build_parser()
    for command in commands:
        args = parser.parse_args([str(part) for part in command])
        assert callable(args.handler)


def _port(address: str) -> int:
    return int(address.rsplit(":", 1)[1])


def test_compose_cluster_profile_is_three_replicas_on_one_redis(
    settings_from_env: Callable[[Mapping[str, str]], Settings],
) -> None:
    """`--profile cluster` adds Redis and three replicas sharing one simulator's namespace;
    without the profile, compose starts what it always did."""
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    default = {name for name, service in services.items() if "profiles" not in service}
    assert default == {"simulator", "tokgate", "prometheus", "grafana"}
    cluster = {name for name, service in services.items() if service.get("profiles") == ["cluster"]}
    assert cluster == {"redis", "cluster-simulator", *CLUSTER_REPLICAS}
    published: set[int] = set()
    for mapping in services["cluster-simulator"]["ports"]:  # "127.0.0.1:FIRST-LAST:FIRST-LAST"
        first, _, last = mapping.split(":")[1].partition("-")
        published |= set(range(int(first), int(last or first) + 1))
    ports: list[int] = []
    for name in CLUSTER_REPLICAS:
        replica = services[name]
        assert replica["network_mode"] == "service:cluster-simulator"
        settings = settings_from_env(replica["environment"])
        assert settings.cluster_replica == name
        url = urlsplit(settings.cluster_url.get_secret_value())
        assert (url.hostname, url.port) == ("redis", 6379)
        ports += [_port(settings.listen), _port(settings.metrics_listen)]
    assert len(set(ports)) == len(ports), f"replicas share a port in one namespace: {ports}"
    assert set(ports) <= published, "a replica's port is not published"
    # The single gateway listens where the image's TOKGATE_LISTEN / _METRICS_LISTEN say.
    image_env = re.findall(
        r"(TOKGATE_(?:METRICS_)?LISTEN)=(\S+)", (DEPLOY / "Dockerfile").read_text()
    )
    single = settings_from_env(dict(image_env))
    assert not {_port(single.listen), _port(single.metrics_listen)} & published

"""Fixtures for the deploy tests: Debian's Prometheus binaries, the dashboard and the rules,
the PromQL they run, and the settings a deploy file's environment gives tokgate."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from tokgate.config import Settings
from tokgate.config_sources import env_name, resolve

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _debian_binary(name: str) -> str:
    found = shutil.which(name) or f"/usr/bin/{name}"
    if not Path(found).exists():
        pytest.fail(f"{name} is missing: install Debian's prometheus package (make system-deps)")
    return found


@pytest.fixture(scope="session")
def promtool() -> str:
    return _debian_binary("promtool")


@pytest.fixture(scope="session")
def prometheus_binary() -> str:
    return _debian_binary("prometheus")


@pytest.fixture(scope="session")
def dashboard() -> dict[str, Any]:
    text = (DEPLOY / "grafana" / "tokgate-dashboard.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@pytest.fixture(scope="session")
def rule_groups() -> list[dict[str, Any]]:
    text = (DEPLOY / "prometheus" / "rules" / "tokgate.rules.yml").read_text()
    groups: list[dict[str, Any]] = yaml.safe_load(text)["groups"]
    return groups


@pytest.fixture(scope="session")
def dashboard_queries(dashboard: dict[str, Any]) -> list[str]:
    """Every PromQL query of the dashboard: panel targets and template variables."""
    queries = [
        target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])
    ]
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            # label_values(SELECTOR, label): the selector is what Prometheus is asked.
            definition = variable["query"]["query"]
            queries.append(definition.removeprefix("label_values(").rsplit(",", 1)[0])
    return queries


@pytest.fixture(scope="session")
def rule_exprs(rule_groups: list[dict[str, Any]]) -> list[str]:
    """The expression of every recording and alerting rule."""
    return [str(rule["expr"]) for group in rule_groups for rule in group["rules"]]


@pytest.fixture(scope="session")
def settings_from_env() -> Callable[[Mapping[str, str]], Settings]:
    """Checks a container's environment: every variable names a tokgate setting (tokgate
    ignores one that does not), and the values resolve as ``tokgate serve`` resolves them."""

    def check(environ: Mapping[str, str]) -> Settings:
        known = {env_name(name) for name in Settings.model_fields}
        assert set(environ) <= known, f"not tokgate settings: {sorted(set(environ) - known)}"
        return resolve(environ=environ).settings

    return check


@pytest.fixture(scope="session")
def dockerfile_stages() -> dict[str, list[tuple[str, str]]]:
    """deploy/Dockerfile, parsed (Docker cannot run here, so tests read what it would do): each
    stage by its name ("" for an unnamed one) as (KEYWORD, arguments) pairs, line continuations
    joined, the FROM first."""
    logical = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    stages: dict[str, list[tuple[str, str]]] = {}
    instructions: list[tuple[str, str]] = []
    for raw in logical.splitlines():
        keyword, _, rest = raw.strip().partition(" ")
        if not keyword or keyword.startswith("#"):
            continue
        arguments = " ".join(rest.split())
        if keyword == "FROM":
            image, _, name = arguments.partition(" AS ")
            instructions = stages.setdefault(name, [])
            arguments = image
        else:
            assert stages, f"{keyword} before the first FROM"
        instructions.append((keyword, arguments))
    return stages

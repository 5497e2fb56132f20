"""The alert rules as a build (deploy/prometheus/build_rules.py): the committed file is the
default build; another job selector and runbook host build rules that promtool accepts and
whose unit tests pass; no expression names a job of its own; runbooks are absolute URLs;
the alerts a single event must not fire wait (``for:``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "deploy" / "prometheus" / "build_rules.py"
TEMPLATE = REPO / "deploy" / "prometheus" / "tokgate.rules.in.yml"
RULE_TESTS = REPO / "deploy" / "prometheus" / "rules" / "tokgate.rules.test.yml"
DEFAULT_SELECTOR = 'job="tokgate"'
DEFAULT_BASE = "https://github.com/tokgate/tokgate/blob/main/docs/observability.md"
# A series name in an expression: a metric (not a recording rule's, which has colons) or up.
_SERIES = re.compile(r"\b(?<![:\w])((?:tokgate|grpc_server)_[a-z_]+|up)\b(?!:)")


def _run(*argv: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def _build(directory: Path, selector: str, base: str) -> Path:
    output = directory / "tokgate.rules.yml"
    result = _run(
        sys.executable,
        str(BUILD),
        "--selector",
        selector,
        "--runbook-base",
        base,
        "--output",
        str(output),
    )
    assert result.returncode == 0, result.stderr
    return output


def _alerts(path: Path) -> dict[str, dict[str, Any]]:
    groups = yaml.safe_load(path.read_text())["groups"]
    return {rule["alert"]: rule for group in groups for rule in group["rules"] if "alert" in rule}


def test_the_committed_rules_are_the_default_build() -> None:
    result = _run(sys.executable, str(BUILD), "--check")
    assert result.returncode == 0, result.stderr


def test_another_job_and_runbook_host_build_rules_that_pass_their_unit_tests(
    promtool: str, tmp_path: Path
) -> None:
    base = "https://docs.example.com/tokgate/observability"
    rules = _build(tmp_path, 'job="tg-prod"', base)
    # The unit tests, their series and expected labels moved to the other job: every alert
    # fires and stays quiet as in the default build.
    tests = RULE_TESTS.read_text().replace('job="tokgate"', 'job="tg-prod"')
    tests = tests.replace("job: tokgate\n", "job: tg-prod\n").replace(DEFAULT_BASE, base)
    (tmp_path / RULE_TESTS.name).write_text(tests)
    result = _run(promtool, "test", "rules", RULE_TESTS.name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for name, rule in _alerts(rules).items():
        assert rule["annotations"]["runbook_url"] == f"{base}#{name.lower()}"
    # A selector of several matchers builds valid rules too.
    several = _build(tmp_path, 'job="tg",env="prod"', base)
    assert _run(promtool, "check", "rules", str(several)).returncode == 0


def test_every_series_an_expression_reads_carries_the_selector(tmp_path: Path) -> None:
    assert "job=" not in "".join(
        line for line in TEMPLATE.read_text().splitlines() if not line.lstrip().startswith("#")
    )
    rules = _build(tmp_path, 'job="SENTINEL"', DEFAULT_BASE)
    groups = yaml.safe_load(rules.read_text())["groups"]
    for rule in (rule for group in groups for rule in group["rules"]):
        expr = str(rule["expr"])
        names = _SERIES.findall(expr)
        assert names or ":" in expr, expr  # a series, or a recording rule
        for match in _SERIES.finditer(expr):
            assert expr[match.end() :].startswith('{job="SENTINEL"'), (match.group(1), expr)


def test_runbooks_are_absolute_urls_of_their_sections() -> None:
    for name, rule in _alerts(RULE_TESTS.parent / "tokgate.rules.yml").items():
        assert "runbook" not in rule["annotations"]
        assert rule["annotations"]["runbook_url"] == f"{DEFAULT_BASE}#{name.lower()}"


def test_one_event_does_not_fire_the_plugin_and_authentication_alerts() -> None:
    """Their unit tests hold one failure quiet; here, that they wait at all."""
    alerts = _alerts(RULE_TESTS.parent / "tokgate.rules.yml")
    assert alerts["TokgatePluginFailing"]["for"] == "10m"
    assert alerts["TokgateAuthenticationFailing"]["for"] == "5m"
    assert alerts["TokgateTargetMissing"]["expr"].startswith("absent(up{")

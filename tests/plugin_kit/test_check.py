"""``tokgate plugins check PLUGIN`` through the real command line: a sound plugin passes with
what it changed and its slowest calls; a plugin that raises, answers with the wrong type,
answers late or misspells a hook fails with each violation named; JSON for CI; a name that
is nothing is a usage error (exit 2)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tokgate.cli import main
from tokgate.plugin_kit.corpus import load
from tokgate.testing import child_env, install_plugin, tokgate_argv

SOUND = """
from tokgate.errors.hookspecs import ErrorKind, hookimpl


@hookimpl
def tokgate_enrich_error(detail):
    if detail.kind == ErrorKind.ERROR_KIND_RATE_LIMIT:
        detail.metadata["runbook_url"] = "https://runbooks.example.com/rate-limits"
"""

FAULTY = """
import time

from tokgate.errors.hookspecs import hookimpl

calls = 0


@hookimpl
def tokgate_classify_error(error, context):
    global calls
    calls += 1
    if calls == 1:
        raise RuntimeError("classifier bug")
    if calls == 2:
        return "RATE_LIMIT"
    if calls == 3:
        time.sleep(0.4)  # over the 0.25 s default budget
    return None


def tokgate_enrich_eror(detail):
    detail.metadata["never"] = "called"
"""


def _check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tokgate_argv("plugins", "check", *args),
        env=child_env({"PYTHONPATH": str(root)}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def plugins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("check")
    install_plugin(root, "sound_runbook", SOUND)
    install_plugin(root, "faulty_plugin", FAULTY)
    install_plugin(root, "broken_plugin", 'raise RuntimeError("no config file")\n')
    return root


def test_a_sound_plugin_passes_and_shows_what_it_changed(
    plugins: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process (a child spends seconds importing TikTokLive again)."""
    monkeypatch.syspath_prepend(str(plugins))
    assert main(["plugins", "check", "sound_runbook"]) == 0
    out = capsys.readouterr().out
    rate_limits = sum(1 for case in load() if case.kind == "rate_limit")
    assert f"corpus: {len(load())} cases; changed: {rate_limits}" in out
    assert f"rate_limit (same kind, fields changed): {rate_limits}" in out
    assert "slowest calls (budget 250 ms):" in out
    assert "tokgate_enrich_error" in out
    assert out.rstrip().endswith("OK: no violations")


def test_each_violation_is_named_and_fails_the_check(plugins: Path) -> None:
    done = _check(plugins, "faulty-plugin")  # the distribution's name works too
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert (
        "misspelt hook (never called): tokgate_enrich_eror (did you mean tokgate_enrich_error?)"
        in out
    )
    assert "tokgate_classify_error on " in out and "raised RuntimeError: classifier bug" in out
    assert "returned str" in out
    assert "no answer within 0.25s" in out
    assert out.rstrip().splitlines()[-1] == (
        "FAILED: misspelt hook tokgate_enrich_eror (did you mean tokgate_enrich_error?); "
        "exceptions: 1; invalid answers: 1; late answers: 1"
    )


def test_json_for_ci(plugins: Path) -> None:
    done = _check(plugins, "faulty_plugin", "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["ok"] is False and report["cases"] == len(load())
    assert [p["problem"] for p in report["exceptions"]] == ["raised RuntimeError: classifier bug"]
    assert report["invalid_answers"][0]["hook"] == "tokgate_classify_error"
    assert report["late_answers"][0]["case"] in {case.id for case in load()}
    assert report["budget_milliseconds"] == 250


def test_a_plugin_that_fails_to_import_is_a_violation_not_a_traceback(
    plugins: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(plugins))
    assert main(["plugins", "check", "broken_plugin"]) == 1
    out = capsys.readouterr().out
    assert "failed to import: RuntimeError: no config file" in out
    assert out.rstrip().splitlines()[-1].startswith("FAILED: failed to load: plugin 'broken")


def test_a_name_that_is_nothing_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "check", "no_such_plugin"]) == 2
    assert "'no_such_plugin' is neither an installed tokgate plugin" in capsys.readouterr().err

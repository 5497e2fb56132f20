"""The packaged example plugin, installed where only these processes see it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tokgate.testing import child_env

# Runs in a fresh interpreter with the plugin's directory on PYTHONPATH: discovers it through
# the entry-point group like a real installation, and reports two failures.
SCRIPT = r"""
import asyncio, json, sys
import httpx
from google.protobuf import json_format
from TikTokLive.client import errors as live
from tokgate.config import Settings
from tokgate.errors.context import ErrorContext
from tokgate.errors.pipeline import ErrorPipeline

async def main():
    pipeline = ErrorPipeline.from_settings(Settings.load(environ={}))
    offline = live.UserOfflineError()
    response = httpx.Response(
        429, headers={"RateLimit-Remaining": "0", "RateLimit-Reset": "30"},
        request=httpx.Request("GET", "https://sign.example/webcast/fetch"),
    )
    limited = live.SignatureRateLimitError(None, "again in %s s", response=response)
    out = {
        "offline": await pipeline.report(offline, ErrorContext("live", "connect", "@star")),
        "limited": await pipeline.report(limited, ErrorContext("live", "sign", "star")),
        "plugins": pipeline.plugins(),
    }
    def as_dict(value):
        if isinstance(value, list):
            return [as_dict(item) for item in value]
        return json_format.MessageToDict(value, preserving_proto_field_name=True)
    print(json.dumps({key: as_dict(value) for key, value in out.items()}))

asyncio.run(main())
"""


def _with_path(directory: Path) -> str:
    """PYTHONPATH with ``directory`` first: only this child sees the installed plugin."""
    return os.pathsep.join([str(directory), os.environ.get("PYTHONPATH", "")])


def run_with_plugin(path: Path, *argv: str, **env: str) -> str:
    environ = child_env({**env, "PYTHONPATH": _with_path(path)})
    done = subprocess.run(
        [sys.executable, *argv],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def test_example_plugin_overrides_and_enriches(example_plugin_path: Path) -> None:
    result: dict[str, Any] = json.loads(run_with_plugin(example_plugin_path, "-c", SCRIPT))
    offline = result["offline"]
    assert offline["kind"] == "ERROR_KIND_USER_OFFLINE"
    assert offline["error"] == "User Offline"
    assert offline["classifier"] == "example"  # not tokgate.tiktoklive: overridden
    assert offline["message"] == "@star is not live now; see their streaming schedule"
    assert offline["suggestions"] == [
        "Check the schedule: https://schedule.example.com/streamers/star",
        "Subscribe with wait_until_live",
    ]
    assert offline["retry_after"] == "900s"
    assert offline["exception_type"] == "TikTokLive.client.errors.UserOfflineError"

    limited = result["limited"]
    assert limited["classifier"] == "tokgate.tiktoklive"  # classified by the built-in ...
    assert limited["kind"] == "ERROR_KIND_RATE_LIMIT"
    assert limited["suggestions"][-1] == (  # ... and enriched by the plugin
        "Follow the rate-limit runbook: https://runbooks.example.com/tokgate/rate-limits"
    )
    assert limited["metadata"]["runbook_url"] == "https://runbooks.example.com/tokgate/rate-limits"
    assert limited["retry_after"] == "30s"

    example = next(p for p in result["plugins"] if p["name"] == "example")
    assert example["version"] == "1.2.0"
    assert example["distribution"] == "tokgate-example-plugin"
    assert example["hooks"] == ["tokgate_classify_error", "tokgate_enrich_error"]
    assert example["state"] == "PLUGIN_STATE_ENABLED"
    assert "builtin" not in example  # false


def test_tokgate_plugins_command(example_plugin_path: Path) -> None:
    listing = run_with_plugin(example_plugin_path, "-m", "tokgate", "plugins")
    assert "example 1.2.0 [enabled] (from tokgate-example-plugin)" in listing
    assert "tokgate.catch_all" in listing and "built-in" in listing
    rows = json.loads(
        run_with_plugin(
            example_plugin_path,
            "-m",
            "tokgate",
            "plugins",
            "--json",
            TOKGATE_DISABLE_PLUGINS="example",
        )
    )
    example = next(row for row in rows if row["name"] == "example")
    assert example["state"] == "PLUGIN_STATE_DENIED"
    assert example["disabled_reason"] == "in TOKGATE_DISABLE_PLUGINS"
    assert [row["name"] for row in rows][-1] == "tokgate.catch_all"


def test_not_seen_without_its_directory() -> None:
    listing = subprocess.run(
        [sys.executable, "-m", "tokgate", "plugins"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "example" not in listing


def test_a_misspelt_hook_stops_tokgate_serve(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "typo_plugin").mkdir(parents=True)
    (source / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=69"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "typo-plugin"\nversion = "0.0.1"\n'
        '[project.entry-points.tokgate]\ntypo = "typo_plugin"\n'
        '[tool.setuptools]\npackages = ["typo_plugin"]\n'
    )
    (source / "typo_plugin" / "__init__.py").write_text(
        "def tokgate_clasify_error(error, context):\n    return None\n"
    )
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    environ = child_env({"PYTHONPATH": _with_path(target)})
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tokgate",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--metrics-listen",
            "",
            "--sessions",
            "0",
        ],
        check=False,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "plugin 'typo'" in done.stderr and "tokgate_clasify_error" in done.stderr

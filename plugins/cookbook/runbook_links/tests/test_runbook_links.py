"""The runbook_links plugin, installed, run through tokgate's real error pipeline by the kit's
``tokgate_harness`` fixture: the operator's link on the kinds they configured, in a TOML file,
a JSON file or a variable; every other kind untouched; a bad configuration refused at load."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from google.rpc import error_details_pb2
from tokgate.errors.manager import PluginLoadError
from tokgate.errors.status import status_proto
from tokgate.plugin_kit import PluginHarness, assert_detail
from tokgate_runbook_links.links import (
    FILE_VARIABLE,
    INLINE_VARIABLE,
    RunbookConfigError,
    RunbookLinks,
)

Harness = Callable[..., PluginHarness]
Load = Callable[[dict[str, str]], PluginHarness]
PLUGIN_MODULE = "tokgate_runbook_links.plugin"
BASE = "https://runbooks.example.com/tokgate/"
TOML = f"""
base_url = "{BASE}"

[kinds]
NETWORK = "network#resets"
AUTHENTICATION = "https://wiki.example.com/credentials"
"""
NETWORK_RUNBOOK = "https://runbooks.example.com/tokgate/network#resets"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Load]:
    """The installed plugin loaded by its entry point as ``tokgate serve`` loads it, with the
    given environment (its module imported afresh, as at a start)."""
    made: list[PluginHarness] = []

    def load(environ: dict[str, str]) -> PluginHarness:
        for name in (FILE_VARIABLE, INLINE_VARIABLE):
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delitem(sys.modules, PLUGIN_MODULE, raising=False)
        made.append(PluginHarness("runbook_links"))
        return made[-1]

    yield load
    for harness in made:
        harness.close()


def test_a_configured_kind_gets_its_runbook_and_the_rest_is_untouched(
    installed: Load, tmp_path: Path
) -> None:
    (tmp_path / "runbooks.toml").write_text(TOML)
    harness = installed({FILE_VARIABLE: str(tmp_path / "runbooks.toml")})
    reset = ConnectionResetError("reset by peer")
    builtin = harness.builtin(reset)
    assert_detail(
        harness.report(reset),
        builtin,
        suggestions=[*builtin.suggestions, f"Follow the runbook: {NETWORK_RUNBOOK}"],
        metadata={**builtin.metadata, "runbook_url": NETWORK_RUNBOOK},
    )
    late = TimeoutError("read timed out")  # TIMEOUT: no runbook configured
    assert_detail(harness.report(late), harness.builtin(late))
    assert harness.record.failures == 0


def test_every_grpc_client_reads_the_link_in_the_status(tokgate_harness: Harness) -> None:
    """ErrorDetail has no help-link field: the link travels in the metadata, which the status's
    google.rpc.ErrorInfo carries to clients that do not decode tokgate's ErrorDetail."""
    harness = tokgate_harness(RunbookLinks.parse(json.loads(json.dumps(_table())), "test"))
    detail = harness.report(ConnectionResetError("reset by peer"))
    info = error_details_pb2.ErrorInfo()
    assert status_proto(detail).details[1].Unpack(info)
    assert info.reason == "NETWORK" and info.metadata["runbook_url"] == NETWORK_RUNBOOK


def _table() -> dict[str, object]:
    return {"base_url": BASE, "kinds": {"NETWORK": "network#resets"}}


@pytest.mark.parametrize("where", ["json file", "variable"])
def test_json_in_a_file_or_a_variable_says_the_same(
    installed: Load, tmp_path: Path, where: str
) -> None:
    text = json.dumps(_table())
    if where == "variable":
        environ = {INLINE_VARIABLE: text}
    else:
        (tmp_path / "runbooks.json").write_text(text)
        environ = {FILE_VARIABLE: str(tmp_path / "runbooks.json")}
    detail = installed(environ).report(ConnectionResetError("reset by peer"))
    assert detail.metadata["runbook_url"] == NETWORK_RUNBOOK


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('base_url = "x"\n[kinds]\nNETWORK = "n"', "base_url 'x' is not an http(s) URL"),
        (
            f'base_url = "{BASE}"\n[kinds]\nRATE_LIMT = "r"',
            "'RATE_LIMT' is not an error kind (did you mean 'RATE_LIMIT'?); kinds: TIKTOK_API,",
        ),
        ("[kinds]\nNETWORK = 'network'", "NETWORK's runbook 'network' is a path: set base_url"),
        (f'base_url = "{BASE}"\n[kinds]\nNETWORK = ""', "the runbook of NETWORK must be a path"),
        (f'base_url = "{BASE}"\nkind = {{}}', "unknown key(s) kind"),
        ("base_url = ", "not valid TOML: "),
    ],
)
def test_a_bad_file_is_refused_at_load_saying_where_and_why(
    installed: Load,
    tmp_path: Path,
    text: str,
    problem: str,
) -> None:
    path = tmp_path / "runbooks.toml"
    path.write_text(text)
    with pytest.raises(PluginLoadError) as refused:
        installed({FILE_VARIABLE: str(path)})
    message = str(refused.value)
    assert "plugin 'runbook_links'" in message and "RunbookConfigError" in message
    assert f"{path}: {problem}" in message


def test_no_configuration_or_an_unknown_format_is_refused() -> None:
    with pytest.raises(RunbookConfigError, match=f"set one of {FILE_VARIABLE}"):
        RunbookLinks.from_environment({})
    with pytest.raises(RunbookConfigError, match=r"runbooks\.yaml: .* is \.toml or \.json"):
        RunbookLinks.from_file(Path("runbooks.yaml"))

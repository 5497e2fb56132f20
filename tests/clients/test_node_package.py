"""The Node client as a user installs it: ``npm pack``, the tarball installed with npm in a
scratch directory, one real call against this module's server, and TypeScript catching a
misspelt method (the generated ``.d.ts`` types every service method)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

NODE_PACKAGE = Path(__file__).resolve().parents[2] / "clients" / "node"

CALL = """\
import { createClients, TokgateError } from '@tokgate/client';
import { decodeOther } from '@tokgate/client/webcast';

const tokgate = createClients(process.env.TOKGATE_ADDR);
const { user } = await tokgate.users.getUser({ uniqueId: 'sim_creator' });
console.log(user.uniqueId);
try {
  await tokgate.users.getUser({ uniqueId: 'sim_user_not_found' });
} catch (err) {
  console.log(err instanceof TokgateError, err.kindName);
}
console.log(typeof decodeOther);
tokgate.close();
"""

# The testing helper as a user's test runs it: no TOKGATE_ADDR, tokgate found on PATH.
STARTED = """\
import { createClients } from '@tokgate/client';
import { startTokgate } from '@tokgate/client/testing';

const running = await startTokgate();
const tokgate = createClients(running.address);
try {
  console.log((await tokgate.live.getLiveStatus({ uniqueId: 'sim_live' })).isLive);
} finally {
  tokgate.close();
  await running.stop();
}
"""

TYPED_CALL = """\
import {{ createClients }} from '@tokgate/client';

const tokgate = createClients('127.0.0.1:50051');
export async function nickname(): Promise<string | undefined> {{
  const {{ user }} = await tokgate.users.{method}({{ uniqueId: 'someone' }});
  return user?.nickname;
}}
"""

pytestmark = [pytest.mark.polyglot, pytest.mark.timeout(600)]


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    tool = shutil.which(argv[0], path=env["PATH"])
    assert tool, f"{argv[0]} is not installed"
    return subprocess.run(
        [tool, *argv[1:]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(node_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch project with the packed client installed from its tarball, plus the pinned
    TypeScript and Node types of the package's devDependencies."""
    packs = tmp_path_factory.mktemp("pack")
    packed = json.loads(
        _ok(
            _run(
                ["npm", "pack", "--json", "--pack-destination", str(packs)], NODE_PACKAGE, node_env
            )
        )
    )
    files = {entry["path"] for entry in packed[0]["files"]}
    assert "gen/tokgate/v1/users_pb.js" in files and not any(f.endswith(".proto") for f in files)
    tarball = packs / packed[0]["filename"]
    project = tmp_path_factory.mktemp("project")
    (project / "package.json").write_text('{"private": true, "type": "module"}\n')
    dev = json.loads((NODE_PACKAGE / "package.json").read_text())["devDependencies"]
    tools = [f"{name}@{dev[name]}" for name in ("typescript", "@types/node")]
    flags = ["--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"]
    _ok(_run(["npm", "install", *flags, str(tarball), *tools], project, node_env))
    return project


def test_the_packed_tarball_calls_a_real_server(installed: Path, node_env: dict[str, str]) -> None:
    (installed / "call.mjs").write_text(CALL)
    output = _ok(_run(["node", "call.mjs"], installed, node_env))
    assert output.splitlines() == ["sim_creator", "true USER_NOT_FOUND", "function"]


def test_the_packed_testing_helper_starts_tokgate_from_path(
    installed: Path, node_env: dict[str, str]
) -> None:
    (installed / "started.mjs").write_text(STARTED)
    env = {key: value for key, value in node_env.items() if key != "TOKGATE_ADDR"}
    assert _ok(_run(["node", "started.mjs"], installed, env)) == "true\n"


def test_a_misspelt_method_fails_to_type_check(installed: Path, node_env: dict[str, str]) -> None:
    (installed / "right.ts").write_text(TYPED_CALL.format(method="getUser"))
    (installed / "typo.ts").write_text(TYPED_CALL.format(method="getUsr"))
    tsc = [
        str(installed / "node_modules" / ".bin" / "tsc"),
        *("--noEmit", "--strict", "--skipLibCheck", "--types", "node", "--target", "es2022"),
        *("--module", "nodenext", "--moduleResolution", "nodenext", "right.ts", "typo.ts"),
    ]
    result = _run(tsc, installed, node_env)
    errors = [line for line in result.stdout.splitlines() if ": error TS" in line]
    assert result.returncode != 0
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith("typo.ts(5,")
    assert (
        "Property 'getUsr' does not exist" in errors[0] and "Did you mean 'getUser'?" in errors[0]
    )

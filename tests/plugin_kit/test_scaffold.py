"""``tokgate plugins new``: the package it writes installs, and its own tests pass as generated,
in a scratch venv that sees tokgate's installation (as an author's venv would) and nothing of
this test run; a plugin outside the supported hook versions is refused there, with the reason."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from tokgate.cli import main
from tokgate.plugin_kit.corpus import load
from tokgate.plugin_kit.scaffold import ScaffoldError, scaffold
from tokgate.testing import child_env

TIMEOUT = 120


@dataclass(frozen=True)
class ScratchVenv:
    python: Path
    site_packages: Path  # its own, where the plugins are installed
    packages: Path  # where the scaffolded packages were written

    def run(self, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.python), *argv],
            cwd=cwd,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )


def _new(name: str, parent: Path) -> Path:
    """``tokgate plugins new NAME`` through the command line."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["plugins", "new", name, "--directory", str(parent)]) == 0
    root = parent / f"tokgate-{name.replace('_', '-')}"
    assert f"created {root}" in out.getvalue()
    return root


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> ScratchVenv:
    """A venv without pip whose site-packages adds this interpreter's (a .pth: tokgate,
    pytest and setuptools are there in seconds), with two scaffolded plugins installed by
    pip: ``quota_guard`` as generated, ``too_new`` declaring hooks tokgate does not have."""
    root = tmp_path_factory.mktemp("plugin-kit")
    venv.EnvBuilder(with_pip=False).create(root / "venv")
    python = root / "venv" / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    shared = sysconfig.get_paths()["purelib"]
    (purelib / "tokgate_dev.pth").write_text(f"import site; site.addsitedir({shared!r})\n")
    packages = root / "packages"
    guard = _new("quota_guard", packages)
    too_new = _new("too_new", packages)
    module = too_new / "tokgate_too_new" / "plugin.py"
    module.write_text(module.read_text().replace('">=1.0,<2"', '">=99.0"'))
    scratch = ScratchVenv(python, purelib, packages)
    install = scratch.run(
        "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", str(guard), str(too_new)
    )
    assert install.returncode == 0, install.stderr
    return scratch


def test_the_scaffolded_package_passes_its_own_tests(scratch: ScratchVenv) -> None:
    """Its four tests, and one more per error corpus case (``tokgate_corpus_case``)."""
    package = scratch.packages / "tokgate-quota-guard"
    done = scratch.run("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=package)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{4 + len(load())} passed" in done.stdout


def test_the_installed_package_passes_the_check(scratch: ScratchVenv) -> None:
    """The path docs/plugins.md walks: new, its tests, installed, then ``plugins check``."""
    done = scratch.run("-m", "tokgate", "plugins", "check", "tokgate-quota-guard")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "hooks: tokgate_classify_error, tokgate_enrich_error" in done.stdout
    assert done.stdout.rstrip().endswith("OK: no violations")


def test_the_package_has_every_part_and_is_lint_clean(tmp_path: Path) -> None:
    package = scaffold("quota_guard", tmp_path)
    assert sorted(p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()) == [
        "README.md",
        "pyproject.toml",
        "tests/test_plugin.py",
        "tokgate_quota_guard/__init__.py",
        "tokgate_quota_guard/plugin.py",
        "tokgate_quota_guard/py.typed",
    ]
    ruff = str(Path(sys.executable).parent / "ruff")
    for check in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [ruff, *check, "--no-cache", str(package)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout


def test_a_plugin_outside_the_hook_versions_is_refused_with_the_reason(
    scratch: ScratchVenv, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process (importing TikTokLive again in a child costs seconds), with the scratch
    venv's plugins on sys.path: ``tokgate plugins`` and ``tokgate serve`` both refuse."""
    reason = (
        "plugin 'too_new' supports tokgate hooks >=99.0, but this tokgate's are 1.0 "
        "(docs/plugins.md, Compatibility)"
    )
    monkeypatch.syspath_prepend(str(scratch.site_packages))
    assert main(["plugins"]) == 1
    assert reason in capsys.readouterr().err
    assert main(["serve", "--listen", "127.0.0.1:0"]) == 2
    assert reason in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "problem"),
    [("Quota!", "is not a plugin name"), ("2fast", "is not a plugin name")],
)
def test_a_bad_name_is_refused(tmp_path: Path, name: str, problem: str) -> None:
    with pytest.raises(ScaffoldError, match=problem):
        scaffold(name, tmp_path)


def test_an_existing_directory_is_not_overwritten(tmp_path: Path) -> None:
    scaffold("quota_guard", tmp_path)
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold("quota-guard", tmp_path)

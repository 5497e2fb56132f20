"""The cookbook's plugins (plugins/cookbook/): each installs as a package, its own tests,
written with the kit, pass against the installed copy, as its author's CI would run them, and
``tokgate plugins check`` finds no violation in it.

One pip call installs every recipe into a scratch directory (``--target``: this venv is left
alone) and one pytest process runs their tests with that directory on ``PYTHONPATH``: the
built-ins (TikTokLive, TikTokApi) are imported once instead of once per package, which is
most of the time a run takes. Their JUnit report says how many tests of each package ran.
The check runs in this process, where the built-ins are imported already."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from tokgate.cli import main
from tokgate.testing import child_env, free_port

COOKBOOK = Path(__file__).parents[2] / "plugins" / "cookbook"
#: Every recipe: a directory of plugins/cookbook with a pyproject.toml; its entry point has
#: the directory's name.
PACKAGES = tuple(sorted(p.parent.name for p in COOKBOOK.glob("*/pyproject.toml")))
TIMEOUT = 240
RUNBOOKS = 'base_url = "https://runbooks.example.com/"\n[kinds]\nRATE_LIMIT = "rate-limits"\n'


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch directory: ``sources/`` (copies: a build writes build/ and *.egg-info next to
    its package) and ``site/``, where pip installed every recipe."""
    root = tmp_path_factory.mktemp("cookbook")
    for package in PACKAGES:
        shutil.copytree(
            COOKBOOK / package,
            root / "sources" / package,
            ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"),
        )
    pip = ["-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    sources = [str(root / "sources" / package) for package in PACKAGES]
    install = _run([*pip, "--target", str(root / "site"), *sources], root, child_env())
    assert install.returncode == 0, install.stderr
    return root


def test_every_recipe_is_listed_in_the_index() -> None:
    index = (COOKBOOK / "README.md").read_text()
    assert len(PACKAGES) >= 3
    for package in PACKAGES:
        assert f"]({package}/)" in index, f"plugins/cookbook/README.md does not link {package}"


def test_each_package_passes_its_own_tests(installed: Path) -> None:
    report = installed / "report.xml"
    tests = [f"{package}/tests" for package in PACKAGES]
    done = _run(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *tests],
        installed / "sources",
        child_env({"PYTHONPATH": str(installed / "site")}),
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    ran: Counter[str] = Counter()
    for case in ElementTree.parse(report).iter("testcase"):
        assert case.find("skipped") is None, case.get("name")
        ran[str(case.get("classname")).rsplit(".", 1)[-1].removeprefix("test_")] += 1
    assert set(ran) == set(PACKAGES)
    assert min(ran.values()) >= 5, ran


@pytest.mark.parametrize("package", PACKAGES)
def test_each_plugin_passes_the_check(
    installed: Path,
    package: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``tokgate plugins check`` over the whole corpus, configured as its README says (the
    notifier's webhook is down: its failures must still be no violation)."""
    (installed / "runbooks.toml").write_text(RUNBOOKS)
    monkeypatch.setenv("RUNBOOK_LINKS_FILE", str(installed / "runbooks.toml"))
    monkeypatch.setenv("WEBHOOK_NOTIFIER_URL", f"http://127.0.0.1:{free_port()}/hook")
    monkeypatch.setenv("WEBHOOK_NOTIFIER_TIMEOUT", "0.2")
    monkeypatch.syspath_prepend(str(installed / "site"))
    code = main(["plugins", "check", package])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "OK: no violations" in out

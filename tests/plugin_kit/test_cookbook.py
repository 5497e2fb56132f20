"""The cookbook's plugins (plugins/cookbook/): each installs as a package, and its own tests,
written with the kit, pass against the installed copy, as its author's CI would run them.

One pip call installs the three into a scratch directory (``--target``: this venv is left
alone) and one pytest process runs their tests with that directory on ``PYTHONPATH``: the
built-ins (TikTokLive, TikTokApi) are imported once instead of once per package, which is
most of the time a run takes. Their JUnit report says how many tests of each package ran."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from tokgate.testing import child_env

COOKBOOK = Path(__file__).parents[2] / "plugins" / "cookbook"
#: Every recipe: a directory of plugins/cookbook with a pyproject.toml.
PACKAGES = tuple(sorted(p.parent.name for p in COOKBOOK.glob("*/pyproject.toml")))
TIMEOUT = 240


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


def test_every_recipe_is_listed_in_the_index() -> None:
    index = (COOKBOOK / "README.md").read_text()
    assert len(PACKAGES) >= 2
    for package in PACKAGES:
        assert f"]({package}/)" in index, f"plugins/cookbook/README.md does not link {package}"


def test_each_package_installs_and_passes_its_own_tests(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    for package in PACKAGES:  # a copy: the build writes build/ and *.egg-info next to it
        shutil.copytree(
            COOKBOOK / package,
            sources / package,
            ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"),
        )
    site = tmp_path / "site"
    env = child_env()
    install = _run(
        ["-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(site)]
        + [str(sources / package) for package in PACKAGES],
        tmp_path,
        env,
    )
    assert install.returncode == 0, install.stderr
    report = tmp_path / "report.xml"
    tests = [f"{package}/tests" for package in PACKAGES]
    done = _run(
        ["-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *tests],
        sources,
        {**env, "PYTHONPATH": str(site)},
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    ran: Counter[str] = Counter()
    for case in ElementTree.parse(report).iter("testcase"):
        assert case.find("skipped") is None, case.get("name")
        ran[str(case.get("classname")).rsplit(".", 1)[-1].removeprefix("test_")] += 1
    assert set(ran) == set(PACKAGES)
    assert min(ran.values()) >= 5, ran

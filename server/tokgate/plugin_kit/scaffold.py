"""``tokgate plugins new NAME``: a ready plugin package, from the templates next to this file.

The package is what docs/plugins.md describes: a pyproject with the ``tokgate`` entry point,
the plugin module (one classify and one enrich hook, the supported hook versions declared),
tests that run it through the real pipeline with the kit, and a README. Its tests pass as
generated, and its code is ruff- and mypy-clean.
"""

from __future__ import annotations

import re
import string
from importlib import resources
from pathlib import Path

from tokgate.errors.hookspecs import HOOKS_VERSION

_NAME = re.compile(r"[a-z][a-z0-9_-]*")
#: template -> path in the package; ``$package`` is the import name.
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "__init__.py.tmpl": "$package/__init__.py",
    "plugin.py.tmpl": "$package/plugin.py",
    "test_plugin.py.tmpl": "tests/test_plugin.py",
}


class ScaffoldError(ValueError):
    """The package cannot be made (a bad name, a directory in the way)."""


def names(name: str) -> dict[str, str]:
    """The plugin's names: for tokgate (entry point), pip (distribution), Python (package)."""
    if not _NAME.fullmatch(name):
        raise ScaffoldError(
            f"{name!r} is not a plugin name: lower-case letters, digits, '_' and '-', "
            "starting with a letter (e.g. quota_guard)"
        )
    snake = name.replace("-", "_").removeprefix("tokgate_")
    major = HOOKS_VERSION.split(".")[0]
    return {
        "name": snake,
        "distribution": "tokgate-" + snake.replace("_", "-"),
        "package": "tokgate_" + snake,
        "supported": f">={HOOKS_VERSION},<{int(major) + 1}",
    }


def scaffold(name: str, parent: Path) -> Path:
    """Write the package for plugin ``name`` into a new directory under ``parent``."""
    values = names(name)
    root = parent / values["distribution"]
    if root.exists():
        raise ScaffoldError(f"{root} already exists; choose another name or directory")
    templates = resources.files(__package__) / "templates"
    for template, target in FILES.items():
        path = root / string.Template(target).substitute(values)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = (templates / template).read_text(encoding="utf-8")
        path.write_text(string.Template(text).substitute(values), encoding="utf-8")
    (root / values["package"] / "py.typed").touch()
    return root

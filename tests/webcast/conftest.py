"""The webcast frame builder (webcast_frames.py), loaded by path since tests/ is not a package."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest


def load_webcast_frames() -> ModuleType:
    """Import tests/webcast/webcast_frames.py once (the bench loads it the same way)."""
    name = "tokgate_test_webcast_frames"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("webcast_frames.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def webcast_frames() -> ModuleType:
    return load_webcast_frames()

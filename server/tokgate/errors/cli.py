"""Placeholder for `tokgate plugins` until its owner replaces this module."""

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("plugins", help="(not built yet)")
    parser.set_defaults(handler=_not_built)


def _not_built(args: argparse.Namespace) -> int:
    print("tokgate plugins is not built yet")
    return 2

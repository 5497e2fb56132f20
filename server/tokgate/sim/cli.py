"""Placeholder for `tokgate sim` until its owner replaces this module."""

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("sim", help="(not built yet)")
    parser.set_defaults(handler=lambda args: _not_built(args))


def _not_built(args: argparse.Namespace) -> int:
    print("tokgate sim is not built yet")
    return 2

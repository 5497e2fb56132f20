"""The ``tokgate`` command: ``serve | config | sim | demo | watch | user | plugins | hash-key``.

Each subcommand lives in the module that owns its concern; that module's ``register``
adds its parser (keeping heavy imports inside the handler, so ``tokgate --help`` is quick)
and sets ``handler``, a function of the parsed arguments returning the exit code.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from tokgate import __version__

# (module, what it provides); each module defines register(subparsers).
COMMAND_MODULES = (
    "tokgate.app",  # serve
    "tokgate.config_show",  # config show
    "tokgate.sim.cli",  # sim
    "tokgate.demo",  # demo
    "tokgate.console.watch",  # watch
    "tokgate.console.user",  # user
    "tokgate.errors.cli",  # plugins
    "tokgate.security",  # hash-key
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tokgate", description="A gRPC gateway to TikTok LIVE events and TikTok data."
    )
    parser.add_argument("--version", action="version", version=f"tokgate {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))

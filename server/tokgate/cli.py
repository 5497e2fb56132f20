"""The ``tokgate`` command: ``serve | config | sim | demo | watch | user | plugins | hash-key |
token``.

Each subcommand lives in the module that owns its concern; that module's ``register``
adds its parser (keeping heavy imports inside the handler, so ``tokgate --help`` is quick)
and sets ``handler``, a function of the parsed arguments returning the exit code.

What a person does at a terminal ends quietly with the shell's conventional codes: Ctrl-C
130 (128 + SIGINT), a reader that went away (``tokgate watch @x | head``) 141 (128 +
SIGPIPE, what ``cat`` killed by the signal reports, so ``set -o pipefail`` scripts see
tokgate as any other command), a wrong flag 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from tokgate.versions import version_text

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141

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
    "tokgate.token_cli",  # token
)

# ``literal`` in the modules' docstrings, which double as their commands' descriptions.
_RST_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)


class CommandParser(argparse.ArgumentParser):
    """An argument parser (subcommands' too) whose usage errors are one line and exit 2, and
    whose help shows reStructuredText literals as plain text."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")

    def format_help(self) -> str:
        return _RST_LITERAL.sub(r"\1", super().format_help())


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="tokgate", description="A gRPC gateway to TikTok LIVE events and TikTok data."
    )
    parser.add_argument("--version", action="version", version=version_text())
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python flushes stdout once more at exit and would report the same broken pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE_CLOSED

"""The flags that say which tokgate ``watch`` and ``user`` talk to, and with what key.

Each takes its flag, else its variable (``TOKGATE_ADDR``, which the Go sample and the tests
read too; ``TOKGATE_API_KEY``), else the default: the precedence of every tokgate setting.
"""

from __future__ import annotations

import argparse
import os

DEFAULT_ADDRESS = "127.0.0.1:50051"
ADDRESS_VARIABLE = "TOKGATE_ADDR"
API_KEY_VARIABLE = "TOKGATE_API_KEY"


def add_connection_flags(parser: argparse.ArgumentParser) -> None:
    """``--address`` and ``--api-key``, defaulting to their variables."""
    parser.add_argument(
        "--address",
        default=os.environ.get(ADDRESS_VARIABLE) or DEFAULT_ADDRESS,
        help=f"tokgate's gRPC address (env {ADDRESS_VARIABLE}; default {DEFAULT_ADDRESS})",
    )
    parser.add_argument(
        "--api-key",
        default=os.environ.get(API_KEY_VARIABLE),
        help=f"API key (env {API_KEY_VARIABLE})",
    )

"""``tokgate config show``: the effective settings, each with where its value came from.

It takes the same flags as ``tokgate serve`` and reads the same environment and config
file, so ``tokgate config show ARGS`` answers "what would ``tokgate serve ARGS`` run with?".
Credentials print as ``(set)`` or ``(none)``, never their value.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

EXIT_CONFIG = 2


@dataclasses.dataclass(frozen=True)
class _Row:
    name: str
    value: str
    source: str
    reloadable: bool


def register(subparsers: Any) -> None:
    from tokgate.config_sources import add_flags

    parser = subparsers.add_parser(
        "config",
        help="show the effective settings and where each came from",
        description="Settings come from flags, then TOKGATE_* variables, then the TOML file "
        "named by --config / TOKGATE_CONFIG, then the defaults (docs/configuration.md).",
    )
    actions = parser.add_subparsers(dest="config_action", required=True, metavar="ACTION")
    show = actions.add_parser(
        "show",
        help="print every setting, its value (credentials masked) and its source",
        description="Print the settings `tokgate serve` would run with, given the same "
        "flags, environment and config file. Exit code 2 when they are invalid.",
    )
    show.add_argument("--json", action="store_true", help="one JSON object per setting")
    add_flags(show)
    show.set_defaults(handler=_show)


def _show(args: argparse.Namespace) -> int:
    from tokgate.config import Settings, is_reloadable
    from tokgate.config_sources import SettingsError, resolve, show_value

    try:
        resolved = resolve(args)
    except SettingsError as exc:
        print(f"tokgate config: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    rows = [
        _Row(
            name,
            show_value(resolved.settings, name),
            str(resolved.origins[name]),
            is_reloadable(info),
        )
        for name, info in Settings.model_fields.items()
    ]
    if args.json:
        for row in rows:
            print(json.dumps(dataclasses.asdict(row)))
        return 0
    width = max(len(row.name) for row in rows)
    value_width = min(40, max(len(row.value) for row in rows))
    for row in rows:
        source = row.source + (" (reloadable)" if row.reloadable else "")
        print(f"{row.name:<{width}}  {row.value:<{value_width}}  {source}")
    return 0
    width = max(len(row["name"]) for row in rows)
    value_width = min(40, max(len(str(row["value"])) for row in rows))
    for row in rows:
        reload_mark = " (reloadable)" if row["reloadable"] else ""
        print(
            f"{row['name']:<{width}}  {row['value']!s:<{value_width}}  {row['source']}{reload_mark}"
        )
    return 0

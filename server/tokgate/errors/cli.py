"""``tokgate plugins``: the error plugins this installation would load, and their state;
``tokgate plugins new NAME``: a new plugin package (``tokgate.plugin_kit.scaffold``);
``tokgate plugins check PLUGIN``: a plugin run through the error corpus
(``tokgate.plugin_kit.check``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plugins",
        help="list error plugins (built-in and installed), their versions, hooks and state",
        description="List the error plugins tokgate loads with the current settings "
        "(TOKGATE_PLUGINS / TOKGATE_DISABLE_PLUGINS apply).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (one object per plugin)")
    from tokgate.config_sources import add_flags

    add_flags(parser, "plugins")
    parser.set_defaults(handler=run)
    commands = parser.add_subparsers(title="commands", metavar="{new,check}")
    new = commands.add_parser(
        "new",
        help="write a new plugin package: pyproject, plugin module, tests, README",
        description="Write a ready plugin package into DIRECTORY/tokgate-NAME: its tests "
        "pass as generated (pip install -e it, then run pytest in it).",
    )
    new.add_argument("name", metavar="NAME", help="the plugin's name, e.g. quota_guard")
    new.add_argument(
        "--directory", type=Path, default=Path(), help="where to create it (default: here)"
    )
    new.set_defaults(handler=run_new)
    check = commands.add_parser(
        "check",
        help="run a plugin through every failure of the error corpus; exit 1 on violations",
        description="Load PLUGIN alone beside the built-ins and report every corpus case "
        "through it: the kinds it changes, its slowest calls against the budget, its "
        "exceptions, invalid and late answers, and misspelt hooks. Exits 1 on a violation.",
    )
    check.add_argument(
        "target",
        metavar="PLUGIN",
        help="an installed plugin's name, its distribution's name, or a module to import",
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--corpus", type=Path, default=None, help="another corpus file (default: tokgate's own)"
    )
    check.set_defaults(handler=run_check)


def run_new(args: argparse.Namespace) -> int:
    from tokgate.plugin_kit.scaffold import ScaffoldError, scaffold

    try:
        root = scaffold(args.name, args.directory)
    except ScaffoldError as exc:
        print(f"tokgate plugins new: {exc}", file=sys.stderr)
        return 2
    print(f"created {root}; next: pip install -e {root} && pytest {root}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from tokgate.plugin_kit import check, corpus

    try:
        cases = corpus.load(args.corpus or corpus.CORPUS_FILE)
        try:
            cases.check_current()
        except corpus.StaleCorpusError as stale:  # still the best cases there are: say so
            print(f"tokgate plugins check: warning: {stale}", file=sys.stderr)
        report = check.run(args.target, cases)
    except (check.TargetNotFoundError, corpus.StaleCorpusError, OSError) as exc:
        print(f"tokgate plugins check: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_json(), indent=2) if args.json else check.render(report))
    return 1 if report.violations else 0


def run(args: argparse.Namespace) -> int:
    from google.protobuf import json_format

    from tokgate.config_sources import SettingsError, resolve
    from tokgate.errors.manager import PluginLoadError, PluginManager
    from tokgate.v1 import admin_pb2

    try:
        settings = resolve(args).settings
    except SettingsError as exc:
        print(f"tokgate plugins: {exc}", file=sys.stderr)
        return 2
    try:
        manager = PluginManager.load(settings)
    except PluginLoadError as exc:
        print(f"tokgate: {exc}", file=sys.stderr)
        return 1
    plugins = manager.plugins()
    if args.json:
        rows = [
            # snake_case keys (the proto's field names), as the rest of tokgate's JSON.
            json_format.MessageToDict(
                p, always_print_fields_with_no_presence=True, preserving_proto_field_name=True
            )
            for p in plugins
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for plugin in plugins:
        state = admin_pb2.PluginState.Name(plugin.state).removeprefix("PLUGIN_STATE_").lower()
        origin = "built-in" if plugin.builtin else f"from {plugin.distribution or '?'}"
        print(f"{plugin.name} {plugin.version} [{state}] ({origin})")
        if plugin.hooks:
            print(f"    hooks: {', '.join(plugin.hooks)}")
        if plugin.disabled_reason:
            print(f"    {plugin.disabled_reason}")
    return 0

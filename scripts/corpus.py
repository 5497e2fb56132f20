"""Write the error corpus (server/tokgate/plugin_kit/corpus.json; docs/plugins.md, "The error
corpus"): ``merge DIR...`` from what the test servers recorded (``make corpus``), or
``refresh`` the built-ins' answers of the cases it has (``make corpus-refresh``)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from tokgate.plugin_kit.corpus import CORPUS_FILE, build, recorded, refreshed, write
from tokgate.plugin_kit.recorder import RECORD_VARIABLE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    merge = commands.add_parser("merge", help="write the corpus from recorded directories")
    merge.add_argument("directories", nargs="+", type=Path)
    commands.add_parser("refresh", help="recompute the built-ins' answers of the corpus")
    args = parser.parse_args()
    if args.command == "merge":
        data = asyncio.run(build(recorded(args.directories)))
        if not data["cases"]:
            print(f"no recorded failures: run the tests with {RECORD_VARIABLE}", file=sys.stderr)
            return 1
    else:
        data = asyncio.run(refreshed(json.loads(CORPUS_FILE.read_text(encoding="utf-8"))))
    write(data)
    print(f"{CORPUS_FILE}: {len(data['cases'])} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())

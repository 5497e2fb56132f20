#!/usr/bin/env bash
# Generates Python for the derived webcast protos (protos/webcast/, from TikTokLive's schema by
# scripts/derive_webcast_protos.py) into $1/server/tokgate/webcast/ (default: the repo).
# scripts/generate_protos.sh calls it, so `make protos` and `make protos-check` cover it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo}"
python="${PYTHON:-$repo/.venv/bin/python}"

rm -rf "$out/server/tokgate/webcast"
mkdir -p "$out/server/tokgate/webcast"
# -I protos makes the files webcast/*.proto, so the modules land in tokgate/webcast/.
"$python" -m grpc_tools.protoc -I "$repo/protos" \
  --python_out="$out/server/tokgate" --pyi_out="$out/server/tokgate" \
  "$repo"/protos/webcast/*.proto
printf '"""Generated from protos/webcast (derived from TikTokLiveProto) by `make protos`. Do not edit."""\n' \
  >"$out/server/tokgate/webcast/__init__.py"
touch "$out/server/tokgate/webcast/py.typed"

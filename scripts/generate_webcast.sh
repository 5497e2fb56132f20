#!/usr/bin/env bash
# Generates Python for the derived webcast schema (protos/webcast/v1alpha/, from TikTokLive's
# schema by scripts/derive_webcast_protos.py) into $1/clients/python/tokgate/webcast/v1alpha/
# (shipped by tokgate-client, whose tokgate_client.webcast decodes them; default: the repo).
# scripts/generate_protos.sh calls it, so `make protos` and `make protos-check` cover it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo}"
python="${PYTHON:-$repo/.venv/bin/python}"

rm -rf "$out/clients/python/tokgate/webcast"
mkdir -p "$out/clients/python/tokgate/webcast/v1alpha"
# -I protos makes the file webcast/v1alpha/webcast.proto, so the module lands in
# tokgate/webcast/v1alpha/.
"$python" -m grpc_tools.protoc -I "$repo/protos" \
  --python_out="$out/clients/python/tokgate" --pyi_out="$out/clients/python/tokgate" \
  "$repo"/protos/webcast/v1alpha/*.proto
for package in webcast webcast/v1alpha; do
  printf '"""Generated from protos/webcast/v1alpha (derived from TikTokLiveProto, unstable) by `make protos`. Do not edit."""\n' \
    >"$out/clients/python/tokgate/$package/__init__.py"
done
touch "$out/clients/python/tokgate/webcast/py.typed"

#!/usr/bin/env bash
# Generates every stub from protos/ into the tree rooted at $1 (default: the repo).
# `make protos` runs it in place; `make protos-check` runs it into a scratch copy and
# diffs, so committed stubs never drift from the .proto files.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo}"
python="${PYTHON:-$repo/.venv/bin/python}"
export PATH="$(dirname "$python"):$repo/.tools/bin:$PATH"
wkt="$("$python" -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')"

# The contract: Python messages, gRPC stubs and mypy type stubs in clients/python/tokgate/v1/,
# shipped by the tokgate-client distribution (the server depends on it for them).
python_client="$out/clients/python"
rm -rf "$python_client/tokgate/v1"
mkdir -p "$python_client/tokgate/v1"
"$python" -m grpc_tools.protoc -I "$repo/protos" -I "$wkt" \
  --python_out="$python_client" --grpc_python_out="$python_client" \
  --mypy_out="$python_client" --mypy_grpc_out="$python_client" \
  "$repo"/protos/tokgate/v1/*.proto 2>&1 | { grep -v "^Writing mypy" || true; }
printf '"""Generated from protos/tokgate/v1 by `make protos`. Do not edit."""\n' \
  >"$python_client/tokgate/v1/__init__.py"
touch "$python_client/tokgate/v1/py.typed"

# TikTok's webcast messages (derived from TikTokLive's schema) in clients/python/tokgate/webcast/.
"$repo/scripts/generate_webcast.sh" "$out"

# The Go client's stubs in clients/go/gen/ (buf + protoc-gen-go[-grpc] from `make go-tools`).
"$repo/scripts/generate_go.sh" "$out"

# The Node client's code in clients/node/gen/ (buf + protoc-gen-es from `make node-deps`).
"$repo/scripts/generate_node.sh" "$out"

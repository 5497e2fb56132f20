#!/usr/bin/env bash
# Generates one client's code for protos/tokgate/v1 (the contract) and protos/webcast/v1alpha
# (TikTok's webcast wire, derived, unstable; for the clients' OtherEvent decoders) with buf:
#   scripts/buf_generate_client.sh <buf.gen.yaml template> <output dir>
# generate_go.sh and generate_node.sh call it; BUF overrides the buf binary, and the caller puts
# the template's plugins on PATH (or names them by path in the template).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
buf="${BUF:-$repo/.venv/bin/buf}"
template="$1"
output="$2"
# protos/buf.yaml keeps webcast/ out of the contract's module; this module holds only it.
webcast_module='{"version": "v2", "modules": [{"path": "protos", "includes": ["protos/webcast"]}]}'

cd "$repo"
"$buf" generate protos --path protos/tokgate/v1 --template "$template" --output "$output"
"$buf" generate . --config "$webcast_module" --path protos/webcast/v1alpha \
  --template "$template" --output "$output"

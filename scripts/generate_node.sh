#!/usr/bin/env bash
# Generates the Node client's code (protobuf-es: messages, enums and service descriptors,
# JavaScript + .d.ts) into $1/clients/node/gen (default: the repo), with buf and
# clients/node/buf.gen.yaml: protos/tokgate/v1, protos/webcast/v1alpha (TikTok's webcast wire,
# derived, unstable; for decodeOther), and google/rpc/error_details.proto (vendored in
# clients/node/third_party) for ErrorInfo and RetryInfo. protoc-gen-es comes from
# clients/node/node_modules (`make node-deps` installs it, pinned in package.json).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo}"
buf="${BUF:-$repo/.venv/bin/buf}"
plugin="$repo/clients/node/node_modules/.bin/protoc-gen-es"
test -x "$plugin" || { echo "$plugin is missing: run 'make node-deps'" >&2; exit 1; }

rm -rf "$out/clients/node/gen"
mkdir -p "$out/clients/node"
"$repo/scripts/buf_generate_client.sh" clients/node/buf.gen.yaml "$out/clients/node"
cd "$repo"
"$buf" generate clients/node/third_party \
  --template clients/node/buf.gen.yaml --output "$out/clients/node"

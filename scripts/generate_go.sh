#!/usr/bin/env bash
# Generates the Go stubs of protos/tokgate/v1 (the contract) and protos/webcast/v1alpha (TikTok's
# webcast wire, derived, unstable; for tokgate.DecodeOther) into $1/clients/go/gen (default: the
# repo), with buf and clients/go/buf.gen.yaml. protoc-gen-go and protoc-gen-go-grpc come from
# .tools/bin (`make go-tools` installs them, pinned, from the Go module proxy).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo}"
buf="${BUF:-$repo/.venv/bin/buf}"
export PATH="$repo/.tools/bin:$PATH"
# protos/buf.yaml keeps webcast/ out of the contract's module; this module holds only it.
webcast_module='{"version": "v2", "modules": [{"path": "protos", "includes": ["protos/webcast"]}]}'

rm -rf "$out/clients/go/gen"
mkdir -p "$out/clients/go"
cd "$repo"
"$buf" generate protos --path protos/tokgate/v1 \
  --template clients/go/buf.gen.yaml --output "$out/clients/go"
"$buf" generate . --config "$webcast_module" --path protos/webcast/v1alpha \
  --template clients/go/buf.gen.yaml --output "$out/clients/go"

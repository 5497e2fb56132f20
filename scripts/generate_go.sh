#!/usr/bin/env bash
# Generates the Go stubs of protos/tokgate/v1 (the contract) and protos/webcast/v1alpha (TikTok's
# webcast wire, derived, unstable; for tokgate.DecodeOther) into $1/clients/go/gen (default: the
# repo), with buf and clients/go/buf.gen.yaml. protoc-gen-go and protoc-gen-go-grpc come from
# .tools/bin (`make go-tools` installs them, pinned, from the Go module proxy).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo}"
export PATH="$repo/.tools/bin:$PATH"

rm -rf "$out/clients/go/gen"
mkdir -p "$out/clients/go"
"$repo/scripts/buf_generate_client.sh" clients/go/buf.gen.yaml "$out/clients/go"

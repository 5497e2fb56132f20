#!/bin/sh
# The container's healthcheck: grpc-health-probe asks grpc.health.v1 on the gRPC port tokgate
# listens on, over TLS when tokgate serves TLS. It reads the settings tokgate reads from the
# environment: TOKGATE_LISTEN (a wildcard host is asked on 127.0.0.1) and TOKGATE_TLS_CERT
# (set: TLS, trusting that certificate, for the name "localhost"). TOKGATE_HEALTHCHECK_CA,
# TOKGATE_HEALTHCHECK_SERVER_NAME and, for mutual TLS, TOKGATE_HEALTHCHECK_CLIENT_CERT and
# TOKGATE_HEALTHCHECK_CLIENT_KEY override what it trusts, the name it checks, and what it
# presents. Health needs no API key. Exits 0 when SERVING.
set -eu
listen="${TOKGATE_LISTEN:-127.0.0.1:50051}"
host="${listen%:*}"
case "$host" in "" | 0.0.0.0 | "[::]") host=127.0.0.1 ;; esac
timeout="${TOKGATE_HEALTHCHECK_TIMEOUT:-2s}"
set -- -addr="$host:${listen##*:}" -connect-timeout="$timeout" -rpc-timeout="$timeout"
if [ -n "${TOKGATE_TLS_CERT:-}" ]; then
  set -- "$@" -tls -tls-ca-cert="${TOKGATE_HEALTHCHECK_CA:-$TOKGATE_TLS_CERT}" \
    -tls-server-name="${TOKGATE_HEALTHCHECK_SERVER_NAME:-localhost}"
  if [ -n "${TOKGATE_HEALTHCHECK_CLIENT_CERT:-}" ]; then
    set -- "$@" -tls-client-cert="$TOKGATE_HEALTHCHECK_CLIENT_CERT" \
      -tls-client-key="${TOKGATE_HEALTHCHECK_CLIENT_KEY:?needed with TOKGATE_HEALTHCHECK_CLIENT_CERT}"
  fi
fi
exec grpc-health-probe "$@"

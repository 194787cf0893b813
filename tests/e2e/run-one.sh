#!/usr/bin/env bash
# Runs some browser test files against a private server and web build, without touching the
# shared web/dist (several people can work at once):
#   tests/e2e/run-one.sh <web dist dir> <test file>...
# Build the web app into your own folder first: (cd web && npx vite build --outDir /tmp/my-dist).
# Needs build/sync-server/invento-server and the wasm (build-wasm) already built.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIST="$(cd "$1" && pwd)"; shift
WORK="$(mktemp -d)"
PORT=0 DATABASE_URL="$WORK/invento.db" WEB_ROOT="$DIST" PASSWORD_HASH_COST=min \
  "$ROOT/build/sync-server/invento-server" serve >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 150); do
  URL="$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$WORK/server.log" | head -1 | cut -d' ' -f3 || true)"
  [ -n "$URL" ] && curl -fs "$URL/api/health" >/dev/null && break
  URL=""; sleep 0.1
done
[ -n "$URL" ] || { cat "$WORK/server.log"; exit 1; }
cd "$HERE" && BASE_URL="$URL" node --test --test-concurrency=1 "$@"

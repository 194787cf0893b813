#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs every test suite:
#   1. C++ unit + integration tests (core and server, real SQLite, real HTTP) through ctest;
#      the server suite again on PostgreSQL ("pg." tests, a throwaway cluster started by ctest);
#   2. the core tests again under AddressSanitizer + UndefinedBehaviorSanitizer, built with
#      clang in build-fuzz together with
#   3. the libFuzzer targets (tests/fuzz, docs/fuzzing.md): committed crash inputs
#      replayed, then a short bounded run of each (FUZZ_SECONDS, default 20 s per target);
#   (the web build in setup.sh type-checks the web app and runs its unit tests, web/test/*.test.ts
#   with node's test runner: npm run build = typecheck, test:unit, vite build);
#   4. the browser end-to-end tests (playwright-core driving Debian's Chromium) against a
#      real server serving the built web app.
# Exits non-zero if anything fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '\033[1;32m[test]\033[0m %s\n' "$*"; }
START=$(date +%s)

bash scripts/setup.sh

log "C++ tests (ctest)"
ctest --test-dir build --output-on-failure -j2 --timeout 300

log "core tests under ASan + UBSan, and the fuzz targets (clang, build-fuzz)"
# One clang build serves both: everything in build-fuzz carries ASan + UBSan (and libFuzzer's
# coverage hooks, inert without the fuzzer), so the core is compiled once for the core tests
# and the five fuzz targets. No CMAKE_BUILD_TYPE: INVENTO_FUZZ sets -O1 and line tables.
FUZZ_START=$(date +%s)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DINVENTO_FUZZ=ON >/dev/null
cmake --build build-fuzz --target core_tests http_request_fuzz json_body_fuzz \
  mutator_args_fuzz pull_cursor_fuzz csv_import_fuzz
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ./build-fuzz/tests/core_tests --gtest_brief=1
# Committed crash inputs replayed, then each target fuzzed FUZZ_SECONDS (default 20 s).
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
log "ASan core tests + fuzz step took $(( $(date +%s) - FUZZ_START )) s"

log "browser end-to-end tests"
E2E_DIR="$(mktemp -d)"
# Any free port (PORT=0): a fixed one could be answered by another server already running
# on this machine, and the tests would silently run against it.
PORT="${E2E_PORT:-0}" DATABASE_URL="$E2E_DIR/invento.db" WEB_ROOT="$ROOT/web/dist" \
  PASSWORD_HASH_COST=min "$ROOT/build/sync-server/invento-server" serve >"$E2E_DIR/server.log" 2>&1 &
SERVER_PID=$!
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
trap cleanup EXIT
E2E_URL=""
for _ in $(seq 1 150); do
  E2E_URL="$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$E2E_DIR/server.log" | head -1 | cut -d' ' -f3 || true)"
  [ -n "$E2E_URL" ] && curl -fs "$E2E_URL/api/health" >/dev/null && break
  E2E_URL=""
  sleep 0.1
done
[ -n "$E2E_URL" ] || { cat "$E2E_DIR/server.log"; exit 1; }
(cd tests/e2e && BASE_URL="$E2E_URL" npm test)

log "all tests passed in $(( $(date +%s) - START )) s"

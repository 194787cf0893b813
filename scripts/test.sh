#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs every test suite:
#   1. C++ unit + integration tests (core and server, real SQLite, real HTTP) through ctest;
#   2. the core tests again under AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the libFuzzer targets (tests/fuzz, clang, ASan + UBSan): committed crash inputs
#      replayed, then a short bounded run of each (FUZZ_SECONDS, default 20 s per target);
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

log "core tests under ASan + UBSan"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DINVENTO_SANITIZE=ON \
  -DINVENTO_BUILD_SERVER=OFF >/dev/null
cmake --build build-asan --target core_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ./build-asan/tests/core_tests --gtest_brief=1

log "fuzz targets (libFuzzer + ASan + UBSan, ${FUZZ_SECONDS:-20} s each)"
FUZZ_START=$(date +%s)
# No CMAKE_BUILD_TYPE: the fuzz flags (-O1, line tables) are set by INVENTO_FUZZ.
cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DINVENTO_FUZZ=ON -DINVENTO_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz --target http_request_fuzz json_body_fuzz mutator_args_fuzz \
  pull_cursor_fuzz csv_import_fuzz
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
log "fuzz step took $(( $(date +%s) - FUZZ_START )) s"

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

#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (docs/fuzzing.md) from build-fuzz: first replays
# every committed regression input (tests/fuzz/regressions/<target>/: crashes found before,
# now fixed), then fuzzes each target, one at a time, for SECONDS seconds from its seed
# corpus (tests/fuzz/corpus/<target>/, copied: the committed corpus is not modified).
#   usage: scripts/fuzz.sh [SECONDS=20] [TARGET...]
# Environment: FUZZ_WORK=<dir> keeps the grown corpora and crash inputs there (default: a
# temporary folder, removed). Exits non-zero on the first crash, leak, timeout or failed
# oracle, printing the input that caused it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-20}"
shift || true
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(http_request_fuzz json_body_fuzz mutator_args_fuzz pull_cursor_fuzz csv_import_fuzz)
WORK="${FUZZ_WORK:-}"
if [ -z "$WORK" ]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

for t in "${TARGETS[@]}"; do
  bin="$ROOT/build-fuzz/tests/fuzz/$t"
  [ -x "$bin" ] || { echo "fuzz: $bin is not built (cmake --build build-fuzz)" >&2; exit 1; }
  dict=()
  [ -f "$ROOT/tests/fuzz/$t.dict" ] && dict=(-dict="$ROOT/tests/fuzz/$t.dict")
  regressions="$ROOT/tests/fuzz/regressions/$t"
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    echo "fuzz: $t replays $(ls "$regressions" | wc -l) regression input(s)"
    "$bin" -runs=0 "$regressions"/* >"$WORK/$t.replay.log" 2>&1 ||
      { tail -40 "$WORK/$t.replay.log"; echo "fuzz: $t crashed on a regression input" >&2; exit 1; }
  fi
  mkdir -p "$WORK/$t/corpus" "$WORK/$t/crashes"
  cp -n "$ROOT/tests/fuzz/corpus/$t"/* "$WORK/$t/corpus/" 2>/dev/null || true
  if ! "$bin" "${dict[@]}" -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$WORK/$t/crashes/" \
      "$WORK/$t/corpus" >"$WORK/$t.log" 2>&1; then
    tail -60 "$WORK/$t.log"
    echo "fuzz: $t FAILED; input: $(ls "$WORK/$t/crashes/"* 2>/dev/null | head -1)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$WORK/$t.log" | grep -o '[0-9]*$' || echo '?')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$WORK/$t.log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -o 'cov: [0-9]*' "$WORK/$t.log" | tail -1 | grep -o '[0-9]*' || echo '?')
  echo "fuzz: $t ok: $runs runs in ${SECONDS_EACH} s ($rate exec/s), coverage $cov edges"
done

#!/usr/bin/env bash
# Installs what is missing (Debian packages, npm packages, the SQLite amalgamation)
# and builds native + wasm + web. Safe to run again: every step is skipped when done.
# Usage: bash scripts/setup.sh [--no-web]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# 1. Debian packages ---------------------------------------------------------
APT_PACKAGES=(build-essential cmake ninja-build pkg-config git curl ca-certificates
  emscripten libboost-dev nlohmann-json3-dev libsodium-dev zlib1g-dev libssl-dev openssl
  libgtest-dev googletest libpq-dev postgresql chromium
  clang-14 libclang-rt-14-dev  # clang + libFuzzer/ASan runtimes: tests/fuzz (docs/fuzzing.md)
  python3)  # tests/tools/core_layers.py and cited_files.py (ctest)
# Node.js may come from elsewhere (e.g. NodeSource, which bundles npm and conflicts with
# Debian's npm package): install Debian's only when the commands are missing.
command -v node >/dev/null || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null || APT_PACKAGES+=(npm)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# 2. SQLite amalgamation from the npm registry, pinned by sha256 -------------
SQLITE_DIR="$ROOT/third_party/sqlite"
SQLITE_PKG="better-sqlite3@12.4.1"
SQLITE_TGZ_SHA="14398acbf00d1e8fe0a2753df7d4f15c13138e4b874f4e6e96791f65b4536d0d"
SQLITE_C_SHA="90b7189566ea710ee18361b25d893f5cda3fcf43033223a16384762f53e99a85"
if ! (cd "$SQLITE_DIR" 2>/dev/null && echo "$SQLITE_C_SHA  sqlite3.c" | sha256sum -c --status); then
  log "fetching SQLite 3.50.4 amalgamation ($SQLITE_PKG from the npm registry)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$SQLITE_PKG" >/dev/null)
  tgz="$(ls "$tmp"/*.tgz)"
  echo "$SQLITE_TGZ_SHA  $tgz" | sha256sum -c --status || { echo "sha256 mismatch for $tgz" >&2; exit 1; }
  tar -xzf "$tgz" -C "$tmp" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
  mkdir -p "$SQLITE_DIR"
  cp "$tmp/package/deps/sqlite3/sqlite3.c" "$tmp/package/deps/sqlite3/sqlite3.h" "$SQLITE_DIR/"
  (cd "$SQLITE_DIR" && echo "$SQLITE_C_SHA  sqlite3.c" | sha256sum -c --status) || { echo "sqlite3.c sha256 mismatch" >&2; exit 1; }
  rm -rf "$tmp"
fi

# 2b. Closure Compiler (native Linux build) from the npm registry, pinned by sha256: the wasm
# build minifies the core's JS loader with it (cmake/wasm_flags.cmake, INVENTO_WASM_CLOSURE;
# -4 KB gzip of first load, docs/benchmarks.md). v20220104 is the release Emscripten 3.1.6
# was built against. Without it the wasm build still works, with a larger loader.
CLOSURE_DIR="$ROOT/third_party/closure"
CLOSURE_PKG="google-closure-compiler-linux@20220104.0.0"
CLOSURE_TGZ_SHA="98d001ba580a56cb84f4d1d88a09b548d8d348a6759548a3f5729c0f2f6839a0"
CLOSURE_BIN_SHA="ba651cd2790ad476684f31813fac34b3cbf7a3d92ad18dd95434e03ad47b0af9"
if [ "$(uname -m)" = x86_64 ] && ! (cd "$CLOSURE_DIR" 2>/dev/null && echo "$CLOSURE_BIN_SHA  compiler" | sha256sum -c --status); then
  log "fetching Closure Compiler ($CLOSURE_PKG from the npm registry)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$CLOSURE_PKG" >/dev/null)
  tgz="$(ls "$tmp"/*.tgz)"
  echo "$CLOSURE_TGZ_SHA  $tgz" | sha256sum -c --status || { echo "sha256 mismatch for $tgz" >&2; exit 1; }
  tar -xzf "$tgz" -C "$tmp" package/compiler
  mkdir -p "$CLOSURE_DIR"
  cp "$tmp/package/compiler" "$CLOSURE_DIR/compiler"
  chmod +x "$CLOSURE_DIR/compiler"
  (cd "$CLOSURE_DIR" && echo "$CLOSURE_BIN_SHA  compiler" | sha256sum -c --status) || { echo "closure compiler sha256 mismatch" >&2; exit 1; }
  rm -rf "$tmp"
fi

# 3. npm packages (lockfiles committed) ---------------------------------------
npm_install() { # dir
  if [ ! -d "$1/node_modules" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    log "npm ci in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install "$ROOT/web"
[ -f "$ROOT/tests/e2e/package.json" ] && npm_install "$ROOT/tests/e2e"

# 4. Native build -------------------------------------------------------------
log "native build ($BUILD_TYPE)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
cmake --build build

# 5. WebAssembly build (same CMake project, separate build directory) ---------
export NODE_PATH=/usr/share/nodejs
if [ ! -f build-wasm/CMakeCache.txt ]; then
  log "configuring wasm build"
  emcmake cmake -S . -B build-wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
log "wasm build"
cmake --build build-wasm --target invento_core_wasm

# 6. Web app ------------------------------------------------------------------
log "web build"
(cd web && npm run --silent build)
log "done"

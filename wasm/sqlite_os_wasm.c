/* SQLite's operating-system layer in the WebAssembly build (compiled into the sqlite3
 * library only under Emscripten, with SQLITE_OS_OTHER=1: cmake/sqlite.cmake).
 *
 * Why: the browser build links with -sFILESYSTEM=0 (no Emscripten file system in the
 * loader: docs/benchmarks.md, "First-load size"). SQLite's unix VFS would then loop
 * forever opening /dev/urandom (file syscalls become no-ops returning 0), and its code
 * (locking, mmap, shared memory) is dead weight here anyway.
 *
 * The default VFS "wasm" below provides only what SQLite and the OPFS VFS
 * (wasm/opfs_sah_pool.cc, which delegates randomness, sleep and time to the default VFS)
 * need: randomness from crypto.getRandomValues() (getentropy), the time from Date.now(),
 * sleep. It has no files: ":memory:" databases need none (SQLITE_TEMP_STORE=2 keeps their
 * temporary tables, indices and sorts in memory too), and files live in OPFS through the
 * "opfs-sahpool" VFS. Opening a file path with this VFS fails with SQLITE_CANTOPEN. */
#define _GNU_SOURCE 1 /* getentropy, usleep */
#include <emscripten/html5.h>
#include <string.h>
#include <unistd.h>

#include "sqlite3.h"

static int WasmOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                    int* out_flags) {
  (void)vfs; (void)name; (void)flags; (void)out_flags;
  file->pMethods = 0;
  return SQLITE_CANTOPEN;
}

static int WasmDelete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  (void)vfs; (void)name; (void)sync_dir;
  return SQLITE_IOERR_DELETE_NOENT;
}

static int WasmAccess(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  (void)vfs; (void)name; (void)flags;
  *out = 0;
  return SQLITE_OK;
}

static int WasmFullPathname(sqlite3_vfs* vfs, const char* name, int n_out, char* out) {
  (void)vfs;
  size_t n = strlen(name);
  if (n >= (size_t)n_out) return SQLITE_CANTOPEN;
  memcpy(out, name, n + 1);
  return SQLITE_OK;
}

static int WasmRandomness(sqlite3_vfs* vfs, int n, char* out) {
  (void)vfs;
  int done = 0;
  while (done < n) {  /* getentropy() gives at most 256 bytes per call */
    int chunk = n - done > 256 ? 256 : n - done;
    if (getentropy(out + done, (size_t)chunk) != 0) break;
    done += chunk;
  }
  if (done < n) memset(out + done, 0, (size_t)(n - done));
  return n;
}

static int WasmSleep(sqlite3_vfs* vfs, int microseconds) {
  (void)vfs;
  usleep((useconds_t)microseconds);
  return microseconds;
}

/* Julian day number in milliseconds, as SQLite's xCurrentTimeInt64 wants it. */
static int WasmCurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  (void)vfs;
  static const sqlite3_int64 kUnixEpochJulianMs = 24405875 * (sqlite3_int64)8640000;
  *out = kUnixEpochJulianMs + (sqlite3_int64)emscripten_date_now();
  return SQLITE_OK;
}

static int WasmCurrentTime(sqlite3_vfs* vfs, double* out) {
  sqlite3_int64 ms = 0;
  WasmCurrentTimeInt64(vfs, &ms);
  *out = ms / 86400000.0;
  return SQLITE_OK;
}

static int WasmGetLastError(sqlite3_vfs* vfs, int n, char* out) {
  (void)vfs; (void)n; (void)out;
  return 0;
}

static sqlite3_vfs g_wasm_vfs = {
    2,                /* iVersion */
    sizeof(sqlite3_file), /* szOsFile: no files, but the pager reads pMethods */
    512,              /* mxPathname */
    0,                /* pNext */
    "wasm",           /* zName */
    0,                /* pAppData */
    WasmOpen,
    WasmDelete,
    WasmAccess,
    WasmFullPathname,
    0, 0, 0, 0,       /* xDlOpen, xDlError, xDlSym, xDlClose (no extensions) */
    WasmRandomness,
    WasmSleep,
    WasmCurrentTime,
    WasmGetLastError,
    WasmCurrentTimeInt64,
    0, 0, 0,          /* xSetSystemCall, xGetSystemCall, xNextSystemCall */
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&g_wasm_vfs, 1); }

int sqlite3_os_end(void) { return SQLITE_OK; }

// A SQLite VFS over a pool of Origin Private File System synchronous access handles,
// after the design of SQLite's own "opfs-sahpool" VFS.
//
// worker.ts opens N files of one OPFS directory and a FileSystemSyncAccessHandle on each
// (asynchronously, before the database is opened) and hands them to the module as
// `Module.sahPool`. Every VFS call is then synchronous: no Asyncify, no
// SharedArrayBuffer, no COOP/COEP headers.
//
// Each pool file ("slot") starts with a 4096-byte header naming the SQLite file it holds
// ("/invento.db", "/invento.db-journal", ...) and the open flags; the data follows. The
// name-to-slot map is rebuilt from the headers at registration, so it survives reloads.
// xOpen with SQLITE_OPEN_CREATE takes a free slot, xDelete frees it, xAccess answers from
// the map. Temporary files (no name, DELETEONCLOSE) use slots too and are freed on close
// or, after a crash, at the next registration.
//
// Contract: one connection, one worker. The handles are exclusive per file (a second tab
// cannot open them), so locks are only recorded, never shared. Failures of the handles
// become SQLite I/O error codes; nothing throws. Not thread-safe (wasm has no threads).
#pragma once

#include "core/base/status.h"

namespace invento::wasm {

inline constexpr const char* kOpfsSahPoolVfs = "opfs-sahpool";

// Registers the VFS (not as the default) over the handles in `Module.sahPool`, reading
// every slot's header. Fails with io_error when there are no handles or a header cannot
// be read. Idempotent: a second call re-reads nothing and returns Ok.
Status RegisterOpfsSahPool();

}  // namespace invento::wasm

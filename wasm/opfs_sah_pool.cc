#include "wasm/opfs_sah_pool.h"

#include <emscripten/emscripten.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

// The JS side: one small shim per FileSystemSyncAccessHandle method. `slot` indexes
// Module.sahPool; offsets and sizes travel as doubles (exact up to 2^53). Each returns
// -1 on failure (-2 when the origin's storage quota is exhausted) and keeps the
// exception text in Module.sahLastError. Every property name is quoted: the loader goes
// through Closure Compiler (cmake/wasm_flags.cmake), which renames unquoted ones that its
// externs do not know (it turned `{at: at}` into `{O: d}` and `getSize()` into `T()`).
// clang-format off
EM_JS(int, invento_sah_count, (), { return (Module['sahPool'] || []).length; });
EM_JS(double, invento_sah_read, (int slot, uint8_t* ptr, int n, double at), {
  try { return Module['sahPool'][slot]['read'](HEAPU8.subarray(ptr, ptr + n), {'at': at}); }
  catch (e) { Module['sahLastError'] = String(e); return -1; }
});
EM_JS(double, invento_sah_write, (int slot, const uint8_t* ptr, int n, double at), {
  try { return Module['sahPool'][slot]['write'](HEAPU8.subarray(ptr, ptr + n), {'at': at}); }
  catch (e) { Module['sahLastError'] = String(e); return e['name'] === 'QuotaExceededError' ? -2 : -1; }
});
EM_JS(int, invento_sah_truncate, (int slot, double size), {
  try { Module['sahPool'][slot]['truncate'](size); return 0; }
  catch (e) { Module['sahLastError'] = String(e); return e['name'] === 'QuotaExceededError' ? -2 : -1; }
});
EM_JS(double, invento_sah_size, (int slot), {
  try { return Module['sahPool'][slot]['getSize'](); }
  catch (e) { Module['sahLastError'] = String(e); return -1; }
});
EM_JS(int, invento_sah_flush, (int slot), {
  try { Module['sahPool'][slot]['flush'](); return 0; }
  catch (e) { Module['sahLastError'] = String(e); return -1; }
});
// clang-format on

namespace invento::wasm {
namespace {

// Slot header: magic[8] | flags u32 | path length u32 | path | FNV-1a 64 of all before.
constexpr char kMagic[8] = {'I', 'N', 'V', 'S', 'A', 'H', '1', '\0'};
constexpr int kMaxPath = 512;
constexpr int kChecksumAt = 16 + kMaxPath;
constexpr int kHeaderBytes = kChecksumAt + 8;
constexpr double kDataOffset = 4096;  // file data starts here (page aligned)

uint64_t Fnv1a(const uint8_t* p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

struct Slot {
  std::string path;  // empty: free
  uint32_t flags = 0;
};

std::vector<Slot> g_slots;
sqlite3_vfs* g_default_vfs = nullptr;
int g_temp_counter = 0;

// Writes the slot's header (an empty path frees it) and makes it durable.
bool WriteHeader(int slot, const std::string& path, uint32_t flags) {
  uint8_t h[kHeaderBytes] = {};
  if (!path.empty()) {
    auto len = static_cast<uint32_t>(path.size());
    std::memcpy(h, kMagic, 8);
    std::memcpy(h + 8, &flags, 4);
    std::memcpy(h + 12, &len, 4);
    std::memcpy(h + 16, path.data(), len);
    uint64_t sum = Fnv1a(h, 16 + len);
    std::memcpy(h + kChecksumAt, &sum, 8);
  }
  return invento_sah_write(slot, h, kHeaderBytes, 0) == kHeaderBytes &&
         invento_sah_flush(slot) == 0;
}

// Reads a slot's header; a missing, partial or damaged header means a free slot.
bool ReadHeader(int slot, Slot& out) {
  uint8_t h[kHeaderBytes] = {};
  double n = invento_sah_read(slot, h, kHeaderBytes, 0);
  if (n < 0) return false;
  out = Slot{};
  uint32_t len = 0;
  std::memcpy(&len, h + 12, 4);
  if (n < kHeaderBytes || std::memcmp(h, kMagic, 8) != 0 || len == 0 || len > kMaxPath) return true;
  uint64_t sum = 0;
  std::memcpy(&sum, h + kChecksumAt, 8);
  if (sum != Fnv1a(h, 16 + len)) return true;
  std::memcpy(&out.flags, h + 8, 4);
  out.path.assign(reinterpret_cast<const char*>(h + 16), len);
  return true;
}

// Frees a slot: header cleared, data dropped.
bool Dissociate(int slot) {
  g_slots[slot] = Slot{};
  return WriteHeader(slot, "", 0) && invento_sah_truncate(slot, kDataOffset) == 0 &&
         invento_sah_flush(slot) == 0;
}

int FindSlot(const char* path) {
  for (size_t i = 0; i < g_slots.size(); ++i) {
    if (!g_slots[i].path.empty() && g_slots[i].path == path) return static_cast<int>(i);
  }
  return -1;
}

struct SahFile {
  sqlite3_file base;
  int slot;
  int flags;
  int lock;
};

SahFile* Cast(sqlite3_file* f) { return reinterpret_cast<SahFile*>(f); }

int Close(sqlite3_file* f) {
  SahFile* file = Cast(f);
  if (file->flags & SQLITE_OPEN_DELETEONCLOSE) {
    return Dissociate(file->slot) ? SQLITE_OK : SQLITE_IOERR_CLOSE;
  }
  return invento_sah_flush(file->slot) == 0 ? SQLITE_OK : SQLITE_IOERR_CLOSE;
}

int Read(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) {
  auto* out = static_cast<uint8_t*>(buf);
  double n = invento_sah_read(Cast(f)->slot, out, amt, kDataOffset + static_cast<double>(off));
  if (n < 0) return SQLITE_IOERR_READ;
  if (n < amt) {
    std::memset(out + static_cast<int>(n), 0, amt - static_cast<int>(n));
    return SQLITE_IOERR_SHORT_READ;
  }
  return SQLITE_OK;
}

int Write(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
  double n = invento_sah_write(Cast(f)->slot, static_cast<const uint8_t*>(buf), amt,
                               kDataOffset + static_cast<double>(off));
  if (n == -2) return SQLITE_FULL;
  return n == amt ? SQLITE_OK : SQLITE_IOERR_WRITE;
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  int rc = invento_sah_truncate(Cast(f)->slot, kDataOffset + static_cast<double>(size));
  if (rc == -2) return SQLITE_FULL;
  return rc == 0 ? SQLITE_OK : SQLITE_IOERR_TRUNCATE;
}

int Sync(sqlite3_file* f, int) {
  return invento_sah_flush(Cast(f)->slot) == 0 ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

int FileSize(sqlite3_file* f, sqlite3_int64* out) {
  double n = invento_sah_size(Cast(f)->slot);
  if (n < 0) return SQLITE_IOERR_FSTAT;
  *out = n > kDataOffset ? static_cast<sqlite3_int64>(n - kDataOffset) : 0;
  return SQLITE_OK;
}

// The handles are exclusive to this worker: locks only need to be remembered.
int Lock(sqlite3_file* f, int level) {
  Cast(f)->lock = level;
  return SQLITE_OK;
}
int Unlock(sqlite3_file* f, int level) {
  Cast(f)->lock = level;
  return SQLITE_OK;
}
int CheckReservedLock(sqlite3_file*, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int SectorSize(sqlite3_file*) { return 4096; }
int DeviceCharacteristics(sqlite3_file*) { return SQLITE_IOCAP_UNDELETABLE_WHEN_OPEN; }

const sqlite3_io_methods kIoMethods = {
    1,
    Close,
    Read,
    Write,
    Truncate,
    Sync,
    FileSize,
    Lock,
    Unlock,
    CheckReservedLock,
    FileControl,
    SectorSize,
    DeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,  // no shared memory, no mmap
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  f->pMethods = nullptr;
  std::string path = name ? name : "/temp-" + std::to_string(++g_temp_counter);
  if (path.size() > kMaxPath) return SQLITE_CANTOPEN;
  int slot = FindSlot(path.c_str());
  if (slot < 0) {
    if (!(flags & SQLITE_OPEN_CREATE)) return SQLITE_CANTOPEN;
    for (size_t i = 0; slot < 0 && i < g_slots.size(); ++i) {
      if (g_slots[i].path.empty()) slot = static_cast<int>(i);
    }
    if (slot < 0) return SQLITE_FULL;  // every slot holds a file: the pool is too small
    if (invento_sah_truncate(slot, kDataOffset) != 0 || !WriteHeader(slot, path, flags)) {
      return SQLITE_CANTOPEN;
    }
    g_slots[slot] = Slot{path, static_cast<uint32_t>(flags)};
  }
  SahFile* file = Cast(f);
  file->slot = slot;
  file->flags = flags;
  file->lock = SQLITE_LOCK_NONE;
  f->pMethods = &kIoMethods;
  if (out_flags) *out_flags = flags;
  return SQLITE_OK;
}

int Delete(sqlite3_vfs*, const char* name, int) {
  int slot = FindSlot(name);
  if (slot < 0) return SQLITE_OK;
  return Dissociate(slot) ? SQLITE_OK : SQLITE_IOERR_DELETE;
}

int Access(sqlite3_vfs*, const char* name, int, int* out) {
  *out = FindSlot(name) >= 0 ? 1 : 0;
  return SQLITE_OK;
}

int FullPathname(sqlite3_vfs*, const char* name, int n_out, char* out) {
  int n = static_cast<int>(std::strlen(name));
  if (n >= n_out) return SQLITE_CANTOPEN;
  std::memcpy(out, name, n + 1);
  return SQLITE_OK;
}

// Randomness, sleep and time come from the default VFS.
int Randomness(sqlite3_vfs*, int n, char* out) {
  return g_default_vfs->xRandomness(g_default_vfs, n, out);
}
int Sleep(sqlite3_vfs*, int us) { return g_default_vfs->xSleep(g_default_vfs, us); }
int CurrentTime(sqlite3_vfs*, double* out) {
  return g_default_vfs->xCurrentTime(g_default_vfs, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_default_vfs->xCurrentTimeInt64(g_default_vfs, out);
}
int GetLastError(sqlite3_vfs*, int, char*) { return 0; }

sqlite3_vfs g_vfs = {
    2,          sizeof(SahFile), kMaxPath,     nullptr,      kOpfsSahPoolVfs,  nullptr, Open,
    Delete,     Access,          FullPathname, nullptr,      nullptr,          nullptr, nullptr,
    Randomness, Sleep,           CurrentTime,  GetLastError, CurrentTimeInt64, nullptr, nullptr,
    nullptr,
};

}  // namespace

Status RegisterOpfsSahPool() {
  if (!g_slots.empty()) return Status::Ok();
  int count = invento_sah_count();
  if (count == 0) return Status::IoError("no OPFS access handles were acquired");
  std::vector<Slot> slots(count);
  for (int i = 0; i < count; ++i) {
    if (!ReadHeader(i, slots[i])) return Status::IoError("cannot read OPFS pool file header");
  }
  g_slots = std::move(slots);
  for (int i = 0; i < count; ++i) {
    // A temporary file left by a crash is garbage: free its slot.
    if ((g_slots[i].flags & SQLITE_OPEN_DELETEONCLOSE) && !Dissociate(i)) {
      return Status::IoError("cannot free a stale OPFS pool file");
    }
  }
  g_default_vfs = sqlite3_vfs_find(nullptr);
  if (!g_default_vfs) return Status::Internal("SQLite has no default VFS");
  if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) {
    return Status::Internal("cannot register the opfs-sahpool VFS");
  }
  return Status::Ok();
}

}  // namespace invento::wasm

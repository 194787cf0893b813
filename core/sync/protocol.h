// Shared definitions of the sync protocol (docs/sync-protocol.md): limits, the projection of
// a replicated table for a read scope, and the table hash used to check convergence.
#pragma once

#include <cstdint>
#include <string>

#include "core/auth/permissions.h"
#include "core/base/status.h"
#include "core/db/sqlite.h"
#include "core/db/tables.h"

namespace invento::sync {

inline constexpr std::size_t kMaxPushMutations = 1000;   // per push request
inline constexpr std::size_t kMaxPullRows = 5000;        // per pull page
inline constexpr std::size_t kDefaultPullRows = 1000;
inline constexpr std::size_t kMaxArgsBytes = 64 * 1024;  // per mutation

// The time a device runs a mutation at: its clock corrected by the last offset the server
// reported, computed without overflow and kept within [rows::kMinTime, rows::kMaxTime] (the
// documented range of every stored time), so an optimistic row never holds a time outside
// it whatever the device's clock says. The server runs the mutation again at its own
// plausible time (sync-server/sync_service.cc) and its row replaces the device's.
std::int64_t CorrectedDeviceTime(std::int64_t device_now_ms, std::int64_t offset_ms);
// server_time_ms - device_now_ms, saturated at the int64 limits instead of overflowing.
std::int64_t ClockOffset(std::int64_t server_time_ms, std::int64_t device_now_ms);

// "SELECT <columns> FROM <table>" giving the rows as devices of `scope` hold them: every
// column in schema order, a hidden one replaced by its masked value (MaskedColumn). Empty
// when the scope may not read the table at all. Names come from the registry, never input.
std::string ScopedSelect(const db::TableDef& def, ReadScope scope);

// A hex digest of every replicated table's content (rows ordered by id), one line per
// table: "table <count> <fnv1a-64>". Two replicas with equal digests hold equal data.
// With a scope, the digest of the projection that scope's devices hold (a hidden table
// counts as empty): a device's plain digest equals the server's digest for its scope.
Result<std::string> TablesDigest(const db::Db& db, const db::TableRegistry& tables,
                                 ReadScope scope = ReadScope::kFull);

}  // namespace invento::sync

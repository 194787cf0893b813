// Shared definitions of the sync protocol (docs/sync-protocol.md): limits and the table
// hash used to check convergence.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/status.h"
#include "core/db/sqlite.h"
#include "core/db/tables.h"

namespace invento::sync {

inline constexpr std::size_t kMaxPushMutations = 1000;   // per push request
inline constexpr std::size_t kMaxPullRows = 5000;        // per pull page
inline constexpr std::size_t kDefaultPullRows = 1000;
inline constexpr std::size_t kMaxArgsBytes = 64 * 1024;  // per mutation

// A hex digest of every replicated table's content (rows ordered by id), one line per
// table: "table <count> <fnv1a-64>". Two replicas with equal digests hold equal data.
Result<std::string> TablesDigest(const db::Db& db, const db::TableRegistry& tables);

}  // namespace invento::sync

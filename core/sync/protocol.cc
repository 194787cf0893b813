#include "core/sync/protocol.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "core/rows/date_args.h"

namespace invento::sync {

std::int64_t CorrectedDeviceTime(std::int64_t device_now_ms, std::int64_t offset_ms) {
  std::int64_t at = 0;
  if (__builtin_add_overflow(device_now_ms, offset_ms, &at)) {
    at = offset_ms < 0 ? rows::kMinTime : rows::kMaxTime;
  }
  return std::clamp(at, rows::kMinTime, rows::kMaxTime);
}

std::int64_t ClockOffset(std::int64_t server_time_ms, std::int64_t device_now_ms) {
  std::int64_t offset = 0;
  if (__builtin_sub_overflow(server_time_ms, device_now_ms, &offset)) {
    return server_time_ms < device_now_ms ? std::numeric_limits<std::int64_t>::min()
                                          : std::numeric_limits<std::int64_t>::max();
  }
  return offset;
}

std::string ScopedSelect(const db::TableDef& def, ReadScope scope) {
  if (!CanReadTable(scope, def.name)) return "";
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < def.columns.size(); ++i) {
    if (i) sql += ", ";
    const char* masked = MaskedColumn(scope, def.name, def.columns[i]);
    sql += masked ? std::string(masked) + " AS " + def.columns[i] : def.columns[i];
  }
  return sql + " FROM " + def.name;
}

Result<std::string> TablesDigest(const db::Db& db, const db::TableRegistry& tables, ReadScope scope) {
  std::string out;
  for (const auto& t : tables.tables()) {
    std::uint64_t h = 1469598103934665603ULL;
    std::int64_t n = 0;
    const std::string select = ScopedSelect(t, scope);
    // A hidden table: the scope's devices hold no row of it (the loop below sees none).
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(select.empty() ? "SELECT 1 WHERE 0"
                                                                   : select + " ORDER BY id"));
    while (true) {
      INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      ++n;
      for (char c : st.RowObject().dump()) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
      }
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, " %lld %016llx\n", static_cast<long long>(n),
                  static_cast<unsigned long long>(h));
    out += t.name + buf;
  }
  return out;
}

}  // namespace invento::sync

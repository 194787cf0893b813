#include "core/sync/protocol.h"

#include <cstdio>

namespace invento::sync {

Result<std::string> TablesDigest(const db::Db& db, const db::TableRegistry& tables) {
  std::string out;
  for (const auto& t : tables.tables()) {
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare("SELECT * FROM " + t.name + " ORDER BY id"));
    std::uint64_t h = 1469598103934665603ULL;
    std::int64_t n = 0;
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

#include "core/rows/rows.h"

namespace invento::rows {

Result<std::vector<Json>> Rows(const db::Db& db, std::string_view sql,
                               std::initializer_list<Json> params) {
  return Rows(db, sql, std::vector<Json>(params));
}

Result<std::vector<Json>> Rows(const db::Db& db, std::string_view sql,
                               const std::vector<Json>& params) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
  int i = 1;
  for (const auto& p : params) st.Bind(i++, p);
  std::vector<Json> out;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.RowObject());
  }
  return out;
}

Result<std::optional<Json>> FirstRow(const db::Db& db, std::string_view sql,
                                     std::initializer_list<Json> params) {
  return FirstRow(db, sql, std::vector<Json>(params));
}

Result<std::optional<Json>> FirstRow(const db::Db& db, std::string_view sql,
                                     const std::vector<Json>& params) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(sql));
  int i = 1;
  for (const auto& p : params) st.Bind(i++, p);
  INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Json>();
  return std::optional<Json>(st.RowObject());
}

}  // namespace invento::rows

#include "core/maintenance/common.h"

namespace invento::maint {

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

Result<std::optional<std::string>> CheckDate(const std::optional<std::string>& text,
                                             const char* field) {
  if (!text) return std::optional<std::string>();
  if (!ParseDate(*text)) {
    return Status::InvalidArgument(std::string(field) + " must be a date written YYYY-MM-DD",
                                   field);
  }
  return text;
}

Result<std::string> CheckRequiredDate(const std::optional<std::string>& text, const char* field) {
  if (!text) return Status::InvalidArgument(std::string(field) + " is required", field);
  INVENTO_ASSIGN_OR_RETURN(auto d, CheckDate(text, field));
  return *d;
}

Date StoredDate(const std::string& text) {
  auto d = ParseDate(text);
  return d ? *d : Date{std::chrono::year(1970), std::chrono::January, std::chrono::day(1)};
}

}  // namespace invento::maint

#include "core/rows/date_args.h"

namespace invento::rows {

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

}  // namespace invento::rows

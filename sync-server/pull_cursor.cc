#include "sync-server/pull_cursor.h"

#include <charconv>

#include "core/mutators/args.h"

namespace invento::server {
namespace {

// A plain decimal number as std::to_string writes it: digits only, no leading zero, the
// whole text, no overflow.
template <typename T>
bool ParseDecimal(std::string_view text, T* out) {
  if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0')) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

bool ParseCursor(std::string_view c, std::int64_t* version, int* table, std::string* id) {
  auto a = c.find(':');
  if (a == std::string_view::npos) return false;
  auto b = c.find(':', a + 1);
  if (b == std::string_view::npos) return false;
  if (!ParseDecimal(c.substr(0, a), version) || !ParseDecimal(c.substr(a + 1, b - a - 1), table)) {
    return false;
  }
  *id = std::string(c.substr(b + 1));
  return IsUuid(*id);
}

std::string FormatCursor(std::int64_t version, int table, const std::string& id) {
  return std::to_string(version) + ":" + std::to_string(table) + ":" + id;
}

}  // namespace invento::server

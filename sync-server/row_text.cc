#include "sync-server/row_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace invento::server {
namespace {

// Length of the UTF-8 sequence starting at s[i], 0 when it is not a valid one (overlong
// forms, surrogates and code points past U+10FFFF included).
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = byte(0);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

bool AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const std::size_t n = Utf8Length(s, i);
      if (n == 0) return false;
      i += n;
      continue;
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
    run = ++i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
  return true;
}

bool AppendJsonValue(std::string& out, sqlite3_value* v) {
  char buf[32];
  switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
      out += "null";
      return true;
    case SQLITE_INTEGER: {
      auto r = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(sqlite3_value_int64(v)));
      out.append(buf, r.ptr);
      return true;
    }
    case SQLITE_FLOAT: {
      const double d = sqlite3_value_double(v);
      if (!std::isfinite(d)) {
        out += "null";
        return true;
      }
      // Shortest text that reads back as the same double; "1.0" rather than "1" so that it
      // stays a REAL when the replica binds it.
      auto r = std::to_chars(buf, buf + sizeof buf, d);
      std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
      out += text;
      if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
      return true;
    }
    default:
      return AppendJsonString(out, std::string_view(reinterpret_cast<const char*>(sqlite3_value_text(v)),
                                                    static_cast<std::size_t>(sqlite3_value_bytes(v))));
  }
}

void AppendCopyField(std::string& out, std::string_view s) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* esc = nullptr;
    switch (s[i]) {
      case '\\': esc = "\\\\"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      case '\t': esc = "\\t"; break;
      default: continue;
    }
    out.append(s.data() + run, i - run);
    out += esc;
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
}

}  // namespace invento::server

#include "core/csv/csv.h"

namespace invento::csv {
namespace {

bool IsBreak(char c) { return c == '\r' || c == '\n'; }

// Consumes one line break at text[i] (CRLF, LF or CR); returns the index after it.
std::size_t SkipBreak(std::string_view text, std::size_t i) {
  if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') return i + 2;
  return i + 1;
}

// 1-based line number of byte `offset`.
int LineAt(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size();) {
    if (IsBreak(text[i])) {
      i = SkipBreak(text, i);
      if (i <= offset) ++line;
    } else {
      ++i;
    }
  }
  return line;
}

Status LineError(int line, const std::string& what) {
  return Status::InvalidArgument("line " + std::to_string(line) + ": " + what, "csv");
}

// The separator used more often outside quotes on the first record (',' on a tie).
char DetectSeparator(std::string_view text) {
  int semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice: still right
    } else if (!quoted && IsBreak(c)) {
      if (semicolons + commas > 0) break;  // skip leading blank lines
    } else if (!quoted && c == ';') {
      ++semicolons;
    } else if (!quoted && c == ',') {
      ++commas;
    }
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

std::size_t FindInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n;
    char32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
      min = 0x10000;
    } else {
      return i;  // continuation byte, overlong 2-byte lead, or beyond U+10FFFF
    }
    if (i + n >= s.size()) return i;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

Result<Table> Read(std::string_view text, ReadOptions options) {
  Table table;
  if (text.substr(0, kBom.size()) == kBom) {
    text.remove_prefix(kBom.size());
    table.had_bom = true;
  }
  if (std::size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    return LineError(LineAt(text, bad), "the file is not valid UTF-8 (save it as \"CSV UTF-8\")");
  }
  if (options.separator != 0 && options.separator != ';' && options.separator != ',') {
    return Status::InvalidArgument("the separator must be ';' or ','", "separator");
  }
  const char sep = options.separator ? options.separator : DetectSeparator(text);
  table.separator = sep;
  const std::size_t n = text.size();
  std::size_t i = 0;
  int line = 1;
  while (i < n) {
    if (IsBreak(text[i])) {  // a blank line: skipped, but counted
      i = SkipBreak(text, i);
      ++line;
      continue;
    }
    Record rec;
    rec.line = line;
    while (true) {
      std::string field;
      if (i < n && text[i] == '"') {
        const int opened = line;
        ++i;
        while (true) {
          if (i >= n) return LineError(opened, "a quoted field is never closed (missing '\"')");
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (IsBreak(c)) {
            std::size_t next = SkipBreak(text, i);
            field.append(text.substr(i, next - i));
            i = next;
            ++line;
            continue;
          }
          field += c;
          ++i;
        }
        if (i < n && text[i] != sep && !IsBreak(text[i])) {
          return LineError(line,
                           "unexpected text after a closing quote (a quote inside a "
                           "quoted field must be doubled)");
        }
      } else {
        std::size_t start = i;
        while (i < n && text[i] != sep && !IsBreak(text[i])) ++i;
        field.assign(text.substr(start, i - start));
      }
      rec.fields.push_back(std::move(field));
      if (i < n && text[i] == sep) {
        ++i;
        continue;  // at the very end this yields one more, empty, field
      }
      if (i < n) {
        i = SkipBreak(text, i);
        ++line;
      }
      break;
    }
    table.records.push_back(std::move(rec));
  }
  return table;
}

Writer::Writer(WriteOptions options) : options_(options) {
  if (options_.bom) out_.append(kBom);
}

void Writer::Row(const std::vector<std::string>& fields) {
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k > 0) out_ += options_.separator;
    std::string cell = QuoteField(fields[k], options_.separator);
    // The first cell of a file without BOM, unquoted and starting with U+FEFF: a reader would
    // take those bytes for a BOM and drop them, so it is quoted (found by csv_import_fuzz).
    if (out_.empty() && cell.rfind(kBom, 0) == 0) {
      cell = "\"";
      for (char c : fields[k]) {
        if (c == '"') cell += '"';
        cell += c;
      }
      cell += '"';
    }
    out_ += cell;
  }
  out_ += "\r\n";
}

std::string QuoteField(std::string_view field, char separator) {
  bool needs = !field.empty() && (field.front() == ' ' || field.back() == ' ');
  for (char c : field) {
    if (c == separator || c == '"' || IsBreak(c)) needs = true;
  }
  if (!needs) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {
bool StartsFormula(std::string_view t) {
  return !t.empty() &&
         (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r');
}
}  // namespace

std::string NeutralizeFormula(std::string_view text) {
  return StartsFormula(text) ? "'" + std::string(text) : std::string(text);
}

std::string RestoreFormula(std::string_view text) {
  if (text.size() > 1 && text[0] == '\'' && StartsFormula(text.substr(1))) {
    return std::string(text.substr(1));
  }
  return std::string(text);
}

}  // namespace invento::csv

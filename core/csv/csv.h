// CSV text as spreadsheets write and read it (RFC 4180, with the habits of French Excel and
// LibreOffice). Pure functions: no database, no locale, no I/O.
//
// Reading (Read):
// - The input must be UTF-8; a leading UTF-8 BOM is stripped. Invalid UTF-8 (including
//   overlong forms and surrogates) fails with the line number.
// - Records end at CRLF, LF or a lone CR. Fields are separated by ';' or ',': given by the
//   caller, or detected on the header line (the first record) as the one appearing more
//   often outside quotes (',' when neither appears).
// - A field starting with '"' is quoted: it may contain separators, line breaks and
//   doubled quotes ("" -> "). Its content is kept byte for byte (a CRLF inside stays CRLF).
//   A quote inside an unquoted field is kept literally. After a closing quote only a
//   separator or the end of the record may follow.
// - Blank lines (no character at all) are skipped, but still counted: Record::line is the
//   1-based line where the record starts, as a spreadsheet user numbers rows (the header is
//   line 1; a record with a multi-line quoted field counts as the line where it starts, and
//   the next record's number accounts for the extra lines).
// Failures: invalid_argument, field "csv", message starting with "line N: " for an
// unterminated quoted field (N = the line where the quote opened), text after a closing
// quote, or invalid UTF-8. An empty input gives zero records (not an error).
//
// Writing (Writer): CRLF after every record, optional UTF-8 BOM first, a field quoted only
// when needed (separator, quote, CR, LF, or leading/trailing space) with quotes doubled.
// NeutralizeFormula() is for exported free text: spreadsheets run a cell starting with
// = + - @ (or tab/CR) as a formula, so such text gets a leading apostrophe (OWASP "CSV
// injection"); importers strip that apostrophe back (see stock/csv_io.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace invento::csv {

inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Record {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;  // at least one (possibly empty) field
};

struct Table {
  char separator = ',';
  bool had_bom = false;
  std::vector<Record> records;  // the header is records[0] when the file has one
};

struct ReadOptions {
  char separator = 0;  // ';' or ','; 0 detects it on the first record
};

Result<Table> Read(std::string_view text, ReadOptions options = {});

// Byte offset of the first invalid UTF-8 sequence, or npos when `text` is valid UTF-8.
std::size_t FindInvalidUtf8(std::string_view text);

struct WriteOptions {
  char separator = ',';
  bool bom = true;
};

class Writer {
 public:
  explicit Writer(WriteOptions options = {});
  void Row(const std::vector<std::string>& fields);
  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  WriteOptions options_;
  std::string out_;
};

// The field as it must appear in a record (quoted and escaped if needed).
std::string QuoteField(std::string_view field, char separator);
// "=1+1" -> "'=1+1"; other text unchanged. Only for free text, never for numbers.
std::string NeutralizeFormula(std::string_view text);
// The reverse, for importers: "'=1+1" -> "=1+1"; other text unchanged.
std::string RestoreFormula(std::string_view text);

}  // namespace invento::csv

// The text PostgreSQL stores for one replicated row (PgMirror): SQLite values written
// straight as JSON, and COPY's text format around them. Written by hand rather than through
// nlohmann::json objects because a pushed batch publishes thousands of rows while the
// mirror holds the database's lock (docs/benchmarks.md, "Storage engines"); the text is read
// back with nlohmann::json (PgMirror::ApplyRow), so both must agree, which row_text_test checks.
//
// Pure functions; thread-safe.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

namespace invento::server {

// `s` as a JSON string literal, appended to out. False (out partly written) when s is not
// UTF-8, which JSON cannot carry.
bool AppendJsonString(std::string& out, std::string_view s);

// One SQLite value as JSON: null, an integer, a number that reads back as the same double
// (non-finite ones, which SQLite does not store, as null), or text. A blob is written as its
// bytes read as text, as the row's JSON has always carried it. False when not UTF-8.
bool AppendJsonValue(std::string& out, sqlite3_value* v);

// One field of COPY's text format: backslash, newline, carriage return and tab escaped.
void AppendCopyField(std::string& out, std::string_view s);

}  // namespace invento::server

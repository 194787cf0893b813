// The pull cursor: "version:table_index:id", handed back by the server when a pull has more
// pages (sync_service.cc, docs/sync-protocol.md) and echoed by the client for the next one.
//
// Contract: ParseCursor accepts only the form the server writes: version and table index as
// plain decimal numbers (digits only, no sign, no spaces, no leading zero; version <= INT64_MAX, table index
// <= INT_MAX), then a canonical lowercase UUID. Anything else returns false and leaves the
// outputs unspecified; the caller answers invalid_argument. Pure; never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace invento::server {

bool ParseCursor(std::string_view cursor, std::int64_t* version, int* table, std::string* id);
std::string FormatCursor(std::int64_t version, int table, const std::string& id);

}  // namespace invento::server

// The migrations embedded at build time from schema/ (see schema/embed_migrations.cmake).
#pragma once

#include <vector>

namespace invento::db {

struct Migration {
  int version;       // the NNNN prefix of the file name
  const char* name;  // the file name
  const char* sql;   // the file content
};

// Sorted by version. Shared: devices and server. Server: server-only tables.
const std::vector<Migration>& SharedMigrations();
const std::vector<Migration>& ServerMigrations();

}  // namespace invento::db

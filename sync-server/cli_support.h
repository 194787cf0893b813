// Shared by the subcommands in cli*.cc (not a public interface).
#pragma once

#include <memory>

#include "core/core.h"
#include "sync-server/config.h"

namespace invento::server {

// Opens the server database (applying pending migrations), in WAL mode like the server.
// must_exist: not_found, naming DATABASE_URL and init-db, when the file is missing (rather
// than creating an empty database).
Result<std::unique_ptr<Core>> OpenServerDatabase(const Config& config, bool must_exist);

}  // namespace invento::server

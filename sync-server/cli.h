// The administration subcommands of invento-server (main.cc dispatches to them):
//
//   create-admin --email E [--username U] [--display-name N]
//       Creates an administrator with a random password (printed once on `out`) that must
//       be changed at the first sign-in. The username defaults to the e-mail address. On a
//       database that has no user yet this also means the well-known first-run account
//       (admin / Admin123!) is never created.
//   check-alerts [--as-of YYYY-MM-DD]
//       Runs the core's alert queries (stock alerts, overdue work orders, overdue preventive
//       maintenance) on the server database and prints a summary. Sending the summary by
//       e-mail (MAIL_SERVER) is not implemented: it says so instead of pretending.
//   backup-database [--output PATH]
//       Online copy of the SQLite database with the SQLite backup API (the server may keep
//       running), then PRAGMA integrity_check on the copy. Default output: next to the
//       database, <name>-backup-<UTC timestamp>.db. An existing file is never overwritten.
//   seed-demo
//       Fills an EMPTY database with a demo company (demo_company.h) and eight demo accounts
//       sharing one random password printed once; refuses a database holding any domain row.
//
// Each returns the process exit code (0 success, 1 failure, 2 usage error), writes its
// report to `out` and a one-line reason to `err`. Options are "--name value" or
// "--name=value"; an unknown option, a missing value or a repeated option is a usage error.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/status.h"
#include "sync-server/config.h"

namespace invento::server {

using CliArgs = std::vector<std::string>;

// Parses options; invalid_argument names the offending one.
Result<std::map<std::string, std::string>> ParseOptions(const CliArgs& args,
                                                        const std::vector<std::string>& allowed);
// A plain address: one '@', a dot-separated domain, no spaces, at most 254 characters.
bool IsValidEmail(const std::string& email);
// A strong random password (libsodium): 4 groups of 5 characters, about 116 bits.
std::string GeneratePassword();

int CreateAdminCommand(const Config& config, const CliArgs& args, std::ostream& out,
                       std::ostream& err);
int CheckAlertsCommand(const Config& config, const CliArgs& args, std::ostream& out,
                       std::ostream& err);
int BackupDatabaseCommand(const Config& config, const CliArgs& args, std::ostream& out,
                          std::ostream& err);
int SeedDemoCommand(const Config& config, const CliArgs& args, std::ostream& out,
                    std::ostream& err);
// restore-database --from BACKUP (cli_backup.cc): refused while a server runs on the database.
int RestoreDatabaseCommand(const Config& config, const CliArgs& args, std::ostream& out,
                           std::ostream& err);
// What serve holds while it runs (a shared lock on <database>.lock) so that restore-database
// refuses to replace the database under it; -1 if it cannot be taken (a restore is running).
int HoldServingLock(const std::string& database_path);

}  // namespace invento::server

// invento-server seed-demo (cli.h): fills an EMPTY database with the demo company
// (demo_company.h), for a newcomer to see every screen populated.
//
// - Refuses (exit 1, nothing written) when any replicated domain table holds a row: the demo
//   never mixes with real data. User accounts alone do not count (the first-run admin exists
//   as soon as the server has started once).
// - Creates the first-run admin if there is no user yet, and eight demo accounts (six
//   technicians, a manager, a consultant) sharing one random password printed once; an
//   existing username makes it stop before anything is written.
// - Pushes the demo's mutations through SyncService as the first active administrator, from
//   a client id of its own, in batches: the same rules, versions and audit trail as a device's
//   push. Any rejection stops it and names the mutation (a bug of the demo, not of input).
#include <iostream>
#include <string>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/db/tables.h"
#include "core/sync/protocol.h"
#include "sync-server/cli.h"
#include "sync-server/cli_support.h"
#include "sync-server/demo_company.h"
#include "sync-server/sync_service.h"

namespace invento::server {
namespace {

// The first replicated table holding a row, or "" when the domain is empty.
Result<std::string> FirstNonEmptyTable(db::Db& db) {
  for (std::string_view table : db::ReplicatedTableNames()) {
    // Table names come from the registry, never from input.
    INVENTO_ASSIGN_OR_RETURN(db::Json found, db.QueryValue("SELECT EXISTS (SELECT 1 FROM " +
                                                           std::string(table) + ")"));
    if (found.get<std::int64_t>() != 0) return std::string(table);
  }
  return std::string();
}

Result<SessionUser> FirstAdmin(db::Db& db) {
  INVENTO_ASSIGN_OR_RETURN(db::Json row, db.QueryValue(
      "SELECT id FROM users WHERE role = 'admin' AND active = 1 ORDER BY created_at, id LIMIT 1"));
  if (!row.is_string()) return Status::NotFound("no active administrator");
  return SessionUser{.user_id = row.get<std::string>(), .username = "seed-demo",
                     .display_name = "seed-demo", .role = Role::kAdmin};
}

}  // namespace

int SeedDemoCommand(const Config& config, const CliArgs& args, std::ostream& out,
                    std::ostream& err) {
  auto options = ParseOptions(args, {});
  if (!options.ok()) {
    err << "seed-demo: " << options.status().message() << "\nusage: invento-server seed-demo\n";
    return 2;
  }
  auto opened = OpenServerDatabase(config, /*must_exist=*/false);
  if (!opened.ok()) {
    err << "seed-demo: " << opened.status().ToString() << "\n";
    return 1;
  }
  Core& core = **opened;
  auto table = FirstNonEmptyTable(core.db());
  if (!table.ok() || !table->empty()) {
    err << "seed-demo: "
        << (table.ok() ? "the database is not empty (table " + *table + " has rows); "
                         "the demo only fills an empty database: point DATABASE_URL at a new file"
                       : table.status().ToString())
        << "\n";
    return 1;
  }
  const std::int64_t now = NowMs();
  Accounts accounts(core.db(), config.fast_password_hash);
  if (Status s = opened->Unit([&] { return accounts.EnsureBootstrapAdmin(now / 1000); }); !s.ok()) {
    err << "seed-demo: " << s.ToString() << "\n";
    return 1;
  }
  auto admin = FirstAdmin(core.db());
  if (!admin.ok()) {
    err << "seed-demo: " << admin.status().message() << "\n";
    return 1;
  }

  // Accounts first (checked before anything is written), then the domain.
  const std::string password = GeneratePassword();
  auto hash = accounts.HashPassword(password);
  if (!hash.ok()) {
    err << "seed-demo: " << hash.status().ToString() << "\n";
    return 1;
  }
  DemoPeople people;
  std::string failed_account;
  Status created = opened->Unit([&]() -> Status {
    INVENTO_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(core.db()));
    for (const DemoAccount& account : DemoAccounts()) {
      Accounts::NewUser user{.username = account.username, .display_name = account.display_name,
                             .email = account.username + "@maintenance-demo.example",
                             .role = account.role, .password = password,
                             .must_change_password = false};
      auto id = accounts.CreateUser(user, *hash, now / 1000);
      if (!id.ok()) {
        failed_account = "account " + account.username + ": ";
        return id.status();
      }
      if (account.role == "technician") people.technician_user_ids.push_back(*id);
      if (account.role == "manager") people.manager_user_id = *id;
    }
    return tx->Commit();
  });
  if (!created.ok()) {
    err << "seed-demo: " << failed_account << (failed_account.empty() ? created.ToString() : created.message()) << "\n";
    return 1;
  }

  const std::vector<DemoMutation> mutations = DemoCompany(people, DayOfMs(now));
  SyncService sync(core);
  const std::string client_id = RandomUuid();
  std::size_t next = 0;
  while (next < mutations.size()) {
    db::Json batch = db::Json::array();
    const std::size_t first = next;
    for (; next < mutations.size() && batch.size() < sync::kMaxPushMutations; ++next) {
      batch.push_back({{"id", next + 1}, {"name", mutations[next].first},
                       {"args", mutations[next].second}, {"at", now}});
    }
    auto reply = opened->Unit([&] { return sync.Push(*admin, {{"client_id", client_id}, {"mutations", std::move(batch)}}, now); });
    if (!reply.ok()) {
      err << "seed-demo: push refused: " << reply.status().ToString() << "\n";
      return 1;
    }
    for (const auto& result : (*reply)["results"]) {
      if (result["status"] != "accepted") {
        const std::size_t index = result["id"].get<std::size_t>() - 1;
        err << "seed-demo: " << mutations[index].first << " " << mutations[index].second.dump()
            << " was refused: " << result.dump() << "\n"
            << "the database now holds part of the demo (" << first << " changes saved before this "
            << "batch); delete it and report this bug\n";
        return 1;
      }
    }
  }
  out << "Demo company created in " << (config.postgres_url.empty() ? config.database_path : "the PostgreSQL database") << ": " << mutations.size()
      << " changes.\n"
      << "Demo accounts (password for all: " << password << ", shown only once):\n";
  for (const DemoAccount& account : DemoAccounts()) {
    out << "  " << account.username << "  (" << account.role << ", " << account.display_name << ")\n";
  }
  out << "The administrator account is unchanged (first run: admin / Admin123!).\n";
  return 0;
}

}  // namespace invento::server

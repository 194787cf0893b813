// invento-server: the sync server's one binary, with subcommands.
//
//   invento-server serve       start the HTTP server (default)
//   invento-server init-db     create/migrate the database and the first admin, then exit
//   invento-server migrate     apply pending migrations, then exit
//   invento-server --help
// Configuration comes from the environment and .env (see config.h and README.md).
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "sync-server/app.h"
#include "sync-server/config.h"
#include "sync-server/http_server.h"

namespace {

constexpr const char* kUsage =
    "usage: invento-server <command>\n"
    "  serve      start the server (PORT, DATABASE_URL, WEB_ROOT from the environment or .env)\n"
    "  init-db    create or migrate the database and the first admin account, then exit\n"
    "  migrate    apply pending schema migrations, then exit\n"
    "(create-admin, check-alerts and backup-database come with the accounts, alerts and\n"
    " operations work.)\n";

int Fail(const std::string& message) {
  std::fprintf(stderr, "invento-server: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "serve";
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command != "serve" && command != "init-db" && command != "migrate") {
    std::fputs(kUsage, stderr);
    return Fail("unknown command '" + command + "'");
  }
  if (sodium_init() < 0) return Fail("libsodium failed to initialise");
  auto config = invento::server::ConfigFromVariables(invento::server::ProcessVariables());
  if (!config.ok()) return Fail(config.status().message());
  auto app = invento::server::App::Create(config.value());
  if (!app.ok()) return Fail(app.status().ToString());
  if (command != "serve") {
    std::printf("database %s is ready\n", config->database_path.c_str());
    return 0;
  }
  invento::server::HttpServer server(**app);
  auto port = server.Start(2);
  if (!port.ok()) return Fail(port.status().message());
  server.StopOnSignals();
  std::printf("Invento listening on http://%s:%d (database %s, web %s)\n",
              config->bind_address.c_str(), port.value(), config->database_path.c_str(),
              config->web_root.c_str());
  std::fflush(stdout);
  server.Wait();
  std::printf("Invento stopped\n");
  return 0;
}

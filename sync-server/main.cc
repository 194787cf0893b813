// invento-server: the sync server's one binary, with subcommands.
//
//   invento-server serve            start the HTTP server (default)
//   invento-server init-db          create/migrate the database and the first admin, then exit
//   invento-server migrate          apply pending migrations, then exit
//   invento-server create-admin --email E [--username U] [--display-name N]
//   invento-server check-alerts [--as-of YYYY-MM-DD]
//   invento-server backup-database [--output PATH]
//   invento-server restore-database --from BACKUP
//   invento-server seed-demo        fill an empty database with a demo company
//   invento-server --help
// The administration subcommands live in cli*.cc (cli.h).
// Configuration comes from the environment and .env (see config.h and README.md).
#include <execinfo.h>
#include <sodium.h>
#include <unistd.h>

#include <csignal>
#include <exception>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <memory>

#include "sync-server/alert_digest.h"
#include "sync-server/app.h"
#include "sync-server/cli.h"
#include "sync-server/config.h"
#include "sync-server/http_server.h"
#include "sync-server/server_log.h"

namespace {

constexpr const char* kUsage =
    "usage: invento-server <command> [options]\n"
    "  serve            start the server (PORT, DATABASE_URL, WEB_ROOT... from the\n"
    "                   environment or .env; see README.md)\n"
    "  init-db          create or migrate the database and the first admin account, then exit\n"
    "  migrate          apply pending schema migrations, then exit\n"
    "  create-admin --email E [--username U] [--display-name N]\n"
    "                   create an administrator; prints a random password once (to be\n"
    "                   changed at the first sign-in). The username defaults to the e-mail.\n"
    "  check-alerts [--as-of YYYY-MM-DD]\n"
    "                   print stock alerts, overdue work orders and overdue preventive\n"
    "                   maintenance; with MAIL_SERVER, e-mail each recipient their digest\n"
    "                   (ALERTS_DAILY_AT makes serve do it every day)\n"
    "  backup-database [--output PATH]\n"
    "                   online copy of the database (SQLite backup API), checked with\n"
    "                   PRAGMA integrity_check; default: <db>-backup-<UTC time>.db beside it\n"
    "  restore-database --from BACKUP\n"
    "                   with the server stopped: replace the database by a backup (the current\n"
    "                   one is saved beside it first); devices start over at their next sync,\n"
    "                   keeping the changes they had not sent (docs/operations.md)\n"
    "  seed-demo        fill an EMPTY database with a demo maintenance company and demo\n"
    "                   accounts (their password is printed once); refuses other databases\n"
    "  help, --help     this text\n";

// A crash leaves a line and a backtrace on stderr (async-signal-safe calls only), then the
// default action runs (core dump / exit status of the signal).
void OnFatalSignal(int sig) {
  const char* name = sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE"
                     : sig == SIGILL ? "SIGILL" : "SIGABRT";
  const char head[] = "invento-server: FATAL signal ";
  (void)!write(STDERR_FILENO, head, sizeof head - 1);
  (void)!write(STDERR_FILENO, name, std::strlen(name));
  (void)!write(STDERR_FILENO, ", backtrace:\n", 13);
  void* frames[64];
  int n = backtrace(frames, 64);
  backtrace_symbols_fd(frames, n, STDERR_FILENO);
  std::raise(sig);  // SA_RESETHAND restored the default action
}

void InstallCrashLog() {
  void* warm_up[1];
  backtrace(warm_up, 1);  // loads libgcc now, not inside the handler
  invento::server::PrepareThreadForCrashLog();  // a stack overflow can still be reported
  struct sigaction sa {};
  sa.sa_handler = OnFatalSignal;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
  std::set_terminate([] {
    std::string what = "std::terminate without an exception";
    if (auto e = std::current_exception()) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        what = std::string("uncaught exception: ") + ex.what();
      } catch (...) {
        what = "uncaught non-standard exception";
      }
    }
    invento::server::LogError("process", what);
    std::abort();
  });
}

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
  const bool admin_command =
      command == "create-admin" || command == "check-alerts" || command == "backup-database" ||
      command == "restore-database" || command == "seed-demo";
  if (command != "serve" && command != "init-db" && command != "migrate" && !admin_command) {
    std::fputs(kUsage, stderr);
    return Fail("unknown command '" + command + "'");
  }
  const std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  if (!admin_command && !args.empty()) {
    std::fputs(kUsage, stderr);
    return Fail(command + " takes no arguments (got '" + args.front() + "')");
  }
  InstallCrashLog();
  if (sodium_init() < 0) return Fail("libsodium failed to initialise");
  auto config = invento::server::ConfigFromVariables(invento::server::ProcessVariables());
  if (!config.ok()) return Fail(config.status().message());
  if (command == "create-admin") {
    return invento::server::CreateAdminCommand(config.value(), args, std::cout, std::cerr);
  }
  if (command == "check-alerts") {
    return invento::server::CheckAlertsCommand(config.value(), args, std::cout, std::cerr);
  }
  if (command == "backup-database") {
    return invento::server::BackupDatabaseCommand(config.value(), args, std::cout, std::cerr);
  }
  if (command == "restore-database") {
    return invento::server::RestoreDatabaseCommand(config.value(), args, std::cout, std::cerr);
  }
  if (command == "seed-demo") {
    return invento::server::SeedDemoCommand(config.value(), args, std::cout, std::cerr);
  }
  auto app = invento::server::App::Create(config.value());
  if (!app.ok()) return Fail(app.status().ToString());
  if (command != "serve") {
    std::printf("database %s is ready\n", config->database_path.c_str());
    return 0;
  }
  // Held while serving: restore-database refuses to replace the database under a server.
  if (invento::server::HoldServingLock(config->database_path) < 0) {
    return Fail("cannot lock " + config->database_path + ".lock: is restore-database running?");
  }
  invento::server::HttpServer server(**app);
  auto port = server.Start(2);
  if (!port.ok()) return Fail(port.status().message());
  server.StopOnSignals();
  // The daily alert e-mails (ALERTS_DAILY_AT), stopped with the server.
  std::unique_ptr<invento::server::DailyDigests> digests;
  if (config->alerts_daily_at_minute >= 0) {
    digests = std::make_unique<invento::server::DailyDigests>(config.value());
  }
  std::printf("Invento listening on http://%s:%d (database %s, web %s, attachments %s)\n",
              config->bind_address.c_str(), port.value(), config->database_path.c_str(),
              config->web_root.c_str(), invento::server::AttachmentsDir(config.value()).c_str());
  std::fflush(stdout);
  server.Wait();
  digests.reset();
  std::printf("Invento stopped\n");
  return 0;
}

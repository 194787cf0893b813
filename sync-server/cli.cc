// Option parsing shared by the subcommands, and create-admin (cli.h).
#include "sync-server/cli.h"

#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "core/base/clock.h"
#include "core/core.h"
#include "sync-server/accounts.h"
#include "sync-server/cli_support.h"
#include "sync-server/db_settings.h"

namespace invento::server {

Result<std::map<std::string, std::string>> ParseOptions(const CliArgs& args,
                                                        const std::vector<std::string>& allowed) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      return Status::InvalidArgument("unexpected argument '" + a + "'");
    }
    std::string name = a.substr(2), value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      return Status::InvalidArgument("unknown option --" + name, name);
    }
    if (!has_value) {
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
        return Status::InvalidArgument("--" + name + " needs a value", name);
      }
      value = args[++i];
    }
    if (out.count(name)) return Status::InvalidArgument("--" + name + " is given twice", name);
    out[name] = value;
  }
  return out;
}

bool IsValidEmail(const std::string& email) {
  if (email.size() < 3 || email.size() > 254) return false;
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != std::string::npos) {
    return false;
  }
  const std::string local = email.substr(0, at), domain = email.substr(at + 1);
  for (unsigned char c : local) {
    if (c <= ' ' || c >= 0x7F ||
        std::string_view("(),:;<>[]\\\"").find(static_cast<char>(c)) != std::string_view::npos) {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos)
    return false;
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string::npos || domain.front() == '-') {
    return false;
  }
  for (unsigned char c : domain) {
    if (!(std::isalnum(c) || c == '-' || c == '.')) return false;
  }
  return true;
}

std::string GeneratePassword() {
  // No look-alikes (0/O, 1/l/I): the password is read from a terminal and typed once.
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  std::string out;
  for (int group = 0; group < 4; ++group) {
    if (group) out += '-';
    for (int i = 0; i < 5; ++i) {
      out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
  }
  return out;
}

std::string UtcStamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%SZ", &tm);
  return buf;
}

Result<ServerDatabase> OpenServerDatabase(const Config& config, bool must_exist) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (must_exist && config.postgres_url.empty() && !fs::is_regular_file(config.database_path, ec)) {
    return Status::NotFound("no database at " + config.database_path +
                            " (DATABASE_URL): run 'invento-server init-db' first");
  }
  auto parent = fs::path(config.database_path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  const bool replica_existed = fs::exists(config.database_path, ec);
  ServerDatabase db;
  INVENTO_ASSIGN_OR_RETURN(db.core, Core::Open({.path = config.database_path, .server_tables = true,
                                                .pragmas = server::kCliConnectionPragmas}));
  if (!config.postgres_url.empty()) {
    auto mirror = PgMirror::Open(config.postgres_url, db.core->db(), /*create=*/!must_exist);
    if (!mirror.ok()) {
      db.core.reset();
      // A replica made only for this failed attempt is not left behind.
      if (!replica_existed) {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(config.database_path + suffix, ec);
      }
      return mirror.status();
    }
    db.mirror = std::move(mirror).value();
  }
  return db;
}

int CreateAdminCommand(const Config& config, const CliArgs& args, std::ostream& out,
                       std::ostream& err) {
  auto options = ParseOptions(args, {"email", "username", "display-name"});
  if (!options.ok()) {
    err << "create-admin: " << options.status().message() << "\n"
        << "usage: invento-server create-admin --email E [--username U] [--display-name N]\n";
    return 2;
  }
  auto& o = options.value();
  if (!o.count("email")) {
    err << "create-admin: --email is required\n"
        << "usage: invento-server create-admin --email E [--username U] [--display-name N]\n";
    return 2;
  }
  const std::string email = o["email"];
  if (!IsValidEmail(email)) {
    err << "create-admin: '" << email << "' is not a valid e-mail address\n";
    return 1;
  }
  const bool username_given = o.count("username") > 0;
  std::string lower_email = email;
  for (auto& c : lower_email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Accounts::NewUser user{
      .username = username_given ? o["username"] : lower_email,
      .display_name = o.count("display-name") ? o["display-name"] : "Administrator",
      .email = email,
      .role = "admin",
      .password = GeneratePassword(),
      .must_change_password = true};
  auto core = OpenServerDatabase(config, /*must_exist=*/false);
  if (!core.ok()) {
    err << "create-admin: " << core.status().ToString() << "\n";
    return 1;
  }
  Accounts accounts((*core)->db(), config.fast_password_hash);
  auto id = core->Unit([&] { return accounts.CreateUser(user, NowMs() / 1000); });
  if (!id.ok()) {
    std::string hint;
    if (id.status().field() == "username") {
      hint = username_given
                 ? ": choose another with --username"
                 : ": the username defaults to the e-mail address; choose one with --username";
    }
    err << "create-admin: " << id.status().message() << hint << "\n";
    return 1;
  }
  out << "Created administrator " << user.username << " <" << email << "> (id " << id.value()
      << ") in " << (config.postgres_url.empty() ? config.database_path : "the PostgreSQL database") << "\n"
      << "  username: " << user.username << "\n"
      << "  password: " << user.password << "\n"
      << "This password is shown only once. It must be changed at the first sign-in.\n";
  return 0;
}

}  // namespace invento::server

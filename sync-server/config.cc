#include "sync-server/config.h"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sync-server/client_address.h"

extern char** environ;

namespace invento::server {
namespace {

Result<long> ParseNumber(const std::string& name, const std::string& value, long min, long max) {
  char* end = nullptr;
  long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || v < min || v > max) {
    return Status::InvalidArgument(name + " must be a number between " + std::to_string(min) +
                                   " and " + std::to_string(max) + " (got '" + value + "')");
  }
  return v;
}

template <typename Get>
Status ReadMail(const Get& get, Config& c) {
  if (auto v = get("MAIL_SERVER")) {
    if (v->find_first_of(" \t\r\n/") != std::string::npos) {
      return Status::InvalidArgument("MAIL_SERVER must be a host name or IP address (got '" + *v + "')");
    }
    c.mail_server = *v;
  }
  if (auto v = get("MAIL_USE_TLS")) {
    if (*v == "true" || *v == "1" || *v == "yes") {
      c.mail_use_tls = true;
    } else if (*v == "false" || *v == "0" || *v == "no") {
      c.mail_use_tls = false;
    } else {
      return Status::InvalidArgument("MAIL_USE_TLS must be true or false (got '" + *v + "')");
    }
  }
  if (auto v = get("MAIL_PORT")) {
    INVENTO_ASSIGN_OR_RETURN(long p, ParseNumber("MAIL_PORT", *v, 1, 65535));
    c.mail_port = static_cast<int>(p);
  }
  if (auto v = get("MAIL_USERNAME")) c.mail_username = *v;
  if (auto v = get("MAIL_PASSWORD")) c.mail_password = *v;
  if (c.mail_username.empty() != c.mail_password.empty()) {
    return Status::InvalidArgument(c.mail_username.empty() ? "MAIL_USERNAME is required with MAIL_PASSWORD"
                                                           : "MAIL_PASSWORD is required with MAIL_USERNAME");
  }
  if (auto v = get("MAIL_FROM")) {
    const auto at = v->find('@');
    if (at == std::string::npos || at == 0 || at + 1 == v->size() ||
        v->find_first_of(" \t\r\n<>,") != std::string::npos) {
      return Status::InvalidArgument("MAIL_FROM must be an e-mail address such as alerts@example.com (got '" +
                                     *v + "')");
    }
    c.mail_from = *v;
  }
  if (auto v = get("MAIL_CA_FILE")) {
    if (!std::filesystem::is_regular_file(*v)) {
      return Status::InvalidArgument("MAIL_CA_FILE must be a readable PEM file (got '" + *v + "')");
    }
    c.mail_ca_file = *v;
  }
  if (auto v = get("ALERTS_DAILY_AT")) {
    const std::string& t = *v;
    const bool shape = t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
                       std::isdigit(static_cast<unsigned char>(t[1])) &&
                       std::isdigit(static_cast<unsigned char>(t[3])) &&
                       std::isdigit(static_cast<unsigned char>(t[4]));
    const int h = shape ? (t[0] - '0') * 10 + (t[1] - '0') : 99;
    const int m = shape ? (t[3] - '0') * 10 + (t[4] - '0') : 99;
    if (h > 23 || m > 59) {
      return Status::InvalidArgument("ALERTS_DAILY_AT must be a time written HH:MM, 00:00 to 23:59 (got '" + t +
                                     "')");
    }
    c.alerts_daily_at_minute = h * 60 + m;
  }
  if (c.mail_server.empty()) {
    for (const char* k : {"MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME", "MAIL_FROM", "MAIL_CA_FILE"}) {
      if (get(k)) return Status::InvalidArgument(std::string(k) + " is set but MAIL_SERVER is not");
    }
    if (c.alerts_daily_at_minute >= 0) {
      return Status::InvalidArgument("ALERTS_DAILY_AT needs MAIL_SERVER (the digests are sent by e-mail)");
    }
  } else if (c.mail_from.empty()) {
    return Status::InvalidArgument("MAIL_FROM is required with MAIL_SERVER (the digests' sender address)");
  }
  if (c.mail_port == 0) c.mail_port = c.mail_use_tls ? 587 : 25;
  return Status::Ok();
}

}  // namespace

Result<std::string> SqlitePathFromUrl(const std::string& url) {
  if (url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0) {
    return Status::InvalidArgument("DATABASE_URL: a PostgreSQL URL names no SQLite file");
  }
  std::string path = url;
  if (url.rfind("sqlite:///", 0) == 0) {
    path = url.substr(10);  // sqlite:///relative/path, sqlite:////absolute/path
  } else if (url.find("://") != std::string::npos) {
    return Status::InvalidArgument("DATABASE_URL must be a file path, sqlite:///relative/path or "
                                   "sqlite:////absolute/path (got '" + url + "')");
  }
  if (path.empty() || path.back() == '/' || path.find('\0') != std::string::npos) {
    return Status::InvalidArgument("DATABASE_URL must name a database file (got '" + url + "')");
  }
  return path;
}

std::map<std::string, std::string> ProcessVariables() {
  std::map<std::string, std::string> vars;
  std::ifstream env_file(".env");
  std::string line;
  while (std::getline(env_file, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    vars[line.substr(0, eq)] = value;
  }
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return vars;
}

Result<Config> ConfigFromVariables(const std::map<std::string, std::string>& env) {
  Config c;
  auto get = [&](const char* k) -> const std::string* {
    auto it = env.find(k);
    return it == env.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (auto v = get("DATABASE_URL")) {
    if (v->rfind("postgres://", 0) == 0 || v->rfind("postgresql://", 0) == 0) {
      if (v->find_first_of(" \t\r\n") != std::string::npos) {
        return Status::InvalidArgument("DATABASE_URL: a postgresql:// URL has no spaces (percent-encode them)");
      }
      c.postgres_url = *v;
      c.database_path = "data/replica.db";
    } else {
      INVENTO_ASSIGN_OR_RETURN(c.database_path, SqlitePathFromUrl(*v));
    }
  }
  if (auto v = get("REPLICA_PATH")) {
    if (c.postgres_url.empty()) {
      return Status::InvalidArgument("REPLICA_PATH is only used with a postgresql:// DATABASE_URL");
    }
    auto path = SqlitePathFromUrl(*v);
    if (!path.ok()) return Status::InvalidArgument("REPLICA_PATH: " + path.status().message());
    c.database_path = path.value();
  }
  if (auto v = get("PORT")) {
    INVENTO_ASSIGN_OR_RETURN(long p, ParseNumber("PORT", *v, 0, 65535));
    c.port = static_cast<int>(p);
  }
  if (auto v = get("BIND_ADDRESS")) {
    if (!IsIpAddress(*v)) {
      return Status::InvalidArgument("BIND_ADDRESS must be an IP address such as 127.0.0.1 or "
                                     "0.0.0.0 (got '" + *v + "')");
    }
    c.bind_address = *v;
  }
  if (auto v = get("WEB_ROOT")) c.web_root = *v;
  if (auto v = get("BODY_LIMIT")) {
    INVENTO_ASSIGN_OR_RETURN(long b, ParseNumber("BODY_LIMIT", *v, 1024, 1L << 30));
    c.body_limit = static_cast<std::size_t>(b);
  }
  if (auto v = get("READ_TIMEOUT")) {
    INVENTO_ASSIGN_OR_RETURN(long t, ParseNumber("READ_TIMEOUT", *v, 1, 3600));
    c.read_timeout_seconds = static_cast<int>(t);
  }
  if (auto v = get("PASSWORD_HASH_COST")) {
    if (*v != "interactive" && *v != "min") {
      return Status::InvalidArgument("PASSWORD_HASH_COST must be 'interactive' or 'min'");
    }
    c.fast_password_hash = *v == "min";
  }
  if (auto v = get("ATTACHMENTS_DIR")) {
    if (v->find('\0') != std::string::npos || v->find_first_not_of(" \t") == std::string::npos) {
      return Status::InvalidArgument("ATTACHMENTS_DIR must be a folder path");
    }
    c.attachments_dir = *v;
  }
  if (auto v = get("ATTACHMENT_MAX_BYTES")) {
    INVENTO_ASSIGN_OR_RETURN(long m, ParseNumber("ATTACHMENT_MAX_BYTES", *v, 1, 1L << 30));
    c.attachment_max_bytes = static_cast<std::size_t>(m);
  }
  if (auto v = get("SNAPSHOT_MIN_VERSION")) {
    INVENTO_ASSIGN_OR_RETURN(long m, ParseNumber("SNAPSHOT_MIN_VERSION", *v, 0, 1L << 50));
    c.snapshot_min_version = m;
  }
  INVENTO_RETURN_IF_ERROR(ReadMail(get, c));
  if (auto v = get("TRUSTED_PROXIES")) {
    std::stringstream list(*v);
    std::string a;
    while (std::getline(list, a, ',')) {
      a.erase(0, a.find_first_not_of(" \t"));
      a.erase(a.find_last_not_of(" \t") + 1);
      if (!IsIpAddress(a)) {
        return Status::InvalidArgument("TRUSTED_PROXIES must be IP addresses separated by commas (got '" +
                                       a + "')");
      }
      c.trusted_proxies.push_back(a);
    }
  }
  return c;
}

std::string AttachmentsDir(const Config& config) {
  if (!config.attachments_dir.empty()) return config.attachments_dir;
  return (std::filesystem::path(config.database_path).parent_path() / "attachments").string();
}

}  // namespace invento::server

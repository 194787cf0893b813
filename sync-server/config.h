// Server configuration from the environment, with a `.env` file in the working directory
// as a fallback (real environment variables win).
//
//   DATABASE_URL  SQLite file: a path, sqlite:///relative/path (as in the original
//                 specification) or sqlite:////absolute/path; default data/invento.db.
//                 Or postgresql://user:password@host:port/database (libpq's URI form):
//                 PostgreSQL is the store of record, shared by several server processes
//                 (sync-server/pg_mirror.h).
//   REPLICA_PATH  with PostgreSQL: this process's SQLite working copy, rebuilt from
//                 PostgreSQL when missing; default data/replica.db (same forms as above).
//   PORT          default 8080 (0: any free port)
//   BIND_ADDRESS  an IP address, default 127.0.0.1
//   WEB_ROOT      built web app, default web/dist
//   BODY_LIMIT    max request body in bytes, default 1 MiB
//   READ_TIMEOUT  seconds to receive a whole request, default 30
//   PASSWORD_HASH_COST  "interactive" (default) or "min" (tests only: fast Argon2id)
//   ATTACHMENTS_DIR       where attachment bytes are stored, by sha256; default: a folder
//                         "attachments" next to the SQLite database. Must not lie inside
//                         WEB_ROOT (checked by App::Create: the files would be public).
//   ATTACHMENT_MAX_BYTES  largest attachment upload, default 25 MiB (26214400), 1..1 GiB.
//                         Uploads are held in memory while they are checked.
//   SNAPSHOT_MIN_VERSION  a fresh device's first sync downloads a database snapshot instead of
//                         pulling row by row once the server is at this version or later;
//                         default 5000, 0 disables snapshots (sync-server/snapshot_store.h).
//   TRUSTED_PROXIES       comma-separated IP addresses of reverse proxies whose
//                         X-Forwarded-For is believed (client_address.h); default none.
//   MAIL_SERVER           SMTP host for the alert digests (check-alerts, ALERTS_DAILY_AT);
//                         unset: no e-mail is sent. The other MAIL_ variables need it.
//   MAIL_PORT             default 587 with MAIL_USE_TLS, else 25
//   MAIL_USE_TLS          true/false (default false): STARTTLS before anything else; the
//                         server's certificate and host name are verified
//   MAIL_USERNAME         SMTP authentication (AUTH PLAIN, or LOGIN), with MAIL_PASSWORD;
//   MAIL_PASSWORD         both or neither
//   MAIL_FROM             the sender address, required with MAIL_SERVER
//   MAIL_CA_FILE          PEM certificates trusted for MAIL_USE_TLS instead of the system's
//   ALERTS_DAILY_AT       HH:MM (server local time): `serve` sends the digests every day then;
//                         unset: only the check-alerts command sends them
// Every value is checked; a bad one fails start-up with a message naming the variable.
// .env.example lists them all (tests/server/config_test.cc keeps the two lists equal).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace invento::server {

struct Config {
  std::string database_path = "data/invento.db";  // with PostgreSQL: the replica
  std::string postgres_url;                       // empty: SQLite alone
  std::string bind_address = "127.0.0.1";
  int port = 8080;
  std::string web_root = "web/dist";
  std::size_t body_limit = 1 << 20;
  int read_timeout_seconds = 30;
  bool fast_password_hash = false;
  std::string attachments_dir;  // empty: "attachments" next to the database
  std::size_t attachment_max_bytes = 25 << 20;
  std::string mail_server;  // empty: no e-mail
  int mail_port = 0;         // 0: 587 with TLS, 25 without
  bool mail_use_tls = false;
  std::string mail_username, mail_password, mail_from, mail_ca_file;
  int alerts_daily_at_minute = -1;  // minutes after local midnight; -1: not scheduled
  std::vector<std::string> trusted_proxies;
  std::int64_t snapshot_min_version = 5000;  // 0: never serve snapshots
};

// The attachments folder: attachments_dir, or "attachments" next to the database file.
std::string AttachmentsDir(const Config& config);

// The SQLite file a DATABASE_URL names (see above), or invalid_argument naming DATABASE_URL.
Result<std::string> SqlitePathFromUrl(const std::string& url);
// Reads variables from `env` (normally the process environment merged with .env).
Result<Config> ConfigFromVariables(const std::map<std::string, std::string>& env);
// The process environment, with .env (if present in the working directory) underneath.
std::map<std::string, std::string> ProcessVariables();

}  // namespace invento::server

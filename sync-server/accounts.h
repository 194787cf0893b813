// User accounts and bearer sessions (server-only tables from schema/server).
//
// Passwords are hashed with Argon2id (libsodium crypto_pwhash_str). A session token is 256
// random bits (randombytes_buf), hex-encoded, returned once to the client and stored only as
// its SHA-256. Sessions expire after kSessionSeconds. Login failures return the same
// unauthenticated error whether the username exists or not.
// Not thread-safe: the caller serialises access to the database.
#pragma once

#include <cstdint>
#include <string>

#include "core/auth/permissions.h"
#include "core/db/sqlite.h"

namespace invento { using Json = nlohmann::json; }

namespace invento::server {

struct SessionUser {
  std::string user_id;
  std::string username;
  std::string display_name;
  Role role = Role::kConsultant;
  bool must_change_password = false;
};

struct LoginResult {
  std::string token;
  SessionUser user;
};

class Accounts {
 public:
  static constexpr std::int64_t kSessionSeconds = 30 * 24 * 3600;
  static constexpr const char* kBootstrapUser = "admin";
  static constexpr const char* kBootstrapPassword = "Admin123!";

  Accounts(db::Db& db, bool fast_hash) : db_(db), fast_hash_(fast_hash) {}

  // Creates admin / Admin123! (must change password) when there is no user at all.
  Status EnsureBootstrapAdmin(std::int64_t now);
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            std::int64_t now);
  Result<SessionUser> Authenticate(const std::string& token, std::int64_t now);
  Status Logout(const std::string& token);
  Status ChangePassword(const std::string& user_id, const std::string& current,
                        const std::string& next);
  Result<std::string> HashPassword(const std::string& password) const;

  // --- administration (the caller checks that the actor is an admin) ---
  struct NewUser {
    std::string username, display_name, email, role, password;
    bool must_change_password = true;
  };
  // conflict (field username) if taken; invalid_argument for bad fields.
  Result<std::string> CreateUser(const NewUser& user, std::int64_t now);
  Result<Json> ListUsers();
  // Any of role / active / display_name / email; deactivating revokes the user's sessions.
  Status UpdateUser(const std::string& id, const Json& changes);
  Status ResetPassword(const std::string& id, const std::string& password);
  Result<Json> ListSessions(std::int64_t now);
  Status RevokeSession(const std::string& session_id);

 private:
  db::Db& db_;
  bool fast_hash_;
};

std::string Sha256Hex(const std::string& data);

}  // namespace invento::server

// User accounts and bearer sessions (server-only tables from schema/server).
//
// Passwords are hashed with Argon2id (libsodium crypto_pwhash_str). A session token is 256
// random bits (randombytes_buf), hex-encoded, returned once to the client and stored only as
// its SHA-256. Sessions expire after kSessionSeconds. Login failures return the same
// unauthenticated error whether the username exists or not.
// Not thread-safe for the database: the caller serialises the methods that touch it. The
// Argon2id work (VerifyLogin, CheckPasswordChange, HashPassword, ValidateNewUser) touches no
// database and is meant to run outside that lock (sign-in is lookup -> verify -> session).
#pragma once

#include <cstdint>
#include <optional>
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

// A user's stored password hash, read under the database lock and checked outside it.
struct Credentials {
  SessionUser user;
  std::string password_hash;
};

class Accounts {
 public:
  static constexpr std::int64_t kSessionSeconds = 30 * 24 * 3600;
  static constexpr const char* kBootstrapUser = "admin";
  static constexpr const char* kBootstrapPassword = "Admin123!";

  Accounts(db::Db& db, bool fast_hash) : db_(db), fast_hash_(fast_hash) {}

  // Creates admin / Admin123! (must change password) when there is no user at all.
  Status EnsureBootstrapAdmin(std::int64_t now);

  // --- sign-in, in three steps so Argon2id never runs under the database lock ---
  // 1 (database): the active user with this username; nullopt if none.
  Result<std::optional<Credentials>> FindForLogin(const std::string& username);
  // 2 (no database, ~50 ms): whether password matches; with no credentials, spends the
  // same time hashing so timing does not reveal unknown usernames.
  bool VerifyLogin(const std::optional<Credentials>& credentials, const std::string& password) const;
  // 3 (database): a new session for the user; returns the bearer token (256 random bits, hex).
  Result<std::string> StartSession(const std::string& user_id, std::int64_t now);

  Result<SessionUser> Authenticate(const std::string& token, std::int64_t now);
  Status Logout(const std::string& token);

  // --- password change, same split: PasswordHashOf (database), CheckPasswordChange +
  // HashPassword (no database), StorePassword (database). ---
  Result<std::string> PasswordHashOf(const std::string& user_id);
  // invalid_argument (field new_password) for a short, long, common or unchanged new
  // password; (field current_password) when current does not match stored_hash.
  static Status CheckPasswordChange(const std::string& stored_hash, const std::string& current,
                                    const std::string& next);
  // Sets the hash, clears must_change_password and revokes every other session of the
  // user (all but keep_token; empty: all).
  Status StorePassword(const std::string& user_id, const std::string& hash,
                       const std::string& keep_token);
  Result<std::string> HashPassword(const std::string& password) const;

  // --- administration (the caller checks that the actor is an admin) ---
  struct NewUser {
    std::string username, display_name, email, role, password;
    bool must_change_password = true;
  };
  // The checks CreateUser makes without the database (to run before hashing).
  static Status ValidateNewUser(const NewUser& user);
  // conflict (field username) if taken; invalid_argument for bad fields. password_hash is
  // HashPassword(user.password), computed by the caller outside the database lock.
  Result<std::string> CreateUser(const NewUser& user, const std::string& password_hash,
                                 std::int64_t now);
  // Hashes and creates (for the CLI, which holds no lock).
  Result<std::string> CreateUser(const NewUser& user, std::int64_t now);
  Result<Json> ListUsers();
  // Any of role / active / display_name / email; deactivating revokes the user's sessions.
  Status UpdateUser(const std::string& id, const Json& changes);
  // Stores a new (already hashed) password that must be changed at the next sign-in and
  // revokes the user's sessions.
  Status ResetPassword(const std::string& id, const std::string& password_hash);

  Result<Json> ListSessions(std::int64_t now);
  Status RevokeSession(const std::string& session_id);

 private:
  db::Db& db_;
  bool fast_hash_;
};

std::string Sha256Hex(const std::string& data);
// A random (version 4) UUID, as text.
std::string RandomUuid();

}  // namespace invento::server

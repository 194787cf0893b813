#include "sync-server/accounts.h"

#include <sodium.h>

#include "core/base/text.h"
#include "sync-server/password_policy.h"

namespace invento::server {
namespace {

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string RandomUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  std::string h = Hex(b, sizeof b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

std::string Sha256Hex(const std::string& data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::string hex(sizeof out * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, sizeof out);
  hex.pop_back();
  return hex;
}

Result<std::string> Accounts::HashPassword(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  auto ops = fast_hash_ ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  auto mem = fast_hash_ ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str(out, password.data(), password.size(), ops, mem) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

Status Accounts::EnsureBootstrapAdmin(std::int64_t now) {
  INVENTO_ASSIGN_OR_RETURN(db::Json n, db_.QueryValue("SELECT count(*) FROM users"));
  if (n.get<std::int64_t>() > 0) return Status::Ok();
  INVENTO_ASSIGN_OR_RETURN(std::string hash, HashPassword(kBootstrapPassword));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "INSERT INTO users (id, username, username_key, display_name, role, password_hash,"
      " must_change_password, created_at) VALUES (?, ?, ?, 'Administrator', 'admin', ?, 1, ?)"));
  st.Bind(1, std::string_view(RandomUuid()))
      .Bind(2, std::string_view(kBootstrapUser))
      .Bind(3, std::string_view(kBootstrapUser))
      .Bind(4, std::string_view(hash))
      .Bind(5, now);
  return st.Run();
}

Result<std::optional<Credentials>> Accounts::FindForLogin(const std::string& username) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "SELECT id, username, display_name, role, password_hash, must_change_password"
      " FROM users WHERE username_key = ? AND active = 1"));
  st.Bind(1, std::string_view(FoldKey(username)));
  INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
  if (!found) return std::optional<Credentials>();
  INVENTO_ASSIGN_OR_RETURN(Role role, ParseRole(st.Text(3)));
  return std::optional<Credentials>(
      Credentials{{st.Text(0), st.Text(1), st.Text(2), role, st.Int(5) == 1}, st.Text(4)});
}

bool Accounts::VerifyLogin(const std::optional<Credentials>& c, const std::string& password) const {
  if (!c) {
    // Spend the same time as a real check so timing does not reveal unknown usernames.
    (void)HashPassword(password);
    return false;
  }
  return crypto_pwhash_str_verify(c->password_hash.c_str(), password.data(), password.size()) == 0;
}

Result<std::string> Accounts::StartSession(const std::string& user_id, std::int64_t now) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string token = Hex(raw, sizeof raw);
  INVENTO_ASSIGN_OR_RETURN(db::Stmt ins, db_.Prepare(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
  ins.Bind(1, std::string_view(Sha256Hex(token)))
      .Bind(2, std::string_view(user_id))
      .Bind(3, now)
      .Bind(4, now + kSessionSeconds);
  INVENTO_RETURN_IF_ERROR(ins.Run());
  return token;
}

Result<SessionUser> Accounts::Authenticate(const std::string& token, std::int64_t now) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "SELECT u.id, u.username, u.display_name, u.role, u.must_change_password"
      " FROM sessions s JOIN users u ON u.id = s.user_id"
      " WHERE s.token_hash = ? AND s.revoked = 0 AND s.expires_at > ? AND u.active = 1"));
  st.Bind(1, std::string_view(Sha256Hex(token))).Bind(2, now);
  INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
  if (!found) return Status::Forbidden("session expired or revoked: sign in again");
  INVENTO_ASSIGN_OR_RETURN(Role role, ParseRole(st.Text(3)));
  return SessionUser{st.Text(0), st.Text(1), st.Text(2), role, st.Int(4) == 1};
}

Status Accounts::Logout(const std::string& token) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st,
                           db_.Prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = ?"));
  st.Bind(1, std::string_view(Sha256Hex(token)));
  return st.Run();
}

Result<std::string> Accounts::PasswordHashOf(const std::string& user_id) {
  INVENTO_ASSIGN_OR_RETURN(db::Json hash,
                           db_.QueryValue("SELECT password_hash FROM users WHERE id = ?",
                                          {db::Json(user_id)}));
  if (!hash.is_string()) return Status::NotFound("no such user", "id");
  return hash.get<std::string>();
}

Status Accounts::CheckPasswordChange(const std::string& stored_hash, const std::string& current,
                                     const std::string& next) {
  INVENTO_RETURN_IF_ERROR(CheckNewPassword(next, "new_password"));
  if (next == current) {
    return Status::InvalidArgument("the new password must differ from the current one",
                                   "new_password");
  }
  if (crypto_pwhash_str_verify(stored_hash.c_str(), current.data(), current.size()) != 0) {
    return Status::InvalidArgument("the current password is wrong", "current_password");
  }
  return Status::Ok();
}

Status Accounts::StorePassword(const std::string& user_id, const std::string& hash,
                               const std::string& keep_token) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?"));
  st.Bind(1, std::string_view(hash)).Bind(2, std::string_view(user_id));
  INVENTO_RETURN_IF_ERROR(st.Run());
  // Whoever else holds a session of this user (a stolen token, a forgotten tablet) must
  // sign in again with the new password.
  INVENTO_ASSIGN_OR_RETURN(db::Stmt rv, db_.Prepare(
      "UPDATE sessions SET revoked = 1 WHERE user_id = ? AND token_hash <> ?"));
  rv.Bind(1, std::string_view(user_id)).Bind(2, std::string_view(keep_token.empty() ? "" : Sha256Hex(keep_token)));
  return rv.Run();
}

}  // namespace invento::server

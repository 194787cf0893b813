#include "sync-server/accounts.h"

#include <sodium.h>

#include "core/base/text.h"

namespace invento::server {
namespace {

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

std::string RandomUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  std::string h = Hex(b, sizeof b);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

Status Unauthenticated() { return Status::Forbidden("invalid username or password"); }

}  // namespace

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

Result<LoginResult> Accounts::Login(const std::string& username, const std::string& password,
                                    std::int64_t now) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "SELECT id, username, display_name, role, password_hash, must_change_password"
      " FROM users WHERE username_key = ? AND active = 1"));
  st.Bind(1, std::string_view(FoldKey(username)));
  INVENTO_ASSIGN_OR_RETURN(bool found, st.Step());
  if (!found) {
    // Spend the same time as a real check so timing does not reveal unknown usernames.
    (void)HashPassword(password);
    return Unauthenticated();
  }
  std::string hash = st.Text(4);
  if (crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) != 0) {
    return Unauthenticated();
  }
  INVENTO_ASSIGN_OR_RETURN(Role role, ParseRole(st.Text(3)));
  LoginResult out{{}, {st.Text(0), st.Text(1), st.Text(2), role, st.Int(5) == 1}};
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string token(sizeof raw * 2 + 1, '\0');
  sodium_bin2hex(token.data(), token.size(), raw, sizeof raw);
  token.pop_back();
  INVENTO_ASSIGN_OR_RETURN(db::Stmt ins, db_.Prepare(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
  ins.Bind(1, std::string_view(Sha256Hex(token)))
      .Bind(2, std::string_view(out.user.user_id))
      .Bind(3, now)
      .Bind(4, now + kSessionSeconds);
  INVENTO_RETURN_IF_ERROR(ins.Run());
  out.token = std::move(token);
  return out;
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

Status Accounts::ChangePassword(const std::string& user_id, const std::string& current,
                                const std::string& next) {
  if (next.size() < 8 || next.size() > 128) {
    return Status::InvalidArgument("the new password must be 8 to 128 characters long",
                                   "new_password");
  }
  if (next == current) {
    return Status::InvalidArgument("the new password must differ from the current one",
                                   "new_password");
  }
  INVENTO_ASSIGN_OR_RETURN(db::Json hash,
                           db_.QueryValue("SELECT password_hash FROM users WHERE id = ?",
                                          {db::Json(user_id)}));
  if (!hash.is_string() ||
      crypto_pwhash_str_verify(hash.get<std::string>().c_str(), current.data(), current.size()) != 0) {
    return Status::InvalidArgument("the current password is wrong", "current_password");
  }
  INVENTO_ASSIGN_OR_RETURN(std::string next_hash, HashPassword(next));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?"));
  st.Bind(1, std::string_view(next_hash)).Bind(2, std::string_view(user_id));
  return st.Run();
}

}  // namespace invento::server

namespace invento::server {
namespace {

Status CheckPassword(const std::string& p, const char* field) {
  if (p.size() < 8 || p.size() > 128) {
    return Status::InvalidArgument("passwords must be 8 to 128 characters long", field);
  }
  return Status::Ok();
}

bool ValidUsername(const std::string& u) {
  if (u.empty() || u.size() > 64) return false;
  for (char c : u) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '@')) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::string> Accounts::CreateUser(const NewUser& u, std::int64_t now) {
  if (!ValidUsername(u.username)) {
    return Status::InvalidArgument(
        "usernames are 1 to 64 letters, digits, '.', '-', '_' or '@'", "username");
  }
  if (u.display_name.empty() || u.display_name.size() > 120) {
    return Status::InvalidArgument("display_name must be 1 to 120 characters", "display_name");
  }
  if (u.email.size() > 254 || (!u.email.empty() && u.email.find('@') == std::string::npos)) {
    return Status::InvalidArgument("email is not a valid address", "email");
  }
  INVENTO_ASSIGN_OR_RETURN(Role role, ParseRole(u.role));
  (void)role;
  INVENTO_RETURN_IF_ERROR(CheckPassword(u.password, "password"));
  INVENTO_ASSIGN_OR_RETURN(db::Json taken, db_.QueryValue(
      "SELECT count(*) FROM users WHERE username_key = ?", {db::Json(FoldKey(u.username))}));
  if (taken.get<std::int64_t>() > 0) {
    return Status::Conflict("the username " + u.username + " is already taken", "username");
  }
  INVENTO_ASSIGN_OR_RETURN(std::string hash, HashPassword(u.password));
  std::string id = RandomUuid();
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "INSERT INTO users (id, username, username_key, display_name, email, role, password_hash,"
      " must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st.Bind(1, std::string_view(id)).Bind(2, std::string_view(u.username));
  st.Bind(3, std::string_view(FoldKey(u.username))).Bind(4, std::string_view(u.display_name));
  st.Bind(5, u.email.empty() ? db::Json() : db::Json(u.email)).Bind(6, std::string_view(u.role));
  st.Bind(7, std::string_view(hash)).Bind(8, std::int64_t{u.must_change_password ? 1 : 0}).Bind(9, now);
  INVENTO_RETURN_IF_ERROR(st.Run());
  return id;
}

Result<Json> Accounts::ListUsers() {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "SELECT id, username, display_name, email, role, active, must_change_password, created_at"
      " FROM users ORDER BY username_key"));
  Json out = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    o["active"] = o["active"] == 1;
    o["must_change_password"] = o["must_change_password"] == 1;
    out.push_back(std::move(o));
  }
  return out;
}

Status Accounts::UpdateUser(const std::string& id, const Json& c) {
  INVENTO_ASSIGN_OR_RETURN(db::Json exists, db_.QueryValue("SELECT count(*) FROM users WHERE id = ?", {db::Json(id)}));
  if (exists.get<std::int64_t>() == 0) return Status::NotFound("no such user", "id");
  if (c.contains("role")) {
    if (!c["role"].is_string()) return Status::InvalidArgument("role must be a string", "role");
    INVENTO_ASSIGN_OR_RETURN(Role r, ParseRole(c["role"].get<std::string>()));
    (void)r;
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("UPDATE users SET role = ? WHERE id = ?"));
    st.Bind(1, c["role"]).Bind(2, std::string_view(id));
    INVENTO_RETURN_IF_ERROR(st.Run());
  }
  if (c.contains("display_name")) {
    if (!c["display_name"].is_string() || c["display_name"].get<std::string>().empty() ||
        c["display_name"].get<std::string>().size() > 120) {
      return Status::InvalidArgument("display_name must be 1 to 120 characters", "display_name");
    }
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("UPDATE users SET display_name = ? WHERE id = ?"));
    st.Bind(1, c["display_name"]).Bind(2, std::string_view(id));
    INVENTO_RETURN_IF_ERROR(st.Run());
  }
  if (c.contains("active")) {
    if (!c["active"].is_boolean()) return Status::InvalidArgument("active must be true or false", "active");
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare("UPDATE users SET active = ? WHERE id = ?"));
    st.Bind(1, std::int64_t{c["active"].get<bool>() ? 1 : 0}).Bind(2, std::string_view(id));
    INVENTO_RETURN_IF_ERROR(st.Run());
    if (!c["active"].get<bool>()) {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt rv, db_.Prepare("UPDATE sessions SET revoked = 1 WHERE user_id = ?"));
      rv.Bind(1, std::string_view(id));
      INVENTO_RETURN_IF_ERROR(rv.Run());
    }
  }
  return Status::Ok();
}

Status Accounts::ResetPassword(const std::string& id, const std::string& password) {
  INVENTO_RETURN_IF_ERROR(CheckPassword(password, "password"));
  INVENTO_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?"));
  st.Bind(1, std::string_view(hash)).Bind(2, std::string_view(id));
  INVENTO_RETURN_IF_ERROR(st.Run());
  if (db_.Changes() == 0) return Status::NotFound("no such user", "id");
  INVENTO_ASSIGN_OR_RETURN(db::Stmt rv, db_.Prepare("UPDATE sessions SET revoked = 1 WHERE user_id = ?"));
  rv.Bind(1, std::string_view(id));
  return rv.Run();
}

Result<Json> Accounts::ListSessions(std::int64_t now) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "SELECT substr(s.token_hash, 1, 16) AS id, s.user_id, u.username, s.created_at, s.expires_at"
      " FROM sessions s JOIN users u ON u.id = s.user_id"
      " WHERE s.revoked = 0 AND s.expires_at > ? ORDER BY s.created_at DESC LIMIT 1000"));
  st.Bind(1, now);
  Json out = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.RowObject());
  }
  return out;
}

Status Accounts::RevokeSession(const std::string& session_id) {
  if (session_id.size() != 16 || session_id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::InvalidArgument("session ids are 16 hexadecimal characters", "id");
  }
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(
      "UPDATE sessions SET revoked = 1 WHERE substr(token_hash, 1, 16) = ?"));
  st.Bind(1, std::string_view(session_id));
  INVENTO_RETURN_IF_ERROR(st.Run());
  if (db_.Changes() == 0) return Status::NotFound("no such session", "id");
  return Status::Ok();
}

}  // namespace invento::server

// User administration (accounts.h): create, list, update, reset password, sessions.
#include <cctype>

#include "core/base/text.h"
#include "sync-server/accounts.h"
#include "sync-server/password_policy.h"

namespace invento::server {
namespace {

bool ValidUsername(const std::string& u) {
  if (u.empty() || u.size() > 64) return false;
  for (char c : u) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '@')) {
      return false;
    }
  }
  return true;
}

bool EmailShape(const std::string& e) {
  const auto at = e.find('@');
  return e.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < e.size() &&
         e.find_first_of(" \t\r\n<>,;") == std::string::npos;
}

}  // namespace

Status Accounts::ValidateNewUser(const NewUser& u) {
  if (!ValidUsername(u.username)) {
    return Status::InvalidArgument(
        "usernames are 1 to 64 letters, digits, '.', '-', '_' or '@'", "username");
  }
  if (u.display_name.empty() || u.display_name.size() > 120) {
    return Status::InvalidArgument("display_name must be 1 to 120 characters", "display_name");
  }
  if (!u.email.empty() && !EmailShape(u.email)) {
    return Status::InvalidArgument("email is not a valid address", "email");
  }
  INVENTO_ASSIGN_OR_RETURN(Role role, ParseRole(u.role));
  (void)role;
  return CheckNewPassword(u.password, "password");
}

Result<std::string> Accounts::CreateUser(const NewUser& u, std::int64_t now) {
  INVENTO_RETURN_IF_ERROR(ValidateNewUser(u));
  INVENTO_ASSIGN_OR_RETURN(std::string hash, HashPassword(u.password));
  return CreateUser(u, hash, now);
}

Result<std::string> Accounts::CreateUser(const NewUser& u, const std::string& hash,
                                         std::int64_t now) {
  INVENTO_RETURN_IF_ERROR(ValidateNewUser(u));
  INVENTO_ASSIGN_OR_RETURN(db::Json taken, db_.QueryValue(
      "SELECT count(*) FROM users WHERE username_key = ?", {db::Json(FoldKey(u.username))}));
  if (taken.get<std::int64_t>() > 0) {
    return Status::Conflict("the username " + u.username + " is already taken", "username");
  }
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
      "SELECT id, username, display_name, email, role, active, must_change_password, created_at,"
      " mail_stock, mail_orders, mail_maintenance, mail_language FROM users ORDER BY username_key"));
  Json out = Json::array();
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    Json o = st.RowObject();
    o["active"] = o["active"] == 1;
    o["must_change_password"] = o["must_change_password"] == 1;
    for (const char* k : {"mail_stock", "mail_orders", "mail_maintenance"}) o[k] = o[k] == 1;
    out.push_back(std::move(o));
  }
  return out;
}

namespace {

// The columns an administrator may change, each checked before anything is written.
struct UserChange {
  const char* column;
  db::Json value;
};

Result<std::vector<UserChange>> CheckUserChanges(const Json& c) {
  std::vector<UserChange> out;
  for (const auto& [key, v] : c.items()) {
    if (key == "role") {
      if (!v.is_string()) return Status::InvalidArgument("role must be a string", "role");
      INVENTO_ASSIGN_OR_RETURN(Role r, ParseRole(v.get<std::string>()));
      (void)r;
      out.push_back({"role", v});
    } else if (key == "display_name") {
      if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 120) {
        return Status::InvalidArgument("display_name must be 1 to 120 characters", "display_name");
      }
      out.push_back({"display_name", v});
    } else if (key == "email") {
      if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) {
        out.push_back({"email", db::Json()});
      } else if (v.is_string() && EmailShape(v.get<std::string>())) {
        out.push_back({"email", v});
      } else {
        return Status::InvalidArgument("email is not a valid address", "email");
      }
    } else if (key == "active" || key == "mail_stock" || key == "mail_orders" || key == "mail_maintenance") {
      if (!v.is_boolean()) return Status::InvalidArgument(key + " must be true or false", key);
      static constexpr const char* kColumns[] = {"active", "mail_stock", "mail_orders", "mail_maintenance"};
      for (const char* col : kColumns) {
        if (key == col) out.push_back({col, db::Json(v.get<bool>() ? 1 : 0)});
      }
    } else if (key == "mail_language") {
      if (v != "fr" && v != "en") return Status::InvalidArgument("mail_language must be fr or en", key);
      out.push_back({"mail_language", v});
    } else {
      return Status::InvalidArgument("unknown user field " + key, key);
    }
  }
  return out;
}

}  // namespace

Status Accounts::UpdateUser(const std::string& id, const Json& c) {
  INVENTO_ASSIGN_OR_RETURN(db::Json exists, db_.QueryValue("SELECT count(*) FROM users WHERE id = ?", {db::Json(id)}));
  if (exists.get<std::int64_t>() == 0) return Status::NotFound("no such user", "id");
  INVENTO_ASSIGN_OR_RETURN(auto changes, CheckUserChanges(c));
  INVENTO_ASSIGN_OR_RETURN(auto tx, db::Transaction::Begin(db_));
  for (const UserChange& change : changes) {
    // The column name comes from CheckUserChanges' fixed list, never from the request.
    INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db_.Prepare(std::string("UPDATE users SET ") + change.column +
                                                       " = ? WHERE id = ?"));
    st.Bind(1, change.value).Bind(2, std::string_view(id));
    INVENTO_RETURN_IF_ERROR(st.Run());
    if (std::string_view(change.column) == "active" && change.value == 0) {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt rv, db_.Prepare("UPDATE sessions SET revoked = 1 WHERE user_id = ?"));
      rv.Bind(1, std::string_view(id));
      INVENTO_RETURN_IF_ERROR(rv.Run());
    }
  }
  return tx->Commit();
}

Status Accounts::ResetPassword(const std::string& id, const std::string& hash) {
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

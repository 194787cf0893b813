// /api/admin/...: user and session administration, for the roles with the "cap.server.admin"
// capability of the permission table (role from the session).
#include "core/mutators/args.h"
#include "sync-server/app.h"
#include "sync-server/json_response.h"
#include "sync-server/password_policy.h"

namespace invento::server {

HttpResponse App::Admin(const HttpRequest& req, const std::string& path) {
  auto user = RequireSession(req);
  if (!user.ok()) return SessionRefusal(user.status());
  if (!IsAllowed(user->role, "cap.server.admin")) {
    return JsonError(403, "forbidden", "administrators only");
  }
  if (user->must_change_password) {
    return JsonError(403, "password_change_required", "change your password first");
  }
  auto done = [](const Status& s) {
    return s.ok() ? JsonResponse(200, {{"ok", true}}) : StatusResponse(s);
  };
  if (req.method == "GET") {
    return InUnit([&]() -> HttpResponse {
    if (path == "/api/admin/users") {
      auto r = accounts_.ListUsers();
      return r.ok() ? JsonResponse(200, {{"ok", true}, {"users", r.value()}}) : StatusResponse(r.status());
    }
    if (path == "/api/admin/sessions") {
      auto r = accounts_.ListSessions(NowSeconds());
      return r.ok() ? JsonResponse(200, {{"ok", true}, {"sessions", r.value()}}) : StatusResponse(r.status());
    }
    return JsonError(404, "not_found", "no API endpoint " + path);
    });
  }
  if (req.method != "POST") return JsonError(405, "method_not_allowed", req.method + " is not allowed here");
  Json body;
  HttpResponse err;
  if (!ParseJsonObject(req, &body, &err)) return err;
  auto str = [&](const char* k) {
    return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : std::string();
  };
  // Passwords are checked and hashed (Argon2id) before the database lock is taken.
  if (path == "/api/admin/users") {
    Accounts::NewUser u{str("username"), str("display_name"), str("email"), str("role"), str("password")};
    if (u.display_name.empty()) u.display_name = u.username;
    Status valid = Accounts::ValidateNewUser(u);
    if (!valid.ok()) return StatusResponse(valid);
    auto hash = accounts_.HashPassword(u.password);
    if (!hash.ok()) return StatusResponse(hash.status());
    auto r = InUnit([&] { return accounts_.CreateUser(u, hash.value(), NowSeconds()); });
    return r.ok() ? JsonResponse(200, {{"ok", true}, {"id", r.value()}}) : StatusResponse(r.status());
  }
  if (path == "/api/admin/users/reset-password") {
    Status valid = CheckNewPassword(str("password"), "password");
    if (!valid.ok()) return StatusResponse(valid);
    auto hash = accounts_.HashPassword(str("password"));
    if (!hash.ok()) return StatusResponse(hash.status());
    return done(InUnit([&] { return accounts_.ResetPassword(str("id"), hash.value()); }));
  }
  return InUnit([&]() -> HttpResponse {
  if (path == "/api/admin/users/update") {
    Json changes = body;
    changes.erase("id");
    // An administrator never locks themselves out (nor the company, when they are its only
    // one): their own role and active flag are changed by another administrator.
    // "Administrator" is whoever may use this API (the permission table's cap.server.admin).
    bool demotes = false;
    if (changes.contains("role") && changes["role"].is_string()) {
      auto role = ParseRole(changes["role"].get<std::string>());
      demotes = role.ok() && !IsAllowed(*role, "cap.server.admin");
    }
    const bool deactivates = changes.contains("active") && changes["active"] == false;
    if (str("id") == user->user_id && (demotes || deactivates)) {
      return JsonError(409, "conflict",
                       "you cannot remove your own administrator role or deactivate your own "
                       "account; another administrator can");
    }
    return done(accounts_.UpdateUser(str("id"), changes));
  }
  if (path == "/api/admin/sessions/revoke") return done(accounts_.RevokeSession(str("id")));
  return JsonError(404, "not_found", "no API endpoint " + path);
  });
}

}  // namespace invento::server

#include "sync-server/app.h"

#include <chrono>
#include <filesystem>

#include "core/base/json_parse.h"
#include "core/base/text.h"
#include "sync-server/client_address.h"
#include "sync-server/db_settings.h"
#include "sync-server/json_response.h"
#include "sync-server/server_log.h"
#include "sync-server/static_files.h"

namespace invento::server {
namespace {

// A cached snapshot is reused while it is at most this many versions behind: the device
// pulls the rest row by row.
constexpr std::int64_t kSnapshotMaxLag = 20000;

// The user of the request being handled on this thread (Handle() runs a request from start
// to end on one thread), filled by RequireSession for the access log.
thread_local std::string* t_request_user = nullptr;

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case Code::kInvalidArgument: return 400;
    case Code::kNotFound: return 404;
    case Code::kForbidden: return 403;
    case Code::kConflict: return 409;
    case Code::kFailedPrecondition: return 412;
    // The database could not be reached (PostgreSQL down, disk): the client retries later.
    case Code::kIoError: return 503;
    default: return 500;
  }
}

}  // namespace

HttpResponse StatusResponse(const Status& s) {
  return JsonResponse(HttpStatusFor(s), ErrorJson(s));
}

HttpResponse SessionRefusal(const Status& s) {
  // Only a refused token is "sign in again"; a database that could not check it is not.
  if (s.code() == Code::kForbidden) return JsonError(401, "unauthenticated", s.message());
  return StatusResponse(s);
}

bool ParseJsonObject(const HttpRequest& req, Json* out, HttpResponse* error) {
  std::string type = req.Header("content-type");
  if (type.rfind("application/json", 0) != 0) {
    *error = JsonError(415, "unsupported_media_type", "send the body as application/json");
    return false;
  }
  // Depth-limited and exception-free: a hostile body (deep nesting, 1e999, bad UTF-8) is a
  // 400 naming the problem, never a crash or a 500 (core/base/json_parse.h).
  auto parsed = ParseJson(req.body);
  if (!parsed.ok()) {
    *error = JsonError(400, "malformed_json", "the body is not usable JSON: " + parsed.status().message());
    return false;
  }
  *out = std::move(parsed).value();
  if (!out->is_object()) {
    *error = JsonError(400, "invalid_argument", "the body must be a JSON object");
    return false;
  }
  return true;
}

namespace {

std::string StringField(const Json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// 429 with Retry-After: the page shows "try again in N s".
HttpResponse TooManyAttempts(const std::string& what, std::int64_t wait_seconds) {
  HttpResponse r = JsonError(429, "too_many_attempts",
                             what + ": try again in " + std::to_string(wait_seconds) + " s");
  r.SetHeader("Retry-After", std::to_string(wait_seconds));
  return r;
}

Json UserJson(const SessionUser& u) {
  return {{"id", u.user_id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", RoleName(u.role)},
          {"must_change_password", u.must_change_password}};
}

}  // namespace

void AddSecurityHeaders(HttpResponse& r) {
  // A response may bring a stricter policy of its own (attachment downloads).
  if (r.Header("Content-Security-Policy").empty()) {
    r.SetHeader("Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                "img-src 'self' data: blob:; connect-src 'self' ws: wss:; worker-src 'self'; "
                "manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                "form-action 'self'");
  }
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Referrer-Policy", "no-referrer");
  r.SetHeader("X-Frame-Options", "DENY");
  r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
}

Result<std::unique_ptr<App>> App::Create(const Config& config, Clock clock) {
  if (!clock) {
    clock = [] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  std::error_code ec;
  auto parent = std::filesystem::path(config.database_path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string attachments_dir = AttachmentsDir(config);
  std::error_code web_ec, files_ec;
  auto web = std::filesystem::weakly_canonical(config.web_root, web_ec);
  auto files = std::filesystem::weakly_canonical(attachments_dir, files_ec);
  std::string rel = files.lexically_relative(web).string();
  if (!web_ec && !files_ec && !rel.empty() && rel.rfind("..", 0) != 0) {
    return Status::InvalidArgument("ATTACHMENTS_DIR (" + attachments_dir +
                                   ") lies inside WEB_ROOT (" + config.web_root +
                                   "): attachments would be served without a session");
  }
  INVENTO_ASSIGN_OR_RETURN(AttachmentStore store, AttachmentStore::Open(attachments_dir));
  // WAL with a full fsync at each commit, 64 MiB page cache, in-memory statement journals
  // (sync-server/db_settings.h says why).
  INVENTO_ASSIGN_OR_RETURN(auto core, Core::Open({.path = config.database_path, .server_tables = true,
                                                  .pragmas = kServerConnectionPragmas}));
  std::unique_ptr<App> app(new App(config, std::move(core), clock));
  app->attachments_.emplace(std::move(store));
  if (!config.postgres_url.empty()) {
    INVENTO_ASSIGN_OR_RETURN(app->mirror_, PgMirror::Open(config.postgres_url, app->core_->db()));
    // Snapshots are cached per process, by version: after a restore elsewhere (which needs
    // every process stopped) older ones could name versions the database no longer has.
    std::filesystem::remove_all(config.database_path + ".snapshots", ec);
  }
  // WAL checkpoints on a thread of their own, not inside a push's commit (wal_checkpointer.h).
  INVENTO_ASSIGN_OR_RETURN(app->checkpointer_, WalCheckpointer::Start(app->core_->db()));
  INVENTO_RETURN_IF_ERROR(app->InUnit([&] { return app->accounts_.EnsureBootstrapAdmin(app->NowSeconds()); }));
  if (app->mirror_) {
    App* self = app.get();
    app->listener_ = std::make_unique<PgListener>(config.postgres_url, [self](std::int64_t) {
      self->OnCommitElsewhere();
    });
  }
  return app;
}

void App::OnCommitElsewhere() {
  std::int64_t version = 0;
  VersionListener poke;
  {
    std::lock_guard lock(mu_);
    if (!mirror_->CatchUp().ok()) return;  // the next unit catches up
    auto v = sync_.CurrentVersion();
    if (!v.ok() || v.value() <= poked_version_) return;
    version = poked_version_ = v.value();
    poke = on_version_;
  }
  if (poke) poke(version);
}

App::App(Config config, std::unique_ptr<Core> core, Clock clock)
    : config_(std::move(config)),
      core_(std::move(core)),
      accounts_(core_->db(), config_.fast_password_hash),
      sync_(*core_),
      limiter_(5, 100),
      password_limiter_(5, 1000),
      snapshots_(config_.database_path, config_.database_path + ".snapshots", kSnapshotMaxLag),
      clock_(std::move(clock)) {}

bool App::HashesPasswords(const HttpRequest& req) {
  if (req.method != "POST") return false;
  const std::string path = req.Path();
  return path == "/api/login" || path == "/api/password" || path == "/api/admin/users" ||
         path == "/api/admin/users/reset-password";
}

HttpResponse App::Handle(const HttpRequest& request) {
  HttpResponse r;
  std::string user;
  t_request_user = &user;
  try {
    r = Route(request);
  } catch (const std::exception& e) {
    r = JsonError(500, "internal", std::string("internal error: ") + e.what());
  }
  t_request_user = nullptr;
  if (r.status >= 500) {
    LogError(request.method + " " + request.Path(),
             "answered " + std::to_string(r.status) + ": " + r.body.substr(0, 1000));
  }
  r.log_user_id = std::move(user);
  AddSecurityHeaders(r);
  return r;
}

HttpResponse App::Route(const HttpRequest& req) {
  const std::string path = req.Path();
  if (path != "/api" && path.rfind("/api/", 0) != 0) return ServeStatic(config_.web_root, req);
  auto method_is = [&](const char* m) { return req.method == m; };
  if (path == "/api/health" && method_is("GET")) return Health();
  if (path == "/api/login" && method_is("POST")) return Login(req);
  if (path == "/api/logout" && method_is("POST")) return Logout(req);
  if (path == "/api/me" && method_is("GET")) return Me(req);
  if (path == "/api/password" && method_is("POST")) return Password(req);
  if (path == "/api/push" && method_is("POST")) return Push(req);
  if (path == "/api/pull" && method_is("POST")) return Pull(req);
  if (path == "/api/snapshot" && method_is("POST")) return SnapshotDownload(req);
  if (path.rfind("/api/admin/", 0) == 0) return Admin(req, path);
  if (path == "/api/audit" && method_is("GET")) return Audit(req);
  if (path.rfind("/api/attachments/", 0) == 0) return Attachments(req, path);
  for (const char* known : {"/api/health", "/api/login", "/api/logout", "/api/me", "/api/password",
                            "/api/push", "/api/pull", "/api/snapshot"}) {
    if (path == known) return JsonError(405, "method_not_allowed", req.method + " is not allowed on " + path);
  }
  return JsonError(404, "not_found", "no API endpoint " + path);
}

HttpResponse App::Health() {
  // In the PostgreSQL mode the unit also proves PostgreSQL answers.
  Result<bool> db_ok = InUnit([&]() -> Result<bool> {
    auto check = core_->db().QueryValue("PRAGMA quick_check");
    return check.ok() && check.value() == "ok";
  });
  bool ok = db_ok.ok() && db_ok.value();
  return JsonResponse(ok ? 200 : 503, {{"ok", ok},
                                       {"version", kCoreVersion},
                                       {"sqlite", Core::SqliteVersion()},
                                       {"schema", core_->schema_version()},
                                       {"storage", mirror_ ? "postgresql" : "sqlite"},
                                       {"database", ok ? "ok" : "unavailable"}});
}

Result<SessionUser> App::RequireSession(const HttpRequest& req, std::string* token_out) {
  std::string auth = req.Header("authorization");
  const std::string prefix = "Bearer ";
  if (auth.rfind(prefix, 0) != 0 || auth.size() != prefix.size() + 64) {
    return Status::Forbidden("missing or malformed bearer token");
  }
  std::string token = auth.substr(prefix.size());
  if (token_out) *token_out = token;
  Result<SessionUser> user = InUnit([&] { return accounts_.Authenticate(token, NowSeconds()); });
  if (user.ok() && t_request_user) *t_request_user = user->user_id;
  return user;
}

HttpResponse App::Login(const HttpRequest& req) {
  Json body;
  HttpResponse err;
  if (!ParseJsonObject(req, &body, &err)) return err;
  std::string username = StringField(body, "username");
  std::string password = StringField(body, "password");
  if (username.empty() || password.empty() || username.size() > 200 || password.size() > 1024) {
    return JsonError(400, "invalid_argument", "username and password are required");
  }
  const std::string account = FoldKey(username);
  const std::string address = ClientAddress(req, config_.trusted_proxies);
  if (auto wait = limiter_.RetryAfterSeconds(account, address, clock_())) {
    return TooManyAttempts("too many failed sign-in attempts", wait);
  }
  // Argon2id (~50 ms) runs outside the database lock: only the lookup and the new session
  // hold it, so sign-ins do not stall sync, health or each other's database work.
  Result<std::optional<Credentials>> found = InUnit([&] { return accounts_.FindForLogin(username); });
  if (!found.ok()) return StatusResponse(found.status());
  if (!accounts_.VerifyLogin(found.value(), password)) {
    limiter_.RecordFailure(account, address, clock_());
    return JsonError(401, "unauthenticated", "invalid username or password");
  }
  const SessionUser& user = found.value()->user;
  Result<std::string> token = InUnit([&] { return accounts_.StartSession(user.user_id, NowSeconds()); });
  if (!token.ok()) return StatusResponse(token.status());
  limiter_.RecordSuccess(account, address);
  if (t_request_user) *t_request_user = user.user_id;
  return JsonResponse(200, {{"ok", true}, {"token", token.value()}, {"user", UserJson(user)}});
}

HttpResponse App::Logout(const HttpRequest& req) {
  std::string token;
  auto user = RequireSession(req, &token);
  if (!user.ok()) return SessionRefusal(user.status());
  Status s = InUnit([&] { return accounts_.Logout(token); });
  return s.ok() ? JsonResponse(200, {{"ok", true}}) : StatusResponse(s);
}

HttpResponse App::Me(const HttpRequest& req) {
  auto user = RequireSession(req);
  if (!user.ok()) return SessionRefusal(user.status());
  return JsonResponse(200, {{"ok", true}, {"user", UserJson(user.value())}});
}

HttpResponse App::Password(const HttpRequest& req) {
  std::string token;
  auto user = RequireSession(req, &token);
  if (!user.ok()) return SessionRefusal(user.status());
  Json body;
  HttpResponse err;
  if (!ParseJsonObject(req, &body, &err)) return err;
  const std::string key = "password:" + user->user_id;
  const std::string address = ClientAddress(req, config_.trusted_proxies);
  if (auto wait = password_limiter_.RetryAfterSeconds(key, address, clock_())) {
    return TooManyAttempts("too many wrong current passwords", wait);
  }
  const std::string current = StringField(body, "current_password");
  const std::string next = StringField(body, "new_password");
  // Read under the lock; verify and hash (Argon2id, ~100 ms) outside it; store under it.
  Result<std::string> stored = InUnit([&] { return accounts_.PasswordHashOf(user->user_id); });
  if (!stored.ok()) return StatusResponse(stored.status());
  Status check = Accounts::CheckPasswordChange(stored.value(), current, next);
  if (!check.ok()) {
    if (check.field() == "current_password") password_limiter_.RecordFailure(key, address, clock_());
    return StatusResponse(check);
  }
  password_limiter_.RecordSuccess(key, address);
  auto hash = accounts_.HashPassword(next);
  if (!hash.ok()) return StatusResponse(hash.status());
  Status s = InUnit([&] { return accounts_.StorePassword(user->user_id, hash.value(), token); });
  return s.ok() ? JsonResponse(200, {{"ok", true}}) : StatusResponse(s);
}

Result<SessionUser> App::Authenticate(const std::string& token) {
  return InUnit([&] { return accounts_.Authenticate(token, NowSeconds()); });
}

Result<std::int64_t> App::CurrentVersion() {
  return InUnit([&] { return sync_.CurrentVersion(); });
}

bool App::ReadSyncRequest(const HttpRequest& req, SessionUser* user, Json* body, HttpResponse* refusal) {
  auto session = RequireSession(req);
  if (!session.ok()) {
    *refusal = SessionRefusal(session.status());
    return false;
  }
  if (session->must_change_password) {
    *refusal = JsonError(403, "password_change_required", "change your password before syncing");
    return false;
  }
  *user = std::move(session).value();
  return ParseJsonObject(req, body, refusal);
}

HttpResponse App::Push(const HttpRequest& req) {
  SessionUser user;
  Json body;
  HttpResponse err;
  if (!ReadSyncRequest(req, &user, &body, &err)) return err;
  std::int64_t before = 0;
  // Acknowledged only once committed (in the PostgreSQL mode: in PostgreSQL).
  Result<Json> r = InUnit([&] {
    before = sync_.CurrentVersion().ok() ? sync_.CurrentVersion().value() : 0;
    return sync_.Push(user, body, clock_());
  });
  if (!r.ok()) return StatusResponse(r.status());
  // (A reset answer, for a device of another epoch, wrote nothing and has no version.)
  std::int64_t after = r.value().value("version", before);
  if (after != before && on_version_) on_version_(after);
  Json& out = r.value();
  out["ok"] = true;
  return JsonResponse(200, out);
}

HttpResponse App::Pull(const HttpRequest& req) {
  SessionUser user;
  Json body;
  HttpResponse err;
  if (!ReadSyncRequest(req, &user, &body, &err)) return err;
  auto r = InUnit([&] { return sync_.Pull(user, body, clock_()); });
  if (!r.ok()) return StatusResponse(r.status());
  Json out = r.value();
  out["ok"] = true;
  return JsonResponse(200, out);
}

HttpResponse App::SnapshotDownload(const HttpRequest& req) {
  SessionUser user;
  Json body;
  HttpResponse err;
  if (!ReadSyncRequest(req, &user, &body, &err)) return err;
  auto schema = body.find("schema");
  if (schema == body.end() || !schema->is_number_integer() || schema->get<std::int64_t>() < 0) {
    return JsonError(400, "invalid_argument", "schema: the device's schema version (an integer >= 0) is required");
  }
  std::int64_t current = 0;
  int server_schema = 0;
  Status read = InUnit([&]() -> Status {
    INVENTO_ASSIGN_OR_RETURN(current, sync_.CurrentVersion());
    server_schema = core_->schema_version();
    return Status::Ok();
  });
  if (!read.ok()) return StatusResponse(read);
  if (config_.snapshot_min_version <= 0 || current < config_.snapshot_min_version) {
    HttpResponse r;
    r.status = 204;
    return r;
  }
  if (schema->get<std::int64_t>() != server_schema) {
    return JsonError(409, "schema_mismatch", "the device's schema version (" + std::to_string(schema->get<std::int64_t>()) +
                                                 ") is not the server's (" + std::to_string(server_schema) + "): pull instead");
  }
  // Built or read outside the database lock: pushes and pulls go on meanwhile.
  const bool gzip = req.Header("accept-encoding").find("gzip") != std::string::npos;
  // One snapshot per read scope: the role's devices hold only what it may read.
  auto snap = snapshots_.Load(ReadScopeOf(user.role), current, gzip);
  if (!snap.ok()) return StatusResponse(snap.status());
  HttpResponse r;
  r.status = 200;
  r.SetHeader("Content-Type", "application/vnd.sqlite3");
  if (snap->gzip) r.SetHeader("Content-Encoding", "gzip");
  r.SetHeader("Vary", "Accept-Encoding");
  r.SetHeader("Cache-Control", "no-store");
  r.SetHeader("X-Invento-Version", std::to_string(snap->version));
  r.SetHeader("X-Invento-Bytes", std::to_string(snap->file_bytes));  // the file, uncompressed
  r.body = std::move(snap->bytes);
  return r;
}

}  // namespace invento::server

// The sync server application: routes an HttpRequest to the API or the static web app.
//
// Contract: Handle() never throws and always returns a complete response carrying the
// security headers (CSP, X-Content-Type-Options, Referrer-Policy, X-Frame-Options).
// /api/... paths answer JSON only: unknown ones 404, malformed JSON bodies 400, missing
// or bad bearer tokens 401. Identity and role always come from the server session.
// Thread-safe: database work is serialised by an internal mutex (single writer).
// Attachments (attachments_api.cc): PUT/HEAD/GET /api/attachments/<sha256>; the bytes live
// in an AttachmentStore, outside the database lock.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

#include "core/core.h"
#include "sync-server/accounts.h"
#include "sync-server/attachment_store.h"
#include "sync-server/config.h"
#include "sync-server/http_types.h"
#include "sync-server/pg_mirror.h"
#include "sync-server/wal_checkpointer.h"
#include "sync-server/rate_limiter.h"
#include "sync-server/snapshot_store.h"
#include "sync-server/sync_service.h"

namespace invento::server {

class App {
 public:
  using Clock = std::function<std::int64_t()>;  // milliseconds since the epoch
  using VersionListener = std::function<void(std::int64_t version)>;

  // Opens the database (creating its folder), applies migrations, creates the first admin,
  // opens (creating) the attachments folder. invalid_argument if ATTACHMENTS_DIR lies
  // inside WEB_ROOT; io_error if it cannot be created or written.
  static Result<std::unique_ptr<App>> Create(const Config& config, Clock clock = nullptr);

  // Logs every response of status >= 500 with its cause (server_log.h). The response's
  // log_user_id names the session's user when one was recognised.
  HttpResponse Handle(const HttpRequest& request);
  // True for requests that hash passwords (~50 ms of Argon2id each: sign-in, password
  // change, user creation and reset): the transport runs them on a separate pool so they
  // never hold up the I/O threads (health, static files, sync).
  static bool HashesPasswords(const HttpRequest& request);

  // Called by the transport once a request's header has arrived, before its body is read
  // (`head` has no body). Uploads (PUT /api/attachments/...) may be as large as
  // attachment_max_bytes, other requests body_limit. A refusal (body too large, or an
  // upload without a valid session or permission) is sent instead, without reading the body.
  struct HeaderDecision {
    std::size_t body_limit = 0;
    int read_timeout_seconds = 0;  // for the whole request (larger for big uploads)
    std::optional<HttpResponse> refusal;
  };
  HeaderDecision OnRequestHeader(const HttpRequest& head);
  // Called (outside the database lock) after a push committed a new version: pokes. In the
  // PostgreSQL mode also after another process committed one (LISTEN/NOTIFY).
  void SetVersionListener(VersionListener listener) {
    std::lock_guard lock(mu_);
    on_version_ = std::move(listener);
  }
  // Authenticates a bearer token (for the WebSocket).
  Result<SessionUser> Authenticate(const std::string& token);
  Result<std::int64_t> CurrentVersion();
  const Config& config() const { return config_; }

 private:
  App(Config config, std::unique_ptr<Core> core, Clock clock);
  HttpResponse Route(const HttpRequest& request);
  HttpResponse Health();
  HttpResponse Login(const HttpRequest& request);
  HttpResponse Logout(const HttpRequest& request);
  HttpResponse Me(const HttpRequest& request);
  HttpResponse Password(const HttpRequest& request);
  // The common start of push, pull and snapshot: a session (401), no password change
  // pending (403), a JSON object body (400/415). False with *refusal filled otherwise.
  bool ReadSyncRequest(const HttpRequest& request, SessionUser* user, Json* body, HttpResponse* refusal);
  HttpResponse Push(const HttpRequest& request);
  HttpResponse Admin(const HttpRequest& request, const std::string& path);
  HttpResponse Audit(const HttpRequest& request);
  HttpResponse Pull(const HttpRequest& request);
  // POST /api/snapshot {"schema": n}: a fresh device's first sync (snapshot_store.h).
  // 200 with the SQLite file (X-Invento-Version: the version it holds; gzip-compressed when
  // the request accepts it, X-Invento-Bytes: its uncompressed size); 204 when the server
  // holds too little for a snapshot to pay; 409 schema_mismatch when the device's schema
  // version differs from the server's: the device pulls row by row instead.
  HttpResponse SnapshotDownload(const HttpRequest& request);
  HttpResponse Attachments(const HttpRequest& request, const std::string& path);
  HttpResponse UploadAttachment(const HttpRequest& request, const std::string& sha256);
  HttpResponse DownloadAttachment(const HttpRequest& request, const std::string& sha256);
  // The checks of an attachment request that need no body: session, password change,
  // role (uploads), well-formed sha256 in the path. Fills *sha256 when they pass.
  std::optional<HttpResponse> CheckAttachmentRequest(const HttpRequest& request,
                                                     std::string* sha256);
  std::int64_t NowSeconds() { return clock_() / 1000; }
  // Runs fn as one unit of database work under the lock (single writer). In the PostgreSQL
  // mode, between PgMirror::Begin and Commit: what fn wrote is in PostgreSQL before its
  // answer is given, and a failure to reach PostgreSQL answers instead of fn's result.
  // fn returns a Status, a Result<T> or an HttpResponse.
  template <class F>
  auto InUnit(F&& fn) -> decltype(fn());
  // The PostgreSQL listener's callback: catch up with another process's commit, then poke.
  void OnCommitElsewhere();
  Result<SessionUser> RequireSession(const HttpRequest& request, std::string* token = nullptr);

  Config config_;
  std::unique_ptr<Core> core_;
  Accounts accounts_;
  SyncService sync_;
  VersionListener on_version_;
  LoginRateLimiter limiter_;           // sign-in: (username, client address)
  LoginRateLimiter password_limiter_;  // wrong current_password on /api/password, per user
  std::optional<AttachmentStore> attachments_;
  SnapshotStore snapshots_;
  Clock clock_;
  std::mutex mu_;
  std::unique_ptr<PgMirror> mirror_;      // PostgreSQL mode only; before listener_ (used by it)
  std::int64_t poked_version_ = 0;        // the newest version announced to devices
  std::unique_ptr<PgListener> listener_;  // PostgreSQL mode only; stopped first
  std::unique_ptr<WalCheckpointer> checkpointer_;  // after core_: stopped before it closes
};

void AddSecurityHeaders(HttpResponse& response);
// Shared by the API files.
HttpResponse StatusResponse(const Status& s);
// A session check that failed: 401 for a refused token (forbidden), else as StatusResponse
// (503 when the database could not be reached: the device must not sign out for that).
HttpResponse SessionRefusal(const Status& s);
// Parses a JSON object body; on failure fills *error with a 400/415 response.
bool ParseJsonObject(const HttpRequest& req, Json* out, HttpResponse* error);

template <class F>
auto App::InUnit(F&& fn) -> decltype(fn()) {
  using R = decltype(fn());
  auto failed = [](const Status& s) -> R {
    if constexpr (std::is_same_v<R, HttpResponse>) {
      return StatusResponse(s);
    } else {
      return R(s);
    }
  };
  std::lock_guard lock(mu_);
  return RunUnit(mirror_.get(), std::forward<F>(fn), failed);
}

}  // namespace invento::server

// The sync server application: routes an HttpRequest to the API or the static web app.
//
// Contract: Handle() never throws and always returns a complete response carrying the
// security headers (CSP, X-Content-Type-Options, Referrer-Policy, X-Frame-Options).
// /api/... paths answer JSON only: unknown ones 404, malformed JSON bodies 400, missing
// or bad bearer tokens 401. Identity and role always come from the server session.
// Thread-safe: database work is serialised by an internal mutex (single writer).
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "core/core.h"
#include "sync-server/accounts.h"
#include "sync-server/config.h"
#include "sync-server/http_types.h"

namespace invento::server {

class App {
 public:
  using Clock = std::function<std::int64_t()>;  // seconds since the epoch

  // Opens the database (creating its folder), applies migrations, creates the first admin.
  static Result<std::unique_ptr<App>> Create(const Config& config, Clock clock = nullptr);

  HttpResponse Handle(const HttpRequest& request);
  const Config& config() const { return config_; }

 private:
  App(Config config, std::unique_ptr<Core> core, Clock clock);
  HttpResponse Route(const HttpRequest& request);
  HttpResponse Health();
  HttpResponse Login(const HttpRequest& request);
  HttpResponse Logout(const HttpRequest& request);
  HttpResponse Me(const HttpRequest& request);
  HttpResponse Password(const HttpRequest& request);
  Result<SessionUser> RequireSession(const HttpRequest& request, std::string* token = nullptr);

  Config config_;
  std::unique_ptr<Core> core_;
  Accounts accounts_;
  Clock clock_;
  std::mutex mu_;
};

void AddSecurityHeaders(HttpResponse& response);

}  // namespace invento::server

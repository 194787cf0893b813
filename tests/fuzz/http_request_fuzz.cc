// libFuzzer target: raw bytes as an HTTP/1.1 request, through Beast's request parser (with the
// transport's header limit) and, once parsed, App::OnRequestHeader and App::Handle on a real
// App (SQLite file in a temporary folder, fast password hashing).
//
// Input: the bytes of a request. "$TOKEN" anywhere in it is replaced by a live admin session
// token first, so the fuzzer reaches the authenticated API (seeds use
// "Authorization: Bearer $TOKEN"). After each input the session is checked and renewed
// (the input may have logged out); the App is rebuilt if even that fails (the input changed
// the admin's password or role).
// Oracles (besides ASan/UBSan): Handle never throws; never answers 5xx (bad input is a
// 4xx); every answer of Handle carries the security headers (the transport adds them to
// OnRequestHeader's refusals); no header name or value holds CR or LF.
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "sync-server/app.h"
#include "sync-server/server_log.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using invento::Json;
using invento::server::App;
using invento::server::HttpRequest;
using invento::server::HttpResponse;

constexpr const char* kPassword = "Fuzz-Pass-1234";
std::filesystem::path g_dir;
std::unique_ptr<App> g_app;
std::string g_token;
std::string g_last_log;  // the server's log lines are kept out of the fuzzer's output

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\nlast server log line: %s\n", what.c_str(), g_last_log.c_str());
  std::abort();
}

HttpResponse Call(const std::string& method, const std::string& target, const Json& body,
                  const std::string& token = "") {
  HttpRequest r;
  r.method = method;
  r.target = target;
  r.headers["content-type"] = "application/json";
  if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
  r.body = body.dump();
  r.remote_address = "10.0.0.1";  // not the fuzzed requests' address (rate limiter)
  return g_app->Handle(r);
}

std::string Login(const std::string& password) {
  auto r = Call("POST", "/api/login", {{"username", "admin"}, {"password", password}});
  if (r.status != 200) return "";
  return Json::parse(r.body)["token"].get<std::string>();
}

void BuildApp() {
  g_app.reset();
  std::error_code ec;
  std::filesystem::remove_all(g_dir, ec);
  std::filesystem::create_directories(g_dir / "web");
  std::ofstream(g_dir / "web" / "index.html") << "<!doctype html><title>Invento</title>";
  invento::server::Config c;
  c.database_path = (g_dir / "data" / "invento.db").string();
  c.web_root = (g_dir / "web").string();
  c.body_limit = 1 << 20;  // the default
  c.fast_password_hash = true;
  auto app = App::Create(c);
  if (!app.ok()) Fail("App::Create: " + app.status().ToString());
  g_app = std::move(app).value();
  std::string first = Login(invento::server::Accounts::kBootstrapPassword);
  auto changed = Call("POST", "/api/password",
                      {{"current_password", invento::server::Accounts::kBootstrapPassword},
                       {"new_password", kPassword}},
                      first);
  if (changed.status != 200) Fail("password change: " + changed.body);
  g_token = Login(kPassword);
  if (g_token.empty()) Fail("login after the password change failed");
}

void EnsureSession() {
  auto user = g_app->Authenticate(g_token);
  if (user.ok() && user->role == invento::Role::kAdmin && !user->must_change_password) return;
  g_token = Login(kPassword);
  if (!g_token.empty()) {
    user = g_app->Authenticate(g_token);
    if (user.ok() && user->role == invento::Role::kAdmin && !user->must_change_password) return;
  }
  BuildApp();
}

HttpRequest ToAppRequest(const http::request<http::string_body>& req) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = req.body();
  out.remote_address = "192.0.2.1";
  return out;
}

void CheckResponse(const HttpResponse& r, const std::string& what, bool security_headers) {
  if (r.status < 100 || r.status >= 500) Fail(what + " answered " + std::to_string(r.status) + ": " + r.body);
  if (security_headers && (r.Header("Content-Security-Policy").empty() ||
                           r.Header("X-Content-Type-Options").empty())) {
    Fail(what + " answered without the security headers");
  }
  for (const auto& [k, v] : r.headers) {
    if (k.find_first_of("\r\n") != std::string::npos || v.find_first_of("\r\n") != std::string::npos) {
      Fail(what + " answered a header with CR/LF: " + k);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
  invento::server::SetLogSink([](const std::string& line) { g_last_log = line; });
  g_dir = std::filesystem::path(base) / ("invento-fuzz-http-" + std::to_string(::getpid()));
  BuildApp();
  std::atexit([] {
    g_app.reset();
    std::error_code ec;
    std::filesystem::remove_all(g_dir, ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (std::size_t at = bytes.find("$TOKEN"); at != std::string::npos;
       at = bytes.find("$TOKEN", at + g_token.size())) {
    bytes.replace(at, 6, g_token);
  }
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.header_limit(16 * 1024);
  parser.body_limit(1 << 20);
  beast::error_code ec;
  std::size_t used = 0;
  while (!ec && !parser.is_done() && used < bytes.size()) {
    std::size_t n = parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == http::error::need_more) ec = {};
    if (n == 0) break;
    used += n;
  }
  if (!ec && !parser.is_done() && parser.is_header_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;  // the transport answers 400 / waits for more
  HttpRequest head = ToAppRequest(parser.get());
  head.body.clear();
  App::HeaderDecision decision = g_app->OnRequestHeader(head);
  if (decision.refusal) {
    CheckResponse(*decision.refusal, "OnRequestHeader(" + head.method + " " + head.target + ")",
                  /*security_headers=*/false);  // the transport adds them
  }
  HttpRequest req = ToAppRequest(parser.get());
  if (!decision.refusal && req.body.size() <= decision.body_limit) {
    HttpResponse r = g_app->Handle(req);
    CheckResponse(r, req.method + " " + req.target, /*security_headers=*/true);
  }
  EnsureSession();
  return 0;
}

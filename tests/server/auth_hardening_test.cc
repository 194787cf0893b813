// Sign-in and password hardening (issue 14, points 4-6): throttling per (account, address)
// with trusted proxies, wrong current passwords throttled, a password change revoking the
// user's other sessions, common passwords refused, password-change-pending sessions refused
// by the audit API, and the access log.
#include <gtest/gtest.h>

#include <mutex>

#include "sync-server/client_address.h"
#include "sync-server/password_policy.h"
#include "sync-server/server_log.h"
#include "tests/server/sim_device.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

class AuthHardeningTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }
  void Start(std::vector<std::string> proxies) {
    Config cfg = testing::TestConfig(dir_);
    cfg.trusted_proxies = std::move(proxies);
    app_.reset();
    auto app = App::Create(cfg, [this] { return now_; });
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
  }
  HttpResponse Post(const std::string& path, const Json& body, const std::string& from = "10.0.0.1",
                    const std::string& token = "", const std::string& forwarded = "") {
    HttpRequest r;
    r.method = "POST";
    r.target = path;
    r.body = body.dump();
    r.headers["content-type"] = "application/json";
    r.remote_address = from;
    if (!forwarded.empty()) r.headers["x-forwarded-for"] = forwarded;
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return app_->Handle(r);
  }
  int Login(const std::string& user, const std::string& password, const std::string& from = "10.0.0.1",
            const std::string& forwarded = "") {
    return Post("/api/login", {{"username", user}, {"password", password}}, from, "", forwarded).status;
  }
  std::string Token(const std::string& user, const std::string& password) {
    auto r = Post("/api/login", {{"username", user}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Json::parse(r.body)["token"].get<std::string>() : "";
  }
  std::string AdminToken() {
    std::string t = Token("admin", "Admin123!");
    EXPECT_EQ(Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Admin-Pass-1"}}, "10.0.0.1", t).status, 200);
    return t;
  }
  testing::TempDir dir_;
  std::int64_t now_ = 1'800'000'000'000;
  std::unique_ptr<App> app_;
};

TEST(ClientAddressTest, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  HttpRequest r;
  r.remote_address = "127.0.0.1";
  r.headers["x-forwarded-for"] = "203.0.113.9, 198.51.100.7";
  EXPECT_EQ(ClientAddress(r, {}), "127.0.0.1");
  EXPECT_EQ(ClientAddress(r, {"127.0.0.1"}), "198.51.100.7");
  EXPECT_EQ(ClientAddress(r, {"127.0.0.1", "198.51.100.7"}), "203.0.113.9");
  r.headers["x-forwarded-for"] = "garbage, ";
  EXPECT_EQ(ClientAddress(r, {"127.0.0.1"}), "127.0.0.1");
  r.remote_address = "10.1.1.1";  // not a proxy: its header is the client's own claim
  r.headers["x-forwarded-for"] = "203.0.113.9";
  EXPECT_EQ(ClientAddress(r, {"127.0.0.1"}), "10.1.1.1");
}

TEST(PasswordPolicyTest, ShortAndCommonPasswordsAreRefused) {
  for (const char* p : {"password", "Password123!", "AZERTY123", "motdepasse2024", "Admin123!", "12345678",
                        "qwertyuiop", "Bonjour1!"}) {
    Status s = CheckNewPassword(p, "new_password");
    EXPECT_FALSE(s.ok()) << p;
    EXPECT_EQ(s.field(), "new_password");
  }
  EXPECT_NE(CheckNewPassword("short", "p").message().find("8 to 128"), std::string::npos);
  EXPECT_NE(CheckNewPassword("password1", "p").message().find("most common"), std::string::npos);
  for (const char* p : {"Admin-Pass-1", "pompe-a-chaleur-42", "Marie-Pass-1", "correct horse battery"}) {
    EXPECT_TRUE(CheckNewPassword(p, "p").ok()) << p;
  }
}

TEST_F(AuthHardeningTest, FailuresLockTheAccountAddressPairNotTheOfficeNorTheAccountElsewhere) {
  std::string admin = AdminToken();
  ASSERT_EQ(Post("/api/admin/users", {{"username", "bob"}, {"role", "technician"}, {"password", "Bob-Pass-12"}}, "10.0.0.1", admin).status, 200);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("admin", "wrong-one", "10.0.0.5"), 401);
  EXPECT_EQ(Login("admin", "Admin-Pass-1", "10.0.0.5"), 429);  // this pair waits
  EXPECT_EQ(Login("bob", "Bob-Pass-12", "10.0.0.5"), 200);     // a colleague behind the same NAT
  EXPECT_EQ(Login("admin", "Admin-Pass-1", "10.0.0.6"), 200);  // the admin from elsewhere
  now_ += 15 * 60 * 1000;
  EXPECT_EQ(Login("admin", "Admin-Pass-1", "10.0.0.5"), 200);  // the window has passed
}

TEST_F(AuthHardeningTest, BehindATrustedProxyTheForwardedAddressCounts) {
  Start({"127.0.0.1"});
  AdminToken();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("admin", "wrong-one", "127.0.0.1", "203.0.113.9"), 401);
  EXPECT_EQ(Login("admin", "Admin-Pass-1", "127.0.0.1", "203.0.113.9"), 429);
  EXPECT_EQ(Login("admin", "Admin-Pass-1", "127.0.0.1", "198.51.100.7"), 200);
  // Without the setting, X-Forwarded-For is ignored: every request is the proxy's.
  Start({});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login("admin", "wrong-one", "127.0.0.1", "203.0.113.1"), 401);
  EXPECT_EQ(Login("admin", "Admin-Pass-1", "127.0.0.1", "203.0.113.2"), 429);
}

TEST_F(AuthHardeningTest, WrongCurrentPasswordsAreThrottled) {
  std::string t = AdminToken();
  for (int i = 0; i < 5; ++i) {
    auto r = Post("/api/password", {{"current_password", "guess-" + std::to_string(i)}, {"new_password", "Next-Pass-99"}}, "10.0.0.1", t);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Json::parse(r.body)["field"], "current_password");
  }
  auto r = Post("/api/password", {{"current_password", "Admin-Pass-1"}, {"new_password", "Next-Pass-99"}}, "10.0.0.1", t);
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.Header("Retry-After").empty());
  EXPECT_EQ(Login("admin", "Admin-Pass-1"), 200);  // the password did not change
}

TEST_F(AuthHardeningTest, APasswordChangeRevokesTheOtherSessionsOnly) {
  std::string here = AdminToken();
  std::string tablet = Token("admin", "Admin-Pass-1");
  std::string laptop = Token("admin", "Admin-Pass-1");
  ASSERT_EQ(Post("/api/password", {{"current_password", "Admin-Pass-1"}, {"new_password", "Fresh-Pass-77"}}, "10.0.0.1", here).status, 200);
  auto me = [&](const std::string& token) {
    HttpRequest q;
    q.method = "GET";
    q.target = "/api/me";
    q.headers["authorization"] = "Bearer " + token;
    return app_->Handle(q).status;
  };
  EXPECT_EQ(me(here), 200);
  EXPECT_EQ(me(tablet), 401);
  EXPECT_EQ(me(laptop), 401);
  EXPECT_EQ(Login("admin", "Fresh-Pass-77"), 200);
}

TEST_F(AuthHardeningTest, CommonPasswordsAreRefusedEverywhere) {
  std::string t = Token("admin", "Admin123!");
  auto change = Post("/api/password", {{"current_password", "Admin123!"}, {"new_password", "Password2024!"}}, "10.0.0.1", t);
  EXPECT_EQ(change.status, 400);
  EXPECT_NE(change.body.find("most common"), std::string::npos);
  std::string admin = AdminToken();
  auto create = Post("/api/admin/users", {{"username", "eve"}, {"role", "technician"}, {"password", "azerty123"}}, "10.0.0.1", admin);
  EXPECT_EQ(create.status, 400);
  EXPECT_EQ(Json::parse(create.body)["field"], "password");
  auto ok = Post("/api/admin/users", {{"username", "eve"}, {"role", "technician"}, {"password", "Eve-Pass-123"}}, "10.0.0.1", admin);
  ASSERT_EQ(ok.status, 200);
  auto reset = Post("/api/admin/users/reset-password", {{"id", Json::parse(ok.body)["id"]}, {"password", "motdepasse"}}, "10.0.0.1", admin);
  EXPECT_EQ(reset.status, 400);
}

TEST_F(AuthHardeningTest, AuditRefusesASessionThatMustChangeItsPassword) {
  std::string t = Token("admin", "Admin123!");  // first-run admin: must change the password
  HttpRequest q;
  q.method = "GET";
  q.target = "/api/audit";
  q.headers["authorization"] = "Bearer " + t;
  auto r = app_->Handle(q);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Json::parse(r.body)["code"], "password_change_required");
}

TEST_F(AuthHardeningTest, EveryAnswerNamesItsUserForTheLogAndErrorsAreLogged) {
  std::string t = AdminToken();
  HttpRequest q;
  q.method = "GET";
  q.target = "/api/me?token=should-not-matter";
  q.headers["authorization"] = "Bearer " + t;
  auto me = app_->Handle(q);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.log_user_id, Json::parse(me.body)["user"]["id"].get<std::string>());
  q.headers.clear();
  EXPECT_EQ(app_->Handle(q).log_user_id, "");
  // The log line: method, path without query, status, user; never the token.
  std::vector<std::string> lines;
  std::mutex mu;
  SetLogSink([&](const std::string& line) {
    std::lock_guard lock(mu);
    lines.push_back(line);
  });
  LogRequest({"GET", "/api/me?token=" + t, 200, 1.5, me.log_user_id, "10.0.0.1"});
  // A 5xx is logged with its cause: here the web app disappears from under the server.
  std::filesystem::remove_all(dir_.Path("web"));
  HttpRequest page;
  page.method = "GET";
  page.target = "/";
  EXPECT_EQ(app_->Handle(page).status, 503);
  SetLogSink(nullptr);
  ASSERT_GE(lines.size(), 1u);
  EXPECT_NE(lines[0].find(" GET /api/me 200 1.5ms user=" + me.log_user_id + " from=10.0.0.1"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0].find(t), std::string::npos);
  EXPECT_EQ(lines[0].find("token"), std::string::npos);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("ERROR GET /: answered 503"), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("the web app is not built"), std::string::npos) << lines[1];
}

TEST_F(AuthHardeningTest, PasswordHashingRoutesAreMarkedForTheHashingPool) {
  HttpRequest r;
  r.method = "POST";
  for (const char* p : {"/api/login", "/api/password", "/api/admin/users", "/api/admin/users/reset-password"}) {
    r.target = p;
    EXPECT_TRUE(App::HashesPasswords(r)) << p;
  }
  for (const char* p : {"/api/push", "/api/pull", "/api/health", "/api/admin/users/update"}) {
    r.target = p;
    EXPECT_FALSE(App::HashesPasswords(r)) << p;
  }
}

}  // namespace
}  // namespace invento::server

#include <gtest/gtest.h>

#include "sync-server/app.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = App::Create(testing::TestConfig(dir_), [this] { return now_; });
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
  }
  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "", const std::string& token = "",
                    const std::string& type = "application/json") {
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    if (!body.empty()) r.headers["content-type"] = type;
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return app_->Handle(r);
  }
  Json Body(const HttpResponse& r) { return Json::parse(r.body); }
  std::string LoginAdmin(const std::string& password = "Admin123!") {
    auto r = Call("POST", "/api/login", Json{{"username", "admin"}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Body(r)["token"].get<std::string>() : "";
  }
  testing::TempDir dir_;
  std::int64_t now_ = 1'800'000'000'000;  // ms
  std::unique_ptr<App> app_;
};

TEST_F(ApiTest, HealthReportsVersionAndDatabase) {
  auto r = Call("GET", "/api/health");
  EXPECT_EQ(r.status, 200);
  Json b = Body(r);
  EXPECT_EQ(b["database"], "ok");
  EXPECT_EQ(b["version"], std::string(kCoreVersion));
  EXPECT_EQ(b["sqlite"], "3.50.4");
  EXPECT_EQ(r.Header("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(ApiTest, EveryResponseCarriesSecurityHeaders) {
  for (const char* target : {"/api/health", "/api/nope", "/", "/../x"}) {
    auto r = Call("GET", target);
    EXPECT_NE(r.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos) << target;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer") << target;
  }
}

TEST_F(ApiTest, UnknownApiPathsAreJson404AndWrongMethods405) {
  auto r = Call("GET", "/api/does-not-exist");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r)["code"], "not_found");
  EXPECT_EQ(Call("DELETE", "/api/health").status, 405);
}

TEST_F(ApiTest, MalformedJsonIs400WithAMessage) {
  auto r = Call("POST", "/api/login", "{\"username\": \"admin\",");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["code"], "malformed_json");
  EXPECT_NE(Body(r)["message"].get<std::string>().find("not valid JSON"), std::string::npos);
  EXPECT_EQ(Call("POST", "/api/login", "[1,2]").status, 400);
  EXPECT_EQ(Call("POST", "/api/login", "{}", "", "text/plain").status, 415);
  EXPECT_EQ(Call("POST", "/api/login", "{\"username\": 5, \"password\": true}").status, 400);
}

TEST_F(ApiTest, FirstAdminLogsInAndMustChangePassword) {
  auto bad = Call("POST", "/api/login", R"({"username":"admin","password":"wrong"})");
  EXPECT_EQ(bad.status, 401);
  auto unknown = Call("POST", "/api/login", R"({"username":"ghost","password":"wrong"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(Body(bad)["message"], Body(unknown)["message"]);  // no username oracle

  std::string token = LoginAdmin();
  ASSERT_EQ(token.size(), 64u);
  auto me = Call("GET", "/api/me", "", token);
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(Body(me)["user"]["role"], "admin");
  EXPECT_EQ(Body(me)["user"]["must_change_password"], true);

  auto weak = Call("POST", "/api/password",
                   R"({"current_password":"Admin123!","new_password":"short"})", token);
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(Body(weak)["field"], "new_password");
  auto wrong = Call("POST", "/api/password",
                    R"({"current_password":"nope","new_password":"Better-Pass-1"})", token);
  EXPECT_EQ(Body(wrong)["field"], "current_password");
  auto ok = Call("POST", "/api/password",
                 R"({"current_password":"Admin123!","new_password":"Better-Pass-1"})", token);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(Call("GET", "/api/me", "", token))["user"]["must_change_password"], false);
  EXPECT_EQ(Call("POST", "/api/login", R"({"username":"admin","password":"Admin123!"})").status, 401);
  EXPECT_FALSE(LoginAdmin("Better-Pass-1").empty());
}

TEST_F(ApiTest, TokensAreCheckedRevokedAndExpire) {
  EXPECT_EQ(Call("GET", "/api/me").status, 401);
  EXPECT_EQ(Call("GET", "/api/me", "", std::string(64, 'a')).status, 401);
  EXPECT_EQ(Call("GET", "/api/me", "", "short").status, 401);
  std::string token = LoginAdmin();
  EXPECT_EQ(Call("POST", "/api/logout", "", token).status, 200);
  EXPECT_EQ(Call("GET", "/api/me", "", token).status, 401);
  std::string second = LoginAdmin();
  now_ += (Accounts::kSessionSeconds + 1) * 1000;
  EXPECT_EQ(Call("GET", "/api/me", "", second).status, 401);
}

TEST_F(ApiTest, TokensAreStoredOnlyAsHashes) {
  std::string token = LoginAdmin();
  auto db = db::Db::Open(dir_.Path("data/invento.db"));
  ASSERT_TRUE(db.ok());
  auto plain = (*db)->QueryValue("SELECT count(*) FROM sessions WHERE token_hash = ?", {Json(token)});
  EXPECT_EQ(plain.value(), 0);
  auto hashed = (*db)->QueryValue("SELECT count(*) FROM sessions WHERE token_hash = ?",
                                  {Json(Sha256Hex(token))});
  EXPECT_EQ(hashed.value(), 1);
  auto pw = (*db)->QueryValue("SELECT password_hash FROM users WHERE username = 'admin'");
  EXPECT_EQ(pw.value().get<std::string>().rfind("$argon2id$", 0), 0u);
}

}  // namespace
}  // namespace invento::server

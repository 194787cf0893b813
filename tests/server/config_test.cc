// Server configuration (sync-server/config.h): DATABASE_URL's forms, and every variable's bad
// value refused with a message that names the variable. .env.example lists the same set.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sync-server/config.h"

namespace invento::server {
namespace {

TEST(ConfigTest, DatabaseUrlForms) {
  auto path = [](const std::string& url) { return ConfigFromVariables({{"DATABASE_URL", url}})->database_path; };
  EXPECT_EQ(path("data/invento.db"), "data/invento.db");
  EXPECT_EQ(path("/srv/invento/main.db"), "/srv/invento/main.db");
  EXPECT_EQ(path("sqlite:///instance/gmao.db"), "instance/gmao.db");  // relative, as in the specification
  EXPECT_EQ(path("sqlite:////srv/invento/main.db"), "/srv/invento/main.db");
  EXPECT_EQ(ConfigFromVariables({})->database_path, "data/invento.db");
  for (const char* bad : {"postgresql://u@h/my db", "mysql://h/db", "sqlite:///", "data/"}) {
    auto r = ConfigFromVariables({{"DATABASE_URL", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().message().rfind("DATABASE_URL", 0), 0u) << r.status().message();
  }
  // PostgreSQL: the URL is kept for libpq; the SQLite file is the process's replica.
  auto pg = ConfigFromVariables({{"DATABASE_URL", "postgresql://invento@db.internal/invento"}});
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  EXPECT_EQ(pg->postgres_url, "postgresql://invento@db.internal/invento");
  EXPECT_EQ(pg->database_path, "data/replica.db");
  auto replica = ConfigFromVariables({{"DATABASE_URL", "postgres://h/db"}, {"REPLICA_PATH", "sqlite:////var/lib/invento/r.db"}});
  ASSERT_TRUE(replica.ok());
  EXPECT_EQ(replica->database_path, "/var/lib/invento/r.db");
  auto alone = ConfigFromVariables({{"REPLICA_PATH", "r.db"}});
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.status().message().rfind("REPLICA_PATH", 0), 0u) << alone.status().message();
  EXPECT_TRUE(ConfigFromVariables({})->postgres_url.empty());
}

TEST(ConfigTest, EveryBadValueNamesItsVariable) {
  const std::vector<std::pair<std::string, std::string>> bad{
      {"PORT", "80a"},          {"PORT", "70000"},         {"BIND_ADDRESS", "localhost"},
      {"BIND_ADDRESS", "1.2.3"}, {"BODY_LIMIT", "12"},      {"READ_TIMEOUT", "0"},
      {"PASSWORD_HASH_COST", "fast"}, {"ATTACHMENTS_DIR", " "}, {"ATTACHMENT_MAX_BYTES", "1e6"},
      {"SNAPSHOT_MIN_VERSION", "-1"}, {"TRUSTED_PROXIES", "10.0.0.1, proxy"}};
  for (const auto& [name, value] : bad) {
    auto r = ConfigFromVariables({{name, value}});
    ASSERT_FALSE(r.ok()) << name << "=" << value;
    EXPECT_NE(r.status().message().find(name), std::string::npos) << r.status().message();
  }
  auto good = ConfigFromVariables({{"BIND_ADDRESS", "0.0.0.0"}, {"PORT", "0"}, {"TRUSTED_PROXIES", "127.0.0.1, ::1"}});
  ASSERT_TRUE(good.ok()) << good.status().message();
  EXPECT_EQ(good->bind_address, "0.0.0.0");
  EXPECT_EQ(good->trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
}

TEST(ConfigTest, MailSettings) {
  auto none = ConfigFromVariables({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->mail_server.empty());
  EXPECT_EQ(none->alerts_daily_at_minute, -1);
  auto tls = ConfigFromVariables({{"MAIL_SERVER", "smtp.example.com"}, {"MAIL_USE_TLS", "true"},
                                  {"MAIL_FROM", "alerts@example.com"}, {"MAIL_USERNAME", "u"},
                                  {"MAIL_PASSWORD", "p"}, {"ALERTS_DAILY_AT", "07:30"}});
  ASSERT_TRUE(tls.ok()) << tls.status().message();
  EXPECT_EQ(tls->mail_port, 587);  // STARTTLS's submission port by default
  EXPECT_TRUE(tls->mail_use_tls);
  EXPECT_EQ(tls->alerts_daily_at_minute, 7 * 60 + 30);
  auto plain = ConfigFromVariables({{"MAIL_SERVER", "10.0.0.5"}, {"MAIL_FROM", "a@b.fr"}});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->mail_port, 25);
  // Each bad value or missing companion is refused, naming the variable.
  const std::string server = "smtp.example.com", from = "alerts@example.com";
  const std::vector<std::pair<std::map<std::string, std::string>, std::string>> bad{
      {{{"MAIL_SERVER", server}}, "MAIL_FROM"},
      {{{"MAIL_SERVER", "smtp example"}, {"MAIL_FROM", from}}, "MAIL_SERVER"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", "alerts"}}, "MAIL_FROM"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", from}, {"MAIL_PORT", "0"}}, "MAIL_PORT"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", from}, {"MAIL_USE_TLS", "maybe"}}, "MAIL_USE_TLS"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", from}, {"MAIL_USERNAME", "u"}}, "MAIL_PASSWORD"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", from}, {"MAIL_CA_FILE", "/nonexistent.pem"}}, "MAIL_CA_FILE"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", from}, {"ALERTS_DAILY_AT", "24:00"}}, "ALERTS_DAILY_AT"},
      {{{"MAIL_SERVER", server}, {"MAIL_FROM", from}, {"ALERTS_DAILY_AT", "7:00"}}, "ALERTS_DAILY_AT"},
      {{{"MAIL_FROM", from}}, "MAIL_FROM"},
      {{{"ALERTS_DAILY_AT", "07:00"}}, "ALERTS_DAILY_AT"},
  };
  for (const auto& [vars, name] : bad) {
    auto r = ConfigFromVariables(vars);
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_NE(r.status().message().find(name), std::string::npos) << r.status().message();
  }
}

// .env.example names exactly the variables config.h documents (the one list to copy from).
TEST(ConfigTest, EnvExampleListsEveryVariable) {
  auto names_in = [](const std::string& file, bool comments) {
    std::ifstream in(std::string(INVENTO_SOURCE_DIR) + "/" + file);
    EXPECT_TRUE(in.good()) << file;
    std::set<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
      std::string text = line;
      if (comments) {  // config.h: "//   NAME  meaning"
        if (text.rfind("//   ", 0) != 0) continue;
        text = text.substr(5);
      } else {  // .env.example: "NAME=value" or "# NAME=value" (other comment lines are prose)
        if (text.rfind("# ", 0) == 0) text = text.substr(2);
        if (text.find('=') == std::string::npos) continue;
      }
      std::istringstream words(text);
      std::string word;
      words >> word;
      word = word.substr(0, word.find('='));
      if (word.size() > 2 && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos) {
        names.insert(word);
      }
    }
    return names;
  };
  const auto documented = names_in("sync-server/config.h", true);
  EXPECT_GE(documented.size(), 12u);
  EXPECT_EQ(names_in(".env.example", false), documented);
}

}  // namespace
}  // namespace invento::server

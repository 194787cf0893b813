// Server configuration (sync-server/config.h): DATABASE_URL's forms, and every variable's bad
// value refused with a message that names the variable. .env.example lists the same set.
#include <gtest/gtest.h>

#include <fstream>
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
  for (const char* bad : {"postgresql://u@h/db", "mysql://h/db", "sqlite:///", "data/"}) {
    auto r = ConfigFromVariables({{"DATABASE_URL", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().message().rfind("DATABASE_URL", 0), 0u) << r.status().message();
  }
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

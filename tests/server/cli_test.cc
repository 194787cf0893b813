// The administration subcommands (cli.h): called directly, and through the real binary.
#include "sync-server/cli.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "sync-server/accounts.h"
#include "sync-server/alert_digest.h"
#include "sync-server/cli_support.h"
#include "tests/server/smtp_sink.h"
#include "tests/server/test_support.h"

namespace invento::server {
namespace {

namespace fs = std::filesystem;

// Files a backup left half-written (".partial-" in their name) under dir.
int Partials(const std::string& dir) {
  int n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.path().string().find(".partial-") != std::string::npos;
  return n;
}

struct Outcome {
  int code = -1;
  std::string out, err;
};

// Runs the real binary with the test's database; stdout captured, stderr into a file.
Outcome RunBinary(const testing::TempDir& dir, const std::string& args,
                  const std::string& env = "") {
  const std::string err_file = dir.Path("stderr.txt");
  std::string db = "DATABASE_URL='" + dir.Path("data/invento.db") + "' ";
  if (!dir.PostgresUrl().empty()) {
    db = "DATABASE_URL='" + dir.PostgresUrl() + "' REPLICA_PATH='" + dir.Path("data/invento.db") + "' ";
  }
  std::string cmd = db + "PASSWORD_HASH_COST=min " +
                    env + " " INVENTO_SERVER_BINARY " " + args + " 2>'" + err_file + "'";
  Outcome r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
  Outcome Call(int (*command)(const Config&, const CliArgs&, std::ostream&, std::ostream&),
               const CliArgs& args, Config config) {
    std::ostringstream out, err;
    Outcome r;
    r.code = command(config, args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
  }
  Config Cfg() { return testing::TestConfig(dir_); }
  // Signs in with the App (HTTP handler) and returns the JSON answer.
  HttpResponse Login(App& app, const std::string& user, const std::string& password) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/api/login";
    r.headers["content-type"] = "application/json";
    r.body = Json{{"username", user}, {"password", password}}.dump();
    return app.Handle(r);
  }
  testing::TempDir dir_;
};

TEST(CliOptionsTest, ParsesValuesAndRefusesBadOptions) {
  auto ok = ParseOptions({"--email", "a@b.fr", "--username=boss"}, {"email", "username"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().at("email"), "a@b.fr");
  EXPECT_EQ(ok.value().at("username"), "boss");
  EXPECT_NE(ParseOptions({"--colour", "red"}, {"email"})
                .status()
                .message()
                .find("unknown option --colour"),
            std::string::npos);
  EXPECT_NE(ParseOptions({"--email"}, {"email"}).status().message().find("--email needs a value"),
            std::string::npos);
  EXPECT_FALSE(ParseOptions({"--email", "--username", "x"}, {"email", "username"}).ok());
  EXPECT_NE(ParseOptions({"--email=a@b.fr", "--email=c@d.fr"}, {"email"})
                .status()
                .message()
                .find("twice"),
            std::string::npos);
  EXPECT_FALSE(ParseOptions({"stray"}, {"email"}).ok());
}

TEST(CliOptionsTest, EmailValidation) {
  for (const char* good : {"jean.dupont@example.fr", "ops+alerts@mail.example.com", "A@b.co"}) {
    EXPECT_TRUE(IsValidEmail(good)) << good;
  }
  for (const char* bad :
       {"", "plain", "@example.fr", "jean@", "jean@localhost", "a@@b.fr", "a@b@c.fr",
        "jean dupont@example.fr", "jean@exa mple.fr", "jean@.example.fr", "jean@example.fr.",
        "jean..x@example.fr", "<jean>@example.fr", "jean@exam_ple.fr"}) {
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  }
  EXPECT_FALSE(IsValidEmail(std::string(250, 'a') + "@b.fr"));
}

TEST(CliOptionsTest, GeneratedPasswordsAreLongAndDistinct) {
  ASSERT_GE(sodium_init(), 0);
  std::set<std::string> seen;
  const std::regex shape("[A-HJ-NP-Za-km-z2-9]{5}(-[A-HJ-NP-Za-km-z2-9]{5}){3}");
  for (int i = 0; i < 200; ++i) {
    std::string p = GeneratePassword();
    EXPECT_TRUE(std::regex_match(p, shape)) << p;
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST_F(CliTest, CreateAdminPrintsAPasswordThatMustBeChanged) {
  Outcome r = Call(CreateAdminCommand,
                   {"--email", "Chef.Atelier@Example.fr", "--display-name", "Chef"}, Cfg());
  ASSERT_EQ(r.code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("password: (\\S+)"))) << r.out;
  const std::string password = m[1];
  EXPECT_NE(r.out.find("username: chef.atelier@example.fr"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("shown only once"), std::string::npos);
  auto app = App::Create(Cfg());
  ASSERT_TRUE(app.ok()) << app.status().ToString();
  auto login = Login(**app, "chef.atelier@example.fr", password);
  ASSERT_EQ(login.status, 200) << login.body;
  Json user = Json::parse(login.body)["user"];
  EXPECT_EQ(user["role"], "admin");
  EXPECT_EQ(user["display_name"], "Chef");
  EXPECT_EQ(user["must_change_password"], true);
  // The database had no user: the well-known first-run account was never created.
  EXPECT_EQ(Login(**app, "admin", "Admin123!").status, 401);
}

TEST_F(CliTest, CreateAdminRefusesBadInputClearly) {
  Outcome missing = Call(CreateAdminCommand, {"--username", "boss"}, Cfg());
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--email is required"), std::string::npos) << missing.err;
  Outcome invalid = Call(CreateAdminCommand, {"--email", "not-an-address"}, Cfg());
  EXPECT_EQ(invalid.code, 1);
  EXPECT_NE(invalid.err.find("'not-an-address' is not a valid e-mail address"), std::string::npos);
  Outcome unknown = Call(CreateAdminCommand, {"--email", "a@b.fr", "--role", "manager"}, Cfg());
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("unknown option --role"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_.Path("data/invento.db"))) << "nothing is created on bad input";

  ASSERT_EQ(
      Call(CreateAdminCommand, {"--email", "boss@example.fr", "--username", "boss"}, Cfg()).code,
      0);
  Outcome taken =
      Call(CreateAdminCommand, {"--email", "other@example.fr", "--username", "BOSS"}, Cfg());
  EXPECT_EQ(taken.code, 1);
  EXPECT_NE(taken.err.find("already taken: choose another with --username"), std::string::npos)
      << taken.err;
  EXPECT_EQ(taken.out, "");  // no password printed for an account that does not exist
  Outcome not_a_username = Call(CreateAdminCommand, {"--email", "ops+alerts@example.fr"}, Cfg());
  EXPECT_EQ(not_a_username.code, 1);
  EXPECT_NE(not_a_username.err.find("choose one with --username"), std::string::npos)
      << not_a_username.err;
}

TEST_F(CliTest, CreateAdminThroughTheBinary) {
  Outcome none = RunBinary(dir_, "create-admin");
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("--email is required"), std::string::npos) << none.err;
  Outcome ok = RunBinary(dir_, "create-admin --email=root@example.org");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_TRUE(std::regex_search(ok.out, std::regex("password: [A-Za-z2-9]{5}-"))) << ok.out;
  Outcome help = RunBinary(dir_, "--help");
  EXPECT_NE(help.out.find("create-admin --email E"), std::string::npos);
  EXPECT_NE(help.out.find("backup-database [--output PATH]"), std::string::npos);
  EXPECT_EQ(RunBinary(dir_, "init-db --force").code, 1);  // init-db takes no option
}

// A database with one item under its minimum, one overdue work order and one preventive
// plan whose first occurrence was never generated.
void SeedAlerts(const Config& config) {
  auto core = OpenServerDatabase(config, /*must_exist=*/true);
  ASSERT_TRUE(core.ok()) << core.status().ToString();
  MutationContext ctx{.actor = {.user_id = "seed", .role = Role::kAdmin}, .now_ms = NowMs()};
  auto mutate = [&](const char* name, const Json& args) {
    auto r = core->Unit([&] { return (*core)->Mutate(name, args, ctx); });
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  };
  mutate("item.create", {{"id", "11111111-1111-4111-8111-111111111111"},
                         {"reference", "FILTRE-9"},
                         {"label", "Filtre a huile"},
                         {"min_qty", "4"}});
  mutate("task.create", {{"id", "22222222-2222-4222-8222-222222222222"},
                         {"title", "Remplacer la pompe"},
                         {"priority", "high"},
                         {"status", "planned"},
                         {"due_date", "2030-01-10"}});
  mutate("asset.create", {{"id", "33333333-3333-4333-8333-333333333333"},
                          {"kind", "machine"},
                          {"name", "Compresseur A"}});
  mutate("pm.create", {{"id", "44444444-4444-4444-8444-444444444444"},
                       {"asset_id", "33333333-3333-4333-8333-333333333333"},
                       {"title", "Vidange"},
                       {"trigger", "calendar"},
                       {"interval_n", 6},
                       {"interval_unit", "month"},
                       {"start_date", "2030-01-05"}});
}

TEST_F(CliTest, CheckAlertsSummarisesTheCoreQueries) {
  ASSERT_TRUE(App::Create(Cfg()).ok());
  SeedAlerts(Cfg());
  Outcome before = Call(CheckAlertsCommand, {"--as-of", "2030-01-01"}, Cfg());
  ASSERT_EQ(before.code, 0) << before.err;
  EXPECT_NE(before.out.find("Invento alerts on 2030-01-01"), std::string::npos) << before.out;
  EXPECT_NE(before.out.find(
                "Stock alerts: 1\n  below minimum — FILTRE-9 Filtre a huile: 0 on hand, minimum 4"),
            std::string::npos)
      << before.out;
  EXPECT_NE(before.out.find("Overdue work orders: 0\n"), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("Overdue preventive maintenance: 0\n"), std::string::npos)
      << before.out;
  EXPECT_NE(before.out.find("MAIL_SERVER is not set; nothing was sent"), std::string::npos);

  Outcome after = Call(CheckAlertsCommand, {"--as-of=2030-02-01"}, Cfg());
  ASSERT_EQ(after.code, 0) << after.err;
  EXPECT_NE(after.out.find(
                "Overdue work orders: 1\n  due 2030-01-10  [high] Remplacer la pompe (planned)"),
            std::string::npos)
      << after.out;
  EXPECT_NE(
      after.out.find(
          "Overdue preventive maintenance: 1\n  Vidange — Compresseur A (next due 2030-01-05)"),
      std::string::npos)
      << after.out;
}

// The e-mail digests (alert_digest.h) through check-alerts, to a local SMTP sink: one per
// recipient an administrator chose, in their language, with their sections only; none for
// users without an address, inactive, or with nothing to report; a refused recipient fails
// the command without stopping the others; the daily run sends each digest once a day.
TEST_F(CliTest, CheckAlertsEmailsEachRecipientTheirDigest) {
  ASSERT_TRUE(App::Create(Cfg()).ok());
  SeedAlerts(Cfg());
  {
    auto core = OpenServerDatabase(Cfg(), true);
    ASSERT_TRUE(core.ok());
    Accounts accounts((*core)->db(), true);
    auto add = [&](const char* name, const char* role, const char* email, const Json& mail) {
      auto id = core->Unit([&] { return accounts.CreateUser({name, name, email, role, "Correct-Horse-9"}, 0); });
      ASSERT_TRUE(id.ok()) << id.status().ToString();
      Status s = core->Unit([&] { return accounts.UpdateUser(*id, mail); });
      ASSERT_TRUE(s.ok()) << s.ToString();
    };
    add("marie", "manager", "marie@example.fr", {{"mail_stock", true}, {"mail_orders", true}, {"mail_maintenance", true}});
    add("tom", "technician", "tom@example.com", {{"mail_orders", true}, {"mail_language", "en"}});
    add("nomail", "manager", "", {{"mail_stock", true}});
    add("gone", "manager", "gone@example.fr", {{"mail_stock", true}, {"active", false}});
    add("refused", "consultant", "refused@example.fr", {{"mail_stock", true}});
    add("silent", "consultant", "silent@example.fr", {});
    // Bad settings are refused and change nothing.
    auto users = accounts.ListUsers();
    ASSERT_TRUE(users.ok());
    std::string tom_id;
    for (const Json& u : *users) {
      if (u["username"] == "tom") tom_id = u["id"].get<std::string>();
    }
    EXPECT_EQ(accounts.UpdateUser(tom_id, {{"mail_stock", true}, {"mail_language", "de"}}).code(), Code::kInvalidArgument);
    EXPECT_EQ(accounts.UpdateUser(tom_id, {{"mail_orders", false}, {"email", "not-an-address"}}).code(),
              Code::kInvalidArgument);
    EXPECT_EQ(accounts.UpdateUser(tom_id, {{"mail_orders", "yes"}}).code(), Code::kInvalidArgument);
    EXPECT_EQ(accounts.UpdateUser(tom_id, {{"password_hash", "x"}}).code(), Code::kInvalidArgument);
    users = accounts.ListUsers();
    for (const Json& u : *users) {
      if (u["username"] != "tom") continue;
      EXPECT_EQ(u["mail_orders"], true);
      EXPECT_EQ(u["mail_stock"], false);
      EXPECT_EQ(u["mail_language"], "en");
      EXPECT_EQ(u["email"], "tom@example.com");
    }
  }
  testing::SmtpSink sink(testing::SinkOptions::Plain().Refuse("refused@example.fr"));
  Config mail = Cfg();
  mail.alerts_daily_at_minute = 7 * 60;  // for the daily thread below
  mail.mail_server = "127.0.0.1";
  mail.mail_port = sink.port();
  mail.mail_from = "invento@example.fr";

  // 2030-01-01: only the stock alert. Tom (work orders only) has nothing to read.
  Outcome first = Call(CheckAlertsCommand, {"--as-of", "2030-01-01"}, mail);
  EXPECT_EQ(first.code, 1) << first.out;  // the refused recipient
  EXPECT_NE(first.out.find("1 sent, 1 with nothing to report, 1 failed"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("tom@example.com: nothing to report, not sent"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("refused@example.fr: NOT sent: RCPT TO <refused@example.fr> refused"), std::string::npos)
      << first.out;
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].to, std::vector<std::string>{"marie@example.fr"});

  Outcome second = Call(CheckAlertsCommand, {"--as-of", "2030-02-01"}, mail);
  EXPECT_NE(second.out.find("2 sent, 0 with nothing to report, 1 failed"), std::string::npos) << second.out;
  got = sink.messages();
  ASSERT_EQ(got.size(), 3u);
  std::map<std::string, std::string> text;
  for (const auto& m : got) {
    const std::string plain = testing::DecodedBody(m.data);
    ASSERT_FALSE(plain.empty()) << m.data;
    text[m.to.at(0)] = plain;
  }
  const std::string& marie = text["marie@example.fr"];
  EXPECT_NE(marie.find("Bonjour marie,"), std::string::npos) << marie;
  EXPECT_NE(marie.find("Stock sous le minimum ou négatif: 1\r\n  sous le minimum — FILTRE-9 Filtre a huile: 0 en "
                       "stock, minimum 4"),
            std::string::npos)
      << marie;
  EXPECT_NE(marie.find("Ordres de travail en retard: 1\r\n  échéance 2030-01-10  [high] Remplacer la pompe"),
            std::string::npos)
      << marie;
  EXPECT_NE(marie.find("Maintenance préventive en retard: 1\r\n  Vidange — Compresseur A"), std::string::npos) << marie;
  const std::string& tom = text["tom@example.com"];
  EXPECT_NE(tom.find("Hello tom,\r\n\r\nOverdue work orders: 1\r\n  due 2030-01-10  [high] Remplacer la pompe"),
            std::string::npos)
      << tom;
  EXPECT_EQ(tom.find("FILTRE-9"), std::string::npos) << "tom did not ask for stock";
  EXPECT_EQ(tom.find("Vidange"), std::string::npos) << "nor for maintenance";
  for (const auto& [to, body] : text) EXPECT_TRUE(to == "marie@example.fr" || to == "tom@example.com") << to;

  // The daily run: what check-alerts sent on that day is not sent again.
  auto core = OpenServerDatabase(mail, true);
  ASSERT_TRUE(core.ok());
  auto daily = SendDigests(*core, mail, "2030-02-01", DayStartMs(*ParseDate("2030-02-01")), true);
  ASSERT_TRUE(daily.ok()) << daily.status().ToString();
  EXPECT_EQ(daily->sent, 0);
  EXPECT_EQ(daily->already_sent, 2);
  EXPECT_EQ(daily->failed, 1);  // still refused: tried again
  EXPECT_EQ(sink.messages().size(), 3u);

  // serve's daily thread does the same run on its own connection, on the local date.
  setenv("TZ", "UTC", 1);
  tzset();
  {
    DailyDigests daily_thread(mail);  // (its first run is hours away; RunOnce is that run)
    auto run = daily_thread.RunOnce(DayStartMs(*ParseDate("2030-02-01")) / 1000 + 7 * 3600);
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ(run->already_sent, 2);
    auto next_day = daily_thread.RunOnce(DayStartMs(*ParseDate("2030-02-02")) / 1000 + 7 * 3600);
    ASSERT_TRUE(next_day.ok());
    EXPECT_EQ(next_day->sent, 2);
  }  // stopped and joined at once
  unsetenv("TZ");
  tzset();
  EXPECT_EQ(sink.messages().size(), 5u);
}

TEST(AlertScheduleTest, NextDailyRunIsTheNextLocalTimeOfDay) {
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  // 2030-01-15 06:00 in Paris (UTC+1) = 05:00 UTC.
  const std::int64_t six = 1894683600;
  EXPECT_EQ(NextDailyRun(six, 7 * 60), six + 3600);             // 07:00 the same day
  EXPECT_EQ(NextDailyRun(six, 6 * 60), six + 24 * 3600);        // exactly now: tomorrow
  EXPECT_EQ(NextDailyRun(six, 5 * 60 + 30), six + 23 * 3600 + 1800);
  // Across the change to summer time (2030-03-31 02:00 -> 03:00): 07:00 is 05:00 UTC.
  const std::int64_t saturday_eight = 1901084400;  // 2030-03-30 08:00 +01:00
  EXPECT_EQ(NextDailyRun(saturday_eight, 7 * 60), saturday_eight + 22 * 3600);
  unsetenv("TZ");
  tzset();
}

TEST_F(CliTest, CheckAlertsRefusesBadInput) {
  Outcome no_db = Call(CheckAlertsCommand, {}, Cfg());
  EXPECT_EQ(no_db.code, 1);
  EXPECT_NE(no_db.err.find("run 'invento-server init-db' first"), std::string::npos) << no_db.err;
  EXPECT_FALSE(fs::exists(Cfg().database_path)) << "an empty database was created";
  ASSERT_TRUE(App::Create(Cfg()).ok());
  Outcome bad_date = Call(CheckAlertsCommand, {"--as-of", "01/02/2030"}, Cfg());
  EXPECT_EQ(bad_date.code, 2);
  EXPECT_NE(bad_date.err.find("YYYY-MM-DD"), std::string::npos);
  Outcome through_binary =
      RunBinary(dir_, "check-alerts", "MAIL_SERVER=mail.example.fr MAIL_FROM=invento@example.fr");
  EXPECT_EQ(through_binary.code, 0) << through_binary.err;
  EXPECT_NE(through_binary.out.find("Stock alerts: 0"), std::string::npos) << through_binary.out;
  EXPECT_NE(through_binary.out.find("(no recipient: an administrator chooses them"), std::string::npos)
      << through_binary.out;
  Outcome no_from = RunBinary(dir_, "check-alerts", "MAIL_SERVER=mail.example.fr");
  EXPECT_NE(no_from.code, 0);
  EXPECT_NE(no_from.err.find("MAIL_FROM is required with MAIL_SERVER"), std::string::npos) << no_from.err;
}

TEST_F(CliTest, BackupIsAnOnlineCheckedCopy) {
  auto app = App::Create(Cfg());
  ASSERT_TRUE(app.ok());
  // The server stays open, its latest writes still in the WAL file.
  ASSERT_EQ(Login(**app, "admin", "Admin123!").status, 200);
  Outcome r = Call(BackupDatabaseCommand, {}, Cfg());
  ASSERT_EQ(r.code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out, m, std::regex("written to (\\S+) \\((\\d+) bytes\\); integrity_check: ok")))
      << r.out;
  const fs::path copy = m[1].str();
  EXPECT_EQ(copy.parent_path(), fs::path(dir_.Path("data")));
  EXPECT_TRUE(
      std::regex_match(copy.filename().string(), std::regex("invento-backup-\\d{8}-\\d{6}Z\\.db")))
      << copy;
  EXPECT_EQ(std::to_string(fs::file_size(copy)), m[2].str());
  auto db = db::Db::Open(copy.string());
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*db)->QueryValue("SELECT count(*) FROM sessions").value(), 1);  // from the WAL
  EXPECT_EQ((*db)->QueryValue("PRAGMA journal_mode").value(), "delete");
  EXPECT_EQ((*db)->QueryValue("PRAGMA integrity_check").value(), "ok");
  // A second backup in the same second gets its own name; an explicit output works too.
  Outcome again = Call(BackupDatabaseCommand, {}, Cfg());
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out.find(copy.string() + " "), std::string::npos);
  Outcome named = Call(BackupDatabaseCommand, {"--output", dir_.Path("nightly.db")}, Cfg());
  ASSERT_EQ(named.code, 0) << named.err;
  EXPECT_TRUE(fs::is_regular_file(dir_.Path("nightly.db")));
  EXPECT_EQ(Partials(dir_.Path()), 0);
}

TEST_F(CliTest, BackupRefusesUnwritableOrExistingOutput) {
  ASSERT_TRUE(App::Create(Cfg()).ok());
  dir_.Write("a-file", "not a folder");
  Outcome under_file =
      Call(BackupDatabaseCommand, {"--output", dir_.Path("a-file/backup.db")}, Cfg());
  EXPECT_EQ(under_file.code, 1);
  EXPECT_NE(under_file.err.find("cannot write"), std::string::npos) << under_file.err;
  Outcome no_folder =
      Call(BackupDatabaseCommand, {"--output", dir_.Path("missing/backup.db")}, Cfg());
  EXPECT_EQ(no_folder.code, 1);
  EXPECT_NE(no_folder.err.find("does not exist"), std::string::npos) << no_folder.err;
  dir_.Write("keep.db", "precious");
  Outcome existing = Call(BackupDatabaseCommand, {"--output", dir_.Path("keep.db")}, Cfg());
  EXPECT_EQ(existing.code, 1);
  EXPECT_NE(existing.err.find("never overwritten"), std::string::npos);
  std::ifstream kept(dir_.Path("keep.db"));
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(kept), {}), "precious");
  Outcome itself = Call(BackupDatabaseCommand, {"--output", Cfg().database_path}, Cfg());
  EXPECT_EQ(itself.code, 1);
  EXPECT_EQ(Call(BackupDatabaseCommand, {"--output"}, Cfg()).code, 2);
  Config elsewhere = Cfg();
  elsewhere.database_path = dir_.Path("nothing-here.db");
  Outcome no_db = Call(BackupDatabaseCommand, {}, elsewhere);
  EXPECT_EQ(no_db.code, 1);
  EXPECT_NE(no_db.err.find("no database at"), std::string::npos);
  Outcome through_binary = RunBinary(dir_, "backup-database --output /proc/invento-backup.db");
  EXPECT_EQ(through_binary.code, 1);
  EXPECT_NE(through_binary.err.find("cannot write /proc/invento-backup.db"), std::string::npos)
      << through_binary.err;
}

// With PostgreSQL, backup-database is pg_dump (custom format), read back whole before it
// takes its name; the same refusals as the SQLite copy. (Restoring one: SyncTest's restore
// test, which runs on both engines.) PostgreSQL only: not registered in the SQLite run.
TEST_F(CliTest, PostgresBackupIsACheckedPgDumpArchive) {
  ASSERT_TRUE(testing::OnPostgres()) << "needs INVENTO_TEST_PG (scripts/pg_test_cluster.sh)";
  auto app = App::Create(Cfg());
  ASSERT_TRUE(app.ok());
  ASSERT_EQ(Login(**app, "admin", "Admin123!").status, 200);
  Outcome r = Call(BackupDatabaseCommand, {}, Cfg());
  ASSERT_EQ(r.code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("written to (\\S+) \\(pg_dump custom format, (\\d+) bytes\\); "
                                                     "read back whole by pg_restore --list: ok")))
      << r.out;
  const fs::path copy = m[1].str();
  EXPECT_EQ(copy.parent_path(), fs::path(dir_.Path("data")));
  EXPECT_TRUE(std::regex_match(copy.filename().string(), std::regex("invento-\\d{8}-\\d{6}Z\\.dump"))) << copy;
  EXPECT_EQ(std::to_string(fs::file_size(copy)), m[2].str());
  std::ifstream head(copy, std::ios::binary);
  std::string magic(5, '\0');
  head.read(magic.data(), 5);
  EXPECT_EQ(magic, "PGDMP");
  dir_.Write("keep.dump", "precious");
  Outcome existing = Call(BackupDatabaseCommand, {"--output", dir_.Path("keep.dump")}, Cfg());
  EXPECT_EQ(existing.code, 1);
  EXPECT_NE(existing.err.find("never overwritten"), std::string::npos);
  Outcome no_folder = Call(BackupDatabaseCommand, {"--output", dir_.Path("missing/backup.dump")}, Cfg());
  EXPECT_EQ(no_folder.code, 1);
  EXPECT_NE(no_folder.err.find("does not exist"), std::string::npos) << no_folder.err;
  Outcome through_binary = RunBinary(dir_, "backup-database --output " + dir_.Path("nightly.dump"));
  EXPECT_EQ(through_binary.code, 0) << through_binary.err;
  EXPECT_TRUE(fs::is_regular_file(dir_.Path("nightly.dump")));
  EXPECT_EQ(Partials(dir_.Path()), 0);
}

}  // namespace
}  // namespace invento::server

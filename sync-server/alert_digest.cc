#include "sync-server/alert_digest.h"

#include "sync-server/cli_support.h"
#include "sync-server/server_log.h"

#include <chrono>
#include <ctime>
#include <utility>

namespace invento::server {
namespace {

constexpr std::size_t kReportLines = 10;  // per section in the operator's report
constexpr std::size_t kMailLines = 50;    // per section in an e-mail

std::string Text(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

bool Mailed(const Json& alert) {  // the digest's stock section: under minimum and negative
  const std::string kind = Text(alert, "kind");
  return kind == "under_min" || kind == "under_min_location" || kind == "negative";
}

// The words of a digest, per language.
struct Words {
  const char* subject;  // + day
  const char* hello;    // + name
  const char* stock;
  const char* orders;
  const char* maintenance;
  const char* below_min;     // "{where}: {qty} on hand, minimum {min}"
  const char* on_hand;
  const char* minimum;
  const char* negative;
  const char* at;
  const char* due;
  const char* next_due;
  const char* meter;
  const char* of;
  const char* more;  // "… and N more"
  const char* footer;
};

constexpr Words kFrench{
    "Invento : alertes du ", "Bonjour ", "Stock sous le minimum ou négatif", "Ordres de travail en retard",
    "Maintenance préventive en retard", "sous le minimum", "en stock", "minimum", "stock négatif", " à ",
    "échéance ", "prochaine échéance ", "compteur ", " sur ", "… et %d de plus (voir l'application)",
    "Vous recevez ce résumé parce qu'un administrateur d'Invento l'a demandé pour vous "
    "(écran Utilisateurs)."};
constexpr Words kEnglish{
    "Invento: alerts for ", "Hello ", "Stock under minimum or negative", "Overdue work orders",
    "Overdue preventive maintenance", "below minimum", "on hand", "minimum", "negative stock", " at ",
    "due ", "next due ", "meter ", " of ", "… and %d more (see the app)",
    "You receive this digest because an Invento administrator asked for it (Users screen)."};

std::string Where(const Json& a, const Words& w) {
  std::string where = Text(a, "reference") + " " + Text(a, "label");
  if (a.contains("location")) where += w.at + Text(a, "location");
  return where;
}

std::string StockLine(const Json& a, const Words& w) {
  if (Text(a, "kind") == "negative") return std::string(w.negative) + " — " + Where(a, w) + ": " + Text(a, "qty");
  if (Text(a, "kind") == "not_counted") {
    return "not counted — " + Where(a, w) +
           (a.value("severity", 0) >= 1'000'000 ? ": never counted" : ": not counted recently");
  }
  return std::string(w.below_min) + " — " + Where(a, w) + ": " + Text(a, "qty") + " " + w.on_hand + ", " +
         w.minimum + " " + Text(a, "min_qty");
}

std::string OrderLine(const Json& t, const Words& w) {
  return w.due + Text(t, "due_date") + "  [" + Text(t, "priority") + "] " + Text(t, "title") + " (" +
         Text(t, "status") + ")";
}

std::string MaintenanceLine(const Json& p, const Words& w) {
  std::string line = Text(p, "title") + " — " + Text(p, "asset");
  if (p.contains("next_due_date")) return line + " (" + w.next_due + Text(p, "next_due_date") + ")";
  return line + " (" + w.meter + Text(p, "meter_total") + w.of + Text(p, "next_threshold") + ")";
}

template <typename Line>
void Section(std::string& out, const std::string& title, const std::vector<const Json*>& rows, std::size_t max,
             const Words& w, Line line) {
  out += title + ": " + std::to_string(rows.size()) + "\n";
  for (std::size_t i = 0; i < rows.size() && i < max; ++i) out += "  " + line(*rows[i], w) + "\n";
  if (rows.size() > max) {
    char more[160];
    std::snprintf(more, sizeof more, w.more, static_cast<int>(rows.size() - max));
    out += std::string("  ") + more + "\n";
  }
}

std::vector<const Json*> All(const Json& rows) {
  std::vector<const Json*> out;
  for (const Json& r : rows) out.push_back(&r);
  return out;
}

}  // namespace

Result<AlertFigures> CollectAlerts(Core& core, const Actor& reader, const std::string& day,
                                   std::int64_t as_of_ms, const DigestSections& sections) {
  AlertFigures f;
  if (sections.stock) {
    INVENTO_ASSIGN_OR_RETURN(Json stock, core.Query("alert.list", {{"as_of", as_of_ms}}, reader));
    f.stock = std::move(stock["alerts"]);
  }
  if (sections.orders) {
    for (std::int64_t offset = 0;; offset += 1000) {
      INVENTO_ASSIGN_OR_RETURN(
          Json page,
          core.Query("task.list", {{"overdue_as_of", day}, {"limit", 1000}, {"offset", offset}}, reader));
      for (auto& t : page["items"]) f.orders.push_back(std::move(t));
      if (page["items"].size() < 1000) break;
    }
  }
  if (sections.maintenance) {
    INVENTO_ASSIGN_OR_RETURN(Json pm, core.Query("pm.due", {{"as_of", day}, {"only_overdue", true}}, reader));
    f.maintenance = std::move(pm["items"]);
  }
  return f;
}

void PrintAlertReport(std::ostream& out, const AlertFigures& f) {
  std::string text;
  Section(text, "Stock alerts", All(f.stock), kReportLines, kEnglish, StockLine);
  Section(text, "Overdue work orders", All(f.orders), kReportLines, kEnglish, OrderLine);
  Section(text, "Overdue preventive maintenance", All(f.maintenance), kReportLines, kEnglish, MaintenanceLine);
  out << text;
}

Result<std::vector<DigestRecipient>> DigestRecipients(const db::Db& db) {
  INVENTO_ASSIGN_OR_RETURN(db::Stmt st, db.Prepare(
      "SELECT id, display_name, email, role, mail_language, mail_stock, mail_orders, mail_maintenance"
      " FROM users WHERE active = 1 AND email IS NOT NULL AND email <> ''"
      " AND (mail_stock = 1 OR mail_orders = 1 OR mail_maintenance = 1) ORDER BY username_key"));
  std::vector<DigestRecipient> out;
  while (true) {
    INVENTO_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    DigestRecipient r{.user_id = st.Text(0), .display_name = st.Text(1), .email = st.Text(2),
                      .language = st.Text(4), .role = Role::kConsultant, .sections = {}};
    INVENTO_ASSIGN_OR_RETURN(r.role, ParseRole(st.Text(3)));
    r.sections = {.stock = st.Int(5) == 1, .orders = st.Int(6) == 1, .maintenance = st.Int(7) == 1};
    out.push_back(std::move(r));
  }
  return out;
}

MailMessage DigestMail(const DigestRecipient& to, const AlertFigures& f, const std::string& day,
                       const std::string& from) {
  const Words& w = to.language == "en" ? kEnglish : kFrench;
  MailMessage m{.from = from, .to = {to.email}, .subject = w.subject + day, .text = ""};
  std::vector<const Json*> stock;
  for (const Json& a : f.stock) {
    if (Mailed(a)) stock.push_back(&a);
  }
  const bool any = (to.sections.stock && !stock.empty()) || (to.sections.orders && !f.orders.empty()) ||
                   (to.sections.maintenance && !f.maintenance.empty());
  if (!any) return m;
  std::string text = w.hello + to.display_name + ",\n\n";
  if (to.sections.stock) Section(text, w.stock, stock, kMailLines, w, StockLine), text += "\n";
  if (to.sections.orders) Section(text, w.orders, All(f.orders), kMailLines, w, OrderLine), text += "\n";
  if (to.sections.maintenance) {
    Section(text, w.maintenance, All(f.maintenance), kMailLines, w, MaintenanceLine), text += "\n";
  }
  m.text = text + "-- \n" + w.footer + "\n";
  return m;
}

SmtpServer MailServerOf(const Config& c) {
  return SmtpServer{.host = c.mail_server, .port = c.mail_port, .starttls = c.mail_use_tls,
                    .username = c.mail_username, .password = c.mail_password, .ca_file = c.mail_ca_file};
}

Result<DigestRun> SendDigests(ServerDatabase& db, const Config& config, const std::string& day, std::int64_t as_of_ms,
                              bool skip_already_sent) {
  Core& core = *db;
  if (config.mail_server.empty()) return Status::FailedPrecondition("MAIL_SERVER is not set");
  INVENTO_ASSIGN_OR_RETURN(auto recipients, DigestRecipients(core.db()));
  DigestRun run;
  const SmtpServer server = MailServerOf(config);
  for (const DigestRecipient& r : recipients) {
    if (skip_already_sent) {
      INVENTO_ASSIGN_OR_RETURN(Json sent, core.db().QueryValue(
          "SELECT count(*) FROM alert_digests_sent WHERE day = ? AND user_id = ?", {Json(day), Json(r.user_id)}));
      if (sent.get<std::int64_t>() > 0) {
        ++run.already_sent;
        run.lines.push_back(r.email + ": already sent today");
        continue;
      }
    }
    INVENTO_ASSIGN_OR_RETURN(AlertFigures figures,
                             CollectAlerts(core, Actor{.user_id = r.user_id, .role = r.role}, day, as_of_ms, r.sections));
    MailMessage mail = DigestMail(r, figures, day, config.mail_from);
    if (mail.text.empty()) {
      ++run.nothing_to_say;
      run.lines.push_back(r.email + ": nothing to report, not sent");
      continue;
    }
    Status sent = SendMail(server, mail);
    if (!sent.ok()) {
      ++run.failed;
      run.lines.push_back(r.email + ": NOT sent: " + sent.message());
      continue;
    }
    ++run.sent;
    run.lines.push_back(r.email + ": sent");
    INVENTO_RETURN_IF_ERROR(db.Unit([&]() -> Status {
      INVENTO_ASSIGN_OR_RETURN(db::Stmt st, core.db().Prepare(
          "INSERT INTO alert_digests_sent (day, user_id, sent_at) VALUES (?, ?, ?)"
          " ON CONFLICT (day, user_id) DO UPDATE SET sent_at = excluded.sent_at"));
      st.Bind(1, std::string_view(day)).Bind(2, std::string_view(r.user_id)).Bind(3, static_cast<std::int64_t>(std::time(nullptr)));
      return st.Run();
    }));
  }
  return run;
}

std::string LocalDay(std::int64_t now) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &local);
  return day;
}

DailyDigests::DailyDigests(Config config) : config_(std::move(config)) {
  thread_ = std::thread([this] { Loop(); });
}

DailyDigests::~DailyDigests() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

Result<DigestRun> DailyDigests::RunOnce(std::int64_t now) const {
  INVENTO_ASSIGN_OR_RETURN(auto db, OpenServerDatabase(config_, /*must_exist=*/true));
  return SendDigests(db, config_, LocalDay(now), now * 1000, /*skip_already_sent=*/true);
}

void DailyDigests::Loop() {
  PrepareThreadForCrashLog();
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const std::int64_t next = NextDailyRun(static_cast<std::int64_t>(std::time(nullptr)), config_.alerts_daily_at_minute);
    const auto at = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(next));
    if (wake_.wait_until(lock, at, [&] { return stopping_; })) return;
    lock.unlock();
    auto run = RunOnce(next);
    if (!run.ok()) {
      LogError("alert e-mails", run.status().ToString());
    } else {
      LogInfo("alert e-mails", std::to_string(run->sent) + " sent, " + std::to_string(run->nothing_to_say) +
                                   " with nothing to report, " + std::to_string(run->already_sent) +
                                   " already sent today, " + std::to_string(run->failed) + " failed");
      for (const std::string& line : run->lines) {
        if (line.find("NOT sent") != std::string::npos) LogError("alert e-mails", line);
      }
    }
    lock.lock();
  }
}

std::int64_t NextDailyRun(std::int64_t now, int minute) {
  const std::time_t t = static_cast<std::time_t>(now);
  std::tm local{};
  localtime_r(&t, &local);
  for (int days = 0; days < 3; ++days) {
    std::tm at = local;
    at.tm_mday += days;
    at.tm_hour = minute / 60;
    at.tm_min = minute % 60;
    at.tm_sec = 0;
    at.tm_isdst = -1;  // whatever daylight saving time says on that day
    const std::int64_t when = static_cast<std::int64_t>(std::mktime(&at));
    if (when > now) return when;
  }
  return now + 24 * 3600;  // not reached
}

}  // namespace invento::server

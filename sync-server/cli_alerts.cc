// check-alerts (cli.h): the core's own alert queries, run on the server database through the
// Core facade, printed as a short report for an operator or a cron job.
#include <string>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "sync-server/cli.h"
#include "sync-server/cli_support.h"

namespace invento::server {
namespace {

constexpr std::size_t kLinesPerSection = 10;

std::string Text(const Json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string AlertLine(const Json& a) {
  const std::string kind = Text(a, "kind");
  std::string where = Text(a, "reference") + " " + Text(a, "label");
  if (a.contains("location")) where += " at " + Text(a, "location");
  if (kind == "under_min" || kind == "under_min_location") {
    return "below minimum   " + where + ": " + Text(a, "qty") + " on hand, minimum " +
           Text(a, "min_qty");
  }
  if (kind == "negative") return "negative stock  " + where + ": " + Text(a, "qty");
  if (kind == "not_counted") {
    return "not counted     " + where +
           (a.value("severity", 0) >= 1'000'000 ? ": never counted" : ": not counted recently");
  }
  return kind + " " + where;
}

std::string TaskLine(const Json& t) {
  return "due " + Text(t, "due_date") + "  [" + Text(t, "priority") + "] " + Text(t, "title") +
         " (" + Text(t, "status") + ")";
}

std::string PmLine(const Json& p) {
  std::string line = Text(p, "title") + " — " + Text(p, "asset");
  if (p.contains("next_due_date")) return line + " (next due " + Text(p, "next_due_date") + ")";
  return line + " (meter " + Text(p, "meter_total") + " of " + Text(p, "next_threshold") + ")";
}

template <typename Fn>
void Section(std::ostream& out, const std::string& title, const Json& rows, Fn line) {
  out << title << ": " << rows.size() << "\n";
  for (std::size_t i = 0; i < rows.size() && i < kLinesPerSection; ++i)
    out << "  " << line(rows[i]) << "\n";
  if (rows.size() > kLinesPerSection)
    out << "  ... and " << rows.size() - kLinesPerSection << " more\n";
}

}  // namespace

int CheckAlertsCommand(const Config& config, const CliArgs& args, std::ostream& out,
                       std::ostream& err) {
  auto options = ParseOptions(args, {"as-of"});
  if (!options.ok()) {
    err << "check-alerts: " << options.status().message() << "\n"
        << "usage: invento-server check-alerts [--as-of YYYY-MM-DD]\n";
    return 2;
  }
  std::int64_t as_of_ms = NowMs();
  std::string day = FormatDate(DayOfMs(as_of_ms));
  if (options->count("as-of")) {
    auto date = ParseDate(options->at("as-of"));
    if (!date) {
      err << "check-alerts: --as-of must be a date written YYYY-MM-DD\n";
      return 2;
    }
    day = FormatDate(*date);
    as_of_ms = DayStartMs(*date);
  }
  auto core = OpenServerDatabase(config, /*must_exist=*/true);
  if (!core.ok()) {
    err << "check-alerts: " << core.status().message() << "\n";
    return 1;
  }
  // Reads only; the role lets every query see everything (as the server would for an admin).
  const Actor system{.user_id = "check-alerts", .role = Role::kAdmin};
  auto stock = (*core)->Query("alert.list", {{"as_of", as_of_ms}}, system);
  Json tasks = Json::array();
  Status tasks_status;
  for (std::int64_t offset = 0;; offset += 1000) {
    auto page = (*core)->Query(
        "task.list", {{"overdue_as_of", day}, {"limit", 1000}, {"offset", offset}}, system);
    if (!page.ok()) {
      tasks_status = page.status();
      break;
    }
    for (auto& t : page.value()["items"]) tasks.push_back(std::move(t));
    if (page.value()["items"].size() < 1000) break;
  }
  auto pm = (*core)->Query("pm.due", {{"as_of", day}, {"only_overdue", true}}, system);
  for (const Status& s : {stock.status(), tasks_status, pm.status()}) {
    if (!s.ok()) {
      err << "check-alerts: " << s.ToString() << "\n";
      return 1;
    }
  }
  out << "Invento alerts on " << day << " (database " << config.database_path << ")\n";
  Section(out, "Stock alerts", stock.value()["alerts"], AlertLine);
  Section(out, "Overdue work orders", tasks, TaskLine);
  Section(out, "Overdue preventive maintenance", pm.value()["items"], PmLine);
  if (config.mail_server.empty()) {
    out << "E-mail: MAIL_SERVER is not set; nothing was sent.\n";
  } else {
    out << "E-mail: MAIL_SERVER is set (" << config.mail_server
        << "), but sending e-mail is not implemented yet; nothing was sent.\n";
  }
  return 0;
}

}  // namespace invento::server

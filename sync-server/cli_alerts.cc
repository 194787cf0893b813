// check-alerts (cli.h): the core's own alert queries, run on the server database through the
// Core facade, printed as a short report for an operator or a cron job; then, when
// MAIL_SERVER is set, each recipient's digest e-mailed (alert_digest.h). Exit status 1 when
// a digest could not be sent.
#include <string>

#include "sync-server/alert_digest.h"

#include "core/base/clock.h"
#include "core/base/date.h"
#include "sync-server/cli.h"
#include "sync-server/cli_support.h"

namespace invento::server {

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
  // The whole picture for the operator: read as an administrator would.
  const Actor system{.user_id = "check-alerts", .role = Role::kAdmin};
  auto figures = CollectAlerts(**core, system, day, as_of_ms, {.stock = true, .orders = true, .maintenance = true});
  if (!figures.ok()) {
    err << "check-alerts: " << figures.status().ToString() << "\n";
    return 1;
  }
  out << "Invento alerts on " << day << " (database "
      << (config.postgres_url.empty() ? config.database_path : "in PostgreSQL") << ")\n";
  PrintAlertReport(out, *figures);
  if (config.mail_server.empty()) {
    out << "E-mail: MAIL_SERVER is not set; nothing was sent.\n";
    return 0;
  }
  auto run = SendDigests(*core, config, day, as_of_ms, /*skip_already_sent=*/false);
  if (!run.ok()) {
    err << "check-alerts: " << run.status().ToString() << "\n";
    return 1;
  }
  out << "E-mail through " << config.mail_server << ":" << config.mail_port << ": " << run->sent << " sent, "
      << run->nothing_to_say << " with nothing to report, " << run->failed << " failed\n";
  for (const std::string& line : run->lines) out << "  " << line << "\n";
  if (run->sent + run->nothing_to_say + run->failed == 0) {
    out << "  (no recipient: an administrator chooses them on the Users screen; each needs an e-mail address)\n";
  }
  return run->failed > 0 ? 1 : 0;
}

}  // namespace invento::server

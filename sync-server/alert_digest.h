// The alert digests: stock under minimum or negative, overdue work orders, preventive
// maintenance due. `check-alerts` prints the whole picture and e-mails each recipient their
// digest; `serve` does the e-mails every day at ALERTS_DAILY_AT (config.h).
//
// Who receives what is set by administrators (users.mail_stock / mail_orders /
// mail_maintenance / mail_language, schema/server/0003_alert_mail.sql; the Users screen). A
// recipient is an active user with an e-mail address and at least one section. Each digest is
// built from the core's own queries run as that user (their role), so it shows what they may
// read; a digest whose sections are all empty is not sent. One e-mail per recipient and day is
// recorded in alert_digests_sent: the daily run skips whoever already got that day's digest
// (a restart, or a second server process, sends nothing twice); check-alerts sends anyway
// (an operator asked) and records it too.
//
// Not thread-safe for the database: the caller holds the lock that serialises its use.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <ostream>
#include <string>
#include <vector>

#include "core/core.h"
#include "sync-server/cli_support.h"
#include "sync-server/config.h"
#include "sync-server/smtp_client.h"

namespace invento::server {

// What the alert queries return for one reader on one day.
struct AlertFigures {
  Json stock = Json::array();        // alert.list's alerts (under minimum, negative, not counted)
  Json orders = Json::array();       // task.list overdue_as_of day
  Json maintenance = Json::array();  // pm.due only_overdue
};

struct DigestSections {
  bool stock = false, orders = false, maintenance = false;
};

Result<AlertFigures> CollectAlerts(Core& core, const Actor& reader, const std::string& day,
                                   std::int64_t as_of_ms, const DigestSections& sections);

// The operator's report (English), as check-alerts prints it.
void PrintAlertReport(std::ostream& out, const AlertFigures& figures);

struct DigestRecipient {
  std::string user_id, display_name, email, language;  // language: fr | en
  Role role = Role::kConsultant;
  DigestSections sections;
};

Result<std::vector<DigestRecipient>> DigestRecipients(const db::Db& db);

// A recipient's e-mail: subject and text in their language; empty text when every section
// they receive is empty.
MailMessage DigestMail(const DigestRecipient& to, const AlertFigures& figures, const std::string& day,
                       const std::string& from);

SmtpServer MailServerOf(const Config& config);

struct DigestRun {
  int sent = 0, nothing_to_say = 0, already_sent = 0, failed = 0;
  std::vector<std::string> lines;  // one per recipient: what happened (no secrets)
};

// Sends the day's digests. `skip_already_sent`: the daily run (true) or check-alerts (false).
// Each digest sent is recorded in a unit of its own (cli_support.h): with PostgreSQL, in
// PostgreSQL. Several `serve` processes with ALERTS_DAILY_AT could each send the same day's
// digests if they ran at the very same moment: set it on one process (docs/operations.md).
Result<DigestRun> SendDigests(ServerDatabase& db, const Config& config, const std::string& day, std::int64_t as_of_ms,
                              bool skip_already_sent);

// `serve`'s daily run (ALERTS_DAILY_AT): a thread that sleeps until the configured local
// time, sends that day's digests (SendDigests with skip_already_sent, on its own database
// connection), logs what happened and sleeps until the next day. Stopped (and joined) by
// the destructor, at once even mid-wait.
class DailyDigests {
 public:
  explicit DailyDigests(Config config);
  ~DailyDigests();
  DailyDigests(const DailyDigests&) = delete;
  DailyDigests& operator=(const DailyDigests&) = delete;
  // One run as the thread does it at `now` (Unix seconds); returns what happened.
  Result<DigestRun> RunOnce(std::int64_t now) const;

 private:
  void Loop();
  Config config_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The local date (YYYY-MM-DD) at Unix time `now`, in the process's time zone.
std::string LocalDay(std::int64_t now);

// When the next daily run falls: the first local time-of-day `minute` (minutes after
// midnight) strictly after `now` (Unix seconds), as Unix seconds, in the process's time zone.
std::int64_t NextDailyRun(std::int64_t now, int minute);

}  // namespace invento::server

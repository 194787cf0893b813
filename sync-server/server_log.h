// The server's log: one line per request and one per internal error, to stderr.
//
// Contract: lines are written whole (a mutex keeps concurrent lines apart) and start with
// the UTC time. A request line holds the method, the path WITHOUT its query string, the
// status, the duration, the user id when a session was recognised ("-" otherwise) and the
// client address; never a header, a body, a token or a password. Errors name where they
// happened and their cause. Thread-safe; never throws. SetLogSink() redirects the lines
// (tests); nullptr restores stderr.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace invento::server {

struct RequestLogEntry {
  std::string_view method;
  std::string_view target;  // the raw target: the query string is cut before logging
  int status = 0;
  double duration_ms = 0;
  std::string_view user_id;  // empty: no session
  std::string_view address;
};

void LogRequest(const RequestLogEntry& entry);
void LogError(std::string_view where, std::string_view cause);
// A line of information (e.g. the daily alert e-mails: how many went out).
void LogInfo(std::string_view where, std::string_view what);
// Gives the calling thread its own signal stack, so a crash there (even a stack overflow)
// can still be reported by the fatal-signal handler that main() installs.
void PrepareThreadForCrashLog();
void SetLogSink(std::function<void(const std::string& line)> sink);

}  // namespace invento::server

// Login throttling, per account and per client address (in memory, per process).
//
// After `max_per_account` failed logins for one username (existing or not, so the answer
// reveals nothing) or `max_per_address` from one address within `window_ms`, further
// attempts are refused until the window of the oldest failure passes. A successful login
// clears the account's failures. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace invento::server {

class LoginRateLimiter {
 public:
  LoginRateLimiter(int max_per_account = 5, int max_per_address = 20,
                   std::int64_t window_ms = 15 * 60 * 1000)
      : max_account_(max_per_account), max_address_(max_per_address), window_ms_(window_ms) {}

  // 0 if an attempt is allowed now, otherwise the number of seconds to wait (>= 1).
  std::int64_t RetryAfterSeconds(const std::string& account, const std::string& address,
                                 std::int64_t now_ms);
  void RecordFailure(const std::string& account, const std::string& address, std::int64_t now_ms);
  void RecordSuccess(const std::string& account);

 private:
  std::int64_t Wait(std::deque<std::int64_t>& q, int max, std::int64_t now_ms);
  std::mutex mu_;
  int max_account_, max_address_;
  std::int64_t window_ms_;
  std::map<std::string, std::deque<std::int64_t>> accounts_, addresses_;
};

}  // namespace invento::server

// Throttling of password guesses (in memory, per process): sign-in attempts and wrong
// current passwords on /api/password.
//
// A failure counts against the pair (account, client address) and against the address.
// After `max_per_pair` failures of one pair within `window_ms`, that pair is refused until
// its oldest failure leaves the window; other addresses can still sign in to the account
// (an attacker cannot lock a user out from elsewhere), and other accounts can still sign in
// from the address (one office behind a NAT or proxy is not locked out by one colleague).
// `max_per_address` is a much higher ceiling against one address spraying many accounts.
// The account is any string (a folded username, whether it exists or not, so the answer
// reveals nothing; or "password:<user id>"). A success clears the pair. Memory is bounded:
// past 100,000 keys the oldest state is dropped. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace invento::server {

class LoginRateLimiter {
 public:
  LoginRateLimiter(int max_per_pair = 5, int max_per_address = 100,
                   std::int64_t window_ms = 15 * 60 * 1000)
      : max_pair_(max_per_pair), max_address_(max_per_address), window_ms_(window_ms) {}

  // 0 if an attempt is allowed now, otherwise the number of seconds to wait (>= 1).
  std::int64_t RetryAfterSeconds(const std::string& account, const std::string& address,
                                 std::int64_t now_ms);
  void RecordFailure(const std::string& account, const std::string& address, std::int64_t now_ms);
  void RecordSuccess(const std::string& account, const std::string& address);

 private:
  static std::string PairKey(const std::string& account, const std::string& address) {
    return account + '\n' + address;
  }
  std::int64_t Wait(std::deque<std::int64_t>& q, int max, std::int64_t now_ms);
  std::mutex mu_;
  int max_pair_, max_address_;
  std::int64_t window_ms_;
  std::map<std::string, std::deque<std::int64_t>> pairs_, addresses_;
};

}  // namespace invento::server

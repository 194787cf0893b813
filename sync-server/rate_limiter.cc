#include "sync-server/rate_limiter.h"

#include <algorithm>

namespace invento::server {

std::int64_t LoginRateLimiter::Wait(std::deque<std::int64_t>& q, int max, std::int64_t now_ms) {
  while (!q.empty() && q.front() + window_ms_ <= now_ms) q.pop_front();
  if (static_cast<int>(q.size()) < max) return 0;
  return std::max<std::int64_t>(1, (q.front() + window_ms_ - now_ms + 999) / 1000);
}

std::int64_t LoginRateLimiter::RetryAfterSeconds(const std::string& account,
                                                 const std::string& address, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  return std::max(Wait(accounts_[account], max_account_, now_ms),
                  Wait(addresses_[address], max_address_, now_ms));
}

void LoginRateLimiter::RecordFailure(const std::string& account, const std::string& address,
                                     std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  accounts_[account].push_back(now_ms);
  addresses_[address].push_back(now_ms);
  if (accounts_.size() > 100000) accounts_.clear();  // bounded memory under a username spray
  if (addresses_.size() > 100000) addresses_.clear();
}

void LoginRateLimiter::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

}  // namespace invento::server

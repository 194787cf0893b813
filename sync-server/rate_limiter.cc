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
  std::int64_t wait = 0;
  if (auto it = pairs_.find(PairKey(account, address)); it != pairs_.end()) {
    wait = Wait(it->second, max_pair_, now_ms);
  }
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    wait = std::max(wait, Wait(it->second, max_address_, now_ms));
  }
  return wait;
}

void LoginRateLimiter::RecordFailure(const std::string& account, const std::string& address,
                                     std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  if (pairs_.size() > 100000) pairs_.clear();  // bounded memory under a username spray
  if (addresses_.size() > 100000) addresses_.clear();
  pairs_[PairKey(account, address)].push_back(now_ms);
  auto& a = addresses_[address];
  a.push_back(now_ms);
  if (static_cast<int>(a.size()) > max_address_ * 2) a.pop_front();
}

void LoginRateLimiter::RecordSuccess(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  pairs_.erase(PairKey(account, address));
}

}  // namespace invento::server

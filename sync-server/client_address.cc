#include "sync-server/client_address.h"

#include <arpa/inet.h>

#include <algorithm>

namespace invento::server {

bool IsIpAddress(const std::string& text) {
  unsigned char buf[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

std::string ClientAddress(const HttpRequest& request,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](const std::string& a) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end();
  };
  std::string peer = request.remote_address;
  if (!trusted(peer)) return peer;
  const std::string forwarded = request.Header("x-forwarded-for");
  // Walk from the right: each hop appends the address it received the request from.
  std::size_t end = forwarded.size();
  while (end > 0) {
    std::size_t comma = forwarded.rfind(',', end - 1);
    std::size_t begin = comma == std::string::npos ? 0 : comma + 1;
    std::string hop = forwarded.substr(begin, end - begin);
    hop.erase(0, hop.find_first_not_of(" \t"));
    hop.erase(hop.find_last_not_of(" \t") + 1);
    if (IsIpAddress(hop)) {
      if (!trusted(hop)) return hop;
    }
    if (comma == std::string::npos) break;
    end = comma;
  }
  return peer;
}

}  // namespace invento::server

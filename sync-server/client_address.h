// Who is on the other end of a request, for rate limiting and the log.
//
// Contract: the socket's peer address, unless that peer is one of the trusted proxies
// (TRUSTED_PROXIES, e.g. the nginx in front of the server): then the right-most address of
// X-Forwarded-For that is not itself a trusted proxy. X-Forwarded-For from anyone else is
// ignored, so a client cannot pick its own address. Malformed entries are skipped; with no
// usable entry the proxy's own address is returned. Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "sync-server/http_types.h"

namespace invento::server {

std::string ClientAddress(const HttpRequest& request,
                          const std::vector<std::string>& trusted_proxies);
// True if text is an IPv4 or IPv6 address literal.
bool IsIpAddress(const std::string& text);

}  // namespace invento::server

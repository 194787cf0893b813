// Plain HTTP request/response values exchanged between the Beast transport
// (http_server.cc) and the application (app.cc, static_files.cc). No Beast here, so
// domain and API code compile without the (slow) Beast headers.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace invento::server {

struct HttpRequest {
  std::string method;                         // "GET", "POST", ...
  std::string target;                         // raw request target, e.g. "/api/health?x=1"
  std::map<std::string, std::string> headers;  // keys lowercased
  std::string body;
  std::string remote_address;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string Path() const { return target.substr(0, target.find('?')); }
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string log_user_id;  // for the access log only (server_log.h); never sent

  void SetHeader(const std::string& name, const std::string& value) {
    for (auto& [k, v] : headers) {
      if (k == name) {
        v = value;
        return;
      }
    }
    headers.emplace_back(name, value);
  }
  std::string Header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return {};
  }
};

}  // namespace invento::server

// Helpers to build JSON API responses.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sync-server/http_types.h"

namespace invento::server {

inline HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.SetHeader("Content-Type", "application/json; charset=utf-8");
  r.SetHeader("Cache-Control", "no-store");
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

// {"ok":false,"code":code,"message":message}
inline HttpResponse JsonError(int status, const std::string& code, const std::string& message) {
  return JsonResponse(status, {{"ok", false}, {"code", code}, {"message", message}});
}

}  // namespace invento::server

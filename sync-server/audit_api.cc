// GET /api/audit: the mutation log (accepted and rejected), for admins and managers.
// Filters (query string): user (user id), entity (a row id the mutation touched or named),
// mutator (name), from / to (server time, ms), limit (<= 1000), offset; format=csv exports
// the same rows as a spreadsheet-friendly CSV (UTF-8 BOM, ';').
#include <sstream>

#include "core/mutators/args.h"
#include "sync-server/app.h"
#include "sync-server/json_response.h"
#include "sync-server/static_files.h"

namespace invento::server {
namespace {

std::map<std::string, std::string> QueryParams(const std::string& target) {
  std::map<std::string, std::string> out;
  auto q = target.find('?');
  if (q == std::string::npos) return out;
  std::stringstream ss(target.substr(q + 1));
  std::string kv;
  while (std::getline(ss, kv, '&')) {
    auto eq = kv.find('=');
    std::string k = kv.substr(0, eq), v = eq == std::string::npos ? "" : kv.substr(eq + 1);
    for (auto& c : v) {
      if (c == '+') c = ' ';
    }
    std::string dk, dv;
    if (PercentDecode(k, &dk) && PercentDecode(v, &dv)) out[dk] = dv;
  }
  return out;
}

std::string CsvCell(const std::string& s) {
  bool quote = s.find_first_of(";\"\r\n") != std::string::npos;
  std::string v = s;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (!quote) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

HttpResponse App::Audit(const HttpRequest& req) {
  auto user = RequireSession(req);
  if (!user.ok()) return SessionRefusal(user.status());
  if (!IsAllowed(user->role, "cap.server.audit")) {
    return JsonError(403, "forbidden", "the audit trail is for administrators and managers");
  }
  if (user->must_change_password) {
    return JsonError(403, "password_change_required", "change your password first");
  }
  auto p = QueryParams(req.target);
  Json args = Json::object();
  for (const char* k : {"user", "entity", "mutator", "format"}) {
    if (p.count(k)) args[k] = p[k];
  }
  for (const char* k : {"from", "to", "limit", "offset"}) {
    if (!p.count(k)) continue;
    try {
      size_t used = 0;
      long long v = std::stoll(p[k], &used);
      if (used != p[k].size()) throw std::invalid_argument(k);
      args[k] = v;
    } catch (...) {
      return JsonError(400, "invalid_argument", std::string(k) + " must be an integer");
    }
  }
  ArgReader r(args);
  auto user_id = r.OptionalString("user", {.min = 1, .max = 64});
  auto entity = r.OptionalString("entity", {.min = 1, .max = 64});
  auto mutator = r.OptionalString("mutator", {.min = 1, .max = 100});
  std::string format = r.OptionalEnum("format", {"json", "csv"}).value_or("json");
  auto from = r.OptionalInt("from", 0, INT64_MAX);
  auto to = r.OptionalInt("to", 0, INT64_MAX);
  std::int64_t limit = r.OptionalInt("limit", 1, format == "csv" ? 100000 : 1000).value_or(format == "csv" ? 100000 : 200);
  std::int64_t offset = r.OptionalInt("offset", 0, INT64_MAX).value_or(0);
  Status s = r.Finish();
  if (!s.ok()) return StatusResponse(s);
  return InUnit([&]() -> HttpResponse {
  auto st = core_->db().Prepare(
      "SELECT l.seq, l.server_time, l.device_time, l.user_id, coalesce(u.username, ''), l.client_id,"
      " l.mutation_id, l.name, l.args, l.result, l.code, l.message, l.version, l.touched"
      " FROM mutation_log l LEFT JOIN users u ON u.id = l.user_id"
      " WHERE (?1 IS NULL OR l.user_id = ?1) AND (?2 IS NULL OR l.name = ?2)"
      " AND (?3 IS NULL OR l.server_time >= ?3) AND (?4 IS NULL OR l.server_time < ?4)"
      " AND (?5 IS NULL OR instr(l.touched, ?5) > 0 OR instr(l.args, ?5) > 0)"
      " ORDER BY l.seq DESC LIMIT ?6 OFFSET ?7");
  if (!st.ok()) return StatusResponse(st.status());
  auto opt = [](const std::optional<std::string>& v) { return v ? Json(*v) : Json(); };
  st->Bind(1, opt(user_id)).Bind(2, opt(mutator));
  st->Bind(3, from ? Json(*from) : Json()).Bind(4, to ? Json(*to) : Json()).Bind(5, opt(entity));
  st->Bind(6, limit).Bind(7, offset);
  Json rows = Json::array();
  std::string csv = "\xEF\xBB\xBFseq;server_time;device_time;user_id;username;client_id;mutation_id;"
                    "mutator;arguments;result;code;message;version\r\n";
  while (true) {
    auto more = st->Step();
    if (!more.ok()) return StatusResponse(more.status());
    if (!more.value()) break;
    Json o{{"seq", st->Int(0)}, {"server_time", st->Int(1)}, {"device_time", st->Value(2)},
           {"user_id", st->Text(3)}, {"username", st->Text(4)}, {"client_id", st->Text(5)},
           {"mutation_id", st->Int(6)}, {"name", st->Text(7)},
           {"args", Json::parse(st->Text(8), nullptr, false)}, {"result", st->Text(9)},
           {"code", st->Value(10)}, {"message", st->Value(11)}, {"version", st->Value(12)},
           {"touched", Json::parse(st->Text(13), nullptr, false)}};
    if (format == "csv") {
      std::string line;
      for (int i = 0; i < 13; ++i) {
        Json v = st->Value(i);
        line += (i ? ";" : "") + CsvCell(v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump());
      }
      csv += line + "\r\n";
    } else {
      rows.push_back(std::move(o));
    }
  }
  if (format == "csv") {
    HttpResponse out;
    out.SetHeader("Content-Type", "text/csv; charset=utf-8");
    out.SetHeader("Content-Disposition", "attachment; filename=\"invento-audit.csv\"");
    out.SetHeader("Cache-Control", "no-store");
    out.body = std::move(csv);
    return out;
  }
  return JsonResponse(200, {{"ok", true}, {"rows", std::move(rows)}, {"limit", limit}, {"offset", offset}});
  });
}

}  // namespace invento::server

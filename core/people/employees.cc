#include "core/people/employees.h"

#include <algorithm>

#include "core/base/clock.h"
#include "core/base/date.h"
#include "core/base/decimal.h"
#include "core/base/text.h"
#include "core/mutators/args.h"
#include "core/rows/date_args.h"
#include "core/rows/live_rows.h"
#include "core/rows/rows.h"

namespace invento::people {

using rows::CheckDate;
using rows::CheckRequiredDate;
using rows::FirstRow;
using rows::Int;
using rows::OptJson;
using rows::RequireLive;
using rows::RequireNewId;
using rows::Rows;
using rows::Str;
using rows::kDateRule;
using rows::kNoteRule;

namespace {

constexpr StringRule kName{.min = 1, .max = 120};
constexpr StringRule kShort{.min = 0, .max = 120};

bool LooksLikeEmail(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos &&
         e.back() != '.' && e.find(' ') == std::string::npos &&
         e.find('@', at + 1) == std::string::npos;
}

Result<Json> Write(WriteTx& tx, const Json& args, bool create) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto name = create ? std::optional(r.String("name", kName)) : r.OptionalString("name", kName);
  Json row{{"id", id}};
  for (const char* f : {"phone", "job_title"}) {
    if (r.Has(f)) row[f] = OptJson(r.OptionalString(f, kShort));
  }
  if (r.Has("notes")) row["notes"] = OptJson(r.OptionalString("notes", kNoteRule));
  bool has_email = r.Has("email");
  auto email = r.OptionalString("email", {.min = 0, .max = 254});
  bool has_user = r.Has("user_id");
  auto user_id = r.OptionalString("user_id", {.min = 1, .max = 64});
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (has_email) {
    if (email && !email->empty() && !LooksLikeEmail(*email)) {
      return Status::InvalidArgument("email is not a valid address", "email");
    }
    row["email"] = email && !email->empty() ? Json(*email) : Json();
  }
  if (create) {
    INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "employees", id));
    row.update({{"archived", 0}, {"deleted", 0}, {"working_hours", "[]"}});
  } else {
    INVENTO_ASSIGN_OR_RETURN(Json existing, RequireLive(tx, "employees", id, "id", "employee"));
  }
  if (name) {
    row["name"] = *name;
    row["name_key"] = FoldKey(*name);
  }
  if (has_user) {
    if (user_id) {
      INVENTO_ASSIGN_OR_RETURN(
          auto other,
          FirstRow(
              tx.db(),
              "SELECT name FROM employees WHERE user_id = ? AND deleted = 0 AND id <> ? LIMIT 1",
              {Json(*user_id), Json(id)}));
      if (other) {
        return Status::Conflict(
            "user " + *user_id + " is already linked to employee " + Str(*other, "name"),
            "user_id");
      }
    }
    row["user_id"] = OptJson(user_id);
  }
  INVENTO_RETURN_IF_ERROR(tx.Put("employees", row));
  return Json{{"id", id}};
}

Result<Json> Create(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, true);
}
Result<Json> Update(WriteTx& tx, const Json& args, const MutationContext&) {
  return Write(tx, args, false);
}
Result<Json> Archive(WriteTx& tx, const Json& args, const MutationContext&) {
  return rows::SetArchived(tx, args, "employees", "employee");
}

Result<Json> SetRate(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  std::string employee_id = r.Id("employee_id");
  auto from_text = r.OptionalString("effective_from", kDateRule);
  std::int64_t rate = r.Int("rate_cents", 0, kMaxMoneyCents);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(std::string from, CheckRequiredDate(from_text, "effective_from"));
  INVENTO_ASSIGN_OR_RETURN(Json e,
                           RequireLive(tx, "employees", employee_id, "employee_id", "employee"));
  INVENTO_ASSIGN_OR_RETURN(auto same, FirstRow(tx.db(),
                                               "SELECT id FROM employee_rates WHERE employee_id = "
                                               "? AND effective_from = ? AND deleted = 0"
                                               " ORDER BY id LIMIT 1",
                                               {Json(employee_id), Json(from)}));
  std::string row_id = same ? Str(*same, "id") : id;
  if (!same) INVENTO_RETURN_IF_ERROR(RequireNewId(tx, "employee_rates", id));
  INVENTO_RETURN_IF_ERROR(tx.Put("employee_rates", Json{{"id", row_id},
                                                        {"employee_id", employee_id},
                                                        {"effective_from", from},
                                                        {"rate_cents", rate},
                                                        {"deleted", 0}}));
  return Json{{"id", row_id}};
}

Result<Json> RemoveRate(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string id = r.Id("id");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(Json rate, RequireLive(tx, "employee_rates", id, "id", "rate"));
  INVENTO_RETURN_IF_ERROR(tx.Del("employee_rates", id));
  return Json{{"id", id}};
}

// "HH:MM" -> minutes since midnight (00:00..24:00).
std::optional<int> ParseClock(const Json& v) {
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

Result<Json> SetWorkingHours(WriteTx& tx, const Json& args, const MutationContext&) {
  ArgReader r(args);
  std::string employee_id = r.Id("employee_id");
  const Json* hours = r.Raw("hours");
  INVENTO_RETURN_IF_ERROR(r.Finish());
  if (!hours || !hours->is_array() || hours->size() > 50) {
    return Status::InvalidArgument("hours must be a list of at most 50 periods", "hours");
  }
  struct Period {
    int weekday, start, end;
  };
  std::vector<Period> periods;
  for (const auto& p : *hours) {
    auto start = p.is_object() && p.contains("start") ? ParseClock(p["start"]) : std::nullopt;
    auto end = p.is_object() && p.contains("end") ? ParseClock(p["end"]) : std::nullopt;
    bool weekday_ok = p.is_object() && p.contains("weekday") && p["weekday"].is_number_integer() &&
                      p["weekday"].get<std::int64_t>() >= 1 &&
                      p["weekday"].get<std::int64_t>() <= 7;
    if (!start || !end || !weekday_ok || p.size() != 3 || *start >= *end) {
      return Status::InvalidArgument(
          "each period is {weekday: 1 (Monday)..7, start: \"HH:MM\", end: \"HH:MM\"} with start < "
          "end",
          "hours");
    }
    periods.push_back({static_cast<int>(p["weekday"].get<std::int64_t>()), *start, *end});
  }
  std::sort(periods.begin(), periods.end(), [](const Period& a, const Period& b) {
    return a.weekday != b.weekday ? a.weekday < b.weekday : a.start < b.start;
  });
  Json stored = Json::array();
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (i > 0 && periods[i].weekday == periods[i - 1].weekday &&
        periods[i].start < periods[i - 1].end) {
      return Status::InvalidArgument("working periods of the same day overlap", "hours");
    }
    stored.push_back({{"weekday", periods[i].weekday},
                      {"start_min", periods[i].start},
                      {"end_min", periods[i].end}});
  }
  INVENTO_ASSIGN_OR_RETURN(Json e,
                           RequireLive(tx, "employees", employee_id, "employee_id", "employee"));
  INVENTO_RETURN_IF_ERROR(
      tx.Put("employees", Json{{"id", employee_id}, {"working_hours", stored.dump()}}));
  return Json{{"id", employee_id}, {"periods", periods.size()}};
}

Result<Json> List(const db::Db& db, const Json& args, const Actor&) {
  ArgReader r(args);
  bool archived = r.Bool("include_archived", false);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(
      auto rows, Rows(db,
                      "SELECT id, name, job_title, user_id, email, phone, archived FROM employees"
                      " WHERE deleted = 0 AND (?1 OR archived = 0) ORDER BY name_key, id",
                      {Json(archived)}));
  Json items = Json::array();
  for (auto& row : rows) {
    row["archived"] = row["archived"] == 1;
    items.push_back(std::move(row));
  }
  return Json{{"items", std::move(items)}};
}

Json HoursForDisplay(const std::string& stored) {
  Json out = Json::array();
  Json periods = Json::parse(stored, nullptr, false);
  if (!periods.is_array()) return out;
  auto clock = [](std::int64_t m) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(m / 60), static_cast<int>(m % 60));
    return std::string(buf);
  };
  for (const auto& p : periods) {
    out.push_back({{"weekday", p["weekday"]},
                   {"start", clock(p["start_min"].get<std::int64_t>())},
                   {"end", clock(p["end_min"].get<std::int64_t>())}});
  }
  return out;
}

Result<Json> Get(const db::Db& db, const Json& args, const Actor& actor) {
  ArgReader r(args);
  std::string id = r.Id("id");
  auto as_of_text = r.OptionalString("as_of", kDateRule);
  INVENTO_RETURN_IF_ERROR(r.Finish());
  INVENTO_ASSIGN_OR_RETURN(auto as_of_opt, CheckDate(as_of_text, "as_of"));
  std::string as_of = as_of_opt.value_or(FormatDate(DayOfMs(NowMs())));
  INVENTO_ASSIGN_OR_RETURN(Json e, RequireLive(db, "employees", id, "id", "employee"));
  for (const char* c : {"name_key", "version", "deleted"}) e.erase(c);
  e["archived"] = e["archived"] == 1;
  e["working_hours"] = HoursForDisplay(e["working_hours"].get<std::string>());
  // Hourly rates only for the roles the permission table lets see them.
  if (IsAllowed(actor.role, "cap.employee.rates")) {
    INVENTO_ASSIGN_OR_RETURN(auto rates, Rows(db,
                                              "SELECT id, effective_from, rate_cents FROM "
                                              "employee_rates WHERE employee_id = ? AND deleted = 0"
                                              " ORDER BY effective_from, id",
                                              {Json(id)}));
    e["rates"] = rates;
    INVENTO_ASSIGN_OR_RETURN(auto rate, RateAt(db, id, as_of));
    e["rate_cents"] = rate ? Json(*rate) : Json();
  }
  INVENTO_ASSIGN_OR_RETURN(auto skills,
                           Rows(db,
                                "SELECT s.id AS skill_id, s.name, es.level FROM employee_skills es "
                                "JOIN skills s ON s.id = es.skill_id"
                                " WHERE es.employee_id = ? AND es.deleted = 0 AND s.deleted = 0 "
                                "ORDER BY s.name_key, es.id",
                                {Json(id)}));
  e["skills"] = skills;
  INVENTO_ASSIGN_OR_RETURN(
      auto teams,
      Rows(db,
           "SELECT DISTINCT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id"
           " WHERE m.employee_id = ? AND m.deleted = 0 AND t.deleted = 0 ORDER BY t.name_key",
           {Json(id)}));
  e["teams"] = teams;
  INVENTO_ASSIGN_OR_RETURN(auto absences, Rows(db,
                                               "SELECT id, kind, start_date, end_date, note FROM "
                                               "absences WHERE employee_id = ? AND deleted = 0"
                                               " AND end_date >= ? ORDER BY start_date, id",
                                               {Json(id), Json(as_of)}));
  e["absences"] = absences;
  return e;
}

}  // namespace

Result<std::optional<std::string>> EmployeeOfUser(const db::Db& db, const std::string& user_id) {
  INVENTO_ASSIGN_OR_RETURN(auto row, FirstRow(db,
                                              "SELECT id FROM employees WHERE user_id = ? AND "
                                              "deleted = 0 AND archived = 0 ORDER BY id LIMIT 1",
                                              {Json(user_id)}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(Str(*row, "id"));
}

Result<std::optional<std::int64_t>> RateAt(const db::Db& db, const std::string& employee_id,
                                           const std::string& date) {
  INVENTO_ASSIGN_OR_RETURN(
      auto row,
      FirstRow(db,
               "SELECT rate_cents FROM employee_rates WHERE employee_id = ? AND effective_from <= ?"
               " AND deleted = 0 ORDER BY effective_from DESC, id LIMIT 1",
               {Json(employee_id), Json(date)}));
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(Int(*row, "rate_cents"));
}

void RegisterEmployees(Registry& registry) {
  registry.Add(MutatorDef{"employee.create", &Create});
  registry.Add(MutatorDef{"employee.update", &Update});
  registry.Add(MutatorDef{"employee.archive", &Archive});
  registry.Add(MutatorDef{"employee.set_rate", &SetRate});
  registry.Add(MutatorDef{"employee.remove_rate", &RemoveRate});
  registry.Add(MutatorDef{"employee.set_working_hours", &SetWorkingHours});
  registry.Add(QueryDef{"employee.list", &List});
  registry.Add(QueryDef{"employee.get", &Get});
}

}  // namespace invento::people

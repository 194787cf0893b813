#include "core/base/date.h"

#include <cstdio>

#include "core/base/decimal.h"

namespace invento {

using std::chrono::days;
using std::chrono::sys_days;

std::optional<Date> ParseDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      char c = t[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1900 || parts[0] > 2199) return std::nullopt;
  Date d{std::chrono::year(parts[0]), std::chrono::month(static_cast<unsigned>(parts[1])),
         std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string FormatDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::int64_t DayNumber(const Date& d) { return sys_days(d).time_since_epoch().count(); }

Date FromDayNumber(std::int64_t n) { return Date(sys_days(days(n))); }

Date AddDays(const Date& d, std::int64_t n) { return FromDayNumber(DayNumber(d) + n); }

Date AddMonths(const Date& d, std::int64_t n) {
  std::chrono::year_month ym = d.year() / d.month();
  ym += std::chrono::months(n);
  std::chrono::day last = (ym / std::chrono::last).day();
  return Date(ym.year(), ym.month(), d.day() > last ? last : d.day());
}

int IsoWeekday(const Date& d) {
  unsigned wd = std::chrono::weekday(sys_days(d)).c_encoding();  // 0 = Sunday
  return wd == 0 ? 7 : static_cast<int>(wd);
}

Date DayOfMs(std::int64_t ms) {
  std::int64_t q = ms / kDayMs;
  if (ms % kDayMs < 0) --q;  // floor for instants before 1970
  return FromDayNumber(q);
}

std::int64_t DayStartMs(const Date& d) { return DayNumber(d) * kDayMs; }

std::int64_t BasisPoints(std::int64_t num, std::int64_t den) {
  if (den <= 0 || num <= 0) return 0;
  Int128 scaled = static_cast<Int128>(num) * 10000;
  return static_cast<std::int64_t>((scaled * 2 + den) / (static_cast<Int128>(den) * 2));
}

std::string FormatBasisPoints(std::int64_t bp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(bp / 100),
                static_cast<long long>(bp % 100));
  return buf;
}

}  // namespace invento

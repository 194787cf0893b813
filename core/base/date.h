// Civil dates (a day in the calendar, no time zone) and ratios, shared by planning, costs
// and preventive maintenance.
//
// Dates travel and are stored as ISO text "YYYY-MM-DD" (sorts like the date; readable in the
// database). Instants stay int64 milliseconds since the Unix epoch (UTC). Where the two meet
// (planning a task that starts at an instant against an absence on a date), the day of an
// instant is its UTC day: DayOfMs / DayStartMs.
//
// AddMonths clamps to the end of the month (Jan 31 + 1 month = Feb 28 or 29) and is always
// computed from the original date, never chained, so a schedule does not drift
// (Jan 31 → Feb 28 → Mar 31, not Mar 28). Years are 12 months (Feb 29 + 1 year = Feb 28).
// Failure modes: ParseDate returns nullopt for anything that is not a valid calendar date in
// years 1900..2199 written exactly as YYYY-MM-DD.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace invento {

using Date = std::chrono::year_month_day;

std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(const Date& d);
// Days since 1970-01-01.
std::int64_t DayNumber(const Date& d);
Date FromDayNumber(std::int64_t days);
Date AddDays(const Date& d, std::int64_t days);
Date AddMonths(const Date& d, std::int64_t months);
// 1 = Monday ... 7 = Sunday (ISO 8601).
int IsoWeekday(const Date& d);
// The UTC day containing the instant, and the instant at 00:00 UTC of a day.
Date DayOfMs(std::int64_t ms);
std::int64_t DayStartMs(const Date& d);
inline constexpr std::int64_t kDayMs = 86'400'000;

// A ratio num/den as basis points (1/100 of a percent) rounded half up, and as text with two
// decimals ("37.50"). den must be > 0; negative ratios are not expected (clamped at 0).
std::int64_t BasisPoints(std::int64_t num, std::int64_t den);
std::string FormatBasisPoints(std::int64_t bp);

}  // namespace invento

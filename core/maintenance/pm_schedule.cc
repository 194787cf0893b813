#include "core/maintenance/pm_schedule.h"

#include "core/rows/derived_id.h"

namespace invento::maint {

using rows::DerivedId;

std::optional<IntervalUnit> ParseIntervalUnit(std::string_view s) {
  if (s == "day") return IntervalUnit::kDay;
  if (s == "week") return IntervalUnit::kWeek;
  if (s == "month") return IntervalUnit::kMonth;
  if (s == "year") return IntervalUnit::kYear;
  return std::nullopt;
}

Date CalendarOccurrence(const Date& start, IntervalUnit unit, std::int64_t n, std::int64_t k) {
  switch (unit) {
    case IntervalUnit::kDay:
      return AddDays(start, k * n);
    case IntervalUnit::kWeek:
      return AddDays(start, 7 * k * n);
    case IntervalUnit::kMonth:
      return AddMonths(start, k * n);
    case IntervalUnit::kYear:
      return AddMonths(start, 12 * k * n);
  }
  return start;
}

std::int64_t FirstOccurrenceAfter(const Date& start, IntervalUnit unit, std::int64_t n,
                                  const std::optional<Date>& after) {
  if (!after) return 0;
  const std::int64_t diff = DayNumber(*after) - DayNumber(start);
  if (diff < 0) return 0;
  // A first guess from the average length of a step, then exact correction: occurrences
  // are non-decreasing in k, so walking settles on the answer in a step or two.
  double step_days = unit == IntervalUnit::kDay     ? 1.0
                     : unit == IntervalUnit::kWeek  ? 7.0
                     : unit == IntervalUnit::kMonth ? 30.436875
                                                    : 365.2425;
  std::int64_t k = static_cast<std::int64_t>(diff / (step_days * static_cast<double>(n)));
  while (k > 0 && DayNumber(CalendarOccurrence(start, unit, n, k - 1)) > DayNumber(*after)) --k;
  while (DayNumber(CalendarOccurrence(start, unit, n, k)) <= DayNumber(*after)) ++k;
  return k;
}

std::int64_t MeterOccurrenceReached(std::int64_t base, std::int64_t interval, std::int64_t lead,
                                    std::int64_t total) {
  std::int64_t progress = total + lead - base;
  if (interval <= 0 || progress < interval) return 0;
  return progress / interval;
}

std::string MeterOccurrenceKey(std::int64_t k) { return "m" + std::to_string(k); }

std::string PmWorkOrderId(std::string_view plan_id, std::string_view occurrence_key) {
  return DerivedId("pm:" + std::string(plan_id) + ":" + std::string(occurrence_key));
}

}  // namespace invento::maint

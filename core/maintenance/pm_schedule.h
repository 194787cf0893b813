// Preventive maintenance schedules: pure date and meter arithmetic, no database.
//
// Calendar plans: occurrence k (k >= 0) is due on start + k × n units, ALWAYS computed from
// the start date (never from the previous occurrence), so month ends do not drift:
// monthly from Jan 31 gives Feb 28 (Feb 29 in leap years), Mar 31, Apr 30... Years are 12
// months: yearly from Feb 29, 2024 gives Feb 28, 2025 ... Feb 29, 2028. Weeks are 7 days.
// Meter plans: occurrence k (k >= 1) is due when the meter's cumulative total (meters.h)
// reaches base + k × interval; it is generated `lead` units earlier.
// Occurrence keys ("2025-02-28", "m3") name an occurrence; the work order generated for it
// has the id DerivedId("pm:" + plan_id + ":" + key), so every device generating the same
// occurrence of the same plan creates the same work order id (docs/maintenance.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/date.h"

namespace invento::maint {

enum class IntervalUnit { kDay, kWeek, kMonth, kYear };

std::optional<IntervalUnit> ParseIntervalUnit(std::string_view s);
Date CalendarOccurrence(const Date& start, IntervalUnit unit, std::int64_t n, std::int64_t k);
// The smallest k whose occurrence is strictly after `after` (0 when after is nullopt).
std::int64_t FirstOccurrenceAfter(const Date& start, IntervalUnit unit, std::int64_t n,
                                  const std::optional<Date>& after);
// The highest meter occurrence whose generation point (threshold − lead) the total has
// reached; 0 when none. interval > 0.
std::int64_t MeterOccurrenceReached(std::int64_t base, std::int64_t interval, std::int64_t lead,
                                    std::int64_t total);
std::string MeterOccurrenceKey(std::int64_t k);
std::string PmWorkOrderId(std::string_view plan_id, std::string_view occurrence_key);

}  // namespace invento::maint

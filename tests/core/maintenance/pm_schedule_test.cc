// Preventive schedules: month ends, leap years, year ends, meter occurrences, derived ids.
#include "core/maintenance/pm_schedule.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/mutators/args.h"

namespace invento::maint {
namespace {

std::vector<std::string> Dates(const char* start, IntervalUnit unit, int n, int count) {
  std::vector<std::string> out;
  for (int k = 0; k < count; ++k)
    out.push_back(FormatDate(CalendarOccurrence(*ParseDate(start), unit, n, k)));
  return out;
}

TEST(PmScheduleTest, MonthlyFromThe31stFollowsMonthEndsWithoutDrift) {
  EXPECT_EQ(Dates("2023-01-31", IntervalUnit::kMonth, 1, 5),
            (std::vector<std::string>{"2023-01-31", "2023-02-28", "2023-03-31", "2023-04-30",
                                      "2023-05-31"}));
  EXPECT_EQ(Dates("2024-01-31", IntervalUnit::kMonth, 1, 3),
            (std::vector<std::string>{"2024-01-31", "2024-02-29", "2024-03-31"}));
  EXPECT_EQ(Dates("2024-08-31", IntervalUnit::kMonth, 3, 3),
            (std::vector<std::string>{"2024-08-31", "2024-11-30", "2025-02-28"}));
}

TEST(PmScheduleTest, TwentyNinthOfFebruaryYearlyAndTwelveMonthly) {
  auto expected = std::vector<std::string>{"2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28",
                                           "2028-02-29"};
  EXPECT_EQ(Dates("2024-02-29", IntervalUnit::kYear, 1, 5), expected);
  EXPECT_EQ(Dates("2024-02-29", IntervalUnit::kMonth, 12, 5), expected);
}

TEST(PmScheduleTest, WeeklyAndDailyAcrossTheYearEnd) {
  EXPECT_EQ(Dates("2024-12-23", IntervalUnit::kWeek, 1, 3),
            (std::vector<std::string>{"2024-12-23", "2024-12-30", "2025-01-06"}));
  EXPECT_EQ(Dates("2024-12-30", IntervalUnit::kWeek, 2, 2),
            (std::vector<std::string>{"2024-12-30", "2025-01-13"}));
  EXPECT_EQ(Dates("2024-12-31", IntervalUnit::kDay, 10, 2),
            (std::vector<std::string>{"2024-12-31", "2025-01-10"}));
}

TEST(PmScheduleTest, FirstOccurrenceAfterADate) {
  Date start = *ParseDate("2024-01-31");
  EXPECT_EQ(FirstOccurrenceAfter(start, IntervalUnit::kMonth, 1, std::nullopt), 0);
  EXPECT_EQ(FirstOccurrenceAfter(start, IntervalUnit::kMonth, 1, *ParseDate("2023-05-01")), 0);
  EXPECT_EQ(FirstOccurrenceAfter(start, IntervalUnit::kMonth, 1, *ParseDate("2024-01-31")), 1);
  EXPECT_EQ(FirstOccurrenceAfter(start, IntervalUnit::kMonth, 1, *ParseDate("2024-02-29")), 2);
  EXPECT_EQ(FirstOccurrenceAfter(start, IntervalUnit::kMonth, 1, *ParseDate("2024-03-01")), 2);
  // Exhaustive against a plain walk, for several units and steps.
  for (IntervalUnit u :
       {IntervalUnit::kDay, IntervalUnit::kWeek, IntervalUnit::kMonth, IntervalUnit::kYear}) {
    for (int n : {1, 2, 3, 7}) {
      for (int d = -40; d < 3000; d += 13) {
        Date after = AddDays(start, d);
        std::int64_t k = 0;
        while (DayNumber(CalendarOccurrence(start, u, n, k)) <= DayNumber(after)) ++k;
        ASSERT_EQ(FirstOccurrenceAfter(start, u, n, after), k) << FormatDate(after) << " n=" << n;
      }
    }
  }
}

TEST(PmScheduleTest, MeterOccurrences) {
  // Every 500 h from a base of 1200 h, generated 50 h ahead.
  EXPECT_EQ(MeterOccurrenceReached(1200'000, 500'000, 50'000, 1649'000), 0);
  EXPECT_EQ(MeterOccurrenceReached(1200'000, 500'000, 50'000, 1650'000), 1);
  EXPECT_EQ(MeterOccurrenceReached(1200'000, 500'000, 0, 1700'000), 1);
  EXPECT_EQ(MeterOccurrenceReached(1200'000, 500'000, 0, 2699'999), 2);
  EXPECT_EQ(MeterOccurrenceReached(1200'000, 500'000, 0, 100'000), 0);
  EXPECT_EQ(MeterOccurrenceKey(3), "m3");
}

TEST(PmScheduleTest, WorkOrderIdsAreDeterministicUuids) {
  std::string a = PmWorkOrderId("0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b", "2025-02-28");
  EXPECT_EQ(a, PmWorkOrderId("0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b", "2025-02-28"));
  EXPECT_NE(a, PmWorkOrderId("0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b", "2025-03-31"));
  EXPECT_NE(a, PmWorkOrderId("0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5c", "2025-02-28"));
  EXPECT_TRUE(IsUuid(a)) << a;
  EXPECT_EQ(a[14], '5');  // version 5
}

}  // namespace
}  // namespace invento::maint

#include "core/base/date.h"

#include <gtest/gtest.h>

namespace invento {
namespace {

Date D(const char* s) { return *ParseDate(s); }

TEST(DateTest, ParsesOnlyValidCalendarDates) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-1-01"));
  EXPECT_FALSE(ParseDate("2024-01-01T00"));
  EXPECT_FALSE(ParseDate("１９９９-01-01"));
  EXPECT_FALSE(ParseDate("1899-12-31"));
  EXPECT_EQ(FormatDate(D("2024-02-29")), "2024-02-29");
}

TEST(DateTest, MonthArithmeticClampsToTheEndOfTheMonth) {
  EXPECT_EQ(FormatDate(AddMonths(D("2023-01-31"), 1)), "2023-02-28");
  EXPECT_EQ(FormatDate(AddMonths(D("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(FormatDate(AddMonths(D("2024-01-31"), 2)), "2024-03-31");
  EXPECT_EQ(FormatDate(AddMonths(D("2024-02-29"), 12)), "2025-02-28");
  EXPECT_EQ(FormatDate(AddMonths(D("2024-02-29"), 48)), "2028-02-29");
  EXPECT_EQ(FormatDate(AddMonths(D("2024-11-30"), 3)), "2025-02-28");
  EXPECT_EQ(FormatDate(AddMonths(D("2024-03-31"), -1)), "2024-02-29");
}

TEST(DateTest, DaysWeekdaysAndInstants) {
  EXPECT_EQ(FormatDate(AddDays(D("2024-12-30"), 7)), "2025-01-06");
  EXPECT_EQ(IsoWeekday(D("2025-01-06")), 1);  // a Monday
  EXPECT_EQ(IsoWeekday(D("2025-01-05")), 7);
  EXPECT_EQ(DayNumber(D("1970-01-02")), 1);
  EXPECT_EQ(DayStartMs(D("1970-01-02")), kDayMs);
  EXPECT_EQ(FormatDate(DayOfMs(kDayMs - 1)), "1970-01-01");
  EXPECT_EQ(FormatDate(DayOfMs(-1)), "1969-12-31");
}

TEST(DateTest, BasisPointsRoundHalfUp) {
  EXPECT_EQ(BasisPoints(1, 3), 3333);
  EXPECT_EQ(BasisPoints(2, 3), 6667);
  EXPECT_EQ(BasisPoints(1, 8), 1250);
  EXPECT_EQ(BasisPoints(5, 4), 12500);
  EXPECT_EQ(BasisPoints(0, 4), 0);
  EXPECT_EQ(FormatBasisPoints(3333), "33.33");
  EXPECT_EQ(FormatBasisPoints(12500), "125.00");
  EXPECT_EQ(FormatBasisPoints(5), "0.05");
}

}  // namespace
}  // namespace invento

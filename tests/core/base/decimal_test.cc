#include "core/base/decimal.h"

#include <gtest/gtest.h>

namespace invento {

TEST(DecimalTest, ParsesQuantitiesExactly) {
  EXPECT_EQ(ParseQuantity("12"), 12000);
  EXPECT_EQ(ParseQuantity("2.5"), 2500);
  EXPECT_EQ(ParseQuantity("2,5"), 2500);  // French decimal comma
  EXPECT_EQ(ParseQuantity("-0.125"), -125);
  EXPECT_EQ(ParseQuantity(" 0.001 "), 1);
  EXPECT_EQ(ParseQuantity("1000000000"), kMaxQuantityMilli);
  for (const char* bad : {"", "-", ".", "1.2345", "1,2.3", "abc", "1e3", "1000000001", "0x10", "--1"}) {
    EXPECT_FALSE(ParseQuantity(bad).has_value()) << bad;
  }
}

TEST(DecimalTest, FormatsQuantitiesAndMoney) {
  EXPECT_EQ(FormatQuantity(2500), "2.5");
  EXPECT_EQ(FormatQuantity(3000), "3");
  EXPECT_EQ(FormatQuantity(-125), "-0.125");
  EXPECT_EQ(FormatQuantity(0), "0");
  EXPECT_EQ(FormatMoney(1234), "12.34");
  EXPECT_EQ(FormatMoney(-5), "-0.05");
  EXPECT_EQ(ParseMoney("12,3"), 1230);
  EXPECT_FALSE(ParseMoney("1.234").has_value());
}

TEST(DecimalTest, ValueRoundsHalfAwayFromZeroWithoutOverflow) {
  EXPECT_EQ(ValueCents(2500, 199), 498);   // 2.5 × 1.99 = 4.975 -> 4.98
  EXPECT_EQ(ValueCents(-2500, 199), -498);
  EXPECT_EQ(ValueCents(1, 1), 0);          // 0.001 × 0.01
  EXPECT_EQ(ValueCents(kMaxQuantityMilli, 1'000'000), 1'000'000'000'000'000);  // no overflow
}

}  // namespace invento

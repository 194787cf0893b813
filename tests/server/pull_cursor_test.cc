#include "sync-server/pull_cursor.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace invento::server {
namespace {

const std::string kId = "00000000-0000-4000-8000-000000000001";

TEST(PullCursorTest, ParsesWhatFormatCursorWrites) {
  std::int64_t v = -1;
  int t = -1;
  std::string id;
  ASSERT_TRUE(ParseCursor(FormatCursor(12, 3, kId), &v, &t, &id));
  EXPECT_EQ(v, 12);
  EXPECT_EQ(t, 3);
  EXPECT_EQ(id, kId);
  ASSERT_TRUE(ParseCursor("9223372036854775807:2147483647:" + kId, &v, &t, &id));
  EXPECT_EQ(v, INT64_MAX);
  EXPECT_EQ(t, INT32_MAX);
  ASSERT_TRUE(ParseCursor("0:0:" + kId, &v, &t, &id));
}

// The former parser (std::stoll/std::stoi) accepted the first four and the last ("7:2\0 7:"
// found by the pull_cursor_fuzz oracle "what ParseCursor accepts is exactly what
// FormatCursor writes"), and leading zeros.
TEST(PullCursorTest, RefusesAnythingButTheCanonicalForm) {
  std::int64_t v = 0;
  int t = 0;
  std::string id;
  const std::vector<std::string> bad_cursors = {
      "12abc:0:" + kId, "+1:0:" + kId, " 1:0:" + kId, "1:\t2:" + kId, "1:00:" + kId,
        "01:0:" + kId, "1:0x1:" + kId, "-1:0:" + kId, "1:-2:" + kId,
        "9223372036854775808:0:" + kId, "1:2147483648:" + kId, "1:0:" + kId + " ",
        ":0:" + kId, "1::" + kId, "1:0:", "1:0", "", "garbage",
        "1:0:00000000-0000-4000-8000-00000000000A", std::string("7:2\0" "7:", 5) + kId};
  for (const std::string& bad : bad_cursors) {
    EXPECT_FALSE(ParseCursor(bad, &v, &t, &id)) << bad;
  }
}

}  // namespace
}  // namespace invento::server

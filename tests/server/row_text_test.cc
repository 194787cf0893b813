// The JSON and COPY text PgMirror writes for PostgreSQL (sync-server/row_text.h): it must
// read back, through nlohmann::json as the replicas read it, as the very same values.
#include "sync-server/row_text.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

namespace invento::server {
namespace {
using Json = nlohmann::json;

// Each value as SQLite hands it to the mirror, written as JSON; empty when refused.
class RowTextTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK); }
  void TearDown() override { sqlite3_close(db_); }

  // The JSON of the one value `select_sql` returns; "REFUSED" when AppendJsonValue says no.
  std::string JsonOf(const std::string& select_sql, const std::string* text = nullptr) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, select_sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    if (text) sqlite3_bind_text(st, 1, text->data(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    std::string out;
    bool ok = AppendJsonValue(out, sqlite3_column_value(st, 0));
    sqlite3_finalize(st);
    return ok ? out : "REFUSED";
  }
  sqlite3* db_ = nullptr;
};

TEST_F(RowTextTest, NumbersReadBackAsTheSameValues) {
  EXPECT_EQ(JsonOf("SELECT NULL"), "null");
  EXPECT_EQ(JsonOf("SELECT 0"), "0");
  EXPECT_EQ(JsonOf("SELECT -9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(JsonOf("SELECT 9223372036854775807"), "9223372036854775807");
  // A whole REAL stays a REAL: written "3.0", read back as a double.
  EXPECT_EQ(JsonOf("SELECT 3.0"), "3.0");
  EXPECT_TRUE(Json::parse(JsonOf("SELECT 3.0")).is_number_float());
  for (double d : {0.1, -2.5e-300, 1e300, 123456.789, 1.0 / 3.0, 5e-324}) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, "SELECT ?", -1, &st, nullptr), SQLITE_OK);
    sqlite3_bind_double(st, 1, d);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    std::string out;
    ASSERT_TRUE(AppendJsonValue(out, sqlite3_column_value(st, 0)));
    sqlite3_finalize(st);
    Json back = Json::parse(out);
    ASSERT_TRUE(back.is_number_float()) << out;
    EXPECT_EQ(back.get<double>(), d) << out;  // exactly: the shortest text that round-trips
  }
  // SQLite keeps an infinity in a REAL; JSON has none: null, as nlohmann writes it.
  EXPECT_EQ(JsonOf("SELECT 1e999"), "null");
}

TEST_F(RowTextTest, TextIsEscapedAndReadsBackUnchanged) {
  static constexpr char kControls[] = "controls \n\r\t\b\f \x01 \x1f and a nul \0 inside";
  const std::string samples[] = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      std::string(kControls, sizeof kControls - 1),
      "accents é à ç, CJK 漢字, emoji 🔧, last code point \xF4\x8F\xBF\xBF",
  };
  for (const std::string& text : samples) {
    std::string json = JsonOf("SELECT ?", &text);
    ASSERT_NE(json, "REFUSED") << text;
    for (char c : json) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control byte in " << json;
    EXPECT_EQ(Json::parse(json).get<std::string>(), text);
  }
}

TEST_F(RowTextTest, TextThatIsNotUtf8IsRefused) {
  const std::string bad[] = {
      "\xff",                 // never in UTF-8
      "caf\xe9",              // Latin-1
      "\xc0\xaf",             // overlong '/'
      "\xed\xa0\x80",         // a UTF-16 surrogate
      "\xf4\x90\x80\x80",     // past U+10FFFF
      "cut \xe2\x82",         // a sequence cut short
  };
  for (const std::string& text : bad) {
    EXPECT_EQ(JsonOf("SELECT ?", &text), "REFUSED") << text;
    std::string out;
    EXPECT_FALSE(AppendJsonString(out, text));
  }
}

TEST(RowTextCopyTest, CopyFieldsEscapeWhatCopySplitsOn) {
  std::string out;
  AppendCopyField(out, "a\\b\tc\nd\re \"f\"");
  EXPECT_EQ(out, "a\\\\b\\tc\\nd\\re \"f\"");
  out.clear();
  AppendCopyField(out, "");
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace invento::server

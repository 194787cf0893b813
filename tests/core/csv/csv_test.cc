#include "core/csv/csv.h"

#include <gtest/gtest.h>

namespace invento::csv {
namespace {

using Fields = std::vector<std::string>;

Table MustRead(std::string_view text, ReadOptions options = {}) {
  auto t = Read(text, options);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? t.value() : Table{};
}

TEST(CsvReadTest, StripsBomAndDetectsSemicolon) {
  Table t = MustRead("\xEF\xBB\xBFRéférence;Libellé\r\nA-1;Vis, tête \"TH\"\r\n");
  EXPECT_TRUE(t.had_bom);
  EXPECT_EQ(t.separator, ';');
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields, (Fields{"Référence", "Libellé"}));
  EXPECT_EQ(t.records[1].fields, (Fields{"A-1", "Vis, tête \"TH\""}));  // a comma is data here
  EXPECT_EQ(t.records[1].line, 2);
}

TEST(CsvReadTest, DetectsCommaWithoutBom) {
  Table t = MustRead("reference,label\nA;1,Vis\n");
  EXPECT_FALSE(t.had_bom);
  EXPECT_EQ(t.separator, ',');
  EXPECT_EQ(t.records[1].fields, (Fields{"A;1", "Vis"}));
}

TEST(CsvReadTest, SeparatorInQuotedHeaderDoesNotCount) {
  Table t = MustRead("\"a;b;c\",d,e\n1,2,3\n");
  EXPECT_EQ(t.separator, ',');
  EXPECT_EQ(t.records[0].fields, (Fields{"a;b;c", "d", "e"}));
}

TEST(CsvReadTest, GivenSeparatorWins) {
  Table t = MustRead("a,b;c\n", {.separator = ';'});
  EXPECT_EQ(t.records[0].fields, (Fields{"a,b", "c"}));
  auto bad = Read("a\n", {.separator = '\t'});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "separator");
}

TEST(CsvReadTest, QuotedFieldsWithSeparatorsNewlinesAndDoubledQuotes) {
  Table t = MustRead("ref;note\r\nA;\"line one\r\nline \"\"two\"\"; still\"\r\nB;\"\"\r\nC;x\r\n");
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[1].fields[1], "line one\r\nline \"two\"; still");
  EXPECT_EQ(t.records[1].line, 2);
  EXPECT_EQ(t.records[2].fields, (Fields{"B", ""}));
  EXPECT_EQ(t.records[2].line, 4);  // the multi-line record used lines 2 and 3
  EXPECT_EQ(t.records[3].line, 5);
}

TEST(CsvReadTest, LineEndingsBlankLinesAndEmptyFields) {
  Table t = MustRead("a,b\r\n1,\n\n2,x\r3,y\r\n\r\n");
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[1].fields, (Fields{"1", ""}));
  EXPECT_EQ(t.records[2].fields, (Fields{"2", "x"}));
  EXPECT_EQ(t.records[2].line, 4);                     // line 3 was blank
  EXPECT_EQ(t.records[3].fields, (Fields{"3", "y"}));  // lone CR ends a record too
  EXPECT_EQ(t.records[3].line, 5);
  EXPECT_EQ(MustRead("a,b").records[0].fields, (Fields{"a", "b"}));  // no final newline
  EXPECT_EQ(MustRead("a,").records[0].fields, (Fields{"a", ""}));
  EXPECT_TRUE(MustRead("").records.empty());
  EXPECT_TRUE(MustRead("\xEF\xBB\xBF").records.empty());
}

TEST(CsvReadTest, UnquotedQuoteIsLiteral) {
  EXPECT_EQ(MustRead("a,5\"\n").records[0].fields, (Fields{"a", "5\""}));
}

TEST(CsvReadTest, UnterminatedQuoteNamesTheLineWhereItOpened) {
  auto r = Read("ref;label\nA;ok\nB;\"never closed\nC;x\nD;y\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "csv");
  EXPECT_EQ(r.status().message().rfind("line 3: ", 0), 0u) << r.status().message();
}

TEST(CsvReadTest, TextAfterClosingQuoteIsAnError) {
  auto r = Read("a;b\n\"x\"y;z\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("line 2: ", 0), 0u) << r.status().message();
}

TEST(CsvReadTest, InvalidUtf8NamesTheLine) {
  // Latin-1 "é" (a file saved as ANSI/Windows-1252), on line 3.
  auto r = Read("a;b\r\nx;y\r\nd\xE9p\xF4t;z\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "csv");
  EXPECT_EQ(r.status().message().rfind("line 3: ", 0), 0u) << r.status().message();
  EXPECT_NE(FindInvalidUtf8("\xC0\xAF"), std::string_view::npos);      // overlong
  EXPECT_NE(FindInvalidUtf8("\xED\xA0\x80"), std::string_view::npos);  // surrogate
  EXPECT_NE(FindInvalidUtf8("ab\xE2\x82"), std::string_view::npos);    // truncated
  EXPECT_EQ(FindInvalidUtf8("Œuvre – 10 € 😀"), std::string_view::npos);
}

TEST(CsvWriteTest, QuotesOnlyWhenNeededWithBomAndCrlf) {
  Writer w({.separator = ';', .bom = true});
  w.Row({"Référence", "a;b", "say \"hi\"", "two\nlines", " padded", "1,5"});
  EXPECT_EQ(w.text(),
            "\xEF\xBB\xBFRéférence;\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";\" padded\";1,5\r\n");
  Writer en({.separator = ',', .bom = false});
  en.Row({"1,5", "x"});
  EXPECT_EQ(en.text(), "\"1,5\",x\r\n");
}

TEST(CsvWriteTest, RoundTrip) {
  Fields row{"a;b", "\"q\"", "multi\r\nline", "", "é"};
  for (char sep : {';', ','}) {
    Writer w({.separator = sep, .bom = true});
    w.Row({"h1", "h2", "h3", "h4", "h5"});
    w.Row(row);
    Table t = MustRead(w.text());
    EXPECT_EQ(t.separator, sep);
    ASSERT_EQ(t.records.size(), 2u);
    EXPECT_EQ(t.records[1].fields, row);
  }
}

// Found by tests/fuzz/csv_import_fuzz: "\xEF\xBB\xBF\xEF\xBB\xBFa" reads as one cell
// "\uFEFFa" (one BOM stripped); written back without BOM, that cell used to start the file
// unquoted, so reading it again dropped its U+FEFF as a BOM.
TEST(CsvWriteTest, FirstCellStartingWithBomSurvivesWithoutBom) {
  Table t = MustRead("\xEF\xBB\xBF\xEF\xBB\xBF" "a;b\r\n");
  ASSERT_EQ(t.records.size(), 1u);
  ASSERT_EQ(t.records[0].fields, (Fields{"\xEF\xBB\xBF" "a", "b"}));
  Writer w({.separator = ';', .bom = false});
  w.Row(t.records[0].fields);
  EXPECT_EQ(w.text(), "\"\xEF\xBB\xBF" "a\";b\r\n");
  EXPECT_EQ(MustRead(w.text()).records[0].fields, t.records[0].fields);
  Writer with_bom({.separator = ';', .bom = true});  // the BOM already protects it
  with_bom.Row(t.records[0].fields);
  EXPECT_EQ(with_bom.text(), "\xEF\xBB\xBF\xEF\xBB\xBF" "a;b\r\n");
}

TEST(CsvWriteTest, FormulaNeutralization) {
  EXPECT_EQ(NeutralizeFormula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(NeutralizeFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutralizeFormula("Vis M8"), "Vis M8");
  EXPECT_EQ(RestoreFormula("'=1+1"), "=1+1");
  EXPECT_EQ(RestoreFormula("'quoted'"), "'quoted'");
  EXPECT_EQ(RestoreFormula(NeutralizeFormula("-12")), "-12");
}

}  // namespace
}  // namespace invento::csv

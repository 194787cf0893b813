#include "core/mutators/args.h"

#include <gtest/gtest.h>

namespace invento {

TEST(ArgReaderTest, ReadsValidArguments) {
  Json args{{"id", "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b"}, {"name", "  Vis  "}, {"n", 3}};
  ArgReader r(args);
  EXPECT_EQ(r.Id("id"), "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b");
  EXPECT_EQ(r.String("name"), "Vis");
  EXPECT_EQ(r.Int("n", 0, 10), 3);
  EXPECT_FALSE(r.OptionalId("parent_id").has_value());
  EXPECT_TRUE(r.Finish().ok());
}

struct BadCase {
  Json args;
  std::string field;
};

TEST(ArgReaderTest, EachBadInputNamesItsField) {
  std::string long_name(201, 'x');
  std::vector<BadCase> cases{
      {{{"id", "not-a-uuid"}, {"name", "x"}}, "id"},
      {{{"id", "0B7E1C2A-3F4D-4E5F-8A9B-0C1D2E3F4A5B"}, {"name", "x"}}, "id"},
      {{{"name", "x"}}, "id"},
      {{{"id", "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b"}, {"name", 5}}, "name"},
      {{{"id", "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b"}, {"name", "   "}}, "name"},
      {{{"id", "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b"}, {"name", long_name}}, "name"},
      {{{"id", "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b"}, {"name", "a\x01"}}, "name"},
      {{{"id", "0b7e1c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b"}, {"name", "x"}, {"nmae", "typo"}}, "nmae"},
  };
  for (const auto& c : cases) {
    ArgReader r(c.args);
    r.Id("id");
    r.String("name");
    Status s = r.Finish();
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << c.args.dump();
    EXPECT_EQ(s.field(), c.field) << c.args.dump() << " -> " << s.ToString();
  }
}

TEST(ArgReaderTest, IntegersAreRangeChecked) {
  Json args{{"a", 11}, {"b", 1.5}, {"c", "3"}};
  for (const char* f : {"a", "b", "c"}) {
    ArgReader r(args);
    r.Int(f, 0, 10);
    EXPECT_EQ(r.Finish().field(), f);
  }
  Json huge = Json::parse("{\"a\": 18446744073709551615}");
  ArgReader r(huge);
  r.Int("a", 0, 10);
  EXPECT_EQ(r.Finish().field(), "a");
}

TEST(ArgReaderTest, NonObjectArgumentsAreRefused) {
  ArgReader r(Json::array());
  r.Id("id");
  EXPECT_EQ(r.Finish().code(), Code::kInvalidArgument);
}

}  // namespace invento

#include "core/base/text.h"

#include <gtest/gtest.h>

namespace invento {

TEST(FoldKeyTest, TrimsLowercasesAndRemovesAccents) {
  EXPECT_EQ(FoldKey("  Écrou M8 "), "ecrou m8");
  EXPECT_EQ(FoldKey("ŒIL de Bœuf"), "oeil de boeuf");
  EXPECT_EQ(FoldKey("Ça déménage à Noël"), "ca demenage a noel");
  EXPECT_EQ(FoldKey("Straße"), "strasse");
  EXPECT_EQ(FoldKey("Łódź"), "lodz");
}

TEST(FoldKeyTest, LeavesOtherCharactersAlone) {
  EXPECT_EQ(FoldKey("Ω 10 × 20"), "Ω 10 × 20");
  EXPECT_EQ(FoldKey(""), "");
  EXPECT_EQ(FoldKey("   "), "");
}

}  // namespace invento

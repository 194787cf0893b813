#include "core/base/status.h"

#include <gtest/gtest.h>

namespace invento {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd", "x");
  return x / 2;
}

Result<int> Quarter(int x) {
  INVENTO_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(StatusTest, CodesHaveStableNames) {
  EXPECT_EQ(Status::Conflict("c").code_name(), "conflict");
  EXPECT_EQ(Status::NotFound("n").code_name(), "not_found");
  EXPECT_EQ(Status::FailedPrecondition("f").code_name(), "failed_precondition");
  EXPECT_EQ(Status().code_name(), "ok");
  EXPECT_EQ(Status::InvalidArgument("bad", "name").ToString(), "invalid_argument: bad (field name)");
}

TEST(StatusTest, ResultPropagatesErrors) {
  EXPECT_EQ(Quarter(8).value(), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "x");
}

}  // namespace invento

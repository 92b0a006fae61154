// Window sizes and 'same' padding against values worked out by hand from TensorFlow's rules.
#include "ir/ShapeRules.h"

#include <gtest/gtest.h>

using namespace dlc;
using Pad = std::pair<int64_t, int64_t>;

TEST(ShapeRules, ValidWindows) {
  EXPECT_EQ(windowOutputSize(28, 3, 1, 1, false), 26); // mnist_cnn conv1
  EXPECT_EQ(windowOutputSize(24, 2, 2, 1, false), 12); // its max pool
  EXPECT_EQ(windowOutputSize(15, 2, 2, 1, false), 7);  // floor((15-2)/2)+1
  EXPECT_EQ(windowOutputSize(7, 3, 2, 2, false), 2);   // dilated: eff 5
  EXPECT_EQ(windowOutputSize(4, 5, 1, 1, false), 0);   // does not fit
  EXPECT_EQ(windowOutputSize(kDynamicSize, 3, 1, 1, false), kDynamicSize);
}

TEST(ShapeRules, SameWindows) {
  EXPECT_EQ(windowOutputSize(32, 3, 1, 1, true), 32);
  EXPECT_EQ(windowOutputSize(7, 3, 2, 1, true), 4); // ceil(7/2)
  EXPECT_EQ(windowOutputSize(1, 5, 1, 1, true), 1);
}

TEST(ShapeRules, SamePaddingPutsTheOddElementLast) {
  // out = 32, total = 31 + 3 - 32 = 2.
  EXPECT_EQ(samePadding(32, 3, 1, 1), Pad(1, 1));
  // out = 4, total = 3*2 + 2 - 8 = 0.
  EXPECT_EQ(samePadding(8, 2, 2, 1), Pad(0, 0));
  // out = 4, total = 3*2 + 3 - 7 = 2.
  EXPECT_EQ(samePadding(7, 3, 2, 1), Pad(1, 1));
  // even kernel: out = 5, total = 4 + 4 - 5 = 3 -> (1, 2).
  EXPECT_EQ(samePadding(5, 4, 1, 1), Pad(1, 2));
}

TEST(ShapeRules, ElementCount) {
  int64_t dims[] = {12, 12, 64};
  EXPECT_EQ(elementCount(dims, 3), 9216);
  int64_t huge[] = {int64_t(1) << 40, int64_t(1) << 40};
  EXPECT_EQ(elementCount(huge, 2), kDynamicSize);
  int64_t dyn[] = {3, kDynamicSize};
  EXPECT_EQ(elementCount(dyn, 2), kDynamicSize);
}

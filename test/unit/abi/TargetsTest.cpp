// The contract's target list and window rule: names unique, lookups exact, and
// TensorFlow's 'same' and 'valid' sizes worked out by hand.
#include "abi/Targets.h"
#include "abi/WindowRules.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace dlc::abi;

TEST(Targets, NamesAreUniqueAndEachCudaTargetNeedsTheDriver) {
  std::set<std::string> names;
  for (const TargetInfo &t : kTargets) {
    EXPECT_TRUE(names.insert(t.name).second) << t.name;
    EXPECT_EQ(findTarget(t.name), &t);
    EXPECT_EQ(t.device == Device::Cuda, (t.needs & kNeedsCudaDriver) != 0) << t.name;
    EXPECT_EQ(std::string_view(t.codeSection).empty(), std::string_view(t.name) == "cpu-ref")
        << t.name;
  }
  EXPECT_EQ(findTarget("cpu-reff"), nullptr);
  EXPECT_EQ(findTarget("CPU"), nullptr);
  EXPECT_EQ(findTarget("cpu")->device, Device::Host);
}

// Evaluated at compile time: the rule is usable in constant expressions.
static_assert(windowOutputSize(28, 3, 1, 1, false) == 26, "mnist_cnn conv1");
static_assert(windowOutputSize(7, 3, 2, 1, true) == 4, "ceil(7 / 2)");
static_assert(samePadding(5, 4, 1, 1).before == 1 && samePadding(5, 4, 1, 1).after == 2,
              "the odd padding element goes last");

TEST(WindowRules, ValidAndSame) {
  EXPECT_EQ(windowOutputSize(4, 5, 1, 1, false), 0);  // does not fit
  EXPECT_EQ(windowOutputSize(7, 3, 2, 2, false), 2);  // dilated: effective 5
  EXPECT_EQ(samePadding(8, 2, 2, 1).before + samePadding(8, 2, 2, 1).after, 0);
  EXPECT_EQ(samePadding(1, 5, 1, 1).before, 2);       // 1 + 4 - 1 = 4 in total
}

// dlc.embedding reference kernels: gather, scatter-add gradient, and ids
// outside the vocabulary reported (position and value) instead of read.
#include "runtime/kernels/Embedding.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

TEST(EmbeddingTest, GathersRows) {
  // table [4, 2] = [[0, 1], [10, 11], [20, 21], [30, 31]], ids [2, 3] (2-D)
  const EmbeddingShape s{6, 4, 2};
  const std::vector<float> table = {0, 1, 10, 11, 20, 21, 30, 31};
  const std::vector<int32_t> ids = {3, 0, 0, 2, 1, 3};
  std::vector<float> y(12);
  ASSERT_TRUE(embeddingForward(s, ids.data(), table.data(), y.data()).ok());
  expectNear(y, {30, 31, 0, 1, 0, 1, 20, 21, 10, 11, 30, 31}, 0, "y");
}

TEST(EmbeddingTest, BackwardScatterAdds) {
  // ids [1, 1, 3]: row 1 receives dy0 + dy1, row 3 dy2, rows 0 and 2 stay 0.
  const EmbeddingShape s{3, 4, 2};
  const std::vector<int64_t> ids = {1, 1, 3};
  const std::vector<double> dy = {1, 2, 10, 20, 100, 200};
  std::vector<double> dtable(8, 5.0);
  ASSERT_TRUE(embeddingBackward(s, ids.data(), dy.data(), dtable.data()).ok());
  expectNear(dtable, {0, 0, 11, 22, 0, 0, 100, 200}, 0, "dtable");
}

// A row used many times sums its gradients in double and rounds once:
// 1 + 4 · 2⁻²⁴ is a float, but summed in float every 1 + 2⁻²⁴ rounds to 1.
TEST(EmbeddingTest, RepeatedIdsSumInDouble) {
  const EmbeddingShape s{5, 2, 1};
  const std::vector<int32_t> ids(5, 1);
  const std::vector<float> dy = {1, 0x1p-24f, 0x1p-24f, 0x1p-24f, 0x1p-24f};
  std::vector<float> dtable(2, 7.0f);
  ASSERT_TRUE(embeddingBackward(s, ids.data(), dy.data(), dtable.data()).ok());
  EXPECT_EQ(dtable[0], 0.0f);
  EXPECT_EQ(dtable[1], 1.0f + 0x1p-22f);
}

TEST(EmbeddingTest, OutOfRangeIdsAreErrors) {
  const EmbeddingShape s{4, 3, 2};
  const std::vector<double> table(6, 1.0);
  std::vector<double> y(8, -1.0);
  const std::vector<int32_t> tooLarge = {0, 2, 1, 3};
  absl::Status status = embeddingForward(s, tooLarge.data(), table.data(), y.data());
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("id 3 at position 3"), std::string::npos) << status;
  EXPECT_NE(status.message().find("[0, 3)"), std::string::npos) << status;
  EXPECT_EQ(y, std::vector<double>(8, -1.0)); // nothing written
  const std::vector<int64_t> negative = {0, -5, 1, 1};
  std::vector<double> dtable(6, 9.0);
  status = embeddingBackward(s, negative.data(), y.data(), dtable.data());
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("id -5 at position 1"), std::string::npos) << status;
  EXPECT_EQ(dtable, std::vector<double>(6, 9.0));
  const std::vector<int64_t> huge = {int64_t(1) << 40};
  EXPECT_FALSE(checkEmbeddingIds(EmbeddingShape{1, 3, 2}, huge.data()).ok());
}

TEST(EmbeddingTest, FiniteDifferences) {
  const EmbeddingShape s{7, 5, 3};
  const std::vector<int32_t> ids = {4, 0, 4, 2, 2, 2, 1}; // row 3 unused
  std::vector<double> table = randomVector(15, 81);
  const std::vector<double> r = randomVector(21, 82);
  std::vector<double> dtable(15);
  ASSERT_TRUE(embeddingBackward(s, ids.data(), r.data(), dtable.data()).ok());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(21);
        ASSERT_TRUE(embeddingForward(s, ids.data(), table.data(), out.data()).ok());
      },
      r, {{"table", &table, &dtable}});
}

} // namespace
} // namespace dlc::rt::kernels

// Dataset: the Philox Fisher–Yates order, batches, Keras' validation_split, pixel conversion.
#include "runtime/data/Dataset.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "TestFiles.h"
#include "abi/Philox.h"

namespace dlc::rt::data {
namespace {
using namespace dlc::abi;

// n samples: input "x" float [2] = {10 i, 10 i + 1}, input "ids" int32 [1] = {i}, class i % 3.
Dataset tiny(int n) {
  Dataset ds;
  ds.name = "tiny";
  ds.numSamples = n;
  InputTensor x{"x", ElementType::kFloat32, {2}, {}, {}};
  InputTensor ids{"ids", ElementType::kInt32, {1}, {}, {}};
  std::vector<int32_t> classes;
  for (int i = 0; i < n; ++i) {
    x.f32.push_back(float(10 * i));
    x.f32.push_back(float(10 * i + 1));
    ids.i32.push_back(i);
    classes.push_back(i % 3);
  }
  ds.inputs = {x, ids};
  EXPECT_TRUE(setOneHotLabels(ds, classes, 3).ok());
  return ds;
}

TEST(Dataset, ShuffledOrderIsAPermutation) {
  for (int64_t n : {0, 1, 2, 7, 1000, 60000}) {
    std::vector<int64_t> order = shuffledOrder(n, 7, 3);
    ASSERT_EQ(int64_t(order.size()), n);
    std::vector<int64_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, identityOrder(n)) << "n = " << n;
  }
}

TEST(Dataset, ShuffledOrderDependsOnEpochAndSeedOnly) {
  EXPECT_EQ(shuffledOrder(1000, 7, 3), shuffledOrder(1000, 7, 3));
  EXPECT_NE(shuffledOrder(1000, 7, 3), shuffledOrder(1000, 7, 4));
  EXPECT_NE(shuffledOrder(1000, 7, 3), shuffledOrder(1000, 8, 3));
  EXPECT_NE(shuffledOrder(1000, 7, 0), identityOrder(1000));
}

TEST(Dataset, ShuffledOrderFollowsTheDocumentedDraws) {
  // The header's recipe, written out for n = 6.
  const uint64_t seed = 0x123456789abcull;
  const uint32_t epoch = 5;
  std::vector<int64_t> want = {0, 1, 2, 3, 4, 5};
  for (int64_t i = 5; i >= 1; --i) {
    uint32_t w = philoxDraw(seed, 0x30000000u, epoch, uint64_t(i))[0];
    int64_t j = int64_t((uint64_t(w) * uint64_t(i + 1)) >> 32);
    ASSERT_LE(j, i);
    std::swap(want[size_t(i)], want[size_t(j)]);
  }
  EXPECT_EQ(shuffledOrder(6, seed, epoch), want);
}

TEST(Dataset, ShuffledOrderIsUniformOnSmallSets) {
  // Every element lands first about 1/4 of the time over 4000 epochs (sd ≈ 27).
  std::vector<int> first(4);
  for (uint32_t e = 0; e < 4000; ++e)
    ++first[size_t(shuffledOrder(4, 99, e)[0])];
  for (int k = 0; k < 4; ++k)
    EXPECT_NEAR(first[size_t(k)], 1000, 120) << "element " << k;
}

TEST(Dataset, BatchesFollowTheOrder) {
  Dataset ds = tiny(5);
  absl::StatusOr<Batcher> batcher = Batcher::create(ds, 2);
  ASSERT_TRUE(batcher.ok()) << batcher.status();
  EXPECT_EQ(batcher->numBatches(), 3);
  const std::vector<int64_t> order = {4, 3, 2, 1, 0};
  absl::StatusOr<Batch> b0 = batcher->batch(order, 0);
  ASSERT_TRUE(b0.ok()) << b0.status();
  EXPECT_EQ(b0->size, 2);
  EXPECT_EQ(b0->sampleIndices, (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(b0->inputs[0].f32, (std::vector<float>{40, 41, 30, 31}));
  EXPECT_EQ(b0->inputs[1].i32, (std::vector<int32_t>{4, 3}));
  EXPECT_EQ(b0->classes, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(b0->labels, (std::vector<float>{0, 1, 0, 1, 0, 0}));
  // The last batch holds the remainder; refilling reuses the Batch.
  Batch b = *b0;
  ASSERT_TRUE(batcher->fill(order, 2, b).ok());
  EXPECT_EQ(b.size, 1);
  EXPECT_EQ(b.inputs[0].f32, (std::vector<float>{0, 1}));
  EXPECT_EQ(b.inputs[1].i32, (std::vector<int32_t>{0}));
  EXPECT_EQ(b.labels, (std::vector<float>{1, 0, 0}));
  EXPECT_EQ(b.inputs[0].sampleShape, (std::vector<int64_t>{2}));

  absl::Status st = batcher->fill(order, 3, b);
  EXPECT_EQ(st.message(), "dataset 'tiny': expected a batch in [0, 3), found 3");
  st = batcher->fill(std::vector<int64_t>{0, 1, 2}, 0, b);
  EXPECT_EQ(st.message(), "dataset 'tiny': expected an order of 5 indices, found 3");
  st = batcher->fill(std::vector<int64_t>{0, 1, 2, 3, 9}, 2, b);
  EXPECT_EQ(st.message(), "dataset 'tiny': order holds index 9, expected one in [0, 5)");
  EXPECT_FALSE(Batcher::create(ds, 0).ok());
}

TEST(Dataset, ValidationSplitTakesTheLastFractionLikeKeras) {
  Dataset ds = tiny(10);
  auto split = splitValidation(ds, 0.2);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_EQ(split->first.numSamples, 8);
  EXPECT_EQ(split->second.numSamples, 2);
  EXPECT_EQ(split->second.inputs[1].i32, (std::vector<int32_t>{8, 9}));
  EXPECT_EQ(split->second.inputs[0].f32, (std::vector<float>{80, 81, 90, 91}));
  EXPECT_EQ(split->second.classes, (std::vector<int32_t>{2, 0}));
  EXPECT_TRUE(validateDataset(split->first).ok());
  EXPECT_TRUE(validateDataset(split->second).ok());
  // split_at = int(n * (1. - f)) in double precision, values from Python:
  // int(10 * (1 - 0.3)) = 7, int(10 * (1 - 0.8)) = 1 (1.9999999999999996),
  // int(10 * (1 - 0.9)) = 0, int(7 * (1 - 0.1)) = 6.
  struct Case {
    int n;
    double f;
    int64_t train;
  };
  for (Case c : {Case{10, 0.3, 7}, Case{10, 0.8, 1}, Case{10, 0.9, 0}, Case{7, 0.1, 6},
                 Case{10, 0.0, 10}}) {
    auto s = splitValidation(tiny(c.n), c.f);
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->first.numSamples, c.train) << c.n << " " << c.f;
    EXPECT_EQ(s->second.numSamples, c.n - c.train) << c.n << " " << c.f;
  }
  EXPECT_EQ(splitValidation(ds, 1.0).status().message(),
            "dataset 'tiny': expected a validation fraction in [0, 1), found 1");
  EXPECT_FALSE(splitValidation(ds, -0.1).ok());
}

TEST(Dataset, ValidateCatchesInconsistentSizes) {
  Dataset ds = tiny(3);
  EXPECT_TRUE(validateDataset(ds).ok());
  ds.inputs[0].f32.pop_back();
  EXPECT_EQ(validateDataset(ds).message(),
            "dataset 'tiny': input 'x': expected 6 float32 values (3 x [2]), found 5");
  ds = tiny(3);
  ds.labels[0] = 0.5f;
  EXPECT_EQ(validateDataset(ds).message(),
            "dataset 'tiny': sample 0: one-hot label row does not match class 0");
  ds = tiny(3);
  EXPECT_FALSE(setOneHotLabels(ds, std::vector<int32_t>{0, 3, 1}, 3).ok());
}

TEST(Dataset, PixelTableMatchesKerasFloat32Division) {
  // models/*.yaml: rescale 0.00392156862745098 = 1/255; Keras does float32 x /= 255.
  const std::vector<float> table = pixelTable(0.00392156862745098);
  ASSERT_EQ(table.size(), 256u);
  for (int v = 0; v < 256; ++v)
    EXPECT_EQ(table[size_t(v)], float(v) / 255.0f) << "pixel " << v;
  EXPECT_EQ(table[255], 1.0f);
  EXPECT_EQ(pixelTable(0.5)[3], 1.5f);
}

} // namespace
} // namespace dlc::rt::data

// Keras 2.0.8 (TensorFlow backend) categorical cross-entropy, its sparse
// variant and accuracy: hand-computed values, the normalisation and the
// clip, gradient checks (also through softmax).
#include "runtime/kernels/Loss.h"

#include <cmath>

#include "runtime/kernels/Activation.h"
#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

TEST(CategoricalCrossentropyTest, HandValues) {
  // Two rows: -(ln 0.5 + ln 0.6) / 2 = (0.6931471805599453 + 0.5108256237659907) / 2
  const LossShape s{2, 3};
  const std::vector<double> p = {0.2, 0.3, 0.5, 0.1, 0.6, 0.3};
  const std::vector<double> t = {0, 0, 1, 0, 1, 0};
  EXPECT_NEAR(categoricalCrossentropy(s, p.data(), t.data()),
              (0.6931471805599453 + 0.5108256237659907) / 2, 1e-15);
  // float
  const std::vector<float> pf(p.begin(), p.end()), tf(t.begin(), t.end());
  EXPECT_NEAR(categoricalCrossentropy(s, pf.data(), tf.data()),
              (0.6931471805599453 + 0.5108256237659907) / 2, 1e-6);
}

TEST(CategoricalCrossentropyTest, NormalisesRows) {
  // p = [1, 1, 2] is scaled to [0.25, 0.25, 0.5]: loss = -ln 0.5 = ln 2.
  const LossShape s{1, 3};
  const std::vector<double> p = {1, 1, 2}, t = {0, 0, 1};
  EXPECT_NEAR(categoricalCrossentropy(s, p.data(), t.data()), std::log(2.0), 1e-15);
  // Soft targets: t = [0.5, 0, 0.5] -> -(0.5 ln 0.25 + 0.5 ln 0.5) = 1.5 ln 2
  const std::vector<double> soft = {0.5, 0, 0.5};
  EXPECT_NEAR(categoricalCrossentropy(s, p.data(), soft.data()), 1.5 * std::log(2.0),
              1e-15);
}

TEST(CategoricalCrossentropyTest, ClipsAtEpsilon) {
  // p = [1, 0, 0], true class 1: clip(0) = 1e-7 -> loss = -ln 1e-7 = 16.118095650958319.
  const LossShape s{1, 3};
  const std::vector<double> p = {1, 0, 0}, t = {0, 1, 0};
  EXPECT_NEAR(categoricalCrossentropy(s, p.data(), t.data()), 16.118095650958319, 1e-12);
  const std::vector<float> pf = {1, 0, 0}, tf = {0, 1, 0};
  EXPECT_NEAR(categoricalCrossentropy(s, pf.data(), tf.data()), 16.118095650958319, 1e-5);
  // Where the clip binds the gradient is 0 (q = 0 < eps for class 1, q = 1 >
  // 1 - eps for class 0, and t = 0 for class 2): all zero.
  std::vector<double> dp(3, 99.0);
  categoricalCrossentropyBackward(s, p.data(), t.data(), 1.0, dp.data());
  expectNear(dp, {0, 0, 0}, 0, "dp");
}

TEST(CategoricalCrossentropyTest, BackwardHand) {
  // One row summing to 1, no clip: dp_j = -t_j/p_j + Σt = [1, 1, -2 + 1].
  const LossShape s{1, 3};
  const std::vector<double> p = {0.2, 0.3, 0.5}, t = {0, 0, 1};
  std::vector<double> dp(3);
  categoricalCrossentropyBackward(s, p.data(), t.data(), 1.0, dp.data());
  expectNear(dp, {1, 1, -1}, 1e-15, "dp");
  // Two rows: the mean halves it; dloss = 3 scales it.
  const LossShape s2{2, 3};
  const std::vector<double> p2 = {0.2, 0.3, 0.5, 0.2, 0.3, 0.5}, t2 = {0, 0, 1, 0, 1, 0};
  std::vector<double> dp2(6);
  categoricalCrossentropyBackward(s2, p2.data(), t2.data(), 3.0, dp2.data());
  // row 1: -t/p + 1 = [1, -1/0.3 + 1, 1]
  expectNear(dp2, {1.5, 1.5, -1.5, 1.5, 1.5 * (1 - 1 / 0.3), 1.5}, 1e-14, "dp2");
}

TEST(CategoricalCrossentropyTest, FiniteDifferencesOnUnnormalisedProbabilities) {
  // Positive, unnormalised rows (the normalisation is differentiated too),
  // soft targets; no value near the clip.
  const LossShape s{4, 5};
  std::vector<double> p = randomVector(20, 71, 0.2, 1.0);
  std::vector<double> t = randomVector(20, 72, 0.0, 1.0);
  std::vector<double> dp(20);
  categoricalCrossentropyBackward(s, p.data(), t.data(), 0.7, dp.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out = {categoricalCrossentropy(s, p.data(), t.data())};
      },
      {0.7}, {{"probs", &p, &dp}});
}

TEST(CategoricalCrossentropyTest, ThroughSoftmax) {
  // loss(softmax(x)): the chain gives (softmax(x) - t) / rows for one-hot t.
  const LossShape s{3, 4};
  std::vector<double> x = randomVector(12, 73, -2, 2);
  const std::vector<double> t = {0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1};
  std::vector<double> y(12), dp(12), dx(12);
  softmaxForward(x.data(), y.data(), 3, 4);
  categoricalCrossentropyBackward(s, y.data(), t.data(), 1.0, dp.data());
  softmaxBackward(y.data(), dp.data(), dx.data(), 3, 4);
  for (int i = 0; i < 12; ++i)
    EXPECT_NEAR(dx[i], (y[i] - t[i]) / 3, 1e-14) << i;
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        std::vector<double> probs(12);
        softmaxForward(x.data(), probs.data(), 3, 4);
        out = {categoricalCrossentropy(s, probs.data(), t.data())};
      },
      {1.0}, {{"logits", &x, &dx}});
}

TEST(SparseCategoricalCrossentropyTest, HandValues) {
  const LossShape s{2, 3};
  const std::vector<double> p = {0.2, 0.3, 0.5, 0.1, 0.6, 0.3};
  const std::vector<int32_t> labels = {2, 1};
  // Rows sum to 1 and no clip binds: -(ln 0.5 + ln 0.6) / 2.
  auto loss = sparseCategoricalCrossentropy(s, p.data(), labels.data());
  ASSERT_TRUE(loss.ok());
  EXPECT_NEAR(*loss, (0.6931471805599453 + 0.5108256237659907) / 2, 1e-15);
  // Clip, then renormalise (TF's softmax cross-entropy of log c):
  // p = [1, 0, 0], label 1: c = [1 - 1e-7, 1e-7, 1e-7], loss = ln(1 + 1e-7) - ln 1e-7.
  const LossShape one{1, 3};
  const std::vector<double> q = {1, 0, 0};
  const std::vector<int64_t> label1 = {1};
  auto clipped = sparseCategoricalCrossentropy(one, q.data(), label1.data());
  ASSERT_TRUE(clipped.ok());
  EXPECT_NEAR(*clipped, std::log1p(1e-7) + 16.118095650958319, 1e-12);
  // Unnormalised p = [1, 1, 2], label 2: c = p clipped to 1 - 1e-7 each:
  // loss = ln(3 (1 - 1e-7)) - ln(1 - 1e-7) = ln 3 (the categorical one is ln 2).
  const std::vector<double> u = {1, 1, 2};
  const std::vector<int32_t> label2 = {2};
  EXPECT_NEAR(*sparseCategoricalCrossentropy(one, u.data(), label2.data()),
              std::log(3.0), 1e-14);
}

TEST(SparseCategoricalCrossentropyTest, BackwardHandAndFiniteDifferences) {
  // Row sums to 1: dp_j = 1/Σc - [j = y]/p_y = [1, 1, 1 - 2].
  const LossShape one{1, 3};
  const std::vector<double> p = {0.2, 0.3, 0.5};
  const std::vector<int32_t> y = {2};
  std::vector<double> dp(3);
  ASSERT_TRUE(sparseCategoricalCrossentropyBackward(one, p.data(), y.data(), 1.0,
                                                    dp.data()).ok());
  expectNear(dp, {1, 1, -1}, 1e-15, "dp");

  const LossShape s{4, 5};
  std::vector<double> q = randomVector(20, 74, 0.05, 0.9);
  const std::vector<int64_t> labels = {0, 4, 2, 2};
  std::vector<double> dq(20);
  ASSERT_TRUE(sparseCategoricalCrossentropyBackward(s, q.data(), labels.data(), 1.3,
                                                    dq.data()).ok());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out = {*sparseCategoricalCrossentropy(s, q.data(), labels.data())};
      },
      {1.3}, {{"probs", &q, &dq}});
}

TEST(SparseCategoricalCrossentropyTest, RejectsOutOfRangeLabels) {
  const LossShape s{2, 3};
  const std::vector<double> p(6, 1.0 / 3);
  const std::vector<int32_t> labels = {1, 3};
  auto loss = sparseCategoricalCrossentropy(s, p.data(), labels.data());
  ASSERT_FALSE(loss.ok());
  EXPECT_NE(loss.status().message().find("label 3 of row 1"), std::string::npos)
      << loss.status();
  std::vector<double> dp(6, 7.0);
  const std::vector<int32_t> negative = {-1, 0};
  EXPECT_FALSE(sparseCategoricalCrossentropyBackward(s, p.data(), negative.data(),
                                                     1.0, dp.data()).ok());
  EXPECT_EQ(dp, std::vector<double>(6, 7.0));
  EXPECT_FALSE(sparseCategoricalAccuracyCount(s, p.data(), labels.data()).ok());
}

TEST(AccuracyTest, CountsFirstMaximumMatches) {
  const LossShape s{4, 3};
  const std::vector<float> p = {
      0.4f, 0.4f, 0.2f, // tie -> class 0 (first maximum)
      0.1f, 0.5f, 0.4f, // class 1
      0.3f, 0.3f, 0.4f, // class 2
      0.2f, 0.5f, 0.5f, // tie -> class 1
  };
  const std::vector<float> t = {1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1};
  // row 0: 0 == 0 yes; row 1: 1 vs 2 no; row 2: 2 == 2 yes; row 3: 1 vs 2 no.
  EXPECT_EQ(categoricalAccuracyCount(s, p.data(), t.data()), 2);
  const std::vector<int32_t> labels = {0, 1, 2, 2};
  auto sparse = sparseCategoricalAccuracyCount(s, p.data(), labels.data());
  ASSERT_TRUE(sparse.ok());
  EXPECT_EQ(*sparse, 3); // rows 0, 1, 2
}

} // namespace
} // namespace dlc::rt::kernels

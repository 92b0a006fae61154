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
  // At a bound the clip does not bind (TF's clip gradient passes there):
  // p = [1e-7, 1 - 1e-7] sums to 1 exactly in double, q_0 = eps ->
  // dp_0 = -1 / 1e-7; just below the bound the gradient is 0.
  const LossShape two{1, 2};
  const std::vector<double> atBound = {1e-7, 1 - 1e-7}, below = {0.9e-7, 1 - 0.9e-7};
  const std::vector<double> first = {1, 0};
  std::vector<double> d(2);
  categoricalCrossentropyBackward(two, atBound.data(), first.data(), 1.0, d.data());
  expectNear(d, {-1e7, 0}, 1e-6, "at the bound");
  categoricalCrossentropyBackward(two, below.data(), first.data(), 1.0, d.data());
  expectNear(d, {0, 0}, 0, "below the bound");
}

TEST(CategoricalCrossentropyTest, BackwardHand) {
  // dp = -t / p / N where the clip passes: one row -> [0, 0, -1/0.5].
  const LossShape s{1, 3};
  const std::vector<double> p = {0.2, 0.3, 0.5}, t = {0, 0, 1};
  std::vector<double> dp(3);
  categoricalCrossentropyBackward(s, p.data(), t.data(), 1.0, dp.data());
  expectNear(dp, {0, 0, -2}, 1e-15, "dp");
  // Two rows, dloss = 3: scale 3/2; soft targets in row 1.
  // row 0: [0, 0, -1.5 / 0.5]; row 1 (t = [0.5, 0.5, 0]): [-0.75/0.2, -0.75/0.3, 0]
  const LossShape s2{2, 3};
  const std::vector<double> p2 = {0.2, 0.3, 0.5, 0.2, 0.3, 0.5},
                            t2 = {0, 0, 1, 0.5, 0.5, 0};
  std::vector<double> dp2(6);
  categoricalCrossentropyBackward(s2, p2.data(), t2.data(), 3.0, dp2.data());
  expectNear(dp2, {0, 0, -3, -3.75, -2.5, 0}, 1e-14, "dp2");
  // float
  const std::vector<float> pf = {0.25f, 0.75f}, tf = {0, 1};
  std::vector<float> dpf(2);
  categoricalCrossentropyBackward(LossShape{1, 2}, pf.data(), tf.data(), 1.0f,
                                  dpf.data());
  expectNear(dpf, {0, -1 / 0.75}, 1e-6, "float dp");
}

/// The per-row constant the header documents: TensorFlow's derivative
/// through the normalisation is dp + k_row on every class of the row.
std::vector<double> withNormalisationTerm(const LossShape &s,
                                          const std::vector<double> &p,
                                          const std::vector<double> &t,
                                          double dloss,
                                          std::vector<double> dp) {
  for (int64_t r = 0; r < s.rows; ++r) {
    double sum = 0, passingTargets = 0;
    for (int64_t j = 0; j < s.classes; ++j)
      sum += p[r * s.classes + j];
    for (int64_t j = 0; j < s.classes; ++j) {
      const double q = p[r * s.classes + j] / sum;
      if (q >= 1e-7 && q <= 1 - 1e-7)
        passingTargets += t[r * s.classes + j];
    }
    for (int64_t j = 0; j < s.classes; ++j)
      dp[r * s.classes + j] += dloss * passingTargets / (s.rows * sum);
  }
  return dp;
}

TEST(CategoricalCrossentropyTest, FiniteDifferencesOnUnnormalisedProbabilities) {
  // Positive, unnormalised rows, soft targets, no value near the clip: the
  // finite differences see the normalisation too, so they must equal the
  // kernel's gradient plus the documented per-row constant.
  const LossShape s{4, 5};
  std::vector<double> p = randomVector(20, 71, 0.2, 1.0);
  std::vector<double> t = randomVector(20, 72, 0.0, 1.0);
  std::vector<double> dp(20);
  categoricalCrossentropyBackward(s, p.data(), t.data(), 0.7, dp.data());
  const std::vector<double> full = withNormalisationTerm(s, p, t, 0.7, dp);
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out = {categoricalCrossentropy(s, p.data(), t.data())};
      },
      {0.7}, {{"probs", &p, &full}});
}

TEST(CategoricalCrossentropyTest, ThroughSoftmax) {
  // loss(softmax(x)): through softmax's backward the per-row constant
  // vanishes and the logits' gradient is (softmax(x) - t) / rows, Keras'.
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
  // -(ln 0.5 + ln 0.6) / 2
  auto loss = sparseCategoricalCrossentropy(s, p.data(), labels.data());
  ASSERT_TRUE(loss.ok());
  EXPECT_NEAR(*loss, (0.6931471805599453 + 0.5108256237659907) / 2, 1e-15);
  // The one-hot formula: normalise, then clip. [1, 1, 2] label 2 -> -ln 0.5;
  // [1, 0, 0] label 1 -> -ln 1e-7.
  const LossShape one{1, 3};
  const std::vector<double> u = {1, 1, 2}, q = {1, 0, 0};
  const std::vector<int64_t> label2 = {2}, label1 = {1};
  EXPECT_NEAR(*sparseCategoricalCrossentropy(one, u.data(), label2.data()),
              std::log(2.0), 1e-15);
  EXPECT_NEAR(*sparseCategoricalCrossentropy(one, q.data(), label1.data()),
              16.118095650958319, 1e-12);
}

TEST(SparseCategoricalCrossentropyTest, BackwardHandAndFiniteDifferences) {
  // dp = -[j = y] / p_y / N: [0, 0, -2]; the clipped label entry gets 0.
  const LossShape one{1, 3};
  const std::vector<double> p = {0.2, 0.3, 0.5}, clipped = {1, 0, 0};
  const std::vector<int32_t> y = {2}, y1 = {1};
  std::vector<double> dp(3);
  ASSERT_TRUE(sparseCategoricalCrossentropyBackward(one, p.data(), y.data(), 1.0,
                                                    dp.data()).ok());
  expectNear(dp, {0, 0, -2}, 1e-15, "dp");
  ASSERT_TRUE(sparseCategoricalCrossentropyBackward(one, clipped.data(), y1.data(),
                                                    1.0, dp.data()).ok());
  expectNear(dp, {0, 0, 0}, 0, "clipped");

  const LossShape s{4, 5};
  std::vector<double> q = randomVector(20, 74, 0.05, 0.9);
  const std::vector<int64_t> labels = {0, 4, 2, 2};
  std::vector<double> oneHot(20, 0.0);
  for (int r = 0; r < 4; ++r)
    oneHot[r * 5 + labels[r]] = 1.0;
  std::vector<double> dq(20);
  ASSERT_TRUE(sparseCategoricalCrossentropyBackward(s, q.data(), labels.data(), 1.3,
                                                    dq.data()).ok());
  const std::vector<double> full = withNormalisationTerm(s, q, oneHot, 1.3, dq);
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out = {*sparseCategoricalCrossentropy(s, q.data(), labels.data())};
      },
      {1.3}, {{"probs", &q, &full}});
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

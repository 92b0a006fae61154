// dlc.activation (with relu's Keras options) / dlc.prelu / dlc.softmax
// reference kernels: hand-computed values, TensorFlow's derivatives at the
// kinks, gradient checks.
#include "runtime/kernels/Activation.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomAwayFromZero;
using testing::randomVector;

std::vector<double> forward(Activation kind, double alpha,
                            const std::vector<double> &x) {
  std::vector<double> y(x.size());
  activationForward(kind, alpha, x.data(), y.data(), int64_t(x.size()));
  return y;
}

std::vector<double> derivative(Activation kind, double alpha,
                               const std::vector<double> &x) {
  std::vector<double> ones(x.size(), 1.0), dx(x.size());
  activationBackward(kind, alpha, x.data(), ones.data(), dx.data(),
                     int64_t(x.size()));
  return dx;
}

TEST(ActivationTest, ForwardValues) {
  const double tol = 1e-15;
  expectNear(forward(Activation::Linear, 1, {-2, 3.5}), {-2, 3.5}, 0, "linear");
  expectNear(forward(Activation::Relu, 1, {-1, 0, 2}), {0, 0, 2}, 0, "relu");
  // tanh(0.5) = 0.46211715726000974, tanh(-2) = -0.9640275800758169
  expectNear(forward(Activation::Tanh, 1, {0.5, -2}),
             {0.46211715726000974, -0.9640275800758169}, tol, "tanh");
  // sigmoid(0) = 1/2, sigmoid(2) = 1/(1+e^-2) = 0.8807970779778823
  expectNear(forward(Activation::Sigmoid, 1, {0, 2}), {0.5, 0.8807970779778823},
             tol, "sigmoid");
  // hard_sigmoid = clip(0.2x + 0.5, 0, 1): 1 -> 0.7, -1 -> 0.3, ±3 -> 0 / 1,
  // -2.5 -> 0, 2.5 -> 1
  expectNear(forward(Activation::HardSigmoid, 1, {1, -1, -3, 3, -2.5, 2.5}),
             {0.7, 0.3, 0, 1, 0, 1}, 1e-15, "hard_sigmoid");
  // elu(alpha = 0.5): -1 -> 0.5 (e^-1 - 1) = -0.31606027941427883; 2 -> 2
  expectNear(forward(Activation::Elu, 0.5, {-1, 2, 0}),
             {-0.31606027941427883, 2, 0}, tol, "elu");
  // hard_sigmoid6 = relu6(x + 3) / 6: 0 -> 0.5, 1.5 -> 0.75, -4 -> 0, 4 -> 1
  expectNear(forward(Activation::HardSigmoid6, 1, {0, 1.5, -4, 4}),
             {0.5, 0.75, 0, 1}, tol, "hard_sigmoid6");
}

TEST(ActivationTest, DerivativesAtTheKinks) {
  // relu: 0 at 0 (TensorFlow's ReluGrad passes only where x > 0)
  expectNear(derivative(Activation::Relu, 1, {-1, 0, 1e-30, 3}), {0, 0, 1, 1},
             0, "relu'");
  // hard_sigmoid: 0.2 inside the open interval (-2.5, 2.5), 0 at ±2.5 and
  // outside (the dialect's rule).
  expectNear(derivative(Activation::HardSigmoid, 1,
                        {-2.5, 2.5, 0, -2.4999999, 2.4999999, -2.6, 2.6, -10}),
             {0, 0, 0.2, 0.2, 0.2, 0, 0, 0}, 1e-16, "hard_sigmoid'");
  // elu: 1 for x > 0, alpha e^x for x <= 0 (alpha at 0, as TF's EluGrad
  // scaled by Keras' alpha)
  expectNear(derivative(Activation::Elu, 0.5, {0, 1, -1}),
             {0.5, 1, 0.5 * 0.36787944117144233}, 1e-16, "elu'");
  // hard_sigmoid6: 1/6 strictly inside (-3, 3) (TF's Relu6Grad), else 0
  expectNear(derivative(Activation::HardSigmoid6, 1, {-3, 3, 0, 4}),
             {0, 0, 1.0 / 6, 0}, 1e-16, "hard_sigmoid6'");
  // tanh' = 1 - tanh², sigmoid' = s (1 - s), linear' = 1
  expectNear(derivative(Activation::Tanh, 1, {0}), {1}, 0, "tanh'(0)");
  expectNear(derivative(Activation::Sigmoid, 1, {0}), {0.25}, 0, "sigmoid'(0)");
  expectNear(derivative(Activation::Linear, 1, {-7}), {1}, 0, "linear'");
}

TEST(ActivationTest, BackwardMultipliesDy) {
  const std::vector<float> x = {-1, 2}, dy = {3, 4};
  std::vector<float> dx(2);
  activationBackward(Activation::Relu, 1.0, x.data(), dy.data(), dx.data(), 2);
  expectNear(dx, {0, 4}, 0, "relu dx");
  activationBackward(Activation::HardSigmoid, 1.0, x.data(), dy.data(),
                     dx.data(), 2);
  expectNear(dx, {0.6, 0.8}, 1e-7, "hard_sigmoid dx");
}

class ActivationGradientTest : public ::testing::TestWithParam<Activation> {};

TEST_P(ActivationGradientTest, FiniteDifferences) {
  const Activation kind = GetParam();
  const double alpha = 0.7;
  // Away from every kink: 0 (relu, elu), ±2.5 (hard_sigmoid), ±3
  // (hard_sigmoid6): magnitudes in [0.05, 2.4] and then 3.2 .. 4 for the
  // saturated parts.
  std::vector<double> x = randomAwayFromZero(40, 31, 0.05, 2.4);
  const std::vector<double> far = randomAwayFromZero(10, 32, 3.2, 4.0);
  x.insert(x.end(), far.begin(), far.end());
  const std::vector<double> r = randomVector(x.size(), 33);
  std::vector<double> dx(x.size());
  activationBackward(kind, alpha, x.data(), r.data(), dx.data(),
                     int64_t(x.size()));
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(x.size());
        activationForward(kind, alpha, x.data(), out.data(), int64_t(x.size()));
      },
      r, {{"x", &x, &dx}});
}

INSTANTIATE_TEST_SUITE_P(AllKinds, ActivationGradientTest,
                         ::testing::Values(Activation::Linear, Activation::Relu,
                                           Activation::Tanh, Activation::Sigmoid,
                                           Activation::HardSigmoid,
                                           Activation::Elu,
                                           Activation::HardSigmoid6),
                         [](const auto &info) {
                           return std::string(activationName(info.param));
                         });

// Keras' relu(x, alpha, max_value, threshold), worked out by hand (Keras 2
// backend: x > threshold ? x : 0, clipped to [0, max_value], minus
// alpha * relu(threshold - x)).
TEST(ReluOptionsTest, ForwardValuesAndKinks) {
  const std::vector<double> x = {-2, -0.5, 0, 0.25, 0.5, 1, 3, 7};
  std::vector<double> y(x.size()), d(x.size()), ones(x.size(), 1.0);
  ReluOptions all{0.2, 0.5, true, 6.0};
  reluOptionsForward(all, x.data(), y.data(), int64_t(x.size()));
  // a = [0, 0, 0, 0, 0, 1, 3, 6]; 0.2 * max(0.5 - x, 0) = [0.5, 0.2, 0.1, 0.05, 0, 0, 0, 0]
  expectNear(y, {-0.5, -0.2, -0.1, -0.05, 0, 1, 3, 6}, 1e-15, "relu(0.2, 6, 0.5)");
  reluOptionsBackward(all, x.data(), ones.data(), d.data(), int64_t(x.size()));
  // 1 where 0.5 < x < 6; 0.2 where x < 0.5; 0 at the threshold and the cap.
  expectNear(d, {0.2, 0.2, 0.2, 0.2, 0, 1, 1, 0}, 0, "relu(0.2, 6, 0.5)'");
  // LeakyReLU(0.3): relu(x) - 0.3 relu(-x); derivative 0 at 0 like TF's relu.
  ReluOptions leaky{0.3, 0, false, 0};
  reluOptionsForward(leaky, x.data(), y.data(), int64_t(x.size()));
  expectNear(y, {-0.6, -0.15, 0, 0.25, 0.5, 1, 3, 7}, 1e-15, "leaky_relu");
  reluOptionsBackward(leaky, x.data(), ones.data(), d.data(), int64_t(x.size()));
  expectNear(d, {0.3, 0.3, 0, 1, 1, 1, 1, 1}, 0, "leaky_relu'");
  // ThresholdedReLU(theta = 1): x > 1 ? x : 0.
  ReluOptions thresholded{0, 1.0, false, 0};
  reluOptionsForward(thresholded, x.data(), y.data(), int64_t(x.size()));
  expectNear(y, {0, 0, 0, 0, 0, 0, 3, 7}, 0, "thresholded_relu");
  // relu6 (max_value 6): Keras uses tf.nn.relu6, whose gradient is 0 at 6.
  ReluOptions relu6{0, 0, true, 6.0};
  const std::vector<double> at6 = {5.999, 6, 6.5, -1};
  std::vector<double> y6(4), d6(4), ones4(4, 1.0);
  reluOptionsForward(relu6, at6.data(), y6.data(), 4);
  expectNear(y6, {5.999, 6, 6, 0}, 0, "relu6");
  reluOptionsBackward(relu6, at6.data(), ones4.data(), d6.data(), 4);
  expectNear(d6, {1, 0, 0, 0}, 0, "relu6'");
}

TEST(ReluOptionsTest, FiniteDifferences) {
  for (const ReluOptions &o : {ReluOptions{0.2, 0.5, true, 6.0}, ReluOptions{0.3, 0, false, 0},
                               ReluOptions{0, 1.0, false, 0}, ReluOptions{0.1, -0.5, true, 2}}) {
    // Away from the kinks at the threshold, 0 and the cap.
    std::vector<double> x;
    for (double v : randomVector(60, 34, -8, 8))
      if (std::abs(v - o.threshold) > 0.01 && std::abs(v) > 0.01 &&
          std::abs(v - o.maxValue) > 0.01)
        x.push_back(v);
    const std::vector<double> r = randomVector(x.size(), 35);
    std::vector<double> dx(x.size());
    reluOptionsBackward(o, x.data(), r.data(), dx.data(), int64_t(x.size()));
    expectGradientsMatch(
        [&](std::vector<double> &out) {
          out.resize(x.size());
          reluOptionsForward(o, x.data(), out.data(), int64_t(x.size()));
        },
        r, {{"x", &x, &dx}});
  }
}

// PReLU = relu(x) - alpha * relu(-x), alpha [a1..ak] shared along axes of size 1.
TEST(PReLUTest, HandValuesWithSharedAxes) {
  // x [2, 2, 3], alpha [1, 3] (shared along axis 1): alpha = [0.1, 0.2, 0.3] per channel.
  const PReLUShape s{{2, 2, 3}, {1, 3}};
  ASSERT_TRUE(checkPReLUShape(s).ok());
  const std::vector<double> x = {-1, 2, -3, 4, -5, 0, 1, -1, 1, -2, 0, -4};
  const std::vector<double> alpha = {0.1, 0.2, 0.3};
  std::vector<double> y(12);
  preluForward(s, x.data(), alpha.data(), y.data());
  expectNear(y, {-0.1, 2, -0.9, 4, -1.0, 0, 1, -0.2, 1, -0.2, 0, -1.2}, 1e-15, "prelu");
  std::vector<double> dy(12, 1.0), dx(12), da(3);
  dy[0] = 2; // the first element counts twice
  preluBackward(s, x.data(), alpha.data(), dy.data(), dx.data(), da.data());
  expectNear(dx, {0.2, 1, 0.3, 1, 0.2, 0, 1, 0.2, 1, 0.1, 0, 0.3}, 1e-15, "prelu dx");
  // d alpha_c = Σ dy · min(x, 0) over the rows with channel c:
  // c0: 2·-1 + 0 + 0 + -2 = -4; c1: 0 + -5 + -1 + 0 = -6; c2: -3 + 0 + 0 + -4 = -7.
  expectNear(da, {-4, -6, -7}, 1e-15, "prelu dalpha");
  EXPECT_FALSE(checkPReLUShape({{2, 2, 3}, {2, 2}}).ok());
  EXPECT_FALSE(checkPReLUShape({{2, 3}, {1, 3}}).ok());
}

TEST(PReLUTest, FiniteDifferences) {
  for (const PReLUShape &s : {PReLUShape{{3, 5}, {5}}, PReLUShape{{2, 3, 4, 2}, {1, 1, 2}},
                              PReLUShape{{2, 3, 4}, {3, 1}}}) {
    int64_t n = 1, m = 1;
    for (int64_t d : s.input) n *= d;
    for (int64_t d : s.alpha) m *= d;
    std::vector<double> x = randomAwayFromZero(size_t(n), 36, 0.05, 2.0);
    std::vector<double> alpha = randomVector(size_t(m), 37, -0.5, 0.8);
    const std::vector<double> r = randomVector(size_t(n), 38);
    std::vector<double> dx(static_cast<size_t>(n)), da(static_cast<size_t>(m));
    preluBackward(s, x.data(), alpha.data(), r.data(), dx.data(), da.data());
    expectGradientsMatch(
        [&](std::vector<double> &out) {
          out.resize(size_t(n));
          preluForward(s, x.data(), alpha.data(), out.data());
        },
        r, {{"x", &x, &dx}, {"alpha", &alpha, &da}});
  }
}

TEST(SoftmaxTest, ForwardValues) {
  // [1, 2, 3] -> e^{k-3} / (e^-2 + e^-1 + 1)
  std::vector<double> x = {1, 2, 3, 1000, 1000, 999}, y(6);
  softmaxForward(x.data(), y.data(), 2, 3);
  const double s = std::exp(-1.0); // second row: [1, 1, e^-1] / (2 + e^-1)
  expectNear(y,
             {0.09003057317038046, 0.24472847105479767, 0.6652409557748219,
              1 / (2 + s), 1 / (2 + s), s / (2 + s)},
             1e-15, "y");
  // Along axis 0 of a [2, 2] tensor (outer 1, axis 2, inner 2): columns.
  std::vector<double> z = {0, 5, std::log(3.0), 5}, w(4);
  softmaxForward(z.data(), w.data(), 1, 2, 2);
  expectNear(w, {0.25, 0.5, 0.75, 0.5}, 1e-15, "axis 0");
  // float, large logits stay finite
  std::vector<float> xf = {100, 100}, yf(2);
  softmaxForward(xf.data(), yf.data(), 1, 2);
  expectNear(yf, {0.5, 0.5}, 0, "float");
}

TEST(SoftmaxTest, BackwardHand) {
  // y = [0.25, 0.75], dy = [1, 0]: Σ dy y = 0.25;
  // dx = y (dy - 0.25) = [0.25 · 0.75, 0.75 · -0.25] = [0.1875, -0.1875]
  const std::vector<double> y = {0.25, 0.75}, dy = {1, 0};
  std::vector<double> dx(2);
  softmaxBackward(y.data(), dy.data(), dx.data(), 1, 2);
  expectNear(dx, {0.1875, -0.1875}, 1e-16, "dx");
}

TEST(SoftmaxTest, FiniteDifferences) {
  for (int64_t inner : {1, 3}) {
    const int64_t outer = 4, axis = 5, size = outer * axis * inner;
    std::vector<double> x = randomVector(size, 41, -3, 3);
    const std::vector<double> r = randomVector(size, 42);
    std::vector<double> y(size), dx(size);
    softmaxForward(x.data(), y.data(), outer, axis, inner);
    softmaxBackward(y.data(), r.data(), dx.data(), outer, axis, inner);
    expectGradientsMatch(
        [&](std::vector<double> &out) {
          out.resize(size);
          softmaxForward(x.data(), out.data(), outer, axis, inner);
        },
        r, {{"x", &x, &dx}});
  }
}

} // namespace
} // namespace dlc::rt::kernels

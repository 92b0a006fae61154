// dlc.activation / dlc.softmax reference kernels: hand-computed values,
// TensorFlow's derivatives at the kinks, gradient checks.
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
